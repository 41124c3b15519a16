"""End to end as an operator works: the ``agentur`` command and a real server process."""

from __future__ import annotations

import re
import sqlite3
import textwrap
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.conftest import unique_slug
from tests.e2e.server import Server, agentur_env, run_agentur

BUILT_IN = {"iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa"}
DEMO_PARTNERS = BUILT_IN | {"schuldnerberatung", "migrationsberatung", "volkshochschule"}


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    return agentur_env(tmp_path / "home")


@pytest.fixture
def servers(tmp_path: Path) -> Iterator[list[Server]]:
    started: list[Server] = []
    yield started
    for server in started:
        server.stop()


def start(servers: list[Server], tmp_path: Path, env: dict[str, str], *args: str) -> Server:
    server = Server(*args, env=env, log=tmp_path / f"server-{len(servers)}.log")
    servers.append(server)
    server.wait_ready()
    return server


def test_operator_sets_up_a_county_and_a_partner_uses_its_token(
    tmp_path: Path, env: dict[str, str], servers: list[Server]
) -> None:
    created = run_agentur(
        "tenant", "create", "saalekreis", "--name", "Saalekreis", "--plugins", "iaa,jobcenter", env=env
    )
    assert created.returncode == 0, created.stderr
    assert created.stdout.strip() == "saalekreis"

    user = run_agentur(
        "user", "create", "--tenant", "saalekreis", "--partner", "iaa", "--role", "reception", "empfang", env=env
    )
    assert user.returncode == 0, user.stderr
    name, password = user.stdout.strip().split("\t")
    assert name == "empfang" and len(password) >= 20

    token_run = run_agentur(
        "token", "create", "--tenant", "saalekreis", "--partner", "jobcenter", "--role", "caseworker", env=env
    )
    assert token_run.returncode == 0, token_run.stderr
    token = token_run.stdout
    assert re.fullmatch(r"agt\.saalekreis\.[A-Za-z0-9_-]{40,}\n", token), "the token alone on stdout"

    server = start(servers, tmp_path, env)
    response = httpx.get(
        f"{server.base_url}/api/v1/saalekreis/partners", headers={"Authorization": f"Bearer {token.strip()}"}
    )
    assert response.status_code == 200
    assert {p["id"] for p in response.json()["items"]} == {"iaa", "jobcenter"}

    database = (tmp_path / "home" / "agentur.sqlite3").read_bytes()
    assert token.strip().rsplit(".", 1)[1].encode() not in database
    assert password.encode() not in database


def test_admin_commands_refuse_bad_input_in_one_line(env: dict[str, str]) -> None:
    assert run_agentur("tenant", "create", "saalekreis", "--name", "Saalekreis", env=env).returncode == 0
    cases = [
        (("tenant", "create", "saalekreis", "--name", "Nochmal"), "exists already"),
        (("tenant", "create", "b", "--name", "Kurz"), "tenant slug 'b'"),
        (("tenant", "create", "k-neu", "--name", "K", "--plugins", "iaa,zauber"), "plugin 'zauber' is not installed"),
        (("user", "create", "--tenant", "saalekreis", "--partner", "iaa", "--role", "chef", "x1y"), "unknown role"),
        (("token", "create", "--tenant", "nirgends", "--partner", "iaa", "--role", "reception"), "does not exist"),
    ]
    for args, message in cases:
        result = run_agentur(*args, env=env)
        assert result.returncode == 2, (args, result.stderr)
        assert result.stderr.count("\n") == 1 and message in result.stderr, result.stderr
        assert result.stdout == ""


def test_password_from_stdin_is_used_and_not_echoed(env: dict[str, str]) -> None:
    assert (
        run_agentur("tenant", "create", "saalekreis", "--name", "Saalekreis", "--plugins", "iaa", env=env).returncode
        == 0
    )
    result = run_agentur(
        "user",
        "create",
        "--tenant",
        "saalekreis",
        "--partner",
        "iaa",
        "--role",
        "auditor",
        "dsb",
        "--password-stdin",
        env=env,
        stdin="ein-langes-passwort\n",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "dsb\n"


def test_demo_serves_the_demo_county_once_and_prints_its_logins(
    tmp_path: Path, env: dict[str, str], servers: list[Server]
) -> None:
    first = start(servers, tmp_path, env, "--demo")
    output = first.output()
    assert "Demo tenant 'burgenlandkreis'" in output
    tokens = re.findall(r"agt\.burgenlandkreis\.[A-Za-z0-9_-]+", output)
    assert tokens
    assert re.search(r"empfang\s+\S+-\S+", output)
    response = httpx.get(
        f"{first.base_url}/api/v1/burgenlandkreis/partners", headers={"Authorization": f"Bearer {tokens[0]}"}
    )
    assert response.status_code == 200
    partners = {p["id"]: p for p in response.json()["items"]}
    assert set(partners) == DEMO_PARTNERS
    assert partners["jobcenter"]["names"]["ar"] and partners["volkshochschule"]["names"]["ku"]
    first.stop()

    second = start(servers, tmp_path, env, "--demo")
    assert re.findall(r"agt\.burgenlandkreis\.[A-Za-z0-9_-]+", second.output()) == tokens, "created once, not twice"


def test_broken_plugin_stops_start_up_naming_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "kaputt_plugin").mkdir(parents=True)
    (site / "kaputt_plugin" / "__init__.py").write_text(
        textwrap.dedent(
            """
            from core import CONSENT, FieldGrant, Partner, PartnerKind, hookimpl

            NAMES = {"de": "Kaputt", "en": "Broken", "ar": "معطل", "ku": "Şikestî"}

            @hookimpl
            def agentur_partner():
                return Partner(id="kaputt", names=NAMES, kind=PartnerKind.EXTERNAL,
                               grants=(FieldGrant(field="iban", purpose="Zahlung", basis=CONSENT),))
            """
        )
    )
    dist = site / "kaputt_plugin-0.1.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: kaputt-plugin\nVersion: 0.1\n")
    (dist / "entry_points.txt").write_text("[agentur]\nkaputt = kaputt_plugin\n")
    env = agentur_env(tmp_path / "home", PYTHONPATH=str(site))

    result = run_agentur("serve", "--port", "1", env=env)
    assert result.returncode == 2
    assert "plugin 'kaputt'" in result.stderr
    assert "unknown biography field 'iban'" in result.stderr
    assert not (tmp_path / "home").exists(), "nothing is created before the plugins are sound"


@pytest.mark.postgres
def test_the_same_commands_run_the_agency_on_postgresql(
    tmp_path: Path, postgres_url: str, servers: list[Server]
) -> None:
    env = agentur_env(tmp_path / "home", AGENTUR_DATABASE_URL=postgres_url)
    slug = unique_slug("pg")
    assert run_agentur("migrate", env=env).returncode == 0
    created = run_agentur("tenant", "create", slug, "--name", "Kreis auf PostgreSQL", "--plugins", "baa", env=env)
    assert created.returncode == 0, created.stderr
    token = run_agentur("token", "create", "--tenant", slug, "--partner", "baa", "--role", "caseworker", env=env)
    assert token.returncode == 0, token.stderr
    server = start(servers, tmp_path, env)
    response = httpx.get(
        f"{server.base_url}/api/v1/{slug}/fields", headers={"Authorization": f"Bearer {token.stdout.strip()}"}
    )
    assert response.status_code == 200
    assert not (tmp_path / "home" / "agentur.sqlite3").exists(), "PostgreSQL, not the embedded file"


def test_operator_rotates_keys_verifies_the_audit_trail_and_erases_while_serving(
    tmp_path: Path, env: dict[str, str], servers: list[Server]
) -> None:
    assert (
        run_agentur("tenant", "create", "saalekreis", "--name", "Saalekreis", "--plugins", "iaa", env=env).returncode
        == 0
    )
    token = run_agentur(
        "token", "create", "--tenant", "saalekreis", "--partner", "iaa", "--role", "caseworker", env=env
    )
    headers = {"Authorization": f"Bearer {token.stdout.strip()}"}
    server = start(servers, tmp_path, env)
    person = {"family_name": "Haddad", "given_names": "Rami", "birth_date": "1989-05-02", "nationality": ["LB"]}
    created = httpx.post(f"{server.base_url}/api/v1/saalekreis/persons", json={"fields": person}, headers=headers)
    assert created.status_code == 201, created.text
    person_url = f"{server.base_url}/api/v1/saalekreis/persons/{created.json()['id']}"

    rotated = run_agentur("keys", "rotate", "--tenant", "saalekreis", env=env)
    assert rotated.returncode == 0, rotated.stderr
    assert "version 2; 1 data keys re-wrapped" in rotated.stdout
    assert httpx.get(person_url, headers=headers).json()["fields"] == person, "the running server reads on"

    verified = run_agentur("audit", "verify", "--tenant", "saalekreis", env=env)
    assert verified.returncode == 0 and "intact: 2 events" in verified.stdout, verified.stdout + verified.stderr

    erased = run_agentur("erase", "--tenant", "saalekreis", created.json()["id"], env=env)
    assert erased.returncode == 0, erased.stderr
    assert httpx.get(person_url, headers=headers).status_code == 404
    assert run_agentur("erase", "--tenant", "saalekreis", created.json()["id"], env=env).returncode == 2

    with sqlite3.connect(tmp_path / "home" / "agentur.sqlite3") as db:
        db.execute("UPDATE audit_event SET action = 'person.update' WHERE seq = 2")
    broken = run_agentur("audit", "verify", "--tenant", "saalekreis", env=env)
    assert broken.returncode == 3
    assert "broken at event 2" in broken.stderr

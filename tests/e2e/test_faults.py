"""Fault tests: the database goes away, commands die half-way, the disk fills, the audit trail cannot be written.

1. PostgreSQL goes away while persons and referrals are created: a TCP proxy (``tests/support_faults.py``)
   between a real ``agentur serve`` and the server is cut (connections aborted, new ones refused) and
   opened again. While it is cut every write answers 503 problem+json; afterwards the service recovers
   by itself; every acknowledged write is readable, and nothing is stored half.
2. ``agentur keys rotate`` and ``agentur erase`` are SIGKILLed inside their transaction (each is paused
   there by a hook, so the kill lands mid-way for sure) and run again: they complete, every person opens
   with the newest key, the erased person is gone and the others are untouched, the audit chain holds.
3. SQLite's file cannot be written: the disk is "full" for a real ``agentur serve`` (its file-size limit,
   ``RLIMIT_FSIZE``, lowered from outside with ``prlimit``; root is bound by it, unlike file modes) and the
   file is made immutable (``chattr +i``, which binds root too). Writes answer 503, reads go on, nothing
   is stored half, the file passes ``PRAGMA integrity_check``, and the service recovers without restart.
4. The audit trail cannot be written: a read and a create fail with a problem that holds no plaintext,
   and the create stores nothing.
"""

from __future__ import annotations

import asyncio
import json
import os
import resource
import shutil
import signal
import sqlite3
import subprocess
import sys
import threading
import time
import uuid
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg
import httpx
import pytest
from litestar.testing import AsyncTestClient

from core import audit
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.persons import create_person
from core.services.staff import create_tenant, create_token
from core.settings import Settings
from core.storage.engine import DatabaseUnavailable
from core.web.app import create_app
from tests.conftest import require_postgres, unique_slug
from tests.e2e.server import Server, agentur_env, run_agentur
from tests.support_faults import CuttableProxy

PROBLEM = "application/problem+json"
ROOT = Path(__file__).resolve().parents[2]
PERSON = {
    "family_name": "Haddad",
    "given_names": "Rami",
    "birth_date": "1989-05-02",
    "nationality": ["LB"],
    "address": "Domplatz 1, 06618 Naumburg (Saale)",
    "residence_status": "aufenthaltserlaubnis",
}
PLAINTEXT_MARKERS = ("Haddad", "Rami", "Domplatz", "1989-05-02", "Naumburg")


def person_fields(n: int) -> dict[str, Any]:
    return {**PERSON, "family_name": f"Haddad-{n}", "address": f"Domplatz {n + 1}, 06618 Naumburg (Saale)"}


def assert_problem(response: httpx.Response, status: int, slug: str | None = None) -> None:
    """A problem+json answer of ``status`` that names no personal data and carries no traceback."""
    assert response.status_code == status, response.text[:300]
    assert response.headers["content-type"].startswith(PROBLEM), response.headers
    body = response.json()
    assert body["status"] == status
    if slug is not None:
        assert body["type"].endswith("/" + slug), body
    assert "Traceback" not in response.text
    assert not any(marker in response.text for marker in PLAINTEXT_MARKERS), response.text


def run(coro: Any) -> Any:
    return asyncio.run(coro)


async def pg_fetch(url: str, sql: str, *args: Any) -> list[dict[str, Any]]:
    conn = await asyncpg.connect(url)
    try:
        return [dict(r) for r in await conn.fetch(sql, *args)]
    finally:
        await conn.close()


def sqlite_fetch(path: Path, sql: str, *args: Any) -> list[dict[str, Any]]:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    conn.row_factory = sqlite3.Row
    try:
        converted = sql
        for i in range(len(args), 0, -1):
            converted = converted.replace(f"${i}", f"?{i}")
        return [dict(r) for r in conn.execute(converted, args).fetchall()]
    finally:
        conn.close()


@dataclass
class Store:
    """Read the database behind a test directly, on either engine (``$1`` placeholders)."""

    sqlite_path: Path | None = None
    url: str | None = None

    def fetch(self, sql: str, *args: Any) -> list[dict[str, Any]]:
        if self.url is not None:
            rows: list[dict[str, Any]] = run(pg_fetch(self.url, sql, *args))
            return rows
        assert self.sqlite_path is not None
        return sqlite_fetch(self.sqlite_path, sql, *args)

    def value(self, sql: str, *args: Any) -> Any:
        return next(iter(self.fetch(sql, *args)[0].values()))


WHOLE_PERSONS = """
SELECT p.id, p.erased_at,
  (SELECT count(*) FROM person_key k WHERE k.tenant_id = p.tenant_id AND k.person_id = p.id) AS keys,
  (SELECT count(*) FROM person_field f WHERE f.tenant_id = p.tenant_id AND f.person_id = p.id) AS fields,
  (SELECT count(*) FROM person_index i WHERE i.tenant_id = p.tenant_id AND i.person_id = p.id) AS digests,
  (SELECT count(*) FROM audit_event a WHERE a.tenant_id = p.tenant_id AND a.person_id = p.id
     AND a.action = 'person.create') AS created
FROM person p WHERE p.tenant_id = $1
"""
ORPHANS = """
SELECT
  (SELECT count(*) FROM person_key k WHERE k.tenant_id = $1
     AND NOT EXISTS (SELECT 1 FROM person p WHERE p.tenant_id = k.tenant_id AND p.id = k.person_id)) AS keys,
  (SELECT count(*) FROM person_field f WHERE f.tenant_id = $1
     AND NOT EXISTS (SELECT 1 FROM person p WHERE p.tenant_id = f.tenant_id AND p.id = f.person_id)) AS fields,
  (SELECT count(*) FROM person_index i WHERE i.tenant_id = $1
     AND NOT EXISTS (SELECT 1 FROM person p WHERE p.tenant_id = i.tenant_id AND p.id = i.person_id)) AS digests,
  (SELECT count(*) FROM referral_step s WHERE s.tenant_id = $1
     AND NOT EXISTS (SELECT 1 FROM referral r WHERE r.tenant_id = s.tenant_id AND r.id = s.referral_id)) AS steps
"""


def assert_persons_whole(store: Store, tenant: str) -> dict[str, dict[str, Any]]:
    """Every person of the tenant has exactly its key, all its fields, its digests and its create event."""
    rows = {r["id"]: r for r in store.fetch(WHOLE_PERSONS, tenant)}
    half = [r for r in rows.values() if (r["keys"], r["fields"], r["digests"], r["created"]) != (1, len(PERSON), 3, 1)]
    assert not half, f"{len(half)} persons stored half, e.g. {half[:3]}"
    orphans = store.fetch(ORPHANS, tenant)[0]
    assert set(orphans.values()) == {0}, f"rows without their person or referral: {orphans}"
    return rows


def audit_verified(env: dict[str, str], tenant: str) -> str:
    verified = run_agentur("audit", "verify", "--tenant", tenant, env=env)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    return verified.stdout.strip()


def setup_tenant(env: dict[str, str], tenant: str, *plugins: str) -> dict[str, str]:
    """Migrate, create the county and a caseworker token per plugin: in this process through the services
    (each ``agentur`` start costs seconds of imports); the database is the one the server will use."""
    url = env.get("AGENTUR_DATABASE_URL")
    settings = Settings(home=Path(env["AGENTUR_HOME"]), database_url=url)

    async def create() -> dict[str, str]:
        from core.services.agency import open_agency
        from core.storage.schema import migrate

        await migrate(settings)
        agency = await open_agency(settings)
        try:
            await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=list(plugins), declared_partners=[])
            return {
                partner: await create_token(agency, tenant, partner_id=partner, role=Role.CASEWORKER, name="faults")
                for partner in plugins
            }
        finally:
            await agency.close()

    tokens: dict[str, str] = run(create())
    return tokens


@pytest.fixture
def started() -> Iterator[list[Any]]:
    """Servers and proxies started by a test, stopped whatever happens."""
    things: list[Any] = []
    yield things
    for thing in reversed(things):
        thing.stop()


# --------------------------------------------------------------------------------------------
# 1. PostgreSQL goes away while referrals are created


@pytest.fixture
def own_postgres_database() -> Iterator[str]:
    """A database of this test's own (the server's pool is cut and reconnected; nobody else uses it)."""
    admin_url = require_postgres()
    name = f"agentur_faults_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    run(admin(f'CREATE DATABASE "{name}"'))
    parts = urlsplit(admin_url)
    yield urlunsplit(parts._replace(path=f"/{name}"))
    run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@dataclass
class Outcome:
    kind: str  # person | referral
    started: str  # phase when the request was sent: up | down | back
    ended: str
    status: int  # 0: no HTTP answer at all
    id: str | None
    content_type: str
    body: str
    began_at: float


@dataclass
class Timeline:
    phase: str = "up"
    restored_at: float = 0.0
    outcomes: list[Outcome] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def writer_loop(base: str, tokens: dict[str, str], timeline: Timeline, stop: threading.Event, n0: int) -> None:
    """Create a person, then refer them to the Jobcenter; over and over, recording every answer."""
    headers = {"Authorization": f"Bearer {tokens['iaa']}"}
    n = n0
    with httpx.Client(base_url=base, headers=headers, timeout=30) as client:
        while not stop.is_set():
            n += 1
            person_id: str | None = None
            for kind in ("person", "referral"):
                if kind == "referral" and person_id is None:
                    break
                began, phase = time.monotonic(), timeline.phase
                try:
                    if kind == "person":
                        response = client.post("persons", json={"fields": person_fields(n)})
                    else:
                        body = {
                            "person_id": person_id,
                            "to_partner": "jobcenter",
                            "service": "buergergeld",
                            "reason": f"Antrag auf Bürgergeld, Vorgang {n}",
                        }
                        response = client.post("referrals", json=body)
                    status, ctype, text = response.status_code, response.headers.get("content-type", ""), response.text
                except httpx.TransportError as exc:
                    status, ctype, text = 0, "", type(exc).__name__
                made = json.loads(text)["id"] if status == 201 else None
                with timeline.lock:
                    timeline.outcomes.append(Outcome(kind, phase, timeline.phase, status, made, ctype, text, began))
                if kind == "person":
                    person_id = made
            time.sleep(0.005)


@pytest.mark.postgres
def test_postgres_cut_away_and_back_loses_no_acknowledged_write(
    tmp_path: Path, own_postgres_database: str, started: list[Any]
) -> None:
    began = time.monotonic()
    direct = own_postgres_database
    parts = urlsplit(direct)
    proxy = CuttableProxy(parts.hostname or "127.0.0.1", parts.port or 5432).start()
    started.append(proxy)
    proxied = urlunsplit(parts._replace(netloc=f"{parts.username or 'postgres'}@127.0.0.1:{proxy.port}"))
    env = agentur_env(tmp_path / "home", AGENTUR_DATABASE_URL=direct)
    tenant = unique_slug("cut")
    tokens = setup_tenant(env, tenant, "iaa", "jobcenter")
    server = Server(env={**env, "AGENTUR_DATABASE_URL": proxied}, log=tmp_path / "server.log")
    started.append(server)
    server.wait_ready()
    base = f"{server.base_url}/api/v1/{tenant}/"

    timeline, stop = Timeline(), threading.Event()
    writers = [
        threading.Thread(target=writer_loop, args=(base, tokens, timeline, stop, 100_000 * i), daemon=True)
        for i in range(4)
    ]
    for thread in writers:
        thread.start()
    cuts = 1
    for _ in range(cuts):
        time.sleep(1.5)
        proxy.cut()
        timeline.phase = "down"
        time.sleep(2.0)
        timeline.phase = "back"
        timeline.restored_at = time.monotonic()
        proxy.restore()
    time.sleep(2.0)
    stop.set()
    for thread in writers:
        thread.join(timeout=40)
    assert server.process.poll() is None, "the server kept running through the outage"

    outcomes = timeline.outcomes
    figures = Counter(f"{o.kind} {o.started}->{o.ended}: {o.status}" for o in outcomes)
    print(f"\npostgres cut ({cuts} cuts, proxy {proxy.figures}): {len(outcomes)} requests")
    for line, count in sorted(figures.items()):
        print(f"  {line}: {count}")

    # while the database is away: 503 problem+json, nothing else
    assert {o.status for o in outcomes} <= {201, 503}, [o for o in outcomes if o.status not in (201, 503)][:3]
    for o in outcomes:
        if o.status == 503:
            assert o.content_type.startswith(PROBLEM), o
            assert json.loads(o.body)["type"].endswith("/unavailable"), o.body
            assert not any(marker in o.body for marker in PLAINTEXT_MARKERS), o.body
    during = [o for o in outcomes if o.started == o.ended == "down"]
    assert len(during) >= 20, f"only {len(during)} requests while the database was away"
    assert all(o.status == 503 for o in during), Counter(o.status for o in during)
    # it recovers by itself: every request sent a second after the database came back succeeds
    late = [o for o in outcomes if o.started == "back" and o.began_at > timeline.restored_at + 1.0]
    assert len(late) >= 20 and all(o.status == 201 for o in late), Counter(o.status for o in late)
    assert "unhandled" not in server.output(), server.output()[-3000:]

    # no acknowledged write is lost: each is readable through the API
    acknowledged_persons = {o.id for o in outcomes if o.kind == "person" and o.status == 201}
    acknowledged_referrals = {o.id for o in outcomes if o.kind == "referral" and o.status == 201}
    with httpx.Client(base_url=base, headers={"Authorization": f"Bearer {tokens['iaa']}"}, timeout=30) as client:
        for pid in acknowledged_persons:
            read = client.get(f"persons/{pid}")
            assert read.status_code == 200, read.text
            assert read.json()["fields"]["given_names"] == "Rami"
        for rid in acknowledged_referrals:
            assert client.get(f"referrals/{rid}").status_code == 200

    # and nothing is stored half: every stored person and referral is whole
    store = Store(url=direct)
    persons = assert_persons_whole(store, tenant)
    referrals = {
        r["id"]: r
        for r in store.fetch(
            "SELECT r.id, "
            "(SELECT count(*) FROM referral_step s WHERE s.tenant_id = r.tenant_id AND s.referral_id = r.id) AS steps, "
            "(SELECT count(*) FROM audit_event a WHERE a.tenant_id = r.tenant_id AND a.action = 'referral.send' "
            "  AND a.purpose LIKE 'referral ' || r.id || ' %') AS sent, "
            "(SELECT count(*) FROM outbox o WHERE o.tenant_id = r.tenant_id AND o.payload LIKE '%' || r.id || '%') "
            "  AS events "
            "FROM referral r WHERE r.tenant_id = $1",
            tenant,
        )
    }
    half = [r for r in referrals.values() if r["steps"] != 1 or r["sent"] != 1 or r["events"] < 1]
    assert not half, f"{len(half)} referrals stored half, e.g. {half[:3]}"
    assert acknowledged_persons <= set(persons), "an acknowledged person is missing"
    assert acknowledged_referrals <= set(referrals), "an acknowledged referral is missing"
    unacknowledged = (len(persons) - len(acknowledged_persons), len(referrals) - len(acknowledged_referrals))
    print(
        f"  stored: {len(persons)} persons ({len(acknowledged_persons)} acknowledged), {len(referrals)} referrals "
        f"({len(acknowledged_referrals)} acknowledged); committed but answered 503 (lost ack at COMMIT): "
        f"{unacknowledged}; acknowledged but lost: 0; half-written: 0"
    )
    print(f"  {audit_verified(env, tenant)}; {time.monotonic() - began:.1f}s")


# --------------------------------------------------------------------------------------------
# 2. Killed in the middle of key rotation and of erasure


@dataclass(frozen=True)
class World:
    settings: Settings
    env: dict[str, str]
    store: Store
    tenant: str
    persons: list[str]

    async def token(self) -> str:
        from core.services.agency import open_agency

        agency = await open_agency(self.settings)
        try:
            return await create_token(agency, self.tenant, partner_id="iaa", role=Role.CASEWORKER, name="faults")
        finally:
            await agency.close()


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> World:
    """A county with 1,200 persons (re-wrap batches of 500, 500, 200), registered through the service."""
    home = tmp_path / "home"
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        settings = Settings(home=home, database_url=url)
        env, store = agentur_env(home, AGENTUR_DATABASE_URL=url), Store(url=url)
    else:
        settings = Settings(home=home)
        env, store = agentur_env(home), Store(sqlite_path=settings.sqlite_path)
    tenant = unique_slug("kill")

    async def populate() -> list[str]:
        from core.domain.staff import Principal
        from core.services.agency import open_agency
        from core.storage.schema import migrate

        await migrate(settings)
        agency = await open_agency(settings)
        try:
            await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=["iaa"], declared_partners=[])
            clerk = Principal(tenant_id=tenant, partner_id="iaa", role=Role.CASEWORKER, subject="test:register")
            queue = list(range(1200))
            made: list[str] = []

            async def register() -> None:
                while queue:
                    made.append((await create_person(agency, clerk, person_fields(queue.pop()))).id)

            await asyncio.gather(*(register() for _ in range(8 if settings.database_url else 1)))
            return made
        finally:
            await agency.close()

    return World(settings, env, store, tenant, run(populate()))


def kill_when_paused(point: str, tmp_path: Path, env: dict[str, str], *args: str) -> float:
    """Run ``agentur ARGS`` with a pause inside its transaction at ``point``; SIGKILL it there."""
    marker = tmp_path / f"paused-{point}-{time.monotonic_ns()}"
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.support_faults", point, str(marker), "--", *args],
        env={**env, "PYTHONPATH": str(ROOT)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        start_new_session=True,
    )
    began = time.monotonic()
    try:
        while not marker.exists():
            assert process.poll() is None, process.communicate()
            assert time.monotonic() - began < 60, "the command never reached its pause point"
            time.sleep(0.01)
        os.killpg(process.pid, signal.SIGKILL)
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
    assert process.returncode == -signal.SIGKILL
    return time.monotonic() - began


def key_versions(world: World) -> Counter[int]:
    rows = world.store.fetch(
        "SELECT kek_version, count(*) AS n FROM person_key WHERE tenant_id = $1 GROUP BY kek_version", world.tenant
    )
    return Counter({int(r["kek_version"]): int(r["n"]) for r in rows})


def read_all(world: World, server: Server, token: str, ids: list[str]) -> dict[str, int]:
    """Read ``ids`` through the running server: status code per person."""
    statuses = {}
    with httpx.Client(base_url=f"{server.base_url}/api/v1/{world.tenant}/", timeout=30) as client:
        for pid in ids:
            response = client.get(f"persons/{pid}", headers={"Authorization": f"Bearer {token}"})
            statuses[pid] = response.status_code
            if response.status_code == 200:
                assert response.json()["fields"]["given_names"] == "Rami"
    return statuses


def test_rotation_and_erasure_killed_half_way_complete_when_run_again(
    world: World, tmp_path: Path, started: list[Any]
) -> None:
    began = time.monotonic()
    total = len(world.persons)
    assert key_versions(world) == {1: total}

    # key rotation: batches 1 and 2 committed, batch 3 written but not committed when the kill lands
    paused = kill_when_paused("rewrap-batch-3", tmp_path, world.env, "keys", "rotate", "--tenant", world.tenant)
    after_kill = key_versions(world)
    assert after_kill == {1: total - 1000, 2: 1000}, f"the kill landed mid-way: {after_kill}"
    rerun = run_agentur("keys", "rotate", "--tenant", world.tenant, env=world.env)
    assert rerun.returncode == 0, rerun.stderr
    assert f"version 3; {total} data keys re-wrapped" in rerun.stdout, rerun.stdout
    assert key_versions(world) == {3: total}, "every data key is under the newest key-encryption key"

    # erasure: key, fields and index deleted, not committed, when the kill lands
    victim, *others = world.persons
    kill_when_paused("erase-before-commit", tmp_path, world.env, "erase", "--tenant", world.tenant, victim)
    assert world.store.value(
        "SELECT count(*) FROM person_key WHERE tenant_id = $1 AND person_id = $2", world.tenant, victim
    ), "a kill before COMMIT erases nothing"
    assert_persons_whole(world.store, world.tenant)
    erased = run_agentur("erase", "--tenant", world.tenant, victim, env=world.env)
    assert erased.returncode == 0, erased.stderr

    rows = assert_persons_whole_except(world, victim)
    assert rows[victim]["erased_at"] is not None
    assert (rows[victim]["keys"], rows[victim]["fields"], rows[victim]["digests"]) == (0, 0, 0)
    token = run(world.token())
    server = Server(env=world.env, log=tmp_path / "server.log")
    started.append(server)
    server.wait_ready()
    sample = [victim, *others[:: max(1, len(others) // 40)]]
    statuses = read_all(world, server, token, sample)
    assert statuses[victim] == 404
    assert set(statuses[p] for p in sample[1:]) == {200}, Counter(statuses.values())
    verified = audit_verified(world.env, world.tenant)
    print(
        f"\nkilled mid-way ({'postgres' if world.store.url else 'sqlite'}): rotation paused in batch 3 after "
        f"{paused:.1f}s -> {dict(after_kill)}, rerun re-wrapped {total}; erasure killed before COMMIT, rerun erased; "
        f"{len(sample)} persons read back; {verified}; {time.monotonic() - began:.1f}s"
    )


def assert_persons_whole_except(world: World, erased: str) -> dict[str, dict[str, Any]]:
    rows = {r["id"]: r for r in world.store.fetch(WHOLE_PERSONS, world.tenant)}
    half = [
        r
        for pid, r in rows.items()
        if pid != erased and (r["keys"], r["fields"], r["digests"], r["created"]) != (1, len(PERSON), 3, 1)
    ]
    assert not half, f"{len(half)} persons changed or stored half, e.g. {half[:3]}"
    return rows


# --------------------------------------------------------------------------------------------
# 3. SQLite: the disk is full, the file is read-only


@dataclass
class SqliteServer:
    env: dict[str, str]
    server: Server
    tenant: str
    token: str
    path: Path

    def client(self) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.server.base_url}/api/v1/{self.tenant}/",
            headers={"Authorization": f"Bearer {self.token}"},
            timeout=30,
        )


@pytest.fixture
def sqlite_server(tmp_path: Path, started: list[Any]) -> SqliteServer:
    env = agentur_env(tmp_path / "home")
    tenant = unique_slug("disk")
    tokens = setup_tenant(env, tenant, "iaa")
    server = Server(env=env, log=tmp_path / "server.log")
    started.append(server)
    server.wait_ready()
    return SqliteServer(env, server, tenant, tokens["iaa"], tmp_path / "home" / "agentur.sqlite3")


def integrity(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True, timeout=10)
    try:
        return str(conn.execute("PRAGMA integrity_check").fetchone()[0])
    finally:
        conn.close()


def assert_reads_need_their_audit_event(client: httpx.Client, person_id: str) -> None:
    """While nothing can be written, a biography is not shown either (its read could not be audited);
    what needs no audit event is still answered."""
    assert_problem(client.get(f"persons/{person_id}"), 503, "unavailable")
    assert client.get("partners").status_code == 200


def check_after_fault(ctx: SqliteServer, acknowledged: list[str]) -> tuple[int, int]:
    """Every acknowledged person reads back; nothing is stored half; the file is sound."""
    with ctx.client() as client:
        for pid in acknowledged:
            assert client.get(f"persons/{pid}").status_code == 200
    rows = assert_persons_whole(Store(sqlite_path=ctx.path), ctx.tenant)
    assert set(acknowledged) <= set(rows)
    assert integrity(ctx.path) == "ok"
    return len(rows), len(acknowledged)


def chattr(flag: str, *paths: Path) -> bool:
    if shutil.which("chattr") is None:
        return False
    done = subprocess.run(["chattr", flag, *map(str, paths)], capture_output=True, check=False)
    return done.returncode == 0


def disk_full(ctx: SqliteServer) -> None:
    pid = ctx.server.process.pid
    files = [ctx.path, ctx.path.with_name(ctx.path.name + "-wal")]
    limit = max(f.stat().st_size for f in files if f.exists()) + 64 * 1024
    acknowledged: list[str] = []
    statuses: Counter[int] = Counter()
    with ctx.client() as client:
        first = client.post("persons", json={"fields": person_fields(0)})
        assert first.status_code == 201
        acknowledged.append(first.json()["id"])
        # the disk fills: no file of the server may grow past ``limit`` bytes any more
        # (only the soft limit: raising a hard limit again needs CAP_SYS_RESOURCE, which a container may lack)
        resource.prlimit(pid, resource.RLIMIT_FSIZE, (limit, resource.RLIM_INFINITY))
        try:
            full = 0
            for n in range(1, 2000):
                response = client.post("persons", json={"fields": person_fields(n)})
                statuses[response.status_code] += 1
                if response.status_code == 201:
                    acknowledged.append(response.json()["id"])
                    continue
                assert_problem(response, 503, "unavailable")
                full += 1
                if full >= 5:
                    break
            assert full >= 5, f"the disk never filled: {statuses}"
            assert_reads_need_their_audit_event(client, acknowledged[0])
        finally:
            resource.prlimit(pid, resource.RLIMIT_FSIZE, (resource.RLIM_INFINITY, resource.RLIM_INFINITY))
        # space again: writes succeed without a restart
        for n in range(5000, 5005):
            response = client.post("persons", json={"fields": person_fields(n)})
            assert response.status_code == 201, response.text
            acknowledged.append(response.json()["id"])
    assert ctx.server.process.poll() is None
    assert "unhandled" not in ctx.server.output(), ctx.server.output()[-3000:]
    stored, acked = check_after_fault(ctx, acknowledged)
    print(
        f"\nsqlite disk full (RLIMIT_FSIZE {limit} bytes): {dict(statuses)} while full; "
        f"{stored} stored, {acked} acknowledged, 0 lost, 0 half; integrity ok; {audit_verified(ctx.env, ctx.tenant)}"
    )


def read_only(ctx: SqliteServer) -> None:
    wal = ctx.path.with_name(ctx.path.name + "-wal")
    with ctx.client() as client:
        first = client.post("persons", json={"fields": person_fields(8888)})
        assert first.status_code == 201
        acknowledged = [first.json()["id"]]
        immutable = [p for p in (ctx.path, wal) if p.exists()]
        if not chattr("+i", *immutable):
            pytest.fail("chattr +i is not available here (needs CAP_LINUX_IMMUTABLE and ext2/3/4, xfs or btrfs)")
        try:
            statuses: Counter[int] = Counter()
            for n in range(1, 6):
                response = client.post("persons", json={"fields": person_fields(n)})
                statuses[response.status_code] += 1
                assert_problem(response, 503, "unavailable")
            assert_reads_need_their_audit_event(client, acknowledged[0])
        finally:
            chattr("-i", *immutable)
        response = client.post("persons", json={"fields": person_fields(9999)})
        assert response.status_code == 201, response.text
        acknowledged.append(response.json()["id"])
    assert "unhandled" not in ctx.server.output(), ctx.server.output()[-3000:]
    stored, acked = check_after_fault(ctx, acknowledged)
    print(
        f"\nsqlite read-only (chattr +i on database and WAL): {dict(statuses)} while read-only; "
        f"{stored} stored, {acked} acknowledged, 0 half; integrity ok; {audit_verified(ctx.env, ctx.tenant)}"
    )


def test_sqlite_full_or_read_only_answers_503_and_recovers_without_restart(sqlite_server: SqliteServer) -> None:
    """One server through both faults, one after the other: the disk fills, then the file turns read-only."""
    disk_full(sqlite_server)
    read_only(sqlite_server)


# --------------------------------------------------------------------------------------------
# 4. The audit trail cannot be written


@pytest.fixture
async def api(settings: Settings, agency: Agency) -> AsyncIterator[tuple[AsyncTestClient, str, dict[str, str]]]:  # type: ignore[type-arg]
    tenant = unique_slug("audit")
    await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=["iaa"], declared_partners=[])
    token = await create_token(agency, tenant, partner_id="iaa", role=Role.CASEWORKER, name="test")
    async with AsyncTestClient(app=create_app(settings)) as client:
        yield client, f"/api/v1/{tenant}", {"Authorization": f"Bearer {token}"}


@pytest.mark.parametrize(
    ("failure", "status"),
    [(RuntimeError("audit table gone"), 500), (DatabaseUnavailable("audit append failed"), 503)],
    ids=["error", "unavailable"],
)
async def test_a_failed_audit_write_returns_nothing_and_stores_nothing(
    api: tuple[AsyncTestClient, str, dict[str, str]],  # type: ignore[type-arg]
    agency: Agency,
    monkeypatch: pytest.MonkeyPatch,
    failure: Exception,
    status: int,
) -> None:
    client, base, headers = api
    created = await client.post(f"{base}/persons", json={"fields": PERSON}, headers=headers)
    assert created.status_code == 201
    person_id = created.json()["id"]
    tenant = base.rsplit("/", 1)[1]

    async def stored() -> int:
        row = await agency.db.fetchrow("SELECT count(*) AS n FROM person WHERE tenant_id = $1", tenant)
        assert row is not None
        return int(row["n"])

    async def events() -> int:
        row = await agency.db.fetchrow("SELECT count(*) AS n FROM audit_event WHERE tenant_id = $1", tenant)
        assert row is not None
        return int(row["n"])

    before = (await stored(), await events())

    async def failing_record(*args: Any, **kwargs: Any) -> int:
        raise failure

    monkeypatch.setattr(audit, "record", failing_record)
    read = await client.get(f"{base}/persons/{person_id}", headers=headers)
    assert_problem(read, status)
    made = await client.post(f"{base}/persons", json={"fields": person_fields(7)}, headers=headers)
    assert_problem(made, status)
    assert (await stored(), await events()) == before, "nothing stored, no event appended"
    monkeypatch.undo()
    again = await client.get(f"{base}/persons/{person_id}", headers=headers)
    assert again.status_code == 200 and again.json()["fields"]["family_name"] == "Haddad"

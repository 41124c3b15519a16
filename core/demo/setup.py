"""``agentur serve --demo``: the demo tenant, once, with staff logins and API tokens to try it with."""

from __future__ import annotations

import datetime as dt
import os
from importlib import resources
from pathlib import Path
from typing import Any

import msgspec

from core.demo.biographies import demo_biographies
from core.domain.consent import CollectionMethod
from core.domain.errors import NotFound
from core.domain.staff import Principal, Role
from core.plugins import read_partner_file
from core.services.agency import Agency
from core.services.consents import ConsentTerms, record_consent
from core.services.persons import create_person, update_person, writable_fields
from core.services.staff import create_tenant, create_token, create_user
from core.storage.repositories import Tenants

DEMO_TENANT = "burgenlandkreis"
DEMO_NAME = "Burgenlandkreis"
BUILT_IN_PLUGINS = ("iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa")

DEMO_STAFF: tuple[tuple[str, str, Role], ...] = (
    ("empfang", "iaa", Role.RECEPTION),
    ("iaa-sachbearbeitung", "iaa", Role.CASEWORKER),
    ("jobcenter", "jobcenter", Role.CASEWORKER),
    ("jugendamt", "jugendamt", Role.CASEWORKER),
    ("sportbund", "sportbund", Role.PARTNER_ADMIN),
    ("ehrenamt", "ehrenamt", Role.PARTNER_ADMIN),
    ("baa", "baa", Role.CASEWORKER),
    ("admin", "iaa", Role.TENANT_ADMIN),
    ("datenschutz", "iaa", Role.AUDITOR),
)
DEMO_TOKENS: tuple[tuple[str, Role], ...] = (
    ("jobcenter", Role.CASEWORKER),
    ("sportbund", Role.PARTNER_ADMIN),
    ("baa", Role.CASEWORKER),
)


class DemoLogin(msgspec.Struct, frozen=True):
    username: str
    partner: str
    role: str
    password: str


class DemoToken(msgspec.Struct, frozen=True):
    partner: str
    role: str
    token: str


class DemoLogins(msgspec.Struct, frozen=True):
    """Kept in ``AGENTUR_HOME/demo-logins.json`` (mode 0600) so every start can print them again."""

    tenant: str
    logins: list[DemoLogin]
    tokens: list[DemoToken]

    def render(self, base_url: str) -> str:
        lines = [
            f"Staff screens: {base_url}/ui/login  (county {self.tenant!r}; sign in with a login below)",
            f"Demo tenant {self.tenant!r}: {base_url}/api/v1/{self.tenant}/partners",
            "Staff logins:",
        ]
        lines += [f"  {lg.username:<22} {lg.password}   ({lg.partner}, {lg.role})" for lg in self.logins]
        lines.append("API tokens (Authorization: Bearer <token>):")
        lines += [f"  {t.partner:<12} {t.role:<14} {t.token}" for t in self.tokens]
        return "\n".join(lines)


def demo_partner_file() -> Path:
    return Path(str(resources.files("core.demo").joinpath("burgenlandkreis.toml")))


async def ensure_demo(agency: Agency) -> DemoLogins:
    """Create the demo tenant once; later starts only read back the logins created then."""
    store = agency.settings.home / "demo-logins.json"
    if await Tenants(agency.db).get(DEMO_TENANT) is not None:
        if store.exists():
            return msgspec.json.decode(store.read_bytes(), type=DemoLogins)
        return DemoLogins(tenant=DEMO_TENANT, logins=[], tokens=[])
    plugins = [p for p in BUILT_IN_PLUGINS if p in agency.registry.partners]
    await create_tenant(
        agency, DEMO_TENANT, name=DEMO_NAME, plugins=plugins, declared_partners=read_partner_file(demo_partner_file())
    )
    logins = []
    for username, partner, role in DEMO_STAFF:
        if partner in plugins:
            _, password = await create_user(agency, DEMO_TENANT, partner_id=partner, role=role, username=username)
            logins.append(DemoLogin(username, partner, role.value, password))
    tokens = [
        DemoToken(
            partner, role.value, await create_token(agency, DEMO_TENANT, partner_id=partner, role=role, name="demo")
        )
        for partner, role in DEMO_TOKENS
        if partner in plugins
    ]
    await seed_biographies(agency, DEMO_TENANT, demo_biographies())
    result = DemoLogins(tenant=DEMO_TENANT, logins=logins, tokens=tokens)
    _write_private(store, msgspec.json.encode(result))
    return result


IDENTITY = ("family_name", "given_names", "birth_date", "birth_place", "gender", "nationality")
STATUTORY_WRITERS = ("iaa", "jobcenter", "jugendamt")
DEMO_VALID_DAYS = 365


def _desk(tenant: str, partner: str, role: Role = Role.CASEWORKER) -> Principal:
    return Principal(tenant_id=tenant, partner_id=partner, role=role, subject=f"demo:{partner}")


async def seed_biographies(agency: Agency, tenant: str, biographies: list[dict[str, Any]]) -> None:
    """Enter each synthetic biography as the offices would: every write through the access decision.

    The IAA registers the person; the offices write what their statutes let them write; what is
    left (EU citizens' data, education, interests, health notes) is written after the person's
    consent is recorded at the desk — so the demo shows consents and statute grants side by side.
    """
    until = dt.date.today() + dt.timedelta(days=DEMO_VALID_DAYS)
    for index, bio in enumerate(biographies):
        person = (await create_person(agency, _desk(tenant, "iaa"), {f: bio[f] for f in IDENTITY if f in bio})).id
        remaining = {f: v for f, v in bio.items() if f not in IDENTITY}
        remaining = await _write_what_statutes_allow(agency, tenant, person, remaining)
        if remaining:
            terms = ConsentTerms(
                partners=["iaa"],
                fields=sorted(remaining),
                purpose="Erfassung der Migrationsbiografie in der Beratung",
                valid_until=until,
                language="de",
                method=CollectionMethod.WITH_INTERPRETER,
            )
            await record_consent(agency, _desk(tenant, "iaa", Role.RECEPTION), person, terms)
            remaining = await _write_what_statutes_allow(agency, tenant, person, remaining)
        if bio.get("sport_interests") and index % 2 == 0:
            terms = ConsentTerms(
                partners=["sportbund"],
                fields=["given_names", "phone", "municipality", "sport_interests"],
                purpose="Vermittlung in einen Sportverein",
                valid_until=until,
                language="ar" if index % 4 else "de",
                method=CollectionMethod.IN_PERSON,
            )
            await record_consent(agency, _desk(tenant, "iaa", Role.RECEPTION), person, terms)


async def _write_what_statutes_allow(
    agency: Agency, tenant: str, person: str, remaining: dict[str, Any]
) -> dict[str, Any]:
    for partner in STATUTORY_WRITERS:
        desk = _desk(tenant, partner)
        try:
            writable = await writable_fields(agency, desk, person)
        except NotFound:
            continue
        chunk = {f: v for f, v in remaining.items() if f in writable}
        if chunk:
            await update_person(agency, desk, person, chunk, if_revision=None)
            remaining = {f: v for f, v in remaining.items() if f not in chunk}
    return remaining


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(data)

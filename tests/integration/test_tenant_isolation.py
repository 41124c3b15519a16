"""Tenant isolation, property-based, on real SQLite and PostgreSQL: nothing of one county reaches another.

Two counties are filled through the API with overlapping data — the same names and birth dates (so their
blind indexes would collide if the index keys were shared), consents, an objection to sharing, referrals,
a dead-lettered webhook delivery, visits, queue tickets, slots and appointments. Then every route of the
published OpenAPI that has a ``{tenant}`` path parameter is called with every method it has:

- with every token of county B (all roles) on county A's path, with A's (or B's) real ids in the path and
  in the body: the answer must be exactly the one for a county that does not exist (404 problem+json);
  tokens that are no token of anybody get 401 on both;
- with B's tokens on B's own path but A's ids: exactly the answer for an id that never existed;
- no answer to B ever carries an id, code, phone number or webhook address of A; a search in B for A's
  names finds B's people only; A's public waiting-room display shows A's numbers only;
- a web UI session of B gets 404 on A's API paths and on A's person and referral pages (and every other
  screen with an id answers for A's ids exactly as for unknown ones).

A deterministic sweep covers every (route, method, token of B) once; hypothesis then chooses further
combinations of route × token × id source × body. At the end A's rows — every table, every column — are
exactly what they were before. A second test checks statically that the SQL of the storage layer names
``tenant_id`` wherever it touches a tenant's table.
"""

from __future__ import annotations

import ast
import asyncio
import datetime as dt
import hashlib
import re
import time
import uuid
from collections.abc import Callable, Coroutine
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest import mock

import msgspec
from hypothesis import HealthCheck, Phase, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from litestar.testing import AsyncTestClient
from piccolo.table import Table

import core.storage.tables as table_module
from core.bus.dispatcher import Dispatcher, DispatchSettings
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.staff import create_tenant, create_token, create_user
from core.settings import Settings
from core.web.app import create_app
from tests.conftest import unique_slug
from tests.ui_support import PASSWORD, STAFF, Screens, _password_hash

BUILT_IN = ["iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa"]
EXAMPLES = 80
"""Hypothesis examples per engine, on top of the deterministic sweep; both engines stay well under a minute."""

TOKENS = {
    "caseworker": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "iaa_admin": ("iaa", Role.PARTNER_ADMIN),
    "tenant_admin": ("iaa", Role.TENANT_ADMIN),
    "auditor": ("iaa", Role.AUDITOR),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "jc_admin": ("jobcenter", Role.PARTNER_ADMIN),
    "jugendamt": ("jugendamt", Role.CASEWORKER),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
}
"""Every role, and caseworkers and admins of several offices: the same set in both counties."""
ONE_OF_EACH_ROLE = ("caseworker", "reception", "jc_admin", "tenant_admin", "auditor")

PEOPLE = [
    {"family_name": "Al-Hassan", "given_names": "Amira", "birth_date": "1994-03-12", "nationality": ["SY"]},
    {"family_name": "Karimi", "given_names": "Dariush", "birth_date": "1987-11-02", "nationality": ["AF"]},
]
"""Registered in both counties with the same names and birth dates; only the phone numbers differ."""

SERVICE = "buergergeld"
REASON = "Antrag auf Bürgergeld nach der Anerkennung, Wohnung seit Oktober"
ID_PARAMETERS = (
    "person_id",
    "consent_id",
    "referral_id",
    "appointment_id",
    "visit_id",
    "ticket_id",
    "delivery_id",
    "block_id",
    "user_id",
    "token_id",
)
SEARCHES = {"searchPersons", "searchPersonsByBody"}
PUBLIC = {"display", "displayPage"}
"""The waiting-room board answers without a token (API.md), so for any caller: it shows only that county."""
PROBLEM_JSON = "application/problem+json"
RESERVED_UI_PARAMETERS = {"action": "accept"}
UI_SESSIONS = ("iaa", "empfang", "admin")
"""A caseworker, the reception and the county's administrator: between them they open every screen with an id."""
UNKNOWN_TENANT = "kreis-gibt-es-nicht"


# -- the two counties --------------------------------------------------------------------------------------


@dataclass
class County:
    tenant: str
    marker: str
    tokens: dict[str, str]
    user_ids: dict[str, str]
    ids: dict[str, list[str]] = field(default_factory=dict)
    secrets: set[str] = field(default_factory=set)
    """Values of this county alone (ids, codes, phone numbers, addresses): never in an answer to the other."""
    counter: str = ""
    called: str = ""
    token_ids: list[str] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"/api/v1/{self.tenant}/{path}"

    def first(self, kind: str) -> str:
        return self.ids[kind][0]

    def add(self, kind: str, value: str) -> str:
        self.ids.setdefault(kind, []).append(value)
        self.secrets.add(value)
        return value


@dataclass(frozen=True)
class Operation:
    operation_id: str
    method: str
    path: str
    """With ``{tenant}`` and the other path parameters as in the OpenAPI."""
    path_parameters: tuple[str, ...]
    query_parameters: tuple[str, ...]
    has_body: bool

    @property
    def takes_ids(self) -> bool:
        return bool(set(self.path_parameters) & set(ID_PARAMETERS)) or self.operation_id in BODY_IDS


BODY_IDS = {"sendReferral", "book", "reschedule", "issueTicket", "checkIn", "auditTrail"}
"""Operations that name a record in their body or query instead of (or besides) their path."""


@dataclass
class Tally:
    cross_tenant: int = 0
    controls: int = 0
    operations: set[tuple[str, str]] = field(default_factory=set)
    statuses: dict[int, int] = field(default_factory=dict)

    def saw(self, status: int) -> None:
        self.statuses[status] = self.statuses.get(status, 0) + 1


class Client:
    """The app in-process, over HTTPS so that the UI's ``__Host-`` cookies travel."""

    def __init__(self, client: AsyncTestClient) -> None:  # type: ignore[type-arg]
        self.client = client

    async def request(
        self,
        method: str,
        url: str,
        token: str | None,
        *,
        body: Any = None,
        params: dict[str, str] | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {token}"} if token is not None else {}
        kwargs: dict[str, Any] = {"headers": headers, "params": params or {}}
        if body is not None:
            kwargs["json"] = body
        return await self.client.request(method, url, **kwargs)


async def _api(client: Client, county: County, method: str, who: str, path: str, body: Any = None) -> Any:
    response = await client.request(method, county.url(path), county.tokens[who], body=body)
    assert response.status_code in (200, 201), f"{method} {path}: {response.status_code} {response.text}"
    return response.json()


async def found_county(agency: Agency, marker: str) -> County:
    tenant = unique_slug(f"iso{marker.lower()}")
    await create_tenant(agency, tenant, name=f"Landkreis {marker}", plugins=BUILT_IN, declared_partners=[])
    tokens = {
        who: await create_token(agency, tenant, partner_id=partner, role=role, name=who)
        for who, (partner, role) in TOKENS.items()
    }
    user_ids = {}
    with mock.patch("core.services.staff.hash_password", lambda _: _password_hash()):
        for who, (partner, role) in STAFF.items():
            user_ids[who], _ = await create_user(
                agency, tenant, partner_id=partner, role=role, username=who, password=PASSWORD
            )
    county = County(tenant=tenant, marker=marker, tokens=tokens, user_ids=user_ids)
    for user_id in user_ids.values():
        county.add("user_id", user_id)
    for row in await agency.db.fetch("SELECT id FROM api_token WHERE tenant_id = $1 ORDER BY id", tenant):
        county.add("token_id", str(row["id"]))
    return county


async def populate(client: Client, agency: Agency, county: County) -> None:
    """Everything through the API, as the offices of the county would do it."""
    number = "1111" if county.marker == "A" else "2222"
    for i, known in enumerate(PEOPLE):
        phone = f"+49 1570 {number} {410 + i}"
        created = await _api(client, county, "POST", "caseworker", "persons", {"fields": {**known, "phone": phone}})
        county.add("person_id", created["id"])
        county.secrets.add(phone)
    first, second = county.ids["person_id"]
    terms = {
        "partners": ["sportbund"],
        "fields": ["given_names", "phone"],
        "purpose": f"Vermittlung in einen Sportverein ({county.marker})",
        "valid_until": (dt.date.today() + dt.timedelta(days=300)).isoformat(),
        "language": "ar",
        "method": "in_person",
    }
    consent = await _api(client, county, "POST", "reception", f"persons/{first}/consents", terms)
    county.add("consent_id", consent["id"])
    county.secrets.add(consent["receipt_code"])
    block = await _api(
        client, county, "POST", "reception", f"persons/{second}/transfer-blocks", {"partner": "jugendamt"}
    )
    county.add("block_id", block["id"])

    hook = f"http://127.0.0.1:9/hook-{county.marker}-{uuid.uuid4().hex[:8]}"  # nothing listens on port 9
    subscription: dict[str, Any] = {"url": hook, "events": ["*"], "secret": "ein-sehr-geheimes-webhook-geheimnis"}
    webhook = await _api(client, county, "POST", "jc_admin", "webhooks", subscription)
    county.secrets |= {hook, webhook["id"]}
    for person in (first, second):
        body: dict[str, Any] = {"person_id": person, "to_partner": "jobcenter", "service": SERVICE, "reason": REASON}
        referral = await _api(client, county, "POST", "caseworker", "referrals", body)
        county.add("referral_id", referral["id"])
    await _api(client, county, "POST", "jobcenter", f"referrals/{county.ids['referral_id'][1]}/accept")
    dispatcher = Dispatcher(agency, DispatchSettings(max_attempts=1))
    try:
        await dispatcher.run_once([county.tenant])  # the webhook cannot be reached: dead-lettered at once
    finally:
        await dispatcher.close()
    dead = await _api(client, county, "GET", "jc_admin", "bus/dead-letters")
    assert dead["items"], "the unreachable webhook left dead letters"
    for item in dead["items"]:
        county.add("delivery_id", item["id"])
        county.secrets.add(item["event_id"])

    county.counter = f"{county.marker}-{number[:1]}"
    for person in (first, second):
        body = {"language": "de", "person_id": person, "concerns": ["jobcenter/buergergeld"]}
        visit = await _api(client, county, "POST", "reception", "visits", body)
        county.add("visit_id", visit["id"])
        ticket = await _api(
            client, county, "POST", "reception", "tickets", {"visit_id": visit["id"], "partner": "jobcenter"}
        )
        county.add("ticket_id", ticket["id"])
    called = await _api(
        client, county, "POST", "reception", f"tickets/{county.first('ticket_id')}/call", {"counter": county.counter}
    )
    county.called = called["number"]
    open_visit = await _api(client, county, "POST", "reception", "visits", {"language": "en"})
    county.add("visit_id", open_visit["id"])

    start = dt.datetime.combine(dt.date.today() + dt.timedelta(days=2), dt.time(9), dt.timezone(dt.timedelta(hours=1)))
    for i in range(3):
        slot = {
            "start": (start + dt.timedelta(minutes=30 * i)).isoformat(),
            "end": (start + dt.timedelta(minutes=30 * (i + 1))).isoformat(),
            "room": f"E.{county.marker}",
        }
        created = await _api(client, county, "POST", "jc_admin", "partners/jobcenter/slots", slot)
        county.add("slot_id", created["id"])
    body = {"person_id": first, "partner": "jobcenter", "service": SERVICE, "slot_id": county.first("slot_id")}
    booked = await _api(client, county, "POST", "reception", "appointments", body)
    county.add("appointment_id", booked["id"])
    county.secrets.add(booked["code"])


# -- what each operation is sent ---------------------------------------------------------------------------


def body_for(operation_id: str, county: County, pick: int = 0) -> Any:
    """A body that would succeed (or at least get past validation) with ``county``'s own records."""

    def one(kind: str) -> str:
        values = county.ids[kind]
        return values[pick % len(values)]

    person = PEOPLE[pick % len(PEOPLE)]
    bodies: dict[str, Callable[[], Any]] = {
        "createPerson": lambda: {"fields": {**person, "phone": "+49 1570 0000 999"}},
        "updatePerson": lambda: {"fields": {"phone": "+49 1570 0000 998"}},
        "searchPersonsByBody": lambda: {k: person[k] for k in ("family_name", "given_names", "birth_date")},
        "recordConsent": lambda: {
            "partners": ["sportbund"],
            "fields": ["given_names"],
            "purpose": "Sportverein",
            "valid_until": (dt.date.today() + dt.timedelta(days=100)).isoformat(),
            "language": "de",
            "method": "in_person",
        },
        "addTransferBlock": lambda: {"partner": "jobcenter"},
        "sendReferral": lambda: {
            "person_id": one("person_id"),
            "to_partner": "jobcenter",
            "service": SERVICE,
            "reason": REASON,
            "visit_id": one("visit_id"),
        },
        "declineReferral": lambda: {"reason": "Keine Kapazität in diesem Monat"},
        "completeReferral": lambda: {"outcome": "Bürgergeld bewilligt ab dem Ersten"},
        "subscribeWebhook": lambda: {
            "url": "https://hooks.example.org/x",
            "events": ["*"],
            "secret": "noch-ein-geheimnis-1234",
        },
        "book": lambda: {
            "person_id": one("person_id"),
            "partner": "jobcenter",
            "service": SERVICE,
            "slot_id": one("slot_id"),
            "visit_id": one("visit_id"),
        },
        "callTicket": lambda: {"counter": "9"},
        "publishSlots": lambda: {
            "start": "2031-01-02T09:00:00+01:00",
            "end": "2031-01-02T09:30:00+01:00",
            "room": "Z.1",
        },
        "reschedule": lambda: {"slot_id": one("slot_id")},
        "resolveVisit": lambda: {"note": "Formular erklärt"},
        "issueTicket": lambda: {"visit_id": one("visit_id"), "partner": "jobcenter"},
        "triage": lambda: {"text": "Ich suche Arbeit", "language": "de"},
        "checkIn": lambda: {"language": "de", "person_id": one("person_id")},
    }
    make = bodies.get(operation_id)
    return make() if make else None


def query_for(operation: Operation, county: County, pick: int = 0) -> dict[str, str]:
    person = PEOPLE[pick % len(PEOPLE)]
    values = {
        "family_name": str(person["family_name"]),
        "given_names": str(person["given_names"]),
        "birth_date": str(person["birth_date"]),
        "person_id": county.ids["person_id"][pick % 2],
    }
    return {name: values[name] for name in operation.query_parameters if name in values}


def fill(path: str, county: County, tenant: str, pick: int = 0) -> str:
    """The path with ``tenant`` and the ids of ``county``."""

    def value(match: re.Match[str]) -> str:
        name = match.group(1)
        if name == "tenant":
            return tenant
        if name == "partner_id":
            return "jobcenter"
        if name in RESERVED_UI_PARAMETERS:
            return RESERVED_UI_PARAMETERS[name]
        ids = county.ids[name]
        return ids[pick % len(ids)]

    return re.sub(r"\{(\w+)(?::\w+)?\}", value, path)


def swap(value: Any, old: County, new: dict[str, str]) -> Any:
    """``value`` with every id of ``old`` replaced (the same way each time) by a never-seen id."""
    if isinstance(value, str):
        for kind in (*ID_PARAMETERS, "slot_id"):
            if value in old.ids.get(kind, []):
                return new.setdefault(value, uuid.uuid4().hex)
        for known, fresh in new.items():
            value = value.replace(known, fresh)
        return value
    if isinstance(value, dict):
        return {k: swap(v, old, new) for k, v in value.items()}
    if isinstance(value, list):
        return [swap(v, old, new) for v in value]
    return value


def swap_path(path: str, old: County, new: dict[str, str]) -> str:
    return "/".join(swap(part, old, new) for part in path.split("/"))


def problem(response: Any) -> tuple[int, Any]:
    """Status and body of an answer, the body parsed when it is JSON."""
    content_type = response.headers.get("content-type", "")
    body = response.json() if "json" in content_type else response.text
    return response.status_code, body


def leaked(response: Any, secrets: set[str], sent: str = "") -> list[str]:
    """The values of ``secrets`` in an answer, except those the request itself carried in ``sent``."""
    text = response.text
    return sorted(s for s in secrets if s and s in text and s not in sent)


# -- snapshots ---------------------------------------------------------------------------------------------


def tenant_tables() -> dict[str, list[str]]:
    """Every table of the schema with its columns."""
    found = {}
    for value in vars(table_module).values():
        if isinstance(value, type) and issubclass(value, Table) and value is not Table:
            found[value._meta.tablename] = [c._meta.name for c in value._meta.columns]
    return found


async def snapshot(agency: Agency, tenant: str) -> dict[str, tuple[int, str]]:
    """Per table: how many rows the county has, and a digest of all their columns."""
    taken = {}
    for table, columns in sorted(tenant_tables().items()):
        assert "tenant_id" in columns, f"{table} has no tenant_id"
        rows = await agency.db.fetch(f"SELECT * FROM {table} WHERE tenant_id = $1", tenant)  # noqa: S608 - schema names
        lines = sorted(repr(sorted((k, _plain(v)) for k, v in dict(r).items())) for r in rows)
        taken[table] = (len(rows), hashlib.sha256("\n".join(lines).encode()).hexdigest())
    return taken


def _plain(value: Any) -> Any:
    """One spelling for both engines: PostgreSQL gives dates and bytes, SQLite text and memoryviews."""
    if isinstance(value, memoryview):
        return bytes(value)
    return value


# -- the OpenAPI -------------------------------------------------------------------------------------------


async def tenant_operations(client: Client) -> list[Operation]:
    spec = (await client.client.get("/schema/openapi.json")).json()
    found = []
    for path, item in spec["paths"].items():
        for method, operation in item.items():
            if method == "parameters":
                continue
            parameters = operation.get("parameters", []) + item.get("parameters", [])
            in_path = tuple(p["name"] for p in parameters if p["in"] == "path")
            if "tenant" not in in_path:
                continue
            found.append(
                Operation(
                    operation_id=operation["operationId"],
                    method=method.upper(),
                    path=path,
                    path_parameters=in_path,
                    query_parameters=tuple(p["name"] for p in parameters if p["in"] == "query"),
                    has_body="requestBody" in operation,
                )
            )
    return found


def app_routes(app: Any) -> set[tuple[str, str]]:
    """Every (method, path) of the app with a tenant in its path, as the router knows them."""
    routes = set()
    for route in app.routes:
        if "{tenant" in route.path:
            path = re.sub(r"\{(\w+):\w+\}", r"{\1}", route.path)
            routes |= {(m, path) for m in route.methods if m not in ("OPTIONS", "HEAD")}
    return routes


# -- the checks --------------------------------------------------------------------------------------------


@dataclass
class Isolation:
    client: Client
    a: County
    b: County
    operations: list[Operation]
    tally: Tally
    garbage: list[str | None]
    ghosts: dict[tuple[str | None, str], tuple[int, Any]] = field(default_factory=dict)

    async def ghost(
        self, operation: Operation, token: str | None, session: Screens | None = None, who: str = ""
    ) -> tuple[int, Any]:
        """The answer for a county that does not exist. The guard decides before any parameter is parsed, so
        it depends on the credential and the method only: one call per pair, and every route must match it."""
        key = (f"session:{who}" if session is not None else token, operation.method)
        if key not in self.ghosts:
            url = fill(operation.path, self.a, UNKNOWN_TENANT)
            if session is not None:
                response = await session.client.request(operation.method, url)
            else:
                response = await self.client.request(operation.method, url, token)
            self.tally.controls += 1
            self.ghosts[key] = problem(response)
        return self.ghosts[key]

    async def foreign_path(
        self, operation: Operation, token: str | None, ids: County, body_kind: str, pick: int, *, valid: bool
    ) -> None:
        """A's path called with a credential that is not A's: the answer of a county that does not exist."""
        body = self._body(operation, ids, body_kind, pick)
        params = query_for(operation, ids, pick)
        url = fill(operation.path, ids, self.a.tenant, pick)
        got = await self.client.request(operation.method, url, token, body=body, params=params)
        self.tally.cross_tenant += 1
        self.tally.operations.add((operation.method, operation.path))
        self.tally.saw(got.status_code)
        if operation.operation_id in PUBLIC:
            await self.check_display(got, operation)
            return
        expected = 404 if valid else 401
        assert got.status_code == expected, f"{operation.method} {url}: {got.status_code} {got.text}"
        assert got.headers["content-type"].startswith(PROBLEM_JSON), got.headers
        control = await self.ghost(operation, token)
        assert problem(got) == control, f"{url} answers unlike an unknown county: {got.text} / {control}"
        assert not leaked(got, self.a.secrets), got.text

    async def own_path(self, operation: Operation, who: str, body_kind: str, pick: int) -> None:
        """B's own path with A's ids: exactly the answer for ids that never existed, and nothing of A."""
        token = self.b.tokens[who]
        body = self._body(operation, self.a, body_kind, pick)
        params = query_for(operation, self.a, pick)
        url = fill(operation.path, self.a, self.b.tenant, pick)
        got = await self.client.request(operation.method, url, token, body=body, params=params)
        self.tally.cross_tenant += 1
        self.tally.operations.add((operation.method, operation.path))
        self.tally.saw(got.status_code)
        assert not leaked(got, self.a.secrets), f"{url} shows A's data: {got.text}"
        if operation.operation_id in SEARCHES:
            if got.status_code == 200:
                found = {item["id"] for item in got.json()["items"]}
                assert found <= set(self.b.ids["person_id"]), "a search in B found someone who is not B's"
            return
        fresh: dict[str, str] = {}
        control_url = swap_path(url, self.a, fresh)
        control_body, control_params = swap(body, self.a, fresh), swap(params, self.a, fresh)
        control = await self.client.request(
            operation.method, control_url, token, body=control_body, params=control_params
        )
        self.tally.controls += 1
        assert got.status_code == control.status_code, (
            f"{who}: {operation.method} {url} with A's ids: {got.status_code} {got.text}; "
            f"with unknown ids: {control.status_code} {control.text}"
        )
        if set(operation.path_parameters) & set(ID_PARAMETERS):
            assert got.status_code not in (200, 201, 409), f"{url}: {got.status_code} {got.text}"
        if got.status_code >= 400:
            assert swap(problem(got), self.a, fresh) == problem(control), (got.text, control.text)

    def _body(self, operation: Operation, ids: County, kind: str, pick: int) -> Any:
        if not operation.has_body or kind == "none":
            return None
        if kind == "empty":
            return {}
        if kind == "garbage":
            return {"id": ids.first("person_id"), "fields": 7, "x" * 3: ["y"]}
        return body_for(operation.operation_id, ids, pick)

    async def check_display(self, got: Any, operation: Operation) -> None:
        assert got.status_code == 200, got.text
        if operation.operation_id == "display":
            assert got.json() == {"called": [{"number": self.a.called, "counter": self.a.counter}], "waiting": 1}
        else:
            assert self.a.counter in got.text
        assert self.b.counter not in got.text, "B's counter on A's display"
        assert not leaked(got, self.a.secrets | self.b.secrets), got.text


ID_SOURCES = ("a_path_a_ids", "a_path_b_ids", "b_path_a_ids")
BODY_KINDS = ("valid", "valid", "empty", "garbage", "none")


async def run_isolation(settings: Settings, agency: Agency) -> None:
    started = time.monotonic()
    a = await found_county(agency, "A")
    b = await found_county(agency, "B")
    app = create_app(msgspec.structs.replace(settings, run_dispatcher=False))
    async with AsyncTestClient(app=app, base_url="https://testserver.local") as raw:
        raw.follow_redirects = False
        client = Client(raw)
        await populate(client, agency, a)
        await populate(client, agency, b)
        operations = await tenant_operations(client)
        assert {(o.method, o.path) for o in operations} == app_routes(app), "the OpenAPI lists every tenant route"
        a_before = await snapshot(agency, a.tenant)

        garbage: list[str | None] = [
            None,
            "",
            "agt.garbage",
            f"agt.{a.tenant}.not-a-secret-at-all",
            f"agt.{b.tenant}.not-a-secret-at-all",
            b.tokens["caseworker"].replace(b.tenant, a.tenant),  # B's secret under A's name
        ]
        checks = Isolation(client, a, b, operations, Tally(), garbage)

        # 1. the sweep: every operation, every method, every token of B, on A's path with A's ids
        for operation in operations:
            for who in TOKENS:
                await checks.foreign_path(operation, b.tokens[who], a, "valid", 0, valid=True)
            if operation.takes_ids:
                for who in ONE_OF_EACH_ROLE:
                    await checks.own_path(operation, who, "valid", 0)
        for i, operation in enumerate(operations):
            await checks.foreign_path(operation, garbage[i % len(garbage)], a, "valid", 1, valid=False)

        # 2. hypothesis chooses further combinations
        loop = asyncio.get_running_loop()
        id_operations = [o for o in operations if o.takes_ids]

        def run(coroutine: Coroutine[Any, Any, None]) -> None:
            asyncio.run_coroutine_threadsafe(coroutine, loop).result(timeout=60)

        @hypothesis_settings(
            max_examples=EXAMPLES,
            deadline=None,
            database=None,
            derandomize=True,
            phases=[Phase.explicit, Phase.generate],
            suppress_health_check=list(HealthCheck),
        )
        @given(
            operation=st.sampled_from(operations),
            own=st.sampled_from(id_operations),
            who=st.sampled_from(sorted(TOKENS)),
            source=st.sampled_from(ID_SOURCES),
            body_kind=st.sampled_from(BODY_KINDS),
            pick=st.integers(0, 5),
            token=st.sampled_from(garbage) | st.none(),
        )
        def combinations(
            operation: Operation, own: Operation, who: str, source: str, body_kind: str, pick: int, token: str | None
        ) -> None:
            if source == "b_path_a_ids":
                run(checks.own_path(own, who, body_kind, pick))
            else:
                ids = a if source == "a_path_a_ids" else b
                if token is not None and pick == 0:
                    run(checks.foreign_path(operation, token, ids, body_kind, pick, valid=False))
                else:
                    run(checks.foreign_path(operation, b.tokens[who], ids, body_kind, pick, valid=True))

        await asyncio.to_thread(combinations)

        # 3. the web UI: B's staff signed in
        screens = Screens(raw, agency, b.tenant, b.user_ids)
        ui_calls = await check_screens(screens, checks, app)

        a_after = await snapshot(agency, a.tenant)
        changed = {t: (a_before[t], a_after[t]) for t in a_before if a_before[t] != a_after[t]}
        assert not changed, f"A's rows changed: {changed}"
        missing = app_routes(app) - checks.tally.operations
        assert not missing, f"never called: {missing}"
    tally = checks.tally
    rows = ", ".join(f"{t} {n}" for t, (n, _) in a_before.items() if n)
    print(
        f"\ntenant isolation ({agency.db.dialect}): {tally.cross_tenant} cross-tenant API calls "
        f"+ {ui_calls} by UI sessions over {len(tally.operations)} routes, {tally.controls} control calls, "
        f"in {time.monotonic() - started:.1f} s; answers {dict(sorted(tally.statuses.items()))}; "
        f"A unchanged: {rows}"
    )


async def check_screens(screens: Screens, checks: Isolation, app: Any) -> int:
    """B's sessions: A's API paths 404 like an unknown county; A's screens answer like unknown ids."""
    a, b = checks.a, checks.b
    calls = 0
    ui_routes = sorted(
        (m, re.sub(r"\{(\w+):\w+\}", r"{\1}", r.path))
        for r in app.routes
        if r.path.startswith("/ui/") and "{" in r.path
        for m in r.methods
        if m in ("GET", "POST")
    )
    form = {"reason": "x", "outcome": "x", "partner": "jobcenter", "note": "x", "counter": "1"}
    for n, who in enumerate(UI_SESSIONS):
        await screens.signed_in_as(who)
        for operation in checks.operations:
            if n and operation.method != "GET":
                continue  # without a bearer token a write is 401 for any session: the first one shows it
            url = fill(operation.path, a, a.tenant)
            params = query_for(operation, a)
            body = body_for(operation.operation_id, a) if operation.has_body else None
            kwargs: dict[str, Any] = {"params": params} | ({"json": body} if body is not None else {})
            got = await screens.client.request(operation.method, url, **kwargs)
            calls += 1
            checks.tally.saw(got.status_code)
            if operation.operation_id in PUBLIC:
                await checks.check_display(got, operation)
                continue
            # the session opens the API for reading only; a write without a token is 401 wherever it goes
            expected = 404 if operation.method == "GET" else 401
            assert got.status_code == expected, f"{who}: {operation.method} {url}: {got.status_code} {got.text}"
            assert problem(got) == await checks.ghost(operation, None, screens, who)
            assert not leaked(got, a.secrets)
        for method, path in ui_routes:
            url = fill(path, a, a.tenant)
            fresh: dict[str, str] = {}
            control_url = swap_path(url, a, fresh)
            if method == "GET":
                params = {"language": "de"} if path.endswith("/export") else {}
                got = await screens.get(url, params=params)
                control = await screens.get(control_url, params=params)
            else:
                got, control = await screens.post(url, form), await screens.post(control_url, form)
            calls += 1
            checks.tally.saw(got.status_code)
            where = (who, method, url, got.status_code, control.status_code)
            assert got.status_code == control.status_code, where
            assert got.status_code not in (201, 302, 303, 409), where
            assert not leaked(got, a.secrets, sent=url), where  # an error page may name its own address
            if got.status_code == 200:  # a form that asks before it looks anything up: the same for any id
                assert _page(got, fresh) == _page(control, {}), where
        if who != "iaa":
            continue
        for path in ("/ui/persons/{person_id}", "/ui/referrals/{referral_id}"):
            for pick in range(2):
                response = await screens.get(fill(path, a, a.tenant, pick))
                assert response.status_code == 404, (who, path, response.status_code)
                calls += 1
            own = await screens.get(fill(path, b, b.tenant))
            assert own.status_code == 200, "the same screen opens B's own record"
    return calls


def _page(response: Any, fresh: dict[str, str]) -> str:
    """A screen's HTML with its CSRF token blanked and A's ids spelt as the control's."""
    text = CSRF_VALUE.sub("", response.text)
    for known, replacement in fresh.items():
        text = text.replace(known, replacement)
    return text


CSRF_VALUE = re.compile(r'(?<=name="_csrf_token" value=")[^"]+|(?<=csrf-token" content=")[^"]+')


async def test_nothing_crosses_from_one_county_to_another(settings: Settings, agency: Agency) -> None:
    await run_isolation(settings, agency)


# -- static: the storage layer names the tenant --------------------------------------------------------------

STORAGE = Path(__file__).resolve().parents[2] / "core" / "storage"
SQL_START = re.compile(r"^\s*(?:WITH|SELECT|INSERT|UPDATE|DELETE|ANALYZE)\b", re.IGNORECASE)
TABLE_WORDS = re.compile(r"\b(?:FROM|JOIN|INTO|UPDATE|ANALYZE)\s+(?!SET\b)([a-z_{}]+)", re.IGNORECASE)
EXCEPTIONS = {
    "web_session": "keyed by the SHA-256 of the cookie: a request brings only the cookie, and the session names "
    "its tenant (checked against the path by core/web/guards.py session_principal); clean-up of expired rows "
    "is the same for every county",
    "FROM referral WHERE {} ORDER BY created_at, id": "Referrals.box joins a list of conditions whose first is "
    "always 'tenant_id = $1 AND …' (referral_store.py, the line before): the source splits it out of the string",
    "ANALYZE person_key": "planner statistics of the whole table: reads and writes no row",
}


def _sql_text(node: ast.expr, constants: dict[str, str]) -> str | None:
    """The SQL a call sends, as far as the source spells it out (f-string holes become ``{}``)."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)  # type: ignore[misc]
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left, right = _sql_text(node.left, constants), _sql_text(node.right, constants)
        return (left or "") + (right or "") if left is not None or right is not None else None
    if isinstance(node, ast.Name):
        return constants.get(node.id)
    return None


def storage_statements() -> list[tuple[str, str]]:
    """(where, SQL) of every statement under core/storage (not the migrations)."""
    found = []
    for source in sorted(STORAGE.glob("*.py")):
        tree = ast.parse(source.read_text())
        constants: dict[str, str] = {}
        for node in ast.walk(tree):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
                text = _sql_text(node.value, constants)
                if text is not None:
                    constants[node.targets[0].id] = text
        for node in ast.walk(tree):
            candidates: list[ast.expr] = []
            if isinstance(node, ast.Call) and node.args:
                candidates.append(node.args[0])
            if isinstance(node, ast.Assign):
                candidates.append(node.value)
            for candidate in candidates:
                text = _sql_text(candidate, constants)
                if text and SQL_START.match(text) and TABLE_WORDS.search(text):
                    found.append((f"{source.name}:{candidate.lineno}", text))
    return found


def test_every_storage_statement_on_a_tenant_table_names_the_tenant() -> None:
    tables = tenant_tables()
    statements = storage_statements()
    assert len(statements) > 80, "the source scan found the repositories' statements"
    unscoped: list[str] = []
    excused: list[str] = []
    for where, sql in statements:
        named = {t.lower() for t in TABLE_WORDS.findall(sql)}
        unknown = named - set(tables) - {"{}", "sent", "unnest"}
        assert not unknown, f"{where}: unknown tables {unknown} in {sql!r}"
        if not named & set(tables) and "{}" not in named:
            continue
        if "tenant_id" in sql:
            continue
        reason = next((why for key, why in EXCEPTIONS.items() if key in sql), None)
        (excused if reason else unscoped).append(f"{where}: {sql}")
    assert not unscoped, "statements on tenant tables without tenant_id:\n" + "\n".join(unscoped)
    assert excused, "the listed exceptions still exist (remove them from EXCEPTIONS when they go)"

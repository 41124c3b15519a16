"""The biography vault over HTTP on real SQLite and PostgreSQL: each office sees what law or consent allows."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import msgspec
import pytest
from litestar.testing import AsyncTestClient

from core.audit import verify
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.staff import create_tenant, create_token
from core.settings import Settings
from core.web.app import create_app
from tests.conftest import unique_slug

BUILT_IN = ["iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa"]
NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()

AMIRA = {
    "family_name": "Al-Hassan",
    "given_names": "Amira",
    "birth_date": "1994-03-12",
    "nationality": ["SY"],
    "address": "Lindenring 7, 06618 Naumburg (Saale)",
    "phone": "+49 1570 0000 417",
    "municipality": "Naumburg (Saale)",
    "mother_tongue": "ar",
    "languages": [{"language": "ar", "level": "native"}, {"language": "de", "level": "B1"}],
    "residence_status": "aufenthaltserlaubnis",
    "work_permission": "permitted",
}
SCHOOLING = [{"country": "SY", "years": 12, "degree": "Abitur (Baccalaureat)"}]


@dataclass
class World:
    client: AsyncTestClient  # type: ignore[type-arg]
    agency: Agency
    tenant: str
    tokens: dict[str, str]

    def url(self, path: str) -> str:
        return f"/api/v1/{self.tenant}/{path}"

    async def call(self, method: str, who: str, path: str, **kwargs: Any) -> Any:
        headers = {"Authorization": f"Bearer {self.tokens[who]}", **kwargs.pop("headers", {})}
        return await self.client.request(method, self.url(path), headers=headers, **kwargs)

    async def register(self, fields: dict[str, Any], who: str = "iaa") -> str:
        response = await self.call("POST", who, "persons", json={"fields": fields})
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def fields_seen_by(self, who: str, person_id: str) -> dict[str, Any] | None:
        response = await self.call("GET", who, f"persons/{person_id}")
        if response.status_code == 404:
            return None
        assert response.status_code == 200, response.text
        return dict(response.json()["fields"])

    async def consent(self, person_id: str, partners: list[str], fields: list[str], language: str = "ar") -> str:
        body = {
            "partners": partners,
            "fields": fields,
            "purpose": "Vermittlung in einen Sportverein",
            "valid_until": NEXT_YEAR,
            "language": language,
            "method": "with_interpreter",
        }
        response = await self.call("POST", "reception", f"persons/{person_id}/consents", json=body)
        assert response.status_code == 201, response.text
        assert response.json()["state"] == "given"
        return str(response.json()["id"])


TOKENS = {
    "iaa": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "admin": ("iaa", Role.TENANT_ADMIN),
    "auditor": ("iaa", Role.AUDITOR),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "jugendamt": ("jugendamt", Role.CASEWORKER),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
}


@asynccontextmanager
async def open_world(
    settings: Settings, agency: Agency, tokens: dict[str, tuple[str, Role]], *, run_dispatcher: bool = True
) -> AsyncIterator[World]:
    """A fresh county with every built-in partner, one token per office role, and the app serving it."""
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=BUILT_IN, declared_partners=[])
    minted = {
        who: await create_token(agency, tenant, partner_id=partner, role=role, name=who)
        for who, (partner, role) in tokens.items()
    }
    app_settings = msgspec.structs.replace(settings, run_dispatcher=run_dispatcher)
    async with AsyncTestClient(app=create_app(app_settings)) as client:
        yield World(client, agency, tenant, minted)


@pytest.fixture
async def world(settings: Settings, agency: Agency) -> AsyncIterator[World]:
    async with open_world(settings, agency, TOKENS) as opened:
        yield opened


async def test_jugendamt_never_sees_schooling_or_language_skills_without_consent(world: World) -> None:
    person = await world.register(AMIRA)
    patched = await world.call(
        "PATCH", "jobcenter", f"persons/{person}", json={"fields": {"school_education": SCHOOLING}}
    )
    assert patched.status_code == 200, patched.text

    seen = await world.fields_seen_by("jugendamt", person)
    assert seen is not None and seen["family_name"] == "Al-Hassan"
    assert "school_education" not in seen and "languages" not in seen

    await world.consent(person, ["jugendamt"], ["school_education", "languages"])
    seen = await world.fields_seen_by("jugendamt", person)
    assert seen is not None
    assert seen["school_education"] == SCHOOLING and seen["languages"] == AMIRA["languages"]


async def test_sportbund_sees_nothing_until_consent_then_exactly_that_then_nothing(world: World) -> None:
    person = await world.register(AMIRA)
    assert await world.fields_seen_by("sportbund", person) is None

    consent = await world.consent(person, ["sportbund"], ["given_names", "phone", "residence_status"])
    seen = await world.fields_seen_by("sportbund", person)
    # residence_status is consented but the Kreissportbund has no grant for it: invisible whatever else is true
    assert seen == {"given_names": "Amira", "phone": "+49 1570 0000 417"}

    withdrawn = await world.call("POST", "reception", f"consents/{consent}/withdraw")
    assert withdrawn.status_code == 200 and withdrawn.json()["state"] == "withdrawn"
    assert await world.fields_seen_by("sportbund", person) is None
    again = await world.call("POST", "reception", f"consents/{consent}/withdraw")
    assert again.status_code == 409


async def test_special_category_needs_a_consent_that_names_it(world: World) -> None:
    person = await world.register(AMIRA)
    await world.consent(person, ["iaa"], ["category:special", "category:education"])
    wrote = await world.call("PATCH", "iaa", f"persons/{person}", json={"fields": {"health_notes": "Diabetes Typ 2"}})
    assert wrote.status_code == 403, "a general consent opens no special-category field, not even for writing"

    await world.consent(person, ["iaa"], ["health_notes"])
    wrote = await world.call("PATCH", "iaa", f"persons/{person}", json={"fields": {"health_notes": "Diabetes Typ 2"}})
    assert wrote.status_code == 200, wrote.text
    seen = await world.fields_seen_by("iaa", person)
    assert seen is not None and seen["health_notes"] == "Diabetes Typ 2"
    assert "health_notes" not in (await world.fields_seen_by("jobcenter", person) or {})


async def test_eu_citizens_are_outside_azrg_grants(world: World) -> None:
    person = await world.register(
        {"family_name": "Popescu", "given_names": "Ioana", "birth_date": "1988-07-01", "nationality": ["RO"]}
    )
    assert await world.fields_seen_by("jobcenter", person) is None, "AZRG §18b does not apply to free movement"
    await world.consent(person, ["jobcenter"], ["category:identity"])
    seen = await world.fields_seen_by("jobcenter", person)
    assert seen is not None and seen["given_names"] == "Ioana"


async def test_transfer_block_stops_statute_sharing_but_not_consent(world: World) -> None:
    person = await world.register(AMIRA)
    assert await world.fields_seen_by("jobcenter", person) is not None
    block = await world.call("POST", "reception", f"persons/{person}/transfer-blocks", json={"partner": "jobcenter"})
    assert block.status_code == 201, block.text
    assert await world.fields_seen_by("jobcenter", person) is None
    await world.consent(person, ["jobcenter"], ["given_names"])
    assert await world.fields_seen_by("jobcenter", person) == {"given_names": "Amira"}


async def test_reception_sees_identity_contact_and_language_only(world: World) -> None:
    person = await world.register(AMIRA)
    seen = await world.fields_seen_by("reception", person)
    assert seen is not None
    assert "residence_status" not in seen and "work_permission" not in seen
    assert seen["mother_tongue"] == "ar"
    assert await world.fields_seen_by("admin", person) is None
    assert await world.fields_seen_by("auditor", person) is None


async def test_bad_input_names_every_field_and_writes_nothing(world: World) -> None:
    response = await world.call(
        "POST",
        "iaa",
        "persons",
        json={"fields": {**AMIRA, "birth_date": "12.03.1994", "nationality": ["ZZ"], "shoe_size": 42}},
    )
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    errors = response.json()["errors"]
    assert {"birth_date", "nationality", "shoe_size"} <= set(errors)
    assert "12.03.1994" not in response.text
    assert await world.agency.db.fetch("SELECT id FROM person WHERE tenant_id = $1", world.tenant) == []


async def test_writes_outside_the_grants_are_refused(world: World) -> None:
    response = await world.call("POST", "reception", "persons", json={"fields": AMIRA})
    assert response.status_code == 403
    assert "residence_status" in response.json()["detail"]
    person = await world.register(AMIRA)
    response = await world.call("PATCH", "sportbund", f"persons/{person}", json={"fields": {"given_names": "X"}})
    assert response.status_code == 404


async def test_edit_conflicts_are_detected_with_etags(world: World) -> None:
    person = await world.register(AMIRA)
    first = await world.call("GET", "iaa", f"persons/{person}")
    tag = first.headers["etag"]
    ok = await world.call(
        "PATCH", "iaa", f"persons/{person}", json={"fields": {"phone": "+49 1570 0000 999"}}, headers={"If-Match": tag}
    )
    assert ok.status_code == 200 and ok.headers["etag"] != tag
    stale = await world.call(
        "PATCH", "iaa", f"persons/{person}", json={"fields": {"phone": "+49 1570 0000 111"}}, headers={"If-Match": tag}
    )
    assert stale.status_code == 409
    seen = await world.fields_seen_by("iaa", person)
    assert seen is not None and seen["phone"] == "+49 1570 0000 999"


async def test_search_tolerates_how_desks_write_a_name(world: World) -> None:
    person = await world.register({**AMIRA, "given_names": "Mohammed Amir", "family_name": "Al-Hassan"})
    other = await world.register({**AMIRA, "given_names": "Mahmoud", "family_name": "Al-Hassan"})
    for family, given in [("Al-Hassan", "Mohammed Amir"), ("al hassan", "Muhammad Amir"), ("ALHASSAN", "Mohamad Amir")]:
        response = await world.call(
            "POST",
            "reception",
            "persons/search",
            json={"family_name": family, "given_names": given, "birth_date": "1994-03-12"},
        )
        assert response.status_code == 200, response.text
        assert [item["id"] for item in response.json()["items"]] == [person], (family, given)
    by_query = await world.call(
        "GET", "reception", "persons", params={"family_name": "Al Hassan", "birth_date": "1994-03-12"}
    )
    assert {item["id"] for item in by_query.json()["items"]} == {person, other}
    assert (
        await world.call("GET", "sportbund", "persons", params={"family_name": "Al-Hassan", "birth_date": "1994-03-12"})
    ).json()["items"] == []
    incomplete = await world.call("GET", "reception", "persons", params={"family_name": "Al-Hassan"})
    assert incomplete.status_code == 422


async def test_a_missing_required_query_parameter_is_a_422_naming_it(world: World) -> None:
    """Found by fuzzing: Litestar names an absent parameter only in its message, and the 422 named no field."""
    response = await world.call("GET", "reception", "persons", params={"birth_date": "1994-03-12"})
    assert response.status_code == 422, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["errors"] == {"family_name": "required query parameter"}
    assert "family_name" in problem["detail"] and "/api/v1/" not in problem["detail"]


async def test_a_wrong_method_is_a_405_problem_that_says_which_are_allowed(world: World) -> None:
    response = await world.call("DELETE", "iaa", "persons")
    assert response.status_code == 405
    assert response.headers["content-type"].startswith("application/problem+json")
    assert {m.strip() for m in response.headers["allow"].split(",")} >= {"GET", "POST"}


async def test_erasure_removes_the_person_from_every_read_path(world: World) -> None:
    person = await world.register(AMIRA)
    consent = await world.consent(person, ["sportbund"], ["given_names"])
    assert (await world.call("POST", "iaa", f"persons/{person}/erase")).status_code == 403
    erased = await world.call("POST", "admin", f"persons/{person}/erase")
    assert erased.status_code == 200 and erased.json()["state"] == "erased"
    assert await world.fields_seen_by("iaa", person) is None
    assert await world.fields_seen_by("sportbund", person) is None
    search = await world.call(
        "POST", "reception", "persons/search", json={"family_name": "Al-Hassan", "birth_date": "1994-03-12"}
    )
    assert search.json()["items"] == []
    assert (await world.call("GET", "admin", f"persons/{person}/export")).status_code == 404
    assert (await world.call("GET", "reception", f"persons/{person}/consents")).status_code == 404
    assert (await world.call("GET", "reception", f"consents/{consent}/receipt")).status_code == 404
    for table in ("person_key", "person_field", "person_index"):
        rows = await world.agency.db.fetch(
            f"SELECT id FROM {table} WHERE tenant_id = $1 AND person_id = $2",  # noqa: S608
            world.tenant,
            person,
        )
        assert rows == [], table
    trail = await world.call("GET", "auditor", "audit", params={"person_id": person})
    assert [e["action"] for e in trail.json()["items"]][-1] == "person.erase"


async def test_export_holds_everything_including_who_looked(world: World) -> None:
    person = await world.register(AMIRA)
    await world.consent(person, ["sportbund"], ["given_names"], language="ar")
    await world.fields_seen_by("jobcenter", person)
    exported = await world.call("GET", "auditor", f"persons/{person}/export")
    assert exported.status_code == 200, exported.text
    body = exported.json()
    assert body["fields"] == AMIRA
    assert body["consents"][0]["purpose"] == "Vermittlung in einen Sportverein"
    assert {"person.create", "consent.given", "person.read"} <= {e["action"] for e in body["audit"]}
    assert (await world.call("GET", "jobcenter", f"persons/{person}/export")).status_code == 403
    printable = await world.call(
        "GET", "auditor", f"persons/{person}/export", params={"format": "html", "language": "ar"}
    )
    assert printable.status_code == 200 and printable.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in printable.text and "Al-Hassan" in printable.text


async def test_every_read_is_audited_and_tampering_is_detected(world: World) -> None:
    person = await world.register(AMIRA)
    await world.fields_seen_by("jugendamt", person)
    trail = await world.call("GET", "auditor", "audit", params={"person_id": person})
    assert trail.status_code == 200
    read = [e for e in trail.json()["items"] if e["action"] == "person.read"][-1]
    assert read["partner_id"] == "jugendamt"
    assert read["basis"]["family_name"] == "AZRG §18d Abs. 1"
    assert "school_education" not in read["fields"]
    assert (await world.call("GET", "jobcenter", "audit")).status_code == 403

    report = await verify(world.agency.db, world.tenant)
    assert report.ok and report.events >= 2
    async with world.agency.db.transaction() as tx:
        await tx.execute(
            "UPDATE audit_event SET partner_id = $1 WHERE tenant_id = $2 AND seq = $3", "iaa", world.tenant, read["seq"]
        )
    broken = await verify(world.agency.db, world.tenant)
    assert not broken.ok and broken.broken_at == read["seq"]
    checked = await world.call("GET", "auditor", "audit/verify")
    assert checked.json()["ok"] is False


async def test_removed_or_reordered_audit_events_are_detected(world: World) -> None:
    person = await world.register(AMIRA)
    for _ in range(3):
        await world.fields_seen_by("iaa", person)
    async with world.agency.db.transaction() as tx:
        await tx.execute("DELETE FROM audit_event WHERE tenant_id = $1 AND seq = 2", world.tenant)
    report = await verify(world.agency.db, world.tenant)
    assert not report.ok and report.broken_at == 2
    async with world.agency.db.transaction() as tx:
        await tx.execute("UPDATE audit_event SET seq = 2 WHERE tenant_id = $1 AND seq = 3", world.tenant)
    assert not (await verify(world.agency.db, world.tenant)).ok


async def test_consent_receipt_is_printable_in_arabic(world: World) -> None:
    person = await world.register(AMIRA)
    body = {
        "partners": ["sportbund"],
        "fields": ["given_names", "sport_interests"],
        "purpose": "Sportverein",
        "valid_until": NEXT_YEAR,
        "language": "ar",
        "method": "with_interpreter",
    }
    recorded = (await world.call("POST", "reception", f"persons/{person}/consents", json=body)).json()
    receipt = await world.call("GET", "reception", f"consents/{recorded['id']}/receipt")
    assert receipt.status_code == 200
    assert receipt.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in receipt.text
    assert recorded["receipt_code"] in receipt.text

"""The audit trail on the staff screens: the data-protection officer sees who read whom, and checks the chain."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core.domain.staff import Principal
from core.services.agency import Agency
from core.services.persons import create_person, read_person
from core.settings import Settings
from tests.integration.test_vault import AMIRA
from tests.ui_support import STAFF, Screens, open_screens


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


def principal(screens: Screens, who: str) -> Principal:
    partner, role = STAFF[who]
    return Principal(tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids[who]}")


async def test_the_auditor_sees_who_read_a_person_and_the_chain_verifies(screens: Screens) -> None:
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    other = await create_person(screens.agency, principal(screens, "iaa"), {**AMIRA, "given_names": "Karim"})
    await read_person(screens.agency, principal(screens, "jobcenter"), person.id)

    await screens.signed_in_as("datenschutz")
    trail = await screens.get(f"/ui/audit?person={person.id}")
    assert trail.status_code == 200
    assert "Daten eingesehen" in trail.text and "Datensatz angelegt" in trail.text, "actions in words (German)"
    assert f"user:{screens.user_ids['jobcenter']}" in trail.text and "Jobcenter" in trail.text
    assert "SGB II" in trail.text, "the legal basis of the read"
    assert other.id not in trail.text, "only the events about the person asked for"
    assert "Al-Hassan" not in trail.text and "Amira" not in trail.text, "no values, only field names"

    everything = await screens.get("/ui/audit")
    assert person.id[:8] in everything.text and other.id[:8] in everything.text

    checked = await screens.post("/ui/audit/verify")
    assert checked.status_code == 200 and "<h1>" in checked.text and 'class="success" role="status"' in checked.text
    fragment = await screens.post("/ui/audit/verify", headers={"HX-Request": "true"})
    assert fragment.status_code == 200 and "<h1>" not in fragment.text and 'role="status"' in fragment.text


async def test_a_changed_event_breaks_the_chain_and_the_screen_says_where(screens: Screens) -> None:
    await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    await screens.agency.db.execute(
        "UPDATE audit_event SET purpose = 'rewritten' WHERE tenant_id = $1 AND seq = 1", screens.tenant
    )
    await screens.signed_in_as("datenschutz")
    await screens.get("/ui/audit")
    checked = await screens.post("/ui/audit/verify")
    assert checked.status_code == 200 and 'role="alert"' in checked.text and 'class="success"' not in checked.text


async def test_the_trail_pages_in_fifties(screens: Screens) -> None:
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    for _ in range(50):
        await read_person(screens.agency, principal(screens, "jobcenter"), person.id)
    await screens.signed_in_as("datenschutz")
    first = await screens.get(f"/ui/audit?person={person.id}")
    assert "after=50" in first.text
    second = await screens.get(f"/ui/audit?person={person.id}&after=50")
    assert second.status_code == 200 and "after=" not in second.text.split('aria-label="Seiten"')[-1]
    refused = await screens.get("/ui/audit?person=not%20an%20id")
    assert refused.status_code == 200 and 'role="alert"' in refused.text


async def test_a_caseworker_and_an_admin_get_no_audit_trail(screens: Screens) -> None:
    for who in ("jobcenter", "admin", "empfang"):
        await screens.signed_in_as(who)
        assert (await screens.get("/ui/audit")).status_code == 403
        assert (await screens.post("/ui/audit/verify")).status_code == 403

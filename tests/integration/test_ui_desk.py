"""The reception desk screen on SQLite and PostgreSQL: register, check in, triage, ticket, referral, appointment."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator

import pytest

from core.domain.staff import Principal, Role
from core.i18n import translations
from core.services.agency import Agency
from core.services.appointments import SlotCreate, publish_slots
from core.services.referrals import list_box
from core.settings import Settings
from tests.ui_support import Screens, open_screens

WALK_IN = {
    "family_name": "Al-Hassan",
    "given_names": "Amira",
    "birth_date": "1994-03-12",
    "nationality": "SY",
    "mother_tongue": "ar",
    "phone": "+49 1570 0000 417",
    "municipality": "Naumburg (Saale)",
}
WORK_IN_ARABIC = "أبحث عن عمل وأريد الاعتراف بشهادتي"


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


async def register_walk_in(screens: Screens) -> str:
    await screens.signed_in_as("empfang")
    await screens.get("/ui/desk")
    created = await screens.post("/ui/desk/persons", WALK_IN)
    assert created.status_code == 302, created.text
    location = created.headers["location"]
    assert "Amira" not in location and "Hassan" not in location  # ids only in URLs
    found = re.search(r"person=([0-9a-f]+)", location)
    assert found
    return found.group(1)


async def check_in(screens: Screens, person_id: str, text: str = WORK_IN_ARABIC) -> tuple[str, str]:
    page = await screens.get(f"/ui/desk/check-in?person={person_id}")
    assert page.status_code == 200 and "Amira" in page.text
    assert 'value="ar" lang="ar" selected' in page.text  # the visitor's language from the mother tongue
    visit = await screens.post(
        "/ui/desk/visits",
        {"person_id": person_id, "language": "ar", "text": text, "concerns": ["jobcenter/arbeitsvermittlung"]},
    )
    assert visit.status_code == 200, visit.text
    visit_id = re.search(r"/ui/desk/visits/([0-9a-f]+)/ticket", visit.text)
    assert visit_id
    return visit_id.group(1), visit.text


async def test_a_walk_in_is_registered_checked_in_and_triage_ranks_the_job_offices_first(screens: Screens) -> None:
    person_id = await register_walk_in(screens)
    _, page = await check_in(screens, person_id)
    first, third = page.index('id="choice-1"'), page.index('id="choice-3"')
    assert "Jobcenter" in page[first:third] and "Bundesagentur" in page[first:third]


async def test_the_search_is_a_post_and_finds_the_visitor_in_another_spelling(screens: Screens) -> None:
    await register_walk_in(screens)
    found = await screens.post("/ui/desk/search", {"family_name": "Al Hasan", "given_names": "Amira"})
    assert found.status_code == 200 and "/ui/desk/check-in?person=" in found.text
    missing = await screens.post("/ui/desk/search", {"family_name": "", "given_names": ""})
    assert missing.status_code == 422 and 'role="alert"' in missing.text


async def test_registering_without_a_given_name_names_the_field_and_keeps_the_input(screens: Screens) -> None:
    await screens.signed_in_as("empfang")
    await screens.get("/ui/desk")
    refused = await screens.post("/ui/desk/persons", {**WALK_IN, "given_names": ""})
    assert refused.status_code == 422
    assert "Vornamen" in refused.text and 'value="Al-Hassan"' in refused.text


async def test_a_referral_from_the_desk_reaches_the_jobcenter_inbox(screens: Screens) -> None:
    person_id = await register_walk_in(screens)
    visit_id, _ = await check_in(screens, person_id)
    body = {"person_id": person_id, "to_partner": "jobcenter", "service": "arbeitsvermittlung", "urgency": "normal"}
    empty = await screens.post(
        f"/ui/desk/visits/{visit_id}/referral", {**body, "reason": ""}, headers={"HX-Request": "true"}
    )
    assert empty.status_code == 422 and 'role="alert"' in empty.text
    sent = await screens.post(
        f"/ui/desk/visits/{visit_id}/referral",
        {**body, "reason": "Sucht Arbeit als Elektrikerin"},
        headers={"HX-Request": "true"},
    )
    assert sent.status_code == 200 and "<html" not in sent.text  # a fragment for htmx
    jobcenter = Principal(tenant_id=screens.tenant, partner_id="jobcenter", role=Role.CASEWORKER, subject="user:x")
    inbox = await list_box(screens.agency, jobcenter, box="inbox", state=None, limit=10, after=None)
    assert [r.person_id for r in inbox.items] == [person_id]
    visit = await screens.get(f"/ui/desk/visits/{visit_id}")
    assert f'<span class="badge">{translations("de").gettext("Referred")}</span>' in visit.text


async def test_a_ticket_number_for_the_queue_and_nothing_personal_on_the_display(screens: Screens) -> None:
    person_id = await register_walk_in(screens)
    visit_id, _ = await check_in(screens, person_id)
    ticket = await screens.post(f"/ui/desk/visits/{visit_id}/ticket", {"partner": "jobcenter"})
    assert ticket.status_code == 200
    number = re.search(r'class="ticket">([A-Z]+-\d{3})<', ticket.text)
    assert number
    board = await screens.client.get(f"/api/v1/{screens.tenant}/display")
    assert board.status_code == 200 and "Amira" not in board.text


async def test_booking_an_appointment_and_printing_the_invitation_in_arabic(screens: Screens) -> None:
    admin = Principal(tenant_id=screens.tenant, partner_id="jobcenter", role=Role.PARTNER_ADMIN, subject="user:a")
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    start = dt.datetime.combine(tomorrow, dt.time(10, 0), dt.timezone(dt.timedelta(hours=1)))
    await publish_slots(
        screens.agency,
        admin,
        "jobcenter",
        SlotCreate(start=start, end=start + dt.timedelta(minutes=30), room="E.12"),
    )
    person_id = await register_walk_in(screens)
    visit_id, _ = await check_in(screens, person_id)
    slots = await screens.get(
        f"/ui/desk/visits/{visit_id}/slots?partner=jobcenter&service=arbeitsvermittlung&person={person_id}&language=ar"
    )
    slot_id = re.search(r'name="slot_id" value="([0-9a-f]+)"', slots.text)
    assert slot_id, slots.text
    booked = await screens.post(
        f"/ui/desk/visits/{visit_id}/appointment",
        {
            "person_id": person_id,
            "partner": "jobcenter",
            "service": "arbeitsvermittlung",
            "slot_id": slot_id.group(1),
            "language": "ar",
        },
    )
    assert booked.status_code == 200, booked.text
    link = re.search(r'href="(/ui/appointments/[0-9a-f]+/invitation)"', booked.text)
    assert link
    letter = await screens.get(link.group(1))
    assert letter.status_code == 200 and 'dir="rtl"' in letter.text
    again = await screens.post(
        f"/ui/desk/visits/{visit_id}/appointment",
        {"person_id": person_id, "partner": "jobcenter", "service": "arbeitsvermittlung", "slot_id": slot_id.group(1)},
    )
    assert again.status_code == 409


async def test_solved_at_the_desk_needs_a_note(screens: Screens) -> None:
    person_id = await register_walk_in(screens)
    visit_id, _ = await check_in(screens, person_id)
    refused = await screens.post(f"/ui/desk/visits/{visit_id}/resolve", {"note": " "})
    assert refused.status_code == 422
    solved = await screens.post(f"/ui/desk/visits/{visit_id}/resolve", {"note": "Formular erklärt"})
    assert solved.status_code == 200 and 'class="success"' in solved.text


async def test_the_desk_is_for_reception_only(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    assert (await screens.client.get("/ui/desk")).status_code == 403

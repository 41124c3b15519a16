"""The appointment calendar on the staff screens: an office publishes slots, the desk books, the week shows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator

import pytest

from core.domain.staff import Principal
from core.i18n import LOCAL_TIME
from core.services import appointments
from core.services.agency import Agency
from core.services.persons import create_person
from core.settings import Settings
from core.web.ui.calendar import week_of
from tests.integration.test_vault import AMIRA
from tests.ui_support import STAFF, Screens, open_screens

NEXT_WEEK_MONDAY = (lambda today: today + dt.timedelta(days=7 - today.weekday()))(dt.datetime.now(LOCAL_TIME).date())
WEEK = week_of(NEXT_WEEK_MONDAY)


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


def principal(screens: Screens, who: str) -> Principal:
    partner, role = STAFF[who]
    return Principal(tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids[who]}")


async def free_slots(screens: Screens) -> list[appointments.SlotOut]:
    since = dt.datetime.combine(NEXT_WEEK_MONDAY, dt.time(0, 0), LOCAL_TIME)
    return await appointments.free_slots(
        screens.agency, principal(screens, "empfang"), "jobcenter", since, since + dt.timedelta(days=7)
    )


async def publish_one(screens: Screens, day: dt.date = NEXT_WEEK_MONDAY) -> None:
    await screens.get(f"/ui/calendar?week={WEEK}")
    form = {"partner": "jobcenter", "week": WEEK, "date": day.isoformat(), "start_time": "09:00", "end_time": "09:30"}
    published = await screens.post("/ui/calendar/slots", {**form, "room": "E.12"})
    assert published.status_code == 302, published.text
    assert published.headers["location"] == f"/ui/calendar?partner=jobcenter&week={WEEK}&done=published"


async def test_the_jobcenter_publishes_slots_the_desk_books_one_and_the_calendar_shows_the_appointment(
    screens: Screens,
) -> None:
    await screens.signed_in_as("jobcenter-admin")
    await publish_one(screens)
    rule = {
        "partner": "jobcenter",
        "week": WEEK,
        "weekdays": ["1", "3"],
        "start_time": "10:00",
        "end_time": "11:00",
        "minutes": "30",
        "first_day": NEXT_WEEK_MONDAY.isoformat(),
        "last_day": (NEXT_WEEK_MONDAY + dt.timedelta(days=6)).isoformat(),
        "rooms": "E.12, E.14",
        "exceptions": (NEXT_WEEK_MONDAY + dt.timedelta(days=3)).isoformat(),
    }
    assert (await screens.post("/ui/calendar/rule", rule)).status_code == 302
    slots = await free_slots(screens)
    assert len(slots) == 1 + 1 * 2 * 2, "Monday's single slot; Tuesday 2 × 2 rooms; Thursday is an exception"
    monday = slots[0]
    assert monday.room == "E.12" and monday.start.astimezone(LOCAL_TIME).time() == dt.time(9, 0)

    desk = principal(screens, "empfang")
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    booked = await appointments.book(
        screens.agency,
        desk,
        appointments.AppointmentCreate(
            person_id=person.id, partner="jobcenter", service="buergergeld", slot_id=monday.id
        ),
    )

    week = await screens.get(f"/ui/calendar?partner=jobcenter&week={WEEK}&done=published")
    assert week.status_code == 200
    assert booked.code in week.text and f"/ui/persons/{person.id}" in week.text
    assert "Al-Hassan" not in week.text and "Amira" not in week.text, "the calendar names nobody"
    assert "E.14" in week.text and 'role="status"' in week.text


async def test_cancelling_on_the_calendar_frees_the_slot(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter-admin")
    await publish_one(screens)
    slot = (await free_slots(screens))[0]
    desk = principal(screens, "empfang")
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    booked = await appointments.book(
        screens.agency,
        desk,
        appointments.AppointmentCreate(
            person_id=person.id, partner="jobcenter", service="buergergeld", slot_id=slot.id
        ),
    )
    assert slot.id not in [s.id for s in await free_slots(screens)]

    await screens.signed_in_as("jobcenter")
    await screens.get(f"/ui/calendar?week={WEEK}")
    cancelled = await screens.post(
        f"/ui/calendar/appointments/{booked.id}/cancel", {"partner": "jobcenter", "week": WEEK}
    )
    assert cancelled.status_code == 302 and "done=cancelled" in cancelled.headers["location"]
    assert slot.id in [s.id for s in await free_slots(screens)]
    again = await screens.post(f"/ui/calendar/appointments/{booked.id}/cancel", {"partner": "jobcenter", "week": WEEK})
    assert again.status_code == 409, "a cancelled appointment cannot be cancelled twice"
    week = await screens.get(f"/ui/calendar?week={WEEK}")
    assert booked.code in week.text and f"/appointments/{booked.id}/cancel" not in week.text


async def test_the_desk_looks_at_every_office_and_records_a_no_show_for_what_it_booked(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter-admin")
    await publish_one(screens)
    slot = (await free_slots(screens))[0]
    desk = principal(screens, "empfang")
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    booked = await appointments.book(
        screens.agency,
        desk,
        appointments.AppointmentCreate(
            person_id=person.id, partner="jobcenter", service="buergergeld", slot_id=slot.id
        ),
    )
    await screens.signed_in_as("empfang")
    week = await screens.get(f"/ui/calendar?partner=jobcenter&week={WEEK}")
    assert week.status_code == 200 and booked.code in week.text
    assert 'id="calendar-partner"' in week.text and "/ui/calendar/slots" not in week.text, "the desk publishes nothing"
    no_show = await screens.post(
        f"/ui/calendar/appointments/{booked.id}/no-show", {"partner": "jobcenter", "week": WEEK}
    )
    assert no_show.status_code == 302
    rows = await appointments.calendar(
        screens.agency,
        desk,
        "jobcenter",
        dt.datetime.combine(NEXT_WEEK_MONDAY, dt.time(0, 0), LOCAL_TIME),
        dt.datetime.combine(NEXT_WEEK_MONDAY + dt.timedelta(days=7), dt.time(0, 0), LOCAL_TIME),
    )
    assert [r.state for r in rows if r.appointment_id == booked.id] == ["no_show"]


async def test_another_office_sees_neither_the_calendar_nor_publishes_for_it(screens: Screens) -> None:
    await screens.signed_in_as("jugendamt")
    other = await screens.get(f"/ui/calendar?partner=jobcenter&week={WEEK}")
    assert other.status_code == 403
    own = await screens.get(f"/ui/calendar?week={WEEK}")
    assert own.status_code == 200 and "/ui/calendar/slots" not in own.text, "a caseworker publishes no slots"
    form = {"partner": "jugendamt", "date": NEXT_WEEK_MONDAY.isoformat(), "start_time": "09:00", "end_time": "09:30"}
    assert (await screens.post("/ui/calendar/slots", form)).status_code == 403

    await screens.signed_in_as("sportbund")
    await screens.get(f"/ui/calendar?week={WEEK}")
    refused = await screens.post("/ui/calendar/slots", {**form, "partner": "jobcenter"})
    assert refused.status_code == 403
    assert await free_slots(screens) == []

    await screens.signed_in_as("datenschutz")
    assert (await screens.get("/ui/calendar")).status_code == 403


async def test_a_slot_that_ends_before_it_starts_is_refused_with_the_form_kept(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter-admin")
    await screens.get(f"/ui/calendar?week={WEEK}")
    form = {"partner": "jobcenter", "week": WEEK, "date": NEXT_WEEK_MONDAY.isoformat(), "room": "E.99"}
    wrong = await screens.post("/ui/calendar/slots", {**form, "start_time": "10:00", "end_time": "09:00"})
    assert wrong.status_code == 422 and 'role="alert"' in wrong.text and 'value="E.99"' in wrong.text
    missing = await screens.post("/ui/calendar/rule", {"partner": "jobcenter", "week": WEEK, "rooms": "E.1"})
    assert missing.status_code == 422
    assert await free_slots(screens) == []


async def test_the_desk_sees_another_offices_own_bookings_only_as_taken(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter-admin")
    await publish_one(screens)
    slot = (await free_slots(screens))[0]
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    booked = await appointments.book(
        screens.agency,
        principal(screens, "jobcenter"),
        appointments.AppointmentCreate(
            person_id=person.id, partner="jobcenter", service="buergergeld", slot_id=slot.id
        ),
    )
    await screens.signed_in_as("empfang")
    week = await screens.get(f"/ui/calendar?partner=jobcenter&week={WEEK}")
    assert week.status_code == 200 and "E.12" in week.text
    assert booked.code not in week.text and person.id not in week.text
    await screens.signed_in_as("jobcenter")
    own = await screens.get(f"/ui/calendar?partner=jobcenter&week={WEEK}")
    assert booked.code in own.text and f"/ui/persons/{person.id}" in own.text

"""The reception desk over HTTP on real SQLite and PostgreSQL: walk-ins, triage, queue, slots, invitations."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
from collections.abc import AsyncIterator
from pathlib import Path

import icalendar
import pytest

from core.bus.dispatcher import Dispatcher, DispatchSettings
from core.domain.staff import Role
from core.services.agency import Agency
from core.settings import Settings
from core.web.documents import Documents
from tests.integration.test_vault import AMIRA, World, open_world
from tests.support_smtp import Collector

TOKENS = {
    "iaa": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "jobcenter_admin": ("jobcenter", Role.PARTNER_ADMIN),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
    "admin": ("iaa", Role.TENANT_ADMIN),
}
TOMORROW = dt.date.today() + dt.timedelta(days=1)


@pytest.fixture
async def world(settings: Settings, agency: Agency) -> AsyncIterator[World]:
    async with open_world(settings, agency, TOKENS, run_dispatcher=False) as opened:
        yield opened


async def publish(world: World, count: int = 3) -> list[str]:
    start = dt.datetime.combine(TOMORROW, dt.time(9, 0), dt.timezone(dt.timedelta(hours=1)))
    ids = []
    for i in range(count):
        body = {
            "start": (start + dt.timedelta(minutes=30 * i)).isoformat(),
            "end": (start + dt.timedelta(minutes=30 * (i + 1))).isoformat(),
            "room": "E.12",
        }
        created = await world.call("POST", "jobcenter_admin", "partners/jobcenter/slots", json=body)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    return ids


async def test_a_walk_in_with_an_arabic_concern_about_work_gets_jobcenter_and_ba_first(world: World) -> None:
    visit = await world.call(
        "POST",
        "reception",
        "visits",
        json={"language": "ar", "text": "أبحث عن عمل، كنت أعمل نجاراً في سوريا وأحتاج وظيفة"},
    )
    assert visit.status_code == 201, visit.text
    suggestions = visit.json()["suggestions"]
    assert suggestions and {s["partner"] for s in suggestions[:2]} <= {"jobcenter", "baa"}
    assert suggestions[0]["score"] >= suggestions[-1]["score"]
    triage = await world.call(
        "POST", "reception", "triage", json={"text": "Mein Sohn möchte Fußball spielen", "language": "de"}
    )
    assert triage.json()["suggestions"][0]["partner"] == "sportbund"
    bad = await world.call("POST", "reception", "triage", json={"text": "x", "language": "fr"})
    assert bad.status_code == 422 and "language" in bad.json()["errors"]


async def test_a_ticket_is_called_and_the_display_shows_no_personal_data(world: World) -> None:
    person = await world.register(AMIRA)
    visit = await world.call(
        "POST",
        "reception",
        "visits",
        json={"language": "de", "person_id": person, "concerns": ["jobcenter/buergergeld"]},
    )
    assert visit.status_code == 201
    ticket = await world.call(
        "POST", "reception", "tickets", json={"visit_id": visit.json()["id"], "partner": "jobcenter"}
    )
    assert ticket.status_code == 201
    number = ticket.json()["number"]
    assert number == "JO-001", "jobcenter and jugendamt share the J, so the Jobcenter's queue is JO"
    before = await world.client.get(f"/api/v1/{world.tenant}/display")
    assert before.status_code == 200 and before.json() == {"called": [], "waiting": 1}
    called = await world.call("POST", "reception", f"tickets/{ticket.json()['id']}/call", json={"counter": "3"})
    assert called.json()["state"] == "called"
    display = await world.client.get(f"/api/v1/{world.tenant}/display")
    assert display.json() == {"called": [{"number": number, "counter": "3"}], "waiting": 0}
    for value in ("Al-Hassan", "Amira", person):
        assert value not in display.text
    again = await world.call("POST", "reception", f"tickets/{ticket.json()['id']}/call", json={"counter": "4"})
    assert again.status_code == 409
    second = await world.call("POST", "reception", "visits", json={"language": "de", "concerns": ["finanzamt/x"]})
    assert second.status_code == 422


async def test_resolved_at_the_desk(world: World) -> None:
    visit = (await world.call("POST", "reception", "visits", json={"language": "en"})).json()
    resolved = await world.call("POST", "reception", f"visits/{visit['id']}/resolve", json={"note": "Formular erklärt"})
    assert resolved.status_code == 200
    assert (
        await world.call("POST", "reception", f"visits/{visit['id']}/resolve", json={"note": "x"})
    ).status_code == 409
    row = await world.agency.db.fetchrow(
        "SELECT note FROM visit WHERE tenant_id = $1 AND id = $2", world.tenant, visit["id"]
    )
    assert row is not None and b"Formular" not in bytes(row["note"]), "the desk note is sealed"


async def test_booking_invitation_in_arabic_and_calendar_file(world: World) -> None:
    person = await world.register({**AMIRA, "email": "amira@example.org"})
    slots = await publish(world)
    free = await world.call("GET", "reception", "partners/jobcenter/slots")
    assert [s["id"] for s in free.json()["items"]] == slots
    booked = await world.call(
        "POST",
        "reception",
        "appointments",
        json={
            "person_id": person,
            "partner": "jobcenter",
            "service": "buergergeld",
            "slot_id": slots[0],
            "language": "ar",
        },
    )
    assert booked.status_code == 201, booked.text
    appointment, code = booked.json()["id"], booked.json()["code"]
    taken = await world.call(
        "POST",
        "reception",
        "appointments",
        json={"person_id": person, "partner": "jobcenter", "service": "buergergeld", "slot_id": slots[0]},
    )
    assert taken.status_code == 409
    assert slots[0] not in [
        s["id"] for s in (await world.call("GET", "reception", "partners/jobcenter/slots")).json()["items"]
    ]

    letter = await world.call("GET", "reception", f"appointments/{appointment}/invitation")
    assert letter.status_code == 200 and 'dir="rtl"' in letter.text and code in letter.text and "<svg" in letter.text
    ics = await world.call("GET", "reception", f"appointments/{appointment}/invitation.ics")
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = icalendar.Calendar.from_ical(ics.content)
    event = next(iter(calendar.walk("VEVENT")))
    assert event["DTSTART"].dt.date() == TOMORROW and appointment in str(event["UID"])

    queued = list((Path(world.agency.settings.home) / "print-queue" / world.tenant).glob("*.html"))
    assert queued, "without an SMTP server the invitation goes to the print queue"

    moved = await world.call("POST", "reception", f"appointments/{appointment}/reschedule", json={"slot_id": slots[1]})
    assert moved.status_code == 200 and moved.json()["slot_id"] == slots[1]
    assert (await world.call("POST", "reception", f"appointments/{appointment}/no-show")).json()["state"] == "no_show"
    assert (await world.call("POST", "reception", f"appointments/{appointment}/cancel")).status_code == 409

    checked_in = await world.call("POST", "reception", "visits", json={"language": "ar", "code": "NOPE-NOPE"})
    assert checked_in.status_code == 404


async def test_check_in_with_the_invitation_code(world: World) -> None:
    person = await world.register(AMIRA)
    slots = await publish(world, 1)
    booked = (
        await world.call(
            "POST",
            "reception",
            "appointments",
            json={"person_id": person, "partner": "jobcenter", "service": "buergergeld", "slot_id": slots[0]},
        )
    ).json()
    visit = await world.call("POST", "reception", "visits", json={"language": "de", "code": booked["code"].lower()})
    assert visit.status_code == 201
    assert visit.json()["person_id"] == person and visit.json()["appointment_id"] == booked["id"]


async def test_recurring_slots_skip_exceptions_and_only_the_office_publishes(world: World) -> None:
    monday = TOMORROW + dt.timedelta(days=(7 - TOMORROW.weekday()) % 7)
    rule = {
        "weekdays": [0, 2],
        "start_time": "09:00",
        "end_time": "11:00",
        "minutes": 30,
        "first_day": monday.isoformat(),
        "last_day": (monday + dt.timedelta(days=13)).isoformat(),
        "rooms": ["E.12", "E.14"],
        "exceptions": [(monday + dt.timedelta(days=2)).isoformat()],
    }
    created = await world.call("POST", "jobcenter_admin", "partners/jobcenter/slots", json={"rule": rule})
    assert created.status_code == 201, created.text
    assert created.json()["created"] == 3 * 4 * 2, "Mon, Mon, Wed (one Wed is a holiday) × 4 slots × 2 rooms"
    assert (await world.call("POST", "sportbund", "partners/jobcenter/slots", json={"rule": rule})).status_code == 403
    bad = await world.call(
        "POST", "jobcenter_admin", "partners/jobcenter/slots", json={"rule": {**rule, "end_time": "08:00"}}
    )
    assert bad.status_code == 422


async def test_steering_figures_and_the_display_page_hold_no_personal_data(world: World) -> None:
    person = await world.register(AMIRA)
    visit = (await world.call("POST", "reception", "visits", json={"language": "ar", "person_id": person})).json()
    ticket = (
        await world.call("POST", "reception", "tickets", json={"visit_id": visit["id"], "partner": "jobcenter"})
    ).json()
    await world.call("POST", "reception", f"tickets/{ticket['id']}/call", json={"counter": "2"})
    desk = (await world.call("POST", "reception", "visits", json={"language": "de"})).json()
    await world.call("POST", "reception", f"visits/{desk['id']}/resolve", json={"note": "erledigt"})
    slots = await publish(world, 1)
    booked = (
        await world.call(
            "POST",
            "reception",
            "appointments",
            json={"person_id": person, "partner": "jobcenter", "service": "buergergeld", "slot_id": slots[0]},
        )
    ).json()
    await world.call("POST", "reception", f"appointments/{booked['id']}/no-show")

    figures = await world.call("GET", "admin", "reports/reception")
    assert figures.status_code == 200, figures.text
    body = figures.json()
    assert body["visitors"] == 2 and body["solved_at_desk_share"] == 0.5
    jobcenter = next(p for p in body["partners"] if p["partner"] == "jobcenter")
    assert jobcenter["tickets"] == 1 and jobcenter["mean_minutes_waiting"] is not None
    assert jobcenter["no_show_rate"] == 1.0 and jobcenter["mean_days_request_to_appointment"] > 0
    assert "Al-Hassan" not in figures.text and person not in figures.text
    assert (await world.call("GET", "reception", "reports/reception")).status_code == 403

    page = await world.client.get(f"/api/v1/{world.tenant}/display/page")
    assert page.status_code == 200 and 'http-equiv="refresh"' in page.text and ticket["number"] in page.text
    assert "Al-Hassan" not in page.text and "Amira" not in page.text


async def test_booking_mails_the_invitation_and_the_dispatcher_reminds_the_day_before(
    world: World, smtp_server: Collector
) -> None:
    person = await world.register({**AMIRA, "email": "amira@example.org"})
    slots = await publish(world, 1)
    booked = await world.call(
        "POST",
        "reception",
        "appointments",
        json={
            "person_id": person,
            "partner": "jobcenter",
            "service": "buergergeld",
            "slot_id": slots[0],
            "language": "de",
        },
    )
    assert booked.status_code == 201
    assert [e.rcpt_tos for e in smtp_server.envelopes] == [["amira@example.org"]], "the invitation went by e-mail"
    mail = email.message_from_bytes(smtp_server.envelopes[0].content, policy=email.policy.default)
    assert booked.json()["code"] in mail.as_string()
    assert any(part.get_content_type() == "text/calendar" for part in mail.walk())

    dispatcher = Dispatcher(
        world.agency, DispatchSettings(appointment_reminder=dt.timedelta(days=2)), letters=Documents()
    )
    try:
        await dispatcher.keep_deadlines(force=True)
        await dispatcher.keep_deadlines(force=True)
    finally:
        await dispatcher.close()
    assert len(smtp_server.envelopes) == 2, "one reminder, not two"


async def test_check_in_with_a_consent_receipt_code(world: World) -> None:
    person = await world.register(AMIRA)
    body = {
        "partners": ["sportbund"],
        "fields": ["given_names"],
        "purpose": "Sportverein",
        "valid_until": (dt.date.today() + dt.timedelta(days=30)).isoformat(),
        "language": "de",
        "method": "in_person",
    }
    receipt = (await world.call("POST", "reception", f"persons/{person}/consents", json=body)).json()
    visit = await world.call("POST", "reception", "visits", json={"language": "de", "code": receipt["receipt_code"]})
    assert visit.status_code == 201 and visit.json()["person_id"] == person


async def test_the_concern_catalogue_comes_from_the_partners_in_each_language(world: World) -> None:
    arabic = await world.call("GET", "reception", "concerns", params={"language": "ar"})
    assert arabic.status_code == 200
    items = {c["id"]: c for c in arabic.json()["items"]}
    assert "jobcenter/arbeitsvermittlung" in items and items["jobcenter/arbeitsvermittlung"]["keywords"]
    assert any("\u0600" <= ch <= "\u06ff" for ch in items["jobcenter/arbeitsvermittlung"]["name"])
    assert (await world.call("GET", "reception", "concerns", params={"language": "fr"})).status_code == 422


async def test_a_visit_ends_in_a_referral_or_an_appointment(world: World) -> None:
    person = await world.register(AMIRA)
    first = (await world.call("POST", "reception", "visits", json={"language": "ar", "person_id": person})).json()
    referral = await world.call(
        "POST",
        "reception",
        "referrals",
        json={
            "person_id": person,
            "to_partner": "jobcenter",
            "service": "buergergeld",
            "reason": "Antrag",
            "visit_id": first["id"],
        },
    )
    assert referral.status_code == 201, referral.text
    second = (await world.call("POST", "reception", "visits", json={"language": "ar", "person_id": person})).json()
    slots = await publish(world, 1)
    booked = await world.call(
        "POST",
        "reception",
        "appointments",
        json={
            "person_id": person,
            "partner": "jobcenter",
            "service": "buergergeld",
            "slot_id": slots[0],
            "visit_id": second["id"],
        },
    )
    assert booked.status_code == 201
    outcomes = {
        r["id"]: r["outcome"]
        for r in await world.agency.db.fetch("SELECT id, outcome FROM visit WHERE tenant_id = $1", world.tenant)
    }
    assert outcomes == {first["id"]: "referral", second["id"]: "appointment"}

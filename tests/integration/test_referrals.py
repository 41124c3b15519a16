"""The referral loop over HTTP with two offices' tokens, on real SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
from collections.abc import AsyncIterator
from typing import Any

import msgspec
import pytest

from core.bus.dispatcher import Dispatcher
from core.domain.staff import Role
from core.services.agency import Agency
from core.settings import Settings
from tests.integration.test_vault import AMIRA, World, open_world

TOKENS = {
    "iaa": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
    "jugendamt": ("jugendamt", Role.CASEWORKER),
    "admin": ("iaa", Role.TENANT_ADMIN),
}
REASON = "Frau Al-Hassan sucht Arbeit als Pflegehelferin und braucht Hilfe beim Antrag"


@pytest.fixture
async def world(settings: Settings, agency: Agency) -> AsyncIterator[World]:
    async with open_world(settings, agency, TOKENS, run_dispatcher=False) as opened:  # tests drive the dispatcher
        yield opened


async def send(world: World, person: str, to: str, service: str, **extra: Any) -> Any:
    body = {"person_id": person, "to_partner": to, "service": service, "reason": REASON, "urgency": "urgent", **extra}
    return await world.call("POST", "iaa", "referrals", json=body)


async def test_whole_loop_between_two_offices(world: World) -> None:
    person = await world.register(AMIRA)
    sent = await send(world, person, "jobcenter", "buergergeld")
    assert sent.status_code == 201, sent.text
    referral = sent.json()
    assert referral["state"] == "sent" and referral["reason"] == REASON
    rid = referral["id"]

    inbox = await world.call("GET", "jobcenter", "referrals", params={"box": "inbox", "state": "sent"})
    assert [r["id"] for r in inbox.json()["items"]] == [rid]
    assert "reason" not in inbox.json()["items"][0], "lists carry ids and states, texts only in the referral"

    seen = await world.call("GET", "jobcenter", f"referrals/{rid}")
    assert seen.json()["state"] == "received" and seen.json()["reason"] == REASON
    assert (await world.call("POST", "jobcenter", f"referrals/{rid}/accept")).json()["state"] == "accepted"
    assert (await world.call("POST", "jobcenter", f"referrals/{rid}/start")).json()["state"] == "in_progress"
    done = await world.call(
        "POST", "jobcenter", f"referrals/{rid}/complete", json={"outcome": "Bürgergeld bewilligt ab 1.12."}
    )
    assert done.status_code == 200 and done.json()["state"] == "completed"

    closed = (await world.call("GET", "iaa", f"referrals/{rid}")).json()
    assert closed["outcome"] == "Bürgergeld bewilligt ab 1.12."
    assert [step["state"] for step in closed["history"]] == ["sent", "received", "accepted", "in_progress", "completed"]
    outbox = await world.call("GET", "iaa", "referrals", params={"box": "outbox"})
    assert outbox.json()["items"][0]["state"] == "completed"

    events = await world.agency.db.fetch(
        "SELECT DISTINCT event_id, payload FROM outbox WHERE tenant_id = $1", world.tenant
    )
    assert len(events) == 5, "one event per state change, written with the change"
    for row in events:
        assert REASON[:20] not in row["payload"] and "Al-Hassan" not in row["payload"]


async def test_every_illegal_transition_is_refused(world: World) -> None:
    person = await world.register(AMIRA)
    rid = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    for action in ("start", "complete"):
        body = {"outcome": "x"} if action == "complete" else None
        refused = await world.call("POST", "jobcenter", f"referrals/{rid}/{action}", json=body)
        assert refused.status_code == 409, action
        assert "allowed:" in refused.json()["detail"]
    assert (await world.call("POST", "iaa", f"referrals/{rid}/accept")).status_code == 403
    assert (await world.call("POST", "jobcenter", f"referrals/{rid}/revoke")).status_code == 403
    assert (await world.call("GET", "sportbund", f"referrals/{rid}")).status_code == 404
    declined = await world.call("POST", "jobcenter", f"referrals/{rid}/decline", json={"reason": "nicht zuständig"})
    assert declined.json()["state"] == "declined" and declined.json()["decline_reason"] == "nicht zuständig"
    for action in ("accept", "start", "revoke"):
        who = "iaa" if action == "revoke" else "jobcenter"
        assert (await world.call("POST", who, f"referrals/{rid}/{action}")).status_code == 409, action
    missing_reason = await world.call("POST", "jobcenter", f"referrals/{rid}/decline", json={})
    assert missing_reason.status_code == 422

    second = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    assert (await world.call("POST", "iaa", f"referrals/{second}/revoke")).json()["state"] == "revoked"
    assert (await world.call("POST", "jobcenter", f"referrals/{second}/accept")).status_code == 409


async def test_a_referral_that_needs_a_missing_consent_says_which(world: World) -> None:
    person = await world.register(AMIRA)
    refused = await send(world, person, "sportbund", "vereinsvermittlung")
    assert refused.status_code == 422
    detail = refused.json()["detail"]
    assert "record a consent" in detail and "'sportbund'" in detail and "sport_interests" in detail
    assert REASON[:10] not in refused.text

    await world.consent(
        person, ["sportbund"], ["given_names", "family_name", "birth_date", "municipality", "phone", "sport_interests"]
    )
    assert (await send(world, person, "sportbund", "vereinsvermittlung")).status_code == 201


async def test_bad_referrals_are_refused_with_the_field_named(world: World) -> None:
    person = await world.register(AMIRA)
    cases = [
        ({"to_partner": "finanzamt"}, "to_partner"),
        ({"service": "zauberei"}, "service"),
        ({"to_partner": "iaa", "service": "empfang"}, "to_partner"),
        ({"due_date": "2001-01-01"}, "due_date"),
    ]
    for change, field in cases:
        body = {"person_id": person, "to_partner": "jobcenter", "service": "buergergeld", "reason": REASON, **change}
        response = await world.call("POST", "iaa", "referrals", json=body)
        assert response.status_code == 422, (change, response.text)
        assert field in response.json()["errors"], (change, response.json())
    unknown_person = {"person_id": "0" * 32, "to_partner": "jobcenter", "service": "buergergeld", "reason": REASON}
    assert (await world.call("POST", "iaa", "referrals", json=unknown_person)).status_code == 404
    reception_cannot_see = await world.call("POST", "admin", "referrals", json={**unknown_person, "person_id": person})
    assert reception_cannot_see.status_code == 403


async def test_withdrawn_consent_acts_on_referrals_in_flight(world: World) -> None:
    person = await world.register(AMIRA)
    consent = await world.consent(
        person, ["sportbund"], ["given_names", "family_name", "birth_date", "municipality", "phone", "sport_interests"]
    )
    rid = (await send(world, person, "sportbund", "vereinsvermittlung")).json()["id"]
    assert await world.fields_seen_by("sportbund", person) is not None
    await world.call("POST", "reception", f"consents/{consent}/withdraw")
    assert await world.fields_seen_by("sportbund", person) is None
    still = await world.call("GET", "sportbund", f"referrals/{rid}")
    assert still.status_code == 200, "the referral stays, the person's data is gone for the receiver"


async def test_inbox_pages_with_a_cursor(world: World) -> None:
    person = await world.register(AMIRA)
    ids = [(await send(world, person, "jobcenter", "buergergeld")).json()["id"] for _ in range(5)]
    first = (await world.call("GET", "jobcenter", "referrals", params={"box": "inbox", "limit": 2})).json()
    second = (
        await world.call("GET", "jobcenter", "referrals", params={"box": "inbox", "limit": 2, "after": first["next"]})
    ).json()
    third = (
        await world.call("GET", "jobcenter", "referrals", params={"box": "inbox", "limit": 2, "after": second["next"]})
    ).json()
    paged = [r["id"] for page in (first, second, third) for r in page["items"]]
    assert sorted(paged) == sorted(ids) and len(paged) == 5 and third.get("next") is None
    bad = await world.call("GET", "jobcenter", "referrals", params={"box": "inbox", "after": "nonsense"})
    assert bad.status_code == 422
    bad_state = await world.call("GET", "jobcenter", "referrals", params={"state": "lost"})
    assert bad_state.status_code == 422


async def test_deadlines_expire_escalate_and_remind(world: World) -> None:
    person = await world.register(AMIRA)
    unanswered = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    overdue = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    await world.call("POST", "jobcenter", f"referrals/{overdue}/accept")
    old = dt.date.today() - dt.timedelta(days=1)
    async with world.agency.db.transaction() as tx:
        await tx.execute("UPDATE referral SET due_date = $1 WHERE tenant_id = $2", old, world.tenant)
    dispatcher = Dispatcher(world.agency)
    try:
        await dispatcher.keep_deadlines(force=True)
        await dispatcher.keep_deadlines(force=True)  # at most one notice per referral
    finally:
        await dispatcher.close()
    assert (await world.call("GET", "iaa", f"referrals/{unanswered}")).json()["state"] == "expired"
    assert (await world.call("GET", "iaa", f"referrals/{overdue}")).json()["state"] == "accepted"
    rows = await world.agency.db.fetch(
        "SELECT DISTINCT event_id, payload FROM outbox WHERE tenant_id = $1", world.tenant
    )
    types = [msgspec.json.decode(r["payload"])["type"] for r in rows]
    assert types.count("referral.expired") == 1 and types.count("referral.overdue") == 1


async def test_referral_figures_hold_no_personal_data(world: World) -> None:
    person = await world.register(AMIRA)
    rid = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    await world.call("POST", "jobcenter", f"referrals/{rid}/accept")
    await send(world, person, "jobcenter", "arbeitsvermittlung")
    figures = await world.call("GET", "admin", "reports/referrals")
    assert figures.status_code == 200, figures.text
    rows = {(r["partner"], r["state"]): r for r in figures.json()["items"]}
    assert rows[("jobcenter", "accepted")]["referrals"] == 1
    assert rows[("jobcenter", "accepted")]["mean_hours_to_acceptance"] is not None
    assert rows[("jobcenter", "sent")]["referrals"] == 1
    assert "Al-Hassan" not in figures.text and person not in figures.text
    assert (await world.call("GET", "jobcenter", "reports/referrals")).status_code == 403


async def test_the_persons_export_holds_their_referrals_with_reason_and_outcome(world: World) -> None:
    person = await world.register(AMIRA)
    rid = (await send(world, person, "jobcenter", "buergergeld")).json()["id"]
    await world.call("POST", "jobcenter", f"referrals/{rid}/accept")
    exported = await world.call("GET", "admin", f"persons/{person}/export")
    assert exported.status_code == 200
    referrals = exported.json()["referrals"]
    assert [(r["id"], r["state"], r["reason"]) for r in referrals] == [(rid, "accepted", REASON)]

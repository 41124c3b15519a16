"""Webhooks on SQLite and PostgreSQL: signed, retried with one event id, dead-lettered, replayed; no personal data."""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass

import pytest

from core.bus.dispatcher import Dispatcher, DispatchSettings
from core.bus.webhooks import EVENT_HEADER, IDEMPOTENCY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature
from core.domain.referral import EventType
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.referrals import notice
from core.settings import Settings
from core.storage.engine import Row
from core.storage.referral_store import Referrals
from tests.integration.test_vault import World, open_world
from tests.support_webhooks import Receiver

SECRET = "ein-sehr-geheimes-webhook-geheimnis"
SERVICE = "buergergeld"  # every field it needs is granted to the Jobcenter by AZRG §18b
REASON = "Antrag auf Bürgergeld nach der Anerkennung, Wohnung in Zeitz seit Oktober"
OUTCOME = "Bürgergeld bewilligt ab dem Ersten des Folgemonats"
PERSON = {
    "family_name": "Al-Hassan",
    "given_names": "Amira",
    "birth_date": "1994-03-12",
    "nationality": ["SY"],
    "address": "Lindenring 7, 06618 Naumburg (Saale)",
    "phone": "+49 1570 0000 417",
    "municipality": "Naumburg (Saale)",
    "residence_status": "aufenthaltserlaubnis",
    "work_permission": "permitted",
}
FAST = {"first_retry": dt.timedelta(milliseconds=50), "last_retry": dt.timedelta(milliseconds=200)}

TOKENS = {
    "iaa": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "iaa_admin": ("iaa", Role.PARTNER_ADMIN),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "jc_admin": ("jobcenter", Role.PARTNER_ADMIN),
}


def personal_values() -> list[str]:
    """Every value of the person distinctive enough to search for in a webhook request."""
    values: list[str] = []
    for value in PERSON.values():
        values.extend(value if isinstance(value, list) else [value])
    return [v for v in values if len(v) >= 5]


@dataclass
class Hooks(World):
    """The vault tests' world, with a webhook subscriber and a way to drive the dispatcher."""

    async def subscribe(self, url: str, events: list[str] | None = None) -> str:
        body = {"url": url, "events": events or ["*"], "secret": SECRET}
        response = await self.call("POST", "jc_admin", "webhooks", json=body)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    async def refer(self) -> tuple[str, str]:
        """A person registered by the IAA and referred to the Jobcenter; (person id, referral id)."""
        person = await self.register(PERSON)
        body = {"person_id": person, "to_partner": "jobcenter", "service": SERVICE, "reason": REASON}
        sent = await self.call("POST", "iaa", "referrals", json=body)
        assert sent.status_code == 201, sent.text
        assert sent.json()["state"] == "sent"
        return person, str(sent.json()["id"])

    async def webhook_rows(self, subscription: str) -> list[Row]:
        return await self.agency.db.fetch(
            "SELECT id, event_id, status, attempts, last_error FROM outbox "
            "WHERE tenant_id = $1 AND destination = $2 ORDER BY created_at, id",
            self.tenant,
            f"webhook:{subscription}",
        )

    async def dispatch_until(self, dispatcher: Dispatcher, subscription: str, status: str, count: int = 1) -> list[Row]:
        """Drive the dispatcher round by round until ``count`` rows of the subscription have ``status``."""
        deadline = time.monotonic() + 20
        while True:
            await dispatcher.run_once()
            rows = await self.webhook_rows(subscription)
            if sum(r["status"] == status for r in rows) >= count:
                return rows
            assert time.monotonic() < deadline, f"never {count} {status}: {rows}"
            await asyncio.sleep(0.02)


@pytest.fixture
async def world(settings: Settings, agency: Agency) -> AsyncIterator[Hooks]:
    async with open_world(settings, agency, TOKENS, run_dispatcher=False) as opened:  # the test drives the dispatcher
        yield Hooks(opened.client, opened.agency, opened.tenant, opened.tokens)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    with Receiver(secret=SECRET, fail_first=3) as running:
        yield running


@pytest.fixture
async def dispatcher(agency: Agency) -> AsyncIterator[Dispatcher]:
    running = Dispatcher(agency, DispatchSettings(**FAST))
    yield running
    await running.close()


async def test_a_failing_receiver_gets_the_event_signed_with_one_id_and_no_personal_data(
    world: Hooks, receiver: Receiver, dispatcher: Dispatcher
) -> None:
    subscription = await world.subscribe(receiver.url)
    person, referral = await world.refer()

    rows = await world.dispatch_until(dispatcher, subscription, "delivered")
    assert len(rows) == 1
    assert rows[0]["status"] == "delivered" and rows[0]["attempts"] == 4, rows
    event_id = rows[0]["event_id"]

    statuses = [r.status for r in receiver.records]
    assert statuses == [500, 500, 500, 200], "three failures, then accepted"
    assert {r.event_id for r in receiver.records} == {event_id}, "every attempt carried the same event id"
    assert receiver.accepted_ids() == {event_id: 1}
    for record in receiver.records:
        assert record.headers[IDEMPOTENCY_HEADER.lower()] == event_id
        assert record.signature_ok
        assert verify_signature(
            SECRET, record.headers[TIMESTAMP_HEADER.lower()], record.body, record.headers[SIGNATURE_HEADER.lower()]
        )
        assert not verify_signature("ein-anderes-geheimnis-ganz-falsch", "0", record.body, "sha256=00")
    body = json.loads(receiver.accepted[0].body)
    assert body["id"] == event_id and body["type"] == "referral.sent" and body["state"] == "sent"
    assert body["referral_id"] == referral and body["to_partner"] == "jobcenter" and body["service"] == SERVICE
    assert person not in receiver.accepted[0].body.decode(), "not even the person id: ids of the referral only"

    # the receiving office works on it: two more events (received+accepted), then completed, each once
    assert (await world.call("POST", "jobcenter", f"referrals/{referral}/accept")).status_code == 200
    completed = await world.call("POST", "jobcenter", f"referrals/{referral}/complete", json={"outcome": OUTCOME})
    assert completed.status_code == 200, completed.text
    rows = await world.dispatch_until(dispatcher, subscription, "delivered", count=4)
    assert [r["attempts"] for r in rows][1:] == [1, 1, 1]
    types = [json.loads(r.body)["type"] for r in receiver.accepted]
    # the bus promises no order between the events of one transaction (received and accepted come together)
    assert sorted(types) == ["referral.accepted", "referral.completed", "referral.received", "referral.sent"]
    assert set(receiver.accepted_ids()) == {r["event_id"] for r in rows}
    assert set(receiver.accepted_ids().values()) == {1}

    secrets = [*personal_values(), REASON, OUTCOME, SECRET]
    for record in receiver.records:
        seen = [record.body.decode(), json.dumps(json.loads(record.body)), *record.headers.values()]
        for text in seen:
            leaked = [value for value in secrets if value in text]
            assert not leaked, f"webhook request carries {leaked}"
        assert set(json.loads(record.body)) == {
            "id",
            "type",
            "tenant",
            "referral_id",
            "from_partner",
            "to_partner",
            "service",
            "state",
            "occurred_at",
        }


async def test_dead_letters_are_listed_to_their_office_and_replayed(world: Hooks, agency: Agency) -> None:
    dispatcher = Dispatcher(agency, DispatchSettings(max_attempts=3, **FAST))
    try:
        with Receiver(secret=SECRET) as receiver:
            receiver.healthy = False
            subscription = await world.subscribe(receiver.url)
            _, referral = await world.refer()

            rows = await world.dispatch_until(dispatcher, subscription, "dead")
            delivery = rows[0]
            assert delivery["attempts"] == 3 and delivery["last_error"] == "HTTP 500"
            assert [r.status for r in receiver.records] == [500, 500, 500]
            await dispatcher.run_once()
            assert len(receiver.records) == 3, "a dead letter is not tried again"

            listed = await world.call("GET", "jc_admin", "bus/dead-letters")
            assert listed.status_code == 200, listed.text
            assert listed.json()["items"] == [
                {
                    "id": delivery["id"],
                    "event_id": delivery["event_id"],
                    "destination": f"webhook:{subscription}",
                    "attempts": 3,
                    "last_error": "HTTP 500",
                }
            ]
            assert (await world.call("GET", "iaa_admin", "bus/dead-letters")).json()["items"] == [], "not theirs"
            assert (await world.call("GET", "jobcenter", "bus/dead-letters")).status_code == 403
            stranger = await world.call("POST", "iaa_admin", f"bus/dead-letters/{delivery['id']}/replay")
            assert stranger.status_code == 404

            receiver.healthy = True
            replayed = await world.call("POST", "jc_admin", f"bus/dead-letters/{delivery['id']}/replay")
            assert replayed.status_code == 200, replayed.text
            assert replayed.json() == {"replayed": 1}
            assert (await world.call("GET", "jc_admin", "bus/dead-letters")).json()["items"] == []
            again = await world.call("POST", "jc_admin", f"bus/dead-letters/{delivery['id']}/replay")
            assert again.status_code == 404, "replayed once; it is no dead letter any more"

            rows = await world.dispatch_until(dispatcher, subscription, "delivered")
            assert rows[0]["id"] == delivery["id"] and rows[0]["attempts"] == 1
            assert [r.status for r in receiver.records] == [500, 500, 500, 200]
            assert receiver.accepted_ids() == {delivery["event_id"]: 1}
            assert json.loads(receiver.accepted[0].body)["referral_id"] == referral
            assert {r.headers[EVENT_HEADER.lower()] for r in receiver.records} == {delivery["event_id"]}
    finally:
        await dispatcher.close()


async def test_subscriptions_need_https_a_long_secret_and_a_partner_admin(world: Hooks) -> None:
    good = {"url": "https://fachverfahren.jobcenter-blk.example/agentur", "events": ["*"], "secret": SECRET}
    cases = [
        ({**good, "url": "http://fachverfahren.jobcenter-blk.example/agentur"}, "url"),
        ({**good, "url": "ftp://127.0.0.1/agentur"}, "url"),
        ({**good, "secret": "zu-kurz"}, "secret"),
        ({**good, "events": ["referral.gelesen"]}, "events"),
        ({**good, "events": []}, "events"),
    ]
    for body, field in cases:
        response = await world.call("POST", "jc_admin", "webhooks", json=body)
        assert response.status_code == 422, (body, response.text)
        assert set(response.json()["errors"]) == {field}, response.text
        assert body["secret"] not in response.text

    for who in ("reception", "jobcenter"):
        refused = await world.call("POST", who, "webhooks", json=good)
        assert refused.status_code == 403, (who, refused.text)

    loopback = await world.call("POST", "jc_admin", "webhooks", json={**good, "url": "http://127.0.0.1:9/hook"})
    assert loopback.status_code == 201, "plain http to this machine, for testing"
    created = await world.call("POST", "jc_admin", "webhooks", json=good)
    assert created.status_code == 201, created.text
    assert "secret" not in created.json()
    listed = await world.call("GET", "jc_admin", "webhooks")
    assert [w["url"] for w in listed.json()["items"]] == ["http://127.0.0.1:9/hook", good["url"]]
    assert SECRET not in listed.text
    stored = await world.agency.db.fetch(
        "SELECT sealed_secret FROM webhook_subscription WHERE tenant_id = $1", world.tenant
    )
    assert all(SECRET.encode() not in bytes(r["sealed_secret"]) for r in stored), "sealed, not stored in clear"


async def test_a_deadline_notice_goes_out_once_when_two_workers_keep_deadlines(
    world: Hooks, receiver: Receiver, agency: Agency, dispatcher: Dispatcher
) -> None:
    """Two workers both list the unanswered referral, then both send the reminder: one event, not two."""
    receiver.fail_first = 0
    subscription = await world.subscribe(receiver.url)
    _, referral = await world.refer()
    four_days_ago = dt.datetime.now(dt.UTC) - dt.timedelta(days=4)
    async with agency.db.transaction() as tx:
        await tx.execute(
            "UPDATE referral SET created_at = $1 WHERE tenant_id = $2 AND id = $3",
            four_days_ago,
            world.tenant,
            referral,
        )

    # what keep_deadlines does in two worker processes at once: both list the referral, then both act on it
    repo, cutoff = Referrals(agency.db, world.tenant), four_days_ago + dt.timedelta(days=1)
    assert await repo.unanswered_since(cutoff) == await repo.unanswered_since(cutoff) == [referral]
    await notice(agency, world.tenant, referral, EventType.REMINDER, "reminded_at")  # the first worker
    await notice(agency, world.tenant, referral, EventType.REMINDER, "reminded_at")  # the second, just after
    await dispatcher.keep_deadlines(force=True)  # and any later round

    rows = await world.dispatch_until(dispatcher, subscription, "delivered", count=2)
    assert len(rows) == 2, "sent and one reminder"
    types = sorted(json.loads(r.body)["type"] for r in receiver.accepted)
    assert types == ["referral.reminder", "referral.sent"], "one reminder, however many workers keep deadlines"

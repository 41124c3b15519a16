"""A slot can never be double-booked, also under concurrent requests: the database decides.

Real processes on each engine: two ``agentur serve`` processes (dispatcher off) on the same database, so the
bookings race across processes as well as inside one. For each of several slots, ``CONTENDERS`` bookings for
different persons are fired at once (a thread each, its own keep-alive connection, released together by a
barrier): exactly one gets 201, every other one 409 with a problem document saying the slot is taken, and the
database holds exactly one booked appointment per slot — the partial unique index
``appointment (tenant_id, slot_id) WHERE state = 'booked'``, not the application, is what refuses the others.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx
import pytest

from tests.conftest import unique_slug
from tests.e2e.server import Server, agentur_env, run_agentur

LOCAL = ZoneInfo("Europe/Berlin")
CONTENDERS = 16
"""Concurrent bookings of one slot, each for a different person."""
RACED_SLOTS = 5
SERVERS = 2
INDEX = "appointment_tenant_slot_booked_key"
TAKEN = "the slot has just been booked by someone else"
GIVEN = ["Rami", "Lina", "Omar", "Yara", "Samir", "Nour", "Karim", "Dalia"]
FAMILY = ["Haddad", "Khalil", "Nasser", "Saleh"]


@dataclass
class World:
    engine: str
    home: Path
    database_url: str | None
    tenant: str
    servers: list[Server]
    tokens: dict[str, str]

    def client(self, who: str, server: int = 0) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.servers[server].base_url}/api/v1/{self.tenant}",
            headers={"Authorization": f"Bearer {self.tokens[who]}"},
            timeout=30,
            trust_env=False,
        )

    def query(self, sql: str, *args: Any) -> list[tuple[Any, ...]]:
        """Straight from the database, past the application (``$n`` placeholders)."""
        if self.database_url is None:
            with sqlite3.connect(self.home / "agentur.sqlite3") as db:
                return db.execute(sql.replace("$", "?"), args).fetchall()

        async def fetch() -> list[tuple[Any, ...]]:
            conn = await asyncpg.connect(self.database_url)
            try:
                return [tuple(row) for row in await conn.fetch(sql, *args)]
            finally:
                await conn.close()

        return asyncio.run(fetch())


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def world(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[World]:
    database_url = request.getfixturevalue("postgres_url") if request.param == "postgres" else None
    extra = {"AGENTUR_DISPATCHER": "off"}
    if database_url:
        extra["AGENTUR_DATABASE_URL"] = database_url
    env = agentur_env(tmp_path / "home", **extra)
    tenant = unique_slug("race")
    created = run_agentur(
        "tenant", "create", tenant, "--name", "Burgenlandkreis", "--plugins", "iaa,jobcenter", env=env
    )
    assert created.returncode == 0, created.stderr
    tokens = {}
    for who, partner, role in [
        ("desk", "iaa", "reception"),
        ("iaa", "iaa", "caseworker"),
        ("jc_admin", "jobcenter", "partner_admin"),
    ]:
        made = run_agentur("token", "create", "--tenant", tenant, "--partner", partner, "--role", role, env=env)
        assert made.returncode == 0, made.stderr
        tokens[who] = made.stdout.strip()
    servers = [Server(env=env, log=tmp_path / f"serve-{n}.log") for n in range(SERVERS)]
    try:
        for server in servers:
            server.wait_ready()
        yield World(request.param, tmp_path / "home", database_url, tenant, servers, tokens)
    finally:
        for server in servers:
            server.stop()


def register_persons(world: World, count: int) -> list[str]:
    ids = []
    with world.client("iaa") as iaa:
        for n in range(count):
            person = {
                "family_name": FAMILY[n % len(FAMILY)],
                "given_names": GIVEN[n % len(GIVEN)],
                "birth_date": (dt.date(1980, 1, 1) + dt.timedelta(days=97 * n)).isoformat(),
                "nationality": ["SY"],
                "residence_status": "aufenthaltserlaubnis",
            }
            response = iaa.post("/persons", json={"fields": person})
            assert response.status_code == 201, response.text
            ids.append(response.json()["id"])
    return ids


def publish_slots(world: World, count: int) -> list[str]:
    """``count`` single 20-minute slots of the Jobcenter from tomorrow 09:00 local time on."""
    first = dt.datetime.combine(dt.datetime.now(LOCAL).date() + dt.timedelta(days=1), dt.time(9), LOCAL)
    ids = []
    with world.client("jc_admin") as admin:
        for n in range(count):
            start = first + dt.timedelta(minutes=20 * n)
            body = {"start": start.isoformat(), "end": (start + dt.timedelta(minutes=20)).isoformat(), "room": "A 1"}
            response = admin.post("/partners/jobcenter/slots", json=body)
            assert response.status_code == 201, response.text
            assert response.json()["created"] == 1
            ids.append(response.json()["id"])
    return ids


def booking(person_id: str, slot_id: str) -> dict[str, str]:
    return {"person_id": person_id, "partner": "jobcenter", "service": "buergergeld", "slot_id": slot_id}


def race(world: World, slot_id: str, person_ids: list[str]) -> tuple[list[httpx.Response], float]:
    """One booking per person of the same slot, all released at once, spread over the servers; the responses
    and the seconds from the release to the last answer."""
    barrier = threading.Barrier(len(person_ids))
    clients = [world.client("desk", n % SERVERS) for n in range(len(person_ids))]
    released: list[float] = []
    answered: list[float] = []

    def book(n: int) -> httpx.Response:
        client = clients[n]
        assert client.get("/display").status_code == 200  # the connection is open before the start
        barrier.wait(timeout=30)
        released.append(time.perf_counter())
        response = client.post("/appointments", json=booking(person_ids[n], slot_id) | {"language": "ar"})
        answered.append(time.perf_counter())
        return response

    try:
        with ThreadPoolExecutor(len(person_ids)) as pool:
            responses = list(pool.map(book, range(len(person_ids))))
    finally:
        for client in clients:
            client.close()
    return responses, max(answered) - min(released)


def booked_per_slot(world: World) -> Counter[str]:
    rows = world.query("SELECT slot_id FROM appointment WHERE tenant_id = $1 AND state = 'booked'", world.tenant)
    return Counter(row[0] for row in rows)


def test_concurrent_bookings_of_a_slot_leave_exactly_one(world: World, capsys: pytest.CaptureFixture[str]) -> None:
    began = time.monotonic()
    persons = register_persons(world, CONTENDERS)
    slots = publish_slots(world, RACED_SLOTS + 2)
    raced, spare = slots[:RACED_SLOTS], slots[RACED_SLOTS:]

    winners: dict[str, dict[str, Any]] = {}
    race_seconds = []
    for round_no, slot_id in enumerate(raced):
        contenders = persons[round_no:] + persons[:round_no]  # a different person first in each round
        responses, seconds = race(world, slot_id, contenders)
        race_seconds.append(seconds)
        statuses = Counter(r.status_code for r in responses)
        assert statuses == {201: 1, 409: CONTENDERS - 1}, [(r.status_code, r.text[:200]) for r in responses]
        for response in responses:
            if response.status_code == 409:
                assert response.headers["content-type"].startswith("application/problem+json")
                problem = response.json()
                assert problem["status"] == 409 and problem["type"].endswith("/conflict")
                assert TAKEN in problem["detail"], problem
        won = next(r.json() for r in responses if r.status_code == 201)
        assert won["slot_id"] == slot_id and won["state"] == "booked"
        winners[slot_id] = won

    # The database holds exactly one booked appointment per slot, the winner's, and the losers left no trace.
    assert booked_per_slot(world) == dict.fromkeys(raced, 1)
    rows = world.query("SELECT slot_id, id FROM appointment WHERE tenant_id = $1", world.tenant)
    assert sorted(rows) == sorted((slot_id, won["id"]) for slot_id, won in winners.items())
    audited = world.query(
        "SELECT COUNT(*) FROM audit_event WHERE tenant_id = $1 AND action = 'appointment.book'", world.tenant
    )
    assert audited == [(RACED_SLOTS,)]
    # … because of a constraint in the database: a unique index over the booked rows only.
    if world.database_url is None:
        definition = world.query("SELECT sql FROM sqlite_master WHERE type = 'index' AND name = $1", INDEX)
    else:
        definition = world.query("SELECT indexdef FROM pg_indexes WHERE indexname = $1", INDEX)
    assert len(definition) == 1 and "UNIQUE" in definition[0][0].upper() and "booked" in definition[0][0]

    with world.client("desk", 1) as desk:
        # A cancelled appointment frees its slot: the partial index only covers booked rows.
        freed = raced[0]
        cancelled = desk.post(f"/appointments/{winners[freed]['id']}/cancel")
        assert cancelled.status_code == 200, cancelled.text
        assert any(s["id"] == freed for s in desk.get("/partners/jobcenter/slots").json()["items"])
        again = desk.post("/appointments", json=booking(persons[-1], freed))
        assert again.status_code == 201, again.text
        assert desk.post("/appointments", json=booking(persons[0], freed)).status_code == 409

        # Moving another appointment onto a taken slot is refused the same way; a free one takes it.
        moving = desk.post("/appointments", json=booking(persons[1], spare[0]))
        assert moving.status_code == 201, moving.text
        onto_taken = desk.post(f"/appointments/{moving.json()['id']}/reschedule", json={"slot_id": raced[1]})
        assert onto_taken.status_code == 409, onto_taken.text
        assert TAKEN in onto_taken.json()["detail"]
        onto_free = desk.post(f"/appointments/{moving.json()['id']}/reschedule", json={"slot_id": spare[1]})
        assert onto_free.status_code == 200, onto_free.text

    states = world.query(
        "SELECT slot_id, state, COUNT(*) FROM appointment WHERE tenant_id = $1 GROUP BY slot_id, state", world.tenant
    )
    assert sorted(states) == sorted(
        [(freed, "cancelled", 1), (freed, "booked", 1)]
        + [(slot_id, "booked", 1) for slot_id in raced[1:]]
        + [(spare[1], "booked", 1)]
    )
    bursts = ", ".join(f"{seconds * 1000:.0f}" for seconds in race_seconds)
    with capsys.disabled():
        print(
            f"\nbooking race on {world.engine}: {RACED_SLOTS} slots × {CONTENDERS} concurrent bookings over "
            f"{SERVERS} servers, one 201 each; bursts answered within {bursts} ms; "
            f"test {time.monotonic() - began:.1f} s"
        )

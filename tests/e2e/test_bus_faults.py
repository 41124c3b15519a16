"""The fault test of the bus: dispatcher processes are SIGKILLed again and again while thousands of referral
events flow; afterwards every event has reached the receiver (none lost, duplicates only as repeated ids).

Real processes: ``agentur serve`` with its own dispatcher off (it only answers the API), ``agentur worker``
processes (two on PostgreSQL, racing with ``FOR UPDATE SKIP LOCKED``; one on SQLite) delivering to a
webhook receiver in this test process, a load generator sending referrals and their transitions over
HTTP, and a killer thread. The figures go to the test output and to ``tests/artifacts/bus_faults.json``.
"""

from __future__ import annotations

import asyncio
import dataclasses
import json
import os
import random
import signal
import sqlite3
import subprocess
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest

from tests.conftest import unique_slug
from tests.e2e.server import AGENTUR, Server, agentur_env, run_agentur
from tests.support_webhooks import Receiver

ARTIFACT = Path(__file__).resolve().parents[1] / "artifacts" / "bus_faults.json"
SECRET = "geheimnis-des-fachverfahrens-jobcenter"
LEASE_SECONDS = "2"
RECEIVER_DELAY = 0.008
"""A receiver takes a few milliseconds per event, so that kills hit workers in the middle of a claimed batch."""
LIFETIME = (0.5, 1.5)
"""How long a worker may dispatch before the killer strikes (seconds after it reported ready)."""
EVENTS_PER_REFERRAL = 4  # sent; received + accepted (one accept); completed


@dataclass(frozen=True)
class Engine:
    name: str
    workers: int
    referrals: int
    load_seconds: float
    """The load is spread over this long, so that the workers are killed many times while events flow."""
    minimum_events: int
    database_url: str | None = None


ENGINES = {
    "sqlite": Engine("sqlite", workers=1, referrals=300, load_seconds=16, minimum_events=1000),
    "postgres": Engine("postgres", workers=2, referrals=625, load_seconds=20, minimum_events=2000),
}


# --------------------------------------------------------------------------------------------
# Worker processes and the killer


class Worker:
    """One ``agentur worker`` incarnation in its own process group, logging to its own file."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self.log = log
        with log.open("w") as handle:
            self.process = subprocess.Popen(
                [AGENTUR, "worker"], env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
            )
        self.ready_at: float | None = None

    def ready(self) -> bool:
        """Whether it has started dispatching (it says so once the schema is checked and the agency open)."""
        if self.ready_at is None and "worker: dispatching" in self.log.read_text():
            self.ready_at = time.monotonic()
        return self.ready_at is not None

    def kill(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process.wait()

    def terminate(self) -> int:
        """SIGTERM: finish the round and stop."""
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
        try:
            return self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.kill()
            raise


@dataclass
class Crew:
    """The worker slots the killer works on, and every incarnation ever started."""

    env: dict[str, str]
    logs: Path
    started: list[Worker] = field(default_factory=list)
    slots: list[Worker] = field(default_factory=list)
    kills: int = 0
    lifetimes: list[float] = field(default_factory=list)

    def start(self) -> Worker:
        worker = Worker(self.env, self.logs / f"worker-{len(self.started)}.log")
        self.started.append(worker)
        return worker

    def man(self, count: int) -> None:
        self.slots = [self.start() for _ in range(count)]

    def kill_and_restart(self, slot: int) -> None:
        victim = self.slots[slot]
        victim.kill()
        self.kills += 1
        if victim.ready_at is not None:
            self.lifetimes.append(time.monotonic() - victim.ready_at)
        self.slots[slot] = self.start()

    def unexpected_exits(self) -> list[str]:
        """Workers that died by themselves: the log of each (a crash is a finding, not noise)."""
        return [
            w.log.read_text()[-2000:]
            for w in self.slots
            if w.process.poll() is not None and w.process.returncode != -signal.SIGKILL
        ]

    def kill_all(self) -> None:
        for worker in self.started:
            worker.kill()


def killer(crew: Crew, stop: threading.Event, rng: random.Random) -> None:
    """SIGKILL each worker 0.5-1.5 s after it began dispatching, and start a new one in its place."""
    deadlines: dict[int, float] = {}
    while not stop.wait(0.02):
        for slot, worker in enumerate(crew.slots):
            if not worker.ready():
                continue
            due = deadlines.setdefault(id(worker), (worker.ready_at or 0) + rng.uniform(*LIFETIME))
            if time.monotonic() >= due:
                crew.kill_and_restart(slot)


# --------------------------------------------------------------------------------------------
# Reading the outbox directly


def query(engine: Engine, home: Path, sql: str, *args: Any) -> list[tuple[Any, ...]]:
    if engine.database_url is None:
        conn = sqlite3.connect(f"file:{home / 'agentur.sqlite3'}?mode=ro", uri=True, timeout=10)
        try:
            return conn.execute(sql.replace("$1", "?1"), args).fetchall()
        finally:
            conn.close()

    async def fetch() -> list[tuple[Any, ...]]:
        conn = await asyncpg.connect(engine.database_url)
        try:
            return [tuple(r) for r in await conn.fetch(sql, *args)]
        finally:
            await conn.close()

    return asyncio.run(fetch())


# --------------------------------------------------------------------------------------------
# The load


@dataclass
class Load:
    base: str
    tenant: str
    tokens: dict[str, str]
    persons: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    _local: threading.local = field(default_factory=threading.local)
    _clients: list[httpx.Client] = field(default_factory=list)

    def client(self) -> httpx.Client:
        client: httpx.Client | None = getattr(self._local, "client", None)
        if client is None:
            client = self._local.client = httpx.Client(base_url=f"{self.base}/api/v1/{self.tenant}/", timeout=60)
            self._clients.append(client)
        return client

    def call(self, who: str, method: str, path: str, expect: int, **kwargs: Any) -> Any:
        response = self.client().request(
            method, path, headers={"Authorization": f"Bearer {self.tokens[who]}"}, **kwargs
        )
        if response.status_code != expect:
            self.failures.append(
                f"{method} {path.split('/')[0]} as {who}: {response.status_code} {response.text[:200]}"
            )
            return None
        return response.json()

    def register(self, count: int) -> None:
        for i in range(count):
            fields = {
                "family_name": f"Haddad-{i}",
                "given_names": "Rami",
                "birth_date": "1989-05-02",
                "nationality": ["LB"],
                "address": f"Domplatz {i + 1}, 06618 Naumburg (Saale)",
                "residence_status": "aufenthaltserlaubnis",
            }
            created = self.call("iaa", "POST", "persons", 201, json={"fields": fields})
            assert created is not None, self.failures
            self.persons.append(created["id"])

    def referral(self, n: int, not_before: float) -> None:
        """One referral's life: sent by the IAA, accepted and completed by the Jobcenter (4 events)."""
        time.sleep(max(0.0, not_before - time.monotonic()))
        body = {
            "person_id": self.persons[n % len(self.persons)],
            "to_partner": "jobcenter",
            "service": "buergergeld",
            "reason": f"Antrag auf Bürgergeld, Vorgang {n}",
        }
        sent = self.call("iaa", "POST", "referrals", 201, json=body)
        if sent is None:
            return
        rid = sent["id"]
        if self.call("jobcenter", "POST", f"referrals/{rid}/accept", 200) is None:
            return
        self.call("jobcenter", "POST", f"referrals/{rid}/complete", 200, json={"outcome": "bewilligt"})

    def run(self, referrals: int, seconds: float, concurrency: int = 8) -> None:
        """``referrals`` lives, started at an even pace over ``seconds``, up to ``concurrency`` at a time."""
        began, pace = time.monotonic(), seconds / referrals
        try:
            with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="load") as pool:
                list(pool.map(self.referral, range(referrals), [began + n * pace for n in range(referrals)]))
        finally:
            for client in self._clients:
                client.close()


# --------------------------------------------------------------------------------------------
# The test


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest) -> Engine:
    chosen = ENGINES[request.param]
    if request.param == "postgres":
        return dataclasses.replace(chosen, database_url=request.getfixturevalue("postgres_url"))
    return chosen


@pytest.fixture
def processes() -> Iterator[list[Any]]:
    """Everything started here is stopped again, whatever happens."""
    started: list[Any] = []
    yield started
    for thing in reversed(started):
        if isinstance(thing, Crew):
            thing.kill_all()
        else:
            thing.stop()


def record_figures(engine: str, figures: dict[str, Any]) -> None:
    ARTIFACT.parent.mkdir(parents=True, exist_ok=True)
    try:
        known = json.loads(ARTIFACT.read_text())
    except (OSError, ValueError):
        known = {}
    known[engine] = figures
    ARTIFACT.write_text(json.dumps(known, indent=2, sort_keys=True) + "\n")


def test_killed_dispatchers_lose_no_event(engine: Engine, tmp_path: Path, processes: list[Any]) -> None:
    began = time.monotonic()
    home = tmp_path / "home"
    extra = {"AGENTUR_DISPATCHER": "off", "AGENTUR_BUS_LEASE_SECONDS": LEASE_SECONDS}
    if engine.database_url:
        extra["AGENTUR_DATABASE_URL"] = engine.database_url
    env = agentur_env(home, **extra)
    tenant = unique_slug("bus")

    created = run_agentur(
        "tenant", "create", tenant, "--name", "Burgenlandkreis", "--plugins", "iaa,jobcenter", env=env
    )
    assert created.returncode == 0, created.stderr
    tokens = {}
    for who, partner, role in [
        ("iaa", "iaa", "caseworker"),
        ("jobcenter", "jobcenter", "caseworker"),
        ("jc_admin", "jobcenter", "partner_admin"),
    ]:
        made = run_agentur("token", "create", "--tenant", tenant, "--partner", partner, "--role", role, env=env)
        assert made.returncode == 0, made.stderr
        tokens[who] = made.stdout.strip()

    receiver = Receiver(secret=SECRET, delay=RECEIVER_DELAY).start()
    processes.append(receiver)
    server = Server(env=env, log=tmp_path / "server.log")
    processes.append(server)
    server.wait_ready()

    load = Load(server.base_url, tenant, tokens)
    subscribed = load.call(
        "jc_admin", "POST", "webhooks", 201, json={"url": receiver.url, "events": ["*"], "secret": SECRET}
    )
    assert subscribed is not None, load.failures
    load.register(25)
    setup_seconds = time.monotonic() - began

    crew = Crew(env, tmp_path)
    processes.append(crew)
    crew.man(engine.workers)
    stop_killing = threading.Event()
    rng = random.Random(20261125)
    killing = threading.Thread(target=killer, args=(crew, stop_killing, rng), name="killer", daemon=True)
    killing.start()

    load_began = time.monotonic()
    try:
        load.run(engine.referrals, engine.load_seconds)
    finally:
        stop_killing.set()
        killing.join(timeout=10)
    load_seconds = time.monotonic() - load_began
    assert not load.failures, f"{len(load.failures)} API calls failed, e.g. {load.failures[:3]}"
    assert not crew.unexpected_exits(), crew.unexpected_exits()
    delivered_under_fire = len(receiver.accepted_ids())

    # the last incarnations die too (leaving leased rows behind); one worker that is left alone drains the rest
    for worker in crew.slots:
        worker.kill()
    survivor = crew.start()
    drain_began = time.monotonic()
    pending: int | None = None
    while time.monotonic() - drain_began < 90:
        pending = query(
            engine, home, "SELECT count(*) FROM outbox WHERE tenant_id = $1 AND status <> 'delivered'", tenant
        )[0][0]
        if pending == 0:
            break
        assert survivor.process.poll() is None, survivor.log.read_text()[-2000:]
        time.sleep(0.25)
    drain_seconds = time.monotonic() - drain_began

    in_outbox = {
        row[0]
        for row in query(
            engine,
            home,
            "SELECT DISTINCT event_id FROM outbox WHERE tenant_id = $1 AND destination LIKE 'webhook:%'",
            tenant,
        )
    }
    webhook_rows = query(
        engine, home, "SELECT count(*) FROM outbox WHERE tenant_id = $1 AND destination LIKE 'webhook:%'", tenant
    )[0][0]
    max_attempts, reclaimed = query(
        engine,
        home,
        "SELECT max(attempts), sum(CASE WHEN attempts > 1 THEN 1 ELSE 0 END) FROM outbox WHERE tenant_id = $1",
        tenant,
    )[0]
    records = receiver.records
    accepted = receiver.accepted_ids()
    bodies: dict[str, set[bytes]] = {}
    for record in records:
        bodies.setdefault(record.event_id, set()).add(record.body)
    duplicates = sum(accepted.values()) - len(accepted)
    figures = {
        "engine": engine.name,
        "workers": engine.workers,
        "lease_seconds": float(LEASE_SECONDS),
        "referrals": engine.referrals,
        "events": len(in_outbox),
        "deliveries_received": sum(accepted.values()),
        "duplicates": duplicates,
        "events_received_more_than_once": sum(1 for n in accepted.values() if n > 1),
        "kills": crew.kills,
        "final_kills": len(crew.slots),
        "worker_incarnations": len(crew.started),
        "mean_dispatching_seconds_before_kill": round(sum(crew.lifetimes) / max(len(crew.lifetimes), 1), 2),
        "events_delivered_while_killing": delivered_under_fire,
        "max_attempts_of_a_delivery": max_attempts,
        "deliveries_claimed_again_after_a_lease_ran_out": int(reclaimed),
        "setup_seconds": round(setup_seconds, 1),
        "load_seconds": round(load_seconds, 1),
        "drain_seconds": round(drain_seconds, 1),
        "not_delivered_after_drain": pending,
        "total_seconds": round(time.monotonic() - began, 1),
    }
    print(f"\nbus fault test ({engine.name}): {json.dumps(figures)}")
    record_figures(engine.name, figures)

    assert pending == 0, f"{pending} deliveries still not delivered after {drain_seconds:.0f}s"
    assert survivor.terminate() == 0, "a worker stops cleanly on SIGTERM"
    assert len(in_outbox) >= engine.minimum_events
    assert len(in_outbox) == engine.referrals * EVENTS_PER_REFERRAL
    assert webhook_rows == len(in_outbox), "one webhook delivery row per event"
    assert set(accepted) == in_outbox, (
        f"lost: {len(in_outbox - set(accepted))}, unknown: {len(set(accepted) - in_outbox)}"
    )
    assert all(r.signature_ok for r in records), "every request, redelivered or not, is signed"
    assert all(len(b) == 1 for b in bodies.values()), "a redelivery is the same event: same id, same body"
    assert all(json.loads(next(iter(b)))["id"] == event_id for event_id, b in bodies.items())
    assert crew.kills >= 5, f"only {crew.kills} kills: the load ended before the faults began"


@pytest.mark.parametrize("lease", ["abc", "0", "-5", "nan"])
def test_a_worker_refuses_a_lease_that_is_no_positive_number(tmp_path: Path, lease: str) -> None:
    result = run_agentur("worker", env=agentur_env(tmp_path / "home", AGENTUR_BUS_LEASE_SECONDS=lease))
    assert result.returncode == 2
    assert result.stderr == f"agentur: AGENTUR_BUS_LEASE_SECONDS must be a positive number of seconds, got {lease!r}\n"
    assert not (tmp_path / "home").exists(), "refused before the database is touched"

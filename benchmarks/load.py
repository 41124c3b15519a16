"""Load scenario: a sustained mixed load on several real ``agentur serve`` processes and one worker, on PostgreSQL.

``SERVERS`` ``agentur serve`` processes (dispatcher off) and one ``agentur worker`` share one scratch database and
one ``AGENTUR_HOME`` (the same key files); many concurrent clients (``httpx.AsyncClient``, one keep-alive connection
each, spread over the processes round-robin) run a mix of what a county's agency does in a day for ``--seconds``.
Every operation's latencies are kept; ``GET /api/v1/health`` is part of the mix, so its latency under the same load
is the floor of the others. Afterwards everything the agency acknowledged is checked: every person, referral and
appointment answered 201 is readable, and every referral event reached the webhook receiver or waits in the outbox.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import random
import time
from collections import Counter, deque
from collections.abc import AsyncIterator, Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any

import asyncpg
import httpx
import msgspec

from benchmarks.bus import AGENTUR, HOST, HTTP_TIMEOUT, _child_env, _cli, _expect, _free_port, _Process
from benchmarks.reception import CONCERNS, LANGUAGES, LOCAL, _people, percentile
from benchmarks.registry import BenchContext, Run, Timed, scenario
from tests.support_webhooks import Receiver

GROUP = "load"
ENGINE = "postgres"
"""Several processes on one database: the production set-up, which the embedded SQLite does not serve."""
TENANT = "bench-load"
PLUGINS = "iaa,jobcenter,jugendamt,sportbund,ehrenamt,baa"
"""All six built-in plugins: triage asks every one of them."""
SERVERS = 3
CLIENTS, QUICK_CLIENTS = 24, 12
"""Concurrent clients (each one keep-alive connection to one server, round-robin)."""
SECONDS, QUICK_SECONDS = 20.0, 3.0
"""How long the measured load runs unless ``--seconds`` says otherwise."""
WARMUP_SECONDS, QUICK_WARMUP_SECONDS = 1.0, 0.5
"""The same mix before, not measured: every process opens its pool and imports what the requests need."""
SEEDED, QUICK_SEEDED = 120, 30
"""Persons registered before the load (searched, checked in, referred, booked, given consents)."""
DRAIN_SECONDS = 60.0
"""How long the worker may take after the load to deliver the rest of the referral events."""
SEED = 2027
SECRET = "benchmark-webhook-secret-load"  # noqa: S105 - the receiver checks the signatures with it
WEEKDAYS = [0, 1, 2, 3, 4]
RULE = {
    "weekdays": WEEKDAYS,
    "start_time": "08:00",
    "end_time": "16:00",
    "minutes": 20,
    "rooms": ["E.01", "E.02", "E.03", "E.04", "E.05", "E.06", "E.07", "E.08"],
}
"""The Jobcenter's capacity: 10 working days from tomorrow, 8 rooms, 24 slots a day each (1,920 slots)."""
FIRST_FREE = 4
"""A booking takes one of the first free slots of its day at random: clients race for slots now and then."""
OPERATIONS = (
    "health",
    "visit",
    "ticket",
    "display",
    "person_read",
    "person_search",
    "person_create",
    "person_update",
    "consent",
    "referral_send",
    "referral_accept",
    "referral_complete",
    "slots",
    "book",
)
"""Every request the clients make, one row each in the report."""
JOURNEYS = {
    "reception": 4,  # POST /visits (text → triage), POST /tickets, GET /display
    "person_read": 4,
    "person_search": 4,
    "person_create": 1,
    "person_update": 1,  # a person the client registered itself, with If-Match
    "consent": 1,
    "referral_send": 2,
    "referral_accept": 2,  # a referral some client sent (when none waits: one sent first)
    "referral_complete": 2,  # a referral some client accepted (likewise)
    "booking": 2,  # GET free slots of a day, POST /appointments (409 when another client was faster)
    "health": 2,
}
"""What a client does next, with weights."""
STATE_RANK = {"sent": 0, "received": 1, "accepted": 2, "in_progress": 3, "completed": 4}
EVENT_OF = {
    "referral_send": "referral.sent",
    "referral_accept": "referral.accepted",
    "referral_complete": "referral.completed",
}


# -- what happened ----------------------------------------------------------------------------


@dataclass
class _Op:
    latencies: list[float] = field(default_factory=list)
    """Seconds per answered request (any status)."""
    requests: int = 0
    errors: int = 0
    """Answers other than the expected ones, wrong answers and transport errors."""
    conflicts: int = 0
    """Expected 409s: a slot another client booked first."""


@dataclass
class _Tally:
    ops: dict[str, _Op] = field(default_factory=lambda: {name: _Op() for name in OPERATIONS})
    problems: Counter[str] = field(default_factory=Counter)
    """``operation: what went wrong`` → how often (for the notes)."""

    @property
    def requests(self) -> int:
        return sum(op.requests for op in self.ops.values())

    @property
    def errors(self) -> int:
        return sum(op.errors for op in self.ops.values())


@dataclass
class _Acknowledged:
    """Everything the agency answered 201 (or 200 to a transition) for: it must not be lost."""

    persons: list[str] = field(default_factory=list)
    referrals: dict[str, str] = field(default_factory=dict)
    """Referral id → the last state acknowledged."""
    appointments: list[str] = field(default_factory=list)
    events: set[tuple[str, str]] = field(default_factory=set)
    """(referral id, event type) of every acknowledged transition."""


@dataclass
class _World:
    """The served agency: processes, tokens, seeded persons, slot days, the receiver, and what the load did."""

    database_url: str
    base_urls: list[str]
    tokens: dict[str, str]
    seeded: list[tuple[str, dict[str, Any]]]
    days: list[dt.date]
    receiver: Receiver
    acked: _Acknowledged = field(default_factory=_Acknowledged)
    to_accept: deque[str] = field(default_factory=deque)
    to_complete: deque[str] = field(default_factory=deque)
    full_days: set[dt.date] = field(default_factory=set)

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}


# -- one client ---------------------------------------------------------------------------------


class _Client:
    """One keep-alive connection to one server, doing journeys until the deadline."""

    def __init__(self, world: _World, number: int) -> None:
        self.world = world
        self.number = number
        self.rng = random.Random(SEED + number)
        server = world.base_urls[number % len(world.base_urls)]
        self.health_url = f"{server}/api/v1/health"  # outside the tenant's prefix
        self.http = httpx.AsyncClient(
            base_url=f"{server}/api/v1/{TENANT}",
            timeout=HTTP_TIMEOUT,
            trust_env=False,
        )
        self.own: list[tuple[str, str]] = []
        """(id, ETag) of the persons this client registered: only it updates them, so If-Match never conflicts."""
        self.tally = _Tally()
        self.journeys: list[str] = list(JOURNEYS)
        self.weights: list[int] = list(JOURNEYS.values())

    async def run(self, deadline: float, tally: _Tally) -> None:
        self.tally = tally
        journey = self.journeys[self.number % len(self.journeys)]  # with enough clients, each journey once
        while time.perf_counter() < deadline:
            await getattr(self, f"_{journey}")()
            journey = self.rng.choices(self.journeys, self.weights)[0]

    async def call(
        self,
        op: str,
        method: str,
        path: str,
        *,
        who: str | None,
        ok: int = 200,
        conflict_expected: bool = False,
        **kwargs: Any,
    ) -> httpx.Response | None:
        """One request, timed and tallied; the response when it is the expected one, else ``None``."""
        stats = self.tally.ops[op]
        stats.requests += 1
        headers: dict[str, str] = kwargs.pop("headers", {})
        if who is not None:
            headers |= self.world.auth(who)
        start = time.perf_counter()
        try:
            response = await self.http.request(method, path, headers=headers, **kwargs)
        except httpx.HTTPError as exc:
            stats.errors += 1
            self.tally.problems[f"{op}: {type(exc).__name__}"] += 1
            return None
        stats.latencies.append(time.perf_counter() - start)
        if response.status_code == ok:
            return response
        if response.status_code == 409 and conflict_expected:
            stats.conflicts += 1
            return None
        stats.errors += 1
        detail = response.text[:120].replace("\n", " ")
        self.tally.problems[f"{op}: {response.status_code} {detail}"] += 1
        return None

    def wrong(self, op: str, what: str) -> None:
        """A 2xx with the wrong content counts as an error too."""
        self.tally.ops[op].errors += 1
        self.tally.problems[f"{op}: {what}"] += 1

    def _seeded(self) -> tuple[str, dict[str, Any]]:
        return self.rng.choice(self.world.seeded)

    # the journeys

    async def _health(self) -> None:
        await self.call("health", "GET", self.health_url, who=None)

    async def _reception(self) -> None:
        person_id, _ = self._seeded()
        language = self.rng.choice(LANGUAGES)
        visit = {"language": language, "person_id": person_id, "text": CONCERNS[language]}
        answer = await self.call("visit", "POST", "/visits", who="desk", ok=201, json=visit)
        if answer is None:
            return
        suggestions = answer.json()["suggestions"]
        partner = next((s["partner"] for s in suggestions if s["partner"] == "jobcenter"), None)
        if partner is None:
            self.wrong("visit", f"triage suggested no Jobcenter service for the {language} concern")
            return
        ticket = {"visit_id": answer.json()["id"], "partner": partner}
        await self.call("ticket", "POST", "/tickets", who="desk", ok=201, json=ticket)
        await self.call("display", "GET", "/display", who=None)

    async def _person_read(self) -> None:
        persons = self.world.acked.persons
        person_id = persons[self.rng.randrange(len(persons))]
        await self.call("person_read", "GET", f"/persons/{person_id}", who="iaa")

    async def _person_search(self) -> None:
        person_id, fields = self._seeded()
        terms = {k: fields[k] for k in ("family_name", "given_names", "birth_date")}
        answer = await self.call("person_search", "POST", "/persons/search", who="desk", json=terms)
        if answer is not None and person_id not in {p["id"] for p in answer.json()["items"]}:
            self.wrong("person_search", "the search did not find the person")

    async def _person_create(self) -> None:
        person = dict(self._seeded()[1])
        first, span = dt.date(1955, 1, 1).toordinal(), 18_600
        person["birth_date"] = dt.date.fromordinal(first + self.rng.randrange(span)).isoformat()
        answer = await self.call("person_create", "POST", "/persons", who="iaa", ok=201, json={"fields": person})
        if answer is not None:
            person_id = answer.json()["id"]
            self.world.acked.persons.append(person_id)
            self.own.append((person_id, answer.headers.get("ETag", "")))

    async def _person_update(self) -> None:
        if not self.own:
            await self._person_create()
            if not self.own:
                return
        index = self.rng.randrange(len(self.own))
        person_id, tag = self.own[index]
        fields = {"address": f"Domplatz {self.rng.randrange(1, 99)}, 06618 Naumburg (Saale)"}
        answer = await self.call(
            "person_update",
            "PATCH",
            f"/persons/{person_id}",
            who="iaa",
            json={"fields": fields},
            headers={"If-Match": tag},
        )
        if answer is not None:
            self.own[index] = (person_id, answer.headers.get("ETag", ""))

    async def _consent(self) -> None:
        person_id, _ = self._seeded()
        terms = {
            "partners": ["sportbund"],
            "fields": ["given_names", "sport_interests"],
            "purpose": "Vermittlung in einen Sportverein",
            "valid_until": (dt.date.today() + dt.timedelta(days=365)).isoformat(),
            "language": self.rng.choice(LANGUAGES),
            "method": "in_person",
        }
        await self.call("consent", "POST", f"/persons/{person_id}/consents", who="desk", ok=201, json=terms)

    async def _referral_send(self) -> None:
        person_id, _ = self._seeded()
        body = {
            "person_id": person_id,
            "to_partner": "jobcenter",
            "service": "buergergeld",
            "reason": "Antrag auf Bürgergeld nach Zuzug, Unterlagen liegen vor",
            "urgency": "normal",
        }
        answer = await self.call("referral_send", "POST", "/referrals", who="iaa", ok=201, json=body)
        if answer is not None:
            referral_id = answer.json()["id"]
            self._acknowledge(referral_id, "referral_send", "sent")
            self.world.to_accept.append(referral_id)

    async def _referral_accept(self) -> None:
        if not self.world.to_accept:
            await self._referral_send()
            if not self.world.to_accept:
                return
        referral_id = self.world.to_accept.popleft()
        if await self.call("referral_accept", "POST", f"/referrals/{referral_id}/accept", who="jobcenter") is not None:
            self._acknowledge(referral_id, "referral_accept", "accepted")
            self.world.to_complete.append(referral_id)

    async def _referral_complete(self) -> None:
        if not self.world.to_complete:
            await self._referral_accept()
            if not self.world.to_complete:
                return
        referral_id = self.world.to_complete.popleft()
        outcome = {"outcome": "Antrag aufgenommen, Bescheid folgt"}
        path = f"/referrals/{referral_id}/complete"
        if await self.call("referral_complete", "POST", path, who="jobcenter", json=outcome) is not None:
            self._acknowledge(referral_id, "referral_complete", "completed")

    def _acknowledge(self, referral_id: str, op: str, state: str) -> None:
        self.world.acked.referrals[referral_id] = state
        self.world.acked.events.add((referral_id, EVENT_OF[op]))

    async def _booking(self) -> None:
        world = self.world
        days = [d for d in world.days if d not in world.full_days] or world.days
        day = self.rng.choice(days)
        since = dt.datetime.combine(day, dt.time(0), LOCAL)
        window = {"since": since.isoformat(), "until": (since + dt.timedelta(days=1)).isoformat()}
        answer = await self.call("slots", "GET", "/partners/jobcenter/slots", who="desk", params=window)
        if answer is None:
            return
        items = answer.json()["items"]
        if not items:
            world.full_days.add(day)
            return
        slot = self.rng.choice(items[:FIRST_FREE])
        person_id, _ = self._seeded()
        booking = {
            "person_id": person_id,
            "partner": "jobcenter",
            "service": "buergergeld",
            "slot_id": slot["id"],
            "language": self.rng.choice(LANGUAGES),
        }
        answer = await self.call(
            "book", "POST", "/appointments", who="desk", ok=201, conflict_expected=True, json=booking
        )
        if answer is not None:
            world.acked.appointments.append(answer.json()["id"])


# -- setting up ---------------------------------------------------------------------------------


async def _world(ctx: BenchContext) -> _World:
    async def start() -> _World:
        began = time.perf_counter()
        database_url = await ctx.postgres_database()
        home = ctx.tempdir(f"load-{ENGINE}")
        env = _child_env(AGENTUR_HOME=str(home), AGENTUR_DISPATCHER="off", AGENTUR_DATABASE_URL=database_url)
        ports = [_free_port() for _ in range(SERVERS)]
        servers = []
        for n, port in enumerate(ports):
            server = _Process([AGENTUR, "serve", "--port", str(port)], env=env, log=home / f"serve-{n}.log")
            ctx.stack.callback(server.stop)
            servers.append(server)
        receiver = Receiver(secret=SECRET).start()
        ctx.stack.callback(receiver.stop)
        worker = _Process([AGENTUR, "worker"], env=env, log=home / "worker.log", watch="worker: dispatching")
        ctx.stack.callback(worker.stop)
        # Five processes migrate the fresh database at once: the advisory lock lets one do it.
        await asyncio.to_thread(_cli, env, "tenant", "create", TENANT, "--name", "Benchmark", "--plugins", PLUGINS)
        token_args = {
            "desk": ("iaa", "reception"),
            "iaa": ("iaa", "caseworker"),
            "jobcenter": ("jobcenter", "caseworker"),
            "admin": ("jobcenter", "partner_admin"),
        }
        with ThreadPoolExecutor(len(token_args)) as pool:
            made = {
                who: pool.submit(_cli, env, "token", "create", "--tenant", TENANT, "--partner", p, "--role", r)
                for who, (p, r) in token_args.items()
            }
            tokens = {who: future.result() for who, future in made.items()}
        base_urls = [f"http://{HOST}:{port}" for port in ports]
        for server, process_url in zip(servers, base_urls, strict=True):
            await asyncio.to_thread(server.wait_http, f"{process_url}/api/v1/health")
        await asyncio.to_thread(worker.wait_for_line)
        ready = time.perf_counter() - began

        def client(who: str, n: int = 0) -> httpx.Client:
            return httpx.Client(
                base_url=f"{base_urls[n % SERVERS]}/api/v1/{TENANT}",
                headers={"Authorization": f"Bearer {tokens[who]}"},
                timeout=HTTP_TIMEOUT,
                trust_env=False,
            )

        first_day = dt.datetime.now(LOCAL).date() + dt.timedelta(days=1)
        last_day = first_day + dt.timedelta(days=13)
        rule = RULE | {"first_day": first_day.isoformat(), "last_day": last_day.isoformat()}
        with client("admin") as admin:
            hook = {"url": receiver.url, "events": ["*"], "secret": SECRET}
            _expect(admin.post("/webhooks", json=hook), 201)
            slots = _expect(admin.post("/partners/jobcenter/slots", json={"rule": rule}), 201).json()["created"]
        days = [first_day + dt.timedelta(days=i) for i in range(14)]
        days = [d for d in days if d.weekday() in WEEKDAYS]

        people = _people(QUICK_SEEDED if ctx.quick else SEEDED)

        def register(n: int) -> list[tuple[str, dict[str, Any]]]:
            with client("iaa", n) as iaa:
                share = people[n::SERVERS]
                return [(_expect(iaa.post("/persons", json={"fields": p}), 201).json()["id"], p) for p in share]

        with ThreadPoolExecutor(SERVERS) as pool:
            seeded = [entry for share in pool.map(register, range(SERVERS)) for entry in share]
        world = _World(database_url, base_urls, tokens, seeded, days, receiver)
        world.acked.persons.extend(pid for pid, _ in seeded)
        ctx.note(
            f"setup: {SERVERS} × agentur serve + agentur worker on {ENGINE}, tenant with {PLUGINS.count(',') + 1} "
            f"plugins, tokens, webhook, {len(seeded)} persons and {slots} Jobcenter slots in "
            f"{time.perf_counter() - began:.1f} s (tenant, tokens and processes ready after {ready:.1f} s)"
        )
        return world

    world: _World = await ctx.once(f"load.{ENGINE}", start)
    return world


async def _analyze(database_url: str) -> None:
    """Statistics for the freshly filled tables, as autovacuum keeps them on a production server (not timed)."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("ANALYZE")
    finally:
        await conn.close()


# -- the load -----------------------------------------------------------------------------------


@dataclass
class _Result:
    seconds: float
    tally: _Tally
    health: _Op
    mixed: list[float]
    """Latencies of every answered request of the mix except the health route."""


async def _mix(world: _World, clients: list[_Client], seconds: float) -> tuple[_Tally, float]:
    tally = _Tally()
    began = time.perf_counter()
    deadline = began + seconds
    await asyncio.gather(*(c.run(deadline, tally) for c in clients))
    return tally, time.perf_counter() - began


async def _load(ctx: BenchContext) -> _Result:
    async def go() -> _Result:
        world = await _world(ctx)
        seconds = ctx.seconds or (QUICK_SECONDS if ctx.quick else SECONDS)
        count = QUICK_CLIENTS if ctx.quick else CLIENTS
        clients = [_Client(world, n) for n in range(count)]
        try:
            await _mix(world, clients, QUICK_WARMUP_SECONDS if ctx.quick else WARMUP_SECONDS)
            await _analyze(world.database_url)
            tally, took = await _mix(world, clients, seconds)
        finally:
            await asyncio.gather(*(c.http.aclose() for c in clients))
        mixed = [lat for name, op in tally.ops.items() if name != "health" for lat in op.latencies]
        result = _Result(took, tally, tally.ops["health"], mixed)
        lost = await _verify(ctx, world, result, count)
        if lost:
            raise RuntimeError(f"lost: {lost} acknowledged writes or events (see the load section)")
        return result

    result: _Result = await ctx.once(f"load.{ENGINE}.result", go)
    return result


# -- afterwards: nothing acknowledged may be lost ------------------------------------------------


async def _verify(ctx: BenchContext, world: _World, result: _Result, clients: int) -> int:
    """Report the run (section, notes, details) and count what was acknowledged but is not there."""
    acked = world.acked
    began = time.perf_counter()
    drained = await asyncio.to_thread(_drain, world, DRAIN_SECONDS)
    drain_seconds = time.perf_counter() - began
    unread = await _unreadable(world)
    received = _received(world.receiver)
    outbox = await _webhook_outbox(world.database_url)
    queued = {key for key, (status, _) in outbox.items() if status != "delivered"}
    missing_events = sorted(key for key in acked.events if key not in received and key not in queued)
    delivered_unseen = sorted(
        key for key, (status, _) in outbox.items() if status == "delivered" and key not in received
    )
    lost_events = set(missing_events) | set(delivered_unseen)
    lost = sum(len(v) for v in unread.values()) + len(lost_events)

    tally, health = result.tally, result.health
    h50 = percentile(health.latencies, 0.5) if health.latencies else None
    h99 = percentile(health.latencies, 0.99) if health.latencies else None
    header = f"{'operation':<18} {'requests':>8} {'errors':>6} {'409':>5} {'p50 ms':>8} {'p99 ms':>8}"
    lines = [f"{header} {'p50 × health':>12} {'p99 × health':>12}"]
    operations: dict[str, Any] = {}
    for name, op in tally.ops.items():
        p50 = percentile(op.latencies, 0.5) if op.latencies else None
        p99 = percentile(op.latencies, 0.99) if op.latencies else None
        r50 = p50 / h50 if p50 is not None and h50 else None
        r99 = p99 / h99 if p99 is not None and h99 else None
        operations[name] = {
            "requests": op.requests,
            "errors": op.errors,
            "conflicts": op.conflicts,
            "p50_ms": None if p50 is None else p50 * 1e3,
            "p99_ms": None if p99 is None else p99 * 1e3,
            "p50_x_health": r50,
            "p99_x_health": r99,
        }
        lines.append(
            f"{name:<18} {op.requests:>8,} {op.errors:>6,} {op.conflicts:>5,} {_ms(p50):>8} {_ms(p99):>8} "
            f"{_x(r50):>12} {_x(r99):>12}"
        )
    requests = tally.requests
    lines.append(
        f"{'total':<18} {requests:>8,} {tally.errors:>6,} {sum(o.conflicts for o in tally.ops.values()):>5,} "
        f"{_ms(percentile(result.mixed, 0.5) if result.mixed else None):>8} "
        f"{_ms(percentile(result.mixed, 0.99) if result.mixed else None):>8}   (total: without health)"
    )
    served = (
        f"{SERVERS} × agentur serve + 1 agentur worker on {ENGINE}, {clients} clients, {result.seconds:.1f} s: "
        f"{requests:,} requests served ({requests / result.seconds:,.0f}/s), {tally.errors:,} errors"
    )
    events = (
        f"webhook: {len(acked.events):,} acknowledged referral events, {len(received.keys() & acked.events):,} at the "
        f"receiver ({'all' if drained else 'not all'} within {drain_seconds:.1f} s after the load), "
        f"{len(queued):,} still in the outbox, {world.receiver.accepted_ids().total():,} deliveries received"
    )
    readable = ", ".join(
        f"{kind} {total - len(unread[kind]):,}/{total:,}"
        for kind, total in (
            ("persons", len(acked.persons)),
            ("referrals", len(acked.referrals)),
            ("appointments", len(acked.appointments)),
        )
    )
    ctx.section(f"load_{ENGINE}", [served, *lines, events, f"readable: {readable}", f"lost: {lost}"])
    for problem, times in tally.problems.most_common(10):
        ctx.note(f"load_{ENGINE} error ×{times}: {problem}")
    bad_signatures = sum(1 for r in world.receiver.records if not r.signature_ok)
    if bad_signatures:
        ctx.note(f"load_{ENGINE}: {bad_signatures} webhook requests with a bad signature")
    ctx.details[f"load_{ENGINE}"] = {
        "servers": SERVERS,
        "workers": 1,
        "clients": clients,
        "seconds": result.seconds,
        "requests": requests,
        "requests_per_s": requests / result.seconds,
        "errors": tally.errors,
        "operations": operations,
        "acknowledged": {
            "persons": len(acked.persons),
            "referrals": len(acked.referrals),
            "appointments": len(acked.appointments),
            "events": len(acked.events),
        },
        "unreadable": {kind: ids[:20] for kind, ids in unread.items()},
        "events_at_receiver": len(received.keys() & acked.events),
        "events_in_outbox": len(queued),
        "events_lost": [list(key) for key in sorted(lost_events)[:20]],
        "drain_seconds": drain_seconds,
        "bad_signatures": bad_signatures,
        "lost": lost,
    }
    return lost


def _ms(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds * 1e3:,.1f}"


def _x(ratio: float | None) -> str:
    return "—" if ratio is None else f"{ratio:.2f}×"


def _received(receiver: Receiver) -> dict[tuple[str, str], str]:
    """(referral id, event type) → event id of every event the receiver took (answered 200)."""
    seen = {}
    for record in receiver.accepted:
        event = msgspec.json.decode(record.body)
        seen[(event["referral_id"], event["type"])] = record.event_id
    return seen


def _drain(world: _World, timeout: float) -> bool:
    """Wait until the receiver has every acknowledged event (the worker keeps delivering after the load)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if world.acked.events <= _received(world.receiver).keys():
            return True
        time.sleep(0.1)
    return False


async def _webhook_outbox(database_url: str) -> dict[tuple[str, str], tuple[str, str]]:
    """(referral id, event type) → (status, event id) of the tenant's webhook deliveries, straight from the table."""
    conn = await asyncpg.connect(database_url)
    try:
        rows = await conn.fetch(
            "SELECT event_id, status, payload FROM outbox WHERE tenant_id = $1 AND destination LIKE 'webhook:%'",
            TENANT,
        )
    finally:
        await conn.close()
    found = {}
    for row in rows:
        event = msgspec.json.decode(row["payload"])
        found[(event["referral_id"], event["type"])] = (row["status"], row["event_id"])
    return found


async def _unreadable(world: _World) -> dict[str, list[str]]:
    """Every acknowledged person, referral (in at least its acknowledged state) and appointment, read over HTTP."""
    acked = world.acked
    checks: list[tuple[str, str, str, str, Callable[[httpx.Response], bool]]] = [
        *((("persons", pid, "iaa", f"/persons/{pid}", _ok)) for pid in acked.persons),
        *(("referrals", rid, "iaa", f"/referrals/{rid}", _at_least(state)) for rid, state in acked.referrals.items()),
        *(("appointments", aid, "desk", f"/appointments/{aid}/invitation.ics", _ok) for aid in acked.appointments),
    ]
    unread: dict[str, list[str]] = {"persons": [], "referrals": [], "appointments": []}
    clients = [
        httpx.AsyncClient(base_url=f"{url}/api/v1/{TENANT}", timeout=HTTP_TIMEOUT, trust_env=False)
        for url in world.base_urls
    ]
    gate = asyncio.Semaphore(16)

    async def check(n: int, kind: str, ident: str, who: str, path: str, good: Callable[[httpx.Response], bool]) -> None:
        async with gate:
            try:
                response = await clients[n % len(clients)].get(path, headers=world.auth(who))
                fine = good(response)
            except httpx.HTTPError:
                fine = False
            if not fine:
                unread[kind].append(ident)

    try:
        await asyncio.gather(*(check(n, *item) for n, item in enumerate(checks)))
    finally:
        await asyncio.gather(*(c.aclose() for c in clients))
    return unread


def _ok(response: httpx.Response) -> bool:
    return response.status_code == 200


def _at_least(state: str) -> Callable[[httpx.Response], bool]:
    def good(response: httpx.Response) -> bool:
        if response.status_code != 200:
            return False
        return STATE_RANK.get(response.json().get("state", ""), -1) >= STATE_RANK[state]

    return good


# -- scenarios (rows of the report) -------------------------------------------------------------

LoadFigure = Callable[[_Result], Timed]


def _register(name: str, figure: LoadFigure, floor: str | None = None) -> None:
    def setup(ctx: BenchContext) -> AsyncIterator[Run]:
        return _row(ctx, figure)

    setup.__doc__ = figure.__doc__
    scenario(name, group=GROUP, floor=floor, ops=1, quick_ops=1, warmup=False, repeats=1)(setup)


async def _row(ctx: BenchContext, figure: LoadFigure) -> AsyncIterator[Run]:
    await _world(ctx)  # skipped without a PostgreSQL server; the load itself runs in the first row's round

    async def run(n: int) -> Timed:
        return figure(await _load(ctx))

    yield run


def _latency(latencies: list[float], q: float) -> Timed:
    """A percentile as the row's µs/op (its ops: how many requests it is taken from)."""
    if not latencies:
        raise RuntimeError("no request of this kind was answered")
    return Timed(percentile(latencies, q) * len(latencies), len(latencies))


def _requests(result: _Result) -> Timed:
    """Requests served by all processes together during the load (ops/s: throughput; µs/op: its inverse)."""
    return Timed(result.seconds, result.tally.requests)


def _health_p50(result: _Result) -> Timed:
    """GET /api/v1/health under the same load: the median (µs/op = it), the floor of the mix's median."""
    return _latency(result.health.latencies, 0.5)


def _health_p99(result: _Result) -> Timed:
    """GET /api/v1/health under the same load: the 99th percentile, the floor of the mix's."""
    return _latency(result.health.latencies, 0.99)


def _mix_p50(result: _Result) -> Timed:
    """Every other request of the mix: the median latency (per operation: the load section)."""
    return _latency(result.mixed, 0.5)


def _mix_p99(result: _Result) -> Timed:
    """Every other request of the mix: the 99th percentile latency."""
    return _latency(result.mixed, 0.99)


_register(f"load_requests_{ENGINE}", _requests)
_register(f"load_health_p50_{ENGINE}", _health_p50)
_register(f"load_health_p99_{ENGINE}", _health_p99)
_register(f"load_mix_p50_{ENGINE}", _mix_p50, floor=f"load_health_p50_{ENGINE}")
_register(f"load_mix_p99_{ENGINE}", _mix_p99, floor=f"load_health_p99_{ENGINE}")

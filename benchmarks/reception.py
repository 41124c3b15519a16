"""Reception scenarios: a morning at the desk over HTTP — search, check-in with triage, free slots, a booking.

One real ``agentur serve`` per engine (dispatcher off), one desk: every check-in is sequential on one keep-alive
client. The morning's mean per check-in is one row; its p50 and p99 (nearest rank) are rows of their own, read
from the same morning in the same round, so that the goal can bound the p99.
"""

from __future__ import annotations

import datetime as dt
import math
import random
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

import asyncpg
import httpx

from benchmarks.bus import AGENTUR, HOST, HTTP_TIMEOUT, _child_env, _cli, _expect, _free_port, _Process
from benchmarks.registry import BenchContext, Run, goal, scenario
from core.access import facts_from
from core.demo.biographies import demo_biographies
from core.domain.biography import FieldCatalogue
from core.domain.values import validate_fields

GROUP = "reception"
TENANT = "bench-reception"
PLUGINS = "iaa,jobcenter,jugendamt,sportbund,ehrenamt,baa"
"""All six built-in plugins: triage asks every one of them."""
LOCAL = ZoneInfo("Europe/Berlin")
SEED = 2026
MORNING, QUICK_MORNING = 200, 30
"""Check-ins per morning (one timed round), and in a ``--quick`` run."""
SENDERS = 4
"""Parallel clients registering the persons (setup, not timed)."""
PERSON_FIELDS = ("family_name", "given_names", "birth_date", "gender", "nationality", "residence_status")
"""What a person is registered with (as the IAA would at first contact)."""
RULE = {
    "weekdays": [0, 1, 2, 3, 4],
    "start_time": "08:00",
    "end_time": "16:00",
    "minutes": 20,
    "rooms": ["E.01", "E.02", "E.03", "E.04"],
}
"""The Jobcenter's capacity: 10 working days from tomorrow, 4 rooms, 24 slots a day each (960 slots)."""
CONCERNS = {
    "de": "Ich suche Arbeit und brauche einen Termin beim Jobcenter",
    "en": "I am looking for work and need help to find a job",
    "ar": "أبحث عن عمل، كنت أعمل نجاراً في سوريا",
    "ku": "Ez li kar digerim",
}
"""What the visitors say, in their language; each rotates in turn. Triage must suggest the Jobcenter."""
LANGUAGES = tuple(CONCERNS)
PERCENTILES = {"p50": 0.50, "p99": 0.99}
GOAL_P99_US = 50_000
"""The issue's goal: a check-in at most 50 ms at the 99th percentile on the embedded default (SQLite)."""


def percentile(values: list[float], q: float) -> float:
    """Nearest rank: the smallest value with at least ``q`` of the values at or below it."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(q * len(ordered)) - 1)]


def _people(count: int) -> list[dict[str, Any]]:
    """``count`` varied non-EU persons (the IAA sees them by statute), each findable by name and birth date alone."""
    catalogue = FieldCatalogue.build({})
    pool = []
    for raw in demo_biographies(400, seed=SEED):
        values = validate_fields(catalogue, raw)
        if facts_from(values).free_movement or values.get("residence_status") in (None, "german_citizen"):
            continue
        pool.append({f: values[f] for f in PERSON_FIELDS if f in values})
    rng = random.Random(SEED)
    first, span = dt.date(1955, 1, 1).toordinal(), (dt.date(2006, 12, 31) - dt.date(1955, 1, 1)).days
    people: list[dict[str, Any]] = []
    seen: set[tuple[str, str, str]] = set()
    while len(people) < count:
        person = dict(rng.choice(pool))
        person["birth_date"] = dt.date.fromordinal(first + rng.randrange(span)).isoformat()
        key = (person["family_name"], person["given_names"], person["birth_date"])
        if key not in seen:
            seen.add(key)
            people.append(person)
    return people


@dataclass
class _Desk:
    """``agentur serve`` with the tenant, the registered persons and the Jobcenter's slots."""

    engine: str
    database_url: str | None
    base_url: str
    tokens: dict[str, str]
    persons: list[tuple[str, dict[str, Any]]]
    """(id, fields) of every registered person, in the order they come to the desk."""
    next_person: int = 0
    cursor: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))
    """Where the desk looks for the next free slot: the start of the last one it booked."""
    latest: list[float] | None = None
    """Seconds per check-in of the morning just measured; the percentile rows read it in the same round."""

    def client(self, who: str) -> httpx.Client:
        return httpx.Client(
            base_url=f"{self.base_url}/api/v1/{TENANT}",
            headers={"Authorization": f"Bearer {self.tokens[who]}"},
            timeout=HTTP_TIMEOUT,
            trust_env=False,
        )

    def check_in(self, client: httpx.Client, n: int) -> None:
        """One visitor: found by name and birth date, checked in with their concern, booked at the Jobcenter."""
        person_id, fields = self.persons[self.next_person % len(self.persons)]
        self.next_person += 1
        language = LANGUAGES[n % len(LANGUAGES)]
        terms = {k: fields[k] for k in ("family_name", "given_names", "birth_date")}
        found = _expect(client.post("/persons/search", json=terms), 200).json()["items"]
        if person_id not in {p["id"] for p in found}:
            raise RuntimeError(f"the search did not find person {person_id}")
        visit = {"language": language, "person_id": person_id, "text": CONCERNS[language]}
        suggestions = _expect(client.post("/visits", json=visit), 201).json()["suggestions"]
        service = next((s["service"] for s in suggestions if s["partner"] == "jobcenter"), None)
        if service is None:
            raise RuntimeError(f"triage suggested no Jobcenter service for the {language} concern")
        slot = self._first_free(client)
        booking = {
            "person_id": person_id,
            "partner": "jobcenter",
            "service": service,
            "slot_id": slot["id"],
            "language": language,
        }
        _expect(client.post("/appointments", json=booking), 201)
        self.cursor = dt.datetime.fromisoformat(slot["start"])

    def _first_free(self, client: httpx.Client) -> dict[str, Any]:
        """The first free slot of the day the desk is booking (the next day when that one is full)."""
        for _ in range(31):
            window = {"since": self.cursor.isoformat(), "until": (self.cursor + dt.timedelta(days=1)).isoformat()}
            response = _expect(client.get("/partners/jobcenter/slots", params=window), 200)
            items: list[dict[str, Any]] = response.json()["items"]
            if items:
                return items[0]
            self.cursor += dt.timedelta(days=1)
        raise RuntimeError("no free Jobcenter slot in the coming month: publish more")


async def _desk(ctx: BenchContext, engine: str) -> _Desk:
    async def start() -> _Desk:
        began = time.perf_counter()
        home = ctx.tempdir(f"reception-{engine}")
        database_url = await ctx.postgres_database() if engine == "postgres" else None
        env = _child_env(AGENTUR_HOME=str(home), AGENTUR_DISPATCHER="off")
        if database_url is not None:
            env["AGENTUR_DATABASE_URL"] = database_url
        _cli(env, "tenant", "create", TENANT, "--name", "Benchmark", "--plugins", PLUGINS)  # migrates, too
        port = _free_port()
        server = _Process([AGENTUR, "serve", "--port", str(port)], env=env, log=home / "serve.log")
        ctx.stack.callback(server.stop)
        token_args = {
            "desk": ("iaa", "reception"),
            "iaa": ("iaa", "caseworker"),
            "admin": ("jobcenter", "partner_admin"),
        }
        with ThreadPoolExecutor(len(token_args)) as pool:
            made = {
                who: pool.submit(_cli, env, "token", "create", "--tenant", TENANT, "--partner", p, "--role", r)
                for who, (p, r) in token_args.items()
            }
            tokens = {who: future.result() for who, future in made.items()}
        base_url = f"http://{HOST}:{port}"
        server.wait_http(f"{base_url}/api/v1/health")
        desk = _Desk(engine, database_url, base_url, tokens, [])

        first_day = dt.datetime.now(LOCAL).date() + dt.timedelta(days=1)
        rule = RULE | {"first_day": first_day.isoformat(), "last_day": (first_day + dt.timedelta(days=13)).isoformat()}
        with desk.client("admin") as admin:
            created = _expect(admin.post("/partners/jobcenter/slots", json={"rule": rule}), 201).json()["created"]

        people = _people(QUICK_MORNING if ctx.quick else MORNING)

        def register(share: list[dict[str, Any]]) -> list[str]:
            with desk.client("iaa") as iaa:
                return [_expect(iaa.post("/persons", json={"fields": p}), 201).json()["id"] for p in share]

        shares = [people[i::SENDERS] for i in range(SENDERS)]
        with ThreadPoolExecutor(SENDERS) as pool:
            ids = list(pool.map(register, shares))
        desk.persons = [
            (pid, p)
            for share, share_ids in zip(shares, ids, strict=True)
            for pid, p in zip(share_ids, share, strict=True)
        ]
        random.Random(SEED).shuffle(desk.persons)
        ctx.note(
            f"setup: agentur serve on {engine}, tenant with {PLUGINS.count(',') + 1} plugins, tokens, "
            f"{len(people)} persons and {created} Jobcenter slots in {time.perf_counter() - began:.1f} s"
        )
        return desk

    desk: _Desk = await ctx.once(f"reception.{engine}", start)
    return desk


async def _analyze(database_url: str) -> None:
    """Statistics for the tables the morning fills, as autovacuum keeps them (not timed).

    Without them (a fresh database, or a server with autovacuum off) PostgreSQL plans the free-slot query's
    ``NOT EXISTS`` as a nested loop over every booked appointment of the tenant for each slot, and each
    morning is slower than the one before."""
    conn = await asyncpg.connect(database_url)
    try:
        await conn.execute("ANALYZE slot; ANALYZE appointment")
    finally:
        await conn.close()


def _register(engine: str) -> None:
    morning_name = f"reception_checkin_{engine}"

    @scenario(morning_name, group=GROUP, ops=MORNING, quick_ops=QUICK_MORNING)
    async def reception_checkin(ctx: BenchContext) -> AsyncIterator[Run]:
        """A check-in at one desk: POST /persons/search, POST /visits (triage), GET free slots, POST /appointments."""
        desk = await _desk(ctx, engine)
        client = desk.client("desk")
        calls = iter(range(1000))

        async def run(n: int) -> float:
            desk.latest = None
            if desk.database_url is not None:
                await _analyze(desk.database_url)
            latencies = []
            began = time.perf_counter()
            for i in range(n):
                start = time.perf_counter()
                desk.check_in(client, i)
                latencies.append(time.perf_counter() - start)
            seconds = time.perf_counter() - began
            desk.latest = latencies
            call = next(calls)
            label = "warm-up" if call == 0 else f"round {call}"
            shown = ", ".join(f"{k} {percentile(latencies, q) * 1e3:.1f} ms" for k, q in PERCENTILES.items())
            ctx.note(
                f"{morning_name} {label}: {n} check-ins in {seconds:.2f} s ({shown}, max {max(latencies) * 1e3:.1f} ms)"
            )
            return seconds

        try:
            yield run
        finally:
            client.close()

    for key, q in PERCENTILES.items():
        _register_percentile(engine, morning_name, key, q)


def _register_percentile(engine: str, morning_name: str, key: str, q: float) -> None:
    @scenario(
        f"reception_checkin_{key}_{engine}",
        group=GROUP,
        compare=(morning_name,),
        ops=MORNING,
        quick_ops=QUICK_MORNING,
        warmup=False,
    )
    async def reception_percentile(ctx: BenchContext) -> AsyncIterator[Run]:
        """A percentile of the check-ins of the morning measured just before in the same round (µs/op = it)."""
        desk = await _desk(ctx, engine)

        def run(n: int) -> float:
            if desk.latest is None or len(desk.latest) != n:
                raise RuntimeError(f"no morning of {n} check-ins was measured before it in this round")
            return percentile(desk.latest, q) * n  # the runner divides by n: µs/op is the percentile

        yield run


for _engine in ("sqlite", "postgres"):
    _register(_engine)
goal("reception_checkin_p99_sqlite", at_most_us=GOAL_P99_US)

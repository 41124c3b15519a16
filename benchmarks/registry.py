"""The scenario registry: what a benchmark module declares, and the context its scenarios set up in."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import urlsplit, urlunsplit

import asyncpg


class Timed(NamedTuple):
    """What a run that decides itself how many operations it does returns: their seconds and their number."""

    seconds: float
    ops: int


Run = Callable[[int], Awaitable[float | Timed | None] | float | Timed | None]
"""Does ``n`` operations; sync or async. Called once to warm up, then once per timed repeat.

It may return the seconds the ``n`` operations took (a float) when it times itself, because each round needs
preparation that must not count (e.g. filling the outbox before a worker delivers it); else the runner times
the whole call. A run bounded by time rather than by ``n`` returns ``Timed(seconds, ops)``: the runner reports
its ``ops`` instead of ``n``."""

Setup = Callable[["BenchContext"], AbstractAsyncContextManager[Run]]

FULL_PERSONS = 100_000
"""Persons per tenant that the scale scenarios seed in a full run (``--persons`` overrides it)."""
QUICK_PERSONS = 2_000
"""… and in a ``--quick`` run."""


class Skip(Exception):
    """Raised by a scenario's setup when it cannot run here; the message is the reason reported."""


@dataclass(frozen=True)
class Scenario:
    name: str
    group: str
    floor: str | None
    """The scenario it is compared to (``ratio_to_floor`` = its µs/op ÷ the floor's); ``None`` for a floor."""
    setup: Setup
    ops: int
    quick_ops: int
    description: str
    warmup: bool = True
    """Run 10 % of the ops once before timing; off for scenarios whose single op is long and changes state."""
    compare: tuple[str, ...] = ()
    """Further scenarios it is compared to besides its floor: selected with it; the ratios go to the notes."""
    repeats: int | None = None
    """Timed rounds it takes part in (the first ones); ``None``: every round of the runner."""


def format_us(us: float) -> str:
    """A duration for reports: µs below a millisecond, then ms, then s."""
    if us >= 1e6:
        return f"{us / 1e6:,.1f} s"
    if us >= 1e3:
        return f"{us / 1e3:,.2f} ms"
    return f"{us:,.1f} µs"


@dataclass(frozen=True)
class Goal:
    """A bound on one scenario's µs/op.

    Relative (``against`` set): ``scenario`` at most ``factor``× slower than ``against``, or (``faster``) at
    least ``factor``× faster. Absolute (``against`` is ``None``): at most ``factor`` µs per op. ``at_persons``
    limits the goal to runs seeded with that many persons per tenant (``n/a`` in other runs).
    """

    scenario: str
    against: str | None
    factor: float
    faster: bool = False
    at_persons: int | None = None

    @property
    def text(self) -> str:
        scale = f" at {self.at_persons:,} persons" if self.at_persons is not None else ""
        if self.against is None:
            return f"{self.scenario} ≤ {format_us(self.factor)} per op{scale}"
        how = "faster than" if self.faster else "slower than"
        bound = "≥" if self.faster else "≤"
        return f"{self.scenario} {bound} {self.factor:g}× {how} {self.against}{scale}"

    def check(self, us_per_op: float, against_us_per_op: float | None = None) -> tuple[float, bool]:
        """The measured value (µs/op if absolute, else speed-up if ``faster``, else slow-down) and whether it
        meets the goal."""
        if self.against is None:
            return us_per_op, us_per_op <= self.factor
        assert against_us_per_op is not None
        if self.faster:
            measured = against_us_per_op / us_per_op
            return measured, measured >= self.factor
        measured = us_per_op / against_us_per_op
        return measured, measured <= self.factor

    def show(self, measured: float) -> str:
        """The measured value as the report prints it."""
        return format_us(measured) if self.against is None else f"{measured:.2f}×"


SCENARIOS: dict[str, Scenario] = {}
GOALS: list[Goal] = []


def scenario(
    name: str,
    *,
    group: str,
    floor: str | None = None,
    ops: int = 5000,
    quick_ops: int = 300,
    warmup: bool = True,
    compare: tuple[str, ...] = (),
    repeats: int | None = None,
) -> Callable[[Callable[[BenchContext], AsyncIterator[Run]]], Callable[[BenchContext], AsyncIterator[Run]]]:
    """Register an async generator that sets up, yields the ``Run`` callable, then tears down."""

    def register(func: Callable[[BenchContext], AsyncIterator[Run]]) -> Callable[[BenchContext], AsyncIterator[Run]]:
        if name in SCENARIOS:
            raise ValueError(f"benchmark scenario {name!r} registered twice")
        doc = (func.__doc__ or "").strip().splitlines()
        SCENARIOS[name] = Scenario(
            name=name,
            group=group,
            floor=floor,
            setup=asynccontextmanager(func),
            ops=ops,
            quick_ops=quick_ops,
            description=doc[0] if doc else "",
            warmup=warmup,
            compare=compare,
            repeats=repeats,
        )
        return func

    return register


def goal(
    scenario: str,
    against: str | None = None,
    *,
    at_most_slower: float | None = None,
    at_least_faster: float | None = None,
    at_most_us: float | None = None,
    at_persons: int | None = None,
) -> None:
    """Declare a goal shown as PASS/MISS in the report.

    Exactly one bound: ``at_most_slower`` or ``at_least_faster`` (relative to ``against``), or ``at_most_us``
    (absolute µs per op, no ``against``). With ``at_persons`` it is checked only in runs seeded with that many
    persons per tenant.
    """
    bounds = [b for b in (at_most_slower, at_least_faster, at_most_us) if b is not None]
    if len(bounds) != 1:
        raise ValueError("a goal needs exactly one of at_most_slower, at_least_faster, at_most_us")
    if (against is None) != (at_most_us is not None):
        raise ValueError("a relative goal needs `against`; an absolute one (at_most_us) takes none")
    GOALS.append(
        Goal(
            scenario=scenario,
            against=against,
            factor=bounds[0],
            faster=at_least_faster is not None,
            at_persons=at_persons,
        )
    )


class BenchContext:
    """What the scenarios of one run share: temp dirs, the PostgreSQL server, and cleanup at the end."""

    def __init__(
        self,
        *,
        quick: bool,
        postgres_url: str | None,
        stack: AsyncExitStack,
        persons: int | None = None,
        seconds: float | None = None,
    ) -> None:
        self.quick = quick
        self.postgres_url = postgres_url
        self.stack = stack
        self.persons = persons or (QUICK_PERSONS if quick else FULL_PERSONS)
        """How many persons per tenant the scale scenarios seed."""
        self.seconds = seconds
        """How long time-bounded scenarios run (``--seconds``); ``None``: their own default."""
        self.notes: list[str] = []
        """Lines for the report's ``notes:`` section (setup timings, per-round details)."""
        self.sections: list[tuple[str, list[str]]] = []
        """Tables of their own (title, lines), printed after the main table."""
        self.details: dict[str, Any] = {}
        """Structured results beyond one number per row, written to the JSON under ``details``."""
        self._tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="agentur-bench-")))
        self._once: dict[str, Any] = {}

    def note(self, text: str) -> None:
        """Add a line to the report (not a measurement: e.g. how long seeding took)."""
        self.notes.append(text)

    def section(self, title: str, lines: list[str]) -> None:
        """Add a table of its own to the report (e.g. per-operation figures of a load run)."""
        self.sections.append((title, lines))

    def tempdir(self, name: str) -> Path:
        """A fresh empty directory, removed at the end of the run."""
        path = self._tmp / name
        path.mkdir()
        return path

    async def once(self, key: str, factory: Callable[[], Awaitable[Any]]) -> Any:
        """``await factory()`` the first time ``key`` is asked for; the same result (or exception) after that."""
        if key not in self._once:
            try:
                self._once[key] = (await factory(), None)
            except Exception as exc:  # a failed (or skipped) setup fails every scenario sharing it, once
                self._once[key] = (None, exc)
        result, error = self._once[key]
        if error is not None:
            raise error
        return result

    async def postgres_database(self) -> str:
        """The URL of a new, empty database on the PostgreSQL server; dropped at the end of the run."""
        if not self.postgres_url:
            raise Skip("no PostgreSQL URL (--postgres, AGENTUR_BENCH_POSTGRES_URL or AGENTUR_TEST_POSTGRES_URL)")
        admin_url = self.postgres_url
        name = f"agentur_bench_{secrets.token_hex(6)}"
        try:
            admin = await asyncpg.connect(admin_url)
        except (OSError, asyncpg.PostgresError) as exc:
            raise Skip(f"PostgreSQL not reachable: {type(exc).__name__}: {exc}") from None
        try:
            await admin.execute(f'CREATE DATABASE "{name}"')
        finally:
            await admin.close()

        async def drop() -> None:
            conn = await asyncpg.connect(admin_url)
            try:
                await conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            finally:
                await conn.close()

        self.stack.push_async_callback(drop)
        parts = urlsplit(admin_url)
        return urlunsplit(parts._replace(path=f"/{name}"))


def redact(url: str | None) -> str | None:
    """The URL without its password, for reports."""
    if not url:
        return None
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))

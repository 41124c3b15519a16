"""The scenario registry: what a benchmark module declares, and the context its scenarios set up in."""

from __future__ import annotations

import secrets
import tempfile
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import AbstractAsyncContextManager, AsyncExitStack, asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import asyncpg

Run = Callable[[int], Awaitable[None] | None]
"""Does ``n`` operations; sync or async. Called once to warm up, then once per timed repeat."""

Setup = Callable[["BenchContext"], AbstractAsyncContextManager[Run]]


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


@dataclass(frozen=True)
class Goal:
    """``scenario`` at most ``factor``× slower than ``against``, or (``faster``) at least ``factor``× faster."""

    scenario: str
    against: str
    factor: float
    faster: bool

    @property
    def text(self) -> str:
        how = "faster than" if self.faster else "slower than"
        bound = "≥" if self.faster else "≤"
        return f"{self.scenario} {bound} {self.factor:g}× {how} {self.against}"

    def check(self, us_per_op: float, against_us_per_op: float) -> tuple[float, bool]:
        """The measured factor (speed-up if ``faster``, else slow-down) and whether it meets the goal."""
        if self.faster:
            measured = against_us_per_op / us_per_op
            return measured, measured >= self.factor
        measured = us_per_op / against_us_per_op
        return measured, measured <= self.factor


SCENARIOS: dict[str, Scenario] = {}
GOALS: list[Goal] = []


def scenario(
    name: str, *, group: str, floor: str | None = None, ops: int = 5000, quick_ops: int = 300
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
        )
        return func

    return register


def goal(
    scenario: str, against: str, *, at_most_slower: float | None = None, at_least_faster: float | None = None
) -> None:
    """Declare a goal shown as PASS/MISS in the report (exactly one of the two bounds)."""
    if (at_most_slower is None) == (at_least_faster is None):
        raise ValueError("a goal needs exactly one of at_most_slower, at_least_faster")
    factor = at_least_faster if at_least_faster is not None else at_most_slower
    assert factor is not None
    GOALS.append(Goal(scenario=scenario, against=against, factor=factor, faster=at_least_faster is not None))


class BenchContext:
    """What the scenarios of one run share: temp dirs, the PostgreSQL server, and cleanup at the end."""

    def __init__(self, *, quick: bool, postgres_url: str | None, stack: AsyncExitStack) -> None:
        self.quick = quick
        self.postgres_url = postgres_url
        self.stack = stack
        self._tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="agentur-bench-")))
        self._once: dict[str, Any] = {}

    def tempdir(self, name: str) -> Path:
        """A fresh empty directory, removed at the end of the run."""
        path = self._tmp / name
        path.mkdir()
        return path

    async def once(self, key: str, factory: Callable[[], Awaitable[Any]]) -> Any:
        """``await factory()`` the first time ``key`` is asked for; the same result after that."""
        if key not in self._once:
            self._once[key] = await factory()
        return self._once[key]

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

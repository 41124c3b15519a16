"""Shared fixtures: fresh worlds on real SQLite and real PostgreSQL (mandatory under CI=true)."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from core.services.agency import Agency, open_agency
from core.settings import Settings
from core.storage.schema import migrate

pytest_plugins = ["tests.support_smtp"]

IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}
POSTGRES_URL = os.environ.get("AGENTUR_TEST_POSTGRES_URL", "")


def require_postgres() -> str:
    """The admin URL of the test server; skip (locally) or fail (CI) when there is none."""
    if not POSTGRES_URL:
        reason = "PostgreSQL tests need AGENTUR_TEST_POSTGRES_URL (e.g. postgresql://postgres@127.0.0.1:5432/test)"
        if IN_CI:
            pytest.fail(reason + " — under CI=true they are mandatory")
        pytest.skip(reason)
    return POSTGRES_URL


def _with_database(url: str, database: str) -> str:
    base, _, _ = url.rpartition("/")
    return f"{base}/{database}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A database of this test run's own, created fresh and dropped at the end."""
    admin_url = require_postgres()
    name = f"agentur_test_{uuid.uuid4().hex[:12]}"

    async def admin(sql: str) -> None:
        conn = await asyncpg.connect(admin_url)
        try:
            await conn.execute(sql)
        finally:
            await conn.close()

    try:
        asyncio.run(admin(f'CREATE DATABASE "{name}"'))
    except (OSError, asyncpg.PostgresError) as exc:
        message = f"PostgreSQL at AGENTUR_TEST_POSTGRES_URL is not usable: {type(exc).__name__}: {exc}"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    url = _with_database(admin_url, name)
    asyncio.run(migrate(Settings(home=Path("/nonexistent"), database_url=url)))
    yield url
    asyncio.run(admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def settings(request: pytest.FixtureRequest, tmp_path: Path) -> Settings:
    """Settings of a fresh world, once on each engine."""
    if request.param == "postgres":
        return Settings(home=tmp_path / "home", database_url=request.getfixturevalue("postgres_url"))
    return Settings(home=tmp_path / "home")


@pytest.fixture
async def agency(settings: Settings) -> AsyncIterator[Agency]:
    await migrate(settings)
    world = await open_agency(settings)
    try:
        yield world
    finally:
        await world.close()


def unique_slug(prefix: str = "kreis") -> str:
    """Tenants isolate tests that share the run's PostgreSQL database."""
    return f"{prefix}-{uuid.uuid4().hex[:10]}"


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """Under CI=true a skipped test is a failed promise: PostgreSQL and browser tests must run."""
    if not IN_CI:
        return
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    skipped = reporter.stats.get("skipped", []) if reporter is not None else []
    if skipped and session.exitstatus == 0:
        print(f"\nCI=true: {len(skipped)} test(s) skipped; every test must run in CI")
        session.exitstatus = 1

"""Bringing a database's schema up to date with Piccolo's migrations, and opening it for use."""

from __future__ import annotations

import contextlib
import fcntl
import io
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

import asyncpg
from piccolo.apps.migrations.commands.forwards import run_forwards
from piccolo.apps.migrations.tables import Migration
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine

from core.settings import Settings
from core.storage import piccolo_conf
from core.storage.engine import Database, DatabaseUnavailable, PostgresDatabase, SQLiteDatabase

_MIGRATION_LOCK_KEY = 0x4167_656E  # "Agen": one advisory lock id for migrations on PostgreSQL


async def migrate(settings: Settings, *, report: TextIO | None = None) -> None:
    """Apply every pending migration; safe to call from several processes at once.

    Piccolo reports each step; ``report`` receives that text (default: discarded), so commands
    whose stdout and stderr are results (a token, one error line) stay clean.
    """
    report = report if report is not None else io.StringIO()
    os.environ["PICCOLO_CONF"] = "core.storage.piccolo_conf"
    if settings.database_url is None:
        settings.home.mkdir(parents=True, exist_ok=True)
        with _file_lock(settings.home / "migrate.lock"):
            await _forwards(SQLiteEngine(path=str(settings.sqlite_path)), report)
        return
    try:
        conn = await asyncpg.connect(settings.database_url)
    except (OSError, asyncpg.PostgresError) as exc:
        raise DatabaseUnavailable(f"PostgreSQL is not reachable: {type(exc).__name__}") from exc
    try:
        await conn.execute("SELECT pg_advisory_lock($1)", _MIGRATION_LOCK_KEY)
        await _forwards(PostgresEngine(config={"dsn": settings.database_url}), report)
    finally:
        await conn.close()  # closing the session releases the advisory lock


async def _forwards(engine: Engine[Any], report: TextIO) -> None:
    # Piccolo finds its engine through the conf module, and its own ``Migration`` table was bound
    # to whichever engine that module held when first imported: point both at this database.
    piccolo_conf.DB = engine
    Migration._meta.db = engine
    with contextlib.redirect_stdout(report):
        result = await run_forwards(app_name="agentur")
    if not result.success:
        raise DatabaseUnavailable(f"migration failed: {result.message}")


@contextlib.contextmanager
def _file_lock(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


async def open_database(settings: Settings) -> Database:
    """The engine for the settings' database (already migrated)."""
    if settings.database_url is None:
        return SQLiteDatabase(settings.sqlite_path)
    return await PostgresDatabase.connect(settings.database_url)

"""Storage scenarios: one api_token write command per operation, on SQLite and PostgreSQL, against raw drivers."""

from __future__ import annotations

import datetime as dt
import itertools
import sqlite3
import uuid
from collections.abc import AsyncIterator

import asyncpg
from piccolo.engine.sqlite import SQLiteEngine
from piccolo.table import Table, create_table_class

from benchmarks.registry import BenchContext, Run, goal, scenario
from core.domain.staff import Role
from core.settings import Settings
from core.storage.repositories import ApiTokens
from core.storage.schema import migrate, open_database
from core.storage.tables import ApiToken

GROUP = "storage"
PARTNER = "iaa"
ROLE = Role.CASEWORKER.value
INSERT = (
    "INSERT INTO api_token (id, tenant_id, partner_id, role, name, secret_hash, created_at, revoked_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)"
)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


async def _migrated_sqlite(ctx: BenchContext, name: str) -> Settings:
    settings = Settings(home=ctx.tempdir(name))
    await migrate(settings)
    return settings


async def _migrated_postgres(ctx: BenchContext) -> Settings:
    async def create() -> Settings:
        url = await ctx.postgres_database()
        settings = Settings(home=ctx.tempdir("postgres"), database_url=url)
        await migrate(settings)
        return settings

    settings: Settings = await ctx.once("storage.postgres", create)
    return settings


@scenario("sqlite3_raw", group=GROUP)
async def sqlite3_raw(ctx: BenchContext) -> AsyncIterator[Run]:
    """sqlite3 on the calling thread, WAL + synchronous=NORMAL: one INSERT + COMMIT per op."""
    settings = await _migrated_sqlite(ctx, "sqlite3_raw")
    conn = sqlite3.connect(settings.sqlite_path)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    sql = INSERT.replace("$", "?")
    counter = itertools.count()

    def run(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            conn.execute(sql, (uuid.uuid4().hex, "bench", PARTNER, ROLE, f"t{i}", f"{i:064x}", _now().isoformat()))
            conn.commit()

    try:
        yield run
    finally:
        conn.close()


@scenario("agentur_sqlite_write", group=GROUP, floor="sqlite3_raw")
async def agentur_sqlite_write(ctx: BenchContext) -> AsyncIterator[Run]:
    """Our SQLiteDatabase: ``async with db.transaction()`` + ``ApiTokens.add`` per op."""
    db = await open_database(await _migrated_sqlite(ctx, "agentur_sqlite"))
    counter = itertools.count()

    async def run(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            async with db.transaction() as tx:
                await ApiTokens(tx, "bench").add(
                    partner_id=PARTNER, role=Role.CASEWORKER, name=f"t{i}", secret_hash=f"{i:064x}"
                )

    try:
        yield run
    finally:
        await db.close()


@scenario("piccolo_stock_sqlite_write", group=GROUP, floor="sqlite3_raw", ops=500, quick_ops=100)
async def piccolo_stock_sqlite_write(ctx: BenchContext) -> AsyncIterator[Run]:
    """Piccolo's stock SQLiteEngine and file settings: ``Table.insert(row).run()`` per op, the same row."""
    settings = await _migrated_sqlite(ctx, "piccolo_sqlite")
    # The file stays as migrate() leaves it (rollback journal): Piccolo's stock engine writes ~25% faster
    # there than on a WAL file, where every new connection maps the shared-memory index again.
    engine = SQLiteEngine(path=str(settings.sqlite_path))
    token: type[Table] = create_table_class(
        "BenchApiToken",
        class_kwargs={"tablename": "api_token", "db": engine},
        class_members={col._meta.name: col.copy() for col in ApiToken._meta.columns},
    )
    counter = itertools.count()

    async def run(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            row = token(
                id=uuid.uuid4().hex,
                tenant_id="bench",
                partner_id=PARTNER,
                role=ROLE,
                name=f"t{i}",
                secret_hash=f"{i:064x}",
                created_at=_now(),
                revoked_at=None,
            )
            await token.insert(row).run()

    yield run


@scenario("asyncpg_raw", group=GROUP)
async def asyncpg_raw(ctx: BenchContext) -> AsyncIterator[Run]:
    """asyncpg, one connection, the same INSERT in autocommit per op."""
    settings = await _migrated_postgres(ctx)
    assert settings.database_url is not None
    conn = await asyncpg.connect(settings.database_url)
    counter = itertools.count()

    async def run(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            await conn.execute(INSERT, uuid.uuid4().hex, "bench-raw", PARTNER, ROLE, f"t{i}", f"{i:064x}", _now())

    try:
        yield run
    finally:
        await conn.close()


@scenario("agentur_postgres_write", group=GROUP, floor="asyncpg_raw")
async def agentur_postgres_write(ctx: BenchContext) -> AsyncIterator[Run]:
    """Our PostgresDatabase (asyncpg pool): ``async with db.transaction()`` + ``ApiTokens.add`` per op."""
    db = await open_database(await _migrated_postgres(ctx))
    counter = itertools.count()

    async def run(n: int) -> None:
        for _ in range(n):
            i = next(counter)
            async with db.transaction() as tx:
                await ApiTokens(tx, "bench").add(
                    partner_id=PARTNER, role=Role.CASEWORKER, name=f"t{i}", secret_hash=f"{i:064x}"
                )

    try:
        yield run
    finally:
        await db.close()


goal("agentur_sqlite_write", "sqlite3_raw", at_most_slower=5)
goal("agentur_sqlite_write", "piccolo_stock_sqlite_write", at_least_faster=10)

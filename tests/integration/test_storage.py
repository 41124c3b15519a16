"""Storage on real SQLite and real PostgreSQL: migrations, tenant-first keys, one transaction per command."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from core.domain.staff import Role
from core.settings import Settings
from core.storage.engine import DuplicateKey
from core.storage.repositories import ApiTokens, StaffUsers
from core.storage.schema import migrate, open_database
from tests.conftest import unique_slug

MIGRATIONS = sorted((Path(__file__).parents[2] / "core" / "storage" / "migrations").glob("agentur_*.py"))


async def test_migrate_is_idempotent_and_records_each_migration(settings: Settings) -> None:
    await migrate(settings)
    await migrate(settings)
    db = await open_database(settings)
    try:
        rows = await db.fetch("SELECT name FROM migration WHERE app_name = $1 ORDER BY name", "agentur")
        assert len(rows) == len(MIGRATIONS) >= 11
    finally:
        await db.close()


async def test_every_unique_key_starts_with_the_tenant(settings: Settings) -> None:
    await migrate(settings)
    db = await open_database(settings)
    try:
        if db.dialect == "sqlite":
            indexes = await db.fetch(
                "SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql LIKE 'CREATE UNIQUE%'"
            )
            definitions = {
                r["name"]: [c["name"] for c in await db.fetch(f"PRAGMA index_info('{r['name']}')")] for r in indexes
            }
        else:
            rows = await db.fetch(
                "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' "
                "AND indexdef LIKE 'CREATE UNIQUE%' AND tablename IN ('staff_user', 'api_token')"
            )
            definitions = {
                r["indexname"]: [c.strip() for c in r["indexdef"].split("(", 1)[1].rstrip(")").split(",")]
                for r in rows
                if not r["indexname"].endswith("_pkey")
            }
        assert set(definitions) >= {
            "staff_user_tenant_key",
            "staff_user_tenant_username_key",
            "api_token_tenant_key",
            "api_token_tenant_secret_key",
        }
        for name, columns in definitions.items():
            assert columns[0] == "tenant_id", f"{name} does not start with tenant_id"
    finally:
        await db.close()


async def test_repositories_refuse_to_work_without_a_tenant(settings: Settings) -> None:
    await migrate(settings)
    db = await open_database(settings)
    try:
        with pytest.raises(ValueError, match="needs a tenant"):
            StaffUsers(db, "")
    finally:
        await db.close()


async def test_a_failed_command_leaves_nothing_behind(settings: Settings) -> None:
    await migrate(settings)
    db = await open_database(settings)
    tenant = unique_slug()
    try:
        with pytest.raises(DuplicateKey):
            async with db.transaction() as tx:
                users = StaffUsers(tx, tenant)
                await users.add(partner_id="iaa", role=Role.RECEPTION, username="empfang", password_hash="h1")
                await ApiTokens(tx, tenant).add(partner_id="iaa", role=Role.RECEPTION, name="t", secret_hash="x" * 64)
                await users.add(partner_id="iaa", role=Role.RECEPTION, username="empfang", password_hash="h2")
        assert await StaffUsers(db, tenant).by_username("empfang") is None
        assert await db.fetch("SELECT id FROM api_token WHERE tenant_id = $1", tenant) == []
    finally:
        await db.close()


async def test_the_same_name_may_exist_in_two_tenants(settings: Settings) -> None:
    await migrate(settings)
    db = await open_database(settings)
    try:
        tenants = (unique_slug(), unique_slug())
        for tenant in tenants:
            async with db.transaction() as tx:
                await StaffUsers(tx, tenant).add(
                    partner_id="iaa", role=Role.RECEPTION, username="empfang", password_hash="h"
                )
        for tenant in tenants:
            assert await StaffUsers(db, tenant).by_username("empfang") is not None
        with pytest.raises(DuplicateKey):
            async with db.transaction() as tx:
                await StaffUsers(tx, tenants[0]).add(
                    partner_id="iaa", role=Role.RECEPTION, username="empfang", password_hash="h"
                )
    finally:
        await db.close()


async def test_sqlite_runs_in_wal_mode(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path)
    await migrate(settings)
    db = await open_database(settings)
    await db.close()
    conn = sqlite3.connect(settings.sqlite_path)
    try:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    finally:
        conn.close()


async def test_sqlite_waits_for_another_writer_instead_of_failing(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path)
    await migrate(settings)
    db = await open_database(settings)
    other = sqlite3.connect(settings.sqlite_path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another process holds the write lock

    import asyncio

    async def release_soon() -> None:
        await asyncio.sleep(0.2)
        other.execute("COMMIT")

    try:
        releaser = asyncio.create_task(release_soon())
        async with db.transaction() as tx:
            await StaffUsers(tx, "kreis").add(partner_id="iaa", role=Role.RECEPTION, username="a1b", password_hash="h")
        await releaser
        assert await StaffUsers(db, "kreis").exists("a1b")
    finally:
        other.close()
        await db.close()

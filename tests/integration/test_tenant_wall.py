"""The second wall on PostgreSQL: row-level security shows a request only its own tenant's rows,
even for a statement that forgets ``WHERE tenant_id``."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import asyncpg
import pytest

from core.domain.staff import Principal, Role
from core.services.agency import Agency, open_agency
from core.services.persons import create_person
from core.services.staff import create_tenant
from core.settings import Settings
from core.storage.engine import Executor, current_tenant
from tests.conftest import unique_slug

pytestmark = pytest.mark.postgres

PROBE = "agentur_wall_probe"
"""An ordinary role to switch to when the tests connect as a superuser (superusers bypass row-level
security); connected as the database's ordinary owner, as in production, the policies bind already."""


@pytest.fixture
async def agency(postgres_url: str, tmp_path: Path) -> AsyncIterator[Agency]:
    world = await open_agency(Settings(home=tmp_path / "home", database_url=postgres_url))
    try:
        if await superuser(world):
            await world.db.execute(
                f"DO $$ BEGIN CREATE ROLE {PROBE} NOLOGIN; EXCEPTION WHEN duplicate_object THEN NULL; END $$"
            )
            await world.db.execute(f"GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public TO {PROBE}")
        yield world
    finally:
        await world.close()


async def superuser(agency: Agency) -> bool:
    row = await agency.db.fetchrow("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
    return bool(row and row["rolsuper"])


async def as_ordinary_role(agency: Agency, tx: Executor) -> None:
    if await superuser(agency):
        await tx.execute(f"SET LOCAL ROLE {PROBE}")


async def county_with_a_person(agency: Agency) -> str:
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Kreis", plugins=["iaa"], declared_partners=[])
    iaa = Principal(tenant_id=tenant, partner_id="iaa", role=Role.CASEWORKER, subject="user:test")
    await create_person(agency, iaa, {"family_name": "Haddad", "given_names": "Rania", "birth_date": "1990-01-01"})
    return tenant


async def test_a_query_without_the_tenant_filter_sees_only_its_own_tenant(agency: Agency) -> None:
    a, b = await county_with_a_person(agency), await county_with_a_person(agency)
    for tenant in (a, b):
        async with agency.db.transaction() as tx:
            await as_ordinary_role(agency, tx)
            await tx.execute("SELECT set_config('agentur.tenant', $1, true)", tenant)
            for table in ("person", "person_field", "person_index", "person_key", "audit_event", "staff_user"):
                seen = {r["tenant_id"] for r in await tx.fetch(f"SELECT tenant_id FROM {table}")}  # noqa: S608
                assert seen <= {tenant}, table
            other = b if tenant == a else a
            leaked = await tx.fetchrow("SELECT count(*) AS n FROM person WHERE tenant_id = $1", other)
            assert leaked is not None and leaked["n"] == 0


async def test_a_row_for_another_tenant_cannot_be_written(agency: Agency) -> None:
    a, b = await county_with_a_person(agency), await county_with_a_person(agency)
    with pytest.raises(asyncpg.PostgresError, match="row-level security"):
        async with agency.db.transaction() as tx:
            await as_ordinary_role(agency, tx)
            await tx.execute("SELECT set_config('agentur.tenant', $1, true)", a)
            await tx.execute(
                "INSERT INTO ticket_counter (id, tenant_id, partner_id, day, last) VALUES ('x', $1, 'iaa', now(), 0)",
                b,
            )


async def test_work_across_tenants_runs_without_the_setting(agency: Agency) -> None:
    a, b = await county_with_a_person(agency), await county_with_a_person(agency)
    async with agency.db.transaction() as tx:
        await as_ordinary_role(agency, tx)
        seen = {r["tenant_id"] for r in await tx.fetch("SELECT tenant_id FROM person")}
    assert {a, b} <= seen


async def test_the_engine_carries_the_requests_tenant_into_every_statement(agency: Agency) -> None:
    tenant = await county_with_a_person(agency)
    token = current_tenant.set(tenant)
    try:
        row = await agency.db.fetchrow("SELECT current_setting('agentur.tenant', true) AS t")
        async with agency.db.transaction() as tx:
            inside = await tx.fetchrow("SELECT current_setting('agentur.tenant', true) AS t")
    finally:
        current_tenant.reset(token)
    assert row is not None and row["t"] == tenant
    assert inside is not None and inside["t"] == tenant
    after = await agency.db.fetchrow("SELECT coalesce(current_setting('agentur.tenant', true), '') AS t")
    assert after is not None and after["t"] == ""  # a pooled connection keeps nothing of the request

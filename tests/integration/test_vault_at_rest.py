"""What an attacker with the database, a dump or a backup learns: nothing; and what keys do under rotation."""

from __future__ import annotations

import asyncio
import os
import shutil
import sqlite3

import pytest

from core.domain.errors import NotFound
from core.domain.staff import Principal, Role
from core.services.agency import Agency, open_agency
from core.services.keys import rotate_tenant_keys
from core.services.persons import create_person, read_person, search_persons
from core.services.staff import create_tenant
from core.services.subject_rights import erase_person
from core.settings import Settings
from core.storage.schema import migrate
from tests.conftest import unique_slug

PLUGINS = ["iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa"]
SECRETS = {
    "family_name": "Zarghuna-Wardak",
    "given_names": "Parwana",
    "birth_date": "1991-09-17",
    "birth_place": "Mazar-e Sharif",
    "nationality": ["AF"],
    "address": "Schillerstraße 41, 06712 Zeitz",
    "phone": "+49 1570 0000 731",
    "email": "parwana.wardak@example.org",
    "residence_status": "aufenthaltsgestattung",
}
NEEDLES = [b"Zarghuna", b"Parwana", b"Mazar-e Sharif", b"Schillerstra", b"0000 731", b"wardak@example", b"1991-09-17"]


def iaa(tenant: str, role: Role = Role.CASEWORKER) -> Principal:
    return Principal(tenant_id=tenant, partner_id="iaa", role=role, subject="token:test")


async def populated(agency: Agency) -> tuple[str, str]:
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Testkreis", plugins=PLUGINS, declared_partners=[])
    view = await create_person(agency, iaa(tenant), SECRETS)
    await read_person(agency, iaa(tenant), view.id)
    await search_persons(agency, iaa(tenant), family_name="Zarghuna Wardak", birth_date="1991-09-17")
    return tenant, view.id


@pytest.mark.sqlite
async def test_a_scan_of_the_raw_sqlite_file_finds_no_value(tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings = Settings(home=tmp_path / "home")
    await migrate(settings)
    agency = await open_agency(settings)
    try:
        await populated(agency)
    finally:
        await agency.close()
    path = settings.sqlite_path
    conn = sqlite3.connect(path)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    raw = b"".join(p.read_bytes() for p in path.parent.iterdir() if p.name.startswith(path.name))
    for needle in NEEDLES:
        assert needle not in raw, needle


@pytest.mark.postgres
async def test_a_postgresql_dump_finds_no_value(postgres_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    if shutil.which("pg_dump") is None:
        pytest.fail("pg_dump is needed to scan a PostgreSQL dump (Debian: postgresql-client)")
    settings = Settings(home=tmp_path / "home", database_url=postgres_url)
    agency = await open_agency(settings)
    try:
        await populated(agency)
    finally:
        await agency.close()
    dump_process = await asyncio.create_subprocess_exec(
        "pg_dump", "--data-only", "--enable-row-security", postgres_url, stdout=asyncio.subprocess.PIPE
    )
    dump, _ = await dump_process.communicate()
    assert dump_process.returncode == 0
    assert b"person_field" in dump
    for needle in NEEDLES:
        assert needle not in dump, needle


async def test_a_failed_audit_write_returns_no_plaintext(agency: Agency) -> None:
    tenant, person = await populated(agency)
    async with agency.db.transaction() as tx:
        if tx.dialect == "sqlite":
            await tx.execute(
                "CREATE TRIGGER audit_down BEFORE INSERT ON audit_event BEGIN SELECT RAISE(ABORT, 'audit down'); END"
            )
        else:
            await tx.execute(
                f"ALTER TABLE audit_event ADD CONSTRAINT audit_down CHECK (tenant_id <> '{tenant}') NOT VALID"
            )
    try:
        with pytest.raises(Exception) as failure:
            await read_person(agency, iaa(tenant), person)
        assert "Parwana" not in repr(failure.value)
    finally:
        async with agency.db.transaction() as tx:
            if tx.dialect == "sqlite":
                await tx.execute("DROP TRIGGER audit_down")
            else:
                await tx.execute("ALTER TABLE audit_event DROP CONSTRAINT audit_down")
    assert (await read_person(agency, iaa(tenant), person)).fields["given_names"] == "Parwana"


async def test_key_rotation_rewraps_every_data_key_while_reads_go_on(agency: Agency) -> None:
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Testkreis", plugins=PLUGINS, declared_partners=[])
    people = [
        (await create_person(agency, iaa(tenant), {**SECRETS, "given_names": f"Parwana {i}"})).id for i in range(25)
    ]

    async def keep_reading() -> int:
        reads = 0
        for person in people * 2:
            assert (await read_person(agency, iaa(tenant), person)).fields["family_name"] == "Zarghuna-Wardak"
            reads += 1
            await asyncio.sleep(0)
        return reads

    report, reads = await asyncio.gather(rotate_tenant_keys(agency, tenant, batch=7), keep_reading())
    assert report.kek_version == 2 and report.rewrapped == 25 and reads == 50
    rows = await agency.db.fetch("SELECT DISTINCT kek_version FROM person_key WHERE tenant_id = $1", tenant)
    assert [r["kek_version"] for r in rows] == [2]
    fresh = await create_person(agency, iaa(tenant), SECRETS)
    row = await agency.db.fetchrow(
        "SELECT kek_version FROM person_key WHERE tenant_id = $1 AND person_id = $2", tenant, fresh.id
    )
    assert row is not None and row["kek_version"] == 2
    for person in people:
        assert (await read_person(agency, iaa(tenant), person)).fields["given_names"].startswith("Parwana")


async def test_erased_person_stays_unreadable_in_a_backup_copy(agency: Agency, tmp_path) -> None:  # type: ignore[no-untyped-def]
    tenant, person = await populated(agency)
    backup = await agency.db.fetch(
        "SELECT field, ciphertext FROM person_field WHERE tenant_id = $1 AND person_id = $2", tenant, person
    )
    await erase_person(agency, iaa(tenant, Role.TENANT_ADMIN), person)
    async with agency.db.transaction() as tx:  # an attacker restores the field rows from a backup
        for row in backup:
            await tx.execute(
                "INSERT INTO person_field (id, tenant_id, person_id, field, ciphertext) VALUES ($1, $2, $3, $4, $5)",
                os.urandom(16).hex(),
                tenant,
                person,
                row["field"],
                row["ciphertext"],
            )
    with pytest.raises(NotFound):
        await read_person(agency, iaa(tenant), person)

"""Key rotation: a new tenant KEK version, and every person's data key re-wrapped under it while serving."""

from __future__ import annotations

from core.crypto.keys import WrappedDek, rewrap_with, unwrap_dek
from core.domain.base import Schema
from core.services.agency import Agency
from core.storage.person_store import Persons

BATCH = 500


class RotationReport(Schema, frozen=True):
    kek_version: int
    rewrapped: int


async def rotate_tenant_keys(agency: Agency, tenant_id: str, *, batch: int = BATCH) -> RotationReport:
    """Create a new KEK version, then re-wrap data keys in short batches (one transaction each).

    New persons get the new version from the moment it exists; a rerun after an interruption
    picks up where the last batch committed, because each row records its own KEK version.
    """
    await agency.tenant(tenant_id)  # NotFound for an unknown tenant
    provider = agency.keyring.provider(tenant_id)
    version = provider.new_kek_version()
    return await rewrap_keys(agency, tenant_id, version, batch=batch)


async def rewrap_keys(agency: Agency, tenant_id: str, version: int, *, batch: int = BATCH) -> RotationReport:
    """Re-wrap every data key still under a KEK older than ``version``."""
    provider = agency.keyring.provider(tenant_id)
    kek = provider.kek(version)
    async with agency.db.transaction() as tx:
        await Persons(tx, tenant_id).refresh_key_statistics()
    total = 0
    while True:
        async with agency.db.transaction() as tx:
            persons = Persons(tx, tenant_id)
            rows = await persons.keys_below(version, batch)
            rewrapped = []
            for row in rows:
                old = WrappedDek(row["kek_version"], row["dek_version"], bytes(row["wrapped_dek"]))
                dek = unwrap_dek(provider, tenant_id, row["person_id"], old)
                fresh = rewrap_with(version, kek, tenant_id, row["person_id"], dek, old.dek_version)
                rewrapped.append((row["person_id"], old.kek_version, fresh))
            total += await persons.replace_keys(rewrapped)
        if len(rows) < batch:
            return RotationReport(kek_version=version, rewrapped=total)

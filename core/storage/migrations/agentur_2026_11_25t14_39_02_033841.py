"""Migration 4: tenant-first unique keys and lookup indexes of the biography vault."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T14:39:02:033841"
VERSION = "1.38.0"
DESCRIPTION = "vault keys and indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX person_tenant_key ON person (tenant_id, id)",
    "CREATE UNIQUE INDEX person_key_tenant_person_key ON person_key (tenant_id, person_id)",
    "CREATE INDEX person_key_tenant_kek_version ON person_key (tenant_id, kek_version)",
    "CREATE UNIQUE INDEX person_field_tenant_person_field_key ON person_field (tenant_id, person_id, field)",
    "CREATE UNIQUE INDEX person_index_tenant_person_kind_key ON person_index (tenant_id, person_id, kind)",
    "CREATE INDEX person_index_tenant_kind_digest ON person_index (tenant_id, kind, digest)",
    "CREATE UNIQUE INDEX consent_tenant_key ON consent (tenant_id, id)",
    "CREATE UNIQUE INDEX consent_tenant_receipt_key ON consent (tenant_id, receipt_digest)",
    "CREATE INDEX consent_tenant_person ON consent (tenant_id, person_id)",
    "CREATE UNIQUE INDEX transfer_block_tenant_key ON transfer_block (tenant_id, id)",
    "CREATE INDEX transfer_block_tenant_person ON transfer_block (tenant_id, person_id)",
    "CREATE UNIQUE INDEX audit_event_tenant_seq_key ON audit_event (tenant_id, seq)",
    "CREATE INDEX audit_event_tenant_person ON audit_event (tenant_id, person_id)",
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="agentur", description=DESCRIPTION)

    async def create_indexes() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager

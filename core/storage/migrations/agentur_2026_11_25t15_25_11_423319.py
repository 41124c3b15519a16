"""Migration 8: tenant-first keys of the reception tables, and the constraint against double booking."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T15:25:11:423319"
VERSION = "1.38.0"
DESCRIPTION = "reception keys and indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX visit_tenant_key ON visit (tenant_id, id)",
    "CREATE INDEX visit_tenant_checked_in ON visit (tenant_id, checked_in_at)",
    "CREATE UNIQUE INDEX ticket_tenant_key ON ticket (tenant_id, id)",
    "CREATE UNIQUE INDEX ticket_tenant_partner_day_number_key ON ticket (tenant_id, partner_id, day, number)",
    "CREATE INDEX ticket_tenant_state ON ticket (tenant_id, state, called_at)",
    "CREATE UNIQUE INDEX ticket_counter_tenant_partner_day_key ON ticket_counter (tenant_id, partner_id, day)",
    "CREATE UNIQUE INDEX slot_tenant_key ON slot (tenant_id, id)",
    "CREATE INDEX slot_tenant_partner_start ON slot (tenant_id, partner_id, starts_at)",
    "CREATE UNIQUE INDEX appointment_tenant_key ON appointment (tenant_id, id)",
    "CREATE UNIQUE INDEX appointment_tenant_code_key ON appointment (tenant_id, code)",
    # the database, not the application, guarantees that a slot is booked at most once
    "CREATE UNIQUE INDEX appointment_tenant_slot_booked_key ON appointment (tenant_id, slot_id) WHERE state = 'booked'",
    "CREATE INDEX appointment_tenant_partner_start ON appointment (tenant_id, partner_id, starts_at)",
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

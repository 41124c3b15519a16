"""Migration 12: row-level security on PostgreSQL, the second wall between tenants.

Every tenant table gets a policy that shows (and accepts) only the rows of the tenant named in the
transaction's ``agentur.tenant`` setting, which the engine sets for every request that acts for a
tenant (``storage.engine.current_tenant``). Without the setting — the dispatcher and admin commands
work across tenants — the policy lets everything through, so the wall guards requests, where a
forgotten ``WHERE tenant_id`` would otherwise show another county's rows. ``FORCE`` makes the tables'
owner obey it too; PostgreSQL superusers always bypass row-level security, so production connects as
an ordinary role (docs/operators.md). Not for ``tenant`` (the list of counties) and ``web_session``
(found by the digest of a cookie before anyone's tenant is known). SQLite has no row-level security.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T18:05:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "row-level security by tenant (PostgreSQL)"

TENANT_TABLES = (
    "staff_user",
    "api_token",
    "person",
    "person_key",
    "person_field",
    "person_index",
    "consent",
    "transfer_block",
    "audit_event",
    "audit_head",
    "referral",
    "referral_step",
    "outbox",
    "webhook_subscription",
    "visit",
    "ticket",
    "ticket_counter",
    "slot",
    "appointment",
)
RULE = "coalesce(current_setting('agentur.tenant', true), '') IN ('', tenant_id)"


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="agentur", description=DESCRIPTION)

    async def tenant_wall() -> None:
        engine = engine_finder()
        assert engine is not None
        if engine.engine_type != "postgres":
            return
        for table in TENANT_TABLES:
            await engine.run_ddl(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
            await engine.run_ddl(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
            await engine.run_ddl(f"CREATE POLICY tenant_wall ON {table} USING ({RULE}) WITH CHECK ({RULE})")

    manager.add_raw(tenant_wall)
    return manager

"""Migration 2: the tenant-first unique keys of the foundation tables.

They are unique indexes rather than Piccolo ``Unique`` constraints: SQLite cannot add a constraint
to an existing table, and an index works the same on both engines.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T14:20:17:535455"
VERSION = "1.38.0"
DESCRIPTION = "tenant-first unique keys"

TENANT_KEYS = (
    "CREATE UNIQUE INDEX staff_user_tenant_key ON staff_user (tenant_id, id)",
    "CREATE UNIQUE INDEX staff_user_tenant_username_key ON staff_user (tenant_id, username)",
    "CREATE UNIQUE INDEX api_token_tenant_key ON api_token (tenant_id, id)",
    "CREATE UNIQUE INDEX api_token_tenant_secret_key ON api_token (tenant_id, secret_hash)",
)


async def forwards() -> MigrationManager:
    manager = MigrationManager(migration_id=ID, app_name="agentur", description=DESCRIPTION)

    async def create_tenant_keys() -> None:
        engine = engine_finder()
        assert engine is not None
        for statement in TENANT_KEYS:
            await engine.run_ddl(statement)

    manager.add_raw(create_tenant_keys)
    return manager

"""Migration 11: lookup indexes of the web sessions (a login's sessions; the expired ones to sweep)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T16:26:09:000000"
VERSION = "1.38.0"
DESCRIPTION = "web session indexes"

STATEMENTS = (
    "CREATE INDEX web_session_tenant_user ON web_session (tenant_id, user_id)",
    "CREATE INDEX web_session_expires ON web_session (expires_at)",
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

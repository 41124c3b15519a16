"""Migration 6: tenant-first unique keys and queue indexes of the referral bus."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T14:56:52:748760"
VERSION = "1.38.0"
DESCRIPTION = "bus keys and indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX referral_tenant_key ON referral (tenant_id, id)",
    "CREATE INDEX referral_tenant_to_state ON referral (tenant_id, to_partner, state)",
    "CREATE INDEX referral_tenant_from_state ON referral (tenant_id, from_partner, state)",
    "CREATE INDEX referral_tenant_state_due ON referral (tenant_id, state, due_date)",
    "CREATE UNIQUE INDEX referral_step_tenant_referral_seq_key ON referral_step (tenant_id, referral_id, seq)",
    "CREATE UNIQUE INDEX outbox_tenant_key ON outbox (tenant_id, id)",
    "CREATE UNIQUE INDEX outbox_tenant_event_destination_key ON outbox (tenant_id, event_id, destination)",
    "CREATE INDEX outbox_tenant_queue ON outbox (tenant_id, status, next_attempt_at)",
    "CREATE UNIQUE INDEX webhook_subscription_tenant_key ON webhook_subscription (tenant_id, id)",
    "CREATE INDEX webhook_subscription_tenant_partner ON webhook_subscription (tenant_id, partner_id)",
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

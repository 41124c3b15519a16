"""The transactional outbox: events are written with the state change they report, one row per destination."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable

import msgspec

from core.domain.referral import EventType, ReferralEvent
from core.storage.engine import Executor, Row
from core.storage.repositories import new_id, now

PENDING, DELIVERED, DEAD = "pending", "delivered", "dead"
PLUGIN_PREFIX, WEBHOOK_PREFIX = "plugin:", "webhook:"


async def destinations_for(
    tx: Executor, tenant_id: str, event: ReferralEvent, partners: Iterable[str], code_plugins: set[str]
) -> list[str]:
    """The plugins of the partners involved, and their webhook subscriptions that want this event type."""
    involved = list(dict.fromkeys(partners))
    found = [f"{PLUGIN_PREFIX}{p}" for p in involved if p in code_plugins]
    if involved:
        placeholders = ", ".join(f"${i + 2}" for i in range(len(involved)))
        rows = await tx.fetch(
            f"SELECT id, events FROM webhook_subscription WHERE tenant_id = $1 AND partner_id IN ({placeholders}) "  # noqa: S608
            "AND active = TRUE",
            tenant_id,
            *involved,
        )
        for row in rows:
            wanted = json.loads(row["events"])
            if "*" in wanted or event.type.value in wanted:
                found.append(f"{WEBHOOK_PREFIX}{row['id']}")
    return found


def recipients(event: ReferralEvent) -> tuple[str, ...]:
    """Who hears of an event: both ends of the loop, except for deadline notices."""
    if event.type is EventType.REMINDER:
        return (event.to_partner,)
    if event.type is EventType.OVERDUE:
        return (event.from_partner,)
    return (event.from_partner, event.to_partner)


async def enqueue(tx: Executor, tenant_id: str, event: ReferralEvent, destinations: Iterable[str]) -> int:
    """Write one delivery row per destination, in the caller's transaction."""
    payload = msgspec.json.encode(event).decode()
    at = now()
    targets = list(destinations)
    if tx.dialect == "postgres" and len(targets) > 1:
        # one statement for all destinations: each round trip to the server counts in every command
        return await tx.execute(
            "INSERT INTO outbox (id, tenant_id, event_id, destination, payload, status, attempts, next_attempt_at, "
            "lease_until, last_error, created_at, delivered_at) "
            "SELECT u.id, $1, $2, u.destination, $3, 'pending', 0, $4, NULL, '', $4, NULL "
            "FROM unnest($5::text[], $6::text[]) AS u(id, destination)",
            tenant_id,
            event.id,
            payload,
            at,
            [new_id() for _ in targets],
            targets,
        )
    count = 0
    for destination in targets:
        await tx.execute(
            "INSERT INTO outbox (id, tenant_id, event_id, destination, payload, status, attempts, next_attempt_at, "
            "lease_until, last_error, created_at, delivered_at) "
            "VALUES ($1, $2, $3, $4, $5, 'pending', 0, $6, NULL, '', $6, NULL)",
            new_id(),
            tenant_id,
            event.id,
            destination,
            payload,
            at,
        )
        count += 1
    return count


async def claim(tx: Executor, tenant_id: str, *, limit: int, lease: dt.timedelta) -> list[Row]:
    """Lease due deliveries; on PostgreSQL several workers skip each other's rows (``SKIP LOCKED``)."""
    at = now()
    skip_locked = " FOR UPDATE SKIP LOCKED" if tx.dialect == "postgres" else ""
    return await tx.fetch(
        "UPDATE outbox SET lease_until = $1, attempts = attempts + 1 WHERE tenant_id = $2 AND id IN ("  # noqa: S608
        "SELECT id FROM outbox WHERE tenant_id = $2 AND status = 'pending' AND next_attempt_at <= $3 "
        "AND (lease_until IS NULL OR lease_until < $3) ORDER BY next_attempt_at, id LIMIT $4" + skip_locked + ") "
        "RETURNING id, event_id, destination, payload, attempts",
        at + lease,
        tenant_id,
        at,
        limit,
    )


async def delivered(tx: Executor, tenant_id: str, delivery_id: str) -> None:
    await tx.execute(
        "UPDATE outbox SET status = 'delivered', delivered_at = $1, lease_until = NULL, last_error = '' "
        "WHERE tenant_id = $2 AND id = $3",
        now(),
        tenant_id,
        delivery_id,
    )


async def failed(tx: Executor, tenant_id: str, delivery_id: str, *, error: str, retry_at: dt.datetime | None) -> None:
    """Schedule the next try, or dead-letter the delivery when ``retry_at`` is ``None``."""
    await tx.execute(
        "UPDATE outbox SET status = $1, next_attempt_at = COALESCE($2, next_attempt_at), lease_until = NULL, "
        "last_error = $3 WHERE tenant_id = $4 AND id = $5",
        PENDING if retry_at is not None else DEAD,
        retry_at,
        error[:200],
        tenant_id,
        delivery_id,
    )


async def dead_letters(tx: Executor, tenant_id: str, destinations: Iterable[str] | None = None) -> list[Row]:
    rows = await tx.fetch(
        "SELECT id, event_id, destination, attempts, last_error, created_at FROM outbox "
        "WHERE tenant_id = $1 AND status = 'dead' ORDER BY created_at",
        tenant_id,
    )
    wanted = set(destinations) if destinations is not None else None
    return [r for r in rows if wanted is None or r["destination"] in wanted]


async def replay(tx: Executor, tenant_id: str, delivery_id: str | None = None) -> int:
    """Put dead-lettered deliveries back in the queue (one, or all of the tenant's)."""
    sql = (
        "UPDATE outbox SET status = 'pending', attempts = 0, next_attempt_at = $1, lease_until = NULL, last_error = '' "
        "WHERE tenant_id = $2 AND status = 'dead'"
    )
    if delivery_id is None:
        return await tx.execute(sql, now(), tenant_id)
    return await tx.execute(sql + " AND id = $3", now(), tenant_id, delivery_id)

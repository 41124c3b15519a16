"""Webhook subscriptions and signed deliveries (HMAC-SHA256 over timestamp and body, event id as idempotency key)."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from urllib.parse import urlsplit

import httpx

from core.crypto.tenant_box import TenantBox
from core.domain.base import Schema
from core.domain.errors import InvalidInput
from core.domain.referral import EventType
from core.storage.engine import Executor
from core.storage.repositories import new_id, now

SIGNATURE_HEADER = "X-Agentur-Signature"
TIMESTAMP_HEADER = "X-Agentur-Timestamp"
EVENT_HEADER = "X-Agentur-Event-Id"
IDEMPOTENCY_HEADER = "Idempotency-Key"
LOOPBACK_HOSTS = {"localhost", "127.0.0.1", "::1"}


class WebhookCreate(Schema, frozen=True):
    url: str
    events: list[str]
    secret: str


class Webhook(Schema, frozen=True):
    id: str
    partner_id: str
    url: str
    events: list[str]


def check_subscription(body: WebhookCreate) -> None:
    errors: dict[str, str] = {}
    parts = urlsplit(body.url)
    if parts.scheme not in ("https", "http") or not parts.hostname:
        errors["url"] = "must be an https URL"
    elif parts.scheme == "http" and parts.hostname not in LOOPBACK_HOSTS:
        errors["url"] = "must use https (plain http only to this machine, for testing)"
    known = {e.value for e in EventType} | {"*"}
    if not body.events:
        errors["events"] = "name at least one event type, or *"
    elif unknown := [e for e in body.events if e not in known]:
        errors["events"] = f"unknown event types: {', '.join(unknown)}"
    if len(body.secret) < 16:
        errors["secret"] = "at least 16 characters"  # noqa: S105 - a message, not a secret
    if errors:
        raise InvalidInput("the webhook subscription is invalid: " + ", ".join(errors), errors)


WEBHOOK_SECRETS = "webhook secrets"


def seal_secret(index_key: bytes, tenant_id: str, subscription_id: str, secret: str) -> bytes:
    return TenantBox(index_key, WEBHOOK_SECRETS).seal(tenant_id, subscription_id, secret)


def open_secret(index_key: bytes, tenant_id: str, subscription_id: str, sealed: bytes) -> str:
    return TenantBox(index_key, WEBHOOK_SECRETS).open(tenant_id, subscription_id, sealed)


async def subscribe(tx: Executor, tenant_id: str, partner_id: str, body: WebhookCreate, index_key: bytes) -> Webhook:
    check_subscription(body)
    subscription_id = new_id()
    await tx.execute(
        "INSERT INTO webhook_subscription (id, tenant_id, partner_id, url, events, sealed_secret, active, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7)",
        subscription_id,
        tenant_id,
        partner_id,
        body.url,
        json.dumps(body.events),
        seal_secret(index_key, tenant_id, subscription_id, body.secret),
        now(),
    )
    return Webhook(id=subscription_id, partner_id=partner_id, url=body.url, events=body.events)


async def subscriptions(tx: Executor, tenant_id: str, partner_id: str) -> list[Webhook]:
    rows = await tx.fetch(
        "SELECT id, partner_id, url, events FROM webhook_subscription "
        "WHERE tenant_id = $1 AND partner_id = $2 AND active = TRUE ORDER BY created_at",
        tenant_id,
        partner_id,
    )
    return [Webhook(id=r["id"], partner_id=r["partner_id"], url=r["url"], events=json.loads(r["events"])) for r in rows]


def sign(secret: str, timestamp: str, body: bytes) -> str:
    return "sha256=" + hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()


def verify_signature(secret: str, timestamp: str, body: bytes, signature: str, *, tolerance: int = 300) -> bool:
    """What a receiver does: check the signature and that the timestamp is fresh (replay protection)."""
    fresh = abs(time.time() - int(timestamp)) <= tolerance
    return fresh and hmac.compare_digest(sign(secret, timestamp, body), signature)


async def post(
    client: httpx.AsyncClient,
    db: Executor,
    tenant_id: str,
    subscription_id: str,
    event_id: str,
    payload: str,
    index_key: bytes,
) -> str | None:
    """Deliver one event (outside any transaction); ``None`` on success, else a short error without personal data."""
    row = await db.fetchrow(
        "SELECT url, sealed_secret, active FROM webhook_subscription WHERE tenant_id = $1 AND id = $2",
        tenant_id,
        subscription_id,
    )
    if row is None or not row["active"]:
        return None  # unsubscribed since: nothing to deliver
    secret = open_secret(index_key, tenant_id, subscription_id, bytes(row["sealed_secret"]))
    body = payload.encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        TIMESTAMP_HEADER: timestamp,
        EVENT_HEADER: event_id,
        IDEMPOTENCY_HEADER: event_id,
    }
    try:
        response = await client.post(row["url"], content=body, headers=headers)
    except httpx.HTTPError as exc:
        return type(exc).__name__
    return None if 200 <= response.status_code < 300 else f"HTTP {response.status_code}"

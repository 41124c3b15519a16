"""Forwarding referrals to the Bundesagentur's own case management over HTTP.

The county names the receiving endpoint (``agentur tenant configure SLUG --plugin baa --set
endpoint=https://…``, optionally ``--set token=…``). The document carries what the office needs to
open a case — the referral and the person fields of the BA's consented view, nothing more. Receipt is
all the forwarding confirms: the office accepts or declines later, in its own system or the agency's.
"""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

import httpx
import msgspec

from core import EventType, ReferralEvent, ReferralState, ReferralView

log = logging.getLogger("agentur.plugins.baa")

TIMEOUT_SECONDS = 10.0
DOCUMENT_TYPE = "agentur.referral.v1"
LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
FORWARDED_STATES = frozenset(
    {ReferralState.SENT, ReferralState.RECEIVED, ReferralState.ACCEPTED, ReferralState.IN_PROGRESS}
)
"""The open states: a referral revoked or expired before the event reached the plugin is not forwarded."""


class ForwardingError(Exception):
    """The endpoint did not take the document; the bus retries the delivery with back-off."""


class ConfigurationError(ForwardingError):
    """The county's configuration of the plugin cannot be used (retried, then dead-lettered, until fixed)."""


def document(event: ReferralEvent, view: ReferralView) -> dict[str, Any]:
    """What the BA's case management needs: the referral and exactly the person fields of the view."""
    return {
        "type": DOCUMENT_TYPE,
        "event": {"id": event.id, "type": event.type.value, "occurred_at": event.occurred_at},
        "referral": {
            "id": view.referral_id,
            "from_partner": view.from_partner,
            "service": view.service,
            "urgency": view.urgency.value,
            "due_date": view.due_date,
            "reason": view.reason,
        },
        "person": dict(view.person),
    }


def endpoint_of(config: dict[str, str]) -> str | None:
    """The configured endpoint; https, or plain http only to this machine (a test or a local relay)."""
    endpoint = (config.get("endpoint") or "").strip()
    if not endpoint:
        return None
    parts = urlsplit(endpoint)
    if parts.scheme == "https" and parts.hostname:
        return endpoint
    if parts.scheme == "http" and parts.hostname in LOOPBACK_HOSTS:
        return endpoint
    raise ConfigurationError("the baa endpoint must be an https URL (plain http only to localhost)")


def should_forward(event: ReferralEvent, view: ReferralView) -> bool:
    """Once per referral: on ``referral.sent`` to the BA, while the referral is still open for it."""
    return (
        event.type is EventType.SENT
        and view.to_partner == "baa"
        and view.state in FORWARDED_STATES
        and bool(view.person)  # an erased person leaves nothing to forward
    )


async def forward(event: ReferralEvent, view: ReferralView, config: dict[str, str]) -> None:
    """POST the document; a non-2xx answer or a network failure raises so the bus retries."""
    endpoint = endpoint_of(config)
    if endpoint is None:
        log.info(
            "baa: no endpoint configured for tenant %s; referral %s not forwarded", event.tenant, event.referral_id
        )
        return
    headers = {
        "Content-Type": "application/json",
        "Idempotency-Key": event.id,
        "User-Agent": "Migrationsagentur baa-plugin",
    }
    token = (config.get("token") or "").strip()
    if token:
        headers["Authorization"] = f"Bearer {token}"
    body = msgspec.json.encode(document(event, view))
    async with httpx.AsyncClient(timeout=TIMEOUT_SECONDS, follow_redirects=False) as client:
        response = await client.post(endpoint, content=body, headers=headers)
    if not response.is_success:
        raise ForwardingError(f"the baa endpoint answered {response.status_code} for referral {event.referral_id}")
    log.info("baa: forwarded referral %s (event %s)", event.referral_id, event.id)

"""The dispatcher: claims outbox rows, delivers them to plugins and webhooks, retries, dead-letters; keeps deadlines.

At-least-once: a row is marked delivered only after its destination took it, so a worker killed in
between leaves a lease that runs out and another delivery of the same event id (receivers
de-duplicate on it). Claims are short transactions; no network call ever runs inside one.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import logging
import random
from collections.abc import Collection

import httpx
import msgspec

from core.bus import outbox, webhooks
from core.domain.errors import Conflict
from core.domain.notification import NotificationKind
from core.domain.referral import IN_HAND_STATES, UNANSWERED_STATES, EventType, ReferralAction, ReferralEvent
from core.plugins import maybe_await
from core.services import invitations
from core.services.agency import Agency
from core.services.appointments import reminder_principal
from core.services.invitations import LetterRenderer
from core.services.referrals import expire, notice, plugin_acts, plugin_view
from core.services.signin import end_expired_sessions
from core.storage.reception_store import Appointments
from core.storage.referral_store import Referrals
from core.storage.repositories import Tenants, now

log = logging.getLogger("agentur.bus")


class DispatchSettings(msgspec.Struct, frozen=True, kw_only=True):
    batch: int = 50
    lease: dt.timedelta = dt.timedelta(seconds=30)
    max_attempts: int = 8
    first_retry: dt.timedelta = dt.timedelta(seconds=2)
    last_retry: dt.timedelta = dt.timedelta(hours=1)
    idle_wait: float = 0.2
    deadline_every: dt.timedelta = dt.timedelta(minutes=1)
    remind_after: dt.timedelta = dt.timedelta(days=3)
    appointment_reminder: dt.timedelta = dt.timedelta(hours=24)
    http_timeout: float = 10.0


def retry_delay(attempts: int, settings: DispatchSettings) -> dt.timedelta:
    """Exponential back-off with full jitter, capped."""
    ceiling = min(settings.first_retry * (2 ** max(attempts - 1, 0)), settings.last_retry)
    return dt.timedelta(seconds=random.uniform(0.5, 1.0) * ceiling.total_seconds())  # noqa: S311 - jitter only


class Dispatcher:
    def __init__(
        self, agency: Agency, settings: DispatchSettings | None = None, *, letters: LetterRenderer | None = None
    ) -> None:
        self.agency = agency
        self.letters = letters
        self.settings = settings or DispatchSettings()
        self._client = httpx.AsyncClient(timeout=self.settings.http_timeout)
        self._last_deadlines: dt.datetime | None = None

    async def close(self) -> None:
        await self._client.aclose()

    async def run(self, stop: asyncio.Event) -> None:
        """Deliver until ``stop`` is set; a failing round is logged and retried, never fatal."""
        while not stop.is_set():
            try:
                done = await self.run_once()
                await self.keep_deadlines()
            except Exception as exc:  # the database may be away for a moment: wait and go on
                log.error("dispatch round failed: %s", type(exc).__name__)
                done = 0
            if not done:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(stop.wait(), timeout=self.settings.idle_wait)

    async def run_once(self, tenants: Collection[str] | None = None) -> int:
        """One round over every tenant (or the named ones); returns how many deliveries were attempted."""
        attempted = 0
        for tenant, _ in await Tenants(self.agency.db).all():
            if tenants is not None and tenant.tenant_id not in tenants:
                continue
            async with self.agency.db.transaction() as tx:
                rows = await outbox.claim(tx, tenant.tenant_id, limit=self.settings.batch, lease=self.settings.lease)
            for row in rows:
                attempted += 1
                await self._deliver(tenant.tenant_id, row)
        return attempted

    async def _deliver(self, tenant_id: str, row: dict[str, object]) -> None:
        destination = str(row["destination"])
        event = msgspec.json.decode(str(row["payload"]), type=ReferralEvent)
        try:
            error = await self._send(tenant_id, destination, event, str(row["payload"]))
        except Exception as exc:  # a plugin raising is a failed delivery, retried like any other
            error = f"{type(exc).__name__} in {destination}"
        async with self.agency.db.transaction() as tx:
            if error is None:
                await outbox.delivered(tx, tenant_id, str(row["id"]))
                return
            attempts = int(row["attempts"])  # type: ignore[call-overload]
            retry_at = None if attempts >= self.settings.max_attempts else now() + retry_delay(attempts, self.settings)
            await outbox.failed(tx, tenant_id, str(row["id"]), error=error, retry_at=retry_at)
        if retry_at is None:
            log.warning("dead-lettered event %s for %s after %d tries: %s", event.id, destination, attempts, error)

    async def _send(self, tenant_id: str, destination: str, event: ReferralEvent, payload: str) -> str | None:
        if destination.startswith(outbox.WEBHOOK_PREFIX):
            index_key = self.agency.keyring.provider(tenant_id).index_key()
            return await webhooks.post(
                self._client,
                self.agency.db,
                tenant_id,
                destination.removeprefix(outbox.WEBHOOK_PREFIX),
                event.id,
                payload,
                index_key,
            )
        if destination.startswith(outbox.PLUGIN_PREFIX):
            await self._notify_plugin(tenant_id, destination.removeprefix(outbox.PLUGIN_PREFIX), event)
            return None
        return f"unknown destination kind {destination.split(':', 1)[0]}"

    async def _notify_plugin(self, tenant_id: str, partner_id: str, event: ReferralEvent) -> None:
        entry = self.agency.registry.partners.get(partner_id)
        if entry is None:
            return  # the plugin was uninstalled since; nothing can receive this
        tenant, _ = await self.agency.tenant(tenant_id)
        impls = [
            i for i in self.agency.pm.hook.agentur_referral_event.get_hookimpls() if i.plugin_name == entry.plugin_name
        ]
        if not impls:
            return
        view = await plugin_view(self.agency, tenant_id, partner_id, entry.plugin_name, event.referral_id)
        if view is None:
            return
        config = tenant.plugin_config.get(entry.plugin_name, {})
        for impl in impls:
            answer: list[ReferralAction] | None = await maybe_await(
                impl.function(event=event, view=view, config=config)
            )
            for action in answer or ():
                try:
                    await plugin_acts(
                        self.agency,
                        tenant_id,
                        partner_id,
                        entry.plugin_name,
                        event.referral_id,
                        action.kind,
                        action.text,
                    )
                except Conflict:
                    # a person or an earlier delivery moved the referral already: the answer is moot, not a failure
                    log.info(
                        "plugin %s: %s no longer applies to referral %s",
                        entry.plugin_name,
                        action.kind,
                        event.referral_id,
                    )

    async def keep_deadlines(self, *, force: bool = False) -> None:
        """Expire unanswered referrals past due, tell senders of overdue ones, remind receivers."""
        at = now()
        if not force and self._last_deadlines and at - self._last_deadlines < self.settings.deadline_every:
            return
        self._last_deadlines = at
        today = at.date()
        for tenant, _ in await Tenants(self.agency.db).all():
            tid = tenant.tenant_id
            repo = Referrals(self.agency.db, tid)
            for rid in await repo.due(today, UNANSWERED_STATES):
                await expire(self.agency, tid, rid)
            for rid in await repo.due(today, IN_HAND_STATES):
                await notice(self.agency, tid, rid, EventType.OVERDUE, "escalated_at")
            for rid in await repo.unanswered_since(at - self.settings.remind_after):
                await notice(self.agency, tid, rid, EventType.REMINDER, "reminded_at")
            if self.letters is not None:
                await self._remind_appointments(tid, at + self.settings.appointment_reminder)
        await end_expired_sessions(self.agency)

    async def _remind_appointments(self, tenant_id: str, until: dt.datetime) -> None:
        """One reminder per appointment, the day before; a failed channel is tried at the next run."""
        assert self.letters is not None
        appointments = Appointments(self.agency.db, tenant_id)
        for appointment_id in await appointments.due_for_reminder(until):
            row = await appointments.get(appointment_id)
            if row is None:
                continue
            principal = reminder_principal(tenant_id, str(row["partner_id"]))
            try:
                await invitations.send(self.agency, self.letters, principal, appointment_id, NotificationKind.REMINDER)
            except Exception as exc:
                log.error("reminder for appointment %s not delivered: %s", appointment_id, type(exc).__name__)
                continue
            async with self.agency.db.transaction() as tx:
                await Appointments(tx, tenant_id).mark_reminded(appointment_id)

"""Referrals: send, answer, follow; every state change writes its bus events in the same transaction."""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Iterable
from typing import Annotated, Any

import msgspec

from core import audit
from core.access import CASE_ROLES, Mode, decide
from core.bus import outbox
from core.domain.base import Schema
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.partner import Partner
from core.domain.reception import VisitOutcome
from core.domain.referral import (
    DEFAULT_DAYS_TO_ANSWER,
    UNANSWERED_STATES,
    ActionKind,
    EventType,
    Referral,
    ReferralEvent,
    ReferralState,
    ReferralView,
    Step,
    Urgency,
    event_type,
)
from core.domain.staff import Principal, Role
from core.plugins import PartnerDirectory, maybe_await
from core.services.agency import Agency
from core.services.persons import OpenPerson, consents_and_blocks, open_person, visible_fields
from core.services.reception import close_visit_of
from core.storage.engine import Executor
from core.storage.referral_store import Referrals, StoredReferral
from core.storage.repositories import as_date, as_datetime, new_id, now

ReasonText = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class ReferralCreate(Schema, frozen=True):
    person_id: str
    to_partner: str
    service: str
    reason: ReasonText
    urgency: Urgency = Urgency.NORMAL
    due_date: dt.date | None = None
    visit_id: str | None = None
    """The desk's visit this referral comes from: the visit is closed with the outcome ``referral``."""


class ReferralOut(Schema, frozen=True):
    """A referral as the sending or receiving office sees it (reason and outcome only for these two)."""

    id: str
    state: ReferralState
    person_id: str
    from_partner: str
    to_partner: str
    service: str
    urgency: Urgency
    due_date: dt.date
    created_at: dt.datetime
    history: list[Step] = []
    reason: str | None = None
    outcome: str | None = None
    decline_reason: str | None = None


class ReferralPage(Schema, frozen=True):
    items: list[ReferralOut]
    next: str | None = None


def _sealed_field(referral_id: str, part: str) -> str:
    return f"referral/{referral_id}/{part}"


def partner_principal(tenant_id: str, partner_id: str, subject: str) -> Principal:
    """How the core acts for a partner's plugin or checks what a partner's case worker could see."""
    return Principal(tenant_id=tenant_id, partner_id=partner_id, role=Role.CASEWORKER, subject=subject)


async def _events(
    agency: Agency, tx: Executor, tenant_id: str, referral: Referral, steps: tuple[Step, ...], *, kind: EventType | None
) -> None:
    """One outbox event per new step (or one deadline notice), to both ends of the loop."""
    code_plugins = set(agency.registry.partners)
    types = [kind] if kind is not None else [event_type(step.state) for step in steps]
    at = steps[-1].at if steps else now()
    for etype in types:
        event = ReferralEvent(
            id=new_id(),
            type=etype,
            tenant=tenant_id,
            referral_id=referral.id,
            from_partner=referral.from_partner,
            to_partner=referral.to_partner,
            service=referral.service,
            state=referral.state,
            occurred_at=at,
        )
        targets = await outbox.destinations_for(tx, tenant_id, event, outbox.recipients(event), code_plugins)
        await outbox.enqueue(tx, tenant_id, event, targets)


async def _sender_and_target(
    agency: Agency, principal: Principal, body: ReferralCreate
) -> tuple[Partner, Partner, PartnerDirectory]:
    _, directory = await agency.tenant(principal.tenant_id)
    sender = directory.get(principal.partner_id)
    target = directory.get(body.to_partner)
    if sender is None:
        raise NotFound("no such partner")
    if target is None:
        raise InvalidInput(f"{body.to_partner!r} is not a partner of this county", {"to_partner": "unknown partner"})
    if target.id == sender.id:
        raise InvalidInput("an office does not refer to itself", {"to_partner": "same as the sender"})
    if target.service(body.service) is None:
        offered = ", ".join(s.id for s in target.services) or "none"
        raise InvalidInput(
            f"{target.id!r} offers no service {body.service!r}; it offers: {offered}", {"service": "not offered"}
        )
    return sender, target, directory


async def send_referral(agency: Agency, principal: Principal, body: ReferralCreate) -> ReferralOut:
    """Refer a person: the target must offer the service and be allowed to see what the service needs."""
    if principal.role not in CASE_ROLES:
        raise Forbidden("sending referrals needs the role reception, caseworker or partner_admin")
    sender, target, directory = await _sender_and_target(agency, principal, body)
    service = target.service(body.service)
    assert service is not None
    today = dt.date.today()
    due = body.due_date or today + dt.timedelta(days=DEFAULT_DAYS_TO_ANSWER[body.urgency])
    if due < today:
        raise InvalidInput("the due date lies in the past", {"due_date": "in the past"})
    at = now()
    referral = Referral(
        id=new_id(),
        person_id=body.person_id,
        from_partner=sender.id,
        to_partner=target.id,
        service=service.id,
        urgency=body.urgency,
        due_date=due,
        state=ReferralState.SENT,
        created_at=at,
        history=(Step(state=ReferralState.SENT, at=at, actor=principal.subject),),
    )
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, body.person_id)
        sender_sees = await visible_fields(agency, tx, principal, person)
        if not sender_sees:
            raise NotFound("no such person")
        consents, blocks = await consents_and_blocks(tx, person)
        target_sees = decide(
            principal=partner_principal(principal.tenant_id, target.id, "check"),
            partner=target,
            catalogue=directory.catalogue,
            facts=person.facts(),
            consents=consents,
            blocks=blocks,
            fields=service.needs_fields,
            mode=Mode.READ,
        )
        missing = [f for f in service.needs_fields if f not in target_sees]
        if missing:
            raise InvalidInput(
                f"{target.id!r} may not see what {service.id!r} needs: record a consent of the person for "
                f"{target.id!r} naming {', '.join(missing)}, or choose another service",
                {"person_id": "consent needed for: " + ", ".join(missing)},
            )
        if await _check_eligibility(agency, target, service.id, referral, person, target_sees, body.reason):
            # the target's plugin saw its consented view of the person: recorded like any read
            await audit.record(
                tx,
                principal.tenant_id,
                principal=partner_principal(principal.tenant_id, target.id, f"plugin:{target.id}"),
                action="referral.eligibility_view",
                person_id=body.person_id,
                bases=target_sees,
            )
        await Referrals(tx, principal.tenant_id).add(
            referral,
            from_subject=principal.subject,
            sealed_reason=person.cipher.encrypt(_sealed_field(referral.id, "reason"), body.reason),
        )
        await _events(agency, tx, principal.tenant_id, referral, referral.history, kind=None)
        if body.visit_id is not None:
            await close_visit_of(tx, principal.tenant_id, body.visit_id, body.person_id, VisitOutcome.REFERRAL)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="referral.send",
            person_id=body.person_id,
            purpose=f"referral {referral.id} to {target.id}/{service.id}",
        )
    return _out(referral, reason=body.reason)


async def _check_eligibility(
    agency: Agency,
    target: Partner,
    service_id: str,
    referral: Referral,
    person: OpenPerson,
    target_sees: dict[str, Any],
    reason: str,
) -> bool:
    """Ask the target's plugin; returns whether it was shown the person (then the caller audits it).

    The refusal's own words stay with the target: they may rest on data the sender may not see
    (a birth date, a status), so the sender hears only that the pre-check refused.
    """
    entry = agency.registry.partners.get(target.id)
    impls = [
        i for i in agency.pm.hook.agentur_eligibility.get_hookimpls() if entry and i.plugin_name == entry.plugin_name
    ]
    if not impls:
        return False
    view = _plugin_view(referral, person, target_sees, reason=reason)
    service = target.service(service_id)
    for impl in impls:
        answer = await maybe_await(impl.function(service=service, view=view))
        if answer is not None and not answer.eligible:
            raise InvalidInput(
                f"{target.id!r} cannot take this referral for {service_id!r}: its pre-check refused it; "
                "ask the office which service fits",
                {"service": "not eligible"},
            )
    return True


def _plugin_view(
    referral: Referral,
    person: OpenPerson | None,
    fields: Iterable[str],
    *,
    reason: str | None,
    outcome: str | None = None,
) -> ReferralView:
    return ReferralView(
        referral_id=referral.id,
        person_id=referral.person_id,
        from_partner=referral.from_partner,
        to_partner=referral.to_partner,
        service=referral.service,
        urgency=referral.urgency,
        due_date=referral.due_date,
        state=referral.state,
        reason=reason,
        outcome=outcome,
        person=person.decrypt(sorted(fields)) if person is not None else {},
    )


def _out(
    referral: Referral, *, reason: str | None, outcome: str | None = None, decline_reason: str | None = None
) -> ReferralOut:
    return ReferralOut(
        id=referral.id,
        state=referral.state,
        person_id=referral.person_id,
        from_partner=referral.from_partner,
        to_partner=referral.to_partner,
        service=referral.service,
        urgency=referral.urgency,
        due_date=referral.due_date,
        created_at=referral.created_at,
        history=list(referral.history),
        reason=reason,
        outcome=outcome,
        decline_reason=decline_reason,
    )


def _texts(person: OpenPerson, stored: StoredReferral) -> tuple[str | None, str | None, str | None]:
    """Reason, outcome and decline reason, opened with the person's key."""
    rid = stored.referral.id

    def text(blob: bytes | None, part: str) -> str | None:
        return person.cipher.decrypt(_sealed_field(rid, part), blob) if blob else None

    return text(stored.reason, "reason"), text(stored.outcome, "outcome"), text(stored.decline_reason, "decline")


async def _open_texts(
    agency: Agency, tx: Executor, tenant_id: str, stored: StoredReferral
) -> tuple[str | None, str | None, str | None, OpenPerson | None]:
    """The texts and the opened person; ``None`` for all once the person was erased."""
    try:
        person = await open_person(agency, tx, tenant_id, stored.referral.person_id)
    except NotFound:
        return None, None, None, None
    return (*_texts(person, stored), person)


async def _involved(tx: Executor, principal: Principal, referral_id: str) -> StoredReferral:
    stored = await Referrals(tx, principal.tenant_id).get(referral_id, for_update=True)
    if stored is None or principal.partner_id not in (stored.referral.from_partner, stored.referral.to_partner):
        raise NotFound("no such referral")
    if principal.role not in CASE_ROLES:
        raise Forbidden("working on referrals needs the role reception, caseworker or partner_admin")
    return stored


async def read_referral(agency: Agency, principal: Principal, referral_id: str) -> ReferralOut:
    """The referral for one of its two offices; the receiver's first look records ``received``."""
    async with agency.db.transaction() as tx:
        stored = await _involved(tx, principal, referral_id)
        referral = stored.referral
        if referral.state is ReferralState.SENT and principal.partner_id == referral.to_partner:
            moved = referral.receive(now(), principal.subject)
            await _store(agency, tx, principal, referral, moved)
            referral = moved
        reason, outcome, decline_reason, _ = await _open_texts(agency, tx, principal.tenant_id, stored)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="referral.read",
            person_id=referral.person_id,
            purpose=f"referral {referral.id}",
        )
        return _out(referral, reason=reason, outcome=outcome, decline_reason=decline_reason)


async def _store(
    agency: Agency,
    tx: Executor,
    principal: Principal,
    before: Referral,
    after: Referral,
    *,
    outcome: bytes | None = None,
    decline_reason: bytes | None = None,
) -> None:
    if not await Referrals(tx, principal.tenant_id).save(before, after, outcome=outcome, decline_reason=decline_reason):
        raise Conflict("the referral was changed by someone else; reload it")
    await _events(agency, tx, principal.tenant_id, after, after.new_steps(before), kind=None)


async def act(
    agency: Agency, principal: Principal, referral_id: str, kind: str, text: str | None = None
) -> ReferralOut:
    """accept | decline (reason) | start | complete (outcome) by the receiver; revoke by the sender."""
    at = now()
    async with agency.db.transaction() as tx:
        stored = await _involved(tx, principal, referral_id)
        referral = stored.referral
        receiver = principal.partner_id == referral.to_partner
        sender = principal.partner_id == referral.from_partner
        if kind == "revoke" and not sender:
            raise Forbidden("only the sending office can revoke a referral")
        if kind != "revoke" and not receiver:
            raise Forbidden(f"only the receiving office can {kind} a referral")
        if kind in ("decline", "complete") and not (text and text.strip()):
            field = "reason" if kind == "decline" else "outcome"
            raise InvalidInput(f"{kind} needs a {field}", {field: "required"})
        moves = {
            "accept": referral.accept,
            "decline": referral.decline,
            "start": referral.start,
            "complete": referral.complete,
            "revoke": referral.revoke,
        }
        after = moves[kind](at, principal.subject)
        reason, outcome, decline_reason, person = await _open_texts(agency, tx, principal.tenant_id, stored)
        sealed_text = None
        if text and person is not None:
            part = "decline" if kind == "decline" else "outcome"
            sealed_text = person.cipher.encrypt(_sealed_field(referral.id, part), text.strip())
        await _store(
            agency,
            tx,
            principal,
            referral,
            after,
            outcome=sealed_text if kind == "complete" else None,
            decline_reason=sealed_text if kind == "decline" else None,
        )
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action=f"referral.{kind}",
            person_id=referral.person_id,
            purpose=f"referral {referral.id}",
        )
    written = text.strip() if text and person is not None else None
    return _out(
        after,
        reason=reason,
        outcome=written if kind == "complete" else outcome,
        decline_reason=written if kind == "decline" else decline_reason,
    )


def _cursor(created_at: dt.datetime, referral_id: str) -> str:
    return base64.urlsafe_b64encode(f"{created_at.isoformat()}|{referral_id}".encode()).decode()


def _parse_cursor(cursor: str) -> tuple[dt.datetime, str]:
    try:
        at, rid = base64.urlsafe_b64decode(cursor.encode()).decode().split("|", 1)
        return dt.datetime.fromisoformat(at), rid
    except (ValueError, UnicodeDecodeError):
        raise InvalidInput("the page cursor is not one this API returned", {"after": "malformed"}) from None


def _box_filter(box: str, state: str | None) -> ReferralState | None:
    """Check a box request: ``inbox`` or ``outbox``, and a state of the state machine if one is asked for."""
    if box not in ("inbox", "outbox"):
        raise InvalidInput("box must be inbox or outbox", {"box": "unknown box"})
    try:
        return ReferralState(state) if state else None
    except ValueError:
        allowed = ", ".join(s.value for s in ReferralState)
        raise InvalidInput(f"state must be one of {allowed}", {"state": "unknown state"}) from None


async def list_box(
    agency: Agency, principal: Principal, *, box: str, state: str | None, limit: int, after: str | None
) -> ReferralPage:
    """The partner's inbox or outbox, oldest first, with a cursor for the next page (no texts: ids and states)."""
    wanted = _box_filter(box, state)
    after_at, after_id = _parse_cursor(after) if after else (None, "")
    rows = await Referrals(agency.db, principal.tenant_id).box(
        partner_id=principal.partner_id,
        inbox=box == "inbox",
        state=wanted,
        limit=limit,
        after_created=after_at,
        after_id=after_id,
    )
    items = [
        ReferralOut(
            id=r["id"],
            state=ReferralState(r["state"]),
            person_id=r["person_id"],
            from_partner=r["from_partner"],
            to_partner=r["to_partner"],
            service=r["service"],
            urgency=Urgency(r["urgency"]),
            due_date=as_date(r["due_date"]),
            created_at=as_datetime(r["created_at"]),
        )
        for r in rows
    ]
    following = _cursor(items[-1].created_at, items[-1].id) if len(items) == limit else None
    return ReferralPage(items=items, next=following)


async def plugin_view(
    agency: Agency, tenant_id: str, partner_id: str, plugin: str, referral_id: str
) -> ReferralView | None:
    """The view a partner's plugin gets: the consented person fields (audited like any read)."""
    _, directory = await agency.tenant(tenant_id)
    partner = directory.get(partner_id)
    async with agency.db.transaction() as tx:
        stored = await Referrals(tx, tenant_id).get(referral_id)
        if stored is None or partner is None:
            return None
        reason, outcome, _, person = await _open_texts(agency, tx, tenant_id, stored)
        if person is None:
            return _plugin_view(stored.referral, None, (), reason=None)
        principal = partner_principal(tenant_id, partner_id, f"plugin:{plugin}")
        allowed = await visible_fields(agency, tx, principal, person)
        await audit.record(  # reason and outcome are the person's matters even when no field is visible
            tx,
            tenant_id,
            principal=principal,
            action="referral.plugin_view",
            person_id=stored.referral.person_id,
            bases=allowed,
            purpose=f"referral {referral_id}",
        )
        return _plugin_view(stored.referral, person, allowed, reason=reason, outcome=outcome)


async def plugin_acts(
    agency: Agency, tenant_id: str, partner_id: str, plugin: str, referral_id: str, kind: ActionKind, text: str
) -> None:
    """Carry out a plugin's answer as its partner office, through the same transitions and checks."""
    principal = partner_principal(tenant_id, partner_id, f"plugin:{plugin}")
    await act(agency, principal, referral_id, kind.value, text or None)


async def notice(agency: Agency, tenant_id: str, referral_id: str, kind: EventType, mark: str) -> None:
    """A deadline notice (reminder to the receiver, overdue to the sender), sent once per referral."""
    async with agency.db.transaction() as tx:
        repo = Referrals(tx, tenant_id)
        stored = await repo.get(referral_id, for_update=True)
        if stored is None or not await repo.mark(referral_id, mark, now()):
            return  # gone, or another worker keeping deadlines sent this notice already
        await _events(agency, tx, tenant_id, stored.referral, (), kind=kind)


async def expire(agency: Agency, tenant_id: str, referral_id: str) -> None:
    async with agency.db.transaction() as tx:
        repo = Referrals(tx, tenant_id)
        stored = await repo.get(referral_id, for_update=True)
        if stored is None or stored.referral.state not in UNANSWERED_STATES:
            return
        after = stored.referral.expire(now())
        if await repo.save(stored.referral, after):
            await repo.mark(referral_id, "escalated_at", now())
            await _events(agency, tx, tenant_id, after, after.new_steps(stored.referral), kind=None)


class ReferralFigures(Schema, frozen=True):
    """For the council report: no personal data, only counts and mean durations per office and state."""

    partner: str
    state: ReferralState
    referrals: int
    mean_hours_to_acceptance: float | None = None
    mean_hours_to_completion: float | None = None


async def referral_figures(
    agency: Agency, principal: Principal, since: dt.date, until: dt.date
) -> list[ReferralFigures]:
    if principal.role not in (Role.TENANT_ADMIN, Role.AUDITOR, Role.PARTNER_ADMIN):
        raise Forbidden("the figures need the role tenant_admin, auditor or partner_admin")
    start = dt.datetime.combine(since, dt.time(), dt.UTC)
    end = dt.datetime.combine(until, dt.time(), dt.UTC) + dt.timedelta(days=1)
    rows = await Referrals(agency.db, principal.tenant_id).figures(start, end)

    def hours(seconds: Any) -> float | None:
        return round(float(seconds) / 3600, 2) if seconds is not None else None

    return [
        ReferralFigures(
            partner=r["to_partner"],
            state=ReferralState(r["state"]),
            referrals=int(r["referrals"]),
            mean_hours_to_acceptance=hours(r["mean_seconds_to_acceptance"]),
            mean_hours_to_completion=hours(r["mean_seconds_to_completion"]),
        )
        for r in rows
    ]


async def referrals_of_person(tx: Executor, tenant_id: str, person: OpenPerson) -> list[ReferralOut]:
    """Every referral about the person with its texts (for the person's own Art. 15 copy)."""
    repo = Referrals(tx, tenant_id)
    found = []
    for referral_id in await repo.of_person(person.id):
        stored = await repo.get(referral_id)
        if stored is not None:
            reason, outcome, decline_reason = _texts(person, stored)
            found.append(_out(stored.referral, reason=reason, outcome=outcome, decline_reason=decline_reason))
    return found


class BoxEntry(Schema, frozen=True):
    """One line of an office's inbox or outbox on the staff screens: ids, states and times, no texts."""

    id: str
    state: ReferralState
    person_id: str
    from_partner: str
    to_partner: str
    service: str
    urgency: Urgency
    due_date: dt.date
    created_at: dt.datetime
    updated_at: dt.datetime


async def latest_in_box(
    agency: Agency, principal: Principal, *, box: str, state: str | None, limit: int = 200
) -> list[BoxEntry]:
    """The office's inbox or outbox, the most recently changed first (the screens' view of ``list_box``)."""
    if principal.role not in CASE_ROLES:
        raise Forbidden("referral boxes need the role reception, caseworker or partner_admin")
    wanted = _box_filter(box, state)
    rows = await Referrals(agency.db, principal.tenant_id).latest(
        partner_id=principal.partner_id, inbox=box == "inbox", state=wanted, limit=limit
    )
    return [
        BoxEntry(
            id=r["id"],
            state=ReferralState(r["state"]),
            person_id=r["person_id"],
            from_partner=r["from_partner"],
            to_partner=r["to_partner"],
            service=r["service"],
            urgency=Urgency(r["urgency"]),
            due_date=as_date(r["due_date"]),
            created_at=as_datetime(r["created_at"]),
            updated_at=as_datetime(r["updated_at"]),
        )
        for r in rows
    ]

"""Referrals between offices: the state machine of a closed loop, and the events it records."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Any

from msgspec.structs import replace

from core.domain.base import Schema
from core.domain.errors import Conflict


class ReferralState(StrEnum):
    SENT = "sent"
    RECEIVED = "received"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    REVOKED = "revoked"
    EXPIRED = "expired"


class Urgency(StrEnum):
    NORMAL = "normal"
    URGENT = "urgent"
    IMMEDIATE = "immediate"


DEFAULT_DAYS_TO_ANSWER: dict[Urgency, int] = {Urgency.NORMAL: 14, Urgency.URGENT: 3, Urgency.IMMEDIATE: 1}
"""The due date when the sender names none: how long the receiving office has for the whole referral."""

_S = ReferralState
TRANSITIONS: dict[ReferralState, frozenset[ReferralState]] = {
    _S.SENT: frozenset({_S.RECEIVED, _S.ACCEPTED, _S.DECLINED, _S.REVOKED, _S.EXPIRED}),
    _S.RECEIVED: frozenset({_S.ACCEPTED, _S.DECLINED, _S.REVOKED, _S.EXPIRED}),
    _S.ACCEPTED: frozenset({_S.IN_PROGRESS, _S.COMPLETED, _S.REVOKED}),
    _S.IN_PROGRESS: frozenset({_S.COMPLETED, _S.REVOKED}),
    _S.DECLINED: frozenset(),
    _S.COMPLETED: frozenset(),
    _S.REVOKED: frozenset(),
    _S.EXPIRED: frozenset(),
}
"""``sent → received → accepted | declined → in_progress → completed``; the sender may revoke before
completion; an unanswered referral expires at its due date. Accepting or declining straight from
``sent`` records ``received`` first, so the history always shows when the office had it."""

UNANSWERED_STATES = (_S.SENT, _S.RECEIVED)
"""Expire at the due date."""
IN_HAND_STATES = (_S.ACCEPTED, _S.IN_PROGRESS)
"""Past the due date, the sender is told once (``referral.overdue``)."""


class Step(Schema, frozen=True):
    """One entry of a referral's history."""

    state: ReferralState
    at: dt.datetime
    actor: str


class Referral(Schema, frozen=True):
    """A referral as the domain sees it. Reason and outcome are personal data: sealed in storage."""

    id: str
    person_id: str
    from_partner: str
    to_partner: str
    service: str
    urgency: Urgency
    due_date: dt.date
    state: ReferralState
    created_at: dt.datetime
    history: tuple[Step, ...] = ()
    revision: int = 1

    def _move(self, target: ReferralState, at: dt.datetime, actor: str) -> Referral:
        allowed = TRANSITIONS[self.state]
        if target not in allowed:
            options = ", ".join(sorted(s.value for s in allowed)) or "none (the referral is closed)"
            raise Conflict(f"a {self.state.value} referral cannot become {target.value}; allowed: {options}")
        return replace(self, state=target, history=(*self.history, Step(state=target, at=at, actor=actor)))

    def receive(self, at: dt.datetime, actor: str) -> Referral:
        return self._move(_S.RECEIVED, at, actor)

    def accept(self, at: dt.datetime, actor: str) -> Referral:
        return self._received_first(at, actor)._move(_S.ACCEPTED, at, actor)

    def decline(self, at: dt.datetime, actor: str) -> Referral:
        return self._received_first(at, actor)._move(_S.DECLINED, at, actor)

    def start(self, at: dt.datetime, actor: str) -> Referral:
        return self._move(_S.IN_PROGRESS, at, actor)

    def complete(self, at: dt.datetime, actor: str) -> Referral:
        return self._move(_S.COMPLETED, at, actor)

    def revoke(self, at: dt.datetime, actor: str) -> Referral:
        return self._move(_S.REVOKED, at, actor)

    def expire(self, at: dt.datetime, actor: str = "system:deadline") -> Referral:
        return self._move(_S.EXPIRED, at, actor)

    def _received_first(self, at: dt.datetime, actor: str) -> Referral:
        return self.receive(at, actor) if self.state is _S.SENT else self

    def new_steps(self, before: Referral) -> tuple[Step, ...]:
        """The steps this referral has beyond ``before`` (each becomes one bus event)."""
        return self.history[len(before.history) :]


class EventType(StrEnum):
    """What the bus carries: one event per state change, plus deadline notices."""

    SENT = "referral.sent"
    RECEIVED = "referral.received"
    ACCEPTED = "referral.accepted"
    DECLINED = "referral.declined"
    IN_PROGRESS = "referral.in_progress"
    COMPLETED = "referral.completed"
    REVOKED = "referral.revoked"
    EXPIRED = "referral.expired"
    REMINDER = "referral.reminder"
    OVERDUE = "referral.overdue"


def event_type(state: ReferralState) -> EventType:
    return EventType(f"referral.{state.value}")


class ReferralEvent(Schema, frozen=True):
    """A bus event: ids and states only, never personal data. Receivers fetch the consented view."""

    id: str
    type: EventType
    tenant: str
    referral_id: str
    from_partner: str
    to_partner: str
    service: str
    state: ReferralState
    occurred_at: dt.datetime


class ReferralView(Schema, frozen=True):
    """What a partner plugin is shown of a referral: its own consented view of the person, nothing more."""

    referral_id: str
    person_id: str
    from_partner: str
    to_partner: str
    service: str
    urgency: Urgency
    due_date: dt.date
    state: ReferralState
    reason: str | None = None
    outcome: str | None = None
    person: dict[str, Any] = {}


class ActionKind(StrEnum):
    ACCEPT = "accept"
    DECLINE = "decline"
    START = "start"
    COMPLETE = "complete"


class ReferralAction(Schema, frozen=True):
    """A plugin's answer to an event: the core carries it out as that partner, through the same rules."""

    kind: ActionKind
    text: str = ""
    """The reason of a decline or the outcome of a completion."""


class Eligibility(Schema, frozen=True):
    """A plugin's pre-check of a referral to one of its services."""

    eligible: bool
    reason: str = ""

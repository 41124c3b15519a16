"""Reception, queue and appointments: visits, tickets, bookable slots, appointments and invitations."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.base import Schema

ConcernId = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{1,39}/[a-z][a-z0-9_]{1,39}$")]
"""A concern is a service of a partner: ``<partner>/<service>`` (e.g. ``jobcenter/arbeitsvermittlung``)."""


class Suggestion(Schema, frozen=True):
    """One triage answer: a service that may fit a described concern, with why."""

    partner: str
    service: str
    score: Annotated[float, msgspec.Meta(ge=0.0, le=1.0)]
    reason: str


class VisitOutcome(StrEnum):
    OPEN = "open"
    RESOLVED = "resolved"  # solved at the desk
    TICKET = "ticket"  # waits for a partner's backoffice
    REFERRAL = "referral"
    APPOINTMENT = "appointment"


class TicketState(StrEnum):
    WAITING = "waiting"
    CALLED = "called"
    DONE = "done"
    NO_SHOW = "no_show"


class AppointmentState(StrEnum):
    BOOKED = "booked"
    CANCELLED = "cancelled"
    ATTENDED = "attended"
    NO_SHOW = "no_show"


class Slot(Schema, frozen=True):
    """One bookable unit of a partner's capacity: a time, a room, one member of staff."""

    id: str
    partner_id: str
    start: dt.datetime
    end: dt.datetime
    room: str = ""


class AppointmentView(Schema, frozen=True):
    """What an invitation shows: when, where, with whom, what to bring, and the check-in code.

    ``person_name`` is the person's name as the inviting office may see it; ``language`` is the
    person's language (de, en, ar, ku) for the letter.
    """

    id: str
    code: str
    partner_id: str
    service: str
    start: dt.datetime
    end: dt.datetime
    room: str
    location_name: str
    location_address: str
    language: str
    person_name: str
    required_documents: tuple[str, ...] = ()
    state: AppointmentState = AppointmentState.BOOKED

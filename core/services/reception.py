"""The reception desk: check a visitor in, suggest offices, solve at the desk or queue them, call tickets."""

from __future__ import annotations

import datetime as dt
from typing import Annotated
from zoneinfo import ZoneInfo

import msgspec

from core import audit
from core.access import CASE_ROLES
from core.crypto.tenant_box import TenantBox
from core.domain.base import Schema
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.partner import LANGUAGES
from core.domain.reception import ConcernId, Suggestion, TicketState, VisitOutcome
from core.domain.staff import Principal, Role
from core.plugins import PartnerDirectory
from core.services.agency import Agency
from core.services.consents import receipt_digest
from core.services.persons import open_person, visible_fields
from core.services.triage import triage
from core.storage.engine import Executor
from core.storage.person_store import Consents
from core.storage.reception_store import Appointments, Tickets, Visits
from core.storage.repositories import as_datetime

DESK_NOTES = "desk notes"
LOCAL = ZoneInfo("Europe/Berlin")


class VisitCreate(Schema, frozen=True):
    """A check-in: a known person, the code of an invitation or consent receipt, or nobody yet."""

    language: str
    person_id: str | None = None
    code: str | None = None
    concerns: list[ConcernId] = []
    text: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class VisitOut(Schema, frozen=True):
    id: str
    person_id: str | None
    suggestions: list[Suggestion]
    appointment_id: str | None = None


class ResolveBody(Schema, frozen=True):
    note: Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]


class TicketCreate(Schema, frozen=True):
    visit_id: str
    partner: str


class TicketOut(Schema, frozen=True):
    id: str
    number: str
    partner: str
    state: TicketState


class CallBody(Schema, frozen=True):
    counter: Annotated[str, msgspec.Meta(min_length=1, max_length=20)]


class CalledTicket(Schema, frozen=True):
    number: str
    counter: str


class Board(Schema, frozen=True):
    """The waiting-room display: ticket numbers and counters only, never a name."""

    called: list[CalledTicket]
    waiting: int


def _require_desk(principal: Principal) -> None:
    if principal.role not in CASE_ROLES:
        raise Forbidden("the desk needs the role reception, caseworker or partner_admin")


def _check_concerns(concerns: list[str], directory: PartnerDirectory) -> None:
    unknown = []
    for concern in concerns:
        partner_id, _, service_id = concern.partition("/")
        partner = directory.get(partner_id)
        if partner is None or partner.service(service_id) is None:
            unknown.append(concern)
    if unknown:
        raise InvalidInput(f"unknown concerns: {', '.join(unknown)}", {"concerns": "unknown partner/service"})


async def check_in(agency: Agency, principal: Principal, body: VisitCreate) -> VisitOut:
    """Record a visit; with free text, the partners' triage suggests offices, best first."""
    _require_desk(principal)
    if body.language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", {"language": "unsupported"})
    _, directory = await agency.tenant(principal.tenant_id)
    _check_concerns(body.concerns, directory)
    suggestions = await triage(agency, principal.tenant_id, body.text, body.language) if body.text.strip() else []
    async with agency.db.transaction() as tx:
        person_id, appointment_id = body.person_id, None
        if body.code:
            person_id, appointment_id = await _person_by_code(tx, principal.tenant_id, body.code)
        if person_id is not None:
            person = await open_person(agency, tx, principal.tenant_id, person_id)
            if not await visible_fields(agency, tx, principal, person):
                raise NotFound("no such person")
        visit_id = await Visits(tx, principal.tenant_id).add(
            person_id=person_id, concerns=list(body.concerns), language=body.language, outcome=VisitOutcome.OPEN.value
        )
        if appointment_id is not None:
            await Appointments(tx, principal.tenant_id).set_state(appointment_id, "attended")
        if person_id is not None:
            await audit.record(
                tx,
                principal.tenant_id,
                principal=principal,
                action="visit.check_in",
                person_id=person_id,
                purpose=f"visit {visit_id}",
            )
    return VisitOut(id=visit_id, person_id=person_id, suggestions=suggestions, appointment_id=appointment_id)


class VisitView(Schema, frozen=True):
    """A visit as the desk sees it again after the check-in (the visitor's own words are not kept)."""

    id: str
    person_id: str | None
    concerns: list[str]
    language: str
    outcome: VisitOutcome
    checked_in_at: dt.datetime


async def read_visit(agency: Agency, principal: Principal, visit_id: str) -> VisitView:
    """A visit, for an office that may see its visitor (a visit without a record: for any desk)."""
    _require_desk(principal)
    async with agency.db.transaction() as tx:
        row = await Visits(tx, principal.tenant_id).get(visit_id)
        if row is None:
            raise NotFound("no such visit")
        if row["person_id"] is not None:
            person = await open_person(agency, tx, principal.tenant_id, str(row["person_id"]))
            if not await visible_fields(agency, tx, principal, person):
                raise NotFound("no such visit")
    return VisitView(
        id=str(row["id"]),
        person_id=row["person_id"],
        concerns=list(msgspec.json.decode(row["concerns"])) if row["concerns"] else [],
        language=str(row["language"]),
        outcome=VisitOutcome(row["outcome"]),
        checked_in_at=as_datetime(row["checked_in_at"]),
    )


async def close_visit_of(tx: Executor, tenant_id: str, visit_id: str, person_id: str, outcome: VisitOutcome) -> None:
    """Close the desk's visit a referral or appointment came from: it must be this person's visit."""
    visits = Visits(tx, tenant_id)
    visit = await visits.get(visit_id)
    if visit is None or visit["person_id"] != person_id:
        raise InvalidInput("the visit is not this person's visit", {"visit_id": "another person's visit"})
    await visits.close(visit_id, outcome.value)


async def _person_by_code(tx: Executor, tenant_id: str, code: str) -> tuple[str, str | None]:
    """An invitation code (checks the appointment in) or a consent receipt code finds the person."""
    cleaned = code.strip().upper()
    appointment = await Appointments(tx, tenant_id).by_code(cleaned)
    if appointment is not None and appointment["state"] == "booked":
        return str(appointment["person_id"]), str(appointment["id"])
    consent_id = await Consents(tx, tenant_id).by_receipt(receipt_digest(cleaned))
    if consent_id is not None:
        found = await Consents(tx, tenant_id).get(consent_id)
        if found is not None:
            return found[0].person_id, None
    raise NotFound("no appointment or receipt with this code")


async def resolve_visit(agency: Agency, principal: Principal, visit_id: str, note: str) -> None:
    """Solved at the desk. The note may say things about the person: it is sealed with the person's own
    key when the visitor is known (so erasure shreds it too), else with the tenant's desk-note key."""
    _require_desk(principal)
    async with agency.db.transaction() as tx:
        visits = Visits(tx, principal.tenant_id)
        visit = await visits.get(visit_id)
        if visit is None:
            raise NotFound("no such visit")
        if visit["person_id"] is not None:
            person = await open_person(agency, tx, principal.tenant_id, str(visit["person_id"]))
            sealed = person.cipher.encrypt(f"visit/{visit_id}/note", note.strip())
        else:
            box = TenantBox(agency.keyring.provider(principal.tenant_id).index_key(), DESK_NOTES)
            sealed = box.seal(principal.tenant_id, visit_id, note.strip())
        if not await visits.close(visit_id, VisitOutcome.RESOLVED.value, sealed):
            raise Conflict("the visit has been closed already")
        if visit["person_id"] is not None:
            await audit.record(
                tx,
                principal.tenant_id,
                principal=principal,
                action="visit.resolve",
                person_id=str(visit["person_id"]),
                purpose=f"visit {visit_id}",
            )


def ticket_prefix(partner_id: str, directory: PartnerDirectory) -> str:
    """The letter(s) before a ticket number: the partner's initial, two letters when initials clash."""
    others = [p.id for p in directory.partners() if p.id != partner_id]
    for length in (1, 2, 3):
        prefix = partner_id[:length].upper()
        if not any(other[:length].upper() == prefix for other in others):
            return prefix
    return partner_id.upper()


async def issue_ticket(agency: Agency, principal: Principal, body: TicketCreate) -> TicketOut:
    _require_desk(principal)
    _, directory = await agency.tenant(principal.tenant_id)
    if body.partner not in directory:
        raise InvalidInput(f"{body.partner!r} is not a partner of this county", {"partner": "unknown partner"})
    today = dt.datetime.now(dt.UTC).date()
    async with agency.db.transaction() as tx:
        visits = Visits(tx, principal.tenant_id)
        if await visits.get(body.visit_id) is None:
            raise NotFound("no such visit")
        tickets = Tickets(tx, principal.tenant_id)
        number = f"{ticket_prefix(body.partner, directory)}-{await tickets.next_number(body.partner, today):03d}"
        ticket_id = await tickets.add(visit_id=body.visit_id, partner_id=body.partner, day=today, number=number)
        await visits.close(body.visit_id, VisitOutcome.TICKET.value)
    return TicketOut(id=ticket_id, number=number, partner=body.partner, state=TicketState.WAITING)


async def call_ticket(agency: Agency, principal: Principal, ticket_id: str, counter: str) -> TicketOut:
    _require_desk(principal)
    async with agency.db.transaction() as tx:
        tickets = Tickets(tx, principal.tenant_id)
        row = await tickets.get(ticket_id)
        if row is None:
            raise NotFound("no such ticket")
        if not await tickets.call(ticket_id, counter):
            raise Conflict(f"ticket {row['number']} is {row['state']}, not waiting")
    return TicketOut(id=ticket_id, number=str(row["number"]), partner=str(row["partner_id"]), state=TicketState.CALLED)


async def board(agency: Agency, tenant_id: str) -> Board:
    """For the public display: no token, so nothing but numbers and counters."""
    await agency.tenant(tenant_id)
    called, waiting = await Tickets(agency.db, tenant_id).board(dt.datetime.now(dt.UTC).date())
    return Board(called=[CalledTicket(number=r["number"], counter=r["counter"]) for r in called], waiting=waiting)


class PartnerSteering(Schema, frozen=True):
    partner: str
    tickets: int
    mean_minutes_waiting: float | None
    appointments: int
    no_show_rate: float | None
    mean_days_request_to_appointment: float | None


class SteeringFigures(Schema, frozen=True):
    """Figures for steering visitor flows — counts and durations only, no personal data."""

    since: dt.date
    until: dt.date
    visitors: int
    visitors_per_day: dict[str, int]
    visitors_per_hour: dict[str, int]
    solved_at_desk_share: float | None
    partners: list[PartnerSteering]


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 2) if values else None


async def steering_figures(agency: Agency, principal: Principal, since: dt.date, until: dt.date) -> SteeringFigures:
    if principal.role not in (Role.TENANT_ADMIN, Role.AUDITOR, Role.PARTNER_ADMIN):
        raise Forbidden("the figures need the role tenant_admin, auditor or partner_admin")
    start = dt.datetime.combine(since, dt.time(), dt.UTC)
    end = dt.datetime.combine(until, dt.time(), dt.UTC) + dt.timedelta(days=1)
    visits = await Visits(agency.db, principal.tenant_id).between(start, end)
    tickets = await Tickets(agency.db, principal.tenant_id).waits(start, end)
    appointments = await Appointments(agency.db, principal.tenant_id).requested_between(start, end)
    per_day: dict[str, int] = {}
    per_hour: dict[str, int] = {}
    for row in visits:
        local = as_datetime(row["checked_in_at"]).astimezone(LOCAL)
        per_day[local.date().isoformat()] = per_day.get(local.date().isoformat(), 0) + 1
        per_hour[f"{local.hour:02d}"] = per_hour.get(f"{local.hour:02d}", 0) + 1
    closed = [r for r in visits if r["outcome"] != "open"]
    solved = sum(1 for r in closed if r["outcome"] == "resolved")
    partners: dict[str, dict[str, list[float]]] = {}
    for row in tickets:
        entry = partners.setdefault(row["partner_id"], {"wait": [], "tickets": [], "days": [], "shows": [], "apps": []})
        entry["tickets"].append(1)
        if row["called_at"] is not None:
            waited = as_datetime(row["called_at"]) - as_datetime(row["checked_in_at"])
            entry["wait"].append(waited.total_seconds() / 60)
    for row in appointments:
        entry = partners.setdefault(row["partner_id"], {"wait": [], "tickets": [], "days": [], "shows": [], "apps": []})
        entry["apps"].append(1)
        entry["days"].append((as_datetime(row["starts_at"]) - as_datetime(row["requested_at"])).total_seconds() / 86400)
        if row["state"] in ("attended", "no_show"):
            entry["shows"].append(1.0 if row["state"] == "no_show" else 0.0)
    return SteeringFigures(
        since=since,
        until=until,
        visitors=len(visits),
        visitors_per_day=dict(sorted(per_day.items())),
        visitors_per_hour=dict(sorted(per_hour.items())),
        solved_at_desk_share=round(solved / len(closed), 3) if closed else None,
        partners=[
            PartnerSteering(
                partner=pid,
                tickets=len(e["tickets"]),
                mean_minutes_waiting=_mean(e["wait"]),
                appointments=len(e["apps"]),
                no_show_rate=_mean(e["shows"]),
                mean_days_request_to_appointment=_mean(e["days"]),
            )
            for pid, e in sorted(partners.items())
        ],
    )

"""Capacity and appointments: partners publish slots (single or by rule, with exceptions), the desk books them."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Annotated
from zoneinfo import ZoneInfo

import msgspec

from core import audit
from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.partner import LANGUAGES, Partner
from core.domain.reception import AppointmentState, AppointmentView, VisitOutcome
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.services.persons import open_person, visible_fields
from core.services.reception import close_visit_of
from core.storage.engine import DuplicateKey
from core.storage.reception_store import Appointments, Slots
from core.storage.repositories import as_datetime

LOCAL = ZoneInfo("Europe/Berlin")
MAX_SLOTS_PER_RULE = 2000
_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
HHMM = Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class SlotRule(Schema, frozen=True):
    """Recurring capacity: on these weekdays (0 = Monday), from ``start_time`` to ``end_time`` local time,
    slots of ``minutes`` each, one per room (a room stands for one member of staff), between two dates,
    except on the listed dates (holidays, training days)."""

    weekdays: list[Annotated[int, msgspec.Meta(ge=0, le=6)]]
    start_time: HHMM
    end_time: HHMM
    minutes: Annotated[int, msgspec.Meta(ge=5, le=480)]
    first_day: dt.date
    last_day: dt.date
    rooms: list[Annotated[str, msgspec.Meta(min_length=1, max_length=40)]]
    exceptions: list[dt.date] = []


class SlotCreate(Schema, frozen=True):
    """Either one slot (``start``, ``end``, ``room``; ISO 8601 with offset) or a ``rule``."""

    start: dt.datetime | None = None
    end: dt.datetime | None = None
    room: str = ""
    rule: SlotRule | None = None


class SlotOut(Schema, frozen=True):
    id: str
    start: dt.datetime
    end: dt.datetime
    room: str


class SlotsCreated(Schema, frozen=True):
    id: str
    created: int
    ids: list[str]


class AppointmentCreate(Schema, frozen=True):
    person_id: str
    partner: str
    service: str
    slot_id: str
    language: str = "de"
    visit_id: str | None = None


class AppointmentOut(Schema, frozen=True):
    id: str
    code: str
    state: AppointmentState
    partner: str
    service: str
    slot_id: str
    start: dt.datetime


def _slot_times(rule: SlotRule) -> list[tuple[dt.datetime, dt.datetime, str]]:
    if rule.last_day < rule.first_day:
        raise InvalidInput("last_day must not be before first_day", {"rule.last_day": "before first_day"})
    start_t, end_t = dt.time.fromisoformat(rule.start_time), dt.time.fromisoformat(rule.end_time)
    if end_t <= start_t:
        raise InvalidInput("end_time must be after start_time", {"rule.end_time": "not after start_time"})
    skip, days = set(rule.exceptions), set(rule.weekdays)
    found: list[tuple[dt.datetime, dt.datetime, str]] = []
    day = rule.first_day
    while day <= rule.last_day:
        if day.weekday() in days and day not in skip:
            at = dt.datetime.combine(day, start_t, LOCAL)
            closing = dt.datetime.combine(day, end_t, LOCAL)
            while at + dt.timedelta(minutes=rule.minutes) <= closing:
                end = at + dt.timedelta(minutes=rule.minutes)
                found += [(at.astimezone(dt.UTC), end.astimezone(dt.UTC), room) for room in rule.rooms]
                if len(found) > MAX_SLOTS_PER_RULE:
                    raise InvalidInput(
                        f"the rule makes more than {MAX_SLOTS_PER_RULE} slots; publish a shorter period",
                        {"rule": "too many slots"},
                    )
                at = end
        day += dt.timedelta(days=1)
    return found


async def _partner(agency: Agency, principal: Principal, partner_id: str) -> Partner:
    _, directory = await agency.tenant(principal.tenant_id)
    partner = directory.get(partner_id)
    if partner is None:
        raise NotFound("no such partner")
    return partner


async def publish_slots(agency: Agency, principal: Principal, partner_id: str, body: SlotCreate) -> SlotsCreated:
    """A partner's administrator publishes capacity for their own office."""
    if principal.role is not Role.PARTNER_ADMIN or principal.partner_id != partner_id:
        raise Forbidden("only the office's partner_admin publishes its slots")
    await _partner(agency, principal, partner_id)
    if body.rule is not None:
        times = _slot_times(body.rule)
    elif body.start is not None and body.end is not None:
        if body.start.tzinfo is None or body.end.tzinfo is None:
            raise InvalidInput(
                "start and end need a UTC offset, e.g. 2026-12-01T09:00:00+01:00", {"start": "no offset"}
            )
        if body.end <= body.start:
            raise InvalidInput("end must be after start", {"end": "not after start"})
        times = [(body.start.astimezone(dt.UTC), body.end.astimezone(dt.UTC), body.room)]
    else:
        raise InvalidInput("give start and end, or a rule", {"start": "required", "rule": "or this"})
    async with agency.db.transaction() as tx:
        slots = Slots(tx, principal.tenant_id)
        ids = [await slots.add(partner_id=partner_id, start=s, end=e, room=r) for s, e, r in times]
    return SlotsCreated(id=ids[0] if ids else "", created=len(ids), ids=ids)


async def free_slots(
    agency: Agency, principal: Principal, partner_id: str, since: dt.datetime, until: dt.datetime
) -> list[SlotOut]:
    await _partner(agency, principal, partner_id)
    if until <= since or until - since > dt.timedelta(days=93):
        raise InvalidInput("ask for at most three months, with to after from", {"to": "range"})
    rows = await Slots(agency.db, principal.tenant_id).free(partner_id, max(since, dt.datetime.now(dt.UTC)), until)
    return [
        SlotOut(id=r["id"], start=as_datetime(r["starts_at"]), end=as_datetime(r["ends_at"]), room=r["room"])
        for r in rows
    ]


def _code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(8))
    return f"{raw[:4]}-{raw[4:]}"


async def book(agency: Agency, principal: Principal, body: AppointmentCreate) -> AppointmentOut:
    """Book a slot for a person; 409 when someone else booked it first (the database decides)."""
    if principal.role not in CASE_ROLES:
        raise Forbidden("booking needs the role reception, caseworker or partner_admin")
    partner = await _partner(agency, principal, body.partner)
    if partner.service(body.service) is None:
        raise InvalidInput(f"{partner.id!r} offers no service {body.service!r}", {"service": "not offered"})
    if body.language not in LANGUAGES:
        raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", {"language": "unsupported"})
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, body.person_id)
        if not await visible_fields(agency, tx, principal, person):
            raise NotFound("no such person")
        slot = await Slots(tx, principal.tenant_id).get(body.slot_id)
        if slot is None or slot["partner_id"] != partner.id:
            raise InvalidInput("the slot is not one of this office's slots", {"slot_id": "unknown slot"})
        starts = as_datetime(slot["starts_at"])
        if starts < dt.datetime.now(dt.UTC):
            raise InvalidInput("the slot lies in the past", {"slot_id": "in the past"})
        code = _code()
        try:
            appointment_id = await Appointments(tx, principal.tenant_id).add(
                person_id=body.person_id,
                partner_id=partner.id,
                service=body.service,
                slot_id=body.slot_id,
                code=code,
                language=body.language,
                starts_at=starts,
                visit_id=body.visit_id,
                booked_by=principal.partner_id,
            )
        except DuplicateKey:
            raise Conflict("the slot has just been booked by someone else; choose another") from None
        if body.visit_id is not None:
            await close_visit_of(tx, principal.tenant_id, body.visit_id, body.person_id, VisitOutcome.APPOINTMENT)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="appointment.book",
            person_id=body.person_id,
            purpose=f"appointment {appointment_id} at {partner.id}",
        )
    return AppointmentOut(
        id=appointment_id,
        code=code,
        state=AppointmentState.BOOKED,
        partner=partner.id,
        service=body.service,
        slot_id=body.slot_id,
        start=starts,
    )


async def _appointment(agency: Agency, principal: Principal, appointment_id: str) -> dict[str, object]:
    """An appointment for the office it is with or the office that booked it (the desk); 404 for others."""
    row = await Appointments(agency.db, principal.tenant_id).get(appointment_id)
    if row is None or principal.role not in CASE_ROLES:
        raise NotFound("no such appointment")
    if principal.partner_id not in (row["partner_id"], row["booked_by"]):
        raise NotFound("no such appointment")
    return row


async def change_state(agency: Agency, principal: Principal, appointment_id: str, state: AppointmentState) -> None:
    """cancel | no-show (recorded by the office) | attended (check-in with the code)."""
    row = await _appointment(agency, principal, appointment_id)
    async with agency.db.transaction() as tx:
        if not await Appointments(tx, principal.tenant_id).set_state(appointment_id, state.value):
            raise Conflict(f"the appointment is {row['state']}, not booked")
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action=f"appointment.{state.value}",
            person_id=str(row["person_id"]),
            purpose=f"appointment {appointment_id}",
        )


async def reschedule(agency: Agency, principal: Principal, appointment_id: str, slot_id: str) -> AppointmentOut:
    row = await _appointment(agency, principal, appointment_id)
    async with agency.db.transaction() as tx:
        slot = await Slots(tx, principal.tenant_id).get(slot_id)
        if slot is None or slot["partner_id"] != row["partner_id"]:
            raise InvalidInput("the slot is not one of this office's slots", {"slot_id": "unknown slot"})
        starts = as_datetime(slot["starts_at"])
        try:
            moved = await Appointments(tx, principal.tenant_id).move(appointment_id, slot_id, starts)
        except DuplicateKey:
            raise Conflict("the slot has just been booked by someone else; choose another") from None
        if not moved:
            raise Conflict(f"the appointment is {row['state']}, not booked")
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="appointment.reschedule",
            person_id=str(row["person_id"]),
            purpose=f"appointment {appointment_id}",
        )
    return AppointmentOut(
        id=appointment_id,
        code=str(row["code"]),
        state=AppointmentState.BOOKED,
        partner=str(row["partner_id"]),
        service=str(row["service"]),
        slot_id=slot_id,
        start=starts,
    )


async def invitation_view(
    agency: Agency, principal: Principal, appointment_id: str
) -> tuple[AppointmentView, Partner, str | None]:
    """The letter's content, and the person's e-mail address — each only as the booking office may see it."""
    row = await _appointment(agency, principal, appointment_id)
    partner = await _partner(agency, principal, str(row["partner_id"]))
    service = partner.service(str(row["service"]))
    language = str(row["language"])
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, str(row["person_id"]))
        allowed = await visible_fields(agency, tx, principal, person)
        shown = [f for f in ("given_names", "family_name", "email") if f in allowed]
        names = person.decrypt(shown)
        email = names.pop("email", None)
        slot = await Slots(tx, principal.tenant_id).get(str(row["slot_id"]))
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="appointment.invitation",
            person_id=str(row["person_id"]),
            bases={f: allowed[f] for f in shown},
            purpose=f"invitation {appointment_id}",
        )
    location = partner.locations[0] if partner.locations else None
    documents = service.required_documents.get(language) or service.required_documents.get("de", ()) if service else ()
    view = AppointmentView(
        id=appointment_id,
        code=str(row["code"]),
        partner_id=partner.id,
        service=str(row["service"]),
        start=as_datetime(slot["starts_at"]) if slot else as_datetime(row["starts_at"]),
        end=as_datetime(slot["ends_at"]) if slot else as_datetime(row["starts_at"]),
        room=str(slot["room"]) if slot else "",
        location_name=location.name if location else partner.names.get(language, partner.names["de"]),
        location_address=location.address if location else "",
        language=language,
        person_name=" ".join(str(names[f]) for f in ("given_names", "family_name") if f in names),
        required_documents=tuple(documents),
        state=AppointmentState(str(row["state"])),
    )
    return view, partner, str(email) if email else None


def reminder_principal(tenant_id: str, partner_id: str) -> Principal:
    """Reminders go out as the office the appointment is with (what it may see decides the letter)."""
    return Principal(tenant_id=tenant_id, partner_id=partner_id, role=Role.CASEWORKER, subject="system:reminders")


MAX_CALENDAR_DAYS = 31


class CalendarEntry(Schema, frozen=True):
    """One line of an office's calendar: a slot, free or with an appointment (code, service, state, person id).

    No personal data: the person is named by the pseudonymous id only. ``may_change`` says whether
    the viewer's office may cancel it or record a no-show (the office it is with, or the one that booked it).
    """

    slot_id: str
    start: dt.datetime
    end: dt.datetime
    room: str
    appointment_id: str | None = None
    code: str = ""
    service: str = ""
    state: AppointmentState | None = None
    person_id: str | None = None
    may_change: bool = False


async def calendar(
    agency: Agency, principal: Principal, partner_id: str, since: dt.datetime, until: dt.datetime
) -> list[CalendarEntry]:
    """An office's slots and appointments starting in ``[since, until)``, by time and room.

    An office's own staff see its calendar, the reception desk every office's (of appointments it did
    not book only that the slot is taken, for which service); others get 403.
    A slot with a live appointment (booked, attended, no-show) is one line; a cancelled appointment
    is a line of its own next to its slot, which is free again.
    """
    if principal.role not in CASE_ROLES:
        raise Forbidden("the calendar needs the role reception, caseworker or partner_admin")
    if principal.partner_id != partner_id and principal.role is not Role.RECEPTION:
        raise Forbidden("an office sees its own calendar; the reception desk sees every office's")
    await _partner(agency, principal, partner_id)
    if until <= since or until - since > dt.timedelta(days=MAX_CALENDAR_DAYS):
        raise InvalidInput(f"ask for at most {MAX_CALENDAR_DAYS} days, with to after from", {"to": "range"})
    async with agency.db.transaction() as tx:
        slots = await Slots(tx, principal.tenant_id).between(partner_id, since, until)
        booked = await Appointments(tx, principal.tenant_id).of_partner_between(partner_id, since, until)
    times = {str(s["id"]): (as_datetime(s["starts_at"]), as_datetime(s["ends_at"]), str(s["room"])) for s in slots}
    entries: list[CalendarEntry] = []
    taken: set[str] = set()
    for a in booked:
        slot_id = str(a["slot_id"])
        start, end, room = times.get(slot_id) or (as_datetime(a["starts_at"]), as_datetime(a["starts_at"]), "")
        state = AppointmentState(str(a["state"]))
        if state is not AppointmentState.CANCELLED:
            taken.add(slot_id)
        # The desk plans with every office's calendar, but who comes to another office's appointment it
        # did not book is that office's business (the API answers 404 for it): booked, nothing more.
        ours = principal.partner_id in (partner_id, str(a["booked_by"]))
        entries.append(
            CalendarEntry(
                slot_id=slot_id,
                start=start,
                end=end,
                room=room,
                appointment_id=str(a["id"]),
                code=str(a["code"]) if ours else "",
                service=str(a["service"]),
                state=state,
                person_id=str(a["person_id"]) if ours else None,
                may_change=ours and state is AppointmentState.BOOKED,
            )
        )
    entries += [
        CalendarEntry(slot_id=slot_id, start=start, end=end, room=room)
        for slot_id, (start, end, room) in times.items()
        if slot_id not in taken
    ]
    return sorted(entries, key=lambda e: (e.start, e.room, e.state is AppointmentState.CANCELLED))

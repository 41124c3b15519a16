"""The appointment calendar: an office's week of slots and appointments; cancel, no-show, and publish slots.

The page shows appointment codes, services and the pseudonymous person id (a link to the person's
page, which decides itself what may be seen) — never a name, so nothing personal is read or logged
for the calendar. ``?partner=…&week=YYYY-Www`` in the URL carries no personal data.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Annotated, Any
from urllib.parse import urlencode

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.errors import AgenturError, InvalidInput
from core.domain.reception import AppointmentState
from core.domain.staff import Role
from core.i18n import LOCAL_TIME, N_
from core.services import appointments
from core.web.ui.context import (
    Problem,
    StaffContext,
    agency_of,
    page,
    problem_of,
    read_form,
    status_of,
)
from core.web.ui.templating import gettext_for

WEEK = re.compile(r"^(\d{4})-W(\d{2})$")
HHMM = appointments.HHMM
Room = Annotated[str, msgspec.Meta(max_length=40)]

STATES = {
    "free": N_("Free"),
    AppointmentState.BOOKED.value: N_("Booked"),
    AppointmentState.CANCELLED.value: N_("Cancelled"),
    AppointmentState.ATTENDED.value: N_("Attended"),
    AppointmentState.NO_SHOW.value: N_("Did not come"),
}
DONE = {
    "published": N_("The slots are published."),
    "cancelled": N_("The appointment is cancelled; its slot is free again."),
    "no_show": N_("Recorded: the person did not come."),
}
FIELDS = {
    "date": N_("Date"),
    "start": N_("Start time"),
    "start_time": N_("Start time"),
    "end": N_("End time"),
    "end_time": N_("End time"),
    "room": N_("Room"),
    "rooms": N_("Rooms"),
    "weekdays": N_("Weekdays"),
    "minutes": N_("Minutes per appointment"),
    "first_day": N_("First day"),
    "last_day": N_("Last day"),
    "exceptions": N_("Except on"),
    "rule": N_("Weekly slots"),
}


class StateForm(Schema, frozen=True):
    partner: str = ""
    week: str = ""


class SlotForm(Schema, frozen=True):
    partner: str
    week: str = ""
    date: str = ""
    start_time: str = ""
    end_time: str = ""
    room: Room = ""


class RuleForm(Schema, frozen=True):
    partner: str
    week: str = ""
    weekdays: list[str] = []
    start_time: str = ""
    end_time: str = ""
    minutes: str = "30"
    first_day: str = ""
    last_day: str = ""
    rooms: Annotated[str, msgspec.Meta(max_length=400)] = ""
    exceptions: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class _Single(Schema, frozen=True):
    date: dt.date
    start_time: HHMM
    end_time: HHMM
    room: Room = ""


@dataclass(frozen=True)
class Day:
    date: dt.date
    entries: list[appointments.CalendarEntry]


def monday_of(week: str) -> dt.date:
    """The Monday of an ISO week ``YYYY-Www``; this week's when ``week`` is empty or malformed."""
    found = WEEK.fullmatch(week)
    if found:
        try:
            return dt.date.fromisocalendar(int(found.group(1)), int(found.group(2)), 1)
        except ValueError:
            pass
    today = dt.datetime.now(LOCAL_TIME).date()
    return today - dt.timedelta(days=today.weekday())


def week_of(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _convert(values: dict[str, Any], schema: type[Any]) -> Any:
    try:
        return msgspec.convert(values, schema, strict=False)
    except msgspec.ValidationError as exc:
        field = str(exc).rpartition("$.")[2].rstrip("`").split("[")[0] or "form"
        raise InvalidInput(f"the form field {field!r} is missing or invalid", {field: "invalid"}) from None


def single_slot(form: SlotForm) -> appointments.SlotCreate:
    """One slot from the form: a date and two local times."""
    single: _Single = _convert(
        {"date": form.date, "start_time": form.start_time, "end_time": form.end_time, "room": form.room.strip()},
        _Single,
    )
    start = dt.datetime.combine(single.date, dt.time.fromisoformat(single.start_time), LOCAL_TIME)
    end = dt.datetime.combine(single.date, dt.time.fromisoformat(single.end_time), LOCAL_TIME)
    return appointments.SlotCreate(start=start, end=end, room=single.room)


def slot_rule(form: RuleForm) -> appointments.SlotCreate:
    """Weekly slots from the form: rooms separated by commas, exception dates by commas or spaces."""
    rule = {
        "weekdays": form.weekdays,
        "start_time": form.start_time,
        "end_time": form.end_time,
        "minutes": form.minutes,
        "first_day": form.first_day,
        "last_day": form.last_day,
        "rooms": [r.strip() for r in form.rooms.split(",") if r.strip()],
        "exceptions": [d for d in re.split(r"[\s,;]+", form.exceptions) if d],
    }
    if not rule["weekdays"]:
        raise InvalidInput("choose at least one weekday", {"weekdays": "required"})
    if not rule["rooms"]:
        raise InvalidInput("name at least one room", {"rooms": "required"})
    created: appointments.SlotCreate = _convert({"rule": rule}, appointments.SlotCreate)
    return created


class CalendarController(Controller):
    """``/ui/calendar``: the week of one office — the desk may look at every office's, others at their own."""

    path = "/ui/calendar"
    include_in_schema = False

    @get("/", opt={"roles": CASE_ROLES})
    async def week(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        partner: FromQuery[str] = "",
        week: FromQuery[str] = "",
        done: FromQuery[str] = "",
    ) -> Template:
        return await self._week(request, staff, partner, week, done=done)

    async def _week(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        partner: str,
        week: str,
        *,
        done: str = "",
        problem: Problem | None = None,
        status: int = 200,
        single: SlotForm | None = None,
        rule: RuleForm | None = None,
    ) -> Template:
        partner_id = partner if partner in staff.directory else staff.principal.partner_id
        monday = monday_of(week)
        since = dt.datetime.combine(monday, dt.time(0, 0), LOCAL_TIME)
        until = dt.datetime.combine(monday + dt.timedelta(days=7), dt.time(0, 0), LOCAL_TIME)
        entries = await appointments.calendar(
            agency_of(request.app.state),
            staff.principal,
            partner_id,
            since.astimezone(dt.UTC),
            until.astimezone(dt.UTC),
        )
        days = [Day(monday + dt.timedelta(days=i), []) for i in range(7)]
        for entry in entries:
            days[(entry.start.astimezone(LOCAL_TIME).date() - monday).days].entries.append(entry)
        office = staff.directory.get(partner_id)
        services = (
            {s.id: s.names.get(staff.lang) or s.names.get("de") or s.id for s in office.services} if office else {}
        )
        offices = (
            [(p.id, staff.words.partner(p.id)) for p in staff.directory.partners()]
            if staff.role is Role.RECEPTION
            else []
        )
        weekday_names = [staff.words.locale.days["format"]["wide"][i] for i in range(7)]
        template = page(
            request,
            "ui/calendar/week.html",
            staff,
            partner_id=partner_id,
            office_name=staff.words.partner(partner_id),
            offices=offices,
            week=week_of(monday),
            previous_week=week_of(monday - dt.timedelta(days=7)),
            next_week=week_of(monday + dt.timedelta(days=7)),
            this_week=week_of(monday_of("")),
            monday=monday,
            sunday=monday + dt.timedelta(days=6),
            days=days,
            services=services,
            states=STATES,
            done=DONE.get(done),
            problem=problem,
            may_publish=staff.role is Role.PARTNER_ADMIN and staff.principal.partner_id == partner_id,
            weekday_names=weekday_names,
            single=single
            or SlotForm(partner=partner_id, date=monday.isoformat(), start_time="09:00", end_time="09:30"),
            rule=rule
            or RuleForm(
                partner=partner_id,
                weekdays=["0", "1", "2", "3", "4"],
                start_time="09:00",
                end_time="12:00",
                first_day=monday.isoformat(),
                last_day=(monday + dt.timedelta(days=27)).isoformat(),
            ),
        )
        template.status_code = status
        return template

    @post("/appointments/{appointment_id:str}/cancel", opt={"roles": CASE_ROLES})
    async def cancel(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], appointment_id: FromPath[str]
    ) -> Any:
        return await self._change(request, staff, appointment_id, AppointmentState.CANCELLED, "cancelled")

    @post("/appointments/{appointment_id:str}/no-show", opt={"roles": CASE_ROLES})
    async def no_show(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], appointment_id: FromPath[str]
    ) -> Any:
        return await self._change(request, staff, appointment_id, AppointmentState.NO_SHOW, "no_show")

    async def _change(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        appointment_id: str,
        state: AppointmentState,
        done: str,
    ) -> Template | Redirect:
        form = await read_form(request, StateForm)
        try:
            await appointments.change_state(agency_of(request.app.state), staff.principal, appointment_id, state)
        except AgenturError as exc:
            return await self._week(
                request, staff, form.partner, form.week, problem=self._problem(exc, staff), status=status_of(exc)
            )
        return Redirect(path=_back(staff, form.partner, form.week, done))

    @post("/slots", opt={"roles": (Role.PARTNER_ADMIN,)})
    async def publish_one(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]
    ) -> Template | Redirect:
        form = await read_form(request, SlotForm)
        try:
            body = single_slot(form)
            await appointments.publish_slots(agency_of(request.app.state), staff.principal, form.partner, body)
        except AgenturError as exc:
            return await self._week(
                request,
                staff,
                form.partner,
                form.week,
                problem=self._problem(exc, staff),
                status=status_of(exc),
                single=form,
            )
        assert body.start is not None
        return Redirect(path=_back(staff, form.partner, week_of(body.start.date()), "published"))

    @post("/rule", opt={"roles": (Role.PARTNER_ADMIN,)})
    async def publish_rule(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]
    ) -> Template | Redirect:
        form = await read_form(request, RuleForm, lists=("weekdays",))
        try:
            body = slot_rule(form)
            await appointments.publish_slots(agency_of(request.app.state), staff.principal, form.partner, body)
        except AgenturError as exc:
            return await self._week(
                request,
                staff,
                form.partner,
                form.week,
                problem=self._problem(exc, staff),
                status=status_of(exc),
                rule=form,
            )
        assert body.rule is not None
        return Redirect(path=_back(staff, form.partner, week_of(body.rule.first_day), "published"))

    @staticmethod
    def _problem(exc: AgenturError, staff: StaffContext) -> Problem:
        """The problem with the form's own field names in the user's language."""
        found = problem_of(exc)
        gettext = gettext_for(staff.lang)
        names = (f.removeprefix("rule.") for f in found.fields)
        fields = tuple(gettext(FIELDS[f]) if f in FIELDS else f for f in names)
        return Problem(found.text, tuple(dict.fromkeys(fields)))


def _back(staff: StaffContext, partner: str, week: str, done: str) -> str:
    """Back to the week just worked on; only known partner ids and week codes go into the URL."""
    query = {
        "partner": partner if partner in staff.directory else staff.principal.partner_id,
        "week": week if WEEK.fullmatch(week) else week_of(monday_of("")),
        "done": done,
    }
    return f"/ui/calendar?{urlencode(query)}"

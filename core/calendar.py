"""The iCalendar file of an invitation (RFC 5545): one event with a reminder the day before, in UTC."""

from __future__ import annotations

import datetime as dt

import icalendar

from core.domain.reception import AppointmentState, AppointmentView
from core.i18n import join, language_or_default, translations

PRODID = "-//Migrationsagentur//DE"
UID_DOMAIN = "migrationsagentur"
REMIND_BEFORE = dt.timedelta(days=1)


def appointment_uid(appointment_id: str, tenant_id: str) -> str:
    """Stable across re-sends, so a calendar replaces the event instead of adding a second one."""
    return f"{appointment_id}@{tenant_id}.{UID_DOMAIN}"


def where(view: AppointmentView) -> str:
    """Location, room and address in one line, as calendars show it (``Landratsamt, Raum 2.14, Domplatz 1``)."""
    gettext = translations(language_or_default(view.language)).gettext
    parts = [view.location_name]
    if view.room:
        parts.append(gettext("Room %(room)s") % {"room": view.room})
    if view.location_address:
        parts.append(view.location_address)
    return join((p for p in parts if p), view.language)


def invitation_ics(
    view: AppointmentView,
    *,
    summary: str,
    organizer_name: str,
    tenant_id: str,
    organizer_email: str | None = None,
    now: dt.datetime | None = None,
) -> bytes:
    """A ``METHOD:PUBLISH`` calendar with the appointment as one event, texts in the person's language.

    ``summary`` is the service and office in the person's language; the description carries the
    check-in code and what to bring (``view.required_documents``, already in that language). A
    cancelled appointment keeps its UID and is published with ``STATUS:CANCELLED``. ``ORGANIZER``
    (a ``mailto:`` address by the standard) is written only when ``organizer_email`` is given;
    ``organizer_name`` is always named in the description.
    """
    language = language_or_default(view.language)
    gettext = translations(language).gettext
    text = {"language": language}
    # Not inside f-strings: pybabel would not find the messages there.
    code_label, office_label, bring_label = gettext("Check-in code"), gettext("Office"), gettext("What to bring")
    lines = [f"{code_label}: {view.code}", f"{office_label}: {organizer_name}"]
    if view.required_documents:
        lines += ["", f"{bring_label}:", *(f"- {doc}" for doc in view.required_documents)]
    cancelled = view.state is AppointmentState.CANCELLED

    event = icalendar.Event()
    event.add("uid", appointment_uid(view.id, tenant_id))
    event.add("dtstamp", (now or dt.datetime.now(dt.UTC)).astimezone(dt.UTC))
    event.add("dtstart", _utc(view.start))
    event.add("dtend", _utc(view.end))
    event.add("summary", summary, parameters=text)
    event.add("location", where(view), parameters=text)
    event.add("description", "\n".join(lines), parameters=text)
    event.add("status", "CANCELLED" if cancelled else "CONFIRMED")
    event.add("class", "PRIVATE")
    event.add("transp", "OPAQUE")
    if organizer_email:
        event.add("organizer", icalendar.vCalAddress(f"mailto:{organizer_email}"), parameters={"cn": organizer_name})
    if not cancelled:
        alarm = icalendar.Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("trigger", -REMIND_BEFORE)
        alarm.add("description", summary)
        event.add_component(alarm)

    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(event)
    ical: bytes = calendar.to_ical()
    return ical


def _utc(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("appointment times must be timezone-aware")
    return value.astimezone(dt.UTC)

"""Invitations: the printable letter in the person's language and the iCalendar file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest
from markupsafe import escape

from core.calendar import PRODID, invitation_ics
from core.domain.partner import Partner
from core.domain.reception import AppointmentState, AppointmentView
from core.i18n import format_date, translations
from core.plugins import Registry, get_plugin_manager
from core.settings import Settings
from core.web.documents import Documents, what_to_bring

CODE = "K7QM-2XRP"
START = dt.datetime(2026, 3, 5, 8, 30, tzinfo=dt.UTC)  # 09:30 in Naumburg (CET)
END = START + dt.timedelta(minutes=30)


@pytest.fixture(scope="module")
def jobcenter() -> Partner:
    registry = Registry.load(get_plugin_manager(Settings(home=Path("/unused"))))
    return registry.partners["jobcenter"].partner


@pytest.fixture(scope="module")
def documents() -> Documents:
    return Documents()


def appointment(language: str, *, documents: tuple[str, ...] = (), **changes: object) -> AppointmentView:
    fields: dict[str, object] = {
        "id": "appt-1",
        "code": CODE,
        "partner_id": "jobcenter",
        "service": "buergergeld",
        "start": START,
        "end": END,
        "room": "E.12",
        "location_name": "Jobcenter Burgenlandkreis, Standort Naumburg",
        "location_address": "Weißenfelser Straße 198, 06618 Naumburg (Saale)",
        "language": language,
        "person_name": "Amina Haddad",
        "required_documents": documents,
    }
    fields.update(changes)
    return AppointmentView(**fields)  # type: ignore[arg-type]


def test_arabic_letter_is_right_to_left_with_code_and_qr(documents: Documents, jobcenter: Partner) -> None:
    html = documents.invitation(appointment("ar"), jobcenter, "ar", tenant_name="Burgenlandkreis")
    ar = translations("ar").gettext
    assert '<html lang="ar" dir="rtl">' in html
    assert str(escape(jobcenter.names["ar"])) in html
    assert f"<dd>{escape(jobcenter.names['de'])}</dd>" not in html  # the office is named in Arabic
    assert str(escape(jobcenter.services[0].names["ar"])) in html  # the service, in Arabic
    assert ar("Invitation to your appointment") in html
    assert "Invitation to your appointment" not in html
    assert f'<span class="code" dir="ltr">{CODE}</span>' in html
    assert "<svg" in html
    assert f"<title>{escape(ar('QR code with your check-in code'))}</title>" in html
    assert format_date(START, "ar", "full") in html
    for document in what_to_bring(jobcenter, "buergergeld", "ar"):  # from the declaration: the view has none
        assert str(escape(document)) in html
    assert "E.12" in html
    assert "Weißenfelser Straße 198" in html
    assert '<bdi class="mono" dir="ltr">03445 0000-200</bdi>' in html  # whom to call to cancel or move it
    assert "Burgenlandkreis" in html


@pytest.mark.parametrize("language", ["de", "ku"])
def test_letter_in_german_and_kurmanji(documents: Documents, jobcenter: Partner, language: str) -> None:
    html = documents.invitation(appointment(language), jobcenter, language, tenant_name="Burgenlandkreis")
    gettext = translations(language).gettext
    assert f'<html lang="{language}" dir="ltr">' in html
    for msgid in ("Invitation to your appointment", "What to bring", "Check-in code", "If you cannot come"):
        assert gettext(msgid) != msgid
        assert str(escape(gettext(msgid))) in html
    assert "09:30" in html  # German local time, not UTC
    assert "10:00" in html
    assert "08:30" not in html
    assert str(escape(jobcenter.names[language])) in html
    assert CODE in html
    assert "<svg" in html


def test_german_letter_reads_as_german(documents: Documents, jobcenter: Partner) -> None:
    html = documents.invitation(appointment("de"), jobcenter, "de", tenant_name="Burgenlandkreis")
    assert "Donnerstag, 5. März 2026" in html
    assert "Personalausweis oder Reisepass mit Aufenthaltstitel" in html
    assert "rufen Sie bitte so früh wie möglich die Stelle an" in html


def test_the_views_documents_win_and_what_staff_typed_is_escaped(documents: Documents, jobcenter: Partner) -> None:
    view = appointment("en", documents=("Payslips <March>",), person_name="<b>Amina</b>")
    html = documents.invitation(view, jobcenter, "en", tenant_name="Burgenlandkreis")
    assert "Payslips &lt;March&gt;" in html
    assert "Identity card or passport" not in html
    assert "<b>Amina" not in html
    assert "&lt;b&gt;Amina" in html
    assert "9:30" in html
    assert "http://" not in html  # no external resources: the SVG is inline
    assert "https://" not in html


def test_without_documents_or_phone_the_letter_says_so(documents: Documents, jobcenter: Partner) -> None:
    bare = jobcenter.__class__(
        id="beratung",
        names={lang: "Beratung" for lang in ("de", "en", "ar", "ku")},
        kind=jobcenter.kind,
    )
    html = documents.invitation(
        appointment("ku", partner_id="beratung", service="none", room=""), bare, "ku", tenant_name="Burgenlandkreis"
    )
    ku = translations("ku").gettext
    assert str(escape(ku("Nothing besides this letter."))) in html
    msgid = (
        "If you cannot come or need another time, "
        "please tell the reception desk of the migration agency as early as possible."
    )
    assert str(escape(ku(msgid))) in html
    assert f"<dt>{ku('Room')}</dt>" not in html


def test_ics_parses_back_with_the_appointment() -> None:
    view = appointment("de", documents=("Reisepass", "Mietvertrag"))
    data = invitation_ics(
        view,
        summary="Bürgergeld – Jobcenter Burgenlandkreis",
        organizer_name="Jobcenter Burgenlandkreis",
        tenant_id="burgenlandkreis",
        organizer_email="jobcenter@burgenlandkreis.example",
    )
    assert all(len(line) <= 75 for line in data.split(b"\r\n"))  # folded per RFC 5545
    calendar = icalendar.Calendar.from_ical(data)
    assert str(calendar["PRODID"]) == PRODID
    assert str(calendar["VERSION"]) == "2.0"
    assert str(calendar["METHOD"]) == "PUBLISH"
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 1
    event = events[0]
    assert str(event["UID"]) == "appt-1@burgenlandkreis.migrationsagentur"
    assert event.decoded("DTSTART") == START
    assert event.decoded("DTSTART").utcoffset() == dt.timedelta(0)
    assert event.decoded("DTEND") == END
    assert b"DTSTART:20260305T083000Z" in data
    assert "DTSTAMP" in event
    assert str(event["SUMMARY"]) == "Bürgergeld – Jobcenter Burgenlandkreis"
    location = str(event["LOCATION"])
    assert "Jobcenter Burgenlandkreis, Standort Naumburg" in location
    assert "Raum E.12" in location
    description = str(event["DESCRIPTION"])
    assert f"Anmeldecode: {CODE}" in description
    assert "- Reisepass" in description
    assert "- Mietvertrag" in description
    assert str(event["ORGANIZER"]) == "mailto:jobcenter@burgenlandkreis.example"
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == -dt.timedelta(days=1)


def test_ics_of_an_arabic_invitation_and_of_a_cancelled_appointment() -> None:
    view = appointment("ar", state=AppointmentState.CANCELLED)
    data = invitation_ics(view, summary="موعد", organizer_name="جهة", tenant_id="burgenlandkreis")
    event = next(iter(icalendar.Calendar.from_ical(data).walk("VEVENT")))
    assert translations("ar").gettext("Check-in code") in str(event["DESCRIPTION"])
    assert str(event["STATUS"]) == "CANCELLED"
    assert "ORGANIZER" not in event
    assert not list(event.walk("VALARM"))


def test_ics_refuses_naive_times() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        invitation_ics(
            appointment("de", start=START.replace(tzinfo=None)), summary="x", organizer_name="y", tenant_id="t"
        )

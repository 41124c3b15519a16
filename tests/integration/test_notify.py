"""agentur_notify: e-mail over a real (local) SMTP server, and the printed letter as the default channel."""

from __future__ import annotations

import datetime as dt
import email
import email.policy
import stat
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import icalendar
import pluggy
import pytest

from core import Notification
from core.calendar import invitation_ics
from core.domain.notification import NotificationKind
from core.domain.reception import AppointmentView
from core.letters import letter_path
from core.plugins import get_plugin_manager, maybe_await
from core.settings import Settings
from plugins.email import EmailDeliveryFailed, SmtpSettings
from tests.support_smtp import SENDER, Collector, free_port

RECIPIENT = "amina.haddad@example.org"
START = dt.datetime(2026, 3, 5, 8, 30, tzinfo=dt.UTC)


@pytest.fixture
def no_smtp(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("HOST", "PORT", "USER", "PASSWORD", "FROM", "STARTTLS"):
        monkeypatch.delenv(f"AGENTUR_SMTP_{name}", raising=False)


@pytest.fixture
def pm(tmp_path: Path) -> pluggy.PluginManager:
    return get_plugin_manager(Settings(home=tmp_path))


def ics() -> bytes:
    view = AppointmentView(
        id="appt-1",
        code="K7QM-2XRP",
        partner_id="jobcenter",
        service="buergergeld",
        start=START,
        end=START + dt.timedelta(minutes=30),
        room="E.12",
        location_name="Jobcenter Burgenlandkreis",
        location_address="Weißenfelser Straße 198, 06618 Naumburg (Saale)",
        language="de",
        person_name="Amina Haddad",
    )
    return invitation_ics(view, summary="Bürgergeld – Jobcenter", organizer_name="Jobcenter", tenant_id="blk")


def message(**changes: Any) -> Notification:
    fields: dict[str, Any] = {
        "kind": NotificationKind.INVITATION,
        "tenant_id": "blk",
        "appointment_id": "appt-1",
        "language": "de",
        "subject": "Einladung: Bürgergeld, 5. März 2026",
        "text": "Ihr Termin: Donnerstag, 5. März 2026, 09:30 Uhr.",
        "html": "<!DOCTYPE html><html lang='de'><p>Ihr Termin: 09:30 Uhr</p></html>",
        "channels": ("email", "letter"),
        "recipient_email": RECIPIENT,
        "ics": ics(),
    }
    fields.update(changes)
    return Notification(**fields)


async def notify(pm: pluggy.PluginManager, msg: Notification, home: Path) -> Any:
    return await maybe_await(pm.hook.agentur_notify(message=msg, home=home))


async def test_agentur_notify_sends_email_with_the_calendar_file(
    smtp_server: Collector, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    assert await notify(pm, message(), tmp_path) is True

    assert len(smtp_server.envelopes) == 1
    envelope = smtp_server.envelopes[0]
    assert envelope.rcpt_tos == [RECIPIENT]
    assert envelope.mail_from == SENDER
    assert isinstance(envelope.content, bytes)
    mail = email.message_from_bytes(envelope.content, policy=email.policy.default)
    assert isinstance(mail, EmailMessage)
    assert mail["To"] == RECIPIENT
    assert mail["Subject"] == "Einladung: Bürgergeld, 5. März 2026"
    assert mail["Content-Language"] == "de"
    assert mail.get_content_type() == "multipart/mixed"
    body = mail.get_body(("plain",))
    html = mail.get_body(("html",))
    assert body is not None and "09:30 Uhr" in body.get_content()
    assert html is not None and "<p>Ihr Termin: 09:30 Uhr</p>" in html.get_content()
    attachments = list(mail.iter_attachments())
    assert len(attachments) == 1
    calendar_part = attachments[0]
    assert calendar_part.get_content_type() == "text/calendar"
    assert calendar_part.get_param("method") == "PUBLISH"
    assert calendar_part.get_filename() == "termin.ics"
    payload = calendar_part.get_payload(decode=True)
    assert isinstance(payload, bytes)
    event = next(iter(icalendar.Calendar.from_ical(payload).walk("VEVENT")))
    assert str(event["UID"]) == "appt-1@blk.migrationsagentur"
    assert event.decoded("DTSTART") == START

    assert not (tmp_path / "print-queue").exists()  # e-mail took it: no letter


def assert_letter(home: Path, msg: Notification) -> None:
    path = home / "print-queue" / "blk" / f"appt-1-{msg.kind}.html"
    assert letter_path(home, msg) == path
    assert path.read_text(encoding="utf-8") == msg.html
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temporary file left behind


@pytest.mark.parametrize(
    "changes",
    [{"recipient_email": None}, {"channels": ("letter",)}, {"recipient_email": ""}],
    ids=["no-address", "letter-only", "empty-address"],
)
async def test_agentur_notify_prints_a_letter_when_email_is_not_the_way(
    smtp_server: Collector, pm: pluggy.PluginManager, tmp_path: Path, changes: dict[str, Any]
) -> None:
    msg = message(**changes)
    assert await notify(pm, msg, tmp_path) is True
    assert smtp_server.envelopes == []
    assert_letter(tmp_path, msg)


async def test_without_smtp_settings_the_letter_is_printed(
    no_smtp: None, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    msg = message(kind=NotificationKind.REMINDER)
    assert await notify(pm, msg, tmp_path) is True
    assert_letter(tmp_path, msg)
    again = message(kind=NotificationKind.REMINDER, html="<p>second</p>")
    assert await notify(pm, again, tmp_path) is True  # a re-sent letter replaces the queued one
    assert_letter(tmp_path, again)


async def test_a_failed_email_raises_without_naming_the_person(
    monkeypatch: pytest.MonkeyPatch, pm: pluggy.PluginManager, tmp_path: Path
) -> None:
    monkeypatch.setenv("AGENTUR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AGENTUR_SMTP_PORT", str(free_port()))  # nobody listens there
    monkeypatch.setenv("AGENTUR_SMTP_FROM", SENDER)
    monkeypatch.setenv("AGENTUR_SMTP_STARTTLS", "off")
    with pytest.raises(EmailDeliveryFailed) as failure:
        await notify(pm, message(), tmp_path)
    assert RECIPIENT not in str(failure.value)
    assert "appt-1" in str(failure.value)
    assert failure.value.__suppress_context__
    assert not (tmp_path / "print-queue").exists()  # the caller retries; no letter behind its back


def test_the_message_hides_address_and_texts_in_its_repr() -> None:
    msg = message()
    for shown in (repr(msg), str(msg)):
        assert RECIPIENT not in shown
        assert "09:30" not in shown
        assert "appt-1" in shown


def test_letter_ids_cannot_leave_the_queue(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="plain names"):
        letter_path(tmp_path, message(appointment_id="../../etc/passwd"))
    with pytest.raises(ValueError, match="plain names"):
        letter_path(tmp_path, message(tenant_id=".."))


def test_smtp_settings_from_the_environment() -> None:
    assert SmtpSettings.from_env({}) is None
    with pytest.raises(ValueError, match="AGENTUR_SMTP_FROM"):
        SmtpSettings.from_env({"AGENTUR_SMTP_HOST": "mail.example"})
    with_login = SmtpSettings.from_env(
        {"AGENTUR_SMTP_HOST": "mail.example", "AGENTUR_SMTP_FROM": SENDER, "AGENTUR_SMTP_USER": "u"}
    )
    assert with_login is not None and with_login.start_tls is True  # a password never goes out in the clear
    plain = SmtpSettings.from_env(
        {"AGENTUR_SMTP_HOST": "mail.example", "AGENTUR_SMTP_FROM": SENDER, "AGENTUR_SMTP_PASSWORD": "secret"}
    )
    assert plain is not None and plain.start_tls is None and "secret" not in repr(plain)
    with pytest.raises(ValueError, match="AGENTUR_SMTP_STARTTLS"):
        SmtpSettings.from_env({"AGENTUR_SMTP_HOST": "h", "AGENTUR_SMTP_FROM": SENDER, "AGENTUR_SMTP_STARTTLS": "x"})

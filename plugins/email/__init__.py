"""E-mail as a delivery channel for invitations, reminders and cancellations (``agentur_notify``), over SMTP.

No partner: the plugin declares no ``agentur_partner`` and only answers ``agentur_notify``. The
SMTP server is the agency's, configured for the whole process through ``AGENTUR_SMTP_*``
environment variables (see docs/operators.md, "E-mail"); without ``AGENTUR_SMTP_HOST`` the plugin
stays silent and the letter is printed instead.

Never logged, never in an exception: the recipient's address and the message's texts.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Awaitable, Mapping
from dataclasses import dataclass, field
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from pathlib import Path

import aiosmtplib

from core import Notification, hookimpl

CHANNEL = "email"
ICS_FILENAME = "termin.ics"
TIMEOUT_SECONDS = 30.0
_OFF = ("off", "0", "false", "no")
_ON = ("on", "1", "true", "yes")
_METHOD = re.compile(rb"^METHOD:([A-Z-]+)\r?$", re.MULTILINE)

log = logging.getLogger(__name__)


class EmailDeliveryFailed(RuntimeError):
    """The SMTP server could not be reached or did not take the message; retry later.

    The text names the appointment and the kind of failure (and the server's reply code) — never the
    address, which servers quote in their replies.
    """


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    sender: str
    port: int | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    start_tls: bool | None = None
    """``True``: STARTTLS required; ``False``: never; ``None``: when the server offers it."""

    @property
    def implicit_tls(self) -> bool:
        return self.port == 465

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> SmtpSettings | None:
        """The settings, or ``None`` when ``AGENTUR_SMTP_HOST`` is not set (e-mail is off)."""
        env = os.environ if environ is None else environ
        host = env.get("AGENTUR_SMTP_HOST", "").strip()
        if not host:
            return None
        sender = env.get("AGENTUR_SMTP_FROM", "").strip()
        if not sender:
            raise ValueError("AGENTUR_SMTP_HOST is set but AGENTUR_SMTP_FROM (the sender address) is not")
        port_text = env.get("AGENTUR_SMTP_PORT", "").strip()
        try:
            port = int(port_text) if port_text else None
        except ValueError:
            raise ValueError(f"AGENTUR_SMTP_PORT must be a number, not {port_text!r}") from None
        username = env.get("AGENTUR_SMTP_USER") or None
        switch = env.get("AGENTUR_SMTP_STARTTLS", "").strip().lower()
        if switch and switch not in _ON + _OFF:
            raise ValueError(f"AGENTUR_SMTP_STARTTLS must be on or off, not {switch!r}")
        start_tls = True if switch in _ON else False if switch in _OFF else None
        if start_tls is None and username and port != 465:
            start_tls = True  # never send a password where a man in the middle could strip STARTTLS
        return cls(host, sender, port, username, env.get("AGENTUR_SMTP_PASSWORD") or None, start_tls)


def build_email(message: Notification, sender: str) -> EmailMessage:
    """``multipart/alternative`` (text, HTML), inside ``multipart/mixed`` with the ``text/calendar`` file if any."""
    if message.recipient_email is None:
        raise ValueError("the message has no recipient address")
    mail = EmailMessage()
    mail["From"] = sender
    mail["To"] = message.recipient_email
    mail["Subject"] = message.subject
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    domain = sender.rpartition("@")[2].strip(" >") or None
    mail["Message-ID"] = make_msgid(idstring=str(message.kind), domain=domain)
    mail["Auto-Submitted"] = "auto-generated"
    mail.set_content(message.text)
    mail.add_alternative(message.html, subtype="html")
    if message.ics is not None:
        found = _METHOD.search(message.ics)
        method = found.group(1).decode("ascii") if found else "PUBLISH"
        mail.add_attachment(
            message.ics,
            maintype="text",
            subtype="calendar",
            filename=ICS_FILENAME,
            params={"method": method, "charset": "utf-8"},
        )
    mail["Content-Language"] = message.language  # last: set_content() and make_mixed() move Content-* headers
    return mail


async def send(message: Notification, settings: SmtpSettings) -> bool:
    """Send one message; ``True`` once the server took it, else :class:`EmailDeliveryFailed`."""
    mail = build_email(message, settings.sender)
    try:
        await aiosmtplib.send(
            mail,
            hostname=settings.host,
            port=settings.port,
            username=settings.username,
            password=settings.password,
            use_tls=settings.implicit_tls,
            start_tls=False if settings.implicit_tls else settings.start_tls,
            timeout=TIMEOUT_SECONDS,
        )
    except (aiosmtplib.SMTPException, OSError) as exc:
        code = getattr(exc, "code", None)
        reply = f" (server reply {code})" if isinstance(code, int) else ""
        # ``from None``: the original exception quotes the server, and servers quote the address.
        raise EmailDeliveryFailed(
            f"e-mail {message.kind} for appointment {message.appointment_id!r} of tenant "
            f"{message.tenant_id!r} failed: {type(exc).__name__}{reply}"
        ) from None
    log.info(
        "e-mail %s sent for appointment %s of tenant %s", str(message.kind), message.appointment_id, message.tenant_id
    )
    return True


@hookimpl
def agentur_notify(message: Notification, home: Path) -> Awaitable[bool] | None:
    """Mine when the person accepts e-mail, has an address and SMTP is configured; else ``None`` (not a coroutine)."""
    if CHANNEL not in message.channels or not message.recipient_email:
        return None
    settings = SmtpSettings.from_env()
    if settings is None:
        return None
    return send(message, settings)


__all__ = ["EmailDeliveryFailed", "SmtpSettings", "agentur_notify", "build_email", "send"]

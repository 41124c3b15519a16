"""A message to a person — invitation, reminder or cancellation of an appointment — for one delivery channel."""

from __future__ import annotations

from collections.abc import Iterator
from enum import StrEnum

from core.domain.base import Schema


class NotificationKind(StrEnum):
    INVITATION = "invitation"
    REMINDER = "reminder"
    CANCELLATION = "cancellation"


EMAIL = "email"
LETTER = "letter"


class Notification(Schema, frozen=True):
    """One message to one person about one appointment, ready to send: texts are already in ``language``.

    ``channels`` are the channels the person accepts, in the order of preference (``("email",
    "letter")``); a channel plugin answers ``agentur_notify`` only for a channel named here, and the
    core's printed letter answers whatever no other channel took. ``html`` is the printable letter
    (``Documents.invitation``) and the HTML part of an e-mail; ``text`` the plain-text part; ``ics``
    the iCalendar file (``core.calendar.invitation_ics``) or ``None``.

    Personal data: the address and the bodies never appear in ``repr()`` — and so never in a log
    line or a traceback that shows the message.
    """

    kind: NotificationKind
    tenant_id: str
    appointment_id: str
    language: str
    subject: str
    text: str
    html: str
    channels: tuple[str, ...] = (EMAIL, LETTER)
    recipient_email: str | None = None
    ics: bytes | None = None

    def _shown(self) -> Iterator[tuple[str, object]]:
        yield "kind", str(self.kind)
        yield "tenant_id", self.tenant_id
        yield "appointment_id", self.appointment_id
        yield "language", self.language
        yield "channels", self.channels

    def __repr__(self) -> str:
        return "Notification(" + ", ".join(f"{k}={v!r}" for k, v in self._shown()) + ")"

    def __rich_repr__(self) -> list[tuple[str, object]]:
        return list(self._shown())

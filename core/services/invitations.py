"""Invitations: the letter, the calendar file and their delivery, for booking, reminder and cancellation."""

from __future__ import annotations

from typing import Protocol

from core.calendar import invitation_ics
from core.domain.notification import EMAIL, LETTER, Notification, NotificationKind
from core.domain.partner import Partner
from core.domain.reception import AppointmentView
from core.domain.staff import Principal
from core.services.agency import Agency
from core.services.appointments import invitation_view
from core.services.notify import deliver

SUBJECTS = {
    "de": "Ihr Termin bei {office}",
    "en": "Your appointment with {office}",
    "ar": "موعدك لدى {office}",
    "ku": "Randevûya we li {office}",
}


class LetterRenderer(Protocol):
    """What renders the printable letter (``core.web.documents.Documents``), passed in by the caller."""

    def invitation(self, view: AppointmentView, partner: Partner, language: str, *, tenant_name: str) -> str: ...


class Invitation:
    def __init__(self, view: AppointmentView, partner: Partner, html: str, ics: bytes, email: str | None) -> None:
        self.view = view
        self.partner = partner
        self.html = html
        self.ics = ics
        self.email = email


async def compose(agency: Agency, letters: LetterRenderer, principal: Principal, appointment_id: str) -> Invitation:
    view, partner, email = await invitation_view(agency, principal, appointment_id)
    tenant, _ = await agency.tenant(principal.tenant_id)
    html = letters.invitation(view, partner, view.language, tenant_name=tenant.name)
    service = partner.service(view.service)
    service_name = service.names.get(view.language, view.service) if service else view.service
    office = partner.names.get(view.language, partner.id)
    ics = invitation_ics(
        view,
        summary=f"{service_name} – {office}",
        organizer_name=partner.names.get("de", partner.id),
        tenant_id=principal.tenant_id,
    )
    return Invitation(view, partner, html, ics, email)


async def send(
    agency: Agency, letters: LetterRenderer, principal: Principal, appointment_id: str, kind: NotificationKind
) -> bool:
    """Compose and deliver; e-mail where the office may see an address, else the printed letter."""
    invitation = await compose(agency, letters, principal, appointment_id)
    view = invitation.view
    office = invitation.partner.names.get(view.language, invitation.partner.id)
    message = Notification(
        kind=kind,
        tenant_id=principal.tenant_id,
        appointment_id=appointment_id,
        language=view.language,
        subject=SUBJECTS.get(view.language, SUBJECTS["de"]).format(office=office),
        text=f"{office}: {view.start.isoformat()} – {view.location_name} {view.room} – {view.code}",
        html=invitation.html,
        channels=(EMAIL, LETTER) if invitation.email else (LETTER,),
        recipient_email=invitation.email,
        ics=invitation.ics,
    )
    return await deliver(agency, message)

"""Data-subject rights: Art. 15 export of everything held on a person, Art. 17 erasure by crypto-shredding."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import audit
from core.access import Basis
from core.domain.base import Schema
from core.domain.consent import TransferBlock
from core.domain.errors import NotFound
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.services.consents import ConsentView, consent_view, open_terms
from core.services.persons import open_person, require_role
from core.services.referrals import ReferralOut, referrals_of_person
from core.storage.person_store import Consents, Persons, TransferBlocks
from core.storage.reception_store import Appointments
from core.storage.repositories import as_datetime

ART_15 = Basis(statute="DSGVO Art. 15", purpose="Auskunft an die betroffene Person")
"""The basis of an export: the person's right of access, exercised through the county's administrators."""


async def erase_person(agency: Agency, principal: Principal, person_id: str) -> None:
    """GDPR Art. 17: delete the data key and index rows — every copy of the fields becomes unreadable."""
    require_role(principal, Role.TENANT_ADMIN)
    async with agency.db.transaction() as tx:
        if not await Persons(tx, principal.tenant_id).shred(person_id):
            raise NotFound("no such person")
        await audit.record(tx, principal.tenant_id, principal=principal, action="person.erase", person_id=person_id)


class PersonExport(Schema, frozen=True):
    """GDPR Art. 15: everything held on the person, including who looked at it."""

    id: str
    exported_at: dt.datetime
    fields: dict[str, Any]
    consents: list[ConsentView]
    transfer_blocks: list[TransferBlock]
    audit: list[audit.AuditEvent]
    referrals: list[ReferralOut] = []
    appointments: list[AppointmentRecord] = []


class AppointmentRecord(Schema, frozen=True):
    id: str
    partner: str
    service: str
    state: str
    start: dt.datetime


async def export_person(agency: Agency, principal: Principal, person_id: str) -> PersonExport:
    """The data-protection officer's or an administrator's copy for the person; audited."""
    require_role(principal, Role.TENANT_ADMIN, Role.AUDITOR)
    today = dt.date.today()
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, person_id)
        sealed = await Consents(tx, principal.tenant_id).of_person(person_id)
        consents = []
        for record, sealed_terms in sealed:
            opened = open_terms(person, record.id, sealed_terms)
            consents.append(consent_view(record, opened.purpose if opened else "", today))
        blocks = await TransferBlocks(tx, principal.tenant_id).of_person(person_id)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="person.export",
            person_id=person_id,
            bases=dict.fromkeys(sorted(person.stored.ciphertexts), ART_15),
        )
        events = await audit.trail(tx, principal.tenant_id, person_id=person_id, limit=100_000)
        referrals = await referrals_of_person(tx, principal.tenant_id, person)
        appointments = [
            AppointmentRecord(
                id=r["id"],
                partner=r["partner_id"],
                service=r["service"],
                state=r["state"],
                start=as_datetime(r["starts_at"]),
            )
            for r in await Appointments(tx, principal.tenant_id).of_person(person_id)
        ]
        return PersonExport(
            id=person_id,
            exported_at=dt.datetime.now(dt.UTC),
            fields=person.decrypt(sorted(person.stored.ciphertexts)),
            consents=consents,
            transfer_blocks=blocks,
            audit=events,
            referrals=referrals,
            appointments=appointments,
        )

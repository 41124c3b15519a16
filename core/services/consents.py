"""Consents and transfer blocks: the person's word, recorded at the desk, effective at once, audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

import msgspec

from core import audit
from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.consent import CollectionMethod, ConsentRecord, TransferBlock, check_consent_terms
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.staff import Principal
from core.services.agency import Agency
from core.services.persons import OpenPerson, open_person, require_role, visible_fields
from core.storage.engine import Executor
from core.storage.person_store import Consents, TransferBlocks
from core.storage.repositories import new_id, now

_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"


class ConsentView(Schema, frozen=True):
    id: str
    state: str
    partners: list[str]
    fields: list[str]
    purpose: str
    language: str
    method: str
    valid_from: dt.date
    valid_until: dt.date
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None = None


def consent_view(record: ConsentRecord, purpose: str, today: dt.date) -> ConsentView:
    return ConsentView(
        id=record.id,
        state=record.state(today).value,
        partners=list(record.recipients),
        fields=list(record.fields),
        purpose=purpose,
        language=record.language,
        method=record.method.value,
        valid_from=record.valid_from,
        valid_until=record.valid_until,
        given_at=record.given_at,
        withdrawn_at=record.withdrawn_at,
    )


class ConsentTerms(Schema, frozen=True):
    """What the person agreed to, as the desk records it (API body of ``POST …/consents``)."""

    partners: list[str]
    fields: list[str]
    purpose: str
    valid_until: dt.date
    language: str
    method: CollectionMethod
    valid_from: dt.date | None = None
    notice_version: str = ""


class SealedTerms(Schema, frozen=True):
    purpose: str
    receipt_code: str


class RecordedConsent(Schema, frozen=True):
    id: str
    state: str
    receipt_code: str


class Receipt(Schema, frozen=True):
    """Everything the printed receipt shows, in the consent's language."""

    consent: ConsentView
    receipt_code: str
    tenant_name: str
    person: dict[str, Any]


def _receipt_code() -> str:
    raw = "".join(secrets.choice(_CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def receipt_digest(code: str) -> str:
    return hashlib.sha256(code.replace("-", "").upper().encode()).hexdigest()


def _seal_field(consent_id: str) -> str:
    return f"consent/{consent_id}"


def open_terms(person: OpenPerson, consent_id: str, sealed: bytes) -> SealedTerms | None:
    if not sealed:
        return None
    return msgspec.convert(person.cipher.decrypt(_seal_field(consent_id), sealed), SealedTerms)


async def _visible_person(agency: Agency, tx: Executor, principal: Principal, person_id: str) -> OpenPerson:
    person = await open_person(agency, tx, principal.tenant_id, person_id)
    if not await visible_fields(agency, tx, principal, person):
        raise NotFound("no such person")
    return person


async def record_consent(agency: Agency, principal: Principal, person_id: str, terms: ConsentTerms) -> RecordedConsent:
    require_role(principal, *CASE_ROLES)
    _, directory = await agency.tenant(principal.tenant_id)
    today = dt.date.today()
    valid_from = terms.valid_from or today
    check_consent_terms(
        recipients=terms.partners,
        fields=terms.fields,
        purpose=terms.purpose,
        language=terms.language,
        valid_from=valid_from,
        valid_until=terms.valid_until,
        known_partners={p.id for p in directory.partners()},
        catalogue=directory.catalogue,
    )
    if terms.valid_until < today:
        raise InvalidInput("valid_until lies in the past", {"valid_until": "in the past"})
    record = ConsentRecord(
        id=new_id(),
        person_id=person_id,
        recipients=tuple(dict.fromkeys(terms.partners)),
        fields=tuple(dict.fromkeys(terms.fields)),
        purpose="",
        language=terms.language,
        notice_version=terms.notice_version or _notice_version(terms),
        method=terms.method,
        valid_from=valid_from,
        valid_until=terms.valid_until,
        recorded_by=principal.subject,
        given_at=now(),
    )
    code = _receipt_code()
    async with agency.db.transaction() as tx:
        person = await _visible_person(agency, tx, principal, person_id)
        sealed = person.cipher.encrypt(
            _seal_field(record.id), msgspec.to_builtins(SealedTerms(purpose=terms.purpose.strip(), receipt_code=code))
        )
        await Consents(tx, principal.tenant_id).add(record, sealed, receipt_digest(code))
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="consent.given",
            person_id=person_id,
            fields=[f for f in record.fields if f in directory.catalogue],
            purpose=f"consent {record.id} for {', '.join(record.recipients)}",
        )
    return RecordedConsent(id=record.id, state="given", receipt_code=code)


def _notice_version(terms: ConsentTerms) -> str:
    """A hash of the notice the person was shown (its language and terms), when the desk names none."""
    body = msgspec.json.encode([terms.language, sorted(terms.partners), sorted(terms.fields), terms.purpose])
    return hashlib.sha256(body).hexdigest()[:16]


async def list_consents(agency: Agency, principal: Principal, person_id: str) -> list[ConsentView]:
    today = dt.date.today()
    async with agency.db.transaction() as tx:
        person = await _visible_person(agency, tx, principal, person_id)
        views = []
        for record, sealed in await Consents(tx, principal.tenant_id).of_person(person_id):
            opened = open_terms(person, record.id, sealed)
            views.append(consent_view(record, opened.purpose if opened else "", today))
        # the purposes are the person's words: their disclosure is recorded like a field read
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="consent.list",
            person_id=person_id,
            purpose=f"{len(views)} consents",
        )
        return views


async def _consent_of_visible_person(
    agency: Agency, tx: Executor, principal: Principal, consent_id: str
) -> tuple[ConsentRecord, bytes, OpenPerson]:
    found = await Consents(tx, principal.tenant_id).get(consent_id)
    if found is None:
        raise NotFound("no such consent")
    record, sealed = found
    person = await _visible_person(agency, tx, principal, record.person_id)
    return record, sealed, person


async def withdraw_consent(agency: Agency, principal: Principal, consent_id: str) -> ConsentView:
    """Withdrawal acts at once: the next read by any partner no longer sees what it opened."""
    require_role(principal, *CASE_ROLES)
    async with agency.db.transaction() as tx:
        record, sealed, person = await _consent_of_visible_person(agency, tx, principal, consent_id)
        at = now()
        if not await Consents(tx, principal.tenant_id).withdraw(consent_id, at):
            raise Conflict("the consent has been withdrawn already")
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="consent.withdrawn",
            person_id=record.person_id,
            purpose=f"consent {consent_id}",
        )
        opened = open_terms(person, consent_id, sealed)
        return consent_view(record.withdraw(at), opened.purpose if opened else "", dt.date.today())


async def consent_receipt(agency: Agency, principal: Principal, consent_id: str) -> Receipt:
    tenant, _ = await agency.tenant(principal.tenant_id)
    async with agency.db.transaction() as tx:
        record, sealed, person = await _consent_of_visible_person(agency, tx, principal, consent_id)
        opened = open_terms(person, consent_id, sealed)
        if opened is None:
            raise NotFound("no such consent")
        allowed = await visible_fields(agency, tx, principal, person)
        shown = [f for f in ("family_name", "given_names", "birth_date") if f in allowed]
        names = person.decrypt(shown)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="consent.receipt",
            person_id=record.person_id,
            bases={f: allowed[f] for f in shown},
            purpose=f"receipt of consent {consent_id}",
        )
        return Receipt(
            consent=consent_view(record, opened.purpose, dt.date.today()),
            receipt_code=opened.receipt_code,
            tenant_name=tenant.name,
            person=names,
        )


async def add_transfer_block(agency: Agency, principal: Principal, person_id: str, partner_id: str) -> TransferBlock:
    """Record the person's objection to statute-based sharing with ``partner_id``."""
    require_role(principal, *CASE_ROLES)
    _, directory = await agency.tenant(principal.tenant_id)
    if partner_id not in directory:
        raise InvalidInput(f"{partner_id!r} is not a partner of this county", {"partner": "unknown partner"})
    block = TransferBlock(
        id=new_id(), person_id=person_id, partner_id=partner_id, recorded_by=principal.subject, created_at=now()
    )
    async with agency.db.transaction() as tx:
        await _visible_person(agency, tx, principal, person_id)
        blocks = TransferBlocks(tx, principal.tenant_id)
        if any(b.partner_id == partner_id and b.lifted_at is None for b in await blocks.of_person(person_id)):
            raise Conflict(f"sharing with {partner_id!r} is blocked already")
        await blocks.add(block)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="transfer_block.added",
            person_id=person_id,
            purpose=f"block for {partner_id}",
        )
    return block


async def list_transfer_blocks(agency: Agency, principal: Principal, person_id: str) -> list[TransferBlock]:
    async with agency.db.transaction() as tx:
        await _visible_person(agency, tx, principal, person_id)
        return await TransferBlocks(tx, principal.tenant_id).of_person(person_id)


async def lift_transfer_block(agency: Agency, principal: Principal, person_id: str, block_id: str) -> None:
    require_role(principal, *CASE_ROLES)
    async with agency.db.transaction() as tx:
        await _visible_person(agency, tx, principal, person_id)
        blocks = TransferBlocks(tx, principal.tenant_id)
        objected = next((b for b in await blocks.of_person(person_id) if b.id == block_id), None)
        if objected is not None and objected.partner_id == principal.partner_id:
            # The person objected to sharing with this office; that office must not undo it itself.
            raise Forbidden("an objection against your own office can only be lifted by another office")
        if not await blocks.lift(person_id, block_id, now()):
            raise NotFound("no such transfer block")
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="transfer_block.lifted",
            person_id=person_id,
            purpose=f"block {block_id}",
        )

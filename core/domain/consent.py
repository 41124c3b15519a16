"""Consent records (ISO/IEC TS 27560 shape) and transfer blocks: the person's own word on sharing."""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from msgspec.structs import replace

from core.domain.base import Schema
from core.domain.biography import Category, FieldCatalogue, Sensitivity
from core.domain.errors import Conflict, InvalidInput
from core.domain.partner import LANGUAGES


class ConsentState(StrEnum):
    GIVEN = "given"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"


class CollectionMethod(StrEnum):
    IN_PERSON = "in_person"
    WITH_INTERPRETER = "with_interpreter"
    GUARDIAN = "guardian"
    IN_WRITING = "in_writing"


CONTROLLER = "county"
"""The controller of every record is the tenant (the county); recipients are partners."""


class ConsentRecord(Schema, frozen=True):
    """A given consent. Its terms are frozen: a change is a new record; withdrawal acts at once."""

    id: str
    person_id: str
    recipients: tuple[str, ...]
    fields: tuple[str, ...]
    """Field names, or ``category:<name>`` for a whole category (never opens special-category fields)."""
    purpose: str
    language: str
    notice_version: str
    method: CollectionMethod
    valid_from: dt.date
    valid_until: dt.date
    recorded_by: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None = None
    legal_basis: str = "GDPR Art. 6(1)(a)"

    def state(self, today: dt.date) -> ConsentState:
        if self.withdrawn_at is not None:
            return ConsentState.WITHDRAWN
        if today > self.valid_until:
            return ConsentState.EXPIRED
        return ConsentState.GIVEN

    def is_active(self, today: dt.date) -> bool:
        return self.valid_from <= today and self.state(today) is ConsentState.GIVEN

    def covers(self, partner_id: str, field: str, catalogue: FieldCatalogue) -> bool:
        """Whether this consent lets ``partner_id`` see ``field`` (activity is checked separately)."""
        if partner_id not in self.recipients:
            return False
        if field in self.fields:
            return True
        spec = catalogue[field]
        return spec.sensitivity is not Sensitivity.SPECIAL and f"category:{spec.category.value}" in self.fields

    def withdraw(self, at: dt.datetime) -> ConsentRecord:
        if self.withdrawn_at is not None:
            raise Conflict("the consent has been withdrawn already")
        return replace(self, withdrawn_at=at)


def check_consent_terms(
    *,
    recipients: list[str],
    fields: list[str],
    purpose: str,
    language: str,
    valid_from: dt.date,
    valid_until: dt.date,
    known_partners: set[str],
    catalogue: FieldCatalogue,
) -> None:
    """Every problem with the terms of a new consent, reported at once as a 422."""
    errors: dict[str, str] = {}
    if not recipients:
        errors["partners"] = "name at least one partner"
    elif unknown := [p for p in recipients if p not in known_partners]:
        errors["partners"] = f"not partners of this county: {', '.join(unknown)}"
    categories = {c.value for c in Category}
    bad_fields = [
        f
        for f in fields
        if not (f in catalogue or (f.startswith("category:") and f.removeprefix("category:") in categories))
    ]
    if not fields:
        errors["fields"] = "name at least one field or category:<name>"
    elif bad_fields:
        errors["fields"] = f"unknown fields or categories: {', '.join(bad_fields)}"
    if not purpose.strip():
        errors["purpose"] = "state the purpose the person agreed to"
    elif len(purpose) > 500:
        errors["purpose"] = "at most 500 characters"
    if language not in LANGUAGES:
        errors["language"] = f"the notice language must be one of {', '.join(LANGUAGES)}"
    if valid_until < valid_from:
        errors["valid_until"] = "must not be before valid_from"
    elif (valid_until - valid_from).days > 3 * 366:
        errors["valid_until"] = "a consent may run for at most three years; record a new one to renew"
    if errors:
        raise InvalidInput("the consent terms are incomplete: " + ", ".join(errors), errors)


class TransferBlock(Schema, frozen=True):
    """The person objects to statute-based sharing with ``partner_id``; consent still works."""

    id: str
    person_id: str
    partner_id: str
    recorded_by: str
    created_at: dt.datetime
    lifted_at: dt.datetime | None = None

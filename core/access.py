"""The policy decision point: the only place that decides who may see or write which biography field.

For one field, one reader, one purpose (ARCHITECTURE §4)::

    visible = field in partner.grants
              and role(user) permits that category
              and (grant.basis is a statute that applies to this person and no transfer block applies
                   or an active consent covers (partner, field))
              and (field is not special or the consent names it explicitly)

The answer names the basis of every permitted field (a statute, or the consent id), which is
what the audit trail records.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from enum import StrEnum
from typing import Any

from core.domain.base import Schema
from core.domain.biography import Category, FieldCatalogue, Sensitivity
from core.domain.consent import ConsentRecord, TransferBlock
from core.domain.partner import Partner
from core.domain.staff import Principal, Role

EU_EEA_CH = frozenset(
    [
        "AT",
        "BE",
        "BG",
        "HR",
        "CY",
        "CZ",
        "DK",
        "EE",
        "FI",
        "FR",
        "DE",
        "GR",
        "HU",
        "IE",
        "IT",
        "LV",
        "LT",
        "LU",
        "MT",
        "NL",
        "PL",
        "PT",
        "RO",
        "SK",
        "SI",
        "ES",
        "SE",
        "IS",
        "LI",
        "NO",
        "CH",
    ]
)
"""Citizens of these states have free movement (FreizügG/EU), so AZRG-based grants do not apply to them."""


class Mode(StrEnum):
    READ = "read"
    WRITE = "write"


_ALL = frozenset(Category)
_DESK = frozenset({Category.IDENTITY, Category.CONTACT, Category.LANGUAGE})
ROLE_CATEGORIES: Mapping[Role, Mapping[Mode, frozenset[Category]]] = {
    Role.RECEPTION: {Mode.READ: _DESK, Mode.WRITE: _DESK},
    Role.CASEWORKER: {Mode.READ: _ALL, Mode.WRITE: _ALL},
    Role.PARTNER_ADMIN: {Mode.READ: _ALL, Mode.WRITE: _ALL},
    Role.TENANT_ADMIN: {Mode.READ: frozenset(), Mode.WRITE: frozenset()},
    Role.AUDITOR: {Mode.READ: frozenset(), Mode.WRITE: frozenset()},
}
"""Which categories each staff role works with. Reception routes visitors: who they are, how to reach
them, which language to speak. Administrators and auditors manage and check; they read no biographies."""


CASE_ROLES = (Role.RECEPTION, Role.CASEWORKER, Role.PARTNER_ADMIN)
"""The roles that work on cases: record consents and blocks, send and answer referrals."""


class PersonFacts(Schema, frozen=True):
    """What the decision needs to know about the person (decrypted internally, never returned)."""

    free_movement: bool


def facts_from(values: Mapping[str, Any]) -> PersonFacts:
    """Free movement from the residence status or a nationality of the EU/EEA/Switzerland."""
    nationalities = values.get("nationality") or []
    eu = values.get("residence_status") == "eu_citizen" or any(n in EU_EEA_CH and n != "DE" for n in nationalities)
    return PersonFacts(free_movement=eu)


FACT_FIELDS = ("residence_status", "nationality")
"""The fields ``facts_from`` reads."""


class Basis(Schema, frozen=True):
    """Why one field may be used: a statute citation or a consent id, with the grant's purpose."""

    statute: str | None = None
    consent_id: str | None = None
    purpose: str = ""

    def label(self) -> str:
        return self.statute if self.statute else f"consent:{self.consent_id}"


def decide(
    *,
    principal: Principal,
    partner: Partner,
    catalogue: FieldCatalogue,
    facts: PersonFacts,
    consents: Iterable[ConsentRecord],
    blocks: Iterable[TransferBlock],
    fields: Iterable[str],
    mode: Mode = Mode.READ,
    today: dt.date | None = None,
) -> dict[str, Basis]:
    """The fields of ``fields`` that ``principal`` may read (or write), each with its basis."""
    today = today or dt.date.today()
    if principal.partner_id != partner.id:
        return {}
    permitted_categories = ROLE_CATEGORIES[principal.role][mode]
    active = [c for c in consents if c.is_active(today)]
    blocked = any(b.partner_id == partner.id and b.lifted_at is None for b in blocks)
    allowed: dict[str, Basis] = {}
    for field in fields:
        grant = partner.grant_for(field)
        if grant is None or field not in catalogue:
            continue
        if mode is Mode.WRITE and not grant.write:
            continue
        spec = catalogue[field]
        if spec.category not in permitted_categories:
            continue
        special = spec.sensitivity is Sensitivity.SPECIAL
        statute_applies = not (grant.excludes_free_movement and facts.free_movement)
        if grant.is_statutory and statute_applies and not special and not blocked:
            allowed[field] = Basis(statute=grant.basis, purpose=grant.purpose)
            continue
        for consent in active:
            if consent.covers(partner.id, field, catalogue) and (not special or field in consent.fields):
                allowed[field] = Basis(consent_id=consent.id, purpose=grant.purpose)
                break
    return allowed

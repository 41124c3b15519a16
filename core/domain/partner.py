"""Partner declarations: who an office is, what it offers, and which fields the law or consent lets it see."""

from __future__ import annotations

from collections.abc import Container
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.base import Schema

LANGUAGES: tuple[str, ...] = ("de", "en", "ar", "ku")
"""The agency's languages: German (default), English, Arabic (right to left), Kurmanji Kurdish."""

Slug = Annotated[str, msgspec.Meta(pattern=r"^[a-z][a-z0-9_]{1,39}$")]
Text = Annotated[str, msgspec.Meta(min_length=1, max_length=2000)]
Texts = dict[str, Text]
"""A text per language code; declarations must carry all of ``LANGUAGES``."""

CONSENT = "consent"
"""The legal basis of a grant that only a recorded consent of the person opens."""


class PartnerKind(StrEnum):
    INTERNAL = "internal"  # works inside the house, staff log in to the web UI
    EXTERNAL = "external"  # reached through the API, tokens and webhooks


class Contact(Schema, frozen=True):
    email: str = ""
    phone: str = ""
    website: str = ""


class Location(Schema, frozen=True):
    name: Text
    address: Text
    rooms: tuple[str, ...] = ()


class OpeningHours(Schema, frozen=True):
    """Weekly opening hours; weekday 0 is Monday, times as HH:MM local time."""

    weekday: Annotated[int, msgspec.Meta(ge=0, le=6)]
    opens: Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]
    closes: Annotated[str, msgspec.Meta(pattern=r"^([01]\d|2[0-3]):[0-5]\d$")]


class FieldGrant(Schema, frozen=True):
    """Permission for a partner to see (and optionally write) one biography field.

    ``basis`` is ``"consent"`` or a statute citation such as ``"AZRG §18b"``, ``"SGB II §50"``,
    ``"SGB VIII §42a"``. A statute grant with ``excludes_free_movement`` does not apply to EU
    citizens with free movement: for them only consent opens the field.
    """

    field: str
    purpose: Text
    basis: str
    write: bool = False
    excludes_free_movement: bool = False

    @property
    def is_statutory(self) -> bool:
        return self.basis != CONSENT


class Service(Schema, frozen=True):
    id: Slug
    names: Texts
    descriptions: Texts
    languages: tuple[str, ...] = ("de",)
    eligibility: Texts = {}
    required_documents: dict[str, tuple[str, ...]] = {}
    needs_fields: tuple[str, ...] = ()
    keywords: dict[str, tuple[str, ...]] = {}


class Partner(Schema, frozen=True):
    """A partner office as its plugin (or a tenant's TOML file) declares it."""

    id: Slug
    names: Texts
    kind: PartnerKind
    descriptions: Texts = {}
    contact: Contact = Contact()
    locations: tuple[Location, ...] = ()
    opening_hours: tuple[OpeningHours, ...] = ()
    services: tuple[Service, ...] = ()
    grants: tuple[FieldGrant, ...] = ()

    def grant_for(self, field: str) -> FieldGrant | None:
        for grant in self.grants:
            if grant.field == field:
                return grant
        return None

    def service(self, service_id: str) -> Service | None:
        for service in self.services:
            if service.id == service_id:
                return service
        return None


def declaration_problems(partner: Partner, known_fields: Container[str]) -> list[str]:
    """Everything wrong with one partner declaration, each as a sentence naming the culprit."""
    problems: list[str] = []
    for lang in LANGUAGES:
        if not partner.names.get(lang):
            problems.append(f"partner {partner.id!r} has no name in {lang!r}")
    granted: set[str] = set()
    for grant in partner.grants:
        if grant.field not in known_fields:
            problems.append(f"grant names unknown biography field {grant.field!r}")
        if grant.field in granted:
            problems.append(f"field {grant.field!r} is granted twice")
        granted.add(grant.field)
        if not grant.basis.strip():
            problems.append(f"grant for field {grant.field!r} has no legal basis")
        elif grant.basis != CONSENT and "§" not in grant.basis and "Art." not in grant.basis:
            problems.append(
                f"grant for field {grant.field!r} has legal basis {grant.basis!r}: "
                f"use 'consent' or cite a statute such as 'AZRG §18b'"
            )
        if grant.excludes_free_movement and grant.basis == CONSENT:
            problems.append(f"grant for field {grant.field!r}: only a statute grant can exclude free movement")
    seen_services: set[str] = set()
    for service in partner.services:
        if service.id in seen_services:
            problems.append(f"service id {service.id!r} is declared twice")
        seen_services.add(service.id)
        for lang in LANGUAGES:
            if not service.names.get(lang):
                problems.append(f"service {service.id!r} has no name in {lang!r}")
        for field in service.needs_fields:
            if field not in granted:
                problems.append(f"service {service.id!r} needs field {field!r} but the partner has no grant for it")
    return problems

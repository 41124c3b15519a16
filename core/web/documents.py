"""Printable person-facing documents — consent receipt, GDPR Art. 15 copy, invitation — in the person's language."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import jinja2
import segno
from babel.support import Translations
from markupsafe import Markup

from core.audit import AuditEvent
from core.domain.biography import Category, FieldCatalogue, FieldType
from core.domain.consent import TransferBlock
from core.domain.partner import Partner
from core.domain.reception import AppointmentView
from core.i18n import (
    DEFAULT,
    LANGUAGES,
    N_,
    direction,
    format_date,
    format_datetime,
    format_time,
    join,
    language_or_default,
    locale,
    translations,
)
from core.plugins import PartnerDirectory
from core.services.consents import ConsentView, Receipt
from core.services.subject_rights import PersonExport

CATEGORY_PREFIX = "category:"
STATELESS = "XX"
NOTHING = "—"

CATEGORY_NAMES: Mapping[str, str] = {
    Category.IDENTITY: N_("Identity"),
    Category.CONTACT: N_("Contact details"),
    Category.RESIDENCE: N_("Residence"),
    Category.LANGUAGE: N_("Language"),
    Category.EDUCATION: N_("Education"),
    Category.WORK: N_("Work"),
    Category.FAMILY: N_("Family"),
    Category.YOUTH: N_("Youth welfare"),
    Category.INTERESTS: N_("Interests"),
    Category.SPECIAL: N_("Special categories of personal data"),
}
STATES: Mapping[str, str] = {"given": N_("Valid"), "withdrawn": N_("Withdrawn"), "expired": N_("Expired")}
METHODS: Mapping[str, str] = {
    "in_person": N_("In person"),
    "with_interpreter": N_("In person, with an interpreter"),
    "guardian": N_("By the legal guardian"),
    "in_writing": N_("In writing"),
}
ACTIONS: Mapping[str, str] = {
    "person.create": N_("Record created"),
    "person.read": N_("Data viewed"),
    "person.update": N_("Data changed"),
    "person.search": N_("Found in a search"),
    "person.export": N_("Copy of the data prepared"),
    "person.erase": N_("Data erased"),
    "consent.given": N_("Consent recorded"),
    "consent.withdrawn": N_("Consent withdrawn"),
    "consent.receipt": N_("Consent receipt printed"),
    "transfer_block.added": N_("Objection to sharing recorded"),
    "transfer_block.lifted": N_("Objection to sharing lifted"),
}
"""Audit actions in words; an action not listed here is shown as its code."""
COLUMNS: Mapping[str, str] = {
    "language": N_("Language"),
    "status": N_("Status"),
    "level": N_("Level"),
    "certificate": N_("Certificate"),
    "title": N_("Qualification"),
    "occupation": N_("Occupation"),
    "country": N_("Country"),
    "years": N_("Years"),
    "degree": N_("Degree"),
    "kldb": N_("Occupation code (KldB 2010)"),
    "isco": N_("Occupation code (ISCO-08)"),
    "recognition": N_("Recognition"),
    "birth_year": N_("Year of birth"),
    "school_attendance": N_("School attendance"),
}
"""Headings of the columns of record fields, in the order the columns are shown; other keys follow as named."""


@dataclass(frozen=True)
class Table:
    headers: list[str]
    rows: list[list[str]]


@dataclass(frozen=True)
class FieldValue:
    """One biography field as a line of the document: a text, a list of texts or a small table."""

    name: str
    label: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    table: Table | None = None


@dataclass(frozen=True)
class ConsentLines:
    partners: list[str]
    fields: list[str]
    has_categories: bool
    purpose: str
    valid_from: str
    valid_until: str
    state: str
    method: str
    given_at: str
    withdrawn_at: str


@dataclass(frozen=True)
class BlockLine:
    partner: str
    created_at: str
    lifted_at: str


@dataclass(frozen=True)
class AuditLine:
    seq: int
    at: str
    action: str
    office: str
    fields: str
    bases: str


class Words:
    """Turns codes, dates and records into text of one language, for one document."""

    def __init__(self, language: str, directory: PartnerDirectory) -> None:
        self.language = language
        self.catalogue: FieldCatalogue = directory.catalogue
        self.directory = directory
        self.gettext = translations(language).gettext
        self.locale = locale(language)

    def label(self, name: str) -> str:
        if name in self.catalogue:
            labels = self.catalogue[name].labels
            return labels.get(self.language) or labels.get("de") or name
        return name

    def partner(self, partner_id: str) -> str:
        partner = self.directory.get(partner_id)
        if partner is None:
            return partner_id
        return partner.names.get(self.language) or partner.names.get("de") or partner_id

    def coded(self, words: Mapping[str, str], code: str) -> str:
        return self.gettext(words[code]) if code in words else code

    def category(self, name: str) -> str:
        return self.coded(CATEGORY_NAMES, name)

    def consented_item(self, item: str) -> str:
        if item.startswith(CATEGORY_PREFIX):
            return self.gettext("All data in the area: %(area)s") % {
                "area": self.category(item[len(CATEGORY_PREFIX) :])
            }
        return self.label(item)

    def date(self, value: dt.date | None) -> str:
        return format_date(value, self.language) if value is not None else NOTHING

    def datetime(self, value: dt.datetime | None) -> str:
        return format_datetime(value, self.language) if value is not None else NOTHING

    def iso_date(self, value: Any) -> str:
        if isinstance(value, dt.date):
            return self.date(value)
        try:
            return self.date(dt.date.fromisoformat(str(value)))
        except ValueError:
            return str(value)

    def country(self, code: Any) -> str:
        code = str(code)
        if code == STATELESS:
            stateless = self.gettext("Stateless or unknown")
            return f"{stateless} ({code})"
        name = self.locale.territories.get(code)
        return f"{name} ({code})" if name else code

    def spoken(self, code: Any) -> str:
        code = str(code)
        name = self.locale.languages.get(code)
        return f"{name} ({code})" if name else code

    def scalar(self, value: Any) -> str:
        if value is None or value == "":
            return NOTHING
        if isinstance(value, bool):
            return self.gettext("Yes") if value else self.gettext("No")
        return str(value)

    def cell(self, key: str, value: Any) -> str:
        if value is None:
            return NOTHING
        if key == "country":
            return self.country(value)
        if key == "language":
            return self.spoken(value)
        return self.scalar(value)

    def table(self, records: Sequence[Mapping[str, Any]]) -> Table:
        keys = [k for k in COLUMNS if any(k in r for r in records)]
        keys += list(dict.fromkeys(k for r in records for k in r if k not in COLUMNS))
        return Table(
            headers=[self.gettext(COLUMNS[k]) if k in COLUMNS else k for k in keys],
            rows=[[self.cell(k, r.get(k)) for k in keys] for r in records],
        )

    def field_value(self, name: str, value: Any) -> FieldValue:
        label = self.label(name)
        kind = self.catalogue[name].type if name in self.catalogue else None
        if kind is FieldType.DATE:
            return FieldValue(name, label, text=self.iso_date(value))
        if kind is FieldType.LANGUAGE:
            return FieldValue(name, label, text=self.spoken(value))
        if kind is FieldType.COUNTRY_LIST and isinstance(value, list):
            return FieldValue(name, label, items=[self.country(v) for v in value])
        if isinstance(value, Mapping):
            return FieldValue(name, label, table=self.table([value]))
        if isinstance(value, list | tuple):
            if not value:
                return FieldValue(name, label, text=NOTHING)
            if all(isinstance(v, Mapping) for v in value):
                return FieldValue(name, label, table=self.table(value))
            return FieldValue(name, label, items=[self.scalar(v) for v in value])
        return FieldValue(name, label, text=self.scalar(value))

    def consent(self, view: ConsentView) -> ConsentLines:
        return ConsentLines(
            partners=[self.partner(p) for p in view.partners],
            fields=[self.consented_item(f) for f in view.fields],
            has_categories=any(f.startswith(CATEGORY_PREFIX) for f in view.fields),
            purpose=view.purpose,
            valid_from=self.date(view.valid_from),
            valid_until=self.date(view.valid_until),
            state=self.coded(STATES, view.state),
            method=self.coded(METHODS, view.method),
            given_at=self.datetime(view.given_at),
            withdrawn_at=self.datetime(view.withdrawn_at) if view.withdrawn_at else "",
        )

    def block(self, block: TransferBlock) -> BlockLine:
        return BlockLine(
            partner=self.partner(block.partner_id),
            created_at=self.datetime(block.created_at),
            lifted_at=self.datetime(block.lifted_at) if block.lifted_at else "",
        )

    def basis(self, label: str) -> str:
        return self.gettext("Your consent") if label.startswith("consent:") else label

    def audit(self, event: AuditEvent) -> AuditLine:
        # The actor (a pseudonymous staff or token id) is left out: the person learns which office
        # looked, when, at what and on what legal basis — not which member of its staff.
        return AuditLine(
            seq=event.seq,
            at=self.datetime(event.at),
            action=self.coded(ACTIONS, event.action),
            office=self.partner(event.partner_id),
            fields=join((self.label(f) for f in event.fields), self.language) or NOTHING,
            bases=join(self.bases(event.basis), self.language, strong=True) or NOTHING,
        )

    def bases(self, by_field: Mapping[str, str]) -> list[str]:
        """One basis for all fields of an event, or each field with its own when they differ."""
        distinct = list(dict.fromkeys(self.basis(b) for b in by_field.values()))
        if len(distinct) <= 1:
            return distinct
        return [f"{self.label(field)}: {self.basis(basis)}" for field, basis in by_field.items()]


class Documents:
    """The document templates, with one Jinja environment per language built up front (safe to share)."""

    def __init__(self, loader: jinja2.BaseLoader | None = None) -> None:
        loader = loader or jinja2.PackageLoader("core.web", "templates")
        self._envs = {lang: self._environment(loader, lang) for lang in LANGUAGES}

    @staticmethod
    def _environment(loader: jinja2.BaseLoader, language: str) -> jinja2.Environment:
        env = jinja2.Environment(
            loader=loader,
            autoescape=jinja2.select_autoescape(["html"]),
            extensions=["jinja2.ext.i18n"],
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        catalogue: Translations = translations(language)
        env.install_gettext_translations(catalogue, newstyle=True)  # type: ignore[attr-defined]
        env.globals.update(lang=language, dir=direction(language))
        return env

    def _render(self, language: str, template: str, context: Mapping[str, Any]) -> str:
        lang = language_or_default(language)
        return self._envs[lang].get_template(template).render(context)

    def display(self, board: Any, *, tenant_name: str) -> str:
        """The waiting room's board in all four languages at once: ticket numbers and counters only."""
        return self._envs["de"].get_template("documents/display.html").render(board=board, tenant_name=tenant_name)

    def receipt(self, receipt: Receipt, directory: PartnerDirectory, language: str) -> str:
        """The printable receipt of one consent, in ``language`` (German if the agency does not speak it)."""
        words = Words(language_or_default(language), directory)
        person = receipt.person
        name = " ".join(str(person[k]) for k in ("given_names", "family_name") if person.get(k))
        return self._render(
            language,
            "documents/receipt.html",
            {
                "tenant_name": receipt.tenant_name,
                "person_name": name or NOTHING,
                "birth_date": words.iso_date(person["birth_date"]) if person.get("birth_date") else NOTHING,
                "consent": words.consent(receipt.consent),
                "consent_id": receipt.consent.id,
                "code": receipt.receipt_code,
                "notice_version": _notice_version(receipt),
            },
        )

    def export(self, export: PersonExport, directory: PartnerDirectory, language: str, *, tenant_name: str = "") -> str:
        """The printable GDPR Art. 15 copy of everything held on the person, in ``language``."""
        words = Words(language_or_default(language), directory)
        return self._render(
            language,
            "documents/export.html",
            {
                "tenant_name": tenant_name,
                "person_id": export.id,
                "exported_at": words.datetime(export.exported_at),
                "fields": [words.field_value(n, v) for n, v in _in_catalogue_order(export.fields, words.catalogue)],
                "consents": [words.consent(c) for c in export.consents],
                "blocks": [words.block(b) for b in export.transfer_blocks],
                "events": [words.audit(e) for e in export.audit],
            },
        )

    def invitation(self, view: AppointmentView, partner: Partner, language: str, *, tenant_name: str) -> str:
        """The printable invitation to one appointment, in ``language``, with the check-in code as text and QR code.

        Date and times are German local time. What to bring is ``view.required_documents``, taken as
        already in ``language`` (the booking puts what the service requires, and may add what the
        case needs); an empty tuple falls back to the service's declaration (:func:`what_to_bring`).
        """
        lang = language_or_default(language)
        gettext = translations(lang).gettext
        service = partner.service(view.service)
        qr_alt = gettext("QR code with your check-in code")
        phone = partner.contact.phone.strip()
        return self._render(
            lang,
            "documents/invitation.html",
            {
                "tenant_name": tenant_name,
                "person_name": view.person_name or NOTHING,
                "date": format_date(view.start, lang, "full"),
                "start_time": format_time(view.start, lang),
                "end_time": format_time(view.end, lang),
                "office": _in_language(partner.names, lang) or partner.id,
                "service": _in_language(service.names, lang) if service else view.service,
                "location_name": view.location_name,
                "location_address": view.location_address,
                "room": view.room,
                "documents": list(view.required_documents or what_to_bring(partner, view.service, lang)),
                "code": view.code,
                "qr_svg": qr_code_svg(view.code, title=qr_alt),
                "phone": Markup('<bdi class="mono" dir="ltr">{}</bdi>').format(phone) if phone else "",
                "appointment_id": view.id,
            },
        )


def what_to_bring(partner: Partner, service_id: str, language: str) -> tuple[str, ...]:
    """The documents a service requires, in ``language`` (German when the declaration lacks that language)."""
    service = partner.service(service_id)
    if service is None:
        return ()
    lang = language_or_default(language)
    return service.required_documents.get(lang) or service.required_documents.get(DEFAULT) or ()


def qr_code_svg(code: str, *, title: str) -> Markup:
    """``code`` as a (full-size, not micro) QR code, inline SVG with ``title`` as its text alternative."""
    qr = segno.make(code, micro=False, error="m")
    return Markup(qr.svg_inline(scale=4, title=title))  # noqa: S704 — segno escapes the title; the rest is paths


def _in_language(texts: Mapping[str, str], language: str) -> str:
    return texts.get(language) or texts.get(DEFAULT) or ""


def _in_catalogue_order(values: Mapping[str, Any], catalogue: FieldCatalogue) -> Iterable[tuple[str, Any]]:
    """Core fields in the catalogue's order (identity first), then fields the catalogue no longer knows."""
    known = [(spec.name, values[spec.name]) for spec in catalogue if spec.name in values]
    return known + sorted((n, v) for n, v in values.items() if n not in catalogue)


def _notice_version(receipt: Receipt) -> str:
    """The hash of the notice the person was shown, once the receipt carries it (``ConsentView`` does not yet)."""
    for holder in (receipt, receipt.consent):
        version = getattr(holder, "notice_version", None)
        if isinstance(version, str) and version:
            return version
    return ""

"""The person page: the fields this office may see, a few it may change, consents, objections to sharing.

Every read and write goes through ``core.services.persons`` and ``core.services.consents``, which apply
the access rules (``core/access.py``) and write the audit trail; this module only shapes forms and pages.
The consent receipt and the Art. 15 copy are the person-facing documents of ``core/web/documents.py``,
printed in the person's language rather than the user's.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency
from litestar.enums import MediaType
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_409_CONFLICT

from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.biography import FieldSpec, FieldType
from core.domain.consent import CollectionMethod, TransferBlock
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.staff import Role
from core.i18n import LANGUAGES, N_, language_or_default
from core.services.consents import (
    ConsentTerms,
    ConsentView,
    add_transfer_block,
    consent_receipt,
    lift_transfer_block,
    list_consents,
    list_transfer_blocks,
    record_consent,
    withdraw_consent,
)
from core.services.persons import PersonView, read_person, update_person, writable_fields
from core.services.subject_rights import export_person
from core.web.documents import CATEGORY_NAMES, CATEGORY_PREFIX, METHODS, STATES, FieldValue, Words
from core.web.ui.context import (
    LANGUAGE_NAMES,
    Problem,
    StaffContext,
    agency_of,
    page,
    problem_of,
    read_form,
    status_of,
)
from core.web.ui.headers import document

EXPORT_ROLES = (Role.TENANT_ADMIN, Role.AUDITOR)
"""Who may print the person's Art. 15 copy (``export_person`` decides; the page only hides the link)."""
SIMPLE_TYPES = (FieldType.STRING, FieldType.DATE, FieldType.ENUM)
"""Field types edited on the person page; lists and records stay read-only on screen."""
OTHER_CATEGORY = "other"
CONSENT_YEARS = 1
"""A new consent runs one year unless the person agrees to another end."""

FORM_LABELS: Mapping[str, str] = {
    "partners": N_("Recipients"),
    "fields": N_("Data"),
    "purpose": N_("Purpose"),
    "valid_until": N_("Valid until"),
    "language": N_("Language of the person"),
    "method": N_("How the consent was given"),
    "partner": N_("Office"),
    "revision": N_("Version"),
}
"""Names of form fields (not biography fields) for the list of problems."""
DONE: Mapping[str, str] = {
    "saved": N_("The changes have been saved."),
    "consent": N_("The consent has been recorded."),
    "withdrawn": N_("The consent has been withdrawn. It no longer opens any data."),
    "blocked": N_("The objection to sharing has been recorded."),
    "lifted": N_("The objection to sharing has been lifted."),
}


class EditForm(Schema, frozen=True):
    """Parallel lists: each writable field's name, the value typed, and the value it had when the form was made."""

    revision: int
    name: list[str]
    value: list[str]
    was: list[str]


class ConsentForm(Schema, frozen=True):
    partners: list[str]
    fields: list[str]
    purpose: str = ""
    valid_until: str = ""
    language: str = ""
    method: str = ""


class BlockForm(Schema, frozen=True):
    partner: str = ""


@dataclass(frozen=True)
class FieldGroup:
    category: str
    name: str
    values: list[FieldValue]


@dataclass(frozen=True)
class ConsentRow:
    id: str
    state: str
    state_name: str
    partners: list[str]
    fields: list[str]
    purpose: str
    valid_from: dt.date
    valid_until: dt.date
    method: str
    language: str
    given_at: dt.datetime
    withdrawn_at: dt.datetime | None


@dataclass(frozen=True)
class BlockRow:
    id: str
    partner: str
    created_at: dt.datetime
    lifted_at: dt.datetime | None
    own_office: bool = False
    """An objection against the user's own office: that office may not lift it itself."""


@dataclass(frozen=True)
class EditLine:
    name: str
    label: str
    kind: str
    value: str
    was: str
    choices: tuple[str, ...]


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class ChoiceGroup:
    category: str
    name: str
    items: list[Choice]


def _category_of(spec: FieldSpec | None) -> str:
    return spec.category.value if spec is not None else OTHER_CATEGORY


def _group_name(words: Words, category: str) -> str:
    return words.category(category) if category in CATEGORY_NAMES else words.gettext("Other data")


def field_groups(words: Words, fields: Mapping[str, Any]) -> list[FieldGroup]:
    """The visible fields as text of the user's language, by category, in the catalogue's order."""
    groups: dict[str, list[FieldValue]] = {}
    for spec in words.catalogue:
        if spec.name in fields:
            groups.setdefault(spec.category.value, []).append(words.field_value(spec.name, fields[spec.name]))
    for name in sorted(n for n in fields if n not in words.catalogue):
        groups.setdefault(OTHER_CATEGORY, []).append(words.field_value(name, fields[name]))
    return [FieldGroup(c, _group_name(words, c), values) for c, values in groups.items()]


def consent_rows(words: Words, views: Iterable[ConsentView]) -> list[ConsentRow]:
    return [
        ConsentRow(
            id=v.id,
            state=v.state,
            state_name=words.coded(STATES, v.state),
            partners=[words.partner(p) for p in v.partners],
            fields=[words.consented_item(f) for f in v.fields],
            purpose=v.purpose,
            valid_from=v.valid_from,
            valid_until=v.valid_until,
            method=words.coded(METHODS, v.method),
            language=LANGUAGE_NAMES.get(v.language, v.language),
            given_at=v.given_at,
            withdrawn_at=v.withdrawn_at,
        )
        for v in views
    ]


def block_rows(words: Words, blocks: Iterable[TransferBlock], office: str = "") -> list[BlockRow]:
    return [
        BlockRow(b.id, words.partner(b.partner_id), b.created_at, b.lifted_at, b.partner_id == office) for b in blocks
    ]


def edit_lines(words: Words, writable: Iterable[str], fields: Mapping[str, Any]) -> list[EditLine]:
    """The writable simple fields in catalogue order, with the value each has now."""
    allowed = set(writable)
    lines = []
    for spec in words.catalogue:
        if spec.name in allowed and spec.type in SIMPLE_TYPES:
            current = fields.get(spec.name)
            text = "" if current is None else str(current)
            lines.append(EditLine(spec.name, words.label(spec.name), spec.type.value, text, text, spec.choices))
    return lines


def consent_choices(words: Words) -> list[ChoiceGroup]:
    """Every field of the catalogue a consent may name, by category, each group led by the whole category."""
    groups: dict[str, list[Choice]] = {}
    for spec in words.catalogue:
        groups.setdefault(spec.category.value, []).append(Choice(spec.name, words.label(spec.name)))
    return [ChoiceGroup(c, words.category(c), items) for c, items in groups.items()]


def _problem_names(words: Words, problem: Problem | None) -> list[str]:
    if problem is None:
        return []
    return [words.gettext(FORM_LABELS[f]) if f in FORM_LABELS else words.label(f) for f in problem.fields]


def _with_status(template: Template, status: int) -> Template:
    template.status_code = status
    return template


def _person_name(fields: Mapping[str, Any]) -> str:
    return " ".join(str(fields[k]) for k in ("given_names", "family_name") if fields.get(k))


def _parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def _one_year_from(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year + CONSENT_YEARS)
    except ValueError:  # 29 February
        return day.replace(year=day.year + CONSENT_YEARS, day=28)


class PersonController(Controller):
    path = "/ui"
    include_in_schema = False

    # ---- the page -------------------------------------------------------------------------------

    @get("/persons/{person_id:str}", opt={"roles": CASE_ROLES})
    async def show(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person_id: FromPath[str],
        done: FromQuery[str] = "",
    ) -> Template:
        view = await read_person(agency_of(request.app.state), staff.principal, person_id)
        return await self._page(request, staff, view, done=done)

    async def _page(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        view: PersonView,
        *,
        done: FromQuery[str] = "",
        problem: Problem | None = None,
        status: int = 200,
        receipt: dict[str, str] | None = None,
    ) -> Template:
        agency = agency_of(request.app.state)
        words = staff.words
        consents = await list_consents(agency, staff.principal, view.id)
        blocks = await list_transfer_blocks(agency, staff.principal, view.id)
        writable = await writable_fields(agency, staff.principal, view.id)
        blocked = {b.partner_id for b in blocks if b.lifted_at is None}
        block_choices = [
            Choice(p.id, words.partner(p.id))
            for p in staff.directory.partners()
            if p.id != staff.principal.partner_id and p.id not in blocked
        ]
        template = page(
            request,
            "ui/persons/person.html",
            staff,
            person=view,
            name=_person_name(view.fields),
            groups=field_groups(words, view.fields),
            editable=bool(edit_lines(words, writable, view.fields)),
            consents=consent_rows(words, consents),
            blocks=block_rows(words, blocks, staff.principal.partner_id),
            block_choices=block_choices,
            problem=problem,
            problem_names=_problem_names(words, problem),
            done=DONE.get(done, ""),
            receipt=receipt,
            may_export=staff.role in EXPORT_ROLES,
        )
        return _with_status(template, status)

    # ---- changing fields ------------------------------------------------------------------------

    @get("/persons/{person_id:str}/edit", opt={"roles": CASE_ROLES})
    async def edit_form(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], person_id: FromPath[str]
    ) -> Template:
        agency = agency_of(request.app.state)
        view = await read_person(agency, staff.principal, person_id)
        writable = await writable_fields(agency, staff.principal, person_id)
        return self._edit_page(request, staff, view, edit_lines(staff.words, writable, view.fields), view.revision)

    def _edit_page(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        view: PersonView,
        lines: list[EditLine],
        revision: int,
        *,
        problem: Problem | None = None,
        status: int = 200,
    ) -> Template:
        template = page(
            request,
            "ui/persons/edit.html",
            staff,
            person=view,
            name=_person_name(view.fields),
            lines=lines,
            revision=revision,
            problem=problem,
            problem_names=_problem_names(staff.words, problem),
            bad=set(problem.fields) if problem else set(),
        )
        return _with_status(template, status)

    @post("/persons/{person_id:str}/edit", opt={"roles": CASE_ROLES})
    async def edit(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], person_id: FromPath[str]
    ) -> Template | Redirect:
        agency = agency_of(request.app.state)
        form = await read_form(request, EditForm, lists=("name", "value", "was"))
        if not len(form.name) == len(form.value) == len(form.was):
            raise InvalidInput("the form is incomplete", {"form": "incomplete"})
        changes: dict[str, Any] = {}
        for name, value, was in zip(form.name, form.value, form.was, strict=True):
            typed = value.strip()
            if typed != was.strip():
                changes[name] = typed or None
        if not changes:
            return Redirect(path=f"/ui/persons/{person_id}")
        try:
            await update_person(agency, staff.principal, person_id, changes, if_revision=form.revision)
        except Conflict as exc:
            # someone changed the person meanwhile: show what is there now, with the message
            view = await read_person(agency, staff.principal, person_id)
            writable = await writable_fields(agency, staff.principal, person_id)
            lines = edit_lines(staff.words, writable, view.fields)
            return self._edit_page(
                request, staff, view, lines, view.revision, problem=problem_of(exc), status=HTTP_409_CONFLICT
            )
        except (InvalidInput, Forbidden) as exc:
            view = await read_person(agency, staff.principal, person_id)
            writable = await writable_fields(agency, staff.principal, person_id)
            typed_values = dict(zip(form.name, form.value, strict=True))
            was_values = dict(zip(form.name, form.was, strict=True))
            lines = [
                EditLine(
                    line.name,
                    line.label,
                    line.kind,
                    typed_values.get(line.name, line.value),
                    was_values.get(line.name, line.was),
                    line.choices,
                )
                for line in edit_lines(staff.words, writable, view.fields)
            ]
            return self._edit_page(
                request, staff, view, lines, form.revision, problem=problem_of(exc), status=status_of(exc)
            )
        return Redirect(path=f"/ui/persons/{person_id}?done=saved")

    # ---- consents -------------------------------------------------------------------------------

    @get("/persons/{person_id:str}/consents/new", opt={"roles": CASE_ROLES})
    async def consent_form(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], person_id: FromPath[str]
    ) -> Template:
        view = await read_person(agency_of(request.app.state), staff.principal, person_id)
        form = ConsentForm(
            partners=[],
            fields=[],
            valid_until=_one_year_from(dt.date.today()).isoformat(),
            language="de",
            method=CollectionMethod.IN_PERSON.value,
        )
        return self._consent_page(request, staff, view, form)

    def _consent_page(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        view: PersonView,
        form: ConsentForm,
        *,
        problem: Problem | None = None,
        status: int = 200,
    ) -> Template:
        words = staff.words
        template = page(
            request,
            "ui/persons/consent.html",
            staff,
            person=view,
            name=_person_name(view.fields),
            form=form,
            partners=[Choice(p.id, words.partner(p.id)) for p in staff.directory.partners()],
            groups=consent_choices(words),
            category_prefix=CATEGORY_PREFIX,
            person_languages=[Choice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            methods=[Choice(m.value, METHODS[m.value]) for m in CollectionMethod],
            problem=problem,
            problem_names=_problem_names(words, problem),
            bad=set(problem.fields) if problem else set(),
        )
        return _with_status(template, status)

    @post("/persons/{person_id:str}/consents", opt={"roles": CASE_ROLES})
    async def record(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], person_id: FromPath[str]
    ) -> Template | Redirect:
        agency = agency_of(request.app.state)
        form = await read_form(request, ConsentForm, lists=("partners", "fields"))
        try:
            recorded = await record_consent(agency, staff.principal, person_id, self._terms(form))
        except (InvalidInput, Forbidden) as exc:
            view = await read_person(agency, staff.principal, person_id)
            return self._consent_page(request, staff, view, form, problem=problem_of(exc), status=status_of(exc))
        # The receipt code is shown in this answer (never cached) and nowhere kept: it finds the person
        # at the desk, so it goes onto the printed receipt and nowhere else.
        view = await read_person(agency, staff.principal, person_id)
        receipt = {"consent": recorded.id, "code": recorded.receipt_code}
        return await self._page(request, staff, view, done="consent", receipt=receipt, status=201)

    @staticmethod
    def _terms(form: ConsentForm) -> ConsentTerms:
        """The form as the service's terms; a date or method the form cannot carry is named, like the service does."""
        errors: dict[str, str] = {}
        valid_until = _parse_date(form.valid_until)
        if valid_until is None:
            errors["valid_until"] = "a date YYYY-MM-DD"
        methods = {m.value for m in CollectionMethod}
        if form.method not in methods:
            errors["method"] = "choose how the consent was given"
        if errors or valid_until is None:
            raise InvalidInput("the consent terms are incomplete: " + ", ".join(errors), errors)
        return ConsentTerms(
            partners=form.partners,
            fields=form.fields,
            purpose=form.purpose,
            valid_until=valid_until,
            language=form.language,
            method=CollectionMethod(form.method),
        )

    @get("/persons/{person_id:str}/consents/{consent_id:str}/withdraw", opt={"roles": CASE_ROLES})
    async def withdraw_form(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person_id: FromPath[str],
        consent_id: FromPath[str],
    ) -> Template:
        """The confirmation step: what is being withdrawn, and one button to do it."""
        agency = agency_of(request.app.state)
        view = await read_person(agency, staff.principal, person_id)
        consents = await list_consents(agency, staff.principal, person_id)
        chosen = [c for c in consent_rows(staff.words, consents) if c.id == consent_id]
        if not chosen:
            raise NotFound("no such consent")
        return page(
            request,
            "ui/persons/withdraw.html",
            staff,
            person=view,
            name=_person_name(view.fields),
            consent=chosen[0],
            problem=None,
        )

    @post("/persons/{person_id:str}/consents/{consent_id:str}/withdraw", opt={"roles": CASE_ROLES})
    async def withdraw(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person_id: FromPath[str],
        consent_id: FromPath[str],
    ) -> Template | Redirect:
        agency = agency_of(request.app.state)
        try:
            await withdraw_consent(agency, staff.principal, consent_id)
        except Conflict as exc:
            view = await read_person(agency, staff.principal, person_id)
            return await self._page(request, staff, view, problem=problem_of(exc), status=HTTP_409_CONFLICT)
        return Redirect(path=f"/ui/persons/{person_id}?done=withdrawn")

    @get("/consents/{consent_id:str}/receipt", opt={"roles": CASE_ROLES}, media_type=MediaType.HTML)
    async def receipt(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], consent_id: FromPath[str]
    ) -> Response[str]:
        """The printable receipt, in the language of the person who gave the consent."""
        found = await consent_receipt(agency_of(request.app.state), staff.principal, consent_id)
        html: str = request.app.state.documents.receipt(found, staff.directory, found.consent.language)
        return document(html)

    # ---- objections to sharing (transfer blocks) ------------------------------------------------

    @post("/persons/{person_id:str}/blocks", opt={"roles": CASE_ROLES})
    async def block(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], person_id: FromPath[str]
    ) -> Template | Redirect:
        agency = agency_of(request.app.state)
        form = await read_form(request, BlockForm)
        try:
            await add_transfer_block(agency, staff.principal, person_id, form.partner)
        except (InvalidInput, Conflict, Forbidden) as exc:
            view = await read_person(agency, staff.principal, person_id)
            return await self._page(request, staff, view, problem=problem_of(exc), status=status_of(exc))
        return Redirect(path=f"/ui/persons/{person_id}?done=blocked")

    @post("/persons/{person_id:str}/blocks/{block_id:str}/lift", opt={"roles": CASE_ROLES})
    async def lift(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person_id: FromPath[str],
        block_id: FromPath[str],
    ) -> Redirect:
        await lift_transfer_block(agency_of(request.app.state), staff.principal, person_id, block_id)
        return Redirect(path=f"/ui/persons/{person_id}?done=lifted")

    # ---- the person's copy of their data (GDPR Art. 15) -----------------------------------------

    @get("/persons/{person_id:str}/export", opt={"roles": EXPORT_ROLES})
    async def export(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person_id: FromPath[str],
        language: FromQuery[str] = "",
    ) -> Response[str] | Template:
        """Without ``language`` a page to choose the person's language; with it, the printable copy."""
        if language not in LANGUAGES:
            return page(
                request,
                "ui/persons/export.html",
                staff,
                person_id=person_id,
                person_languages=[Choice(code, LANGUAGE_NAMES[code]) for code in LANGUAGES],
            )
        agency = agency_of(request.app.state)
        exported = await export_person(agency, staff.principal, person_id)
        html: str = request.app.state.documents.export(
            exported, staff.directory, language_or_default(language), tenant_name=staff.tenant.name
        )
        return document(html)

"""The reception desk screen: find or register the visitor, record concerns, triage, then ticket, referral,
appointment or solved at the desk — and print the invitation in the visitor's language."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Response, Template

from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.errors import AgenturError, InvalidInput
from core.domain.reception import Suggestion, VisitOutcome
from core.domain.referral import Urgency
from core.domain.staff import Role
from core.domain.triage import concern_catalogue
from core.i18n import LANGUAGES, LOCAL_TIME, N_
from core.services import appointments, invitations, persons, reception, referrals
from core.web.ui.context import LANGUAGE_NAMES, StaffContext, agency_of, page, problem_of, read_form, status_of
from core.web.ui.headers import document
from core.web.ui.referrals import URGENCY_NAMES

RECEPTION = (Role.RECEPTION,)
MATCHED = "matched: "
"""How the default triage (``core/domain/triage.py``) starts its reason; other triage plugins say their own."""
SLOT_DAYS = 21
"""How far ahead the desk looks for free slots."""
COMMON_LANGUAGES = ("ar", "ku", "fa", "ps", "ti", "so", "uk", "ru", "tr", "sq", "ro", "bg", "pl", "fr", "en", "de")
"""Mother tongues offered first in the register form (ISO 639-1); the field accepts any code."""
COMMON_COUNTRIES = ("SY", "AF", "IQ", "UA", "TR", "ER", "SO", "IR", "RU", "XX")
URGENCIES = URGENCY_NAMES
OUTCOMES = {
    VisitOutcome.OPEN: N_("Open"),
    VisitOutcome.RESOLVED: N_("Solved at the desk"),
    VisitOutcome.TICKET: N_("Waiting with a ticket"),
    VisitOutcome.REFERRAL: N_("Referred"),
    VisitOutcome.APPOINTMENT: N_("Appointment booked"),
}


class SearchForm(Schema, frozen=True):
    family_name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    given_names: Annotated[str, msgspec.Meta(max_length=200)] = ""
    birth_date: Annotated[str, msgspec.Meta(max_length=10)] = ""


class CodeForm(Schema, frozen=True):
    code: Annotated[str, msgspec.Meta(max_length=20)] = ""
    language: str = "de"


class RegisterForm(Schema, frozen=True):
    family_name: Annotated[str, msgspec.Meta(max_length=200)] = ""
    given_names: Annotated[str, msgspec.Meta(max_length=200)] = ""
    birth_date: Annotated[str, msgspec.Meta(max_length=10)] = ""
    nationality: Annotated[str, msgspec.Meta(max_length=2)] = ""
    mother_tongue: Annotated[str, msgspec.Meta(max_length=3)] = ""
    phone: Annotated[str, msgspec.Meta(max_length=40)] = ""
    municipality: Annotated[str, msgspec.Meta(max_length=200)] = ""

    def fields(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            name: value.strip()
            for name in ("family_name", "given_names", "birth_date", "mother_tongue", "phone", "municipality")
            if (value := getattr(self, name)).strip()
        }
        if self.nationality:
            values["nationality"] = [self.nationality]
        return values


class CheckInForm(Schema, frozen=True):
    language: str = "de"
    person_id: str = ""
    concerns: list[str] = []
    text: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class ReferralForm(Schema, frozen=True):
    person_id: str
    to_partner: str
    service: str
    reason: Annotated[str, msgspec.Meta(max_length=2000)] = ""
    urgency: Urgency = Urgency.NORMAL


class TicketForm(Schema, frozen=True):
    partner: str


class BookForm(Schema, frozen=True):
    person_id: str
    partner: str
    service: str
    slot_id: str = ""
    language: str = "de"


class ResolveForm(Schema, frozen=True):
    note: Annotated[str, msgspec.Meta(max_length=2000)] = ""


class Choice(Schema, frozen=True):
    """A service the desk can send the visitor to, in the user's language, with the triage's score if any."""

    partner: str
    service: str
    partner_name: str
    service_name: str
    score: float | None = None
    reason: str = ""
    matched: str = ""
    """The words of the visitor that the default triage matched (shown with a translated lead-in)."""


class DeskController(Controller):
    """``/ui/desk``: the reception clerk's whole screen, built for a queue — keyboard first, one page per visitor."""

    path = "/ui/desk"
    include_in_schema = False

    @get("/", opt={"roles": RECEPTION})
    async def desk(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        return self._desk(request, staff)

    def _desk(self, request: Request[Any, Any, Any], staff: StaffContext, **context: Any) -> Template:
        words = staff.words
        countries = [(code, words.country(code)) for code in COMMON_COUNTRIES]
        spoken = [(code, words.spoken(code)) for code in COMMON_LANGUAGES]
        values = {
            "countries": countries,
            "spoken": spoken,
            "found": None,
            "search": SearchForm(),
            "register": RegisterForm(),
            "problem": None,
            "register_problem": None,
            "code_problem": None,
            "visit_languages": LANGUAGE_NAMES,
            "tenant_id": staff.tenant.tenant_id,
            **context,
        }
        template = page(request, "ui/desk/desk.html", staff, **values)
        return template

    @post("/search", opt={"roles": CASE_ROLES})
    async def search(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        """Search by a POST form: names and birth dates never travel in a URL."""
        form = await read_form(request, SearchForm)
        try:
            found = await persons.search_persons(
                agency_of(request.app.state),
                staff.principal,
                family_name=form.family_name,
                given_names=form.given_names,
                birth_date=form.birth_date,
            )
        except AgenturError as exc:
            template = self._desk(request, staff, search=form, problem=problem_of(exc))
            template.status_code = status_of(exc)
            return template
        return self._desk(request, staff, search=form, found=found)

    @post("/persons", opt={"roles": CASE_ROLES})
    async def register(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]
    ) -> Template | Redirect:
        form = await read_form(request, RegisterForm)
        try:
            created = await persons.create_person(agency_of(request.app.state), staff.principal, form.fields())
        except AgenturError as exc:
            template = self._desk(request, staff, register=form, register_problem=problem_of(exc))
            template.status_code = status_of(exc)
            return template
        return Redirect(path=f"/ui/desk/check-in?person={created.id}&done=registered")

    @post("/code", opt={"roles": CASE_ROLES})
    async def by_code(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        """An invitation or consent-receipt code checks the visitor in at once (the appointment counts as attended)."""
        form = await read_form(request, CodeForm)
        agency = agency_of(request.app.state)
        try:
            visit = await reception.check_in(
                agency,
                staff.principal,
                reception.VisitCreate(language=_language(form.language), code=form.code),
            )
        except AgenturError as exc:
            template = self._desk(request, staff, code_problem=problem_of(exc))
            template.status_code = status_of(exc)
            return template
        return await self._visit_page(request, staff, visit.id, visit.suggestions)

    @get("/check-in", opt={"roles": CASE_ROLES})
    async def check_in_form(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person: FromQuery[str] = "",
        done: FromQuery[str] = "",
    ) -> Template:
        return await self._check_in_page(request, staff, person, done=done)

    async def _check_in_page(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        person_id: str,
        *,
        done: str = "",
        form: CheckInForm | None = None,
        problem: Any = None,
    ) -> Template:
        agency = agency_of(request.app.state)
        visitor = await persons.read_person(agency, staff.principal, person_id) if person_id else None
        mother_tongue = str(visitor.fields.get("mother_tongue", "")) if visitor else ""
        language = form.language if form else (mother_tongue if mother_tongue in LANGUAGES else "de")
        concerns = concern_catalogue(staff.directory.partners(), staff.lang)
        groups: dict[str, list[Any]] = {}
        for concern in concerns:
            groups.setdefault(concern.partner, []).append(concern)
        return page(
            request,
            "ui/desk/check_in.html",
            staff,
            visitor=visitor,
            person_id=person_id,
            language=language,
            groups=groups,
            chosen=set(form.concerns) if form else set(),
            text=form.text if form else "",
            visit_languages=LANGUAGE_NAMES,
            done=done,
            problem=problem,
        )

    @post("/visits", opt={"roles": CASE_ROLES})
    async def check_in(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        form = await read_form(request, CheckInForm, lists=("concerns",))
        agency = agency_of(request.app.state)
        try:
            visit = await reception.check_in(
                agency,
                staff.principal,
                reception.VisitCreate(
                    language=_language(form.language),
                    person_id=form.person_id or None,
                    concerns=form.concerns,
                    text=form.text,
                ),
            )
        except AgenturError as exc:
            template = await self._check_in_page(request, staff, form.person_id, form=form, problem=problem_of(exc))
            template.status_code = status_of(exc)
            return template
        return await self._visit_page(request, staff, visit.id, visit.suggestions)

    @get("/visits/{visit_id:str}", opt={"roles": CASE_ROLES})
    async def visit(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], visit_id: FromPath[str]
    ) -> Template:
        return await self._visit_page(request, staff, visit_id, [])

    async def _visit_page(
        self, request: Request[Any, Any, Any], staff: StaffContext, visit_id: str, suggestions: list[Suggestion]
    ) -> Template:
        agency = agency_of(request.app.state)
        visit = await reception.read_visit(agency, staff.principal, visit_id)
        visitor = await persons.read_person(agency, staff.principal, visit.person_id) if visit.person_id else None
        choices = _choices(staff, suggestions, visit.concerns)
        return page(
            request,
            "ui/desk/visit.html",
            staff,
            visit=visit,
            visitor=visitor,
            choices=choices,
            triaged=bool(suggestions),
            outcomes=OUTCOMES,
            urgencies=URGENCIES,
            visit_language=LANGUAGE_NAMES.get(visit.language, visit.language),
        )

    @post("/visits/{visit_id:str}/referral", opt={"roles": CASE_ROLES})
    async def refer(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], visit_id: FromPath[str]
    ) -> Template:
        form = await read_form(request, ReferralForm)
        if not form.reason.strip():
            problem = problem_of(InvalidInput("the referral needs a reason", {"reason": "required"}))
            return self._outcome(request, staff, problem=problem, status=422)
        try:
            sent = await referrals.send_referral(
                agency_of(request.app.state),
                staff.principal,
                referrals.ReferralCreate(
                    person_id=form.person_id,
                    to_partner=form.to_partner,
                    service=form.service,
                    reason=form.reason.strip(),
                    urgency=form.urgency,
                    visit_id=visit_id,
                ),
            )
        except AgenturError as exc:
            return self._outcome(request, staff, problem=problem_of(exc), status=status_of(exc))
        return self._outcome(request, staff, referral=sent, office=staff.words.partner(form.to_partner))

    @post("/visits/{visit_id:str}/ticket", opt={"roles": CASE_ROLES})
    async def ticket(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], visit_id: FromPath[str]
    ) -> Template:
        form = await read_form(request, TicketForm)
        try:
            issued = await reception.issue_ticket(
                agency_of(request.app.state),
                staff.principal,
                reception.TicketCreate(visit_id=visit_id, partner=form.partner),
            )
        except AgenturError as exc:
            return self._outcome(request, staff, problem=problem_of(exc), status=status_of(exc))
        return self._outcome(request, staff, ticket=issued, office=staff.words.partner(form.partner))

    @get("/visits/{visit_id:str}/slots", opt={"roles": CASE_ROLES})
    async def slots(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        visit_id: FromPath[str],
        partner: FromQuery[str],
        service: FromQuery[str],
        person: FromQuery[str],
        language: FromQuery[str] = "de",
    ) -> Template:
        """Free slots of one office for the next weeks (ids only in the URL: nothing personal)."""
        since = dt.datetime.now(dt.UTC)
        try:
            free = await appointments.free_slots(
                agency_of(request.app.state), staff.principal, partner, since, since + dt.timedelta(days=SLOT_DAYS)
            )
        except AgenturError as exc:
            return self._outcome(request, staff, problem=problem_of(exc), status=status_of(exc))
        days: dict[dt.date, list[appointments.SlotOut]] = {}
        for slot in free:
            days.setdefault(slot.start.astimezone(LOCAL_TIME).date(), []).append(slot)
        return page(
            request,
            "ui/desk/_slots.html",
            staff,
            days=days,
            visit_id=visit_id,
            partner=partner,
            service=service,
            person_id=person,
            language=_language(language),
            office=staff.words.partner(partner),
        )

    @post("/visits/{visit_id:str}/appointment", opt={"roles": CASE_ROLES})
    async def book(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], visit_id: FromPath[str]
    ) -> Template:
        form = await read_form(request, BookForm)
        if not form.slot_id:
            return self._outcome(
                request, staff, problem=problem_of(InvalidInput("slot", {"slot_id": "required"})), status=422
            )
        try:
            booked = await appointments.book(
                agency_of(request.app.state),
                staff.principal,
                appointments.AppointmentCreate(
                    person_id=form.person_id,
                    partner=form.partner,
                    service=form.service,
                    slot_id=form.slot_id,
                    language=_language(form.language),
                    visit_id=visit_id,
                ),
            )
        except AgenturError as exc:
            return self._outcome(request, staff, problem=problem_of(exc), status=status_of(exc))
        return self._outcome(request, staff, appointment=booked, office=staff.words.partner(form.partner))

    @post("/visits/{visit_id:str}/resolve", opt={"roles": CASE_ROLES})
    async def resolve(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], visit_id: FromPath[str]
    ) -> Template:
        form = await read_form(request, ResolveForm)
        if not form.note.strip():
            return self._outcome(
                request, staff, problem=problem_of(InvalidInput("note", {"note": "required"})), status=422
            )
        try:
            await reception.resolve_visit(agency_of(request.app.state), staff.principal, visit_id, form.note)
        except AgenturError as exc:
            return self._outcome(request, staff, problem=problem_of(exc), status=status_of(exc))
        return self._outcome(request, staff, resolved=True)

    def _outcome(
        self, request: Request[Any, Any, Any], staff: StaffContext, status: int = 200, **context: Any
    ) -> Template:
        """What came of the visit: a fragment for htmx, a whole page for a plain form post."""
        values = {
            "problem": None,
            "referral": None,
            "ticket": None,
            "appointment": None,
            "resolved": False,
            "office": "",
        }
        values.update(context)
        fragment = bool(request.headers.get("hx-request"))
        template = page(request, "ui/desk/_outcome.html" if fragment else "ui/desk/outcome.html", staff, **values)
        template.status_code = status
        return template


class InvitationController(Controller):
    """The printable invitation letter in the person's language, for the desk's printer."""

    path = "/ui/appointments"
    include_in_schema = False

    @get("/{appointment_id:str}/invitation", opt={"roles": CASE_ROLES})
    async def invitation(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], appointment_id: FromPath[str]
    ) -> Response[str]:
        composed = await invitations.compose(
            agency_of(request.app.state), request.app.state.documents, staff.principal, appointment_id
        )
        return document(composed.html)

    @get("/{appointment_id:str}/invitation.ics", opt={"roles": CASE_ROLES})
    async def calendar_file(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], appointment_id: FromPath[str]
    ) -> Response[bytes]:
        composed = await invitations.compose(
            agency_of(request.app.state), request.app.state.documents, staff.principal, appointment_id
        )
        return Response(
            composed.ics,
            media_type="text/calendar; charset=utf-8",
            headers={
                "Content-Disposition": f'attachment; filename="termin-{composed.view.code}.ics"',
                "Cache-Control": "no-store",
            },
        )


def _language(code: str) -> str:
    return code if code in LANGUAGES else "de"


def _choices(staff: StaffContext, suggestions: list[Suggestion], concerns: list[str]) -> list[Choice]:
    """Triage's suggestions best first, then the concerns the desk ticked that triage did not name."""
    words = staff.words
    choices: list[Choice] = []
    seen: set[tuple[str, str]] = set()

    def service_name(partner_id: str, service_id: str) -> str:
        partner = staff.directory.get(partner_id)
        service = partner.service(service_id) if partner else None
        if service is None:
            return service_id
        return service.names.get(staff.lang) or service.names.get("de") or service_id

    for s in suggestions:
        seen.add((s.partner, s.service))
        choices.append(
            Choice(
                partner=s.partner,
                service=s.service,
                partner_name=words.partner(s.partner),
                service_name=service_name(s.partner, s.service),
                score=s.score,
                reason="" if s.reason.startswith(MATCHED) else s.reason,
                matched=s.reason[len(MATCHED) :] if s.reason.startswith(MATCHED) else "",
            )
        )
    for concern in concerns:
        partner_id, _, service_id = concern.partition("/")
        if (partner_id, service_id) in seen:
            continue
        seen.add((partner_id, service_id))
        choices.append(
            Choice(
                partner=partner_id,
                service=service_id,
                partner_name=words.partner(partner_id),
                service_name=service_name(partner_id, service_id),
            )
        )
    return choices

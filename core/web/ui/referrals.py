"""The referral screens: the office's inbox, its sent referrals (outbox), and one referral with its actions.

Both involved offices see a referral (``read_referral`` decides); the receiving office accepts,
declines (with a reason), starts and completes it (with an outcome), the sending office may revoke
it while the state machine allows. Every action is a plain form POST that redirects back to the
referral; with htmx it swaps only the referral's status panel.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery, QueryParameter
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_200_OK

from core.access import CASE_ROLES
from core.domain.base import Schema
from core.domain.errors import AgenturError, Conflict, Forbidden, InvalidInput, NotFound
from core.domain.referral import IN_HAND_STATES, TRANSITIONS, UNANSWERED_STATES, ReferralState, Urgency
from core.i18n import N_
from core.services.persons import read_person
from core.services.referrals import ReferralOut, act, latest_in_box, read_referral
from core.web.ui.context import Problem, StaffContext, agency_of, page, problem_of, read_form
from core.web.ui.templating import gettext_for

BOX_LIMIT = 200
"""Lines shown per box; the state filter narrows it down further."""

STATE_NAMES: dict[str, str] = {
    ReferralState.SENT: N_("Sent"),
    ReferralState.RECEIVED: N_("Received"),
    ReferralState.ACCEPTED: N_("Accepted"),
    ReferralState.DECLINED: N_("Declined"),
    ReferralState.IN_PROGRESS: N_("In progress"),
    ReferralState.COMPLETED: N_("Completed"),
    ReferralState.REVOKED: N_("Revoked"),
    ReferralState.EXPIRED: N_("Expired"),
}
URGENCY_NAMES: dict[str, str] = {
    Urgency.NORMAL: N_("Normal"),
    Urgency.URGENT: N_("Urgent"),
    Urgency.IMMEDIATE: N_("Immediate"),
}
DONE: dict[str, str] = {
    "accept": N_("The referral is accepted."),
    "decline": N_("The referral is declined; the sending office sees your reason."),
    "start": N_("Work on the referral has started."),
    "complete": N_("The referral is completed; the sending office sees the outcome."),
    "revoke": N_("The referral is revoked."),
}
FIELD_LABELS: dict[str, str] = {"reason": N_("Reason for declining"), "outcome": N_("Outcome")}

RECEIVER_ACTIONS: dict[str, ReferralState] = {
    "accept": ReferralState.ACCEPTED,
    "decline": ReferralState.DECLINED,
    "start": ReferralState.IN_PROGRESS,
    "complete": ReferralState.COMPLETED,
}
SENDER_ACTIONS: dict[str, ReferralState] = {"revoke": ReferralState.REVOKED}
ACTIONS = (*RECEIVER_ACTIONS, *SENDER_ACTIONS)
OPEN_STATES = (*UNANSWERED_STATES, *IN_HAND_STATES)
SENDER_STEPS = (ReferralState.SENT, ReferralState.REVOKED)
"""Steps the sending office takes; the receiving office takes all others except ``expired`` (the deadline)."""

Text = Annotated[str, msgspec.Meta(max_length=2000)]
StateFilter = Annotated[str | None, QueryParameter(name="state")]
"""``state`` is a reserved parameter name in Litestar; the query parameter keeps it."""


class ActionForm(Schema, frozen=True):
    """An action's form: the decline carries ``reason``, the completion ``outcome`` (the service checks them)."""

    reason: Text = ""
    outcome: Text = ""


@dataclass(frozen=True)
class HistoryLine:
    state: str
    at: dt.datetime
    office: str


def allowed_actions(staff: StaffContext, referral: ReferralOut) -> list[str]:
    """The actions the state machine allows this office now (the service checks again when one is posted)."""
    allowed = TRANSITIONS[referral.state]
    own: dict[str, ReferralState] = {}
    if staff.principal.partner_id == referral.to_partner:
        own.update(RECEIVER_ACTIONS)
    if staff.principal.partner_id == referral.from_partner:
        own.update(SENDER_ACTIONS)
    return [kind for kind, target in own.items() if target in allowed]


def service_name(staff: StaffContext, partner_id: str, service_id: str) -> str:
    partner = staff.directory.get(partner_id)
    service = partner.service(service_id) if partner is not None else None
    if service is None:
        return service_id
    return service.names.get(staff.lang) or service.names.get("de") or service_id


def history(staff: StaffContext, referral: ReferralOut) -> list[HistoryLine]:
    gettext = gettext_for(staff.lang)
    lines = []
    for step in referral.history:
        if step.state is ReferralState.EXPIRED:
            office = gettext(N_("Automatically, at the due date"))
        else:
            office = staff.words.partner(referral.from_partner if step.state in SENDER_STEPS else referral.to_partner)
        lines.append(HistoryLine(state=step.state.value, at=step.at, office=office))
    return lines


def is_overdue(state: ReferralState, due: dt.date) -> bool:
    return state in OPEN_STATES and due < dt.date.today()


def _helpers(staff: StaffContext) -> dict[str, Any]:
    return {
        "state_names": STATE_NAMES,
        "urgency_names": URGENCY_NAMES,
        "service_name": lambda partner_id, service_id: service_name(staff, partner_id, service_id),
        "is_overdue": is_overdue,
    }


def _labelled(staff: StaffContext, problem: Problem) -> Problem:
    """The problem with this screen's words for its fields (``ui/_problem.html`` shows them as given)."""
    gettext = gettext_for(staff.lang)
    return Problem(problem.text, tuple(gettext(FIELD_LABELS[f]) if f in FIELD_LABELS else f for f in problem.fields))


def _status(exc: AgenturError) -> int:
    if isinstance(exc, InvalidInput):
        return 422
    if isinstance(exc, Conflict):
        return 409
    if isinstance(exc, Forbidden):
        return 403
    return 400


async def _box(request: Request[Any, Any, Any], staff: StaffContext, *, box: str, state: str | None) -> Template:
    problem = None
    status = HTTP_200_OK
    try:
        entries = await latest_in_box(
            agency_of(request.app.state), staff.principal, box=box, state=state or None, limit=BOX_LIMIT
        )
    except InvalidInput as exc:
        entries, problem, status = [], problem_of(exc), 422
    template = page(
        request,
        "ui/referrals/box.html",
        staff,
        inbox=box == "inbox",
        entries=entries,
        chosen=state or "",
        states=list(ReferralState),
        limit=BOX_LIMIT,
        problem=problem,
        **_helpers(staff),
    )
    template.status_code = status
    return template


class InboxController(Controller):
    """Referrals sent to the user's office."""

    path = "/ui/inbox"
    include_in_schema = False

    @get("/", opt={"roles": CASE_ROLES})
    async def inbox(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], state_filter: StateFilter = None
    ) -> Template:
        return await _box(request, staff, box="inbox", state=state_filter)


class OutboxController(Controller):
    """Referrals the user's office sent, with their current state."""

    path = "/ui/outbox"
    include_in_schema = False

    @get("/", opt={"roles": CASE_ROLES})
    async def outbox(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], state_filter: StateFilter = None
    ) -> Template:
        return await _box(request, staff, box="outbox", state=state_filter)


class ReferralController(Controller):
    """One referral: the person as far as the office may see them, the reason, the history and the actions."""

    path = "/ui/referrals"
    include_in_schema = False

    async def _person_name(self, request: Request[Any, Any, Any], staff: StaffContext, person_id: str) -> str | None:
        """The person's name if this office may see it (``None`` when it may see nothing of the person)."""
        try:
            person = await read_person(agency_of(request.app.state), staff.principal, person_id)
        except NotFound:
            return None
        parts = [str(person.fields[f]) for f in ("given_names", "family_name") if person.fields.get(f)]
        return " ".join(parts)

    def _context(self, staff: StaffContext, referral: ReferralOut, **extra: Any) -> dict[str, Any]:
        return {
            "referral": referral,
            "service": service_name(staff, referral.to_partner, referral.service),
            "actions": allowed_actions(staff, referral),
            "history": history(staff, referral),
            "done": None,
            "problem": None,
            "failed": None,
            "invalid": (),
            "texts": {"reason": "", "outcome": ""},
            **_helpers(staff),
            **extra,
        }

    @get("/{referral_id:str}", opt={"roles": CASE_ROLES})
    async def show(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        referral_id: FromPath[str],
        done: FromQuery[str | None] = None,
    ) -> Template:
        referral = await read_referral(agency_of(request.app.state), staff.principal, referral_id)
        name = await self._person_name(request, staff, referral.person_id)
        context = self._context(staff, referral, done=DONE.get(done or ""), person_name=name)
        return page(request, "ui/referrals/referral.html", staff, **context)

    @post("/{referral_id:str}/{action:str}", opt={"roles": CASE_ROLES}, status_code=HTTP_200_OK)
    async def take_action(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        referral_id: FromPath[str],
        action: FromPath[str],
    ) -> Template | Redirect:
        if action not in ACTIONS:
            raise NotFound("no such action")
        agency = agency_of(request.app.state)
        htmx = bool(request.headers.get("hx-request"))
        texts = {"reason": "", "outcome": ""}
        try:
            form = await read_form(request, ActionForm)
            texts = {"reason": form.reason, "outcome": form.outcome}
            text = form.reason if action == "decline" else form.outcome if action == "complete" else None
            moved = await act(agency, staff.principal, referral_id, action, text)
        except NotFound:
            raise
        except AgenturError as exc:
            referral = await read_referral(agency, staff.principal, referral_id)
            problem = problem_of(exc)
            context = self._context(
                staff, referral, problem=_labelled(staff, problem), failed=action, invalid=problem.fields
            )
            context["texts"] = texts
            if htmx:  # base.html's htmx-config swaps 4xx answers too: the panel comes back with the problem
                template = page(request, "ui/referrals/_status.html", staff, **context)
            else:
                name = await self._person_name(request, staff, referral.person_id)
                template = page(request, "ui/referrals/referral.html", staff, person_name=name, **context)
            template.status_code = _status(exc)
            return template
        if htmx:
            context = self._context(staff, moved, done=DONE[action])
            return page(request, "ui/referrals/_status.html", staff, **context)
        return Redirect(path=f"/ui/referrals/{referral_id}?done={action}")

"""The audit trail for the data-protection officer: every event page by page, by person, and the chain check.

A person is named by the pseudonymous id only (it may travel in the URL); events hold ids, field
names and legal bases, never values. Who acted is shown as its pseudonymous subject (``user:…``,
``token:…``), which the administration can resolve when an inquiry needs it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromQuery
from litestar.response import Template

from core.audit import AuditEvent, ChainReport
from core.domain.staff import Role
from core.i18n import N_
from core.services.auditing import audit_page, verify_chain
from core.web.documents import ACTIONS, AuditLine
from core.web.ui.context import StaffContext, agency_of, page

AUDITOR = (Role.AUDITOR,)
PAGE_SIZE = 50
PERSON_ID = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
STAFF_ACTIONS = {
    **ACTIONS,
    "consent.list": N_("Consents listed"),
    "appointment.book": N_("Appointment booked"),
    "appointment.cancelled": N_("Appointment cancelled"),
    "appointment.no_show": N_("Appointment not kept"),
    "appointment.attended": N_("Appointment kept"),
    "appointment.reschedule": N_("Appointment moved"),
    "appointment.invitation": N_("Invitation prepared"),
    "visit.check_in": N_("Checked in at the desk"),
    "visit.resolve": N_("Visit closed at the desk"),
    "referral.send": N_("Referral sent"),
    "referral.read": N_("Referral read"),
    "referral.accept": N_("Referral accepted"),
    "referral.decline": N_("Referral declined"),
    "referral.complete": N_("Referral completed"),
    "referral.revoke": N_("Referral withdrawn"),
    "referral.eligibility_view": N_("Eligibility checked for a referral"),
    "referral.plugin_view": N_("Referral read by the office's system"),
    "staff.login_created": N_("Login created"),
    "staff.login_deactivated": N_("Login deactivated"),
    "staff.login_reactivated": N_("Login reactivated"),
    "staff.password_reset": N_("New password set for a login"),
    "staff.token_created": N_("API token created"),
    "staff.token_revoked": N_("API token revoked"),
}
"""Actions in words: the person-facing ones of ``documents.ACTIONS`` and the staff's own; others as their code."""


@dataclass(frozen=True)
class Line:
    line: AuditLine
    event: AuditEvent
    action: str


class AuditController(Controller):
    """``/ui/audit``: read-only; the filter is a person id, which is not personal data."""

    path = "/ui/audit"
    include_in_schema = False

    @get("/", opt={"roles": AUDITOR})
    async def trail(
        self,
        request: Request[Any, Any, Any],
        staff: NamedDependency[StaffContext],
        person: FromQuery[str] = "",
        after: FromQuery[int] = 0,
    ) -> Template:
        return await self._page(request, staff, person, after)

    @post("/verify", opt={"roles": AUDITOR})
    async def verify(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        """Walk the whole chain; htmx gets the result alone, a plain form post the page with it."""
        report = await verify_chain(agency_of(request.app.state), staff.principal)
        if request.headers.get("hx-request"):
            return page(request, "ui/audit/_chain.html", staff, report=report)
        return await self._page(request, staff, "", 0, report=report)

    async def _page(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        person: str,
        after: int,
        *,
        report: ChainReport | None = None,
    ) -> Template:
        person = person.strip()
        bad_person = bool(person) and not PERSON_ID.fullmatch(person)
        events, next_after = (
            ([], None)
            if bad_person
            else await audit_page(
                agency_of(request.app.state),
                staff.principal,
                person_id=person or None,
                after=max(after, 0),
                limit=PAGE_SIZE,
            )
        )
        words = staff.words
        lines = [Line(words.audit(e), e, words.coded(STAFF_ACTIONS, e.action)) for e in events]
        return page(
            request,
            "ui/audit/trail.html",
            staff,
            person=person,
            bad_person=bad_person,
            after=after,
            lines=lines,
            next_after=next_after,
            report=report,
        )

"""Who is at the screen: the signed-in staff member from the session, the page's language, and ``page()``.

Every ``/ui`` route except sign-in passes ``require_staff`` (a ``before_request`` hook of the UI
router): without a live session it answers with a redirect to the sign-in page (for htmx requests an
``HX-Redirect``), so no screen is ever rendered for nobody. Routes name the roles they serve in
``opt={"roles": …}``; a user of another role gets the "not for your role" page.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any, TypeVar

import msgspec
from litestar import Request, Response
from litestar.datastructures import State
from litestar.exceptions import PermissionDeniedException
from litestar.plugins.htmx import HTMXTemplate
from litestar.response import Redirect, Template
from litestar.status_codes import HTTP_401_UNAUTHORIZED

from core.access import CASE_ROLES
from core.domain.errors import AgenturError, Conflict, Forbidden, InvalidInput, NotFound
from core.domain.staff import Principal, Role, Tenant
from core.i18n import DEFAULT, LANGUAGES, N_, direction, language_or_default
from core.plugins import PartnerDirectory
from core.services.agency import Agency
from core.storage.engine import scope_to_tenant
from core.storage.repositories import now
from core.web.documents import Words
from core.web.ui.sessions import signed_in_user

LANGUAGE_COOKIE = "agentur-lang"
LANGUAGE_NAMES = {"de": "Deutsch", "en": "English", "ar": "العربية", "ku": "Kurdî"}
"""Each language in its own words, as a language switch shows them."""
LOGIN_PATH = "/ui/login"
CSRF_FIELD = "_csrf_token"


@dataclass(frozen=True)
class NavItem:
    path: str
    label: str
    roles: tuple[Role, ...]


NAVIGATION = (
    NavItem("/ui/desk", N_("Reception desk"), (Role.RECEPTION,)),
    NavItem("/ui/inbox", N_("Inbox"), CASE_ROLES),
    NavItem("/ui/outbox", N_("Sent referrals"), CASE_ROLES),
    NavItem("/ui/calendar", N_("Appointments"), CASE_ROLES),
    NavItem("/ui/audit", N_("Audit trail"), (Role.AUDITOR,)),
    NavItem("/ui/admin", N_("Administration"), (Role.TENANT_ADMIN, Role.PARTNER_ADMIN)),
)
"""The menu; each screen's route repeats its roles in ``opt`` (the menu only hides, the route decides)."""


@dataclass(frozen=True)
class StaffContext:
    """The signed-in user of one request."""

    principal: Principal
    user_id: str
    username: str
    tenant: Tenant
    directory: PartnerDirectory
    lang: str

    @property
    def role(self) -> Role:
        return self.principal.role

    @property
    def partner_name(self) -> str:
        return self.words.partner(self.principal.partner_id)

    @property
    def words(self) -> Words:
        return Words(self.lang, self.directory)


def agency_of(state: State) -> Agency:
    agency: Agency = state.agency
    return agency


def request_language(request: Request[Any, Any, Any]) -> str:
    """The session's language, else the language cookie, else the browser's first language we speak."""
    session = request.session if "session" in request.scope else {}
    chosen = session.get("lang") if isinstance(session, dict) else None
    chosen = chosen or request.cookies.get(LANGUAGE_COOKIE)
    if chosen in LANGUAGES:
        return str(chosen)
    for part in request.headers.get("accept-language", "").split(","):
        code = part.split(";")[0].strip().lower()[:2]
        if code in LANGUAGES:
            return code
    return DEFAULT


async def load_staff(request: Request[Any, Any, Any]) -> StaffContext | None:
    """The signed-in user, or ``None`` (no session, expired after ``MAX_SESSION``, or login deactivated)."""
    session = request.session if "session" in request.scope else {}
    if not isinstance(session, dict) or not session.get("user"):
        return None
    agency = agency_of(request.app.state)
    found = await signed_in_user(agency, session)
    if found is None:
        request.clear_session()
        return None
    principal, username = found
    tenant_id = principal.tenant_id
    tenant, directory = await agency.tenant(tenant_id)
    lang = language_or_default(str(session.get("lang") or DEFAULT))
    return StaffContext(principal, str(session["user"]), username, tenant, directory, lang)


async def require_staff(request: Request[Any, Any, Any]) -> Response[Any] | None:
    """``before_request`` of the UI: a signed-in user of an allowed role, or a way to the sign-in page."""
    opt = request.route_handler.opt
    if opt.get("public"):
        return None
    staff = await load_staff(request)
    if staff is None:
        if request.headers.get("hx-request"):
            return Response(content="", status_code=HTTP_401_UNAUTHORIZED, headers={"HX-Redirect": LOGIN_PATH})
        return Redirect(path=LOGIN_PATH)
    roles = opt.get("roles")
    if roles is not None and staff.role not in roles:
        raise PermissionDeniedException("not for this role")
    request.state.staff = staff
    scope_to_tenant(staff.tenant.tenant_id)
    return None


async def provide_staff(request: Request[Any, Any, Any]) -> StaffContext:
    staff: StaffContext = request.state.staff
    return staff


T = TypeVar("T")


@dataclass(frozen=True)
class Problem:
    """What went wrong with a form, for the screen: a message id (translated in the template) and the bad fields."""

    text: str
    fields: tuple[str, ...] = ()


def status_of(exc: AgenturError) -> int:
    """The HTTP status a screen answers a failed form with (as the API would)."""
    for kind, status in ((InvalidInput, 422), (Conflict, 409), (Forbidden, 403), (NotFound, 404)):
        if isinstance(exc, kind):
            return status
    return 400


def problem_of(exc: AgenturError) -> Problem:
    """The screen's words for a domain error; the service's English detail is for the API and the logs."""
    if isinstance(exc, InvalidInput):
        return Problem(N_("Please check these entries:"), tuple(exc.errors))
    if isinstance(exc, Conflict):
        return Problem(N_("This is not possible in the current state, or someone changed it meanwhile. Please reload."))
    if isinstance(exc, Forbidden):
        return Problem(N_("Your role may not do this."))
    if isinstance(exc, NotFound):
        return Problem(N_("Not found, or not yours to see."))
    return Problem(N_("This did not work. Please try again."))


async def read_form(request: Request[Any, Any, Any], schema: type[T], *, lists: tuple[str, ...] = ()) -> T:
    """The posted form as a msgspec ``schema``; ``InvalidInput`` naming the field (never its value) if it does not fit.

    ``lists`` names the fields that may repeat (check boxes); the CSRF token is not part of any form.
    """
    form = await request.form()
    values: dict[str, Any] = {}
    for key in dict.fromkeys(form.keys()):
        if key == CSRF_FIELD:
            continue
        values[key] = form.getall(key) if key in lists else form.get(key)
    for key in lists:
        values.setdefault(key, [])
    try:
        return msgspec.convert(values, schema, strict=False)
    except msgspec.ValidationError as exc:
        field = str(exc).rpartition("$.")[2].rstrip("`") or "form"
        raise InvalidInput(f"the form field {field!r} is missing or invalid", {field: "invalid"}) from None


def page(request: Request[Any, Any, Any], template: str, staff: StaffContext | None = None, **context: Any) -> Template:
    """A full page, or only its ``main`` block when htmx asks for a fragment (``HTMXTemplate``)."""
    lang = staff.lang if staff is not None else request_language(request)
    values = {
        "lang": lang,
        "dir": direction(lang),
        "staff": staff,
        "nav": [item for item in NAVIGATION if staff is not None and staff.role in item.roles],
        "languages": LANGUAGE_NAMES,
        "now": now(),
        "today": dt.date.today(),
        **context,
    }
    return HTMXTemplate(template_name=template, context=values)

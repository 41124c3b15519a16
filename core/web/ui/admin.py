"""The admin area: the county's partners (read-only), logins and API tokens, within the admin's reach.

A password or token is shown once, on the page that answers the POST that made it (never in a URL,
never logged, never cached: ``Cache-Control: no-store``). What an admin may do is decided by
``core/services/admin.py``: a partner admin only manages their own office and never grants a
county-wide role.
"""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, get, post
from litestar.di import NamedDependency
from litestar.params import FromPath, FromQuery
from litestar.response import Redirect, Template

from core.domain.base import Schema
from core.domain.errors import AgenturError
from core.domain.staff import Role, parse_role
from core.i18n import N_
from core.services import admin
from core.web.ui.context import Problem, StaffContext, agency_of, page, problem_of, read_form, status_of
from core.web.ui.templating import gettext_for

ADMINS = (Role.TENANT_ADMIN, Role.PARTNER_ADMIN)
NO_STORE = {"Cache-Control": "no-store", "Pragma": "no-cache"}
ROLES = {
    Role.RECEPTION: N_("Reception"),
    Role.CASEWORKER: N_("Caseworker"),
    Role.PARTNER_ADMIN: N_("Office administrator"),
    Role.TENANT_ADMIN: N_("County administrator"),
    Role.AUDITOR: N_("Data protection auditor"),
}
DONE = {
    "deactivated": N_("The login is deactivated; its sessions have ended."),
    "reactivated": N_("The login is active again."),
    "revoked": N_("The token is revoked; the system using it is refused from now on."),
}
FIELDS = {
    "name": N_("Name"),
    "username": N_("User name"),
    "role": N_("Role"),
    "partner": N_("Office"),
    "partner_id": N_("Office"),
    "user": N_("Login"),
}


class LoginForm(Schema, frozen=True):
    username: Annotated[str, msgspec.Meta(max_length=80)] = ""
    role: str = ""
    partner: str = ""


class TokenForm(Schema, frozen=True):
    name: Annotated[str, msgspec.Meta(max_length=80)] = ""
    role: str = ""
    partner: str = ""


class AdminController(Controller):
    """``/ui/admin``: one overview page; each change a small POST form."""

    path = "/ui/admin"
    include_in_schema = False

    @get("/", opt={"roles": ADMINS})
    async def overview(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], done: FromQuery[str] = ""
    ) -> Template:
        return await self._overview(request, staff, done=done)

    async def _overview(
        self,
        request: Request[Any, Any, Any],
        staff: StaffContext,
        *,
        done: str = "",
        problem: Problem | None = None,
        status: int = 200,
        login: LoginForm | None = None,
        token: TokenForm | None = None,
    ) -> Template:
        agency = agency_of(request.app.state)
        logins = await admin.list_logins(agency, staff.principal)
        tokens = await admin.list_tokens(agency, staff.principal)
        county_wide = staff.role is Role.TENANT_ADMIN
        grantable = (
            [r for r in Role if r not in admin.COUNTY_ROLES] if county_wide else list(admin.PARTNER_ADMIN_GRANTS)
        )
        partners = staff.directory.partners()
        offices = [
            (p.id, staff.words.partner(p.id)) for p in partners if county_wide or p.id == staff.principal.partner_id
        ]
        template = page(
            request,
            "ui/admin/overview.html",
            staff,
            partners=[
                (
                    p,
                    staff.words.partner(p.id),
                    [s.names.get(staff.lang) or s.names.get("de") or s.id for s in p.services],
                    p.id in staff.tenant.plugins,
                )
                for p in partners
            ],
            logins=logins,
            tokens=tokens,
            roles=ROLES,
            grantable=grantable,
            manageable=[r.value for r in Role if county_wide or r in admin.PARTNER_ADMIN_GRANTS],
            grantable_values=[r.value for r in grantable],
            offices=offices,
            own_subject=staff.principal.subject,
            done=DONE.get(done),
            problem=problem,
            login=login or LoginForm(partner=staff.principal.partner_id, role=Role.CASEWORKER.value),
            token=token or TokenForm(partner=staff.principal.partner_id, role=Role.CASEWORKER.value),
        )
        template.status_code = status
        return template

    def _once(
        self, request: Request[Any, Any, Any], staff: StaffContext, *, kind: str, secret: str, **context: Any
    ) -> Template:
        """The one page that shows a new password or token; nothing keeps it (no cache, no history)."""
        template = page(request, "ui/admin/once.html", staff, kind=kind, secret=secret, roles=ROLES, **context)
        template.headers.update(NO_STORE)
        return template

    def _problem(self, exc: AgenturError, staff: StaffContext) -> Problem:
        found = problem_of(exc)
        gettext = gettext_for(staff.lang)
        return Problem(found.text, tuple(gettext(FIELDS[f]) if f in FIELDS else f for f in found.fields))

    @post("/logins", opt={"roles": ADMINS})
    async def add_login(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        form = await read_form(request, LoginForm)
        username = form.username.strip()
        try:
            password = await admin.add_login(
                agency_of(request.app.state),
                staff.principal,
                partner_id=form.partner,
                role=parse_role(form.role),
                username=username,
            )
        except AgenturError as exc:
            return await self._overview(
                request, staff, problem=self._problem(exc, staff), status=status_of(exc), login=form
            )
        return self._once(
            request,
            staff,
            kind="login",
            secret=password,
            username=username,
            role=Role(form.role),
            office=staff.words.partner(form.partner),
        )

    @post("/logins/{user_id:str}/deactivate", opt={"roles": ADMINS})
    async def deactivate(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], user_id: FromPath[str]
    ) -> Any:
        return await self._set_active(request, staff, user_id, False)

    @post("/logins/{user_id:str}/reactivate", opt={"roles": ADMINS})
    async def reactivate(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], user_id: FromPath[str]
    ) -> Any:
        return await self._set_active(request, staff, user_id, True)

    async def _set_active(
        self, request: Request[Any, Any, Any], staff: StaffContext, user_id: str, active: bool
    ) -> Template | Redirect:
        try:
            await admin.set_login_active(agency_of(request.app.state), staff.principal, user_id, active)
        except AgenturError as exc:
            return await self._overview(request, staff, problem=self._problem(exc, staff), status=status_of(exc))
        return Redirect(path=f"/ui/admin?done={'reactivated' if active else 'deactivated'}")

    @post("/logins/{user_id:str}/password", opt={"roles": ADMINS})
    async def reset_password(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], user_id: FromPath[str]
    ) -> Template:
        agency = agency_of(request.app.state)
        try:
            password = await admin.reset_password(agency, staff.principal, user_id)
        except AgenturError as exc:
            return await self._overview(request, staff, problem=self._problem(exc, staff), status=status_of(exc))
        username = next((u.username for u in await admin.list_logins(agency, staff.principal) if u.id == user_id), "")
        return self._once(request, staff, kind="password", secret=password, username=username)

    @post("/tokens", opt={"roles": ADMINS})
    async def add_token(self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext]) -> Template:
        form = await read_form(request, TokenForm)
        try:
            token = await admin.add_token(
                agency_of(request.app.state),
                staff.principal,
                partner_id=form.partner,
                role=parse_role(form.role),
                name=form.name,
            )
        except AgenturError as exc:
            return await self._overview(
                request, staff, problem=self._problem(exc, staff), status=status_of(exc), token=form
            )
        return self._once(
            request,
            staff,
            kind="token",
            secret=token,
            name=form.name.strip(),
            role=Role(form.role),
            office=staff.words.partner(form.partner),
        )

    @post("/tokens/{token_id:str}/revoke", opt={"roles": ADMINS})
    async def revoke_token(
        self, request: Request[Any, Any, Any], staff: NamedDependency[StaffContext], token_id: FromPath[str]
    ) -> Template | Redirect:
        try:
            await admin.revoke_token(agency_of(request.app.state), staff.principal, token_id)
        except AgenturError as exc:
            return await self._overview(request, staff, problem=self._problem(exc, staff), status=status_of(exc))
        return Redirect(path="/ui/admin?done=revoked")

"""Sign-in, sign-out and the language switch of the staff web UI."""

from __future__ import annotations

from typing import Annotated, Any

import msgspec
from litestar import Controller, Request, Response, get, post
from litestar.middleware.rate_limit import RateLimitConfig
from litestar.response import Redirect, Template

from core.domain.base import Schema
from core.domain.errors import Unauthenticated
from core.domain.staff import Role
from core.i18n import LANGUAGES
from core.services.signin import LockedOut, sign_in
from core.storage.repositories import Tenants, now
from core.web.ui.context import (
    LANGUAGE_COOKIE,
    LOGIN_PATH,
    agency_of,
    load_staff,
    page,
    read_form,
    request_language,
)
from core.web.ui.sessions import STORE_NAME, rotate_session_id
from core.web.ui.templating import gettext_for

SIGN_INS_PER_MINUTE = 30
"""Per address: generous enough for an office whose staff share one NAT address at the start of a shift;
guessing one login's password is stopped by the per-login lockout (``services/signin``), not by this."""
LOGIN_RATE_LIMIT = RateLimitConfig(rate_limit=("minute", SIGN_INS_PER_MINUTE), store="rate_limit")

HOME_BY_ROLE = {
    Role.RECEPTION: "/ui/desk",
    Role.CASEWORKER: "/ui/inbox",
    Role.PARTNER_ADMIN: "/ui/inbox",
    Role.TENANT_ADMIN: "/ui/admin",
    Role.AUDITOR: "/ui/audit",
}


class SignInForm(Schema, frozen=True):
    tenant: Annotated[str, msgspec.Meta(max_length=40)] = ""
    username: Annotated[str, msgspec.Meta(max_length=80)] = ""
    password: Annotated[str, msgspec.Meta(max_length=200)] = ""


class LanguageForm(Schema, frozen=True):
    lang: str
    back: str = "/ui/"


def _local_path(path: str) -> str:
    """Only paths of this site as a target (no open redirect through ``back``)."""
    return path if path.startswith("/ui/") and not path.startswith("//") else "/ui/"


class AuthController(Controller):
    path = "/ui"
    include_in_schema = False

    @get("/", opt={"public": True})
    async def home(self, request: Request[Any, Any, Any]) -> Redirect:
        staff = await load_staff(request)
        return Redirect(path=HOME_BY_ROLE[staff.role] if staff else LOGIN_PATH)

    @get("/login", opt={"public": True})
    async def login_form(self, request: Request[Any, Any, Any]) -> Template | Redirect:
        if await load_staff(request) is not None:
            return Redirect(path="/ui/")
        return await self._login_page(request, SignInForm(), error=None)

    async def _login_page(
        self, request: Request[Any, Any, Any], form: SignInForm, *, error: str | None, status: int = 200
    ) -> Template:
        tenants = [t for t, _ in await Tenants(agency_of(request.app.state).db).all()]
        chosen = form.tenant or (tenants[0].tenant_id if len(tenants) == 1 else "")
        template = page(request, "ui/login.html", tenants=tenants, chosen=chosen, form=form, error=error)
        template.status_code = status
        return template

    @post("/login", opt={"public": True}, middleware=[LOGIN_RATE_LIMIT.middleware])
    async def login(self, request: Request[Any, Any, Any]) -> Template | Redirect:
        form = await read_form(request, SignInForm)
        _ = gettext_for(request_language(request))
        try:
            signed = await sign_in(agency_of(request.app.state), form.tenant, form.username.strip(), form.password)
        except LockedOut:
            message = _(
                "Too many wrong passwords: this login is locked for 15 minutes. An administrator can unlock it."
            )
            return await self._login_page(request, _blank_password(form), error=message, status=401)
        except Unauthenticated:
            message = _("The user name or password is wrong.")
            return await self._login_page(request, _blank_password(form), error=message, status=401)
        old = rotate_session_id(request)
        if old:
            await _forget(request, old)
        request.set_session(
            {
                "tenant": signed.principal.tenant_id,
                "user": signed.user_id,
                "lang": request_language(request),
                "since": now().isoformat(),
            }
        )
        return Redirect(path=HOME_BY_ROLE[signed.principal.role])

    @post("/logout", opt={"public": True})
    async def logout(self, request: Request[Any, Any, Any]) -> Redirect:
        old = rotate_session_id(request)
        if old:
            await _forget(request, old)
        request.clear_session()
        return Redirect(path=LOGIN_PATH)

    @post("/language", opt={"public": True})
    async def language(self, request: Request[Any, Any, Any]) -> Response[Any]:
        form = await read_form(request, LanguageForm)
        lang = form.lang if form.lang in LANGUAGES else "de"
        session = request.session if "session" in request.scope else {}
        if isinstance(session, dict) and session.get("user"):
            request.set_session({**session, "lang": lang})
        response: Response[Any] = Redirect(path=_local_path(form.back))
        response.set_cookie(
            LANGUAGE_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="strict", secure=True
        )
        return response


def _blank_password(form: SignInForm) -> SignInForm:
    return SignInForm(tenant=form.tenant, username=form.username)


async def _forget(request: Request[Any, Any, Any], session_id: str) -> None:
    await request.app.stores.get(STORE_NAME).delete(session_id)

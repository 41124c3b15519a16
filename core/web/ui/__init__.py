"""The staff web UI: server-rendered screens under ``/ui`` (Jinja + htmx), signed in through sessions."""

from __future__ import annotations

import contextlib
import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

from litestar import Request, Response, Router, get
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import NotFoundException, PermissionDeniedException, TooManyRequestsException
from litestar.response import Redirect
from litestar.static_files import create_static_files_router
from litestar.types import ControllerRouterHandler

from core.domain.errors import DeclarationError, Forbidden, NotFound
from core.i18n import N_
from core.web.ui.auth import AuthController
from core.web.ui.context import load_staff, page, provide_staff, require_staff
from core.web.ui.headers import SCREEN_HEADERS, security_headers

STATIC = Path(__file__).resolve().parent.parent / "static"
SECRET_ENV = "AGENTUR_WEB_SECRET"  # noqa: S105 - the name of a variable, not a secret
CSRF_COOKIE = "__Host-agentur-csrf"
MIN_SECRET = 32


def ui_controllers() -> list[ControllerRouterHandler]:
    """Every screen's controller; each module owns one screen (or a pair that belong together)."""
    from core.web.ui.screens import SCREENS

    return [AuthController, *SCREENS]


def _error_page(status: int, title: str, text: str) -> Any:
    def handler(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
        staff = getattr(request.state, "staff", None)
        template = page(request, "ui/error.html", staff, title=title, text=text)
        template.status_code = status
        template.headers.update(SCREEN_HEADERS)  # exception handlers skip the router's after_request
        return template

    return handler


def ui_router() -> Router:
    return Router(
        path="/",
        route_handlers=ui_controllers(),
        before_request=require_staff,
        after_request=security_headers,
        dependencies={"staff": Provide(provide_staff)},
        include_in_schema=False,
        exception_handlers={
            PermissionDeniedException: _error_page(
                403, N_("Not for your role"), N_("This screen is not part of your work.")
            ),
            Forbidden: _error_page(403, N_("Not allowed"), N_("Your role may see this, but not do this.")),
            NotFoundException: _error_page(404, N_("Not found"), N_("There is nothing here, or nothing you may see.")),
            NotFound: _error_page(404, N_("Not found"), N_("There is nothing here, or nothing you may see.")),
            TooManyRequestsException: _error_page(
                429, N_("Too many attempts"), N_("Please wait a minute and try again.")
            ),
        },
    )


@get("/", include_in_schema=False)
async def root(request: Request[Any, Any, Any]) -> Redirect:
    return Redirect(path="/ui/" if await load_staff(request) else "/ui/login")


def static_files() -> Router:
    return create_static_files_router(path="/static", directories=[STATIC], include_in_schema=False)


def web_secret(home: Path) -> str:
    """The CSRF signing secret: ``AGENTUR_WEB_SECRET``, else a random one kept in ``home`` (mode 0600).

    Every process of one agency must use the same secret (a form served by one worker is posted to
    another), so it is kept, not made per start. It is written whole under a temporary name and then
    linked into place, so a worker starting at the same moment never reads a half-written file.
    """
    given = os.environ.get(SECRET_ENV)
    if given:
        if len(given) < MIN_SECRET:
            raise DeclarationError(f"{SECRET_ENV} must have at least {MIN_SECRET} characters")
        return given
    path = home / "web-secret"
    if not path.exists():
        home.mkdir(parents=True, exist_ok=True)
        fd, temporary = tempfile.mkstemp(dir=home, prefix=".web-secret.")
        try:
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(32))
            with contextlib.suppress(FileExistsError):  # another worker was first: use theirs
                os.link(temporary, path)
        finally:
            os.unlink(temporary)
    if path.stat().st_mode & 0o077:
        raise DeclarationError(f"{path} must be readable by its owner only (chmod 600)")
    secret = path.read_text().strip()
    if len(secret) < MIN_SECRET:
        raise DeclarationError(f"{path} holds no usable secret; delete it and start again")
    return secret


def csrf_config(home: Path) -> CSRFConfig:
    return CSRFConfig(
        secret=web_secret(home),
        cookie_name=CSRF_COOKIE,
        cookie_secure=True,
        cookie_httponly=True,
        cookie_samesite="strict",
        exclude=["^/api/"],
    )

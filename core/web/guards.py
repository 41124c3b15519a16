"""Who is calling: the bearer token of a tenant path, resolved into a ``Principal``."""

from __future__ import annotations

import json
from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.handlers.base import BaseRouteHandler

from core.domain.errors import NotFound, Unauthenticated
from core.domain.staff import Principal
from core.plugins import PartnerDirectory
from core.services.agency import Agency
from core.services.staff import authenticate_token
from core.storage.engine import scope_to_tenant
from core.storage.repositories import WebSessions, now
from core.web.ui.sessions import SESSION_COOKIE, session_key, signed_in_user

SAFE_METHODS = frozenset({"GET", "HEAD"})
"""The web UI's session cookie opens the API for reading only: a cookie travels with cross-site requests,
so anything that changes data needs a bearer token (which no other site can make a browser send)."""


async def session_principal(agency: Agency, tenant_id: str, cookie: str) -> Principal:
    """The signed-in staff member behind a web UI session cookie; 401 if none, 404 across tenants."""
    data = await WebSessions(agency.db).get(session_key(cookie), now())
    session = json.loads(data) if data else {}
    found = await signed_in_user(agency, session)
    if found is None:
        raise Unauthenticated("the session has ended; sign in again")
    if session["tenant"] != tenant_id:
        raise NotFound("no such tenant")
    return found[0]


def agency_of(state: State) -> Agency:
    agency: Agency = state.agency
    return agency


async def authenticated(connection: ASGIConnection[Any, Any, Any, Any], handler: BaseRouteHandler) -> None:
    """Guard of every ``/api/v1/{tenant}/…`` route: 401 without a valid token, 404 across tenants.

    A guard runs before the request's parameters and body are parsed, so a foreign or missing token
    learns nothing from validation errors.
    """
    header = connection.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    bearer = token.strip() if scheme.lower() == "bearer" else None
    tenant = str(connection.path_params.get("tenant", ""))
    agency = agency_of(connection.app.state)
    cookie = connection.cookies.get(SESSION_COOKIE)
    if bearer is None and cookie and connection.scope.get("method", "GET") in SAFE_METHODS:
        principal = await session_principal(agency, tenant, cookie)
    else:
        principal = await authenticate_token(agency, tenant, bearer)
    connection.state.principal = principal
    scope_to_tenant(principal.tenant_id)


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """The principal the ``authenticated`` guard found."""
    principal: Principal = request.state.principal
    return principal


async def provide_directory(request: Request[Any, Any, Any], principal: NamedDependency[Principal]) -> PartnerDirectory:
    """The partners of the caller's tenant (the principal's tenant is the path's tenant)."""
    _, directory = await agency_of(request.app.state).tenant(principal.tenant_id)
    return directory

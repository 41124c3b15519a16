"""Who is calling: the bearer token of a tenant path, resolved into a ``Principal``."""

from __future__ import annotations

from typing import Any

from litestar import Request
from litestar.connection import ASGIConnection
from litestar.datastructures import State
from litestar.di import NamedDependency
from litestar.handlers.base import BaseRouteHandler

from core.domain.staff import Principal
from core.plugins import PartnerDirectory
from core.services.agency import Agency
from core.services.staff import authenticate_token


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
    connection.state.principal = await authenticate_token(agency_of(connection.app.state), tenant, bearer)


async def provide_principal(request: Request[Any, Any, Any]) -> Principal:
    """The principal the ``authenticated`` guard found."""
    principal: Principal = request.state.principal
    return principal


async def provide_directory(request: Request[Any, Any, Any], principal: NamedDependency[Principal]) -> PartnerDirectory:
    """The partners of the caller's tenant (the principal's tenant is the path's tenant)."""
    _, directory = await agency_of(request.app.state).tenant(principal.tenant_id)
    return directory

"""The audit trail over HTTP, for the data-protection officer (role ``auditor``)."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, get
from litestar.di import NamedDependency, Provide
from litestar.params import FromQuery, QueryParameter

from core import audit
from core.domain.base import Schema
from core.domain.staff import Principal, Role
from core.services.persons import require_role
from core.web.guards import agency_of, authenticated, provide_principal
from core.web.problems import PROBLEMS


class AuditPage(Schema, frozen=True):
    items: list[audit.AuditEvent]
    next_after: int | None = None


class AuditController(Controller):
    path = "/api/v1/{tenant:str}/audit"
    tags = ["audit"]
    guards = [authenticated]
    dependencies = {"principal": Provide(provide_principal)}

    @get(
        "", operation_id="auditTrail", responses=PROBLEMS, summary="Audit events, oldest first; page with ?after=<seq>"
    )
    async def trail(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        person_id: FromQuery[str | None] = None,
        after: Annotated[int, QueryParameter(ge=0)] = 0,
        limit: Annotated[int, QueryParameter(ge=1, le=1000)] = 100,
    ) -> AuditPage:
        require_role(principal, Role.AUDITOR)
        events = await audit.trail(
            agency_of(request.app.state).db, principal.tenant_id, person_id=person_id, limit=limit, after_seq=after
        )
        return AuditPage(items=events, next_after=events[-1].seq if len(events) == limit else None)

    @get("/verify", operation_id="auditVerify", responses=PROBLEMS, summary="Check the tenant's hash chain")
    async def verify(self, request: Request[Any, Any, Any], principal: NamedDependency[Principal]) -> audit.ChainReport:
        require_role(principal, Role.AUDITOR)
        return await audit.verify(agency_of(request.app.state).db, principal.tenant_id)

"""Reading the audit trail: the data-protection officer (role ``auditor``) pages through it and checks its chain."""

from __future__ import annotations

from core import audit
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.services.persons import require_role

MAX_PAGE = 1000


async def audit_page(
    agency: Agency, principal: Principal, *, person_id: str | None = None, after: int = 0, limit: int = 100
) -> tuple[list[audit.AuditEvent], int | None]:
    """One page of the tenant's events (optionally about one person), oldest first, and where the next begins."""
    require_role(principal, Role.AUDITOR)
    limit = max(1, min(limit, MAX_PAGE))
    events = await audit.trail(
        agency.db, principal.tenant_id, person_id=person_id or None, limit=limit, after_seq=max(after, 0)
    )
    return events, events[-1].seq if len(events) == limit else None


async def verify_chain(agency: Agency, principal: Principal) -> audit.ChainReport:
    """Walk the tenant's hash chain: intact, or where it breaks."""
    require_role(principal, Role.AUDITOR)
    return await audit.verify(agency.db, principal.tenant_id)

"""The Jugendamt: guardianship, general social service and taking into care of unaccompanied minors."""

from __future__ import annotations

from core import Eligibility, Partner, ReferralView, Service, hookimpl

from .eligibility import check
from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()


@hookimpl
def agentur_eligibility(service: Service, view: ReferralView) -> Eligibility | None:
    """Refuse guardianship for adults and the UMA services for persons recorded as not unaccompanied."""
    return check(service, view.person)

"""The Bundesagentur für Arbeit: career guidance, recognition advice and job placement for refugees."""

from __future__ import annotations

from core import Partner, ReferralAction, ReferralEvent, ReferralView, hookimpl

from .forwarding import forward, should_forward
from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()


@hookimpl
async def agentur_referral_event(
    event: ReferralEvent, view: ReferralView, config: dict[str, str]
) -> list[ReferralAction] | None:
    """Forward a new referral to the BA's own system; acceptance follows there, by a person."""
    if should_forward(event, view):
        await forward(event, view, config)
    return None

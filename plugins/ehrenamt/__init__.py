"""Forum Ehrenamt: volunteer mentors, language buddies and companions to offices."""

from __future__ import annotations

from core import ActionKind, EventType, Partner, ReferralAction, ReferralEvent, ReferralState, ReferralView, hookimpl

from .partner import declaration

UNANSWERED = frozenset({ReferralState.SENT, ReferralState.RECEIVED})


@hookimpl
def agentur_partner() -> Partner:
    return declaration()


@hookimpl
def agentur_referral_event(
    event: ReferralEvent, view: ReferralView, config: dict[str, str]
) -> list[ReferralAction] | None:
    """Confirm a new referral at once: the coordination accepts and looks for a volunteer.

    Completion (a mentor or companion found and introduced) is recorded later by a person. Only on
    ``referral.sent`` while unanswered, so a repeated delivery does nothing.
    """
    if event.type is not EventType.SENT or view.to_partner != "ehrenamt":
        return None
    if view.state not in UNANSWERED or not view.person:
        return None
    return [ReferralAction(kind=ActionKind.ACCEPT)]

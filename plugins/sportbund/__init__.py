"""The Kreissportbund: club placement, sport for girls and women, youth sport."""

from __future__ import annotations

from core import (
    ActionKind,
    Category,
    EventType,
    FieldSpec,
    FieldType,
    Partner,
    ReferralAction,
    ReferralEvent,
    ReferralState,
    ReferralView,
    hookimpl,
)

from .clubs import suggestion
from .partner import declaration

CLUB_PLACEMENT = "vereinsvermittlung"
"""The service answered automatically; courses for women and girls and the youth offers need a person."""
UNANSWERED = frozenset({ReferralState.SENT, ReferralState.RECEIVED})


@hookimpl
def agentur_partner() -> Partner:
    return declaration()


@hookimpl
def agentur_biography_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            name="sportbund.club",
            type=FieldType.STRING,
            category=Category.INTERESTS,
            labels={"de": "Sportverein", "en": "Sports club", "ar": "النادي الرياضي", "ku": "Klûba werzişê"},
        )
    ]


@hookimpl
def agentur_referral_event(
    event: ReferralEvent, view: ReferralView, config: dict[str, str]
) -> list[ReferralAction] | None:
    """Answer a club placement at once with a club suggestion: accept, start, complete with the outcome.

    Only on ``referral.sent`` and only while the referral is unanswered, so a repeated delivery or a
    later event does nothing. Without a consented view of the person (consent withdrawn, person erased)
    the Kreissportbund cannot reach anyone, and a person of the office decides.
    """
    if event.type is not EventType.SENT or view.to_partner != "sportbund" or view.service != CLUB_PLACEMENT:
        return None
    if view.state not in UNANSWERED or not view.person:
        return None
    interests = view.person.get("sport_interests")
    outcome = suggestion(
        interests if isinstance(interests, list) else None,
        view.person.get("municipality"),
        view.person.get("birth_date"),
    )
    return [
        ReferralAction(kind=ActionKind.ACCEPT),
        ReferralAction(kind=ActionKind.START),
        ReferralAction(kind=ActionKind.COMPLETE, text=outcome),
    ]

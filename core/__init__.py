"""The Migrationsagentur core. Plugins import only what this module exports."""

from __future__ import annotations

import pluggy

from core.domain.biography import Category, FieldSpec, FieldType, Retention, Sensitivity, age_on
from core.domain.notification import Notification
from core.domain.partner import (
    CONSENT,
    LANGUAGES,
    Contact,
    FieldGrant,
    Location,
    OpeningHours,
    Partner,
    PartnerKind,
    Service,
)
from core.domain.reception import Suggestion
from core.domain.referral import (
    ActionKind,
    Eligibility,
    EventType,
    ReferralAction,
    ReferralEvent,
    ReferralState,
    ReferralView,
    Urgency,
)

hookimpl = pluggy.HookimplMarker("agentur")
"""Mark a plugin function as the implementation of an ``agentur_*`` hook."""

__all__ = [
    "CONSENT",
    "LANGUAGES",
    "ActionKind",
    "Category",
    "Contact",
    "Eligibility",
    "EventType",
    "FieldGrant",
    "FieldSpec",
    "FieldType",
    "Location",
    "Notification",
    "OpeningHours",
    "Partner",
    "PartnerKind",
    "ReferralAction",
    "ReferralEvent",
    "ReferralState",
    "ReferralView",
    "Retention",
    "Sensitivity",
    "Service",
    "Suggestion",
    "Urgency",
    "age_on",
    "hookimpl",
]

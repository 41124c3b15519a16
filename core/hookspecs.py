"""The plugin contract: every hook a partner plugin may implement (pluggy project ``agentur``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from core.domain.biography import FieldSpec
from core.domain.partner import Partner, Service
from core.domain.referral import Eligibility, ReferralAction, ReferralEvent, ReferralView

if TYPE_CHECKING:
    from core.crypto.keys import KeyProvider

hookspec = pluggy.HookspecMarker("agentur")


@hookspec
def agentur_partner() -> Partner:  # type: ignore[empty-body]
    """Declare the partner office: names, services, and field grants each with purpose and legal basis."""


@hookspec
def agentur_biography_fields() -> list[FieldSpec]:  # type: ignore[empty-body]
    """Add biography fields of the plugin's own, each namespaced ``<plugin>.<field>``."""


@hookspec(firstresult=True)
def agentur_key_provider(tenant: str, home: Path) -> KeyProvider | None:
    """Where a tenant's key-encryption keys live (stops at the first non-None result)."""


@hookspec
def agentur_referral_event(
    event: ReferralEvent, view: ReferralView, config: dict[str, str]
) -> list[ReferralAction] | None:
    """A referral the partner is part of changed; may answer with actions the core carries out as the partner."""


@hookspec
def agentur_eligibility(service: Service, view: ReferralView) -> Eligibility | None:
    """Pre-check a referral to one of the partner's services; ``Eligibility(eligible=False, reason=...)`` refuses it."""

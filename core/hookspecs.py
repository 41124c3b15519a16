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


if TYPE_CHECKING:
    from collections.abc import Awaitable

    from core.domain.notification import Notification


@hookspec(firstresult=True)
def agentur_notify(message: Notification, home: Path) -> bool | Awaitable[bool] | None:
    """Deliver a message to a person over one channel; stops at the first plugin that returns True or False.

    ``None`` means "not mine": the next plugin is asked.

    A plugin decides synchronously: ``None`` when the channel is not its own (not in
    ``message.channels``, no address, not configured); else it delivers and returns ``True`` —
    or an awaitable of ``True`` the core awaits (``maybe_await``). A failed delivery raises, so the
    caller can retry. The core's printed letter (``core.letters``) answers last.
    """


if TYPE_CHECKING:
    from core.domain.reception import Suggestion


@hookspec
def agentur_triage(concern: str, language: str, partners: list[Partner]) -> list[Suggestion] | None:
    """Suggest services of the given partners that fit a described concern, each with a score and a reason."""

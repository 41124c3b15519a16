"""The plugin contract: every hook a partner plugin may implement (pluggy project ``agentur``)."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pluggy

from core.domain.biography import FieldSpec
from core.domain.partner import Partner

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

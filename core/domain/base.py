"""The one documented base for every msgspec schema of the domain."""

from __future__ import annotations

import msgspec


class Schema(msgspec.Struct, forbid_unknown_fields=True, omit_defaults=True, frozen=True, kw_only=True):
    """Base of all domain Structs.

    - ``forbid_unknown_fields``: a misspelt key is an error, never silently dropped.
    - ``omit_defaults``: evolving a schema by adding defaulted fields keeps old payloads stable.
    - ``frozen``: declarations and records are values; changing one means building a new one.
      Subclasses repeat ``frozen=True`` (``class Partner(Schema, frozen=True)``): msgspec inherits
      it anyway, but type checkers only see it when it is spelt out.
    """

"""Domain errors: each names what is wrong in words a person can act on, never personal data."""

from __future__ import annotations


class AgenturError(Exception):
    """Base of every error the core raises on purpose."""


class DeclarationError(AgenturError):
    """A plugin or tenant declaration is wrong; start-up stops with this message."""


class NotFound(AgenturError):
    """The resource does not exist or the caller may see none of it (never says which)."""


class Forbidden(AgenturError):
    """The caller may see the resource but not do this to it."""


class Conflict(AgenturError):
    """An illegal state transition, a taken slot, an edit conflict, a duplicate key."""


class InvalidInput(AgenturError):
    """Input that fails validation; ``errors`` maps each bad field to the reason."""

    def __init__(self, message: str, errors: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or {}


class Unauthenticated(AgenturError):
    """No credentials, unknown credentials, or withdrawn credentials."""

"""Staff passwords (argon2id) and API token secrets (random, stored only as SHA-256)."""

from __future__ import annotations

import hashlib
import secrets

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

TOKEN_PREFIX = "agt"  # noqa: S105 - a public marker, not a secret
_TOKEN_BYTES = 32

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters


def hash_password(password: str) -> str:
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def generate_password() -> str:
    """A password a person can type from a printout: 4 groups of 5 unambiguous characters."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "-".join("".join(secrets.choice(alphabet) for _ in range(5)) for _ in range(4))


def mint_token(tenant_id: str) -> tuple[str, str]:
    """A new API token ``agt.<tenant>.<secret>`` and the hash to store.

    The tenant travels in the token so that it is found under its own tenant's key: a token used
    on another tenant's path is recognised as foreign (404) without any cross-tenant lookup.
    """
    secret = secrets.token_urlsafe(_TOKEN_BYTES)
    return f"{TOKEN_PREFIX}.{tenant_id}.{secret}", secret_hash(secret)


def parse_token(token: str) -> tuple[str, str] | None:
    """``(tenant_id, secret)`` of a well-formed token, else ``None``."""
    parts = token.split(".")
    if len(parts) != 3 or parts[0] != TOKEN_PREFIX or not parts[1] or len(parts[2]) < 40:
        return None
    return parts[1], parts[2]


def secret_hash(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()

"""The key hierarchy: tenant key-encryption keys from a key provider, per-person data keys wrapped by them.

KEK (per tenant, versioned, from ``agentur_key_provider``) → DEK (per person, AES-256, wrapped
with AES-256-GCM; associated data = tenant, person, DEK version) → field values (``cipher.py``).
Erasing a person deletes their wrapped DEK: every copy of their fields, backups included, is
unreadable from then on.
"""

from __future__ import annotations

import os
from typing import Protocol, runtime_checkable

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto.canonical import canonical

KEY_BYTES = 32
NONCE_BYTES = 12


class KeyUnavailable(Exception):
    """A key is missing or does not open what it should; the message names no personal data."""


@runtime_checkable
class KeyProvider(Protocol):
    """Where one tenant's key-encryption keys and blind-index key live."""

    def current_kek(self) -> tuple[int, bytes]:
        """The version and bytes of the KEK that wraps new data keys."""
        ...

    def kek(self, version: int) -> bytes:
        """A KEK by version (older versions stay available until every DEK is re-wrapped)."""
        ...

    def index_key(self) -> bytes:
        """The tenant's HMAC key for blind indexes (not rotated with the KEK)."""
        ...

    def new_kek_version(self) -> int:
        """Create and store a new KEK version; it becomes current. Returns its number."""
        ...


class WrappedDek:
    """A person's data key as stored: which KEK wraps it, and the nonce ‖ ciphertext."""

    __slots__ = ("blob", "dek_version", "kek_version")

    def __init__(self, kek_version: int, dek_version: int, blob: bytes) -> None:
        self.kek_version = kek_version
        self.dek_version = dek_version
        self.blob = blob


def _dek_context(tenant_id: str, person_id: str, dek_version: int) -> bytes:
    return canonical("dek", tenant_id, person_id, str(dek_version))


def new_dek() -> bytes:
    return os.urandom(KEY_BYTES)


def wrap_dek(provider: KeyProvider, tenant_id: str, person_id: str, dek: bytes, dek_version: int = 1) -> WrappedDek:
    kek_version, kek = provider.current_kek()
    return rewrap_with(kek_version, kek, tenant_id, person_id, dek, dek_version)


def rewrap_with(
    kek_version: int, kek: bytes, tenant_id: str, person_id: str, dek: bytes, dek_version: int
) -> WrappedDek:
    nonce = os.urandom(NONCE_BYTES)
    sealed = AESGCM(kek).encrypt(nonce, dek, _dek_context(tenant_id, person_id, dek_version))
    return WrappedDek(kek_version, dek_version, nonce + sealed)


def unwrap_dek(provider: KeyProvider, tenant_id: str, person_id: str, wrapped: WrappedDek) -> bytes:
    kek = provider.kek(wrapped.kek_version)
    try:
        return AESGCM(kek).decrypt(
            wrapped.blob[:NONCE_BYTES],
            wrapped.blob[NONCE_BYTES:],
            _dek_context(tenant_id, person_id, wrapped.dek_version),
        )
    except InvalidTag:
        raise KeyUnavailable("a data key does not open with its key-encryption key") from None


class Keyring:
    """The key providers of one agency process, one per tenant, found through ``agentur_key_provider``."""

    def __init__(self, hook: object, home: os.PathLike[str] | str) -> None:
        self._hook = hook
        self._home = home
        self._providers: dict[str, KeyProvider] = {}

    def provider(self, tenant_id: str) -> KeyProvider:
        provider = self._providers.get(tenant_id)
        if provider is None:
            found = self._hook.agentur_key_provider(tenant=tenant_id, home=self._home)  # type: ignore[attr-defined]
            if not isinstance(found, KeyProvider):
                raise KeyUnavailable(f"no key provider answers for tenant {tenant_id!r}")
            provider = self._providers[tenant_id] = found
        return provider

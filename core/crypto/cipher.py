"""Field encryption: AES-256-GCM per value, bound to tenant, table, record and field.

Stored form: ``format version (1 byte) ‖ DEK version (4 bytes) ‖ nonce (12 bytes) ‖ ciphertext+tag``.
The associated data is the canonical (tenant, table, record id, field name) plus the header, so a
ciphertext moved to another field, record or tenant fails to decrypt.
"""

from __future__ import annotations

import functools
import os
import struct
from collections.abc import Mapping
from typing import Any

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto.canonical import canonical

FORMAT_VERSION = 1
_HEADER = struct.Struct(">BI")
_NONCE = 12
_BODY = _HEADER.size + _NONCE
_encode = msgspec.json.Encoder().encode
_decode = msgspec.json.Decoder().decode


@functools.lru_cache(maxsize=4096)
def _field_context(field: str) -> bytes:
    """The canonical bytes of a field name; the catalogue is small, so they are computed once each."""
    return canonical(field)


class DecryptionFailed(Exception):
    """A stored value does not belong where it was found, or its key is gone."""


class FieldCipher:
    """Encrypts and decrypts one record's fields with its data key."""

    __slots__ = ("_ad_prefix", "_header", "_open", "_seal")

    def __init__(self, dek: bytes, dek_version: int, tenant_id: str, table: str, record_id: str) -> None:
        aead = AESGCM(dek)
        self._seal = aead.encrypt
        self._open = aead.decrypt
        self._header = _HEADER.pack(FORMAT_VERSION, dek_version)
        # associated data = header ‖ canonical(tenant, table, record) ‖ canonical(field)
        self._ad_prefix = self._header + canonical(tenant_id, table, record_id)

    def encrypt(self, field: str, value: Any) -> bytes:
        return self._encrypt_with(os.urandom(_NONCE), field, value)

    def _encrypt_with(self, nonce: bytes, field: str, value: Any) -> bytes:
        return self._header + nonce + self._seal(nonce, _encode(value), self._ad_prefix + _field_context(field))

    def encrypt_many(self, values: Mapping[str, Any]) -> dict[str, bytes]:
        """Several fields at once: one call to the random source for all nonces (each still unique)."""
        nonces = os.urandom(_NONCE * len(values))
        header, seal, prefix = self._header, self._seal, self._ad_prefix
        sealed = {}
        for i, (field, value) in enumerate(values.items()):
            nonce = nonces[i * _NONCE : (i + 1) * _NONCE]
            sealed[field] = header + nonce + seal(nonce, _encode(value), prefix + _field_context(field))
        return sealed

    def decrypt(self, field: str, stored: bytes) -> Any:
        if stored[: _HEADER.size] != self._header:
            raise DecryptionFailed("unknown format or key version")
        try:
            plaintext = self._open(
                stored[_HEADER.size : _BODY], stored[_BODY:], self._ad_prefix + _field_context(field)
            )
        except InvalidTag:
            raise DecryptionFailed("the value does not belong to this field, record or tenant") from None
        return _decode(plaintext)

    def decrypt_many(self, stored: Mapping[str, bytes]) -> dict[str, Any]:
        header, open_, prefix = self._header, self._open, self._ad_prefix
        values = {}
        try:
            for field, blob in stored.items():
                if blob[: _HEADER.size] != header:
                    raise DecryptionFailed("unknown format or key version")
                values[field] = _decode(open_(blob[_HEADER.size : _BODY], blob[_BODY:], prefix + _field_context(field)))
        except InvalidTag:
            raise DecryptionFailed("the value does not belong to this field, record or tenant") from None
        return values

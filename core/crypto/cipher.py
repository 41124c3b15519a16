"""Field encryption: AES-256-GCM per value, bound to tenant, table, record and field.

Stored form: ``format version (1 byte) ‖ DEK version (4 bytes) ‖ nonce (12 bytes) ‖ ciphertext+tag``.
The associated data is the canonical (tenant, table, record id, field name) plus the header, so a
ciphertext moved to another field, record or tenant fails to decrypt.
"""

from __future__ import annotations

import os
import struct
from typing import Any

import msgspec
from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from core.crypto.canonical import canonical

FORMAT_VERSION = 1
_HEADER = struct.Struct(">BI")
_NONCE = 12


class DecryptionFailed(Exception):
    """A stored value does not belong where it was found, or its key is gone."""


class FieldCipher:
    """Encrypts and decrypts one record's fields with its data key."""

    __slots__ = ("_aead", "_dek_version", "_prefix")

    def __init__(self, dek: bytes, dek_version: int, tenant_id: str, table: str, record_id: str) -> None:
        self._aead = AESGCM(dek)
        self._dek_version = dek_version
        self._prefix = canonical(tenant_id, table, record_id)

    def _context(self, header: bytes, field: str) -> bytes:
        return header + self._prefix + canonical(field)

    def encrypt(self, field: str, value: Any) -> bytes:
        header = _HEADER.pack(FORMAT_VERSION, self._dek_version)
        nonce = os.urandom(_NONCE)
        return header + nonce + self._aead.encrypt(nonce, msgspec.json.encode(value), self._context(header, field))

    def decrypt(self, field: str, stored: bytes) -> Any:
        header, nonce, sealed = (
            stored[: _HEADER.size],
            stored[_HEADER.size : _HEADER.size + _NONCE],
            stored[_HEADER.size + _NONCE :],
        )
        version, dek_version = _HEADER.unpack(header)
        if version != FORMAT_VERSION or dek_version != self._dek_version:
            raise DecryptionFailed("unknown format or key version")
        try:
            plaintext = self._aead.decrypt(nonce, sealed, self._context(header, field))
        except InvalidTag:
            raise DecryptionFailed("the value does not belong to this field, record or tenant") from None
        return msgspec.json.decode(plaintext)

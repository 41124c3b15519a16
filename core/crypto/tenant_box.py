"""Sealing small tenant-level secrets and notes that belong to no person (webhook secrets, desk notes).

The key is derived from the tenant's index key (which does not rotate) with HKDF and a purpose
label, so each purpose has its own key; associated data binds a value to its tenant and record.
"""

from __future__ import annotations

import os

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from core.crypto.canonical import canonical


class TenantBox:
    def __init__(self, index_key: bytes, purpose: str) -> None:
        derived = HKDF(hashes.SHA256(), 32, salt=None, info=f"agentur {purpose}".encode()).derive(index_key)
        self._aead = AESGCM(derived)

    def seal(self, tenant_id: str, record_id: str, text: str) -> bytes:
        nonce = os.urandom(12)
        return nonce + self._aead.encrypt(nonce, text.encode(), canonical(tenant_id, record_id))

    def open(self, tenant_id: str, record_id: str, sealed: bytes) -> str:
        try:
            return self._aead.decrypt(sealed[:12], sealed[12:], canonical(tenant_id, record_id)).decode()
        except InvalidTag:
            raise ValueError("the sealed value does not belong to this record") from None

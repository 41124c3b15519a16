"""Blind indexes: keyed, truncated HMACs of folded search terms, so equal names can be found without plaintext.

Leakage (documented in docs/search.md): within one tenant, rows with the same folded term share a
digest; nothing else (no order, no prefixes), and nothing across tenants (each has its own key).
"""

from __future__ import annotations

import hashlib
import hmac

from core.crypto.canonical import canonical

DIGEST_BYTES = 16


def blind_index(index_key: bytes, kind: str, *terms: str) -> bytes:
    """The digest of folded ``terms`` for one index ``kind`` (e.g. ``name_birth``)."""
    return hmac.new(index_key, canonical(kind, *terms), hashlib.sha256).digest()[:DIGEST_BYTES]

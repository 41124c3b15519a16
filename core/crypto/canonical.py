"""Canonical byte encoding of a tuple of strings, for associated data and MAC inputs."""

from __future__ import annotations


def canonical(*parts: str) -> bytes:
    """Length-prefixed UTF-8 parts: no two different tuples encode to the same bytes."""
    out = bytearray()
    for part in parts:
        data = part.encode("utf-8")
        out += len(data).to_bytes(4, "big")
        out += data
    return bytes(out)

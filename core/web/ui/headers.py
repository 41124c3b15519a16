"""Response headers of the staff screens and of the printable documents they serve."""

from __future__ import annotations

from typing import Any

from litestar import Response

SCREEN_POLICY = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
"""Screens load only our own files: no inline script can run, even if some text slipped through escaping."""
DOCUMENT_POLICY = (
    "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; frame-ancestors 'none'; "
    "form-action 'none'"
)
"""Printable documents carry their own inline styles (they must print alone) and run nothing at all."""


SCREEN_HEADERS = {
    "Content-Security-Policy": SCREEN_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-store",
    "Cross-Origin-Opener-Policy": "same-origin",
}


async def security_headers(response: Response[Any]) -> Response[Any]:
    """Every screen: a strict content policy, no sniffing, no framing, no referrer, and never cached —
    staff screens show personal data that must not stay in a shared browser's cache."""
    for name, value in SCREEN_HEADERS.items():
        response.headers.setdefault(name, value)
    return response


async def api_headers(response: Response[Any]) -> Response[Any]:
    """API answers hold personal data too, and a signed-in browser may fetch them: never cached, never sniffed."""
    response.headers.setdefault("Cache-Control", "no-store")
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    return response


def document(html: str) -> Response[str]:
    """A printable page: its own inline styles allowed, nothing else, never cached."""
    return Response(
        html,
        media_type="text/html; charset=utf-8",
        headers={"Content-Security-Policy": DOCUMENT_POLICY, "Cache-Control": "no-store"},
    )

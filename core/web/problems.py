"""One place that turns errors into RFC 9457 problem details; no message ever carries personal data."""

from __future__ import annotations

import logging
import re
from typing import Any

import msgspec
from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.openapi.datastructures import ResponseSpec
from litestar.plugins.problem_details import ProblemDetailsConfig, ProblemDetailsException, ProblemDetailsPlugin

from core.crypto.cipher import DecryptionFailed
from core.crypto.keys import KeyUnavailable
from core.domain.errors import Conflict, DeclarationError, Forbidden, InvalidInput, NotFound, Unauthenticated
from core.storage.engine import DatabaseUnavailable

log = logging.getLogger("agentur.web")

PROBLEM_BASE = "https://migrationsagentur.example/problems/"
PROBLEM_MEDIA_TYPE = "application/problem+json"


class Problem(msgspec.Struct, frozen=True, kw_only=True):
    """An RFC 9457 problem as this API answers it (the OpenAPI schema of every error response)."""

    type: str
    title: str
    status: int
    detail: str
    errors: dict[str, str] | None = None
    """422 only: each bad field with the reason."""


_WHEN = {
    400: "The request cannot be read (e.g. a body that is not JSON).",
    401: "No token, an unknown token, or a withdrawn one.",
    403: "The caller may see the resource but not do this to it.",
    404: "The resource does not exist, belongs to another tenant, or the caller may see none of it.",
    409: "Illegal state transition, a slot taken, or an edit conflict (If-Match).",
    422: "Invalid input; `errors` names each bad field.",
}


def problem_responses(*statuses: int) -> dict[int, ResponseSpec]:
    """The documented error answers of a route, for its handler's ``responses=``."""
    return {
        status: ResponseSpec(
            data_container=Problem, media_type=PROBLEM_MEDIA_TYPE, description=_WHEN[status], generate_examples=False
        )
        for status in statuses
    }


PROBLEMS = problem_responses(400, 401, 403, 404, 422)
"""Every route of ``/api/v1/{tenant}`` that needs a token."""
PROBLEMS_WITH_CONFLICT = problem_responses(400, 401, 403, 404, 409, 422)
"""Routes that change a state someone else may have changed first."""
PUBLIC_PROBLEMS = problem_responses(400, 404, 422)
"""The tenant's public routes (the waiting-room display)."""


def _problem(
    status: int, slug: str, title: str, detail: str, headers: dict[str, str] | None = None, **extra: Any
) -> ProblemDetailsException:
    if status == 401:
        headers = {**(headers or {}), "WWW-Authenticate": 'Bearer realm="agentur"'}
    return ProblemDetailsException(
        status_code=status,
        type_=PROBLEM_BASE + slug,
        title=title,
        detail=detail,
        headers=headers,
        extra=extra or None,
    )


def _unauthenticated(exc: Unauthenticated) -> ProblemDetailsException:
    return _problem(401, "unauthenticated", "Authentication required", str(exc))


def _not_found(exc: NotFound) -> ProblemDetailsException:
    # Never say whether the thing is missing, foreign or hidden.
    return _problem(404, "not-found", "Not found", "The resource does not exist or is not visible to you.")


def _forbidden(exc: Forbidden) -> ProblemDetailsException:
    return _problem(403, "forbidden", "Not permitted", str(exc))


def _conflict(exc: Conflict) -> ProblemDetailsException:
    return _problem(409, "conflict", "Conflict", str(exc))


def _invalid(exc: InvalidInput) -> ProblemDetailsException:
    return _problem(422, "invalid-input", "Invalid input", str(exc), errors=exc.errors)


def _declaration(exc: DeclarationError) -> ProblemDetailsException:
    return _problem(422, "invalid-declaration", "Invalid declaration", str(exc))


_MISSING = re.compile(r"^Missing required (\w+) parameter '([^']{1,100})' for path ")
"""Litestar's wording for an absent required parameter; it carries the name in the detail, not in ``extra``."""


def _validation(exc: ValidationException) -> ProblemDetailsException:
    """Litestar's request validation (400) becomes a 422 that names each bad field."""
    errors: dict[str, str] = {}
    missing = _MISSING.match(str(exc.detail))
    if missing:
        errors[missing.group(2)] = f"required {missing.group(1)} parameter"
    if isinstance(exc.extra, list):
        for item in exc.extra:
            if isinstance(item, dict):
                errors[str(item.get("key") or item.get("source") or "body")] = _safe_reason(
                    str(item.get("message", ""))
                )
    detail = "; ".join(f"{k}: {v}" for k, v in errors.items()) or "the request is not valid"
    return _problem(422, "invalid-input", "Invalid input", detail, errors=errors)


def _safe_reason(message: str) -> str:
    """msgspec quotes some submitted values (an enum value, an unknown key): keep only messages that cannot."""
    if "'" in message or "unknown field" in message or "Invalid enum value" in message:
        return "invalid value"
    return message or "invalid value"


def _unavailable(exc: DatabaseUnavailable) -> ProblemDetailsException:
    log.error("database unavailable: %s", exc)
    return _problem(503, "unavailable", "Service unavailable", "The database is not available; try again shortly.")


def _keys(exc: KeyUnavailable) -> ProblemDetailsException:
    log.error("key provider: %s", exc)
    return _problem(503, "keys-unavailable", "Service unavailable", "The encryption keys are not available.")


def _integrity(exc: DecryptionFailed) -> ProblemDetailsException:
    log.error("integrity check failed: %s", exc)
    return _problem(500, "integrity", "Internal error", "A stored value failed its integrity check.")


def _http(exc: HTTPException) -> ProblemDetailsException:
    status = exc.status_code
    # Keep the exception's headers: a 405 must say which methods are allowed (RFC 9110 §15.5.6).
    headers = {str(k): str(v) for k, v in (exc.headers or {}).items()} or None
    return _problem(status, f"http-{status}", _TITLES.get(status, "Error"), str(exc.detail), headers=headers)


_TITLES = {400: "Bad request", 404: "Not found", 405: "Method not allowed", 413: "Payload too large"}


def internal_error(request: Request[Any, Any, Any], exc: Exception) -> Response[Any]:
    """Anything unexpected: logged by type only (its message may hold data), answered plainly."""
    log.error(
        "unhandled %s on %s %s",
        type(exc).__name__,
        request.method,
        request.scope["route_handler"].name if request.scope.get("route_handler") else "?",
    )
    return _problem(500, "internal", "Internal error", "An unexpected error occurred.").to_response(request)


def problem_details_plugin() -> ProblemDetailsPlugin:
    return ProblemDetailsPlugin(
        ProblemDetailsConfig(
            enable_for_all_http_exceptions=True,
            exception_to_problem_detail_map={
                ValidationException: _validation,
                HTTPException: _http,
                Unauthenticated: _unauthenticated,
                NotFound: _not_found,
                Forbidden: _forbidden,
                Conflict: _conflict,
                InvalidInput: _invalid,
                DeclarationError: _declaration,
                DatabaseUnavailable: _unavailable,
                KeyUnavailable: _keys,
                DecryptionFailed: _integrity,
            },
        )
    )

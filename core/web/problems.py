"""One place that turns errors into RFC 9457 problem details; no message ever carries personal data."""

from __future__ import annotations

import logging
from typing import Any

from litestar import Request, Response
from litestar.exceptions import HTTPException, ValidationException
from litestar.plugins.problem_details import ProblemDetailsConfig, ProblemDetailsException, ProblemDetailsPlugin

from core.crypto.cipher import DecryptionFailed
from core.crypto.keys import KeyUnavailable
from core.domain.errors import Conflict, DeclarationError, Forbidden, InvalidInput, NotFound, Unauthenticated
from core.storage.engine import DatabaseUnavailable

log = logging.getLogger("agentur.web")

PROBLEM_BASE = "https://migrationsagentur.example/problems/"


def _problem(status: int, slug: str, title: str, detail: str, **extra: Any) -> ProblemDetailsException:
    headers = {"WWW-Authenticate": 'Bearer realm="agentur"'} if status == 401 else None
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


def _validation(exc: ValidationException) -> ProblemDetailsException:
    """Litestar's request validation (400) becomes a 422 that names each bad field."""
    errors: dict[str, str] = {}
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
    return _problem(status, f"http-{status}", _TITLES.get(status, "Error"), str(exc.detail))


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

"""Tenants, staff roles and the principals that act in the agency."""

from __future__ import annotations

import datetime as dt
import re
from enum import StrEnum

from core.domain.base import Schema
from core.domain.errors import InvalidInput

TENANT_SLUG = re.compile(r"^[a-z][a-z0-9-]{1,38}[a-z0-9]$")
USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{1,78}[a-z0-9]$")


class Role(StrEnum):
    """Staff roles of API.md; what each may do is decided in ``core/access.py``."""

    RECEPTION = "reception"
    CASEWORKER = "caseworker"
    PARTNER_ADMIN = "partner_admin"
    TENANT_ADMIN = "tenant_admin"
    AUDITOR = "auditor"


def parse_role(value: str) -> Role:
    try:
        return Role(value)
    except ValueError:
        allowed = ", ".join(r.value for r in Role)
        raise InvalidInput(f"unknown role {value!r}; use one of: {allowed}", {"role": "unknown role"}) from None


def check_tenant_slug(slug: str) -> str:
    if not TENANT_SLUG.fullmatch(slug):
        raise InvalidInput(
            f"tenant slug {slug!r} must be 3–40 characters: lower-case letters, digits and hyphens, "
            "starting with a letter",
            {"tenant": "invalid slug"},
        )
    return slug


def check_username(name: str) -> str:
    if not USERNAME.fullmatch(name):
        raise InvalidInput(
            "user name must be 3–80 characters: lower-case letters, digits, '.', '_' or '-'",
            {"name": "invalid user name"},
        )
    return name


class Tenant(Schema, frozen=True):
    """A county using the agency core, with the plugins it enables."""

    tenant_id: str
    name: str
    plugins: tuple[str, ...]
    created_at: dt.datetime
    plugin_config: dict[str, dict[str, str]] = {}
    """Per-plugin settings of this county, e.g. ``{"baa": {"endpoint": "https://…"}}``."""


class Principal(Schema, frozen=True):
    """Who is acting: a staff login or an API token, always of one tenant and one partner office."""

    tenant_id: str
    partner_id: str
    role: Role
    subject: str  # "user:<id>" or "token:<id>" — pseudonymous, safe for logs and the audit trail

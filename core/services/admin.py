"""The small admin area: a tenant's logins and API tokens, managed by its admins within their reach.

A ``tenant_admin`` manages every office of the county; a ``partner_admin`` only their own office and
never grants a role above their own. Every change ends what it must at once: a deactivated login's
sessions, a revoked token's next request.
"""

from __future__ import annotations

import datetime as dt
import logging

from core import audit
from core.crypto.secrets import generate_password, hash_password
from core.domain.base import Schema
from core.domain.errors import Forbidden, InvalidInput, NotFound
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.services.staff import create_token, create_user
from core.storage.repositories import ApiTokens, StaffUsers, WebSessions, as_datetime, now

log = logging.getLogger("agentur.admin")

ADMIN_ROLES = (Role.TENANT_ADMIN, Role.PARTNER_ADMIN)
PARTNER_ADMIN_GRANTS = (Role.RECEPTION, Role.CASEWORKER, Role.PARTNER_ADMIN)
COUNTY_ROLES = (Role.TENANT_ADMIN, Role.AUDITOR)
"""Made by the operator on the command line (``agentur user create``), never on a screen: otherwise the county's
admin could give themselves the data-protection officer's view, or take over that login by a new password."""
"""Roles a partner admin may give within their office; county-wide roles are the tenant admin's."""


class StaffLogin(Schema, frozen=True):
    id: str
    partner_id: str
    role: Role
    username: str
    active: bool
    locked: bool
    created_at: dt.datetime


class TokenEntry(Schema, frozen=True):
    id: str
    partner_id: str
    role: Role
    name: str
    created_at: dt.datetime
    revoked_at: dt.datetime | None = None


def require_admin(principal: Principal) -> None:
    if principal.role not in ADMIN_ROLES:
        raise Forbidden("this needs the role tenant_admin or partner_admin")


def _reach(principal: Principal) -> str | None:
    """The office an admin manages (``None``: all of the tenant)."""
    require_admin(principal)
    return None if principal.role == Role.TENANT_ADMIN else principal.partner_id


def _check_grant(principal: Principal, partner_id: str, role: Role) -> None:
    reach = _reach(principal)
    if role in COUNTY_ROLES:
        raise Forbidden("tenant_admin and auditor logins and tokens are made on the command line by the operator")
    if reach is not None and (partner_id != reach or role not in PARTNER_ADMIN_GRANTS):
        raise Forbidden("a partner admin manages the logins and tokens of their own office only")


async def _record(agency: Agency, principal: Principal, action: str, purpose: str) -> None:
    """Admin actions go into the hash-chained audit trail (ids and roles only), where the auditor sees them."""
    async with agency.db.transaction() as tx:
        await audit.record(tx, principal.tenant_id, principal=principal, action=action, person_id=None, purpose=purpose)


async def list_logins(agency: Agency, principal: Principal) -> list[StaffLogin]:
    reach = _reach(principal)
    rows = await StaffUsers(agency.db, principal.tenant_id).listing(reach)
    if reach is not None:  # an office admin does not see the county's own logins that sit in the same office
        rows = [r for r in rows if Role(r["role"]) in PARTNER_ADMIN_GRANTS]
    at = now()
    return [
        StaffLogin(
            id=r["id"],
            partner_id=r["partner_id"],
            role=Role(r["role"]),
            username=r["username"],
            active=bool(r["active"]),
            locked=r["locked_until"] is not None and as_datetime(r["locked_until"]) > at,
            created_at=as_datetime(r["created_at"]),
        )
        for r in rows
    ]


async def add_login(agency: Agency, principal: Principal, *, partner_id: str, role: Role, username: str) -> str:
    """A new login with a generated password, returned once to be handed over in person."""
    _check_grant(principal, partner_id, role)
    user_id, password = await create_user(
        agency, principal.tenant_id, partner_id=partner_id, role=role, username=username
    )
    await _record(agency, principal, "staff.login_created", f"login {user_id} ({role.value}, {partner_id})")
    log.info("login created", extra={"user": user_id, "by": principal.subject})
    return password


async def _login_in_reach(agency: Agency, principal: Principal, user_id: str) -> Role:
    row = await StaffUsers(agency.db, principal.tenant_id).get(user_id)
    reach = _reach(principal)
    if row is None or (reach is not None and row["partner_id"] != reach):
        raise NotFound("no such login")
    if reach is not None and Role(row["role"]) not in PARTNER_ADMIN_GRANTS:
        raise Forbidden("a partner admin cannot change a county-wide login (tenant_admin, auditor)")
    if principal.subject == f"user:{user_id}":
        raise InvalidInput("you cannot change your own login here", {"user": "own login"})
    return Role(row["role"])


async def set_login_active(agency: Agency, principal: Principal, user_id: str, active: bool) -> None:
    """Deactivate (its sessions end now) or reactivate a login; reactivation also lifts a lockout."""
    await _login_in_reach(agency, principal, user_id)
    async with agency.db.transaction() as tx:
        await StaffUsers(tx, principal.tenant_id).set_active(user_id, active)
        if not active:
            await WebSessions(tx).delete_of_user(principal.tenant_id, user_id)
        action = "staff.login_reactivated" if active else "staff.login_deactivated"
        await audit.record(
            tx, principal.tenant_id, principal=principal, action=action, person_id=None, purpose=f"login {user_id}"
        )
    log.info("login %s", "reactivated" if active else "deactivated", extra={"user": user_id, "by": principal.subject})


async def reset_password(agency: Agency, principal: Principal, user_id: str) -> str:
    """A new generated password (returned once); the login's open sessions end and a lockout is lifted."""
    if await _login_in_reach(agency, principal, user_id) in COUNTY_ROLES:
        raise Forbidden("a tenant_admin's or auditor's password is set on the command line by the operator")
    password = generate_password()
    async with agency.db.transaction() as tx:
        await StaffUsers(tx, principal.tenant_id).set_password(user_id, hash_password(password))
        await WebSessions(tx).delete_of_user(principal.tenant_id, user_id)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="staff.password_reset",
            person_id=None,
            purpose=f"login {user_id}",
        )
    log.info("password reset", extra={"user": user_id, "by": principal.subject})
    return password


async def list_tokens(agency: Agency, principal: Principal) -> list[TokenEntry]:
    rows = await ApiTokens(agency.db, principal.tenant_id).listing(_reach(principal))
    return [
        TokenEntry(
            id=r["id"],
            partner_id=r["partner_id"],
            role=Role(r["role"]),
            name=r["name"],
            created_at=as_datetime(r["created_at"]),
            revoked_at=as_datetime(r["revoked_at"]) if r["revoked_at"] is not None else None,
        )
        for r in rows
    ]


async def add_token(agency: Agency, principal: Principal, *, partner_id: str, role: Role, name: str) -> str:
    """A new API token for an office's system, shown once."""
    _check_grant(principal, partner_id, role)
    if not name.strip():
        raise InvalidInput("the token needs a name that says which system uses it", {"name": "empty"})
    token = await create_token(agency, principal.tenant_id, partner_id=partner_id, role=role, name=name.strip())
    await _record(agency, principal, "staff.token_created", f"token for {partner_id} ({role.value})")
    log.info("token created", extra={"partner": partner_id, "by": principal.subject})
    return token


async def revoke_token(agency: Agency, principal: Principal, token_id: str) -> None:
    """Withdraw a token; its next request gets 401."""
    tokens = ApiTokens(agency.db, principal.tenant_id)
    row = await tokens.get(token_id)
    reach = _reach(principal)
    if row is None or (reach is not None and row["partner_id"] != reach):
        raise NotFound("no such token")
    if reach is not None and Role(row["role"]) not in PARTNER_ADMIN_GRANTS:
        raise Forbidden("a partner admin cannot revoke a county-wide token (tenant_admin, auditor)")
    async with agency.db.transaction() as tx:
        await ApiTokens(tx, principal.tenant_id).revoke(token_id)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="staff.token_revoked",
            person_id=None,
            purpose=f"token {token_id}",
        )
    log.info("token revoked", extra={"token": token_id, "by": principal.subject})

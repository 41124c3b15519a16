"""Staff sign-in to the web UI: password check, lockout after repeated failures, the signed-in principal."""

from __future__ import annotations

import datetime as dt
import logging

import anyio

from core.crypto.secrets import hash_password, verify_password
from core.domain.errors import Unauthenticated
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.storage.repositories import StaffUsers, WebSessions, as_datetime, now

log = logging.getLogger("agentur.signin")

MAX_FAILED_SIGN_INS = 5
"""Wrong passwords in a row before a login is locked."""
LOCKOUT = dt.timedelta(minutes=15)
"""How long a locked login stays locked; an admin's password reset or reactivation lifts it at once."""

# Verifying against this when the user name is unknown keeps the answer as slow as for a known one,
# so timing does not tell which user names exist.
_DUMMY_HASH = hash_password("not a password of anyone")
PARALLEL_CHECKS = 2
"""Password checks at once per process (each holds 64 MiB of memory while it runs)."""


class SignedIn:
    """The outcome of a successful sign-in."""

    __slots__ = ("principal", "user_id", "username")

    def __init__(self, principal: Principal, user_id: str, username: str) -> None:
        self.principal = principal
        self.user_id = user_id
        self.username = username


class LockedOut(Unauthenticated):
    """Too many wrong passwords: the login is locked until ``until``."""

    def __init__(self, until: dt.datetime) -> None:
        super().__init__("this login is locked for a while after too many wrong passwords")
        self.until = until


async def sign_in(agency: Agency, tenant_id: str, username: str, password: str) -> SignedIn:
    """Check a staff password; ``Unauthenticated`` for any wrong combination, ``LockedOut`` when locked.

    The answer never says whether the tenant or the user name exists. Each wrong password counts
    against the login; at ``MAX_FAILED_SIGN_INS`` it is locked for ``LOCKOUT`` (even a right password
    is refused then), so guessing is slow even from many addresses at once.
    """
    at = now()
    row = None
    if tenant_id and username:
        row = await StaffUsers(agency.db, tenant_id).sign_in_state(username)
    if row is None:
        await _verify(agency, _DUMMY_HASH, password)
        raise Unauthenticated("user name or password is wrong")
    locked_until = as_datetime(row["locked_until"]) if row["locked_until"] is not None else None
    if locked_until is not None and locked_until > at:
        log.warning("sign-in refused: login locked", extra={"user": row["id"], "tenant": tenant_id})
        raise LockedOut(locked_until)
    if not await _verify(agency, row["password_hash"], password) or not row["active"]:
        async with agency.db.transaction() as tx:
            lock = await StaffUsers(tx, tenant_id).count_failure(
                row["id"], limit=MAX_FAILED_SIGN_INS, lock_until=at + LOCKOUT
            )
        log.warning("sign-in failed", extra={"user": row["id"], "tenant": tenant_id, "locked": lock is not None})
        if lock is not None:
            raise LockedOut(lock)
        raise Unauthenticated("user name or password is wrong")
    if row["failed_logins"] or locked_until is not None:
        async with agency.db.transaction() as tx:
            await StaffUsers(tx, tenant_id).record_success(row["id"])
    principal = Principal(
        tenant_id=tenant_id, partner_id=row["partner_id"], role=Role(row["role"]), subject=f"user:{row['id']}"
    )
    log.info("signed in", extra={"user": row["id"], "tenant": tenant_id})
    return SignedIn(principal, row["id"], username)


async def _verify(agency: Agency, password_hash: str, password: str) -> bool:
    """argon2id takes a fifth of a second of CPU: off the event loop, a few at a time, so that a burst of
    sign-ins does not stall every other screen of the process."""
    if agency.password_checks is None:
        agency.password_checks = anyio.CapacityLimiter(PARALLEL_CHECKS)
    return await anyio.to_thread.run_sync(verify_password, password_hash, password, limiter=agency.password_checks)


async def signed_in_principal(agency: Agency, tenant_id: str, user_id: str) -> tuple[Principal, str] | None:
    """The principal of a session's login as it is now (role changes apply at once); ``None`` if deactivated."""
    return await StaffUsers(agency.db, tenant_id).active_principal(user_id)


async def end_expired_sessions(agency: Agency) -> int:
    """Delete web sessions past their idle timeout (each read checks expiry too; this only keeps the table small)."""
    return await WebSessions(agency.db).delete_expired(now())

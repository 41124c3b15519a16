"""Tenant-scoped repositories: every query names its tenant, and none can be built without one."""

from __future__ import annotations

import datetime as dt
import json
import uuid
from typing import Any

import msgspec

from core.domain.partner import Partner
from core.domain.staff import Principal, Role, Tenant
from core.storage.engine import Executor, Row


def new_id() -> str:
    return uuid.uuid4().hex


def now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def as_date(value: Any) -> dt.date:
    """Dates come back as ``date`` from PostgreSQL and as ISO text from SQLite."""
    return value if isinstance(value, dt.date) else dt.date.fromisoformat(str(value))


def as_datetime(value: Any) -> dt.datetime:
    """Timestamps come back as ``datetime`` from PostgreSQL and as ISO text from SQLite."""
    if isinstance(value, dt.datetime):
        return value if value.tzinfo else value.replace(tzinfo=dt.UTC)
    parsed = dt.datetime.fromisoformat(str(value))
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=dt.UTC)


class TenantScoped:
    """Base of every repository that reads or writes one tenant's rows."""

    def __init__(self, db: Executor, tenant_id: str) -> None:
        if not tenant_id:
            raise ValueError("a repository needs a tenant")
        self.db = db
        self.tenant_id = tenant_id


class Tenants:
    """The tenant table itself: the one place that lists tenants (admin commands, start-up)."""

    def __init__(self, db: Executor) -> None:
        self.db = db

    async def add(self, tenant: Tenant, declared_partners: list[Partner]) -> None:
        await self.db.execute(
            "INSERT INTO tenant (tenant_id, name, plugins, declared_partners, plugin_config, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            tenant.tenant_id,
            tenant.name,
            json.dumps(list(tenant.plugins)),
            msgspec.json.encode(declared_partners).decode(),
            json.dumps(tenant.plugin_config),
            tenant.created_at,
        )

    async def configure(self, tenant_id: str, plugin_config: dict[str, dict[str, str]]) -> bool:
        changed = await self.db.execute(
            "UPDATE tenant SET plugin_config = $1 WHERE tenant_id = $2", json.dumps(plugin_config), tenant_id
        )
        return changed == 1

    async def get(self, tenant_id: str) -> tuple[Tenant, list[Partner]] | None:
        row = await self.db.fetchrow("SELECT * FROM tenant WHERE tenant_id = $1", tenant_id)
        return _tenant(row) if row else None

    async def all(self) -> list[tuple[Tenant, list[Partner]]]:
        return [_tenant(row) for row in await self.db.fetch("SELECT * FROM tenant ORDER BY tenant_id")]


def _tenant(row: Row) -> tuple[Tenant, list[Partner]]:
    tenant = Tenant(
        tenant_id=row["tenant_id"],
        name=row["name"],
        plugins=tuple(json.loads(row["plugins"])),
        created_at=as_datetime(row["created_at"]),
        plugin_config=json.loads(row["plugin_config"] or "{}"),
    )
    return tenant, msgspec.json.decode(row["declared_partners"], type=list[Partner])


class StaffUsers(TenantScoped):
    async def add(self, *, partner_id: str, role: Role, username: str, password_hash: str) -> str:
        user_id = new_id()
        await self.db.execute(
            "INSERT INTO staff_user (id, tenant_id, partner_id, role, username, password_hash, active, created_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
            user_id,
            self.tenant_id,
            partner_id,
            role.value,
            username,
            password_hash,
            True,
            now(),
        )
        return user_id

    async def by_username(self, username: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT id, partner_id, role, password_hash, active FROM staff_user WHERE tenant_id = $1 AND username = $2",
            self.tenant_id,
            username,
        )

    async def exists(self, username: str) -> bool:
        return await self.by_username(username) is not None

    async def sign_in_state(self, username: str) -> Row | None:
        """What a sign-in needs: the hash, whether the login is active, and its lockout counters."""
        return await self.db.fetchrow(
            "SELECT id, partner_id, role, password_hash, active, failed_logins, locked_until "
            "FROM staff_user WHERE tenant_id = $1 AND username = $2",
            self.tenant_id,
            username,
        )

    async def count_failure(self, user_id: str, *, limit: int, lock_until: dt.datetime) -> dt.datetime | None:
        """Count one wrong password in a single statement (parallel guesses cannot overwrite each other's
        count); at ``limit`` the login locks until ``lock_until`` and the count starts again. Returns the lock."""
        row = await self.db.fetchrow(
            "UPDATE staff_user SET failed_logins = failed_logins + 1 WHERE tenant_id = $1 AND id = $2 "
            "RETURNING failed_logins",
            self.tenant_id,
            user_id,
        )
        if row is None or int(row["failed_logins"]) < limit:
            return None
        await self.db.execute(
            "UPDATE staff_user SET failed_logins = 0, locked_until = $1 WHERE tenant_id = $2 AND id = $3",
            lock_until,
            self.tenant_id,
            user_id,
        )
        return lock_until

    async def record_success(self, user_id: str) -> None:
        await self.db.execute(
            "UPDATE staff_user SET failed_logins = 0, locked_until = NULL WHERE tenant_id = $1 AND id = $2",
            self.tenant_id,
            user_id,
        )

    async def active_principal(self, user_id: str) -> tuple[Principal, str] | None:
        """The principal and user name of an active login; ``None`` once it has been deactivated."""
        row = await self.db.fetchrow(
            "SELECT partner_id, role, username, active FROM staff_user WHERE tenant_id = $1 AND id = $2",
            self.tenant_id,
            user_id,
        )
        if row is None or not row["active"]:
            return None
        principal = Principal(
            tenant_id=self.tenant_id, partner_id=row["partner_id"], role=Role(row["role"]), subject=f"user:{user_id}"
        )
        return principal, row["username"]

    async def listing(self, partner_id: str | None = None) -> list[Row]:
        """The logins of the tenant (or of one office), without their password hashes."""
        query = (
            "SELECT id, partner_id, role, username, active, failed_logins, locked_until, created_at "
            "FROM staff_user WHERE tenant_id = $1"
        )
        args: list[Any] = [self.tenant_id]
        if partner_id is not None:
            query += " AND partner_id = $2"
            args.append(partner_id)
        return await self.db.fetch(query + " ORDER BY partner_id, username", *args)

    async def get(self, user_id: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT id, partner_id, role, username, active FROM staff_user WHERE tenant_id = $1 AND id = $2",
            self.tenant_id,
            user_id,
        )

    async def set_active(self, user_id: str, active: bool) -> bool:
        changed = await self.db.execute(
            "UPDATE staff_user SET active = $1, failed_logins = 0, locked_until = NULL "
            "WHERE tenant_id = $2 AND id = $3",
            active,
            self.tenant_id,
            user_id,
        )
        return changed == 1

    async def set_password(self, user_id: str, password_hash: str) -> bool:
        changed = await self.db.execute(
            "UPDATE staff_user SET password_hash = $1, failed_logins = 0, locked_until = NULL "
            "WHERE tenant_id = $2 AND id = $3",
            password_hash,
            self.tenant_id,
            user_id,
        )
        return changed == 1


class ApiTokens(TenantScoped):
    async def add(self, *, partner_id: str, role: Role, name: str, secret_hash: str) -> str:
        token_id = new_id()
        await self.db.execute(
            "INSERT INTO api_token (id, tenant_id, partner_id, role, name, secret_hash, created_at, revoked_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
            token_id,
            self.tenant_id,
            partner_id,
            role.value,
            name,
            secret_hash,
            now(),
        )
        return token_id

    async def principal(self, secret_hash: str) -> Principal | None:
        """The principal behind an unrevoked token of this tenant."""
        row = await self.db.fetchrow(
            "SELECT id, partner_id, role FROM api_token "
            "WHERE tenant_id = $1 AND secret_hash = $2 AND revoked_at IS NULL",
            self.tenant_id,
            secret_hash,
        )
        if row is None:
            return None
        return Principal(
            tenant_id=self.tenant_id,
            partner_id=row["partner_id"],
            role=Role(row["role"]),
            subject=f"token:{row['id']}",
        )

    async def listing(self, partner_id: str | None = None) -> list[Row]:
        """The tenant's tokens (or one office's), without their hashes, newest first."""
        query = "SELECT id, partner_id, role, name, created_at, revoked_at FROM api_token WHERE tenant_id = $1"
        args: list[Any] = [self.tenant_id]
        if partner_id is not None:
            query += " AND partner_id = $2"
            args.append(partner_id)
        return await self.db.fetch(query + " ORDER BY created_at DESC, id", *args)

    async def get(self, token_id: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT id, partner_id, role, name, revoked_at FROM api_token WHERE tenant_id = $1 AND id = $2",
            self.tenant_id,
            token_id,
        )

    async def revoke(self, token_id: str) -> bool:
        changed = await self.db.execute(
            "UPDATE api_token SET revoked_at = $1 WHERE tenant_id = $2 AND id = $3 AND revoked_at IS NULL",
            now(),
            self.tenant_id,
            token_id,
        )
        return changed == 1


class WebSessions:
    """Server-side sessions of the web UI, keyed by the SHA-256 of the cookie value.

    Not tenant-scoped on reading: the cookie is all a request brings, and the session says its tenant.
    """

    def __init__(self, db: Executor) -> None:
        self.db = db

    async def get(self, key: str, at: dt.datetime) -> bytes | None:
        row = await self.db.fetchrow("SELECT data, expires_at FROM web_session WHERE id = $1", key)
        if row is None or as_datetime(row["expires_at"]) <= at:
            return None
        return bytes(row["data"])

    async def expires_at(self, key: str) -> dt.datetime | None:
        row = await self.db.fetchrow("SELECT expires_at FROM web_session WHERE id = $1", key)
        return as_datetime(row["expires_at"]) if row is not None else None

    async def put(self, key: str, *, tenant_id: str, user_id: str, data: bytes, expires_at: dt.datetime) -> None:
        await self.db.execute(
            "INSERT INTO web_session (id, tenant_id, user_id, data, expires_at) VALUES ($1, $2, $3, $4, $5) "
            "ON CONFLICT (id) DO UPDATE SET data = excluded.data, expires_at = excluded.expires_at",
            key,
            tenant_id,
            user_id,
            data,
            expires_at,
        )

    async def replace(self, key: str, data: bytes, expires_at: dt.datetime) -> bool:
        """New data for a live session; never brings back one that was deleted or has expired."""
        changed = await self.db.execute(
            "UPDATE web_session SET data = $1, expires_at = $2 WHERE id = $3 AND expires_at > $4",
            data,
            expires_at,
            key,
            now(),
        )
        return changed == 1

    async def touch(self, key: str, expires_at: dt.datetime) -> None:
        await self.db.execute("UPDATE web_session SET expires_at = $1 WHERE id = $2", expires_at, key)

    async def delete(self, key: str) -> None:
        await self.db.execute("DELETE FROM web_session WHERE id = $1", key)

    async def delete_of_user(self, tenant_id: str, user_id: str) -> int:
        return await self.db.execute(
            "DELETE FROM web_session WHERE tenant_id = $1 AND user_id = $2", tenant_id, user_id
        )

    async def delete_expired(self, at: dt.datetime) -> int:
        return await self.db.execute("DELETE FROM web_session WHERE expires_at <= $1", at)

    async def delete_all(self) -> None:
        await self.db.execute("DELETE FROM web_session")

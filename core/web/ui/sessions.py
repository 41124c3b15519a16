"""Server-side sessions of the staff web UI: Litestar's session middleware over the agency's database.

The cookie holds only a random id; the session (tenant, login, language, sign-in time) lives in the
``web_session`` table under the SHA-256 of that id, so logging out, deactivating a login or resetting
its password ends the session everywhere, and a copy of the table opens nothing. A cookie id the
store does not know is never adopted (no session fixation), and signing in always starts a new id.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping
from typing import Any

from litestar.connection import ASGIConnection
from litestar.datastructures import Cookie, MutableScopeHeaders
from litestar.middleware.session.server_side import ServerSideSessionBackend, ServerSideSessionConfig
from litestar.stores.base import Store
from litestar.types import Empty, Message
from litestar.utils.dataclass import extract_dataclass_items

from core.domain.staff import Principal
from core.services.agency import Agency
from core.services.signin import signed_in_principal
from core.storage.repositories import WebSessions, as_datetime, now

SESSION_COOKIE = "__Host-agentur-session"
"""``__Host-``: the browser sends it only over HTTPS (or to localhost), only to this host, path ``/``."""
IDLE_TIMEOUT = 30 * 60
"""Seconds without a request after which a session ends (a desk left alone locks itself)."""
MAX_SESSION = dt.timedelta(hours=10)
"""A working day: after this a session ends however active it was."""
STORE_NAME = "web_sessions"
_KNOWN = "agentur_session_known"
_ROTATE = "agentur_session_rotate"
_FRESH = "agentur_session_fresh"


async def signed_in_user(agency: Agency, session: Mapping[str, Any]) -> tuple[Principal, str] | None:
    """The principal and user name behind a session's data as the login is *now*; ``None`` when the
    session holds no sign-in, is older than ``MAX_SESSION``, or its login has been deactivated.
    One rule for the screens (``context.load_staff``) and the API's cookie (``guards``)."""
    since = session.get("since")
    if not session.get("user") or not since or now() - as_datetime(str(since)) > MAX_SESSION:
        return None
    return await signed_in_principal(agency, str(session["tenant"]), str(session["user"]))


def session_key(session_id: str) -> str:
    """The row key of a session: the digest of the cookie value, never the value itself."""
    return hashlib.sha256(session_id.encode()).hexdigest()


class DatabaseSessionStore(Store):
    """Litestar ``Store`` on the ``web_session`` table (needs the app's agency, set at start-up)."""

    def __init__(self) -> None:
        self.agency: Agency | None = None

    def _sessions(self) -> WebSessions:
        if self.agency is None:
            raise RuntimeError("the session store is used before the agency is open")
        return WebSessions(self.agency.db)

    async def get(self, key: str, renew_for: int | dt.timedelta | None = None) -> bytes | None:
        at = now()
        data = await self._sessions().get(session_key(key), at)
        if data is not None and renew_for is not None:
            seconds = renew_for if isinstance(renew_for, int) else int(renew_for.total_seconds())
            await self._sessions().touch(session_key(key), at + dt.timedelta(seconds=seconds))
        return data

    async def set(self, key: str, value: str | bytes, expires_in: int | dt.timedelta | None = None) -> None:
        data = value.encode() if isinstance(value, str) else value
        parsed: dict[str, Any] = json.loads(data)
        seconds = IDLE_TIMEOUT if expires_in is None else expires_in
        seconds = seconds if isinstance(seconds, int) else int(seconds.total_seconds())
        await self._sessions().put(
            session_key(key),
            tenant_id=str(parsed.get("tenant", "")),
            user_id=str(parsed.get("user", "")),
            data=data,
            expires_at=now() + dt.timedelta(seconds=seconds),
        )

    async def renew(self, key: str, value: bytes, expires_in: int) -> bool:
        """Replace the data of a session that still exists; ``False`` if it has ended meanwhile."""
        return await self._sessions().replace(session_key(key), value, now() + dt.timedelta(seconds=expires_in))

    async def delete(self, key: str) -> None:
        await self._sessions().delete(session_key(key))

    async def delete_all(self) -> None:
        await self._sessions().delete_all()

    async def exists(self, key: str) -> bool:
        return await self._sessions().get(session_key(key), now()) is not None

    async def expires_in(self, key: str) -> int | None:
        """Seconds the session has left; ``None`` when it does not exist or has ended."""
        until = await self._sessions().expires_at(session_key(key))
        left = int((until - now()).total_seconds()) if until is not None else 0
        return left if left > 0 else None


class StaffSessionBackend(ServerSideSessionBackend):
    """Litestar's server-side backend, but an id is reused only if the store knew it, and never across a sign-in."""

    async def load_from_connection(self, connection: ASGIConnection[Any, Any, Any, Any]) -> dict[str, Any]:
        data = await super().load_from_connection(connection)
        if data:
            connection.scope.setdefault("state", {})[_KNOWN] = connection.cookies.get(self.config.key)
        return data

    def get_session_id(self, connection: ASGIConnection[Any, Any, Any, Any]) -> str:
        state = connection.scope.setdefault("state", {})
        cookie = connection.cookies.get(self.config.key)
        if cookie and cookie == state.get(_KNOWN) and not state.get(_ROTATE):
            return cookie
        fresh: str | None = state.get(_FRESH)
        if fresh is None:
            fresh = state[_FRESH] = self.generate_session_id()
        return fresh

    async def store_in_message(
        self, scope_session: Any, message: Message, connection: ASGIConnection[Any, Any, Any, Any]
    ) -> None:
        """As Litestar's, with two differences that matter for a shared office PC.

        Nobody signed in leaves no row and no cookie (the sign-in page is free). And a session is only
        ever *created* under the fresh id of a sign-in: any other response only renews a row that still
        exists, so a request still running when the user signs out (or an admin resets the password)
        cannot write the ended session back.
        """
        state = connection.scope.setdefault("state", {})
        if (scope_session is Empty or not scope_session) and not state.get(_KNOWN):
            return
        store = self.config.get_store_from_app(connection.scope["app"])
        headers = MutableScopeHeaders.from_message(message)
        session_id = self.get_session_id(connection)
        params = dict(extract_dataclass_items(self.config, exclude_none=True, include=Cookie.__dict__.keys()))
        ended = Cookie(value="null", key=self.config.key, expires=0, **params).to_header(header="")
        if scope_session is Empty or not scope_session:
            await self.delete(session_id, store=store)
            headers.add("Set-Cookie", ended)
            return
        data = self.serialize_data(scope_session, connection.scope)
        if session_id == state.get(_FRESH):
            await store.set(session_id, data, expires_in=self.config.max_age)
        elif not isinstance(store, DatabaseSessionStore) or not await store.renew(
            session_id, data, self.config.max_age
        ):
            headers.add("Set-Cookie", ended)
            return
        headers.add("Set-Cookie", Cookie(value=session_id, key=self.config.key, **params).to_header(header=""))


class StaffSessionConfig(ServerSideSessionConfig):
    _backend_class = StaffSessionBackend


def rotate_session_id(connection: ASGIConnection[Any, Any, Any, Any]) -> str | None:
    """Make the response carry a new session id (at sign-in and sign-out); returns the old id to delete."""
    state = connection.scope.setdefault("state", {})
    state[_ROTATE] = True
    old: str | None = state.get(_KNOWN)
    return old


def session_config() -> StaffSessionConfig:
    return StaffSessionConfig(
        key=SESSION_COOKIE,
        store=STORE_NAME,
        max_age=IDLE_TIMEOUT,
        renew_on_access=True,
        secure=True,
        httponly=True,
        samesite="strict",
        path="/",
        exclude=["^/api/", "^/static/"],
    )

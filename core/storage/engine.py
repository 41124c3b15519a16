"""The database engines the agency runs its commands on: embedded SQLite and PostgreSQL.

Piccolo's stock SQLite engine opens a new connection, on a new thread, for every query outside a
transaction (~420 writes/s measured here against sqlite3's 58,000/s). SQLite work costs
microseconds, so the embedded engine keeps its connections open and runs statements on the calling
thread: a write command is ``BEGIN IMMEDIATE`` … ``COMMIT`` on one kept connection, with no thread
hop unless another process holds the write lock (then the wait happens off the event loop).

SQL is written once with PostgreSQL's numbered placeholders (``$1``); the SQLite engine turns
them into SQLite's equivalent (``?1``).
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import re
import sqlite3
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any, Protocol

import asyncpg
from asyncpg.pool import PoolConnectionProxy

Row = dict[str, Any]


class Executor(Protocol):
    """What a repository needs: run a statement, fetch rows. A transaction and a database both are one."""

    dialect: str

    async def execute(self, sql: str, *args: Any) -> int: ...

    async def fetch(self, sql: str, *args: Any) -> list[Row]: ...

    async def fetchrow(self, sql: str, *args: Any) -> Row | None: ...


class Database(Executor, Protocol):
    def transaction(self) -> Any:
        """An async context manager: one write transaction, committed on success, else rolled back."""

    async def close(self) -> None: ...


class DatabaseUnavailable(Exception):
    """The database cannot be reached or written; the message names no personal data."""


class DuplicateKey(Exception):
    """A unique key (always led by ``tenant_id``) already holds the value."""


# --------------------------------------------------------------------------------------------
# SQLite


_PLACEHOLDER = re.compile(r"\$(\d+)")


def _sqlite_sql(sql: str, _cache: dict[str, str] = {}) -> str:  # noqa: B006 - a deliberate memo
    converted = _cache.get(sql)
    if converted is None:
        converted = _cache[sql] = _PLACEHOLDER.sub(r"?\1", sql)
    return converted


def _sqlite_param(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def _sqlite_connect(path: Path | str, *, read_only: bool = False) -> sqlite3.Connection:
    uri = f"file:{path}?mode=ro" if read_only else f"file:{path}?mode=rwc"
    conn = sqlite3.connect(uri, uri=True, isolation_level=None, check_same_thread=False)
    conn.row_factory = _dict_row
    if not read_only:
        conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.execute("PRAGMA busy_timeout=0")
    return conn


def _dict_row(cursor: sqlite3.Cursor, row: Sequence[Any]) -> Row:
    return {col[0]: row[i] for i, col in enumerate(cursor.description)}


_SQLITE_UNAVAILABLE = {
    sqlite3.SQLITE_FULL,
    sqlite3.SQLITE_IOERR,
    sqlite3.SQLITE_READONLY,
    sqlite3.SQLITE_BUSY,
    sqlite3.SQLITE_LOCKED,
    sqlite3.SQLITE_CANTOPEN,
    sqlite3.SQLITE_CORRUPT,
    sqlite3.SQLITE_NOTADB,
    sqlite3.SQLITE_PROTOCOL,
    sqlite3.SQLITE_NOMEM,
}
"""Primary result codes that say the file cannot be read or written now (full, read-only, I/O error,
locked, damaged), as opposed to a mistake in a statement (which stays a bug, answered 500)."""


def _raise_if_unavailable(exc: sqlite3.OperationalError) -> None:
    """A failed statement becomes ``DatabaseUnavailable`` (503) when the file is the problem; a mistake
    in the statement itself is left to the caller to re-raise (a bug, 500)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None and code & 0xFF in _SQLITE_UNAVAILABLE:
        name = getattr(exc, "sqlite_errorname", "error")
        raise DatabaseUnavailable(f"the database cannot be used ({name}: read-only, full or damaged?)") from exc


class _SQLiteExecutor:
    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        try:
            return self._conn.execute(_sqlite_sql(sql), [_sqlite_param(a) for a in args]).rowcount
        except sqlite3.IntegrityError as exc:
            if not str(exc).startswith("UNIQUE constraint failed"):
                raise  # a NOT NULL or foreign-key failure is a bug, not a taken key
            raise DuplicateKey("unique key") from None
        except sqlite3.OperationalError as exc:
            _raise_if_unavailable(exc)
            raise

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        try:
            return self._conn.execute(_sqlite_sql(sql), [_sqlite_param(a) for a in args]).fetchall()
        except sqlite3.OperationalError as exc:
            _raise_if_unavailable(exc)
            raise

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        try:
            row: Row | None = self._conn.execute(_sqlite_sql(sql), [_sqlite_param(a) for a in args]).fetchone()
        except sqlite3.OperationalError as exc:
            _raise_if_unavailable(exc)
            raise
        return row


class SQLiteDatabase:
    """Embedded SQLite in WAL mode: one kept writer connection and one kept reader connection."""

    dialect = "sqlite"

    def __init__(self, path: Path, *, lock_timeout: float = 10.0) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self._lock_timeout = lock_timeout
        self._writer = _sqlite_connect(path)
        self._reader = _sqlite_connect(path)
        self._write_lock = asyncio.Lock()
        self._reads = _SQLiteExecutor(self._reader)

    async def execute(self, sql: str, *args: Any) -> int:
        async with self.transaction() as tx:
            return await tx.execute(sql, *args)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        return await self._reads.fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        return await self._reads.fetchrow(sql, *args)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_SQLiteExecutor]:
        async with self._write_lock:
            await self._begin_immediate()
            try:
                yield _SQLiteExecutor(self._writer)
            except BaseException:
                self._rollback()
                raise
            try:
                self._writer.execute("COMMIT")
            except sqlite3.OperationalError as exc:
                self._rollback()
                name = getattr(exc, "sqlite_errorname", type(exc).__name__)
                raise DatabaseUnavailable(f"the database could not commit ({name})") from exc

    def _rollback(self) -> None:
        """Undo the open transaction, if SQLite has not already: after SQLITE_FULL or an I/O error it
        may have rolled back by itself, and a second ROLLBACK would replace the real error with
        "no transaction is active"."""
        if self._writer.in_transaction:
            with contextlib.suppress(sqlite3.Error):  # the original error is the one to report
                self._writer.execute("ROLLBACK")

    async def _begin_immediate(self) -> None:
        try:
            self._writer.execute("BEGIN IMMEDIATE")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) and "busy" not in str(exc):
                raise DatabaseUnavailable(
                    f"the database cannot be written ({type(exc).__name__}: read-only, full or damaged?)"
                ) from exc
        # Another process holds the write lock: wait for it off the event loop.
        await asyncio.to_thread(self._begin_waiting)

    def _begin_waiting(self) -> None:
        self._writer.execute(f"PRAGMA busy_timeout={int(self._lock_timeout * 1000)}")
        try:
            self._writer.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            raise DatabaseUnavailable("the database stayed locked by another process") from exc
        finally:
            self._writer.execute("PRAGMA busy_timeout=0")

    async def close(self) -> None:
        self._reader.close()
        self._writer.close()


# --------------------------------------------------------------------------------------------
# PostgreSQL


_CONNECTION_LOST = (
    OSError,  # refused, reset, unreachable
    TimeoutError,  # connecting took longer than the pool's timeout
    asyncpg.PostgresConnectionError,  # the connection broke in the middle of a statement
    asyncpg.exceptions.OperatorInterventionError,  # the server shuts down or is starting
    asyncpg.exceptions.InsufficientResourcesError,  # too many connections, disk full
)


def _lost(exc: BaseException) -> bool:
    """Whether ``exc`` says the server is away (or cannot take more), not that a statement was wrong."""
    if isinstance(exc, _CONNECTION_LOST):
        return True
    return isinstance(exc, asyncpg.InterfaceError) and "closed" in str(exc)  # "connection is closed"


@asynccontextmanager
async def _unavailable_when_lost() -> AsyncIterator[None]:
    try:
        yield
    except DatabaseUnavailable:
        raise
    except Exception as exc:
        if _lost(exc):
            raise DatabaseUnavailable(f"PostgreSQL is not reachable: {type(exc).__name__}") from exc
        raise


class _PostgresExecutor:
    dialect = "postgres"

    def __init__(self, conn: asyncpg.Connection | PoolConnectionProxy) -> None:
        self._conn = conn

    async def execute(self, sql: str, *args: Any) -> int:
        try:
            async with _unavailable_when_lost():
                status = await self._conn.execute(sql, *args)
        except asyncpg.UniqueViolationError as exc:
            raise DuplicateKey(exc.constraint_name or "unique key") from None
        return _rowcount(status)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        async with _unavailable_when_lost():
            return [dict(r) for r in await self._conn.fetch(sql, *args)]

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        async with _unavailable_when_lost():
            row = await self._conn.fetchrow(sql, *args)
        return dict(row) if row is not None else None


def _rowcount(status: str) -> int:
    last = status.rsplit(" ", 1)[-1]
    return int(last) if last.isdigit() else 0


async def _keep_session(conn: asyncpg.Connection) -> None:
    """Pool release without asyncpg's reset query (``RESET ALL; UNLISTEN *; …``): the agency sets no
    session state, listens to nothing and holds no advisory locks on pooled connections, and asyncpg
    rolls back an open transaction on release anyway — the reset was a round trip per command."""


current_tenant: ContextVar[str | None] = ContextVar("agentur_tenant", default=None)
"""The tenant a request acts for, set by the web layer once it knows the caller (``scope_to_tenant``).

On PostgreSQL every transaction then carries it as ``agentur.tenant``, and the row-level security
policies hide every other tenant's rows. Work that spans tenants (the dispatcher, admin commands)
runs without it. SQLite has no row-level security; there the repositories' filters are the only wall.
"""


def scope_to_tenant(tenant_id: str) -> None:
    """From here on, this request's database work is for ``tenant_id`` only (each request is its own task)."""
    current_tenant.set(tenant_id)


CONNECT_TIMEOUT = 10.0
"""Seconds to open a connection: a server that is unreachable (not refusing) answers 503 after this long."""


class PostgresDatabase:
    """PostgreSQL through an asyncpg pool (prepared statements cached per connection).

    A server that goes away is ``DatabaseUnavailable`` (503) for the commands that needed it, never a
    crash: the pool drops broken connections and opens new ones once the server is back.
    """

    dialect = "postgres"

    def __init__(self, pool: asyncpg.Pool) -> None:
        self._pool = pool

    @classmethod
    async def connect(
        cls, url: str, *, min_size: int = 1, max_size: int = 10, connect_timeout: float = CONNECT_TIMEOUT
    ) -> PostgresDatabase:
        try:
            pool = await asyncpg.create_pool(
                url, min_size=min_size, max_size=max_size, reset=_keep_session, timeout=connect_timeout
            )
        except (OSError, TimeoutError, asyncpg.PostgresError) as exc:
            raise DatabaseUnavailable(f"PostgreSQL is not reachable: {type(exc).__name__}") from exc
        return cls(pool)

    @asynccontextmanager
    async def _connection(self) -> AsyncIterator[PoolConnectionProxy]:
        async with _unavailable_when_lost(), self._pool.acquire() as conn:
            yield conn

    async def execute(self, sql: str, *args: Any) -> int:
        if current_tenant.get():
            async with self.transaction() as tx:
                return await tx.execute(sql, *args)
        async with self._connection() as conn:
            return await _PostgresExecutor(conn).execute(sql, *args)

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        if current_tenant.get():
            async with self.transaction() as tx:
                return await tx.fetch(sql, *args)
        async with self._connection() as conn:
            return await _PostgresExecutor(conn).fetch(sql, *args)

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        if current_tenant.get():
            async with self.transaction() as tx:
                return await tx.fetchrow(sql, *args)
        async with self._connection() as conn:
            return await _PostgresExecutor(conn).fetchrow(sql, *args)

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[_PostgresExecutor]:
        async with self._connection() as conn:
            transaction = conn.transaction()
            async with _unavailable_when_lost():
                await transaction.start()
                tenant = current_tenant.get()
                if tenant:
                    # The second wall (row-level security, migration 12): for the rest of this
                    # transaction only this tenant's rows exist, whatever a statement forgets to filter.
                    await conn.execute("SELECT set_config('agentur.tenant', $1, true)", tenant)
            try:
                yield _PostgresExecutor(conn)
            except BaseException:
                if not conn.is_closed():
                    with contextlib.suppress(Exception):  # the error to report is the one that got here
                        await transaction.rollback()
                raise
            async with _unavailable_when_lost():
                # A connection lost during COMMIT leaves it open whether the write landed: 503, and the
                # client must look before it repeats (ids are the server's, so a repeat is a new record).
                await transaction.commit()

    async def close(self) -> None:
        await self._pool.close()

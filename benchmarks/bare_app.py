"""The HTTP floor of the bus benchmarks: a bare Litestar app whose one POST route inserts one row, nothing else.

Same framework (Litestar), same server (uvicorn, one process, as ``agentur serve`` runs it), same engine
classes (``core.storage.engine.SQLiteDatabase`` / ``PostgresDatabase``, one transaction per request), but no
authentication, access decision, encryption, audit or outbox. It lives here, not in the product: the agency
has no such endpoint and gets none for a benchmark.

    AGENTUR_BENCH_BARE_DATABASE=/tmp/bare.sqlite3 python -m benchmarks.bare_app --port 8765
    AGENTUR_BENCH_BARE_DATABASE=postgresql://… python -m benchmarks.bare_app --port 8765
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import msgspec
from litestar import Litestar, Request, get, post

from core.storage.engine import Database, PostgresDatabase, SQLiteDatabase

DATABASE_ENV = "AGENTUR_BENCH_BARE_DATABASE"
"""A PostgreSQL URL, or else the path of a SQLite file."""
TABLE = "bench_bare_insert"
INSERT = f"INSERT INTO {TABLE} (id, name, created_at) VALUES ($1, $2, $3)"  # noqa: S608 - a fixed name


class RowIn(msgspec.Struct, frozen=True):
    name: str


class RowOut(msgspec.Struct, frozen=True):
    id: str


async def _open(target: str) -> Database:
    if target.startswith(("postgres://", "postgresql://")):
        db: Database = await PostgresDatabase.connect(target)
        stamp = "TIMESTAMPTZ"
    else:
        db = SQLiteDatabase(Path(target))
        stamp = "TEXT"
    await db.execute(
        f"CREATE TABLE IF NOT EXISTS {TABLE} (id TEXT PRIMARY KEY, name TEXT NOT NULL, created_at {stamp})"
    )
    return db


def create_app(target: str) -> Litestar:
    @asynccontextmanager
    async def lifespan(app: Litestar) -> AsyncIterator[None]:
        app.state.db = await _open(target)
        try:
            yield
        finally:
            await app.state.db.close()

    @post("/rows", status_code=201)
    async def insert(request: Request[Any, Any, Any], data: RowIn) -> RowOut:
        db: Database = request.app.state.db
        row_id = uuid.uuid4().hex
        async with db.transaction() as tx:
            await tx.execute(INSERT, row_id, data.name, dt.datetime.now(dt.UTC))
        return RowOut(id=row_id)

    @get("/health")
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return Litestar(route_handlers=[insert, health], lifespan=[lifespan], debug=False)


def main() -> None:
    import uvicorn

    parser = argparse.ArgumentParser(prog="python -m benchmarks.bare_app", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    target = os.environ.get(DATABASE_ENV)
    if not target:
        parser.error(f"{DATABASE_ENV} names the database (a PostgreSQL URL or a SQLite file)")
    # As ``agentur serve`` runs the agency: one uvicorn process, no access log.
    uvicorn.run(create_app(target), host="127.0.0.1", port=args.port, access_log=False, log_level="info")


if __name__ == "__main__":
    main()

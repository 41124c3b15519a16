"""Helpers of the fault tests (``tests/e2e/test_faults.py``): a TCP proxy that can cut the database away,
and a way to stop a real ``agentur`` command in the middle of its transaction.

The proxy runs its own event loop on a thread, so that synchronous test code (and the HTTP load on
other threads) can cut and restore it at any moment.

``python -m tests.support_faults PAUSE_POINT MARKER -- ARGS…`` runs ``agentur ARGS…`` (the real
``core.cli.main``) with one hook: at ``PAUSE_POINT`` — inside an open write transaction — it writes
``MARKER`` and sleeps until it is killed. The test then SIGKILLs it: a kill that lands mid-way for sure,
instead of one that usually lands before or after the few milliseconds a transaction takes.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# --------------------------------------------------------------------------------------------
# A TCP proxy that can be cut


@dataclass
class ProxyFigures:
    connections: int = 0
    """Connections passed through to the database."""
    cut_connections: int = 0
    """Open connections aborted by a cut."""
    cuts: int = 0


@dataclass
class CuttableProxy:
    """``127.0.0.1:port`` → ``upstream``; ``cut()`` aborts every connection and closes the listening
    socket (new connections are refused), ``restore()`` listens again on the same port."""

    upstream_host: str
    upstream_port: int
    port: int = 0
    figures: ProxyFigures = field(default_factory=ProxyFigures)
    _loop: asyncio.AbstractEventLoop = field(default_factory=asyncio.new_event_loop)
    _thread: threading.Thread | None = None
    _server: asyncio.Server | None = None
    _pipes: set[asyncio.StreamWriter] = field(default_factory=set)

    def start(self) -> CuttableProxy:
        self._thread = threading.Thread(target=self._loop.run_forever, name="pg-proxy", daemon=True)
        self._thread.start()
        self._call(self._listen())
        return self

    def cut(self) -> None:
        self._call(self._cut())

    def restore(self) -> None:
        self._call(self._listen())

    def stop(self) -> None:
        if self._thread is None:
            return
        self._call(self._cut())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=5)
        self._loop.close()
        self._thread = None

    def _call(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(timeout=10)

    async def _listen(self) -> None:
        self._server = await asyncio.start_server(self._handle, "127.0.0.1", self.port, reuse_address=True)
        self.port = self._server.sockets[0].getsockname()[1]

    async def _cut(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
            self.figures.cuts += 1
        for writer in list(self._pipes):
            if not writer.transport.is_closing():
                self.figures.cut_connections += 1
            writer.transport.abort()
        self._pipes.clear()

    async def _handle(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(self.upstream_host, self.upstream_port)
        except OSError:
            writer.transport.abort()
            return
        self.figures.connections += 1
        self._pipes.update((writer, up_writer))
        await asyncio.gather(_pipe(reader, up_writer), _pipe(up_reader, writer))
        self._pipes.discard(writer)
        self._pipes.discard(up_writer)


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except (OSError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.transport.abort()  # one side gone: the other goes too, like a dropped TCP path


# --------------------------------------------------------------------------------------------
# Pausing a real command inside its transaction

PAUSE_POINTS = ("rewrap-batch-3", "erase-before-commit")


def _pause(marker: Path) -> None:
    marker.write_text("paused\n")
    while True:  # until SIGKILL
        time.sleep(60)


def _install(point: str, marker: Path) -> None:
    if point == "rewrap-batch-3":
        from core.storage.person_store import Persons

        replace_keys = Persons.replace_keys
        calls = 0

        async def replace_then_pause(self: Persons, rewrapped: Any) -> int:
            nonlocal calls
            calls += 1
            replaced = await replace_keys(self, rewrapped)
            if calls == 3:  # batches 1 and 2 are committed, batch 3 is written but not committed
                _pause(marker)
            return replaced

        Persons.replace_keys = replace_then_pause  # type: ignore[method-assign]
    elif point == "erase-before-commit":
        from core import audit

        record = audit.record

        async def record_then_pause(*args: Any, **kwargs: Any) -> int:
            seq = await record(*args, **kwargs)
            if kwargs.get("action") == "person.erase":  # key, fields and index deleted, not committed
                _pause(marker)
            return seq

        audit.record = record_then_pause
    else:
        raise SystemExit(f"unknown pause point {point!r}; known: {', '.join(PAUSE_POINTS)}")


def main(argv: list[str]) -> None:
    point, marker, separator, *args = argv
    assert separator == "--", "usage: python -m tests.support_faults POINT MARKER -- AGENTUR-ARGS…"
    _install(point, Path(marker))
    from core.cli import main as agentur

    with contextlib.suppress(KeyboardInterrupt):
        agentur(args)


if __name__ == "__main__":
    main(sys.argv[1:])

"""A webhook receiver for tests: a real HTTP server on 127.0.0.1 that can be told to fail, recording every request."""

from __future__ import annotations

import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from core.bus.webhooks import EVENT_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, verify_signature


@dataclass(frozen=True)
class Received:
    """One request as the receiver saw it, and what it answered."""

    event_id: str
    headers: dict[str, str]
    """Names in lower case."""
    body: bytes
    status: int
    signature_ok: bool


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A sender that was killed mid-request resets its connection: that is what the fault test does."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


class Receiver:
    """Answers 500 to the first ``fail_first`` requests and while ``healthy`` is false, else 200 (after ``delay`` s).

    Every request is recorded with its headers and body; the signature is checked with the
    receiver-side ``verify_signature`` when a secret is given.
    """

    def __init__(self, *, secret: str = "", fail_first: int = 0, delay: float = 0.0) -> None:
        self.secret = secret
        self.fail_first = fail_first
        self.delay = delay
        self.healthy = True
        self._lock = threading.Lock()
        self._records: list[Received] = []
        self._server = _Server(("127.0.0.1", 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)

    @property
    def url(self) -> str:
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/hook"

    def start(self) -> Receiver:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def __enter__(self) -> Receiver:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def records(self) -> list[Received]:
        with self._lock:
            return list(self._records)

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.records if r.status == 200]

    def accepted_ids(self) -> Counter[str]:
        """How often each event id was accepted (more than once: a redelivery the receiver de-duplicates)."""
        return Counter(r.event_id for r in self.accepted)

    def _answer(self, headers: dict[str, str], body: bytes) -> int:
        time.sleep(self.delay)
        signature_ok = bool(self.secret) and verify_signature(
            self.secret, headers.get(TIMESTAMP_HEADER.lower(), "0"), body, headers.get(SIGNATURE_HEADER.lower(), "")
        )
        with self._lock:
            failing = len(self._records) < self.fail_first or not self.healthy
            status = 500 if failing else 200
            self._records.append(Received(headers.get(EVENT_HEADER.lower(), ""), headers, body, status, signature_ok))
        return status

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive, as a real receiver behind a proxy would
            disable_nagle_algorithm = True  # else every answer waits 40 ms for the sender's delayed ACK

            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                body = self.rfile.read(length)
                if len(body) < length:  # the sender died mid-request: nothing arrived
                    self.close_connection = True
                    return
                headers = {k.lower(): v for k, v in self.headers.items()}
                status = receiver._answer(headers, body)
                answer = b"ok" if status == 200 else b"try again later"
                self.send_response(status)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler

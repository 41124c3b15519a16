"""A local SMTP server for tests (aiosmtpd on 127.0.0.1), registered as the ``smtp_server`` fixture."""

from __future__ import annotations

import socket
from collections.abc import Iterator

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

SENDER = "termine@burgenlandkreis.example"


class Collector:
    def __init__(self) -> None:
        self.envelopes: list[Envelope] = []

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:  # aiosmtpd's name
        self.envelopes.append(envelope)
        return "250 OK"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@pytest.fixture
def smtp_server(monkeypatch: pytest.MonkeyPatch) -> Iterator[Collector]:
    collector = Collector()
    port = free_port()
    controller = Controller(collector, hostname="127.0.0.1", port=port)
    controller.start()
    monkeypatch.setenv("AGENTUR_SMTP_HOST", "127.0.0.1")
    monkeypatch.setenv("AGENTUR_SMTP_PORT", str(port))
    monkeypatch.setenv("AGENTUR_SMTP_FROM", f"Migrationsagentur Burgenlandkreis <{SENDER}>")
    monkeypatch.setenv("AGENTUR_SMTP_STARTTLS", "off")  # the local test server speaks no TLS
    monkeypatch.delenv("AGENTUR_SMTP_USER", raising=False)
    monkeypatch.delenv("AGENTUR_SMTP_PASSWORD", raising=False)
    try:
        yield collector
    finally:
        controller.stop()

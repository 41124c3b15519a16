"""Bus scenarios: referrals over HTTP on a real server, against its health route and a bare insert; webhook events/s."""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import httpx
import msgspec

from benchmarks.bare_app import DATABASE_ENV
from benchmarks.registry import BenchContext, Run, goal, scenario
from core.bus.webhooks import EVENT_HEADER
from core.settings import Settings
from core.storage.repositories import now
from core.storage.schema import open_database

GROUP = "bus"
ROOT = Path(__file__).resolve().parents[1]
AGENTUR = str(Path(sys.executable).with_name("agentur"))
HOST = "127.0.0.1"
TENANT = "bench-bus"
SECRET = "benchmark-webhook-secret-jobcenter"  # noqa: S105 - the receiver does not check it
START_TIMEOUT = 60.0
"""Seconds a server or worker process may take to come up."""
HTTP_TIMEOUT = 30.0
SENDERS = 4
"""Parallel clients filling the outbox before a webhook round (not timed)."""
PERSON = {
    "family_name": "Haddad",
    "given_names": "Rami",
    "birth_date": "1989-05-02",
    "nationality": ["SY"],
    "residence_status": "aufenthaltserlaubnis",
    "address": "Domplatz 1, 06618 Naumburg (Saale)",
    "marital_status": "married",
}
"""A non-EU national: the IAA sees the person by statute, the Jobcenter's Bürgergeld needs no consent."""
JSON = {"Content-Type": "application/json"}


# -- processes ----------------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port


def _child_env(**extra: str) -> dict[str, str]:
    """This environment without the agency's settings (or proxies: everything stays on 127.0.0.1), plus ``extra``."""
    drop = ("http_proxy", "https_proxy", "all_proxy")
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTUR_") and k.lower() not in drop}
    return env | extra


def _cli(env: dict[str, str], *args: str) -> str:
    """Run ``agentur …``; its stdout (the result: a slug, a token)."""
    done = subprocess.run([AGENTUR, *args], env=env, capture_output=True, text=True, timeout=START_TIMEOUT, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"agentur {' '.join(args[:2])} failed: {done.stderr.strip()[-500:]}")
    return done.stdout.strip()


def _die_with_parent() -> None:
    """In the child, before it runs: SIGTERM when the benchmark dies (even by SIGKILL), so nothing stays behind."""
    if sys.platform == "linux":
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG


class _Process:
    """A child in its own process group, its output copied to a log file; ``stop()`` ends the group."""

    def __init__(
        self,
        args: list[str],
        *,
        env: dict[str, str],
        log: Path,
        stop_signal: int = signal.SIGINT,
        watch: str | None = None,
    ) -> None:
        self.log = log
        self._stop_signal = stop_signal
        self._watch = watch.encode() if watch else None
        self._seen = threading.Event()
        self.seen_at = 0.0
        """When (``perf_counter``) a line containing ``watch`` came."""
        self.process = subprocess.Popen(
            args,
            env=env,
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            preexec_fn=_die_with_parent,  # started from the event loop's thread, which lives as long as the run
        )
        self._reader = threading.Thread(target=self._read, name=f"log:{log.name}", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.log.open("wb") as handle:
            for line in self.process.stdout:
                at = time.perf_counter()
                handle.write(line)
                handle.flush()
                if self._watch is not None and not self._seen.is_set() and self._watch in line:
                    self.seen_at = at
                    self._seen.set()

    def wait_for_line(self, timeout: float = START_TIMEOUT) -> float:
        """When (``perf_counter``) the process printed the line it was told to watch for."""
        deadline = time.monotonic() + timeout
        while not self._seen.wait(0.05):
            if self.process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"{self.log.stem}: not ready (exit {self.process.poll()}):\n{self.output()}")
        return self.seen_at

    def wait_http(self, url: str, timeout: float = START_TIMEOUT) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                break
            with contextlib.suppress(httpx.TransportError):
                if httpx.get(url, timeout=1, trust_env=False).status_code == 200:
                    return
            time.sleep(0.05)
        raise RuntimeError(f"{self.log.stem} not ready (exit {self.process.poll()}):\n{self.output()}")

    def output(self) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self, timeout: float = 20.0) -> None:
        if self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, self._stop_signal)
            try:
                self.process.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                with contextlib.suppress(ProcessLookupError):
                    os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._reader.join(timeout=5)


# -- the webhook receiver ---------------------------------------------------------------------


class _Receiver:
    """A webhook receiver on 127.0.0.1 in this process: 200 to every POST, counting distinct event ids."""

    def __init__(self) -> None:
        self._ids: set[str] = set()
        self._cond = threading.Condition()
        self._target: int | None = None
        self._reached_at: float | None = None
        self.requests = 0
        self._server = ThreadingHTTPServer((HOST, 0), self._handler())
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, name="webhook-receiver", daemon=True)
        self._thread.start()

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self._server.server_address[1]}/hook"

    @property
    def distinct(self) -> int:
        with self._cond:
            return len(self._ids)

    def expect(self, total: int) -> None:
        """Note the time when ``total`` distinct event ids have arrived."""
        with self._cond:
            self._target, self._reached_at = total, None
            self._check()

    def wait(self, timeout: float) -> float:
        """When (``perf_counter``) the expected number of distinct event ids had arrived."""
        with self._cond:
            if not self._cond.wait_for(lambda: self._reached_at is not None, timeout=timeout):
                raise TimeoutError(f"the receiver has {len(self._ids)} of {self._target} events after {timeout:.0f} s")
            assert self._reached_at is not None
            return self._reached_at

    def _check(self) -> None:
        if self._target is not None and self._reached_at is None and len(self._ids) >= self._target:
            self._reached_at = time.perf_counter()
            self._cond.notify_all()

    def _arrived(self, event_id: str) -> None:
        with self._cond:
            self.requests += 1
            self._ids.add(event_id)
            self._check()

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join(timeout=5)

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"  # keep-alive
            disable_nagle_algorithm = True  # else each answer waits for the sender's delayed ACK

            def do_POST(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", "0")))
                receiver._arrived(self.headers.get(EVENT_HEADER, ""))
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, format: str, *args: Any) -> None:
                return

        return Handler


# -- one served agency per engine -------------------------------------------------------------


@dataclass
class _Served:
    """``agentur serve`` (dispatcher off) with one tenant, the bare app beside it, and a webhook receiver."""

    engine: str
    home: Path
    env: dict[str, str]
    database_url: str | None
    base_url: str
    bare_url: str
    tokens: dict[str, str]
    person_id: str
    receiver: _Receiver

    def client(self, who: str | None = None, *, bare: bool = False) -> httpx.Client:
        """A keep-alive client for the server (``who``'s token) or the bare app."""
        headers = {"Authorization": f"Bearer {self.tokens[who]}"} if who else {}
        base = self.bare_url if bare else self.base_url
        return httpx.Client(base_url=base, headers=headers, timeout=HTTP_TIMEOUT, trust_env=False)

    @property
    def referral(self) -> bytes:
        """The body of one referral: the IAA sends the person to the Jobcenter for Bürgergeld."""
        body = {
            "person_id": self.person_id,
            "to_partner": "jobcenter",
            "service": "buergergeld",
            "reason": "Antrag auf Bürgergeld nach Zuzug, Unterlagen liegen vor",
            "urgency": "normal",
        }
        return msgspec.json.encode(body)


def _expect(response: httpx.Response, status: int) -> httpx.Response:
    if response.status_code != status:
        raise RuntimeError(
            f"{response.request.method} {response.request.url.path}: {response.status_code} {response.text[:300]}"
        )
    return response


async def _served(ctx: BenchContext, engine: str) -> _Served:
    async def start() -> _Served:
        began = time.perf_counter()
        home = ctx.tempdir(f"bus-{engine}")
        database_url = await ctx.postgres_database() if engine == "postgres" else None
        env = _child_env(AGENTUR_HOME=str(home), AGENTUR_DISPATCHER="off")
        if database_url is not None:
            env["AGENTUR_DATABASE_URL"] = database_url
        _cli(env, "tenant", "create", TENANT, "--name", "Benchmark", "--plugins", "iaa,jobcenter")  # migrates, too

        port, bare_port = _free_port(), _free_port()
        server = _Process([AGENTUR, "serve", "--port", str(port)], env=env, log=home / "serve.log")
        ctx.stack.callback(server.stop)
        bare_env = _child_env(**{DATABASE_ENV: database_url or str(home / "bare.sqlite3")})
        bare = _Process(
            [sys.executable, "-m", "benchmarks.bare_app", "--port", str(bare_port)], env=bare_env, log=home / "bare.log"
        )
        ctx.stack.callback(bare.stop)
        token_args = {"iaa": ("iaa", "caseworker"), "jobcenter_admin": ("jobcenter", "partner_admin")}
        with ThreadPoolExecutor(len(token_args)) as pool:
            made = {
                who: pool.submit(_cli, env, "token", "create", "--tenant", TENANT, "--partner", p, "--role", r)
                for who, (p, r) in token_args.items()
            }
            tokens = {who: future.result() for who, future in made.items()}
        base_url, bare_url = f"http://{HOST}:{port}", f"http://{HOST}:{bare_port}"
        server.wait_http(f"{base_url}/api/v1/health")
        bare.wait_http(f"{bare_url}/health")

        receiver = _Receiver()
        ctx.stack.callback(receiver.stop)
        served = _Served(engine, home, env, database_url, base_url, bare_url, tokens, "", receiver)
        with served.client("jobcenter_admin") as admin:
            hook = {"url": receiver.url, "events": ["*"], "secret": SECRET}
            _expect(admin.post(f"/api/v1/{TENANT}/webhooks", json=hook), 201)
        with served.client("iaa") as iaa:
            served.person_id = _expect(iaa.post(f"/api/v1/{TENANT}/persons", json={"fields": PERSON}), 201).json()["id"]
        ctx.note(
            f"setup: agentur serve + bare app on {engine}, tenant, tokens, webhook and person in "
            f"{time.perf_counter() - began:.1f} s"
        )
        return served

    served: _Served = await ctx.once(f"bus.{engine}", start)
    return served


# -- scenarios --------------------------------------------------------------------------------


def _register(engine: str) -> None:
    health_name, bare_name = f"http_health_{engine}", f"http_bare_insert_{engine}"

    @scenario(health_name, group=GROUP, ops=2000, quick_ops=100)
    async def http_health(ctx: BenchContext) -> AsyncIterator[Run]:
        """GET /api/v1/health on the real server: one keep-alive client, sequential requests."""
        served = await _served(ctx, engine)
        client = served.client()

        def run(n: int) -> None:
            for _ in range(n):
                _expect(client.get("/api/v1/health"), 200)

        try:
            yield run
        finally:
            client.close()

    @scenario(bare_name, group=GROUP, ops=2000, quick_ops=100)
    async def http_bare_insert(ctx: BenchContext) -> AsyncIterator[Run]:
        """POST to a bare Litestar app (same uvicorn, same engine class): one row inserted in one transaction."""
        served = await _served(ctx, engine)
        client = served.client(bare=True)
        body = msgspec.json.encode({"name": "Antrag auf Bürgergeld"})

        def run(n: int) -> None:
            for _ in range(n):
                _expect(client.post("/rows", content=body, headers=JSON), 201)

        try:
            yield run
        finally:
            client.close()

    @scenario(
        f"referral_create_{engine}", group=GROUP, floor=bare_name, compare=(health_name,), ops=2000, quick_ops=100
    )
    async def referral_create(ctx: BenchContext) -> AsyncIterator[Run]:
        """POST /referrals, IAA to Jobcenter (auth, access decision, encryption, outbox, audit; one transaction)."""
        served = await _served(ctx, engine)
        client = served.client("iaa")
        path, body = f"/api/v1/{TENANT}/referrals", served.referral

        def run(n: int) -> None:
            for _ in range(n):
                _expect(client.post(path, content=body, headers=JSON), 201)

        try:
            yield run
        finally:
            client.close()

    @scenario(f"webhook_events_{engine}", group=GROUP, ops=2000, quick_ops=200, warmup=False)
    async def webhook_events(ctx: BenchContext) -> AsyncIterator[Run]:
        """Events an ``agentur worker`` delivers per second to a webhook receiver on 127.0.0.1, from a full outbox.

        Each round: referrals fill the outbox with the server's dispatcher off (not timed), then one worker starts;
        timed from its "worker: dispatching" until the receiver has every event id of the round."""
        served = await _served(ctx, engine)
        rounds = iter(range(1, 1000))

        async def run(n: int) -> float:
            await _clear_backlog(served)
            _fill_outbox(served, n)
            receiver = served.receiver
            receiver.expect(receiver.distinct + n)
            requests_before, spawned = receiver.requests, time.perf_counter()
            round_no = next(rounds)
            worker = _Process(
                [AGENTUR, "worker"],
                env=served.env,
                log=served.home / f"worker-{round_no}.log",
                stop_signal=signal.SIGTERM,
                watch="worker: dispatching",
            )
            try:
                started = worker.wait_for_line()
                done = receiver.wait(timeout=60 + n * 0.05)
            finally:
                worker.stop()
            seconds = done - started
            ctx.note(
                f"webhook_events_{engine} round {round_no}: {n:,} events in {seconds:.2f} s ({n / seconds:,.0f}/s, "
                f"{receiver.requests - requests_before:,} webhook requests); worker up in {started - spawned:.2f} s"
            )
            return seconds

        yield run


async def _clear_backlog(served: _Served) -> None:
    """Mark what earlier scenarios left in the outbox as delivered: a round's worker only has the round's events."""
    db = await open_database(Settings(home=served.home, database_url=served.database_url))
    try:
        await db.execute(
            "UPDATE outbox SET status = 'delivered', delivered_at = $1, lease_until = NULL "
            "WHERE tenant_id = $2 AND status = 'pending'",
            now(),
            TENANT,
        )
    finally:
        await db.close()


def _fill_outbox(served: _Served, n: int) -> None:
    """``n`` referrals (one event each) over HTTP, from ``SENDERS`` clients at once."""
    path, body = f"/api/v1/{TENANT}/referrals", served.referral

    def send(count: int) -> None:
        with served.client("iaa") as client:
            for _ in range(count):
                _expect(client.post(path, content=body, headers=JSON), 201)

    shares = [n // SENDERS + (1 if i < n % SENDERS else 0) for i in range(SENDERS)]
    with ThreadPoolExecutor(SENDERS) as pool:
        list(pool.map(send, shares))


for _engine in ("sqlite", "postgres"):
    _register(_engine)
    goal(f"referral_create_{_engine}", f"http_bare_insert_{_engine}", at_most_slower=3)

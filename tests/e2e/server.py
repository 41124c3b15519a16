"""A real ``agentur`` process for end-to-end tests: started on a free port, stopped afterwards."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

AGENTUR = str(Path(sys.executable).with_name("agentur"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def agentur_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("AGENTUR_")}
    env["AGENTUR_HOME"] = str(home)
    env.update(extra)
    return env


def run_agentur(*args: str, env: dict[str, str], stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [AGENTUR, *args], env=env, input=stdin, capture_output=True, text=True, timeout=120, check=False
    )


class Server:
    """``agentur serve`` in its own process group; ``stop()`` sends SIGINT and waits."""

    def __init__(self, *args: str, env: dict[str, str], log: Path) -> None:
        self.port = free_port()
        self.base_url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self._log_handle = log.open("w")
        self.process = subprocess.Popen(
            [AGENTUR, "serve", "--port", str(self.port), *args],
            env=env,
            stdout=self._log_handle,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"agentur serve exited with {self.process.returncode}:\n{self.output()}")
            try:
                if httpx.get(f"{self.base_url}/api/v1/health", timeout=1).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"agentur serve not ready after {timeout}s:\n{self.output()}")

    def output(self) -> str:
        self._log_handle.flush()
        return self.log.read_text()

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGINT)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
        self._log_handle.close()

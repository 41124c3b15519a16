"""The built-in key provider: one key file per tenant under ``AGENTUR_HOME/keys`` (embedded default).

Registered as a default plugin with ``trylast=True``: a KMS or Vault plugin that answers
``agentur_key_provider`` for a tenant takes precedence.
"""

from __future__ import annotations

import base64
import json
import os
import stat
import tempfile
import threading
from pathlib import Path

import pluggy

from core.crypto.keys import KEY_BYTES, KeyUnavailable

hookimpl = pluggy.HookimplMarker("agentur")


class LocalKeyFile:
    """``keys/<tenant>.json``: ``{"current": n, "keks": {"1": base64, ...}, "index_key": base64}``, mode 0600.

    A file that others may read is refused: the keys are the only thing between a stolen database
    copy and the biographies in it.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._lock = threading.Lock()
        self._loaded_mtime: int | None = None
        self._current = 0
        self._keks: dict[int, bytes] = {}
        self._index_key = b""

    # -- reading --------------------------------------------------------------------------

    def _load(self, *, force: bool = False) -> None:
        with self._lock:
            try:
                info = self.path.stat()
            except FileNotFoundError:
                self._create()
                info = self.path.stat()
            if not force and self._loaded_mtime == info.st_mtime_ns:
                return
            if info.st_mode & (stat.S_IRWXG | stat.S_IRWXO):
                raise KeyUnavailable(
                    f"key file {self.path} is readable by others (mode {stat.S_IMODE(info.st_mode):o}); "
                    "allow only its owner: chmod 600"
                )
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._keks = {int(v): base64.b64decode(k) for v, k in data["keks"].items()}
            self._current = int(data["current"])
            self._index_key = base64.b64decode(data["index_key"])
            self._loaded_mtime = info.st_mtime_ns

    def current_kek(self) -> tuple[int, bytes]:
        self._load()
        return self._current, self._keks[self._current]

    def kek(self, version: int) -> bytes:
        self._load()
        if version not in self._keks:
            self._load(force=True)  # rotated by another process since we last read
        try:
            return self._keks[version]
        except KeyError:
            raise KeyUnavailable(f"key-encryption key version {version} is missing from {self.path}") from None

    def index_key(self) -> bytes:
        self._load()
        return self._index_key

    # -- writing --------------------------------------------------------------------------

    def new_kek_version(self) -> int:
        self._load(force=True)
        with self._lock:
            version = max(self._keks) + 1
            keks = {**self._keks, version: os.urandom(KEY_BYTES)}
            self._write(version, keks, self._index_key)
        self._load(force=True)
        return version

    def _create(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        self._write(1, {1: os.urandom(KEY_BYTES)}, os.urandom(KEY_BYTES), exclusive=True)

    def _write(self, current: int, keks: dict[int, bytes], index_key: bytes, *, exclusive: bool = False) -> None:
        payload = json.dumps(
            {
                "current": current,
                "keks": {str(v): base64.b64encode(k).decode() for v, k in sorted(keks.items())},
                "index_key": base64.b64encode(index_key).decode(),
            }
        ).encode()
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".key-")  # created 0600
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            if exclusive:
                try:
                    os.link(tmp, self.path)  # never overwrite a key file another process just made
                except FileExistsError:
                    return
            else:
                os.replace(tmp, self.path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)


@hookimpl(trylast=True)
def agentur_key_provider(tenant: str, home: Path) -> LocalKeyFile:
    """The default: ``<home>/keys/<tenant>.json``, created on first use."""
    return LocalKeyFile(Path(home) / "keys" / f"{tenant}.json")

"""Settings of one agency process, read once from the environment and passed down explicitly."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

import msgspec

DEFAULT_HOME = ".agentur"


class Settings(msgspec.Struct, frozen=True, kw_only=True):
    """Everything ``create_app`` and the CLI need to build a world; no module-level state."""

    home: Path
    database_url: str | None = None
    """``postgresql://user@host:port/db`` selects PostgreSQL; ``None`` is SQLite under ``home``."""
    load_entrypoints: bool = True
    """Load installed plugins from the ``agentur`` entry-point group."""
    extra_plugins: tuple[object, ...] = ()
    """Plugin objects registered besides the installed ones (tests, embedding)."""
    run_dispatcher: bool = True
    """Whether the web app runs the bus dispatcher itself (the embedded default); production runs ``agentur worker``."""

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        env = os.environ if environ is None else environ
        url = env.get("AGENTUR_DATABASE_URL") or None
        dispatcher = env.get("AGENTUR_DISPATCHER", "on").lower() not in ("off", "0", "false", "no")
        return cls(home=Path(env.get("AGENTUR_HOME") or DEFAULT_HOME), database_url=url, run_dispatcher=dispatcher)

    @property
    def sqlite_path(self) -> Path:
        return self.home / "agentur.sqlite3"

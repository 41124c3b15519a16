"""Piccolo's configuration module (``PICCOLO_CONF``): the engine that runs migrations.

Piccolo finds its engine through this module, so ``storage.migrate`` sets ``DB`` for the database
it migrates; the agency's own queries never use this engine (see ``storage/engine.py``).
"""

from __future__ import annotations

from typing import Any

from piccolo.conf.apps import AppRegistry
from piccolo.engine.base import Engine
from piccolo.engine.sqlite import SQLiteEngine

DB: Engine[Any] = SQLiteEngine(path=":memory:")
"""Replaced by ``core.storage.migrations_runner`` before every migration run."""

APP_REGISTRY = AppRegistry(apps=["core.storage.piccolo_app"])

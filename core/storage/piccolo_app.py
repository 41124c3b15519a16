"""The Piccolo app of the agency: its tables and the folder of its migrations."""

from __future__ import annotations

import os

from piccolo.conf.apps import AppConfig

from core.storage.tables import TABLES

APP_CONFIG = AppConfig(
    app_name="agentur",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "migrations"),
    table_classes=list(TABLES),
    migration_dependencies=[],
    commands=[],
)

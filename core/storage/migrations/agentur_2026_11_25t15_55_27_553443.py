"""Migration 9: which office booked an appointment (the desk may follow up on what it booked)."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-11-25T15:55:27:553443"
VERSION = "1.38.0"
DESCRIPTION = "appointment booked_by"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="agentur", description=DESCRIPTION)

    manager.add_column(
        table_class_name="Appointment",
        tablename="appointment",
        column_name="booked_by",
        db_column_name="booked_by",
        column_class_name="Varchar",
        column_class=Varchar,
        params={
            "length": 40,
            "default": "",
            "null": False,
            "primary_key": False,
            "unique": False,
            "index": False,
            "index_method": IndexMethod.btree,
            "choices": None,
            "db_column_name": None,
            "secret": False,
        },
        schema=None,
    )

    return manager

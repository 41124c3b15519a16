"""The schema as Piccolo tables: the source from which the migrations in ``migrations/`` are made.

Every table carries ``tenant_id`` and every unique key starts with it (ARCHITECTURE §8). Piccolo
allows one primary-key column only, so each row's key is a random id, and ``(tenant_id, id)`` is
declared unique beside it: every lookup leads with the tenant, and the tenant-first key is what a
distributed (Citus-style) layout would use. Piccolo's ``Unique`` constraint cannot be added to an
existing SQLite table, so the tenant-first unique keys are unique indexes, created in the migrations
(``add_raw``) and listed in each table's docstring.
"""

from __future__ import annotations

from piccolo.columns import Boolean, Text, Timestamptz, Varchar
from piccolo.table import Table


class Tenant(Table, tablename="tenant"):
    """A county: its name, the plugins it enables and its code-less partners (validated JSON)."""

    tenant_id = Varchar(length=40, primary_key=True)
    name = Varchar(length=200)
    plugins = Text(default="[]")
    declared_partners = Text(default="[]")
    created_at = Timestamptz()


class StaffUser(Table, tablename="staff_user"):
    """A staff login of one partner office; the password only as an argon2id hash.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, username)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    role = Varchar(length=20)
    username = Varchar(length=80)
    password_hash = Text()
    active = Boolean(default=True)
    created_at = Timestamptz()


class ApiToken(Table, tablename="api_token"):
    """An API token of a partner office; only the SHA-256 of the secret is stored.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, secret_hash)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    role = Varchar(length=20)
    name = Varchar(length=120)
    secret_hash = Varchar(length=64)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)


TABLES: tuple[type[Table], ...] = (Tenant, StaffUser, ApiToken)

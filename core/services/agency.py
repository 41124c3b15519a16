"""The agency as one process sees it: settings, validated plugins and the open database."""

from __future__ import annotations

import time

import anyio
import pluggy

from core.crypto.keys import Keyring
from core.domain.errors import NotFound
from core.domain.staff import Tenant
from core.plugins import PartnerDirectory, Registry, get_plugin_manager
from core.settings import Settings
from core.storage.engine import Database
from core.storage.repositories import Tenants
from core.storage.schema import open_database

TENANT_TTL = 5.0
"""Seconds a process keeps a tenant's configuration before reading it again."""


class Agency:
    """Built by ``open_agency``; nothing of it lives in a module global, so tests build fresh ones."""

    def __init__(self, settings: Settings, pm: pluggy.PluginManager, registry: Registry, db: Database) -> None:
        self.settings = settings
        self.pm = pm
        self.registry = registry
        self.db = db
        self.keyring = Keyring(pm.hook, settings.home)
        self._directories: dict[str, tuple[object, PartnerDirectory]] = {}
        self._tenants: dict[str, tuple[float, Tenant, PartnerDirectory]] = {}
        self.password_checks: anyio.CapacityLimiter | None = None
        """Made on first use, inside the running event loop (``services/signin``)."""

    async def tenant(self, tenant_id: str) -> tuple[Tenant, PartnerDirectory]:
        """The tenant and its partners; ``NotFound`` for an unknown tenant.

        A tenant's configuration changes rarely (``agentur tenant …``), so it is read again only after
        ``TENANT_TTL``: a request pays no database round trip for it, and every process sees a change
        within seconds. Unknown tenants are never cached.
        """
        at = time.monotonic()
        hit = self._tenants.get(tenant_id)
        if hit is not None and at - hit[0] < TENANT_TTL:
            return hit[1], hit[2]
        found = await Tenants(self.db).get(tenant_id)
        if found is None:
            self._tenants.pop(tenant_id, None)
            raise NotFound("no such tenant")
        tenant, declared = found
        # Directories are validated once per tenant configuration, not per read.
        fingerprint = (tenant.plugins, tuple(declared))
        cached = self._directories.get(tenant_id)
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, self.registry.directory(tenant.plugins, declared))
            self._directories[tenant_id] = cached
        self._tenants[tenant_id] = (at, tenant, cached[1])
        return tenant, cached[1]

    def forget_tenant(self, tenant_id: str) -> None:
        """Drop the cached configuration after this process changed it."""
        self._tenants.pop(tenant_id, None)

    async def close(self) -> None:
        await self.db.close()


def load_registry(settings: Settings) -> tuple[pluggy.PluginManager, Registry]:
    """Load and validate every plugin; a broken declaration raises ``DeclarationError`` naming it."""
    pm = get_plugin_manager(settings)
    return pm, Registry.load(pm)


async def open_agency(settings: Settings) -> Agency:
    pm, registry = load_registry(settings)
    return Agency(settings, pm, registry, await open_database(settings))

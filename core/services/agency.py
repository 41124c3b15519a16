"""The agency as one process sees it: settings, validated plugins and the open database."""

from __future__ import annotations

import pluggy

from core.crypto.keys import Keyring
from core.domain.errors import NotFound
from core.domain.staff import Tenant
from core.plugins import PartnerDirectory, Registry, get_plugin_manager
from core.settings import Settings
from core.storage.engine import Database
from core.storage.repositories import Tenants
from core.storage.schema import open_database


class Agency:
    """Built by ``open_agency``; nothing of it lives in a module global, so tests build fresh ones."""

    def __init__(self, settings: Settings, pm: pluggy.PluginManager, registry: Registry, db: Database) -> None:
        self.settings = settings
        self.pm = pm
        self.registry = registry
        self.db = db
        self.keyring = Keyring(pm.hook, settings.home)
        self._directories: dict[str, tuple[object, PartnerDirectory]] = {}

    async def tenant(self, tenant_id: str) -> tuple[Tenant, PartnerDirectory]:
        """The tenant and its partners; ``NotFound`` for an unknown tenant."""
        found = await Tenants(self.db).get(tenant_id)
        if found is None:
            raise NotFound("no such tenant")
        tenant, declared = found
        # Directories are validated once per tenant configuration, not per request.
        fingerprint = (tenant.plugins, tuple(declared))
        cached = self._directories.get(tenant_id)
        if cached is None or cached[0] != fingerprint:
            cached = (fingerprint, self.registry.directory(tenant.plugins, declared))
            self._directories[tenant_id] = cached
        return tenant, cached[1]

    async def close(self) -> None:
        await self.db.close()


def load_registry(settings: Settings) -> tuple[pluggy.PluginManager, Registry]:
    """Load and validate every plugin; a broken declaration raises ``DeclarationError`` naming it."""
    pm = get_plugin_manager(settings)
    return pm, Registry.load(pm)


async def open_agency(settings: Settings) -> Agency:
    pm, registry = load_registry(settings)
    return Agency(settings, pm, registry, await open_database(settings))

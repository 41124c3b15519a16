"""The plugin manager factory and the validated registry of partner declarations."""

from __future__ import annotations

import importlib
import inspect
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import msgspec
import pluggy

from core import hookspecs
from core.domain.biography import FieldCatalogue, FieldSpec
from core.domain.errors import DeclarationError
from core.domain.partner import Partner, declaration_problems
from core.settings import Settings

PROJECT = "agentur"

DEFAULT_PLUGINS: tuple[str, ...] = ("core.crypto.local_keys", "core.letters", "core.triage_defaults")
"""The core's own behaviour, registered like any plugin (``trylast``) so a partner plugin can override it."""


def get_plugin_manager(settings: Settings) -> pluggy.PluginManager:
    """A fresh plugin manager: hook specs, installed plugins, and the settings' extra plugins."""
    pm = pluggy.PluginManager(PROJECT)
    pm.add_hookspecs(hookspecs)
    for module_name in DEFAULT_PLUGINS:
        pm.register(importlib.import_module(module_name), name=module_name)
    if settings.load_entrypoints:
        pm.load_setuptools_entrypoints(PROJECT)
    for plugin in settings.extra_plugins:
        # A module registers under its last name part (``plugins.sportbund`` → ``sportbund``), as
        # its entry point would; the plugin name is the partner id and the field namespace.
        name = getattr(plugin, "__name__", None)
        pm.register(plugin, name=name.rsplit(".", 1)[-1] if isinstance(name, str) else None)
    try:
        pm.check_pending()
    except pluggy.PluginValidationError as exc:
        name = pm.get_name(exc.plugin) or repr(exc.plugin)
        hooks = ", ".join(sorted(h for h in dir(exc.plugin) if h.startswith("agentur_"))) or "none"
        raise DeclarationError(
            f"plugin {name!r}: implements a hook the agency does not know (its agentur_ hooks: {hooks})"
        ) from exc
    return pm


async def maybe_await(value: Any) -> Any:
    """pluggy does not await: a hook may return an awaitable, which the core awaits (datasette's ``await_me_maybe``)."""
    if inspect.isawaitable(value):
        return await value
    return value


def _plugin_results(pm: pluggy.PluginManager, hook_name: str) -> list[tuple[str, Any]]:
    """Call one hook implementation at a time, so a bad answer can be blamed on its plugin."""
    hook = getattr(pm.hook, hook_name)
    results = []
    for impl in hook.get_hookimpls():
        try:
            results.append((impl.plugin_name, impl.function()))
        except Exception as exc:  # a plugin failing at declaration time stops start-up
            raise DeclarationError(f"plugin {impl.plugin_name!r}: {hook_name} failed: {exc}") from exc
    return results


class PartnerPlugin(msgspec.Struct, frozen=True):
    """A validated partner with the name of the plugin that declares it (``tenant:<slug>`` for TOML)."""

    plugin_name: str
    partner: Partner


class Registry:
    """What the installed plugins declare, validated once at start-up."""

    def __init__(self, catalogue: FieldCatalogue, partners: Mapping[str, PartnerPlugin]) -> None:
        self.catalogue = catalogue
        self.partners = dict(partners)

    @classmethod
    def load(cls, pm: pluggy.PluginManager) -> Registry:
        plugin_fields: dict[str, list[FieldSpec]] = {}
        for plugin_name, specs in _plugin_results(pm, "agentur_biography_fields"):
            if not isinstance(specs, list) or not all(isinstance(s, FieldSpec) for s in specs):
                raise DeclarationError(
                    f"plugin {plugin_name!r}: agentur_biography_fields must return a list of FieldSpec"
                )
            plugin_fields[plugin_name] = specs
        try:
            catalogue = FieldCatalogue.build(plugin_fields)
        except DeclarationError as exc:
            raise DeclarationError(f"biography fields: {exc}") from exc

        partners: dict[str, PartnerPlugin] = {}
        for plugin_name, partner in _plugin_results(pm, "agentur_partner"):
            if not isinstance(partner, Partner):
                raise DeclarationError(f"plugin {plugin_name!r}: agentur_partner must return a Partner")
            if partner.id != plugin_name:
                raise DeclarationError(
                    f"plugin {plugin_name!r}: declares partner id {partner.id!r}; "
                    f"the partner id must equal the plugin name"
                )
            _check(f"plugin {plugin_name!r}", partner, catalogue)
            if partner.id in partners:
                raise DeclarationError(f"plugin {plugin_name!r}: duplicate partner id {partner.id!r}")
            partners[partner.id] = PartnerPlugin(plugin_name, partner)
        return cls(catalogue, partners)

    def directory(self, enabled_plugins: Iterable[str], declared: Iterable[Partner] = ()) -> PartnerDirectory:
        """The partners one tenant works with: its enabled plugins plus its code-less declarations."""
        entries: dict[str, PartnerPlugin] = {}
        for name in enabled_plugins:
            if name not in self.partners:
                raise DeclarationError(f"plugin {name!r} is enabled for the tenant but not installed")
            entries[name] = self.partners[name]
        for partner in declared:
            source = f"tenant partner {partner.id!r}"
            _check(source, partner, self.catalogue)
            if partner.id in entries or partner.id in self.partners:
                raise DeclarationError(f"{source}: duplicate partner id {partner.id!r}")
            entries[partner.id] = PartnerPlugin(f"tenant:{partner.id}", partner)
        return PartnerDirectory(self.catalogue, entries)


class PartnerDirectory:
    """The partners of one tenant, by id."""

    def __init__(self, catalogue: FieldCatalogue, entries: Mapping[str, PartnerPlugin]) -> None:
        self.catalogue = catalogue
        self._entries = dict(entries)

    def __contains__(self, partner_id: object) -> bool:
        return partner_id in self._entries

    def get(self, partner_id: str) -> Partner | None:
        entry = self._entries.get(partner_id)
        return entry.partner if entry else None

    def partners(self) -> list[Partner]:
        return [entry.partner for entry in self._entries.values()]


def _check(source: str, partner: Partner, catalogue: FieldCatalogue) -> None:
    problems = declaration_problems(partner, catalogue)
    if problems:
        raise DeclarationError(f"{source}: " + "; ".join(problems))


class PartnerFile(msgspec.Struct, forbid_unknown_fields=True, frozen=True):
    """A tenant's TOML file of code-less partners: ``[[partners]]`` tables in the Partner schema."""

    partners: tuple[Partner, ...] = ()


def read_partner_file(path: Path) -> list[Partner]:
    """Parse and schema-check a tenant's partner file; errors name the file and the bad key."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DeclarationError(f"partner file {str(path)!r} cannot be read: {exc.strerror}") from exc
    try:
        return list(msgspec.toml.decode(data, type=PartnerFile).partners)
    except msgspec.ValidationError as exc:
        raise DeclarationError(f"partner file {path.name!r}: {exc}") from exc
    except msgspec.DecodeError as exc:
        raise DeclarationError(f"partner file {path.name!r} is not valid TOML: {exc}") from exc

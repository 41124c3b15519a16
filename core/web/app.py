"""``create_app(settings)``: the whole Litestar application, assembled in small steps, no globals."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from litestar import Litestar, Router
from litestar.config.app import AppConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.plugins.htmx import HTMXPlugin
from litestar.stores.memory import MemoryStore
from litestar.template.config import TemplateConfig

from core.bus.dispatcher import Dispatcher
from core.services.agency import Agency, load_registry
from core.settings import Settings
from core.storage.schema import open_database
from core.web.api.audit import AuditController
from core.web.api.catalogue import CatalogueController
from core.web.api.persons import ConsentsController, PersonsController
from core.web.api.reception import DisplayController, ReceptionController
from core.web.api.referrals import BusController, ReferralsController
from core.web.api.system import SystemController
from core.web.documents import Documents
from core.web.problems import internal_error, problem_details_plugin
from core.web.ui import csrf_config, root, static_files, ui_router
from core.web.ui.headers import api_headers
from core.web.ui.sessions import STORE_NAME, DatabaseSessionStore, session_config
from core.web.ui.templating import template_engine

log = logging.getLogger("agentur.web")

MAX_BODY_BYTES = 1_000_000
"""A biography with long lists is a few kilobytes; anything near a megabyte is a mistake or an attack."""


def create_app(settings: Settings) -> Litestar:
    """Validate the plugins now (a broken declaration stops here, naming its plugin); open the database at start-up."""
    pm, registry = load_registry(settings)
    sessions = DatabaseSessionStore()

    @asynccontextmanager
    async def agency_lifespan(app: Litestar) -> AsyncIterator[None]:
        agency = Agency(settings, pm, registry, await open_database(settings))
        app.state.agency = agency
        sessions.agency = agency
        app.state.documents = documents = Documents()
        stop = asyncio.Event()
        dispatcher = Dispatcher(agency, letters=documents) if settings.run_dispatcher else None
        task = asyncio.create_task(dispatcher.run(stop)) if dispatcher else None
        try:
            yield
        finally:
            stop.set()
            if task is not None and dispatcher is not None:
                await task
                await dispatcher.close()
            await agency.close()

    config = AppConfig(
        route_handlers=[
            Router(
                path="/",
                after_request=api_headers,
                route_handlers=[
                    SystemController,
                    CatalogueController,
                    PersonsController,
                    ConsentsController,
                    AuditController,
                    ReferralsController,
                    BusController,
                    ReceptionController,
                    DisplayController,
                ],
            ),
            root,
            ui_router(),
            static_files(),
        ],
        lifespan=[agency_lifespan],
        plugins=[problem_details_plugin(), HTMXPlugin()],
        template_config=TemplateConfig(instance=template_engine()),
        middleware=[session_config().middleware],
        csrf_config=csrf_config(settings.home),
        stores={STORE_NAME: sessions, "rate_limit": MemoryStore()},
        exception_handlers={Exception: internal_error},
        openapi_config=_openapi(),
        debug=False,
        request_max_body_size=MAX_BODY_BYTES,
    )
    return Litestar.from_config(config)


def _openapi() -> OpenAPIConfig:
    return OpenAPIConfig(
        title="Migrationsagentur API",
        version="1",
        description="Shared system of a county's one-stop migration agency. Contract: shared/API.md.",
        path="/schema",
    )

"""What a tenant offers: its partners with services and field grants, and the biography field catalogue."""

from __future__ import annotations

from litestar import Controller, get
from litestar.di import NamedDependency, Provide

from core.domain.base import Schema
from core.domain.biography import FieldSpec
from core.domain.partner import Partner
from core.plugins import PartnerDirectory
from core.web.guards import authenticated, provide_directory, provide_principal
from core.web.problems import PROBLEMS


class PartnerList(Schema, frozen=True):
    items: list[Partner]


class FieldList(Schema, frozen=True):
    items: list[FieldSpec]


class CatalogueController(Controller):
    path = "/api/v1/{tenant:str}"
    tags = ["catalogue"]
    guards = [authenticated]
    dependencies = {"principal": Provide(provide_principal), "directory": Provide(provide_directory)}

    @get(
        "/partners",
        operation_id="listPartners",
        responses=PROBLEMS,
        summary="Partners of the tenant with their services and field grants (names in de, en, ar, ku)",
    )
    async def partners(self, directory: NamedDependency[PartnerDirectory]) -> PartnerList:
        return PartnerList(items=directory.partners())

    @get(
        "/fields", operation_id="listFields", responses=PROBLEMS, summary="The biography field catalogue of the tenant"
    )
    async def fields(self, directory: NamedDependency[PartnerDirectory]) -> FieldList:
        return FieldList(items=list(directory.catalogue))

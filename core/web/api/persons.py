"""Biographies over HTTP: register, read, change (ETag / If-Match), search, consents, blocks, export, erase."""

from __future__ import annotations

from typing import Annotated, Any

from litestar import Controller, Request, Response, get, patch, post
from litestar.di import NamedDependency, Provide
from litestar.enums import MediaType
from litestar.params import FromPath, FromQuery, HeaderParameter, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from core.domain.base import Schema
from core.domain.consent import TransferBlock
from core.domain.errors import InvalidInput
from core.domain.staff import Principal
from core.services.consents import (
    ConsentTerms,
    ConsentView,
    RecordedConsent,
    add_transfer_block,
    consent_receipt,
    lift_transfer_block,
    list_consents,
    list_transfer_blocks,
    record_consent,
    withdraw_consent,
)
from core.services.persons import PersonView, create_person, read_person, search_persons, update_person
from core.services.subject_rights import PersonExport, erase_person, export_person
from core.web.guards import agency_of, authenticated, provide_directory, provide_principal
from core.web.problems import PROBLEMS, PROBLEMS_WITH_CONFLICT


class FieldsBody(Schema, frozen=True):
    fields: dict[str, Any]


class SearchBody(Schema, frozen=True):
    family_name: str
    given_names: str = ""
    birth_date: str = ""


class Created(Schema, frozen=True):
    id: str


class PersonOut(Schema, frozen=True):
    id: str
    fields: dict[str, Any]


class PersonList(Schema, frozen=True):
    items: list[PersonOut]


class ConsentList(Schema, frozen=True):
    items: list[ConsentView]


class BlockBody(Schema, frozen=True):
    partner: str


class BlockList(Schema, frozen=True):
    items: list[TransferBlock]


class Erased(Schema, frozen=True):
    id: str
    state: str


class Withdrawn(Schema, frozen=True):
    id: str
    state: str


def etag(revision: int) -> str:
    return f'"r{revision}"'


def parse_if_match(value: str | None) -> int | None:
    if value is None or value.strip() == "*":
        return None
    tag = value.strip().removeprefix("W/").strip('"')
    if not tag.startswith("r") or not tag[1:].isdigit():
        raise InvalidInput('If-Match must be an ETag this API returned, e.g. "r3"', {"If-Match": "malformed"})
    return int(tag[1:])


def _person(view: PersonView, status: int = HTTP_200_OK) -> Response[PersonOut]:
    return Response(
        PersonOut(id=view.id, fields=view.fields), status_code=status, headers={"ETag": etag(view.revision)}
    )


DEPENDENCIES = {"principal": Provide(provide_principal), "directory": Provide(provide_directory)}


class PersonsController(Controller):
    path = "/api/v1/{tenant:str}/persons"
    tags = ["persons"]
    guards = [authenticated]
    dependencies = DEPENDENCIES

    @post(
        "",
        operation_id="createPerson",
        responses=PROBLEMS,
        summary="Register a person with the fields your office may write",
    )
    async def create(
        self, request: Request[Any, Any, Any], data: JSONBody[FieldsBody], principal: NamedDependency[Principal]
    ) -> Response[Created]:
        view = await create_person(agency_of(request.app.state), principal, data.fields)
        return Response(Created(id=view.id), status_code=HTTP_201_CREATED, headers={"ETag": etag(view.revision)})

    @get(
        "",
        operation_id="searchPersons",
        responses=PROBLEMS,
        summary="Exact-match search through blind indexes (terms never logged)",
    )
    async def search(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        family_name: FromQuery[str],
        given_names: FromQuery[str] = "",
        birth_date: FromQuery[str] = "",
    ) -> PersonList:
        return await self._search(
            request, principal, SearchBody(family_name=family_name, given_names=given_names, birth_date=birth_date)
        )

    @post(
        "/search",
        operation_id="searchPersonsByBody",
        responses=PROBLEMS,
        status_code=HTTP_200_OK,
        summary="The same search with the terms in the body, so they stay out of URLs",
    )
    async def search_by_body(
        self, request: Request[Any, Any, Any], data: JSONBody[SearchBody], principal: NamedDependency[Principal]
    ) -> PersonList:
        return await self._search(request, principal, data)

    async def _search(self, request: Request[Any, Any, Any], principal: Principal, terms: SearchBody) -> PersonList:
        views = await search_persons(
            agency_of(request.app.state),
            principal,
            family_name=terms.family_name,
            given_names=terms.given_names,
            birth_date=terms.birth_date,
        )
        return PersonList(items=[PersonOut(id=v.id, fields=v.fields) for v in views])

    @get(
        "/{person_id:str}",
        operation_id="readPerson",
        responses=PROBLEMS,
        summary="The fields of a person you may see (ETag)",
    )
    async def read(
        self, request: Request[Any, Any, Any], person_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> Response[PersonOut]:
        return _person(await read_person(agency_of(request.app.state), principal, person_id))

    @patch(
        "/{person_id:str}",
        operation_id="updatePerson",
        responses=PROBLEMS_WITH_CONFLICT,
        summary="Change fields; null removes one; If-Match",
    )
    async def update(
        self,
        request: Request[Any, Any, Any],
        person_id: FromPath[str],
        data: JSONBody[FieldsBody],
        principal: NamedDependency[Principal],
        if_match: Annotated[str | None, HeaderParameter(name="If-Match")] = None,
    ) -> Response[PersonOut]:
        view = await update_person(
            agency_of(request.app.state), principal, person_id, data.fields, if_revision=parse_if_match(if_match)
        )
        return _person(view)

    @post(
        "/{person_id:str}/consents",
        operation_id="recordConsent",
        responses=PROBLEMS,
        summary="Record a consent the person gave",
    )
    async def consent(
        self,
        request: Request[Any, Any, Any],
        person_id: FromPath[str],
        data: JSONBody[ConsentTerms],
        principal: NamedDependency[Principal],
    ) -> Response[RecordedConsent]:
        recorded = await record_consent(agency_of(request.app.state), principal, person_id, data)
        return Response(recorded, status_code=HTTP_201_CREATED)

    @get("/{person_id:str}/consents", operation_id="listConsents", responses=PROBLEMS, summary="The person's consents")
    async def consents(
        self, request: Request[Any, Any, Any], person_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> ConsentList:
        return ConsentList(items=await list_consents(agency_of(request.app.state), principal, person_id))

    @post(
        "/{person_id:str}/transfer-blocks",
        operation_id="addTransferBlock",
        responses=PROBLEMS_WITH_CONFLICT,
        summary="The person objects to statute-based sharing with a partner",
    )
    async def block(
        self,
        request: Request[Any, Any, Any],
        person_id: FromPath[str],
        data: JSONBody[BlockBody],
        principal: NamedDependency[Principal],
    ) -> Response[TransferBlock]:
        block = await add_transfer_block(agency_of(request.app.state), principal, person_id, data.partner)
        return Response(block, status_code=HTTP_201_CREATED)

    @get(
        "/{person_id:str}/transfer-blocks",
        operation_id="listTransferBlocks",
        responses=PROBLEMS,
        summary="The person's transfer blocks",
    )
    async def blocks(
        self, request: Request[Any, Any, Any], person_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> BlockList:
        return BlockList(items=await list_transfer_blocks(agency_of(request.app.state), principal, person_id))

    @post(
        "/{person_id:str}/transfer-blocks/{block_id:str}/lift",
        operation_id="liftTransferBlock",
        responses=PROBLEMS,
        status_code=HTTP_200_OK,
        summary="Lift a transfer block",
    )
    async def lift(
        self,
        request: Request[Any, Any, Any],
        person_id: FromPath[str],
        block_id: FromPath[str],
        principal: NamedDependency[Principal],
    ) -> BlockList:
        agency = agency_of(request.app.state)
        await lift_transfer_block(agency, principal, person_id, block_id)
        return BlockList(items=await list_transfer_blocks(agency, principal, person_id))

    @get(
        "/{person_id:str}/export",
        operation_id="exportPerson",
        responses=PROBLEMS,
        summary="GDPR Art. 15: everything held on the person (JSON; HTML with ?format=html&language=ar)",
    )
    async def export(
        self,
        request: Request[Any, Any, Any],
        person_id: FromPath[str],
        principal: NamedDependency[Principal],
        format: FromQuery[str] = "json",
        language: FromQuery[str] = "de",
    ) -> Response[Any]:
        agency = agency_of(request.app.state)
        exported: PersonExport = await export_person(agency, principal, person_id)
        if format == "html":
            tenant, directory = await agency.tenant(principal.tenant_id)
            html = request.app.state.documents.export(exported, directory, language, tenant_name=tenant.name)
            return Response(html, media_type=MediaType.HTML)
        if format != "json":
            raise InvalidInput("format must be json or html", {"format": "unknown format"})
        return Response(exported)

    @post(
        "/{person_id:str}/erase",
        operation_id="erasePerson",
        responses=PROBLEMS,
        status_code=HTTP_200_OK,
        summary="GDPR Art. 17: crypto-shred the person (tenant_admin)",
    )
    async def erase(
        self, request: Request[Any, Any, Any], person_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> Erased:
        await erase_person(agency_of(request.app.state), principal, person_id)
        return Erased(id=person_id, state="erased")


class ConsentsController(Controller):
    path = "/api/v1/{tenant:str}/consents"
    tags = ["consents"]
    guards = [authenticated]
    dependencies = DEPENDENCIES

    @post(
        "/{consent_id:str}/withdraw",
        operation_id="withdrawConsent",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
        summary="Withdraw a consent; it stops opening fields at once",
    )
    async def withdraw(
        self, request: Request[Any, Any, Any], consent_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> Withdrawn:
        view = await withdraw_consent(agency_of(request.app.state), principal, consent_id)
        return Withdrawn(id=view.id, state=view.state)

    @get(
        "/{consent_id:str}/receipt",
        operation_id="consentReceipt",
        responses=PROBLEMS,
        media_type=MediaType.HTML,
        summary="Printable receipt in the consent's language (dir=rtl for Arabic)",
    )
    async def receipt(
        self, request: Request[Any, Any, Any], consent_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> str:
        agency = agency_of(request.app.state)
        found = await consent_receipt(agency, principal, consent_id)
        _, directory = await agency.tenant(principal.tenant_id)
        html: str = request.app.state.documents.receipt(found, directory, found.consent.language)
        return html


__all__ = ["ConsentsController", "PersonsController", "provide_directory"]

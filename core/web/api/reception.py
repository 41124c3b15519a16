"""Reception, queue, capacity and appointments over HTTP (API.md "Reception, queue, appointments")."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.enums import MediaType
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from core.domain.base import Schema
from core.domain.errors import InvalidInput
from core.domain.notification import NotificationKind
from core.domain.partner import LANGUAGES
from core.domain.reception import AppointmentState, Suggestion
from core.domain.staff import Principal
from core.domain.triage import Concern, concern_catalogue
from core.services import invitations
from core.services.appointments import (
    AppointmentCreate,
    AppointmentOut,
    SlotCreate,
    SlotOut,
    SlotsCreated,
    book,
    change_state,
    free_slots,
    publish_slots,
    reschedule,
)
from core.services.reception import (
    Board,
    CallBody,
    ResolveBody,
    SteeringFigures,
    TicketCreate,
    TicketOut,
    VisitCreate,
    VisitOut,
    board,
    call_ticket,
    check_in,
    issue_ticket,
    resolve_visit,
    steering_figures,
)
from core.services.triage import triage
from core.web.guards import agency_of, authenticated, provide_principal
from core.web.problems import PROBLEMS, PROBLEMS_WITH_CONFLICT, PUBLIC_PROBLEMS


class TriageBody(Schema, frozen=True):
    text: str
    language: str


class TriageOut(Schema, frozen=True):
    suggestions: list[Suggestion]


class ConcernList(Schema, frozen=True):
    items: list[Concern]


class SlotList(Schema, frozen=True):
    items: list[SlotOut]


class RescheduleBody(Schema, frozen=True):
    slot_id: str


class StateOut(Schema, frozen=True):
    id: str
    state: str


DEPENDENCIES = {"principal": Provide(provide_principal)}
log = logging.getLogger("agentur.reception")


class ReceptionController(Controller):
    path = "/api/v1/{tenant:str}"
    tags = ["reception"]
    guards = [authenticated]
    dependencies = DEPENDENCIES

    @post(
        "/triage",
        operation_id="triage",
        responses=PROBLEMS,
        status_code=HTTP_200_OK,
        summary="Which services fit a described concern, best first",
    )
    async def triage(
        self, request: Request[Any, Any, Any], data: JSONBody[TriageBody], principal: NamedDependency[Principal]
    ) -> TriageOut:
        found = await triage(agency_of(request.app.state), principal.tenant_id, data.text, data.language)
        return TriageOut(suggestions=found)

    @get(
        "/reports/reception",
        operation_id="receptionFigures",
        responses=PROBLEMS,
        summary="Visitors per day and hour, waiting times, desk share, no-shows (no personal data)",
    )
    async def figures(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        since: FromQuery[dt.date | None] = None,
        until: FromQuery[dt.date | None] = None,
    ) -> SteeringFigures:
        end = until or dt.date.today()
        return await steering_figures(
            agency_of(request.app.state), principal, since or end - dt.timedelta(days=30), end
        )

    @get(
        "/concerns",
        operation_id="concerns",
        responses=PROBLEMS,
        summary="The concern catalogue the desk picks from, in one language",
    )
    async def concerns(
        self, request: Request[Any, Any, Any], principal: NamedDependency[Principal], language: FromQuery[str] = "de"
    ) -> ConcernList:
        if language not in LANGUAGES:
            raise InvalidInput(f"language must be one of {', '.join(LANGUAGES)}", {"language": "unsupported"})
        _, directory = await agency_of(request.app.state).tenant(principal.tenant_id)
        return ConcernList(items=concern_catalogue(directory.partners(), language))

    @post(
        "/visits",
        operation_id="checkIn",
        responses=PROBLEMS,
        summary="Check a visitor in (person, code, or nobody yet)",
    )
    async def visit(
        self, request: Request[Any, Any, Any], data: JSONBody[VisitCreate], principal: NamedDependency[Principal]
    ) -> Response[VisitOut]:
        return Response(await check_in(agency_of(request.app.state), principal, data), status_code=HTTP_201_CREATED)

    @post(
        "/visits/{visit_id:str}/resolve",
        operation_id="resolveVisit",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
        summary="Solved at the desk",
    )
    async def resolve(
        self,
        request: Request[Any, Any, Any],
        visit_id: FromPath[str],
        data: JSONBody[ResolveBody],
        principal: NamedDependency[Principal],
    ) -> StateOut:
        await resolve_visit(agency_of(request.app.state), principal, visit_id, data.note)
        return StateOut(id=visit_id, state="resolved")

    @post(
        "/tickets", operation_id="issueTicket", responses=PROBLEMS, summary="A number in a partner's backoffice queue"
    )
    async def ticket(
        self, request: Request[Any, Any, Any], data: JSONBody[TicketCreate], principal: NamedDependency[Principal]
    ) -> Response[TicketOut]:
        issued = await issue_ticket(agency_of(request.app.state), principal, data)
        return Response(issued, status_code=HTTP_201_CREATED)

    @post(
        "/tickets/{ticket_id:str}/call",
        operation_id="callTicket",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def call(
        self,
        request: Request[Any, Any, Any],
        ticket_id: FromPath[str],
        data: JSONBody[CallBody],
        principal: NamedDependency[Principal],
    ) -> TicketOut:
        return await call_ticket(agency_of(request.app.state), principal, ticket_id, data.counter)

    @get(
        "/partners/{partner_id:str}/slots", operation_id="freeSlots", responses=PROBLEMS, summary="Free bookable slots"
    )
    async def slots(
        self,
        request: Request[Any, Any, Any],
        partner_id: FromPath[str],
        principal: NamedDependency[Principal],
        since: FromQuery[dt.datetime | None] = None,
        until: FromQuery[dt.datetime | None] = None,
    ) -> SlotList:
        start = since or dt.datetime.now(dt.UTC)
        end = until or start + dt.timedelta(days=28)
        return SlotList(items=await free_slots(agency_of(request.app.state), principal, partner_id, start, end))

    @post(
        "/partners/{partner_id:str}/slots",
        operation_id="publishSlots",
        responses=PROBLEMS,
        summary="partner_admin: one slot or a recurring rule with exceptions",
    )
    async def publish(
        self,
        request: Request[Any, Any, Any],
        partner_id: FromPath[str],
        data: JSONBody[SlotCreate],
        principal: NamedDependency[Principal],
    ) -> Response[SlotsCreated]:
        created = await publish_slots(agency_of(request.app.state), principal, partner_id, data)
        return Response(created, status_code=HTTP_201_CREATED)

    @post(
        "/appointments",
        operation_id="book",
        responses=PROBLEMS_WITH_CONFLICT,
        summary="Book a slot; 409 when it was taken",
    )
    async def book(
        self, request: Request[Any, Any, Any], data: JSONBody[AppointmentCreate], principal: NamedDependency[Principal]
    ) -> Response[AppointmentOut]:
        agency = agency_of(request.app.state)
        booked = await book(agency, principal, data)
        # The booking stands once committed; a channel that fails now is tried again by the reminder run.
        try:
            await invitations.send(
                agency, request.app.state.documents, principal, booked.id, NotificationKind.INVITATION
            )
        except Exception as exc:
            log.error("invitation for appointment %s not delivered: %s", booked.id, type(exc).__name__)
        return Response(booked, status_code=HTTP_201_CREATED)

    @post(
        "/appointments/{appointment_id:str}/cancel",
        operation_id="cancelAppointment",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def cancel(
        self, request: Request[Any, Any, Any], appointment_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> StateOut:
        await change_state(agency_of(request.app.state), principal, appointment_id, AppointmentState.CANCELLED)
        return StateOut(id=appointment_id, state="cancelled")

    @post(
        "/appointments/{appointment_id:str}/no-show",
        operation_id="noShow",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def no_show(
        self, request: Request[Any, Any, Any], appointment_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> StateOut:
        await change_state(agency_of(request.app.state), principal, appointment_id, AppointmentState.NO_SHOW)
        return StateOut(id=appointment_id, state="no_show")

    @post(
        "/appointments/{appointment_id:str}/reschedule",
        operation_id="reschedule",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def reschedule(
        self,
        request: Request[Any, Any, Any],
        appointment_id: FromPath[str],
        data: JSONBody[RescheduleBody],
        principal: NamedDependency[Principal],
    ) -> AppointmentOut:
        return await reschedule(agency_of(request.app.state), principal, appointment_id, data.slot_id)

    @get(
        "/appointments/{appointment_id:str}/invitation",
        operation_id="invitation",
        responses=PROBLEMS,
        media_type=MediaType.HTML,
        summary="The letter in the person's language (dir=rtl for Arabic)",
    )
    async def invitation(
        self, request: Request[Any, Any, Any], appointment_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> str:
        composed = await invitations.compose(
            agency_of(request.app.state), request.app.state.documents, principal, appointment_id
        )
        return composed.html

    @get(
        "/appointments/{appointment_id:str}/invitation.ics",
        operation_id="invitationIcs",
        responses=PROBLEMS,
        summary="The appointment as an iCalendar file",
    )
    async def invitation_ics(
        self, request: Request[Any, Any, Any], appointment_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> Response[bytes]:
        composed = await invitations.compose(
            agency_of(request.app.state), request.app.state.documents, principal, appointment_id
        )
        return Response(
            composed.ics,
            media_type="text/calendar; charset=utf-8",
            headers={"Content-Disposition": f'attachment; filename="termin-{composed.view.code}.ics"'},
        )


class DisplayController(Controller):
    """The waiting room's board: no token, nothing but ticket numbers and counters."""

    path = "/api/v1/{tenant:str}/display"
    tags = ["reception"]

    @get("", operation_id="display", responses=PUBLIC_PROBLEMS, summary="Called numbers and how many wait (no token)")
    async def display(self, request: Request[Any, Any, Any], tenant: FromPath[str]) -> Board:
        return await board(agency_of(request.app.state), tenant)

    @get(
        "/page",
        operation_id="displayPage",
        responses=PUBLIC_PROBLEMS,
        media_type=MediaType.HTML,
        summary="The waiting-room screen: refreshes itself every five seconds (no token)",
    )
    async def page(self, request: Request[Any, Any, Any], tenant: FromPath[str]) -> str:
        agency = agency_of(request.app.state)
        current = await board(agency, tenant)
        found, _ = await agency.tenant(tenant)
        html: str = request.app.state.documents.display(current, tenant_name=found.name)
        return html

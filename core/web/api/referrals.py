"""Referrals, webhooks, the dead-letter queue and referral figures over HTTP."""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Any

from litestar import Controller, Request, Response, get, post
from litestar.di import NamedDependency, Provide
from litestar.params import FromPath, FromQuery, JSONBody, QueryParameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from core.bus import outbox, webhooks
from core.domain.base import Schema
from core.domain.errors import NotFound
from core.domain.staff import Principal, Role
from core.services.persons import require_role
from core.services.referrals import (
    ReasonText,
    ReferralCreate,
    ReferralFigures,
    ReferralOut,
    ReferralPage,
    act,
    list_box,
    read_referral,
    referral_figures,
    send_referral,
)
from core.web.guards import agency_of, authenticated, provide_principal
from core.web.problems import PROBLEMS, PROBLEMS_WITH_CONFLICT


class DeclineBody(Schema, frozen=True):
    reason: ReasonText


class CompleteBody(Schema, frozen=True):
    outcome: ReasonText


class WebhookList(Schema, frozen=True):
    items: list[webhooks.Webhook]


class DeadLetter(Schema, frozen=True):
    id: str
    event_id: str
    destination: str
    attempts: int
    last_error: str


class DeadLetterList(Schema, frozen=True):
    items: list[DeadLetter]


class Replayed(Schema, frozen=True):
    replayed: int


class FigureList(Schema, frozen=True):
    since: dt.date
    until: dt.date
    items: list[ReferralFigures]


DEPENDENCIES = {"principal": Provide(provide_principal)}


class ReferralsController(Controller):
    path = "/api/v1/{tenant:str}/referrals"
    tags = ["referrals"]
    guards = [authenticated]
    dependencies = DEPENDENCIES

    @post("", operation_id="sendReferral", responses=PROBLEMS, summary="Refer a person to another office's service")
    async def send(
        self, request: Request[Any, Any, Any], data: JSONBody[ReferralCreate], principal: NamedDependency[Principal]
    ) -> Response[ReferralOut]:
        sent = await send_referral(agency_of(request.app.state), principal, data)
        return Response(sent, status_code=HTTP_201_CREATED)

    @get(
        "",
        operation_id="listReferrals",
        responses=PROBLEMS,
        summary="Your office's inbox or outbox, oldest first, paged",
    )
    async def box(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        box: FromQuery[str] = "inbox",
        state_filter: Annotated[str | None, QueryParameter(name="state")] = None,
        after: FromQuery[str | None] = None,
        limit: Annotated[int, QueryParameter(ge=1, le=200)] = 50,
    ) -> ReferralPage:
        return await list_box(
            agency_of(request.app.state), principal, box=box, state=state_filter, limit=limit, after=after
        )

    @get(
        "/{referral_id:str}",
        operation_id="readReferral",
        responses=PROBLEMS,
        summary="One referral with its history (both offices)",
    )
    async def read(
        self, request: Request[Any, Any, Any], referral_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> ReferralOut:
        return await read_referral(agency_of(request.app.state), principal, referral_id)

    @post(
        "/{referral_id:str}/accept",
        operation_id="acceptReferral",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def accept(
        self, request: Request[Any, Any, Any], referral_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> ReferralOut:
        return await act(agency_of(request.app.state), principal, referral_id, "accept")

    @post(
        "/{referral_id:str}/decline",
        operation_id="declineReferral",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def decline(
        self,
        request: Request[Any, Any, Any],
        referral_id: FromPath[str],
        data: JSONBody[DeclineBody],
        principal: NamedDependency[Principal],
    ) -> ReferralOut:
        return await act(agency_of(request.app.state), principal, referral_id, "decline", data.reason)

    @post(
        "/{referral_id:str}/start",
        operation_id="startReferral",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def start(
        self, request: Request[Any, Any, Any], referral_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> ReferralOut:
        return await act(agency_of(request.app.state), principal, referral_id, "start")

    @post(
        "/{referral_id:str}/complete",
        operation_id="completeReferral",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def complete(
        self,
        request: Request[Any, Any, Any],
        referral_id: FromPath[str],
        data: JSONBody[CompleteBody],
        principal: NamedDependency[Principal],
    ) -> ReferralOut:
        return await act(agency_of(request.app.state), principal, referral_id, "complete", data.outcome)

    @post(
        "/{referral_id:str}/revoke",
        operation_id="revokeReferral",
        responses=PROBLEMS_WITH_CONFLICT,
        status_code=HTTP_200_OK,
    )
    async def revoke(
        self, request: Request[Any, Any, Any], referral_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> ReferralOut:
        return await act(agency_of(request.app.state), principal, referral_id, "revoke")


class BusController(Controller):
    path = "/api/v1/{tenant:str}"
    tags = ["bus"]
    guards = [authenticated]
    dependencies = DEPENDENCIES

    @post(
        "/webhooks",
        operation_id="subscribeWebhook",
        responses=PROBLEMS,
        summary="Your office's webhook (partner_admin)",
    )
    async def subscribe(
        self,
        request: Request[Any, Any, Any],
        data: JSONBody[webhooks.WebhookCreate],
        principal: NamedDependency[Principal],
    ) -> Response[webhooks.Webhook]:
        require_role(principal, Role.PARTNER_ADMIN)
        agency = agency_of(request.app.state)
        index_key = agency.keyring.provider(principal.tenant_id).index_key()
        async with agency.db.transaction() as tx:
            created = await webhooks.subscribe(tx, principal.tenant_id, principal.partner_id, data, index_key)
        return Response(created, status_code=HTTP_201_CREATED)

    @get("/webhooks", operation_id="listWebhooks", responses=PROBLEMS, summary="Your office's webhooks")
    async def list_webhooks(
        self, request: Request[Any, Any, Any], principal: NamedDependency[Principal]
    ) -> WebhookList:
        require_role(principal, Role.PARTNER_ADMIN)
        db = agency_of(request.app.state).db
        return WebhookList(items=await webhooks.subscriptions(db, principal.tenant_id, principal.partner_id))

    async def _own_destinations(self, request: Request[Any, Any, Any], principal: Principal) -> list[str] | None:
        if principal.role is Role.TENANT_ADMIN:
            return None
        require_role(principal, Role.PARTNER_ADMIN)
        db = agency_of(request.app.state).db
        own = await webhooks.subscriptions(db, principal.tenant_id, principal.partner_id)
        return [f"{outbox.WEBHOOK_PREFIX}{w.id}" for w in own] + [f"{outbox.PLUGIN_PREFIX}{principal.partner_id}"]

    @get(
        "/bus/dead-letters",
        operation_id="listDeadLetters",
        responses=PROBLEMS,
        summary="Deliveries that ran out of tries",
    )
    async def dead_letters(
        self, request: Request[Any, Any, Any], principal: NamedDependency[Principal]
    ) -> DeadLetterList:
        destinations = await self._own_destinations(request, principal)
        rows = await outbox.dead_letters(agency_of(request.app.state).db, principal.tenant_id, destinations)
        return DeadLetterList(
            items=[
                DeadLetter(
                    id=r["id"],
                    event_id=r["event_id"],
                    destination=r["destination"],
                    attempts=int(r["attempts"]),
                    last_error=r["last_error"],
                )
                for r in rows
            ]
        )

    @post(
        "/bus/dead-letters/{delivery_id:str}/replay",
        operation_id="replayDeadLetter",
        responses=PROBLEMS,
        status_code=HTTP_200_OK,
    )
    async def replay(
        self, request: Request[Any, Any, Any], delivery_id: FromPath[str], principal: NamedDependency[Principal]
    ) -> Replayed:
        destinations = await self._own_destinations(request, principal)
        agency = agency_of(request.app.state)
        mine = {r["id"] for r in await outbox.dead_letters(agency.db, principal.tenant_id, destinations)}
        if delivery_id not in mine:
            raise NotFound("no such dead letter")
        async with agency.db.transaction() as tx:
            return Replayed(replayed=await outbox.replay(tx, principal.tenant_id, delivery_id))

    @get(
        "/reports/referrals",
        operation_id="referralFigures",
        responses=PROBLEMS,
        summary="Counts and durations per office (no personal data)",
    )
    async def figures(
        self,
        request: Request[Any, Any, Any],
        principal: NamedDependency[Principal],
        since: FromQuery[dt.date | None] = None,
        until: FromQuery[dt.date | None] = None,
    ) -> FigureList:
        end = until or dt.date.today()
        start = since or end - dt.timedelta(days=365)
        items = await referral_figures(agency_of(request.app.state), principal, start, end)
        return FigureList(since=start, until=end, items=items)

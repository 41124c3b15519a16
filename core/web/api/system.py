"""Endpoints without a tenant: the health check."""

from __future__ import annotations

from litestar import Controller, get

from core.domain.base import Schema


class Health(Schema, frozen=True):
    status: str


class SystemController(Controller):
    path = "/api/v1"
    tags = ["system"]

    @get("/health", operation_id="health", summary="Liveness of the agency (no token)")
    async def health(self) -> Health:
        return Health(status="ok")

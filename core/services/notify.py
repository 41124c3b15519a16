"""Sending a person their invitation, reminder or cancellation through the ``agentur_notify`` channels."""

from __future__ import annotations

from core.domain.notification import Notification
from core.plugins import maybe_await
from core.services.agency import Agency


async def deliver(agency: Agency, message: Notification) -> bool:
    """Hand the message to the first channel that takes it (e-mail plugins, then the printed letter)."""
    answer = agency.pm.hook.agentur_notify(message=message, home=agency.settings.home)
    return bool(await maybe_await(answer))

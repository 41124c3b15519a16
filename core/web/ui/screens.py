"""The list of screens the UI router serves (one controller module per screen)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from core.web.ui.admin import AdminController
from core.web.ui.audit import AuditController
from core.web.ui.calendar import CalendarController
from core.web.ui.desk import DeskController
from core.web.ui.persons import PersonController
from core.web.ui.referrals import InboxController

SCREENS: list[ControllerRouterHandler] = [
    DeskController,
    InboxController,
    PersonController,
    CalendarController,
    AuditController,
    AdminController,
]

"""The list of screens the UI router serves (one controller module per screen)."""

from __future__ import annotations

from litestar.types import ControllerRouterHandler

from core.web.ui.admin import AdminController
from core.web.ui.audit import AuditController
from core.web.ui.calendar import CalendarController
from core.web.ui.desk import DeskController, InvitationController
from core.web.ui.persons import PersonController
from core.web.ui.referrals import InboxController, OutboxController, ReferralController

SCREENS: list[ControllerRouterHandler] = [
    DeskController,
    InvitationController,
    InboxController,
    OutboxController,
    ReferralController,
    PersonController,
    CalendarController,
    AuditController,
    AdminController,
]

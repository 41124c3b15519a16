"""(being written) the calendar screen."""

from __future__ import annotations

from litestar import Controller


class CalendarController(Controller):
    path = "/ui/calendar"
    include_in_schema = False

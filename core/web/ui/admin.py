"""(being written) the admin screen."""

from __future__ import annotations

from litestar import Controller


class AdminController(Controller):
    path = "/ui/admin"
    include_in_schema = False

"""(being written) the desk screen."""

from __future__ import annotations

from litestar import Controller


class DeskController(Controller):
    path = "/ui/desk"
    include_in_schema = False

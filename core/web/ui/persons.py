"""(being written) the persons screen."""

from __future__ import annotations

from litestar import Controller


class PersonController(Controller):
    path = "/ui/persons"
    include_in_schema = False

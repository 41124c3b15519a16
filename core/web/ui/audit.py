"""(being written) the audit screen."""

from __future__ import annotations

from litestar import Controller


class AuditController(Controller):
    path = "/ui/audit"
    include_in_schema = False

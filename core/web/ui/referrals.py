"""(being written) the referrals screen."""

from __future__ import annotations

from litestar import Controller


class InboxController(Controller):
    path = "/ui/inbox"
    include_in_schema = False

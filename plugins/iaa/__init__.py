"""The county's host office: foreigners' authority, AsylbLG benefits, housing, integration, reception."""

from core import Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()

"""Forum Ehrenamt: volunteer mentors, language buddies and companions to offices."""

from core import Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()

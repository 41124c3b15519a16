"""The Jugendamt: guardianship, general social service and taking into care of unaccompanied minors."""

from core import Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()

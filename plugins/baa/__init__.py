"""The Bundesagentur für Arbeit: career guidance, recognition advice and job placement for refugees."""

from core import Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()

"""The Jobcenter: SGB II benefits, job placement and integration into work."""

from core import Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()

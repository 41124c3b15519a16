"""The built-in triage: every tenant partner's services scored by their declared keywords.

Registered as a default plugin with ``trylast=True``. A partner plugin may answer
``agentur_triage`` for its own partner as well (a smarter matcher, a form of its own); the core
merges all answers, keeping the best score per service (``core.services.triage``).
"""

from __future__ import annotations

import pluggy

from core.domain.partner import Partner
from core.domain.reception import Suggestion
from core.domain.triage import score_services

hookimpl = pluggy.HookimplMarker("agentur")


@hookimpl(trylast=True)
def agentur_triage(concern: str, language: str, partners: list[Partner]) -> list[Suggestion]:
    """Score every service of ``partners`` against the concern by keywords and names."""
    return score_services(concern, language, partners)

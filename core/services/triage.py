"""Triage at the reception desk: every plugin suggests services for a described concern; the desk picks.

The visitor's words are personal data: they are passed to the plugins and never logged.
"""

from __future__ import annotations

import logging

from core.domain.errors import InvalidInput
from core.domain.partner import LANGUAGES
from core.domain.reception import Suggestion
from core.domain.triage import rank
from core.plugins import PartnerDirectory, maybe_await
from core.services.agency import Agency

log = logging.getLogger(__name__)

MAX_TEXT = 2000
MAX_SUGGESTIONS = 10


def check_request(text: str, language: str) -> None:
    """``InvalidInput`` naming ``language`` or ``text`` (never quoting the text)."""
    if language not in LANGUAGES:
        raise InvalidInput(
            f"language must be one of {', '.join(LANGUAGES)}", {"language": f"one of {', '.join(LANGUAGES)}"}
        )
    if not text.strip() or len(text) > MAX_TEXT:
        raise InvalidInput(
            f"the concern text must have 1 to {MAX_TEXT} characters", {"text": f"1 to {MAX_TEXT} characters"}
        )


def merge(answers: list[object], directory: PartnerDirectory) -> list[Suggestion]:
    """One suggestion per (partner, service) of the directory: the best score, every distinct reason."""
    best: dict[tuple[str, str], Suggestion] = {}
    reasons: dict[tuple[str, str], list[tuple[float, str]]] = {}
    for answer in answers:
        if answer is None:
            continue
        if not isinstance(answer, list | tuple):
            log.warning("agentur_triage answered with %s instead of a list; ignored", type(answer).__name__)
            continue
        for suggestion in answer:
            if not isinstance(suggestion, Suggestion):
                log.warning("agentur_triage answered with a %s in its list; ignored", type(suggestion).__name__)
                continue
            partner = directory.get(suggestion.partner)
            if partner is None or partner.service(suggestion.service) is None:
                continue  # not a service this tenant offers
            key = (suggestion.partner, suggestion.service)
            reasons.setdefault(key, []).append((suggestion.score, suggestion.reason))
            if key not in best or best[key].score < suggestion.score:
                best[key] = suggestion
    merged = []
    for key, suggestion in best.items():
        ordered = sorted(reasons[key], key=lambda item: -item[0])
        joined = "; ".join(dict.fromkeys(reason for _, reason in ordered if reason))
        merged.append(Suggestion(partner=key[0], service=key[1], score=suggestion.score, reason=joined))
    return rank(merged)[:MAX_SUGGESTIONS]


async def triage(agency: Agency, tenant_id: str, text: str, language: str) -> list[Suggestion]:
    """Ask every ``agentur_triage`` implementation about the tenant's partners; best ten, best first."""
    check_request(text, language)
    _, directory = await agency.tenant(tenant_id)
    answers: list[object] = []
    partners = directory.partners()
    # One plugin at a time: a broken plugin costs its own suggestions, not the desk's whole answer.
    for impl in agency.pm.hook.agentur_triage.get_hookimpls():
        try:
            answers.append(await maybe_await(impl.function(concern=text, language=language, partners=partners)))
        except Exception as exc:
            log.error("triage by plugin %s failed: %s", impl.plugin_name, type(exc).__name__)
    return merge(answers, directory)

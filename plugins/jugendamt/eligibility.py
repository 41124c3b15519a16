"""Pre-checks of referrals to the Jugendamt's services for unaccompanied minors.

Only what the view shows is judged; a field the Jugendamt cannot see (or that is not recorded) lets the
referral through, and a person of the office decides. The Inobhutnahme is never refused here: it also
protects accompanied children in acute danger (SGB VIII § 42), and whether someone is a minor is for the
office's age assessment (§ 42f) to find out, not for a recorded date of birth.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import Eligibility, Service, age_on

GUARDIANSHIP = "vormundschaft"
UMA_SOCIAL_SERVICE = "asd_uma"
ADULT_AGE = 18
YOUNG_ADULT_LIMIT = 27
"""Help for young adults (SGB VIII § 41) runs to 21, in exceptional cases to 27; beyond that no referral."""


def _refuse(de: str, en: str) -> Eligibility:
    return Eligibility(eligible=False, reason=f"{de} / {en}")


def check(service: Service, person: dict[str, Any], today: dt.date | None = None) -> Eligibility | None:
    """A refusal with a German and English reason, or ``None`` to let the referral through."""
    if service.id not in (GUARDIANSHIP, UMA_SOCIAL_SERVICE):
        return None
    age = age_on(person.get("birth_date"), today or dt.date.today())
    if person.get("unaccompanied_minor") is False:
        return _refuse(
            "Laut Akte ist die Person nicht als unbegleitete/r Minderjährige/r erfasst; für Familien und "
            "begleitete Kinder ist der Allgemeine Soziale Dienst für Familien (asd_familien) zuständig.",
            "The record says the person is not an unaccompanied minor; families and accompanied children are "
            "served by the general social service for families (asd_familien).",
        )
    if service.id == GUARDIANSHIP and age is not None and age >= ADULT_AGE:
        return _refuse(
            "Eine Amtsvormundschaft gibt es nur für Minderjährige; laut Geburtsdatum ist die Person volljährig. "
            "Für junge Volljährige kommt der Allgemeine Soziale Dienst für unbegleitete Minderjährige (asd_uma) "
            "in Frage.",
            "Guardianship is only for minors; by the recorded date of birth the person is of age. Young adults "
            "may be referred to the general social service for unaccompanied minors (asd_uma).",
        )
    if service.id == UMA_SOCIAL_SERVICE and age is not None and age >= YOUNG_ADULT_LIMIT:
        return _refuse(
            "Hilfe für junge Volljährige gibt es höchstens bis zum 27. Geburtstag; laut Geburtsdatum ist die Person "
            "älter. Bitte an die Migrationsberatung für Erwachsene vermitteln.",
            "Help for young adults ends at 27 at the latest; by the recorded date of birth the person is older. "
            "Please refer to migration counselling for adults.",
        )
    return None

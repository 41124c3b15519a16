"""Triage at the desk: free-text concerns in de, en, ar and ku against the real partner keywords."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import pluggy
import pytest

from core import Suggestion, hookimpl
from core.domain.errors import InvalidInput, NotFound
from core.domain.partner import Partner
from core.domain.triage import arabic_forms, concern_catalogue, latin_stem, normalise, score_services, tokens
from core.plugins import PartnerDirectory, Registry, get_plugin_manager, read_partner_file
from core.services.triage import MAX_SUGGESTIONS, triage
from core.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
BUILT_IN = ["baa", "ehrenamt", "iaa", "jobcenter", "jugendamt", "sportbund"]


@cache
def registry() -> Registry:
    return Registry.load(get_plugin_manager(Settings(home=Path("/unused"))))


def partners(*, demo: bool = False) -> list[Partner]:
    declared = read_partner_file(ROOT / "core" / "demo" / "burgenlandkreis.toml") if demo else []
    return registry().directory(BUILT_IN, declared).partners()


def top(text: str, language: str, *, demo: bool = False) -> list[Suggestion]:
    return score_services(text, language, partners(demo=demo))


# --- Normalisation ------------------------------------------------------------------------


def test_arabic_letters_are_unified_and_tashkeel_and_tatweel_vanish() -> None:
    assert normalise("أإآٱ") == "اااا"
    assert normalise("نجاراً") == "نجارا"
    assert normalise("عـــمل") == "عمل"
    assert normalise("مدرسة") == "مدرسه"
    assert normalise("مستشفى") == "مستشفي"
    assert normalise("عمري ١٦") == "عمري 16"


def test_latin_text_is_casefolded_without_diacritics() -> None:
    assert normalise("Fußball Prüfung îqameyê") == "fussball prufung iqameye"
    assert tokens("women's course, P-Konto!") == ["womens", "course", "p", "konto"]


def test_arabic_prefixes_and_suffixes_are_stripped_where_three_letters_remain() -> None:
    assert "عمل" in arabic_forms(normalise("والعمل"))
    assert "عمل" in arabic_forms(normalise("أعمل"), visitor=True)
    assert "عمل" not in arabic_forms(normalise("أعمل"))  # verb prefixes only on the visitor's side
    assert "اقامه" in arabic_forms(normalise("إقامتي"))
    assert "مهندس" in arabic_forms(normalise("مهندسين"))
    assert arabic_forms(normalise("وصي")) == {"وصي"}  # too short to lose a letter


def test_latin_stems_meet_across_inflections() -> None:
    assert latin_stem("anerkennung") == latin_stem("anerkennen")
    assert latin_stem("abschlusses") == latin_stem("abschluss")
    assert latin_stem("iqameya") == latin_stem("iqame")
    assert latin_stem("kar") == "kar"


# --- Sensible suggestions -----------------------------------------------------------------


def test_arabic_free_text_about_work_suggests_jobcenter_and_baa_first() -> None:
    suggestions = top("أبحث عن عمل، كنت أعمل نجاراً في سوريا", "ar")
    assert {s.partner for s in suggestions[:2]} <= {"jobcenter", "baa"}
    assert (suggestions[0].partner, suggestions[0].service) == ("jobcenter", "arbeitsvermittlung")
    assert "عمل" in suggestions[0].reason


def test_german_recognition_of_a_qualification_suggests_the_recognition_advice_first() -> None:
    suggestions = top("Ich brauche Hilfe bei der Anerkennung meines Abschlusses", "de")
    assert (suggestions[0].partner, suggestions[0].service) == ("baa", "anerkennungsberatung")
    assert suggestions[0].reason.startswith("matched: ")
    assert "Anerkennung" in suggestions[0].reason


def test_kurmanji_looking_for_work_suggests_jobcenter_or_baa_first() -> None:
    suggestions = top("Ez li kar digerim", "ku")
    assert suggestions[0].partner in {"jobcenter", "baa"}
    assert {s.partner for s in suggestions[:2]} <= {"jobcenter", "baa"}


def test_english_football_suggests_the_sportbund_first() -> None:
    assert top("my son wants to play football", "en")[0].partner == "sportbund"


@pytest.mark.parametrize(
    "text",
    [
        "جيت لحالي على ألمانيا وعمري ١٦ سنة، بدي وصي",
        "ابن أخي عمره ١٥ سنة وجاء لوحده بدون أهل، يحتاج إلى وصي",
    ],
)
def test_arabic_child_alone_or_guardianship_suggests_the_jugendamt_first(text: str) -> None:
    suggestions = top(text, "ar")
    assert suggestions[0].partner == "jugendamt"
    assert {s.service for s in suggestions if s.partner == "jugendamt"} >= {"vormundschaft", "inobhutnahme"}


@pytest.mark.parametrize(
    ("text", "language"),
    [
        ("Ich habe Schulden und das Inkasso schreibt mir ständig", "de"),
        ("Mietschulden und eine Mahnung", "de"),
        ("عندي ديون كثيرة ووصلني إنذار من شركة تحصيل", "ar"),
        ("I have debts and the bailiff sent a letter", "en"),
    ],
)
def test_debts_suggest_the_tenants_debt_counselling_first(text: str, language: str) -> None:
    suggestions = top(text, language, demo=True)
    assert (suggestions[0].partner, suggestions[0].service) == ("schuldnerberatung", "schuldnerberatung")


def test_debts_without_the_debt_counselling_partner_suggest_nothing_of_it() -> None:
    assert all(s.partner != "schuldnerberatung" for s in top("Schulden, Inkasso", "de"))


def test_visitors_mix_languages() -> None:
    suggestions = top("مشكلة مع Jobcenter", "ar")
    assert suggestions[0].partner == "jobcenter"


def test_the_visitors_language_counts_more_than_another() -> None:
    # "Duldung" is a keyword of the Ausländerbehörde in de, en and ku, but not in ar.
    german = top("Duldung", "de")[0]
    arabic = top("Duldung", "ar")[0]
    assert (german.partner, german.service) == (arabic.partner, arabic.service) == ("iaa", "aufenthalt")
    assert german.score > arabic.score


def test_a_phrase_counts_more_than_a_single_word() -> None:
    single = top("Arbeit", "de")[0]
    phrase = top("Ich suche Arbeit", "de")[0]
    assert phrase.score > single.score
    assert "Arbeit suchen" in phrase.reason


@pytest.mark.parametrize("text", ["", "   ", "…!?", "Hallo", "the weather is nice today", "١٢٣"])
def test_empty_or_irrelevant_text_suggests_nothing(text: str) -> None:
    assert [s for s in top(text, "de") if s.score >= 0.3] == []


def test_scores_are_between_zero_and_one_and_ranked_best_first() -> None:
    suggestions = top("Ich suche Arbeit und eine Wohnung, mein Kind braucht eine Kita, ich habe Schulden", "de")
    assert len(suggestions) > 3
    assert all(0.0 < s.score < 1.0 for s in suggestions)
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


def test_triage_is_deterministic_and_breaks_ties_by_partner_id() -> None:
    text = "I am looking for a job"
    first = top(text, "en")
    assert first == top(text, "en") == score_services(text, "en", list(reversed(partners())))
    assert first[0].score == first[1].score
    assert [s.partner for s in first[:2]] == ["baa", "jobcenter"]


# --- The concern catalogue ------------------------------------------------------------------


def test_the_concern_catalogue_lists_every_service_in_the_desks_language() -> None:
    catalogue = concern_catalogue(partners(), "ar")
    services = sum(len(p.services) for p in partners())
    assert len(catalogue) == services
    work = next(c for c in catalogue if c.id == "jobcenter/arbeitsvermittlung")
    assert (work.partner, work.service, work.name) == ("jobcenter", "arbeitsvermittlung", "التوسط في العمل")
    assert "عمل" in work.keywords
    assert concern_catalogue(partners(), "ku")[0].name == partners()[0].services[0].names["ku"]


# --- The agentur_triage hook and the merging service ------------------------------------------


class DeskAgency:
    """What ``triage`` needs of the agency: the plugin manager and one tenant's directory."""

    def __init__(self, pm: pluggy.PluginManager, directory: PartnerDirectory) -> None:
        self.pm = pm
        self._directory = directory

    async def tenant(self, tenant_id: str) -> tuple[None, PartnerDirectory]:
        if tenant_id != "blk":
            raise NotFound("no such tenant")
        return None, self._directory


class SportbundTriage:
    """A partner's own agentur_triage: answers (asynchronously) for its own partner, plus strays."""

    def __init__(self) -> None:
        self.asked: list[tuple[str, str, list[str]]] = []

    @hookimpl
    async def agentur_triage(self, concern: str, language: str, partners: list[Partner]) -> list[Suggestion]:
        self.asked.append((concern, language, [p.id for p in partners]))
        return [
            Suggestion(partner="sportbund", service="vereinsvermittlung", score=0.95, reason="asked the clubs"),
            Suggestion(partner="sportbund", service="sportjugend", score=0.2, reason="children's sport"),
            Suggestion(partner="fremd", service="irgendwas", score=1.0, reason="not a partner of the tenant"),
            Suggestion(partner="sportbund", service="gibt_es_nicht", score=1.0, reason="no such service"),
        ]


class SilentTriage:
    @hookimpl
    def agentur_triage(self, concern: str, language: str, partners: list[Partner]) -> None:
        return None


def desk(*plugins: Any) -> DeskAgency:
    pm = get_plugin_manager(Settings(home=Path("/unused"), extra_plugins=plugins))
    return DeskAgency(pm, registry().directory(BUILT_IN))


async def test_agentur_triage_answers_of_plugins_are_merged_with_the_default() -> None:
    plugin = SportbundTriage()
    agency = desk(plugin, SilentTriage())
    suggestions = await triage(agency, "blk", "my son wants to play football", "en")  # type: ignore[arg-type]
    assert plugin.asked == [("my son wants to play football", "en", BUILT_IN)]
    clubs = suggestions[0]
    assert (clubs.partner, clubs.service, clubs.score) == ("sportbund", "vereinsvermittlung", 0.95)
    assert clubs.reason == "asked the clubs; matched: football"
    assert ("sportbund", "sportjugend") in {(s.partner, s.service) for s in suggestions}
    assert all(s.partner != "fremd" and s.service != "gibt_es_nicht" for s in suggestions)
    assert len({(s.partner, s.service) for s in suggestions}) == len(suggestions)


async def test_triage_keeps_the_best_ten() -> None:
    text = "Arbeit Wohnung Kita Schule Geld Deutschkurs Sport Vormund Pate Anerkennung Ausbildung Termin Pass"
    suggestions = await triage(desk(), "blk", text, "de")  # type: ignore[arg-type]
    assert len(suggestions) == MAX_SUGGESTIONS
    assert [s.score for s in suggestions] == sorted((s.score for s in suggestions), reverse=True)


@pytest.mark.parametrize(
    ("text", "language", "field"),
    [("Arbeit", "fr", "language"), ("", "de", "text"), ("  ", "de", "text"), ("Schulden " * 250, "de", "text")],
)
async def test_triage_validates_language_and_text_without_quoting_it(text: str, language: str, field: str) -> None:
    with pytest.raises(InvalidInput) as raised:
        await triage(desk(), "blk", text, language)  # type: ignore[arg-type]
    assert set(raised.value.errors) == {field}
    assert "Schulden" not in str(raised.value)


async def test_triage_of_an_unknown_tenant_is_not_found() -> None:
    with pytest.raises(NotFound):
        await triage(desk(), "nirgends", "Arbeit", "de")  # type: ignore[arg-type]

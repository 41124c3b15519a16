"""The built-in partners declare what these offices really do, with the law behind every field."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.domain.biography import Category
from core.domain.partner import CONSENT, LANGUAGES, Partner
from core.plugins import Registry, get_plugin_manager
from core.settings import Settings

BUILT_IN = ("iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry.load(get_plugin_manager(Settings(home=Path("/unused"))))


def partner(registry: Registry, pid: str) -> Partner:
    return registry.partners[pid].partner


def categories_by_basis(registry: Registry, pid: str) -> dict[str, set[Category]]:
    result: dict[str, set[Category]] = {}
    for grant in partner(registry, pid).grants:
        result.setdefault(grant.basis, set()).add(registry.catalogue[grant.field].category)
    return result


def test_all_six_are_installed_through_entry_points(registry: Registry) -> None:
    assert set(BUILT_IN) <= set(registry.partners)


@pytest.mark.parametrize("pid", BUILT_IN)
def test_everything_a_visitor_reads_exists_in_four_languages(registry: Registry, pid: str) -> None:
    declared = partner(registry, pid)
    assert declared.services
    for texts in [declared.names, declared.descriptions]:
        assert all(texts.get(lang) for lang in LANGUAGES)
    for service in declared.services:
        for texts in (service.names, service.descriptions):
            assert all(texts.get(lang) for lang in LANGUAGES), service.id
        assert all(service.keywords.get(lang) for lang in LANGUAGES), f"{service.id}: keywords for triage"


@pytest.mark.parametrize("pid", ["jobcenter", "baa"])
def test_jobcenter_and_ba_rest_on_azrg_18b_excluding_free_movement(registry: Registry, pid: str) -> None:
    statutory = [g for g in partner(registry, pid).grants if g.basis != CONSENT]
    assert {g.basis for g in statutory} <= {"AZRG §18b", "AZRG §18"}
    assert all(g.excludes_free_movement for g in statutory)
    categories = {registry.catalogue[g.field].category for g in statutory}
    assert {
        Category.IDENTITY,
        Category.RESIDENCE,
        Category.CONTACT,
        Category.FAMILY,
        Category.EDUCATION,
        Category.WORK,
        Category.LANGUAGE,
    } <= categories


def test_jugendamt_gets_no_schooling_or_language_skills_by_statute(registry: Registry) -> None:
    bases = categories_by_basis(registry, "jugendamt")
    statutory = set().union(*(cats for basis, cats in bases.items() if basis != CONSENT))
    assert {Category.IDENTITY, Category.RESIDENCE, Category.FAMILY, Category.YOUTH} <= statutory
    assert Category.EDUCATION not in statutory
    assert Category.LANGUAGE not in statutory
    consent_only = {g.field for g in partner(registry, "jugendamt").grants if g.basis == CONSENT}
    assert {"school_education", "languages"} <= consent_only


@pytest.mark.parametrize("pid", ["sportbund", "ehrenamt"])
def test_sportbund_and_ehrenamt_appear_in_no_statute(registry: Registry, pid: str) -> None:
    assert {g.basis for g in partner(registry, pid).grants} == {CONSENT}


@pytest.mark.parametrize("pid", BUILT_IN)
def test_special_category_data_only_by_consent(registry: Registry, pid: str) -> None:
    for grant in partner(registry, pid).grants:
        if registry.catalogue[grant.field].category is Category.SPECIAL:
            assert grant.basis == CONSENT, f"{pid} must not see {grant.field} by statute"


def test_sportbund_adds_its_own_namespaced_field(registry: Registry) -> None:
    """``agentur_biography_fields``: the Kreissportbund records the club a person joined."""
    assert "sportbund.club" in registry.catalogue
    assert partner(registry, "sportbund").grant_for("sportbund.club") is not None

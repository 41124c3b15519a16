"""The demo tenant's synthetic biographies: deterministic, varied, plausible and valid field by field."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from core.demo.biographies import GUARDIAN, REFERENCE_DATE, demo_biographies
from core.domain.biography import FieldCatalogue
from core.domain.values import validate_fields

CATALOGUE = FieldCatalogue.build({})
EU = {"RO", "PL", "BG"}


@pytest.fixture(scope="module")
def people() -> list[dict[str, Any]]:
    return demo_biographies()


def age(person: dict[str, Any]) -> int:
    born = dt.date.fromisoformat(person["birth_date"])
    return REFERENCE_DATE.year - born.year - ((REFERENCE_DATE.month, REFERENCE_DATE.day) < (born.month, born.day))


def test_same_seed_same_people_other_seed_other_people() -> None:
    assert demo_biographies(seed=7) == demo_biographies(seed=7)
    assert demo_biographies() == demo_biographies(40, 2026)
    assert demo_biographies(seed=7) != demo_biographies(seed=8)


@pytest.mark.parametrize("count", [0, 1, 12, 40, 95])
def test_count_is_respected(count: int) -> None:
    assert len(demo_biographies(count)) == count


@pytest.mark.parametrize("seed", [2026, 1, 99])
def test_every_value_passes_validation(seed: int) -> None:
    for person in demo_biographies(120, seed):
        assert validate_fields(CATALOGUE, person, today=REFERENCE_DATE)
        assert validate_fields(CATALOGUE, person)  # and still valid on the day the demo actually runs


def test_forty_distinct_people(people: list[dict[str, Any]]) -> None:
    identities = {(p["family_name"], p["given_names"], p["birth_date"]) for p in people}
    assert len(identities) == 40
    assert len({p["email"] for p in people if "email" in p}) == sum("email" in p for p in people)
    assert len({p["phone"] for p in people}) == 40


def test_many_origins(people: list[dict[str, Any]]) -> None:
    first = {p["nationality"][-1] if p["residence_status"] == "german_citizen" else p["nationality"][0] for p in people}
    assert {"SY", "AF", "UA", "IQ", "ER", "SO", "RO", "PL", "BG", "TR", "IR", "VN", "MD"} <= first
    assert {p["mother_tongue"] for p in people} >= {"ar", "kmr", "prs", "ps", "ti", "so", "uk", "ro", "pl", "tr", "fa"}


def test_residence_status_fits_nationality(people: list[dict[str, Any]]) -> None:
    for person in people:
        nationality, status = person["nationality"], person["residence_status"]
        if nationality[0] in EU:
            assert status == "eu_citizen"
        if nationality[0] == "UA":
            assert status in ("temporary_protection_24", "fiktionsbescheinigung")
        if status == "eu_citizen":
            assert EU & set(nationality)
            assert person["work_permission"] == "permitted"
            assert "permit_valid_until" not in person
        if status == "temporary_protection_24":
            assert person["permit_valid_until"] == "2027-03-04"
        if status in ("aufenthaltsgestattung", "duldung", "aufenthaltserlaubnis"):
            assert person["permit_valid_until"] > REFERENCE_DATE.isoformat()
        if status == "german_citizen":
            assert nationality[0] == "DE"
    assert sum(p["residence_status"] == "eu_citizen" for p in people) >= 3


def test_dates_are_plausible(people: list[dict[str, Any]]) -> None:
    for person in people:
        arrival = person["arrival_date"]
        assert person["birth_date"] < arrival
        assert "2014-01-01" <= arrival <= REFERENCE_DATE.isoformat()
        for child in person.get("children", []):
            assert child["birth_year"] >= int(person["birth_date"][:4]) + 16


def test_unaccompanied_minors(people: list[dict[str, Any]]) -> None:
    minors = [p for p in people if p.get("unaccompanied_minor")]
    assert len(minors) >= 3
    for minor in minors:
        assert 15 <= age(minor) <= 17
        assert minor["guardian"] == GUARDIAN == "Amtsvormundschaft Jugendamt Burgenlandkreis"
        assert minor["marital_status"] == "single"
        assert "children" not in minor
    assert all(age(p) >= 18 for p in people if not p.get("unaccompanied_minor"))


def test_arabic_transliteration_variants_and_compound_names(people: list[dict[str, Any]]) -> None:
    given = {p["given_names"] for p in people}
    assert {"Mohammed", "Muhammad", "Mohamad", "Abd al-Rahman", "Anna-Maria"} <= given


def test_contact_data_is_fictional(people: list[dict[str, Any]]) -> None:
    municipalities = {"Naumburg (Saale)", "Weißenfels", "Zeitz", "Hohenmölsen", "Teuchern", "Lützen", "Osterfeld"}
    municipalities |= {"Elsteraue"}
    for person in people:
        assert person["municipality"] in municipalities
        assert person["address"].endswith(person["municipality"])
        assert " 0000 " in person["phone"]
        assert person.get("email", "x@example.org").endswith("@example.org")
    assert len({p["municipality"] for p in people}) >= 5


def test_varied_skills_and_families(people: list[dict[str, Any]]) -> None:
    german = {s["level"] for p in people for s in p["languages"] if s["language"] == "de"}
    assert {"A1", "A2", "B1"} <= german
    assert any(s["language"] == "en" for p in people for s in p["languages"])
    courses = [p["integration_course"] for p in people if "integration_course" in p]
    assert any(c.get("certificate") == "DTZ B1" for c in courses)
    qualifications = [q for p in people for q in p.get("vocational_qualifications", [])]
    assert len(qualifications) >= 10
    assert len({q["isco"] for q in qualifications if "isco" in q}) >= 6
    assert all(len(q["kldb"]) == 5 for q in qualifications if "kldb" in q)
    assert len({q["recognition"] for q in qualifications}) >= 3
    assert sum("children" in p for p in people) >= 8
    assert {"attends_school", "daycare"} <= {c["school_attendance"] for p in people for c in p.get("children", [])}
    assert any("sport_interests" in p for p in people)
    assert any("volunteering_interests" in p for p in people)


def test_special_category_only_for_a_few(people: list[dict[str, Any]]) -> None:
    special = [p for p in people if "health_notes" in p or "disability" in p]
    assert 1 <= len(special) <= 6
    assert any(p.get("disability") == "Gehbehinderung, Rollstuhl" for p in special)
    assert any(p.get("health_notes") == "Diabetes Typ 2" for p in special)

"""Biography input is checked field by field, normalised, and refused with reasons that never repeat it."""

from __future__ import annotations

import datetime as dt
import time
import unicodedata
from typing import Any

import pytest

from core.domain.biography import CORE_FIELDS, Category, FieldCatalogue, FieldSpec, FieldType
from core.domain.errors import InvalidInput
from core.domain.values import COUNTRY_CODES, normalise_language_code, record_type_problems, validate_fields

TODAY = dt.date(2026, 3, 15)
CATALOGUE = FieldCatalogue(CORE_FIELDS)
SECRET = "Geheimname-Karimi-0815"
"""A recognisable stand-in for personal data: it must never appear in a reason."""


def ok(**fields: Any) -> dict[str, Any]:
    return validate_fields(CATALOGUE, fields, today=TODAY)


def refused(fields: dict[str, Any], *, catalogue: FieldCatalogue = CATALOGUE, **kwargs: Any) -> dict[str, str]:
    with pytest.raises(InvalidInput) as info:
        validate_fields(catalogue, fields, today=TODAY, **kwargs)
    return info.value.errors


def reason(field: str, value: Any) -> str:
    errors = refused({field: value})
    assert list(errors) == [field]
    return errors[field]


FULL_BIOGRAPHY: dict[str, Any] = {
    "family_name": "Al-Hassan",
    "given_names": "محمد علي",
    "birth_date": "1990-05-01",
    "birth_place": "Aleppo",
    "gender": "male",
    "nationality": ["SY"],
    "address": "Hauptstraße 1, 12345 Musterstadt",
    "phone": "+49 151 1234567",
    "email": "m.hassan@example.org",
    "municipality": "Musterstadt",
    "residence_status": "aufenthaltserlaubnis",
    "permit_valid_until": "2028-01-31",
    "arrival_date": "2015-09-05",
    "work_permission": "permitted",
    "mother_tongue": "ar",
    "languages": [{"language": "ar", "level": "native"}, {"language": "de", "level": "B1"}],
    "integration_course": {"status": "completed", "level": "B1", "certificate": "DTZ B1"},
    "school_education": [{"country": "SY", "years": 12, "degree": "Abitur"}],
    "vocational_qualifications": [{"title": "Elektriker", "country": "SY", "kldb": "26212", "recognition": "partial"}],
    "work_experience": [{"occupation": "Elektriker", "years": 6, "country": "TR"}],
    "desired_occupation": "Elektroniker",
    "marital_status": "married",
    "children": [{"birth_year": 2016, "school_attendance": "attends_school"}],
    "unaccompanied_minor": False,
    "sport_interests": ["Fußball"],
    "volunteering_interests": ["Dolmetschen"],
}


# --- the whole input -----------------------------------------------------------------------------


def test_a_full_biography_passes_unchanged() -> None:
    assert validate_fields(CATALOGUE, FULL_BIOGRAPHY, today=TODAY) == FULL_BIOGRAPHY


def test_unknown_field_is_refused_not_dropped() -> None:
    errors = refused({"family_name": "Ali", "favourite_colour": "blue"})
    assert errors == {"favourite_colour": "unknown field"}


def test_a_plugin_field_is_unknown_until_the_plugin_declares_it() -> None:
    assert refused({"sportbund.club": "TSV"}) == {"sportbund.club": "unknown field"}
    club = FieldSpec(name="sportbund.club", type=FieldType.STRING, category=Category.INTERESTS)
    catalogue = FieldCatalogue.build({"sportbund": [club]})
    assert validate_fields(catalogue, {"sportbund.club": " TSV 1860 "}) == {"sportbund.club": "TSV 1860"}


def test_a_malformed_field_name_is_not_echoed() -> None:
    errors = refused({f"{SECRET} geb. 1990": "x", "family_name": "Ali"})
    assert errors == {"(malformed field name 1)": "unknown field"}


def test_every_bad_field_is_named_at_once() -> None:
    with pytest.raises(InvalidInput) as info:
        validate_fields(
            CATALOGUE,
            {"family_name": "Ali", "gender": "m", "birth_date": "01.05.1990", "nationality": ["SYR"], "nope": 1},
            today=TODAY,
        )
    assert set(info.value.errors) == {"gender", "birth_date", "nationality", "nope"}
    message = str(info.value)
    assert message.startswith("4 field(s) invalid: ")
    for name in ("gender", "birth_date", "nationality", "nope"):
        assert name in message


def test_an_empty_input_is_valid_and_empty() -> None:
    assert validate_fields(CATALOGUE, {}) == {}


def test_null_is_refused_unless_clearing_is_allowed() -> None:
    assert "null" in reason("family_name", None)
    assert validate_fields(CATALOGUE, {"family_name": None, "gender": "female"}, allow_clear=True) == {
        "family_name": None,
        "gender": "female",
    }


def test_clearing_still_refuses_unknown_fields() -> None:
    assert refused({"nope": None}, allow_clear=True) == {"nope": "unknown field"}


BAD_VALUES: list[tuple[str, Any]] = [
    ("family_name", f"{SECRET}\x00"),
    ("family_name", SECRET * 30),
    ("email", f"{SECRET} @example.org"),
    ("email", f"{SECRET}@localhost"),
    ("phone", f"{SECRET} 0151"),
    ("birth_date", f"{SECRET}"),
    ("gender", SECRET),
    ("residence_status", SECRET),
    ("nationality", [SECRET]),
    ("mother_tongue", SECRET),
    ("languages", [{"language": "de", "level": SECRET}]),
    ("languages", [{"language": SECRET, "level": "B1"}]),
    ("languages", [{"language": "de", "level": "B1", SECRET: "x"}]),
    ("integration_course", {"status": SECRET}),
    ("integration_course", {"status": "completed", SECRET: 1}),
    ("integration_course", {"status": "completed", "certificate": SECRET * 20}),
    ("integration_course", {"status": "completed", SECRET: f"{SECRET}\n"}),
    ("school_education", [{"country": SECRET, "years": 3}]),
    ("school_education", [{"country": "SY", "years": SECRET}]),
    ("vocational_qualifications", [{"title": "x", "country": "SY", "kldb": SECRET}]),
    ("vocational_qualifications", [{"title": "x", "country": "SY", "recognition": SECRET}]),
    ("work_experience", [{"occupation": SECRET, "years": 3, "country": "SY", "employer": SECRET}]),
    ("children", [{"birth_year": 2010, "school_attendance": SECRET}]),
    ("sport_interests", [SECRET * 10]),
    ("unaccompanied_minor", SECRET),
]


@pytest.mark.parametrize(("field", "value"), BAD_VALUES)
def test_error_messages_never_echo_the_value(field: str, value: Any) -> None:
    with pytest.raises(InvalidInput) as info:
        validate_fields(CATALOGUE, {field: value}, today=TODAY)
    text = str(info.value) + repr(info.value.errors)
    assert "Geheimname" not in text
    assert "karimi" not in text.lower()
    assert info.value.errors[field]


# --- strings -----------------------------------------------------------------------------------


def test_arabic_names_survive_normalisation() -> None:
    assert ok(family_name="  الحسن  ", given_names="محمد") == {"family_name": "الحسن", "given_names": "محمد"}


def test_persian_zero_width_non_joiner_is_kept() -> None:
    name = "می\u200cخواهم"
    assert ok(given_names=name)["given_names"] == name


def test_strings_are_nfc_normalised() -> None:
    decomposed = unicodedata.normalize("NFD", "Şêwirdarî Müller")
    assert decomposed != "Şêwirdarî Müller"
    assert ok(family_name=decomposed)["family_name"] == "Şêwirdarî Müller"


@pytest.mark.parametrize("value", ["", "   ", "\t"])
def test_blank_strings_are_refused(value: str) -> None:
    assert reason("family_name", value) == "must not be empty"


def test_string_length_is_limited_to_300() -> None:
    assert ok(address="x" * 300)["address"] == "x" * 300
    assert reason("address", "x" * 301) == "must be at most 300 characters long"


@pytest.mark.parametrize("value", ["Ali\nHassan", "Ali\x00", "Ali\x1b[31m", "Ali\u2028Hassan", "Ali\x85Hassan"])
def test_control_characters_are_refused(value: str) -> None:
    assert "control characters" in reason("family_name", value)


@pytest.mark.parametrize("value", [42, ["Ali"], True, {"x": 1}])
def test_a_string_field_needs_text(value: Any) -> None:
    assert reason("family_name", value) == "expected text"


def test_email_domain_is_lower_cased_but_not_the_local_part() -> None:
    assert ok(email=" Mo.Hassan@Example.ORG ")["email"] == "Mo.Hassan@example.org"


@pytest.mark.parametrize("value", ["no-at-sign", "a@b@c.de", "a b@example.org", "a@example", "@example.org", "a@.de"])
def test_bad_email_addresses_are_refused(value: str) -> None:
    assert "e-mail" in reason("email", value)


@pytest.mark.parametrize("value", ["+49 151 1234567", "0151/123-45", "(0761) 123 456", "+963-11-2345678"])
def test_phone_numbers_in_common_notations_pass(value: str) -> None:
    assert ok(phone=value)["phone"] == value


def test_phone_with_arabic_indic_digits_is_converted() -> None:
    assert ok(phone="+٤٩ ١٥١ ١٢٣٤٥٦٧")["phone"] == "+49 151 1234567"


@pytest.mark.parametrize(("value", "expected"), [("0151 abc", "may only"), ("+49 12", "at least 5 digits")])
def test_bad_phone_numbers_are_refused(value: str, expected: str) -> None:
    assert expected in reason("phone", value)


# --- dates ---------------------------------------------------------------------------------------


def test_dates_are_iso_strings_and_date_objects_are_accepted() -> None:
    assert ok(birth_date="1990-05-01", arrival_date=dt.date(2015, 9, 5)) == {
        "birth_date": "1990-05-01",
        "arrival_date": "2015-09-05",
    }


@pytest.mark.parametrize("value", ["01.05.1990", "1990-5-1", "19900501", "1990-W01-1", "1990-05-01T00:00", 19900501])
def test_only_iso_calendar_dates_are_accepted(value: Any) -> None:
    assert reason("birth_date", value) == "expected a date as YYYY-MM-DD"


def test_a_datetime_is_not_a_date() -> None:
    assert "without a time" in reason("birth_date", dt.datetime(1990, 5, 1, 12, 0))


def test_impossible_calendar_dates_are_refused() -> None:
    assert reason("birth_date", "1990-02-30") == "not an existing calendar date"


def test_birth_date_not_in_the_future_and_not_before_1900() -> None:
    assert ok(birth_date=TODAY.isoformat())["birth_date"] == "2026-03-15"
    assert reason("birth_date", "2026-03-16") == "must not be in the future"
    assert ok(birth_date="1900-01-01")["birth_date"] == "1900-01-01"
    assert reason("birth_date", "1899-12-31") == "must not be before 1900-01-01"


def test_arrival_date_not_in_the_future() -> None:
    assert reason("arrival_date", "2027-01-01") == "must not be in the future"


def test_permit_valid_until_may_lie_in_the_future_or_the_past() -> None:
    assert ok(permit_valid_until="2031-12-31", residence_status="duldung")["permit_valid_until"] == "2031-12-31"
    assert ok(permit_valid_until="2020-01-01")["permit_valid_until"] == "2020-01-01"


def test_today_defaults_to_the_real_date() -> None:
    tomorrow = dt.date.today() + dt.timedelta(days=1)
    with pytest.raises(InvalidInput):
        validate_fields(CATALOGUE, {"birth_date": tomorrow.isoformat()})


# --- bool and enum -------------------------------------------------------------------------------


def test_bool_accepts_only_true_and_false() -> None:
    assert ok(unaccompanied_minor=True) == {"unaccompanied_minor": True}
    for value in (0, 1, "true", "yes", [True]):
        assert reason("unaccompanied_minor", value) == "expected true or false"


def test_enum_reason_lists_the_choices() -> None:
    assert reason("gender", "Male") == "expected one of: female, male, diverse, unspecified"
    assert reason("gender", 1) == "expected one of: female, male, diverse, unspecified"
    assert ok(residence_status="temporary_protection_24")["residence_status"] == "temporary_protection_24"


# --- countries -----------------------------------------------------------------------------------


def test_countries_are_upper_cased_and_deduplicated_in_order() -> None:
    assert ok(nationality=["sy", " TR ", "SY", "tr"]) == {"nationality": ["SY", "TR"]}


def test_kosovo_and_stateless_are_accepted() -> None:
    assert ok(nationality=["xk"]) == {"nationality": ["XK"]}
    assert ok(nationality=["XX"]) == {"nationality": ["XX"]}


@pytest.mark.parametrize("value", [["SYR"], ["ZZ"], ["UK"], [""], [7]])
def test_invalid_country_codes_are_refused(value: list[Any]) -> None:
    assert reason("nationality", value) == "entry 1: not a valid ISO 3166-1 alpha-2 country code"


def test_the_bad_country_is_located_by_position() -> None:
    assert reason("nationality", ["DE", "AF", "QQ"]).startswith("entry 3:")


def test_nationality_must_be_a_non_empty_list() -> None:
    assert reason("nationality", []) == "must name at least one country"
    assert reason("nationality", "SY") == "expected a list of country codes"


def test_country_codes_come_from_iso_3166() -> None:
    assert {"DE", "SY", "AF", "UA", "ER", "SO", "IQ", "IR", "TR"} <= COUNTRY_CODES
    assert "UK" not in COUNTRY_CODES


# --- languages ---------------------------------------------------------------------------------


@pytest.mark.parametrize(("value", "expected"), [("ar", "ar"), ("DE", "de"), (" Ku ", "ku"), ("ti", "ti")])
def test_iso_639_1_codes(value: str, expected: str) -> None:
    assert ok(mother_tongue=value) == {"mother_tongue": expected}


@pytest.mark.parametrize("code", ["prs", "ckb", "kmr", "pbu", "apc"])
def test_iso_639_3_codes_for_dari_sorani_kurmanji_and_others(code: str) -> None:
    assert ok(mother_tongue=code) == {"mother_tongue": code}


def test_three_letter_codes_with_a_two_letter_equivalent_are_stored_short() -> None:
    assert ok(mother_tongue="deu") == {"mother_tongue": "de"}
    assert ok(mother_tongue="ARA") == {"mother_tongue": "ar"}
    assert normalise_language_code("fas") == "fa"


@pytest.mark.parametrize("value", ["xx", "qqq", "german", "d", "", 5])
def test_invalid_language_codes_are_refused(value: Any) -> None:
    assert reason("mother_tongue", value) == "not a valid ISO 639-1 or ISO 639-3 language code"


def test_cefr_levels() -> None:
    levels = ["A1", "A2", "B1", "B2", "C1", "C2", "native"]
    codes = ["de", "en", "fr", "ar", "prs", "ckb", "tr"]
    skills = [{"language": c, "level": lvl} for c, lvl in zip(codes, levels, strict=True)]
    assert ok(languages=skills) == {"languages": skills}


def test_cefr_levels_are_case_insensitive() -> None:
    assert ok(languages=[{"language": "DE", "level": "b2"}, {"language": "ar", "level": "Native"}]) == {
        "languages": [{"language": "de", "level": "B2"}, {"language": "ar", "level": "native"}]
    }


@pytest.mark.parametrize("level", ["B3", "A", "fluent", "", 1])
def test_unknown_levels_are_refused_with_the_choices(level: Any) -> None:
    assert reason("languages", [{"language": "de", "level": level}]).startswith("item 1, level: expected ")


def test_a_language_listed_twice_is_refused() -> None:
    assert reason("languages", [{"language": "de", "level": "A1"}, {"language": "DE", "level": "B1"}]) == (
        "item 2: this language is already listed"
    )
    assert reason("languages", [{"language": "de", "level": "A1"}, {"language": "deu", "level": "B1"}]) == (
        "item 2: this language is already listed"
    )


def test_language_skills_name_the_bad_entry() -> None:
    value = [{"language": "de", "level": "A1"}, {"language": "zzz", "level": "B1"}]
    assert reason("languages", value) == "item 2, language: not a valid ISO 639-1 or ISO 639-3 language code"
    assert reason("languages", [{"language": "de"}]) == "item 1: missing required key level"
    assert reason("languages", {"language": "de", "level": "A1"}) == "expected a list of language skills"


def test_no_language_skills_is_an_empty_list() -> None:
    assert ok(languages=[]) == {"languages": []}


# --- string lists ------------------------------------------------------------------------------


def test_string_lists_are_stripped_normalised_and_deduplicated() -> None:
    decomposed = unicodedata.normalize("NFD", "Kürbisschnitzen")
    assert ok(sport_interests=[" Fußball ", "Schach", "fußball", "FUSSBALL", decomposed, "Kürbisschnitzen"]) == {
        "sport_interests": ["Fußball", "Schach", "Kürbisschnitzen"]
    }


def test_string_list_limits() -> None:
    assert ok(sport_interests=[]) == {"sport_interests": []}
    assert len(ok(sport_interests=[f"Sport {i}" for i in range(30)])["sport_interests"]) == 30
    assert reason("sport_interests", [f"Sport {i}" for i in range(31)]) == "must have at most 30 entries"
    assert reason("sport_interests", ["x" * 101]) == "entry 1: must be at most 100 characters long"
    assert reason("sport_interests", ["Schach", " "]) == "entry 2: must not be empty"
    assert reason("sport_interests", ["Schach", 3]) == "entry 2: expected text"
    assert reason("sport_interests", "Schach") == "expected a list of texts"


# --- records -------------------------------------------------------------------------------------


def test_records_are_normalised_and_plain() -> None:
    result = ok(
        school_education=[{"country": "sy", "years": 9, "degree": "  Mittlere Reife "}],
        vocational_qualifications=[{"title": "Bäcker", "country": "af"}],
        integration_course={"status": "in_progress", "level": "b1"},
    )
    assert result == {
        "school_education": [{"country": "SY", "years": 9, "degree": "Mittlere Reife"}],
        "vocational_qualifications": [{"title": "Bäcker", "country": "AF"}],
        "integration_course": {"status": "in_progress", "level": "B1"},
    }


def test_records_with_bad_nested_values() -> None:
    assert reason("school_education", [{"country": "SY", "years": 61}]) == "item 1, years: must be at most 60"
    assert reason("school_education", [{"country": "SY", "years": -1}]) == "item 1, years: must be at least 0"
    assert reason("school_education", [{"country": "SY", "years": "9"}]) == (
        "item 1, years: expected a whole number, got text"
    )
    assert reason("school_education", [{"country": "SY", "years": True}]) == (
        "item 1, years: expected a whole number, got true or false"
    )
    assert reason("school_education", [{"country": "SY", "years": 3}, {"country": "QQ", "years": 3}]) == (
        "item 2, country: not a valid ISO 3166-1 alpha-2 country code"
    )
    assert reason("school_education", [{"country": "SYR", "years": 3}]) == (
        "item 1, country: not a valid ISO 3166-1 alpha-2 country code"
    )
    assert reason("school_education", [{"country": "SY", "years": 3, "degree": ""}]) == (
        "item 1, degree: must have at least 1 characters"
    )
    assert reason("school_education", ["SY"]) == "item 1: expected an object, got text"
    assert reason("work_experience", [{"occupation": "Koch", "years": 2}]) == "item 1: missing required key country"


def test_qualification_codes_are_explained() -> None:
    base = {"title": "Koch", "country": "SY"}
    assert reason("vocational_qualifications", [{**base, "kldb": "2932"}]) == (
        "item 1, kldb: expected a five-digit KldB 2010 code"
    )
    assert reason("vocational_qualifications", [{**base, "isco": "51201"}]) == (
        "item 1, isco: expected a four-digit ISCO-08 code"
    )
    assert reason("vocational_qualifications", [{**base, "recognition": "yes"}]) == (
        "item 1, recognition: expected one of: not_applied, in_progress, full, partial, refused, not_required"
    )


def test_unknown_record_keys_are_refused_and_the_allowed_ones_named() -> None:
    assert reason("work_experience", [{"occupation": "Koch", "years": 2, "country": "SY", "employer": "X"}]) == (
        "item 1: contains an unknown key; allowed keys: occupation, years, country"
    )


def test_control_characters_inside_records_are_refused() -> None:
    assert reason("work_experience", [{"occupation": "Koch\nin", "years": 2, "country": "SY"}]) == (
        "item 1, occupation: must not contain control characters or line breaks"
    )


def test_children_birth_year_not_after_this_year() -> None:
    assert ok(children=[{"birth_year": 2026, "school_attendance": "not_of_school_age"}])["children"] == [
        {"birth_year": 2026, "school_attendance": "not_of_school_age"}
    ]
    assert reason("children", [{"birth_year": 2027, "school_attendance": "not_of_school_age"}]) == (
        "item 1, birth_year: must not be in the future"
    )


def test_at_most_30_children() -> None:
    child = {"birth_year": 2010, "school_attendance": "attends_school"}
    assert len(ok(children=[child] * 30)["children"]) == 30
    assert reason("children", [child] * 31) == "must have at most 30 entries"


def test_integration_course_record() -> None:
    assert ok(integration_course={"status": "completed", "certificate": "Leben in Deutschland"}) == {
        "integration_course": {"status": "completed", "certificate": "Leben in Deutschland"}
    }
    assert reason("integration_course", {"status": "done"}).startswith("status: expected one of: not_started,")
    assert reason("integration_course", {"status": "completed", "level": "D1"}).startswith("level: expected one of: A1")
    assert reason("integration_course", [{"status": "completed"}]) == "expected an object"
    assert reason("integration_course", {}) == "missing required key status"


def test_plugin_record_fields_without_a_schema_are_refused() -> None:
    specs = [
        FieldSpec(name="sportbund.memberships", type=FieldType.RECORD_LIST, category=Category.INTERESTS),
        FieldSpec(name="sportbund.licence", type=FieldType.RECORD, category=Category.INTERESTS),
        FieldSpec(name="sportbund.club", type=FieldType.STRING, category=Category.INTERESTS),
    ]
    catalogue = FieldCatalogue.build({"sportbund": specs})
    errors = refused({"sportbund.memberships": [{"club": "TSV"}], "sportbund.licence": {"a": 1}}, catalogue=catalogue)
    assert errors == {
        "sportbund.memberships": "no record schema for this field",
        "sportbund.licence": "no record schema for this field",
    }
    problems = record_type_problems(catalogue)
    assert len(problems) == 2
    assert "'sportbund.memberships'" in problems[0]
    assert "'sportbund.licence'" in problems[1]


def test_the_core_catalogue_has_a_schema_for_every_record_field() -> None:
    assert record_type_problems(CATALOGUE) == []


# --- speed ---------------------------------------------------------------------------------------


def test_a_full_biography_validates_well_under_a_millisecond() -> None:
    validate_fields(CATALOGUE, FULL_BIOGRAPHY, today=TODAY)
    runs = 200
    start = time.perf_counter()
    for _ in range(runs):
        validate_fields(CATALOGUE, FULL_BIOGRAPHY, today=TODAY)
    per_call = (time.perf_counter() - start) / runs
    assert per_call < 0.001

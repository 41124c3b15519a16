"""Checking and normalising biography input, field by field, before anything is stored."""

from __future__ import annotations

import datetime as dt
import re
import typing
import unicodedata
from collections.abc import Callable, Mapping
from enum import Enum
from typing import Any

import msgspec
import pycountry

from core.domain.biography import FieldCatalogue, FieldSpec, FieldType, is_valid_field_name
from core.domain.errors import InvalidInput
from core.domain.records import (
    Child,
    IntegrationCourse,
    LanguageLevel,
    LanguageSkill,
    Qualification,
    SchoolEducation,
    WorkExperience,
)

__all__ = [
    "COUNTRY_CODES",
    "STATELESS",
    "is_country_code",
    "normalise_language_code",
    "record_type_problems",
    "validate_fields",
]

# --- reference lists, built once at import -------------------------------------------------------

STATELESS = "XX"
"""Stateless or nationality unknown ("staatenlos", "ungeklärt" on German residence papers)."""
KOSOVO = "XK"
"""Kosovo: user-assigned in ISO 3166-1, but used by German authorities and the EU."""

COUNTRY_CODES: frozenset[str] = frozenset(c.alpha_2 for c in pycountry.countries) | {KOSOVO, STATELESS}
"""Every accepted country code: ISO 3166-1 alpha-2, plus ``XK`` (Kosovo) and ``XX`` (stateless/unknown)."""

_LANGUAGE_ALPHA_2: frozenset[str] = frozenset(
    code for lang in pycountry.languages if (code := getattr(lang, "alpha_2", None))
)
_ALPHA_3_TO_CANONICAL: dict[str, str] = {
    lang.alpha_3: getattr(lang, "alpha_2", None) or lang.alpha_3 for lang in pycountry.languages
}
"""ISO 639-3 code → the code we store: the ISO 639-1 code where one exists (``deu`` → ``de``), else itself."""

_CEFR = frozenset(level.value for level in LanguageLevel if level is not LanguageLevel.NATIVE)

# --- limits --------------------------------------------------------------------------------------

STRING_MAX = 300
LIST_ITEM_MAX = 100
STRING_LIST_MAX = 30
COUNTRY_LIST_MAX = 10
LANGUAGE_LEVELS_MAX = 30
RECORD_LIST_MAX = 50
CHILDREN_MAX = 30
EARLIEST_DATE = dt.date(1900, 1, 1)

# --- reasons (short sentences a clerk can act on; never the submitted value) ---------------------

NOT_A_COUNTRY = "not a valid ISO 3166-1 alpha-2 country code"
NOT_A_LANGUAGE = "not a valid ISO 639-1 or ISO 639-3 language code"
NO_RECORD_SCHEMA = "no record schema for this field"
UNKNOWN_FIELD = "unknown field"

_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\ud800-\udfff]")
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_EMAIL = re.compile(r"[^@\s]+@[^@\s.]+(\.[^@\s.]+)+")
_PHONE_CHARS = re.compile(r"[0-9 +\-/()]+")
_EASTERN_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")


class _Bad(Exception):
    """One field's value is wrong; the message is the reason."""


# --- small building blocks ---------------------------------------------------------------------


def is_country_code(code: str) -> bool:
    """True for an upper-case code in :data:`COUNTRY_CODES`."""
    return code in COUNTRY_CODES


def normalise_language_code(code: str) -> str | None:
    """The stored form of an ISO 639-1/639-3 code (lower-case, two letters where possible), or None."""
    code = code.strip().lower()
    if len(code) == 2:
        return code if code in _LANGUAGE_ALPHA_2 else None
    if len(code) == 3:
        return _ALPHA_3_TO_CANONICAL.get(code)
    return None


def _text(value: Any, *, max_length: int) -> str:
    if not isinstance(value, str):
        raise _Bad("expected text")
    text = unicodedata.normalize("NFC", value.strip())
    if not text:
        raise _Bad("must not be empty")
    if len(text) > max_length:
        raise _Bad(f"must be at most {max_length} characters long")
    if _CONTROL.search(text):
        raise _Bad("must not contain control characters or line breaks")
    return text


def _country(value: Any) -> str:
    if not isinstance(value, str):
        raise _Bad(NOT_A_COUNTRY)
    code = value.strip().upper()
    if code not in COUNTRY_CODES:
        raise _Bad(NOT_A_COUNTRY)
    return code


def _language(value: Any) -> str:
    code = normalise_language_code(value) if isinstance(value, str) else None
    if code is None:
        raise _Bad(NOT_A_LANGUAGE)
    return code


def _level(value: Any) -> Any:
    """Accept CEFR levels and ``native`` in any case; anything else is left for msgspec to refuse."""
    if isinstance(value, str):
        stripped = value.strip()
        if stripped.upper() in _CEFR:
            return stripped.upper()
        if stripped.lower() == LanguageLevel.NATIVE.value:
            return LanguageLevel.NATIVE.value
    return value


def _list(value: Any, *, what: str, max_items: int) -> list[Any]:
    if not isinstance(value, list | tuple):
        raise _Bad(f"expected a list of {what}")
    if len(value) > max_items:
        raise _Bad(f"must have at most {max_items} entries")
    return list(value)


# --- one checker per field type ----------------------------------------------------------------


def _check_string(spec: FieldSpec, value: Any, today: dt.date) -> str:
    text = _text(value, max_length=STRING_MAX)
    if spec.name == "email":
        if not _EMAIL.fullmatch(text):
            raise _Bad("not a valid e-mail address (expected name@example.org)")
        local, domain = text.split("@")
        return f"{local}@{domain.lower()}"
    if spec.name == "phone":
        text = text.translate(_EASTERN_DIGITS)
        if not _PHONE_CHARS.fullmatch(text):
            raise _Bad("may only contain digits, spaces and + - / ( )")
        if sum(ch.isdigit() for ch in text) < 5:
            raise _Bad("must contain at least 5 digits")
    return text


def _check_date(spec: FieldSpec, value: Any, today: dt.date) -> str:
    if isinstance(value, dt.datetime):
        raise _Bad("expected a date without a time (YYYY-MM-DD)")
    if isinstance(value, dt.date):
        date = value
    elif isinstance(value, str) and _ISO_DATE.fullmatch(value.strip()):
        try:
            date = dt.date.fromisoformat(value.strip())
        except ValueError:
            raise _Bad("not an existing calendar date") from None
    else:
        raise _Bad("expected a date as YYYY-MM-DD")
    if spec.name in ("birth_date", "arrival_date"):
        if date > today:
            raise _Bad("must not be in the future")
        if date < EARLIEST_DATE:
            raise _Bad("must not be before 1900-01-01")
    return date.isoformat()


def _check_bool(spec: FieldSpec, value: Any, today: dt.date) -> bool:
    if not isinstance(value, bool):
        raise _Bad("expected true or false")
    return value


def _check_enum(spec: FieldSpec, value: Any, today: dt.date) -> str:
    if not isinstance(value, str) or value not in spec.choices:
        raise _Bad("expected one of: " + ", ".join(spec.choices))
    return value


def _check_country_list(spec: FieldSpec, value: Any, today: dt.date) -> list[str]:
    items = _list(value, what="country codes", max_items=COUNTRY_LIST_MAX)
    if not items:
        raise _Bad("must name at least one country")
    codes: list[str] = []
    for i, item in enumerate(items, 1):
        try:
            code = _country(item)
        except _Bad as bad:
            raise _Bad(f"entry {i}: {bad}") from None
        if code not in codes:
            codes.append(code)
    return codes


def _check_language(spec: FieldSpec, value: Any, today: dt.date) -> str:
    return _language(value)


def _check_string_list(spec: FieldSpec, value: Any, today: dt.date) -> list[str]:
    items = _list(value, what="texts", max_items=STRING_LIST_MAX)
    out: list[str] = []
    seen: set[str] = set()
    for i, item in enumerate(items, 1):
        try:
            text = _text(item, max_length=LIST_ITEM_MAX)
        except _Bad as bad:
            raise _Bad(f"entry {i}: {bad}") from None
        key = text.casefold()
        if key not in seen:
            seen.add(key)
            out.append(text)
    return out


# --- records -------------------------------------------------------------------------------------

_RECORD_LISTS: dict[str, type[msgspec.Struct]] = {
    "school_education": SchoolEducation,
    "vocational_qualifications": Qualification,
    "work_experience": WorkExperience,
    "children": Child,
}
_RECORDS: dict[str, type[msgspec.Struct]] = {"integration_course": IntegrationCourse}


def _enum_choices(struct: type[msgspec.Struct]) -> dict[str, tuple[str, ...]]:
    """Field name → allowed values, for the struct's enum-typed fields (to word msgspec's enum errors)."""
    out: dict[str, tuple[str, ...]] = {}
    for name, hint in typing.get_type_hints(struct).items():
        for arg in (hint, *typing.get_args(hint)):
            if isinstance(arg, type) and issubclass(arg, Enum):
                out[name] = tuple(str(member.value) for member in arg)
    return out


_STRUCTS: tuple[type[msgspec.Struct], ...] = (*_RECORD_LISTS.values(), *_RECORDS.values(), LanguageSkill)
_CHOICES = {struct: _enum_choices(struct) for struct in _STRUCTS}
_KEYS = {struct: struct.__struct_fields__ for struct in _STRUCTS}

_PATTERN_REASONS = {
    "^[A-Z]{2}$": NOT_A_COUNTRY,
    "^[a-z]{2,3}$": NOT_A_LANGUAGE,
    r"^\d{5}$": "expected a five-digit KldB 2010 code",
    r"^\d{4}$": "expected a four-digit ISCO-08 code",
}
_TYPE_WORDS = {
    "int": "a whole number",
    "str": "text",
    "array": "a list",
    "object": "an object",
    "bool": "true or false",
    "null": "nothing",
    "float": "a number",
}
_BOUND_WORDS = {"<=": "must be at most", ">=": "must be at least", "<": "must be less than", ">": "must be more than"}
_AT = re.compile(r"^(?P<head>.*?)(?: - at `(?P<key>key)` in `(?P<kpath>[^`]*)`| - at `(?P<path>[^`]*)`)?$", re.S)
_PATH_PART = re.compile(r"\[(\d+)\]|\.([A-Za-z_][A-Za-z0-9_]*)")
_EXPECTED_GOT = re.compile(r"Expected `(\w+)`, got `(\w+)`")
_BOUND = re.compile(r"Expected `(?:int|float)` (<=|>=|<|>) (-?[\d.]+)")
_LENGTH = re.compile(r"Expected `(str|array|object)` of length (<=|>=) (\d+)")
_REGEX = re.compile(r"Expected `str` matching regex '(.*)'", re.S)
_MISSING = re.compile(r"Object missing required field `(\w+)`")


def _where(path: str | None) -> tuple[str, str | None]:
    """``$[0].years`` → ("item 1, years", "years"): the location in words and the struct field named."""
    if not path:
        return "", None
    words: list[str] = []
    field = None
    for index, name in _PATH_PART.findall(path):
        if index:
            words.append(f"item {int(index) + 1}")
        else:
            words.append(name)
            field = name
    return ", ".join(words), field


def _explain(error: msgspec.ValidationError, struct: type[msgspec.Struct]) -> str:
    """Word a msgspec error for a clerk, never repeating submitted values or keys.

    msgspec quotes the offending value in enum errors and the offending key in unknown-key
    errors; both are rewritten here. Any other message with quoted text is reduced to a
    generic reason rather than risk echoing personal data.
    """
    match = _AT.match(str(error))
    assert match is not None  # the pattern matches every string
    head = match["head"]
    where, field = _where(match["kpath"] if match["key"] else match["path"])
    if match["key"]:
        reason = "contains a key that is not text"
    elif head.startswith("Invalid enum value"):
        choices = _CHOICES[struct].get(field or "")
        reason = "expected one of: " + ", ".join(choices) if choices else "not an allowed value"
    elif head.startswith("Object contains unknown field"):
        reason = "contains an unknown key; allowed keys: " + ", ".join(_KEYS[struct])
    elif m := _MISSING.fullmatch(head):
        reason = f"missing required key {m[1]}"
    elif m := _REGEX.fullmatch(head):
        pattern = m[1].replace("\\\\", "\\")  # msgspec doubles backslashes when quoting the pattern
        reason = _PATTERN_REASONS.get(pattern, "has the wrong format")
    elif m := _EXPECTED_GOT.fullmatch(head):
        reason = f"expected {_TYPE_WORDS.get(m[1], m[1])}, got {_TYPE_WORDS.get(m[2], m[2])}"
    elif m := _BOUND.fullmatch(head):
        reason = f"{_BOUND_WORDS[m[1]]} {m[2]}"
    elif m := _LENGTH.fullmatch(head):
        unit = "characters" if m[1] == "str" else "entries"
        reason = ("must have at most" if m[2] == "<=" else "must have at least") + f" {m[3]} {unit}"
    elif "'" in head or '"' in head:
        reason = "has an invalid value"
    else:
        reason = head[:1].lower() + head[1:]
    return f"{where}: {reason}" if where else reason


def _prepare_item(item: Any, where: str, struct: type[msgspec.Struct]) -> Any:
    """Strip and NFC-normalise the texts of one record, upper-case countries, tidy codes and levels."""
    if not isinstance(item, Mapping):
        return item
    out: dict[Any, Any] = {}
    for key, value in item.items():
        if isinstance(value, str):
            value = unicodedata.normalize("NFC", value.strip())
            if _CONTROL.search(value):
                named = key if key in _KEYS[struct] else "a text"  # an unknown key could itself be personal data
                raise _Bad(f"{where}{named}: must not contain control characters or line breaks")
            if key == "country":
                value = value.upper()
            elif key == "language":
                value = value.lower()
            elif key == "level":
                value = _level(value)
        out[key] = value
    return out


def _check_codes(items: list[Any], *, numbered: bool) -> list[Any]:
    """Check country and language codes against the ISO lists; returns the records, codes canonical."""
    out = []
    for i, record in enumerate(items, 1):
        where = f"item {i}, " if numbered else ""
        country = getattr(record, "country", None)
        if country is not None and country not in COUNTRY_CODES:
            raise _Bad(f"{where}country: {NOT_A_COUNTRY}")
        language = getattr(record, "language", None)
        if language is not None:
            code = normalise_language_code(language)
            if code is None:
                raise _Bad(f"{where}language: {NOT_A_LANGUAGE}")
            if code != language:
                record = msgspec.structs.replace(record, language=code)
        out.append(record)
    return out


def _convert_list(value: Any, struct: type[msgspec.Struct], *, what: str, max_items: int) -> list[Any]:
    items = _list(value, what=what, max_items=max_items)
    prepared = [_prepare_item(item, f"item {i}, ", struct) for i, item in enumerate(items, 1)]
    try:
        records = msgspec.convert(prepared, type=list[struct])  # type: ignore[valid-type]
    except msgspec.ValidationError as error:
        raise _Bad(_explain(error, struct)) from None
    return _check_codes(records, numbered=True)


def _check_language_levels(spec: FieldSpec, value: Any, today: dt.date) -> list[Any]:
    skills = _convert_list(value, LanguageSkill, what="language skills", max_items=LANGUAGE_LEVELS_MAX)
    seen: set[str] = set()
    for i, skill in enumerate(skills, 1):
        if skill.language in seen:
            raise _Bad(f"item {i}: this language is already listed")
        seen.add(skill.language)
    return list(msgspec.to_builtins(skills))


def _check_record_list(spec: FieldSpec, value: Any, today: dt.date) -> list[Any]:
    struct = _RECORD_LISTS.get(spec.name)
    if struct is None:
        raise _Bad(NO_RECORD_SCHEMA)
    max_items = CHILDREN_MAX if struct is Child else RECORD_LIST_MAX
    records = _convert_list(value, struct, what="entries", max_items=max_items)
    if struct is Child:
        for i, child in enumerate(records, 1):
            if child.birth_year > today.year:
                raise _Bad(f"item {i}, birth_year: must not be in the future")
    return list(msgspec.to_builtins(records))


def _check_record(spec: FieldSpec, value: Any, today: dt.date) -> dict[str, Any]:
    struct = _RECORDS.get(spec.name)
    if struct is None:
        raise _Bad(NO_RECORD_SCHEMA)
    if not isinstance(value, Mapping):
        raise _Bad("expected an object")
    try:
        record = msgspec.convert(_prepare_item(value, "", struct), type=struct)
    except msgspec.ValidationError as error:
        raise _Bad(_explain(error, struct)) from None
    (record,) = _check_codes([record], numbered=False)
    return dict(msgspec.to_builtins(record))


_CHECKERS: dict[FieldType, Callable[[FieldSpec, Any, dt.date], Any]] = {
    FieldType.STRING: _check_string,
    FieldType.DATE: _check_date,
    FieldType.BOOL: _check_bool,
    FieldType.ENUM: _check_enum,
    FieldType.COUNTRY_LIST: _check_country_list,
    FieldType.LANGUAGE: _check_language,
    FieldType.LANGUAGE_LEVELS: _check_language_levels,
    FieldType.STRING_LIST: _check_string_list,
    FieldType.RECORD_LIST: _check_record_list,
    FieldType.RECORD: _check_record,
}


# --- public entry points -----------------------------------------------------------------------


def record_type_problems(catalogue: FieldCatalogue) -> list[str]:
    """Every record or record-list field that has no record schema, each as a sentence naming it."""
    problems: list[str] = []
    for spec in catalogue:
        if spec.type is FieldType.RECORD_LIST and spec.name not in _RECORD_LISTS:
            problems.append(f"biography field {spec.name!r} is a record list, but there is no record schema for it")
        elif spec.type is FieldType.RECORD and spec.name not in _RECORDS:
            problems.append(f"biography field {spec.name!r} is a record, but there is no record schema for it")
    return problems


def validate_fields(
    catalogue: FieldCatalogue,
    raw: Mapping[str, Any],
    *,
    allow_clear: bool = False,
    today: dt.date | None = None,
) -> dict[str, Any]:
    """Check and normalise biography input.

    Returns JSON-compatible normalised values (str, int, bool, list, dict; dates as
    ``YYYY-MM-DD``). Every bad field is reported at once: raises
    ``InvalidInput("<n> field(s) invalid: a, b", errors={field: reason})``. An unknown field name
    is an error ("unknown field"), never silently dropped; a key that is not even shaped like a
    field name is reported as ``(malformed field name N)`` so that it cannot carry personal data
    into logs. With ``allow_clear=True`` a value of None means "remove this field" and is returned
    as None; otherwise None is an error. Reasons never repeat the submitted value.

    Countries are ISO 3166-1 alpha-2 (any case in, upper case out), plus ``XK`` for Kosovo and
    ``XX`` for stateless or unknown nationality ("staatenlos"). Languages are ISO 639-1 or
    ISO 639-3 (``prs`` Dari, ``ckb`` Sorani, ``kmr`` Kurmanji), lower case, stored as the two-letter
    code where one exists (``deu`` → ``de``). ``today`` decides what "in the future" means; it
    defaults to the local date.
    """
    if not isinstance(raw, Mapping):
        raise InvalidInput("fields must be an object", errors={})
    today = today or dt.date.today()
    out: dict[str, Any] = {}
    errors: dict[str, str] = {}
    malformed = 0
    for name, value in raw.items():
        if not isinstance(name, str) or not is_valid_field_name(name):
            malformed += 1
            errors[f"(malformed field name {malformed})"] = UNKNOWN_FIELD
            continue
        if name not in catalogue:
            errors[name] = UNKNOWN_FIELD
            continue
        if value is None:
            if allow_clear:
                out[name] = None
            else:
                errors[name] = "must not be null; leave the field out to keep it unchanged"
            continue
        spec = catalogue[name]
        try:
            out[name] = _CHECKERS[spec.type](spec, value, today)
        except _Bad as bad:
            errors[name] = str(bad)
    if errors:
        raise InvalidInput(f"{len(errors)} field(s) invalid: {', '.join(errors)}", errors=errors)
    return out

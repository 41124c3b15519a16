"""The biography field catalogue: the single source of truth for what a migration biography holds."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator, Mapping
from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.base import Schema
from core.domain.errors import DeclarationError


class Category(StrEnum):
    """What a field is about; staff roles are permitted to read by category."""

    IDENTITY = "identity"
    CONTACT = "contact"
    RESIDENCE = "residence"
    LANGUAGE = "language"
    EDUCATION = "education"
    WORK = "work"
    FAMILY = "family"
    YOUTH = "youth"
    INTERESTS = "interests"
    SPECIAL = "special"


class Sensitivity(StrEnum):
    """``special`` is GDPR Art. 9 data: only a consent that names the field opens it."""

    NORMAL = "normal"
    SENSITIVE = "sensitive"
    SPECIAL = "special"


class FieldType(StrEnum):
    STRING = "string"
    DATE = "date"
    BOOL = "bool"
    ENUM = "enum"
    COUNTRY_LIST = "country_list"  # ISO 3166-1 alpha-2
    LANGUAGE = "language"  # ISO 639-1
    LANGUAGE_LEVELS = "language_levels"  # ISO 639 with CEFR level A1–C2 / native
    STRING_LIST = "string_list"
    RECORD_LIST = "record_list"  # list of small records, e.g. qualifications
    RECORD = "record"


class Retention(StrEnum):
    """How long a value may be kept once the person's last case is closed."""

    WHILE_CASE_OPEN = "while_case_open"
    CASE_CLOSED_PLUS_3Y = "case_closed_plus_3y"
    CASE_CLOSED_PLUS_10Y = "case_closed_plus_10y"
    UNTIL_ERASURE = "until_erasure"


_FIELD_NAME = r"^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)?$"
FieldName = Annotated[str, msgspec.Meta(pattern=_FIELD_NAME, max_length=80)]


class FieldSpec(Schema, frozen=True):
    """One biography field. Plugin fields are namespaced: ``sportbund.club``."""

    name: FieldName
    type: FieldType
    category: Category
    sensitivity: Sensitivity = Sensitivity.NORMAL
    searchable: bool = False
    retention: Retention = Retention.CASE_CLOSED_PLUS_3Y
    choices: tuple[str, ...] = ()
    labels: dict[str, str] = {}

    @property
    def namespace(self) -> str | None:
        return self.name.split(".", 1)[0] if "." in self.name else None


RESIDENCE_STATUSES = (
    "asylum_procedure",
    "aufenthaltsgestattung",
    "duldung",
    "aufenthaltserlaubnis",
    "niederlassungserlaubnis",
    "erlaubnis_zum_daueraufenthalt_eu",
    "eu_citizen",
    "german_citizen",
    "temporary_protection_24",
    "fiktionsbescheinigung",
    "unknown",
)
"""Residence titles. ``eu_citizen`` marks free movement: most AZRG grants do not apply."""

WORK_PERMISSIONS = (
    "permitted",
    "permitted_with_approval",
    "not_permitted",
    "self_employment_permitted",
    "unknown",
)

GENDERS = ("female", "male", "diverse", "unspecified")
MARITAL_STATUSES = ("single", "married", "divorced", "widowed", "separated", "registered_partnership", "unknown")


def _f(
    name: str,
    type_: FieldType,
    category: Category,
    sensitivity: Sensitivity = Sensitivity.NORMAL,
    *,
    searchable: bool = False,
    choices: tuple[str, ...] = (),
    de: str,
    en: str,
    ar: str,
    ku: str,
) -> FieldSpec:
    return FieldSpec(
        name=name,
        type=type_,
        category=category,
        sensitivity=sensitivity,
        searchable=searchable,
        choices=choices,
        labels={"de": de, "en": en, "ar": ar, "ku": ku},
    )


_T, _C = FieldType, Category
_S = Sensitivity

CORE_FIELDS: tuple[FieldSpec, ...] = (
    _f(
        "family_name",
        _T.STRING,
        _C.IDENTITY,
        searchable=True,
        de="Familienname",
        en="Family name",
        ar="اسم العائلة",
        ku="Navê malbatê",
    ),
    _f(
        "given_names",
        _T.STRING,
        _C.IDENTITY,
        searchable=True,
        de="Vornamen",
        en="Given names",
        ar="الاسم الأول",
        ku="Nav",
    ),
    _f(
        "birth_date",
        _T.DATE,
        _C.IDENTITY,
        searchable=True,
        de="Geburtsdatum",
        en="Date of birth",
        ar="تاريخ الميلاد",
        ku="Roja jidayikbûnê",
    ),
    _f(
        "birth_place",
        _T.STRING,
        _C.IDENTITY,
        de="Geburtsort",
        en="Place of birth",
        ar="مكان الميلاد",
        ku="Cihê jidayikbûnê",
    ),
    _f("gender", _T.ENUM, _C.IDENTITY, choices=GENDERS, de="Geschlecht", en="Gender", ar="الجنس", ku="Zayend"),
    _f(
        "nationality",
        _T.COUNTRY_LIST,
        _C.IDENTITY,
        de="Staatsangehörigkeit",
        en="Nationality",
        ar="الجنسية",
        ku="Hemwelatî",
    ),
    _f("address", _T.STRING, _C.CONTACT, de="Anschrift", en="Address", ar="العنوان", ku="Navnîşan"),
    _f("phone", _T.STRING, _C.CONTACT, de="Telefon", en="Phone", ar="الهاتف", ku="Telefon"),
    _f("email", _T.STRING, _C.CONTACT, de="E-Mail", en="E-mail", ar="البريد الإلكتروني", ku="E-name"),
    _f("municipality", _T.STRING, _C.CONTACT, de="Gemeinde", en="Municipality", ar="البلدية", ku="Şaredarî"),
    _f(
        "residence_status",
        _T.ENUM,
        _C.RESIDENCE,
        _S.SENSITIVE,
        choices=RESIDENCE_STATUSES,
        de="Aufenthaltsstatus",
        en="Residence status",
        ar="وضع الإقامة",
        ku="Rewşa niştecihbûnê",
    ),
    _f(
        "permit_valid_until",
        _T.DATE,
        _C.RESIDENCE,
        _S.SENSITIVE,
        de="Aufenthaltstitel gültig bis",
        en="Permit valid until",
        ar="الإقامة سارية حتى",
        ku="Destûr derbasdar heta",
    ),
    _f(
        "arrival_date",
        _T.DATE,
        _C.RESIDENCE,
        _S.SENSITIVE,
        de="Einreisedatum",
        en="Date of arrival",
        ar="تاريخ الوصول",
        ku="Dîroka hatinê",
    ),
    _f(
        "work_permission",
        _T.ENUM,
        _C.RESIDENCE,
        _S.SENSITIVE,
        choices=WORK_PERMISSIONS,
        de="Arbeitserlaubnis",
        en="Work permission",
        ar="تصريح العمل",
        ku="Destûra xebatê",
    ),
    _f(
        "mother_tongue",
        _T.LANGUAGE,
        _C.LANGUAGE,
        de="Muttersprache",
        en="Mother tongue",
        ar="اللغة الأم",
        ku="Zimanê dayikê",
    ),
    _f(
        "languages",
        _T.LANGUAGE_LEVELS,
        _C.LANGUAGE,
        de="Sprachkenntnisse",
        en="Language skills",
        ar="المهارات اللغوية",
        ku="Zanîna zimanan",
    ),
    _f(
        "integration_course",
        _T.RECORD,
        _C.LANGUAGE,
        de="Integrationskurs",
        en="Integration course",
        ar="دورة الاندماج",
        ku="Kursa entegrasyonê",
    ),
    _f(
        "school_education",
        _T.RECORD_LIST,
        _C.EDUCATION,
        de="Schulbildung",
        en="School education",
        ar="التعليم المدرسي",
        ku="Perwerdeya dibistanê",
    ),
    _f(
        "vocational_qualifications",
        _T.RECORD_LIST,
        _C.EDUCATION,
        de="Berufliche Qualifikationen",
        en="Vocational qualifications",
        ar="المؤهلات المهنية",
        ku="Jêhatîbûnên pîşeyî",
    ),
    _f(
        "work_experience",
        _T.RECORD_LIST,
        _C.WORK,
        de="Berufserfahrung",
        en="Work experience",
        ar="الخبرة العملية",
        ku="Ezmûna karî",
    ),
    _f(
        "desired_occupation",
        _T.STRING,
        _C.WORK,
        de="Berufswunsch",
        en="Desired occupation",
        ar="المهنة المرغوبة",
        ku="Pîşeya xwestî",
    ),
    _f(
        "marital_status",
        _T.ENUM,
        _C.FAMILY,
        _S.SENSITIVE,
        choices=MARITAL_STATUSES,
        de="Familienstand",
        en="Marital status",
        ar="الحالة الاجتماعية",
        ku="Rewşa zewacê",
    ),
    _f("children", _T.RECORD_LIST, _C.FAMILY, _S.SENSITIVE, de="Kinder", en="Children", ar="الأطفال", ku="Zarok"),
    _f(
        "unaccompanied_minor",
        _T.BOOL,
        _C.YOUTH,
        _S.SENSITIVE,
        de="Unbegleitete/r Minderjährige/r",
        en="Unaccompanied minor",
        ar="قاصر غير مصحوب",
        ku="Ciwanê bê serpereşt",
    ),
    _f("guardian", _T.STRING, _C.YOUTH, _S.SENSITIVE, de="Vormund", en="Guardian", ar="الوصي", ku="Serpereşt"),
    _f(
        "sport_interests",
        _T.STRING_LIST,
        _C.INTERESTS,
        de="Sportinteressen",
        en="Sport interests",
        ar="الاهتمامات الرياضية",
        ku="Eleqeyên werzişê",
    ),
    _f(
        "volunteering_interests",
        _T.STRING_LIST,
        _C.INTERESTS,
        de="Interesse am Ehrenamt",
        en="Volunteering interests",
        ar="الاهتمام بالعمل التطوعي",
        ku="Eleqeya xebata dilxwazî",
    ),
    _f(
        "health_notes",
        _T.STRING,
        _C.SPECIAL,
        _S.SPECIAL,
        de="Gesundheitshinweise",
        en="Health notes",
        ar="ملاحظات صحية",
        ku="Têbiniyên tenduristiyê",
    ),
    _f("disability", _T.STRING, _C.SPECIAL, _S.SPECIAL, de="Behinderung", en="Disability", ar="الإعاقة", ku="Seqetî"),
)


class FieldCatalogue:
    """The core fields plus the namespaced fields that enabled plugins add."""

    def __init__(self, fields: Iterable[FieldSpec]) -> None:
        by_name: dict[str, FieldSpec] = {}
        for spec in fields:
            if spec.name in by_name:
                raise DeclarationError(f"biography field {spec.name!r} is declared twice")
            by_name[spec.name] = spec
        self._by_name = by_name

    @classmethod
    def build(cls, plugin_fields: Mapping[str, Iterable[FieldSpec]]) -> FieldCatalogue:
        """Core fields plus each plugin's own; a plugin may only add fields in its namespace."""
        fields = list(CORE_FIELDS)
        for plugin_name, specs in plugin_fields.items():
            for spec in specs:
                if spec.namespace != plugin_name:
                    raise DeclarationError(
                        f"plugin {plugin_name!r}: field {spec.name!r} must be namespaced as {plugin_name}.<name>"
                    )
                fields.append(spec)
        return cls(fields)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def __getitem__(self, name: str) -> FieldSpec:
        return self._by_name[name]

    def __iter__(self) -> Iterator[FieldSpec]:
        return iter(self._by_name.values())

    def __len__(self) -> int:
        return len(self._by_name)

    def names(self) -> list[str]:
        return list(self._by_name)


def is_valid_field_name(name: str) -> bool:
    return re.fullmatch(_FIELD_NAME, name) is not None


def age_on(birth_date: object, today: dt.date) -> int | None:
    """Full years on ``today`` for a ``birth_date`` as stored (``YYYY-MM-DD``); ``None`` when unknown."""
    if not isinstance(birth_date, str):
        return None
    try:
        born = dt.date.fromisoformat(birth_date)
    except ValueError:
        return None
    return today.year - born.year - ((today.month, today.day) < (born.month, born.day))

"""The structured values of biography fields: language levels, schooling, qualifications, work, children."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import msgspec

from core.domain.base import Schema

CountryCode = Annotated[str, msgspec.Meta(pattern=r"^[A-Z]{2}$")]
"""ISO 3166-1 alpha-2; checked against the standard's list by ``core.domain.values``."""
LanguageCode = Annotated[str, msgspec.Meta(pattern=r"^[a-z]{2,3}$")]
"""ISO 639-1 (two letters), or ISO 639-3 for languages without one (``prs`` Dari, ``kmr`` Kurmanji)."""
ShortText = Annotated[str, msgspec.Meta(min_length=1, max_length=200)]
Years = Annotated[int, msgspec.Meta(ge=0, le=60)]


class LanguageLevel(StrEnum):
    """CEFR levels, and ``native`` for a mother tongue."""

    A1 = "A1"
    A2 = "A2"
    B1 = "B1"
    B2 = "B2"
    C1 = "C1"
    C2 = "C2"
    NATIVE = "native"


class LanguageSkill(Schema, frozen=True):
    language: LanguageCode
    level: LanguageLevel


class IntegrationCourseStatus(StrEnum):
    NOT_STARTED = "not_started"
    ENTITLED = "entitled"
    OBLIGED = "obliged"
    ENROLLED = "enrolled"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    INTERRUPTED = "interrupted"


class IntegrationCourse(Schema, frozen=True):
    status: IntegrationCourseStatus
    level: LanguageLevel | None = None
    certificate: ShortText | None = None  # e.g. "DTZ B1", "Leben in Deutschland"


class SchoolEducation(Schema, frozen=True):
    country: CountryCode
    years: Years
    degree: ShortText | None = None


class RecognitionStatus(StrEnum):
    NOT_APPLIED = "not_applied"
    IN_PROGRESS = "in_progress"
    FULL = "full"
    PARTIAL = "partial"
    REFUSED = "refused"
    NOT_REQUIRED = "not_required"


class Qualification(Schema, frozen=True):
    title: ShortText
    country: CountryCode
    kldb: Annotated[str, msgspec.Meta(pattern=r"^\d{5}$")] | None = None  # KldB 2010, five digits
    isco: Annotated[str, msgspec.Meta(pattern=r"^\d{4}$")] | None = None  # ISCO-08 unit group
    recognition: RecognitionStatus = RecognitionStatus.NOT_APPLIED


class WorkExperience(Schema, frozen=True):
    occupation: ShortText
    years: Years
    country: CountryCode


class SchoolAttendance(StrEnum):
    NOT_OF_SCHOOL_AGE = "not_of_school_age"
    DAYCARE = "daycare"
    ATTENDS_SCHOOL = "attends_school"
    NO_SCHOOL_PLACE = "no_school_place"
    VOCATIONAL_TRAINING = "vocational_training"
    FINISHED = "finished"


class Child(Schema, frozen=True):
    birth_year: Annotated[int, msgspec.Meta(ge=1950, le=2100)]
    school_attendance: SchoolAttendance

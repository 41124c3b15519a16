"""The agency's languages: message catalogues (gettext via Babel), text direction, and date formats."""

from __future__ import annotations

import datetime as dt
import functools
import io
from collections.abc import Iterable
from pathlib import Path
from typing import Literal
from zoneinfo import ZoneInfo

from babel import Locale
from babel import dates as babel_dates
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

LANGUAGES = ("de", "en", "ar", "ku")
"""German (the default and fallback), English, Arabic (right to left), Kurmanji Kurdish (Latin script)."""
DEFAULT = "de"
RTL = {"ar"}
LOCAL_TIME = ZoneInfo("Europe/Berlin")
"""Every county of the agency keeps German time; stored times are UTC and shown in local time."""

LOCALES = Path(__file__).parent / "locales"

# Babel's CLDR data has a "ku" locale, and it is Kurmanji ("kurdî (kurmancî)", Latin script) — the
# language the agency means by "ku" — so no fallback (such as Turkish formatting rules) is needed.
_BABEL_LOCALES = {"de": "de", "en": "en", "ar": "ar", "ku": "ku"}

DateFormat = Literal["full", "long", "medium", "short"]


def N_(message: str) -> str:
    """Mark ``message`` for extraction without translating it now (it is translated when rendered)."""
    return message


def language_or_default(language: str) -> str:
    """``language`` if the agency speaks it, else German."""
    return language if language in LANGUAGES else DEFAULT


@functools.lru_cache(maxsize=len(LANGUAGES))
def translations(language: str) -> Translations:
    """The compiled catalogue of ``language`` (German for an unknown code), read and compiled once."""
    lang = language_or_default(language)
    with (LOCALES / lang / "LC_MESSAGES" / "messages.po").open("rb") as po:
        catalog = read_po(po, locale=_BABEL_LOCALES[lang])
    mo = io.BytesIO()
    write_mo(mo, catalog)
    mo.seek(0)
    return Translations(fp=mo)


def direction(language: str) -> str:
    """``"rtl"`` for right-to-left languages (Arabic), else ``"ltr"``."""
    return "rtl" if language_or_default(language) in RTL else "ltr"


def join(items: Iterable[str], language: str, *, strong: bool = False) -> str:
    """Items in one line with the language's comma (or, ``strong``, semicolon): Arabic has its own marks."""
    arabic = language_or_default(language) == "ar"
    separator = ("؛ " if arabic else "; ") if strong else ("، " if arabic else ", ")
    return separator.join(items)


def locale(language: str) -> Locale:
    """The Babel locale whose CLDR rules format dates and names in ``language``."""
    return Locale.parse(_BABEL_LOCALES[language_or_default(language)])


def format_date(value: dt.date, language: str, format: DateFormat = "long") -> str:
    """A calendar date as people of ``language`` write it (``5. März 2026``, ``5 مارس 2026``)."""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return babel_dates.format_date(value, format=format, locale=locale(language))


def format_datetime(value: dt.datetime, language: str, format: DateFormat = "medium") -> str:
    """A point in time in German local time, as people of ``language`` write it; naive values are UTC."""
    return babel_dates.format_datetime(_local(value), format=format, tzinfo=LOCAL_TIME, locale=locale(language))


def format_time(value: dt.datetime, language: str) -> str:
    """A time of day in German local time, as people of ``language`` write it (``09:30``, ``9:30 AM``)."""
    return babel_dates.format_time(_local(value), "short", tzinfo=LOCAL_TIME, locale=locale(language))


def _local(value: dt.datetime) -> dt.datetime:
    aware = value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    return aware.astimezone(LOCAL_TIME)

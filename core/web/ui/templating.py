"""The staff screens' Jinja environment for Litestar's template engine: gettext, dates and numbers per language.

One environment serves every language: ``_()`` and the format filters read the ``lang`` of the page
being rendered from the template context, so a screen is in the signed-in user's language while a
person-facing document (``core/web/documents.py``) stays in the person's.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import jinja2
from babel import numbers as babel_numbers
from jinja2.runtime import Context
from litestar.plugins.jinja import JinjaTemplateEngine

from core.i18n import DEFAULT, format_date, format_datetime, format_time, language_or_default, locale, translations


def _lang(context: Context) -> str:
    return language_or_default(str(context.get("lang", DEFAULT)))


@jinja2.pass_context
def _gettext(context: Context, message: str) -> str:
    return translations(_lang(context)).gettext(message)


@jinja2.pass_context
def _ngettext(context: Context, singular: str, plural: str, n: int) -> str:
    return translations(_lang(context)).ngettext(singular, plural, n)


@jinja2.pass_context
def _date(context: Context, value: dt.date | None, format: str = "medium") -> str:
    if value is None:
        return "—"
    return format_date(value, _lang(context), format)  # type: ignore[arg-type]


@jinja2.pass_context
def _datetime(context: Context, value: dt.datetime | None, format: str = "medium") -> str:
    if value is None:
        return "—"
    return format_datetime(value, _lang(context), format)  # type: ignore[arg-type]


@jinja2.pass_context
def _time(context: Context, value: dt.datetime) -> str:
    return format_time(value, _lang(context))


@jinja2.pass_context
def _number(context: Context, value: float | int) -> str:
    return babel_numbers.format_decimal(value, locale=locale(_lang(context)))


def ui_environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("core.web", "templates"),
        autoescape=True,
        extensions=["jinja2.ext.i18n"],
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.install_gettext_callables(  # type: ignore[attr-defined]
        gettext=_gettext, ngettext=_ngettext, newstyle=True
    )
    env.filters.update(date=_date, datetime=_datetime, time=_time, number=_number)
    return env


def template_engine() -> JinjaTemplateEngine:
    return JinjaTemplateEngine.from_environment(ui_environment())


def gettext_for(language: str) -> Any:
    """The gettext of ``language`` for messages made in Python (flash messages, form errors)."""
    return translations(language).gettext

"""A visitor's whole journey through the staff screens in real Chromium, in German and in Arabic.

Reception checks in a walk-in, triage suggests the Jobcenter, a referral is sent; the Jobcenter's case
worker signs in, accepts, starts and completes it; reception sees the outcome. Every main screen is
checked with axe-core (no serious or critical findings) and saved as a screenshot in tests/artifacts/.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.browser import browser, screenshot, severe_violations
from tests.e2e.server import Server, agentur_env

__all__ = ["browser"]  # the fixture, imported for pytest

TEXTS = {
    # What the visitor says at the desk, in the visitor's own language.
    "de": ("Schneider-Nasser", "Layla", "Ich suche Arbeit und brauche Hilfe bei der Bewerbung"),
    "ar": ("الأحمد", "رنا", "أبحث عن عمل وأحتاج مساعدة في طلب الوظيفة"),
}
EXPECTED = {
    # A word of the screen in the user's language, proving the page is translated.
    "de": "Empfang",
    "ar": "الاستقبال",
}


@pytest.fixture(scope="module")
def agency(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    """``agentur serve --demo`` as a new user runs it (``make run``), with the printed demo logins."""
    home = tmp_path_factory.mktemp("browser-home")
    server = Server("--demo", env=agentur_env(home), log=home / "server.log")
    try:
        server.wait_ready(timeout=120)
        logins = json.loads((home / "demo-logins.json").read_text())
        yield server, {login["username"]: login["password"] for login in logins["logins"]}
    finally:
        server.stop()


def check(page: Any, name: str) -> None:
    """Screenshot for the artefacts, then axe-core: nothing serious or critical."""
    screenshot(page, name)
    found = severe_violations(page)
    assert not found, f"{name}: " + "\n".join(found)


def choose_language(page: Any, lang: str) -> None:
    page.select_option("#lang-switch", lang)
    page.locator("form.language button[type=submit]").click()
    page.wait_for_load_state()


def sign_in(page: Any, base: str, username: str, password: str) -> None:
    page.goto(f"{base}/ui/login")
    page.fill("#username", username)
    page.fill("#password", password)
    page.locator("form[action='/ui/login'] button[type=submit]").click()
    page.wait_for_load_state()
    assert "/ui/login" not in page.url, page.content()


def sign_out(page: Any) -> None:
    page.locator("form[action='/ui/logout'] button[type=submit]").click()
    page.wait_for_url("**/ui/login")


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_walk_in_to_jobcenter_and_back_in_the_browser(
    browser: Any, agency: tuple[Server, dict[str, str]], lang: str, tmp_path: Path
) -> None:
    server, passwords = agency
    base = server.base_url
    family, given, said = TEXTS[lang]
    context = browser.new_context(locale={"de": "de-DE", "ar": "ar"}[lang], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        # Reception: the sign-in page in the user's language, then the desk.
        page.goto(f"{base}/ui/login")
        choose_language(page, lang)
        assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
        check(page, f"{lang}-01-login")
        sign_in(page, base, "empfang", passwords["empfang"])
        assert page.url.endswith("/ui/desk")
        desk = page.content()
        check(page, f"{lang}-02-desk")

        # Register the walk-in (keyboard-first form) and check in with what the visitor says.
        page.fill("#r-family", family)
        page.fill("#r-given", given)
        page.fill("#r-birth", "1991-07-04")
        page.select_option("#r-nationality", "SY")
        page.select_option("#r-tongue", "ar")
        page.locator("#r-municipality").press("Enter")
        page.wait_for_url("**/ui/desk/check-in?person=*")
        check(page, f"{lang}-03-check-in")
        page.fill("#text", said)
        page.locator("form[action='/ui/desk/visits'] button[type=submit]").click()
        page.wait_for_url("**/ui/desk/visits")
        first = page.locator("li[id^=choice-]").first
        assert first.locator("input[name=to_partner][value=jobcenter]").count() == 1 or (
            page.locator("li[id=choice-2] input[name=to_partner][value=jobcenter]").count() == 1
        ), "triage should put the Jobcenter among the first two"
        check(page, f"{lang}-04-visit")

        # Send the referral to the Jobcenter (htmx swaps the outcome in).
        choice = page.locator("li[id^=choice-]", has=page.locator("input[name=to_partner][value=jobcenter]")).first
        choice.locator("details summary").click()
        choice.locator("textarea[name=reason]").fill("Sucht Arbeit, Bewerbungsunterlagen fehlen")
        choice.locator("form[action$='/referral'] button[type=submit]").click()
        link = page.locator("#outcome a[href^='/ui/referrals/']")
        link.wait_for()
        referral_path = link.get_attribute("href")
        assert referral_path
        check(page, f"{lang}-05-referral-sent")
        sign_out(page)

        # The Jobcenter's case worker: inbox, accept, start, complete with an outcome.
        sign_in(page, base, "jobcenter", passwords["jobcenter"])
        page.goto(f"{base}/ui/inbox")
        check(page, f"{lang}-06-inbox")
        page.locator(f"a[href='{referral_path}']").first.click()
        page.wait_for_url(f"**{referral_path}")
        check(page, f"{lang}-07-referral")
        for step in ("accept", "start"):
            page.locator(f"form[action$='/{step}'] button[type=submit]").click()
            page.wait_for_load_state("networkidle")
            page.locator(f"form[action$='/{step}']").wait_for(state="detached")
        page.locator("form[action$='/complete'] textarea").fill(
            "Termin bei der Arbeitsvermittlung am Montag vereinbart"
        )
        page.locator("form[action$='/complete'] button[type=submit]").click()
        page.wait_for_load_state("networkidle")
        page.locator("form[action$='/complete']").wait_for(state="detached")
        check(page, f"{lang}-08-completed")
        sign_out(page)

        # Reception sees the outcome among the sent referrals.
        sign_in(page, base, "empfang", passwords["empfang"])
        page.goto(f"{base}/ui/outbox")
        row = page.locator("tr", has=page.locator(f"a[href='{referral_path}']"))
        assert row.locator(".state-completed").count() == 1
        check(page, f"{lang}-09-outbox")
        page.goto(f"{base}{referral_path}")
        assert "Termin bei der Arbeitsvermittlung am Montag vereinbart" in page.content()
        check(page, f"{lang}-10-outcome")
        assert EXPECTED[lang] in desk, "the desk should be in the user's language"
    finally:
        context.close()


def test_a_queue_ticket_appears_on_the_waiting_room_display_without_a_name(
    browser: Any, agency: tuple[Server, dict[str, str]]
) -> None:
    server, passwords = agency
    base = server.base_url
    context = browser.new_context(locale="de-DE", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        sign_in(page, base, "empfang", passwords["empfang"])
        page.goto(f"{base}/ui/desk/check-in")
        page.locator("input[name=concerns][value='jobcenter/arbeitsvermittlung']").check()
        page.locator("form[action='/ui/desk/visits'] button[type=submit]").click()
        page.wait_for_url("**/ui/desk/visits")
        choice = page.locator("li[id^=choice-]", has=page.locator("input[name=partner][value=jobcenter]")).first
        choice.locator("form[action$='/ticket'] button[type=submit]").click()
        ticket = page.locator("#outcome .ticket")
        ticket.wait_for()
        number = ticket.inner_text().strip()
        check(page, "de-11-ticket")
        page.goto(f"{base}/api/v1/burgenlandkreis/display/page")
        assert int(page.locator("footer strong").inner_text()) >= 1  # our ticket waits
        content = page.content()
        assert not any(family in content or given in content for family, given, _ in TEXTS.values())
        screenshot(page, "de-12-display")
        assert number
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["de", "ar"])
def test_every_other_screen_passes_axe_in_german_and_arabic(
    browser: Any, agency: tuple[Server, dict[str, str]], lang: str
) -> None:
    """The person page with consent capture, calendar, admin area and audit view, as their users see them."""
    server, passwords = agency
    base = server.base_url
    context = browser.new_context(locale={"de": "de-DE", "ar": "ar"}[lang], viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{base}/ui/login")
        choose_language(page, lang)
        sign_in(page, base, "empfang", passwords["empfang"])
        page.fill("#r-family", f"Barzani-{lang}")
        page.fill("#r-given", "Hevin")
        page.locator("#r-given").press("Enter")
        page.wait_for_url("**/ui/desk/check-in?person=*")
        person_path = "/ui/persons/" + page.url.split("person=")[1].split("&")[0]
        page.goto(base + person_path)
        check(page, f"{lang}-20-person")
        page.goto(f"{base}{person_path}/consents/new")
        check(page, f"{lang}-21-consent-form")
        page.goto(f"{base}/ui/calendar")
        check(page, f"{lang}-22-calendar-desk")
        sign_out(page)

        for username, path, name in (
            ("sportbund", "/ui/calendar", "calendar-office"),
            ("admin", "/ui/admin", "admin"),
            ("datenschutz", "/ui/audit", "audit"),
        ):
            sign_in(page, base, username, passwords[username])
            page.goto(base + path)
            assert page.locator("html").get_attribute("dir") == ("rtl" if lang == "ar" else "ltr")
            check(page, f"{lang}-23-{name}")
            sign_out(page)
    finally:
        context.close()

"""Signing in to the staff screens: sessions, CSRF, lockout, sign-out, expiry, roles — on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
from collections.abc import AsyncIterator

import pytest

import core.web.ui.sessions as sessions
from core.domain.errors import Unauthenticated
from core.domain.staff import Principal
from core.services.admin import set_login_active
from core.services.agency import Agency
from core.services.signin import MAX_FAILED_SIGN_INS
from core.settings import Settings
from core.storage.repositories import StaffUsers
from core.web.ui.sessions import SESSION_COOKIE, DatabaseSessionStore
from tests.ui_support import STAFF, Screens, open_screens


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


async def test_a_screen_without_a_session_leads_to_the_sign_in_page(screens: Screens) -> None:
    response = await screens.client.get("/ui/inbox")
    assert response.status_code == 302 and response.headers["location"] == "/ui/login"
    htmx = await screens.client.get("/ui/inbox", headers={"HX-Request": "true"})
    assert htmx.status_code == 401 and htmx.headers["HX-Redirect"] == "/ui/login"


async def test_the_sign_in_page_leaves_no_session_behind(screens: Screens) -> None:
    page = await screens.get("/ui/login")
    assert page.status_code == 200 and 'dir="ltr"' in page.text and 'lang="de"' in page.text
    assert SESSION_COOKIE not in page.headers.get("set-cookie", "")


async def test_sign_in_starts_a_fresh_secure_session_and_goes_to_the_users_screen(screens: Screens) -> None:
    screens.client.cookies.set(SESSION_COOKIE, "chosen-by-an-attacker", domain="testserver.local")
    response = await screens.sign_in("empfang")
    assert response.status_code == 302 and response.headers["location"] == "/ui/desk"
    cookie = next(c for c in response.headers.get_list("set-cookie") if c.startswith(SESSION_COOKIE))
    assert "chosen-by-an-attacker" not in cookie
    for flag in ("Secure", "HttpOnly", "SameSite=Strict", "Path=/"):
        assert flag.lower() in cookie.lower(), flag


async def test_a_post_without_the_csrf_token_is_refused(screens: Screens) -> None:
    await screens.signed_in_as("empfang")
    response = await screens.client.post("/ui/logout", data={})
    assert response.status_code == 403
    still = await screens.client.get("/ui/", follow_redirects=False)
    assert still.headers["location"] == "/ui/desk"


async def test_a_wrong_password_says_so_without_saying_whether_the_user_exists(screens: Screens) -> None:
    wrong = await screens.sign_in("empfang", "not the password")
    nobody = await screens.sign_in("niemand", "not the password")
    assert wrong.status_code == nobody.status_code == 401
    assert "Benutzername oder Passwort" in wrong.text and "Benutzername oder Passwort" in nobody.text
    assert "niemand" in nobody.text  # the typed user name stays in the form, the password does not
    assert "not the password" not in wrong.text


async def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_one(screens: Screens) -> None:
    for _ in range(MAX_FAILED_SIGN_INS):
        await screens.sign_in("jobcenter", "guess")
    locked = await screens.sign_in("jobcenter")
    assert locked.status_code == 401 and "15" in locked.text
    row = await StaffUsers(screens.agency.db, screens.tenant).sign_in_state("jobcenter")
    assert row is not None and row["locked_until"] is not None


async def test_sign_out_ends_the_session_on_the_server(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    stolen = screens.client.cookies.get(SESSION_COOKIE)
    await screens.get("/ui/")
    out = await screens.post("/ui/logout")
    assert out.status_code == 302 and out.headers["location"] == "/ui/login"
    screens.client.cookies.set(SESSION_COOKIE, stolen or "", domain="testserver.local")
    again = await screens.client.get("/ui/inbox")
    assert again.status_code == 302 and again.headers["location"] == "/ui/login"


async def test_a_deactivated_login_is_signed_out_at_once(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    partner, role = STAFF["admin"]
    admin = Principal(
        tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids['admin']}"
    )
    await set_login_active(screens.agency, admin, screens.user_ids["jobcenter"], False)
    response = await screens.client.get("/ui/inbox")
    assert response.status_code == 302 and response.headers["location"] == "/ui/login"


async def test_a_session_ends_after_a_working_day_however_busy(
    screens: Screens, monkeypatch: pytest.MonkeyPatch
) -> None:
    await screens.signed_in_as("jobcenter")
    later = dt.datetime.now(dt.UTC) + dt.timedelta(hours=10, minutes=1)
    monkeypatch.setattr(sessions, "now", lambda: later)
    response = await screens.client.get("/ui/inbox")
    assert response.status_code == 302 and response.headers["location"] == "/ui/login"


async def test_a_screen_of_another_role_is_refused(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    response = await screens.client.get("/ui/audit")
    assert response.status_code == 403


async def test_the_language_switch_turns_the_page_arabic_and_right_to_left(screens: Screens) -> None:
    await screens.get("/ui/login")
    switched = await screens.post("/ui/language", {"lang": "ar", "back": "/ui/login"})
    assert switched.status_code == 302 and switched.headers["location"] == "/ui/login"
    page = await screens.get("/ui/login")
    assert 'dir="rtl"' in page.text and 'lang="ar"' in page.text
    away = await screens.post("/ui/language", {"lang": "ku", "back": "https://evil.example/"})
    assert away.headers["location"] == "/ui/"


async def test_the_session_cookie_opens_the_api_for_reading_only(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    read = await screens.client.get(f"/api/v1/{screens.tenant}/partners")
    assert read.status_code == 200 and read.json()["items"]
    write = await screens.client.post(f"/api/v1/{screens.tenant}/persons", json={"fields": {"family_name": "X"}})
    assert write.status_code == 401
    elsewhere = await screens.client.get("/api/v1/another-county/partners")
    assert elsewhere.status_code == 404
    await screens.post("/ui/logout")
    after = await screens.client.get(f"/api/v1/{screens.tenant}/partners")
    assert after.status_code == 401


async def test_a_session_left_alone_for_half_an_hour_is_swept_away(
    screens: Screens, monkeypatch: pytest.MonkeyPatch
) -> None:
    await screens.signed_in_as("jobcenter")
    import core.services.signin as signin

    later = dt.datetime.now(dt.UTC) + dt.timedelta(minutes=31)
    monkeypatch.setattr(signin, "now", lambda: later)
    assert await signin.end_expired_sessions(screens.agency) >= 1
    response = await screens.client.get("/ui/inbox")
    assert response.status_code == 302 and response.headers["location"] == "/ui/login"


async def test_parallel_wrong_passwords_are_all_counted(screens: Screens) -> None:
    from core.services.signin import sign_in

    async def guess() -> None:
        with contextlib.suppress(Unauthenticated):
            await sign_in(screens.agency, screens.tenant, "jugendamt", "guess")

    await asyncio.gather(*(guess() for _ in range(MAX_FAILED_SIGN_INS)))
    row = await StaffUsers(screens.agency.db, screens.tenant).sign_in_state("jugendamt")
    assert row is not None and row["locked_until"] is not None


async def test_a_request_still_running_at_sign_out_cannot_bring_the_session_back(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    cookie = screens.client.cookies.get(SESSION_COOKIE)
    assert cookie
    await screens.get("/ui/inbox")
    store = DatabaseSessionStore()
    store.agency = screens.agency  # the same database, seen from the test's own event loop
    left = await store.expires_in(cookie)
    assert left is not None and 0 < left <= 30 * 60
    await screens.post("/ui/logout")
    assert await store.expires_in(cookie) is None
    # What a slow response that loaded the session before the sign-out would now try to write:
    assert not await store.renew(cookie, b'{"tenant": "x", "user": "y"}', 1800)
    assert await store.get(cookie) is None


async def test_sign_ins_from_one_address_are_rate_limited(screens: Screens) -> None:
    from core.web.ui.auth import SIGN_INS_PER_MINUTE

    await screens.get("/ui/login")
    answers = [
        (
            await screens.post("/ui/login", {"tenant": screens.tenant, "username": "niemand", "password": "x"})
        ).status_code
        for _ in range(SIGN_INS_PER_MINUTE + 1)
    ]
    assert set(answers[:-1]) == {401} and answers[-1] == 429

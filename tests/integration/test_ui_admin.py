"""The admin area on the staff screens: logins and API tokens, each within the admin's reach."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from core.domain.errors import Forbidden
from core.domain.staff import Principal, Role
from core.services import admin
from core.services.agency import Agency
from core.services.auditing import audit_page
from core.settings import Settings
from core.web.ui.sessions import SESSION_COOKIE
from tests.ui_support import PASSWORD, STAFF, Screens, open_screens

SECRET = re.compile(r'id="secret"[^>]* value="([^"]+)"')


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


def shown_once(response: Any) -> str:
    """The password or token of a one-time page, which nothing may keep."""
    assert response.status_code == 200, response.text
    assert response.headers["cache-control"] == "no-store"
    found = SECRET.search(response.text)
    assert found is not None
    return found.group(1)


def principal(screens: Screens, who: str) -> Principal:
    partner, role = STAFF[who]
    return Principal(tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids[who]}")


async def usernames(screens: Screens) -> set[str]:
    return {u.username for u in await admin.list_logins(screens.agency, principal(screens, "admin"))}


async def test_the_admin_creates_a_login_whose_shown_password_signs_in(screens: Screens) -> None:
    await screens.signed_in_as("admin")
    overview = await screens.get("/ui/admin")
    assert overview.status_code == 200 and "jugendamt" in overview.text and "Plugin" in overview.text
    created = await screens.post(
        "/ui/admin/logins", {"username": "neu.jobcenter", "role": "caseworker", "partner": "jobcenter"}
    )
    password = shown_once(created)
    assert "password" not in str(created.url) and password not in str(created.url)
    again = await screens.post(
        "/ui/admin/logins", {"username": "neu.jobcenter", "role": "caseworker", "partner": "jobcenter"}
    )
    assert again.status_code == 409

    signed = await screens.sign_in("neu.jobcenter", password)
    assert signed.status_code == 302 and signed.headers["location"] == "/ui/inbox"


async def test_a_deactivated_login_is_signed_out_and_a_new_password_replaces_the_old(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter")
    session = screens.client.cookies.get(SESSION_COOKIE) or ""
    await screens.signed_in_as("admin")
    await screens.get("/ui/admin")
    target = screens.user_ids["jobcenter"]
    off = await screens.post(f"/ui/admin/logins/{target}/deactivate")
    assert off.status_code == 302 and off.headers["location"] == "/ui/admin?done=deactivated"
    screens.client.cookies.set(SESSION_COOKIE, session, domain="testserver.local")
    out = await screens.client.get("/ui/inbox")
    assert out.status_code == 302 and out.headers["location"] == "/ui/login"
    assert (await screens.sign_in("jobcenter")).status_code == 401

    await screens.signed_in_as("admin")
    await screens.get("/ui/admin")
    on = await screens.post(f"/ui/admin/logins/{target}/reactivate")
    assert on.status_code == 302
    new = shown_once(await screens.post(f"/ui/admin/logins/{target}/password"))
    assert (await screens.sign_in("jobcenter", PASSWORD)).status_code == 401
    assert (await screens.sign_in("jobcenter", new)).status_code == 302


async def test_a_token_made_on_the_screen_works_until_it_is_revoked(screens: Screens) -> None:
    await screens.signed_in_as("admin")
    await screens.get("/ui/admin")
    token = shown_once(
        await screens.post("/ui/admin/tokens", {"name": "Fachverfahren", "role": "caseworker", "partner": "jobcenter"})
    )
    api = f"/api/v1/{screens.tenant}/partners"
    assert (await screens.client.get(api, headers={"Authorization": f"Bearer {token}"})).status_code == 200
    listed = await screens.get("/ui/admin")
    assert "Fachverfahren" in listed.text and token not in listed.text
    (entry,) = await admin.list_tokens(screens.agency, principal(screens, "admin"))
    revoked = await screens.post(f"/ui/admin/tokens/{entry.id}/revoke")
    assert revoked.status_code == 302 and revoked.headers["location"] == "/ui/admin?done=revoked"
    assert (await screens.client.get(api, headers={"Authorization": f"Bearer {token}"})).status_code == 401


async def test_an_office_admin_manages_only_their_office_and_grants_no_county_role(screens: Screens) -> None:
    await screens.signed_in_as("jobcenter-admin")
    overview = await screens.get("/ui/admin")
    assert overview.status_code == 200
    assert '<bdi dir="ltr">jobcenter</bdi>' in overview.text
    assert '<bdi dir="ltr">jugendamt</bdi>' not in overview.text and "datenschutz" not in overview.text
    county = await screens.post(
        "/ui/admin/logins", {"username": "chef", "role": "tenant_admin", "partner": "jobcenter"}
    )
    assert county.status_code == 403 and 'role="alert"' in county.text
    elsewhere = await screens.post(
        "/ui/admin/logins", {"username": "chef", "role": "caseworker", "partner": "jugendamt"}
    )
    assert elsewhere.status_code == 403
    other = await screens.post(f"/ui/admin/logins/{screens.user_ids['jugendamt']}/deactivate")
    assert other.status_code == 404
    token = await screens.post("/ui/admin/tokens", {"name": "x", "role": "auditor", "partner": "jobcenter"})
    assert token.status_code == 403
    own = await screens.post("/ui/admin/logins", {"username": "jc.neu", "role": "reception", "partner": "jobcenter"})
    assert shown_once(own)
    assert "jc.neu" in await usernames(screens)

    await screens.signed_in_as("jobcenter")
    assert (await screens.get("/ui/admin")).status_code == 403


async def test_an_office_admin_of_the_desk_office_cannot_touch_county_wide_logins(screens: Screens) -> None:
    iaa_admin = Principal(tenant_id=screens.tenant, partner_id="iaa", role=Role.PARTNER_ADMIN, subject="user:x")
    with pytest.raises(Forbidden):
        await admin.set_login_active(screens.agency, iaa_admin, screens.user_ids["admin"], False)
    with pytest.raises(Forbidden):
        await admin.reset_password(screens.agency, iaa_admin, screens.user_ids["datenschutz"])


async def test_county_wide_logins_are_made_by_the_operator_not_on_a_screen(screens: Screens) -> None:
    await screens.signed_in_as("admin")
    await screens.get("/ui/admin")
    auditor = await screens.post("/ui/admin/logins", {"username": "dsb2", "role": "auditor", "partner": "iaa"})
    assert auditor.status_code == 403
    takeover = await screens.post(f"/ui/admin/logins/{screens.user_ids['datenschutz']}/password")
    assert takeover.status_code == 403
    assert (await screens.sign_in("datenschutz")).status_code == 302  # the old password still works


async def test_admin_actions_are_in_the_audit_trail_for_the_auditor(screens: Screens) -> None:
    await screens.signed_in_as("admin")
    await screens.get("/ui/admin")
    created = await screens.post("/ui/admin/logins", {"username": "neu.empfang", "role": "reception", "partner": "iaa"})
    shown_once(created)
    await screens.post(f"/ui/admin/logins/{screens.user_ids['jugendamt']}/deactivate")
    events, _ = await audit_page(screens.agency, principal(screens, "datenschutz"), limit=100)
    actions = [e.action for e in events]
    assert "staff.login_created" in actions and "staff.login_deactivated" in actions

"""A county served by the whole app, with staff logins, and a browser-like client that signs in as one of them."""

from __future__ import annotations

import functools
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any
from unittest import mock

import msgspec
from litestar.testing import AsyncTestClient

from core.crypto.secrets import hash_password
from core.demo.setup import BUILT_IN_PLUGINS as BUILT_IN
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.staff import create_tenant, create_user
from core.settings import Settings
from core.web.app import create_app
from tests.conftest import unique_slug

STAFF = {
    "empfang": ("iaa", Role.RECEPTION),
    "iaa": ("iaa", Role.CASEWORKER),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "jobcenter-admin": ("jobcenter", Role.PARTNER_ADMIN),
    "jugendamt": ("jugendamt", Role.CASEWORKER),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
    "admin": ("iaa", Role.TENANT_ADMIN),
    "datenschutz": ("iaa", Role.AUDITOR),
}
PASSWORD = "correct horse battery staple"


@functools.cache
def _password_hash() -> str:
    return hash_password(PASSWORD)


CSRF = re.compile(r'name="_csrf_token" value="([^"]+)"')


@dataclass
class Screens:
    """One client (one cookie jar, like one browser) on a county; ``sign_in`` switches the person at it."""

    client: AsyncTestClient  # type: ignore[type-arg]
    agency: Agency
    tenant: str
    user_ids: dict[str, str]
    csrf: str = ""

    async def get(self, path: str, **kwargs: Any) -> Any:
        response = await self.client.get(path, **kwargs)
        found = CSRF.search(response.text)
        if found:
            self.csrf = found.group(1)
        return response

    async def post(self, path: str, data: dict[str, Any] | None = None, **kwargs: Any) -> Any:
        """A form post as the browser sends it: with the CSRF token of the last page seen."""
        if not self.csrf:
            await self.get("/ui/login")
        body = {"_csrf_token": self.csrf, **(data or {})}
        return await self.client.post(path, data=body, **kwargs)

    async def sign_in(self, who: str, password: str = PASSWORD) -> Any:
        self.client.cookies.clear()
        self.csrf = ""
        await self.get("/ui/login")
        return await self.post("/ui/login", {"tenant": self.tenant, "username": who, "password": password})

    async def signed_in_as(self, who: str) -> None:
        response = await self.sign_in(who)
        assert response.status_code in (302, 303), response.text


@asynccontextmanager
async def open_screens(settings: Settings, agency: Agency, *, run_dispatcher: bool = False) -> AsyncIterator[Screens]:
    """A fresh county with every built-in partner, one login per office role of ``STAFF``, served over HTTPS."""
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=list(BUILT_IN), declared_partners=[])
    user_ids = {}
    # argon2id costs a fifth of a second per hash by design; every login here has the same password,
    # so it is hashed once (each sign-in still verifies against a real argon2id hash).
    with mock.patch("core.services.staff.hash_password", lambda _: _password_hash()):
        for who, (partner, role) in STAFF.items():
            user_ids[who], _ = await create_user(
                agency, tenant, partner_id=partner, role=role, username=who, password=PASSWORD
            )
    app_settings = msgspec.structs.replace(settings, run_dispatcher=run_dispatcher)
    # HTTPS: the session and CSRF cookies are ``Secure`` (``__Host-``) and a browser sends them only so.
    async with AsyncTestClient(app=create_app(app_settings), base_url="https://testserver.local") as client:
        client.follow_redirects = False  # tests look at each redirect, as the Post/Redirect/Get screens make them
        yield Screens(client, agency, tenant, user_ids)

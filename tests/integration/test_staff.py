"""Tenants, staff logins and tokens on real databases: hashed secrets, tokens that never cross tenants."""

from __future__ import annotations

import pytest

from core.domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.staff import authenticate_token, create_tenant, create_token, create_user
from core.storage.repositories import ApiTokens, StaffUsers
from tests.conftest import unique_slug


async def new_tenant(agency: Agency, plugins: tuple[str, ...] = ("iaa", "jobcenter", "sportbund")) -> str:
    slug = unique_slug()
    await create_tenant(agency, slug, name="Testkreis", plugins=list(plugins), declared_partners=[])
    return slug


async def test_tenant_slug_and_plugins_are_checked(agency: Agency) -> None:
    with pytest.raises(InvalidInput, match="tenant slug"):
        await create_tenant(agency, "Kreis Eins", name="x", plugins=[], declared_partners=[])
    with pytest.raises(InvalidInput, match="plugin 'zauberei' is not installed"):
        await create_tenant(agency, unique_slug(), name="x", plugins=["zauberei"], declared_partners=[])
    slug = await new_tenant(agency)
    with pytest.raises(Conflict, match="exists already"):
        await create_tenant(agency, slug, name="again", plugins=[], declared_partners=[])


async def test_password_is_stored_only_as_argon2id(agency: Agency) -> None:
    slug = await new_tenant(agency)
    _, password = await create_user(agency, slug, partner_id="iaa", role=Role.RECEPTION, username="empfang")
    row = await agency.db.fetchrow(
        "SELECT password_hash FROM staff_user WHERE tenant_id = $1 AND username = $2", slug, "empfang"
    )
    assert row is not None
    assert row["password_hash"].startswith("$argon2id$")
    assert password not in row["password_hash"]


async def test_user_needs_a_partner_of_the_tenant_and_a_unique_name(agency: Agency) -> None:
    slug = await new_tenant(agency, ("iaa",))
    with pytest.raises(InvalidInput, match="'jugendamt' is not a partner of tenant"):
        await create_user(agency, slug, partner_id="jugendamt", role=Role.CASEWORKER, username="jugend")
    with pytest.raises(InvalidInput, match="at least 12 characters"):
        await create_user(agency, slug, partner_id="iaa", role=Role.CASEWORKER, username="kurz", password="kurz")
    await create_user(agency, slug, partner_id="iaa", role=Role.CASEWORKER, username="doppelt")
    with pytest.raises(Conflict):
        await create_user(agency, slug, partner_id="iaa", role=Role.CASEWORKER, username="doppelt")


async def test_token_authenticates_only_in_its_own_tenant(agency: Agency) -> None:
    home, other = await new_tenant(agency), await new_tenant(agency)
    token = await create_token(agency, home, partner_id="jobcenter", role=Role.CASEWORKER, name="fachverfahren")
    principal = await authenticate_token(agency, home, token)
    assert (principal.tenant_id, principal.partner_id, principal.role) == (home, "jobcenter", Role.CASEWORKER)
    with pytest.raises(NotFound):
        await authenticate_token(agency, other, token)
    with pytest.raises(NotFound):
        await authenticate_token(agency, "gibt-es-nicht", token)


async def test_token_plaintext_is_never_stored(agency: Agency) -> None:
    slug = await new_tenant(agency)
    token = await create_token(agency, slug, partner_id="sportbund", role=Role.PARTNER_ADMIN, name="vereinsportal")
    secret = token.rsplit(".", 1)[1]
    rows = await agency.db.fetch("SELECT * FROM api_token WHERE tenant_id = $1", slug)
    assert len(rows) == 1
    assert all(secret not in str(value) for value in rows[0].values())


async def test_unknown_forged_and_withdrawn_tokens_are_unauthenticated(agency: Agency) -> None:
    slug = await new_tenant(agency)
    token = await create_token(agency, slug, partner_id="iaa", role=Role.RECEPTION, name="t")
    for bad in (None, "", "Bearer", token[:-1] + ("A" if token[-1] != "A" else "B"), f"agt.{slug}.{'x' * 43}"):
        with pytest.raises(Unauthenticated):
            await authenticate_token(agency, slug, bad)
    principal = await authenticate_token(agency, slug, token)
    assert await ApiTokens(agency.db, slug).revoke(principal.subject.removeprefix("token:"))
    with pytest.raises(Unauthenticated):
        await authenticate_token(agency, slug, token)


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("kurz", "at least 12"),
        ("passwort1234", "first that attackers try"),
        ("aaaaaaaaaaaaaaa", "first that attackers try"),
        ("empfang-rosenweg-7", "user name"),
    ],
)
async def test_weak_passwords_are_refused_with_the_reason(agency: Agency, password: str, reason: str) -> None:
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Saalekreis", plugins=["iaa"], declared_partners=[])
    with pytest.raises(InvalidInput, match=reason):
        await create_user(agency, tenant, partner_id="iaa", role=Role.RECEPTION, username="empfang", password=password)
    assert not await StaffUsers(agency.db, tenant).exists("empfang")

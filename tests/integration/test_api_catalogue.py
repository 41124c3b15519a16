"""The HTTP API of the foundation: health, partners and fields, tokens, problem details, OpenAPI."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from litestar.testing import AsyncTestClient

from core.domain.partner import LANGUAGES
from core.domain.staff import Role
from core.services.agency import Agency
from core.services.staff import create_tenant, create_token
from core.settings import Settings
from core.web.app import create_app
from tests.conftest import unique_slug

BUILT_IN = ("iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa")
PROBLEM = "application/problem+json"


@pytest.fixture
async def client(settings: Settings, agency: Agency) -> AsyncIterator[AsyncTestClient]:  # type: ignore[type-arg]
    async with AsyncTestClient(app=create_app(settings)) as test_client:
        yield test_client


async def tenant_with_token(agency: Agency, role: Role = Role.CASEWORKER) -> tuple[str, str]:
    """Set up through the services in the test's own loop; the app serves from its own."""
    slug = unique_slug()
    await create_tenant(agency, slug, name="Testkreis", plugins=list(BUILT_IN), declared_partners=[])
    token = await create_token(agency, slug, partner_id="jobcenter", role=role, name="test")
    return slug, token


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


async def test_health_needs_no_token(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    response = await client.get("/api/v1/health")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_partners_lists_all_six_with_services_and_grants_in_four_languages(
    client: AsyncTestClient,  # type: ignore[type-arg]
    agency: Agency,
) -> None:
    slug, token = await tenant_with_token(agency)
    response = await client.get(f"/api/v1/{slug}/partners", headers=bearer(token))
    assert response.status_code == 200, response.text
    partners = {p["id"]: p for p in response.json()["items"]}
    assert set(partners) == set(BUILT_IN)
    for partner in partners.values():
        assert set(partner["names"]) >= set(LANGUAGES)
        assert partner["services"], partner["id"]
        for service in partner["services"]:
            assert set(service["names"]) >= set(LANGUAGES)
        assert partner["grants"], partner["id"]
        assert all(grant["basis"] and grant["purpose"] for grant in partner["grants"])
    jobcenter_bases = {g["field"]: g["basis"] for g in partners["jobcenter"]["grants"]}
    assert jobcenter_bases["school_education"] == "AZRG §18b"
    assert all(g["basis"] == "consent" for g in partners["sportbund"]["grants"])


async def test_fields_lists_the_catalogue_with_plugin_fields(client: AsyncTestClient, agency: Agency) -> None:  # type: ignore[type-arg]
    slug, token = await tenant_with_token(agency)
    response = await client.get(f"/api/v1/{slug}/fields", headers=bearer(token))
    assert response.status_code == 200
    fields = {f["name"]: f for f in response.json()["items"]}
    assert fields["health_notes"]["sensitivity"] == "special"
    assert fields["family_name"]["searchable"] is True
    assert "sportbund.club" in fields


@pytest.mark.parametrize("path", ["partners", "fields"])
async def test_missing_or_unknown_token_is_401_problem(client: AsyncTestClient, agency: Agency, path: str) -> None:  # type: ignore[type-arg]
    slug, token = await tenant_with_token(agency)
    for headers in ({}, bearer("nonsense"), bearer(token[:-2] + "xx"), {"Authorization": token}):
        response = await client.get(f"/api/v1/{slug}/{path}", headers=headers)
        assert response.status_code == 401, headers
        assert response.headers["content-type"].startswith(PROBLEM)
        assert response.json()["detail"]


@pytest.mark.parametrize("path", ["partners", "fields", "persons", "referrals", "no/such/path"])
async def test_a_token_never_crosses_tenants(client: AsyncTestClient, agency: Agency, path: str) -> None:  # type: ignore[type-arg]
    home, token = await tenant_with_token(agency)
    other, _ = await tenant_with_token(agency)
    own = await client.get(f"/api/v1/{home}/{path}", headers=bearer(token))
    foreign = await client.get(f"/api/v1/{other}/{path}", headers=bearer(token))
    missing = await client.get(f"/api/v1/{unique_slug()}/{path}", headers=bearer(token))
    assert foreign.status_code == 404
    assert missing.status_code == 404
    assert foreign.json()["detail"] == missing.json()["detail"], "404 must not reveal whether the tenant exists"
    assert foreign.headers["content-type"].startswith(PROBLEM)
    own_status = {"partners": 200, "fields": 200, "persons": 422, "referrals": 200, "no/such/path": 404}
    assert own.status_code == own_status[path], "the own tenant answers; the others never do"


async def test_openapi_is_published(client: AsyncTestClient) -> None:  # type: ignore[type-arg]
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200
    paths = response.json()["paths"]
    assert {"/api/v1/health", "/api/v1/{tenant}/partners", "/api/v1/{tenant}/fields"} <= set(paths)

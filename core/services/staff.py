"""Tenants, staff logins and API tokens: creating them and authenticating with them."""

from __future__ import annotations

from core import audit
from core.crypto.secrets import generate_password, hash_password, mint_token, parse_token, secret_hash
from core.domain.errors import Conflict, InvalidInput, NotFound, Unauthenticated
from core.domain.partner import Partner
from core.domain.staff import Principal, Role, Tenant, check_tenant_slug, check_username
from core.services.agency import Agency
from core.storage.engine import DuplicateKey
from core.storage.repositories import ApiTokens, StaffUsers, Tenants, now

MIN_PASSWORD_LENGTH = 12


COMMON_PASSWORDS = frozenset(
    {
        "123456789012",
        "1234567890123",
        "passwort1234",
        "password1234",
        "passwort12345",
        "password12345",
        "qwertzuiop12",
        "qwertyuiop12",
        "hallo1234567",
        "willkommen123",
        "sommer2026!!",
        "migrationsagentur",
    }
)
"""Long enough and still guessed first: refused whatever else is true."""


def check_password_policy(username: str, password: str) -> None:
    """A staff password (NIST SP 800-63B style): long, not a known common one, not the user name, not one
    repeated character. No composition rules: a long passphrase is stronger than a short jumble."""
    folded = password.casefold()
    if len(password) < MIN_PASSWORD_LENGTH:
        reason = f"the password must have at least {MIN_PASSWORD_LENGTH} characters"
    elif folded in COMMON_PASSWORDS or len(set(folded)) < 4:
        reason = "the password is one of the first that attackers try; choose another"
    elif username.casefold() in folded:
        reason = "the password must not contain the user name"
    else:
        return
    raise InvalidInput(reason, {"password": "too weak"})


async def create_tenant(
    agency: Agency, slug: str, *, name: str, plugins: list[str], declared_partners: list[Partner]
) -> Tenant:
    """A new county with the plugins it enables and its code-less partners, checked before writing."""
    check_tenant_slug(slug)
    if not name.strip():
        raise InvalidInput("the tenant needs a name", {"name": "empty"})
    unknown = [p for p in plugins if p not in agency.registry.partners]
    if unknown:
        installed = ", ".join(sorted(agency.registry.partners)) or "none"
        raise InvalidInput(
            f"plugin {unknown[0]!r} is not installed; installed plugins: {installed}", {"plugins": "unknown plugin"}
        )
    agency.registry.directory(plugins, declared_partners)  # raises DeclarationError naming the culprit
    tenant = Tenant(tenant_id=slug, name=name.strip(), plugins=tuple(dict.fromkeys(plugins)), created_at=now())
    try:
        async with agency.db.transaction() as tx:
            await Tenants(tx).add(tenant, declared_partners)
            await audit.start_chain(tx, slug)
    except DuplicateKey:
        raise Conflict(f"tenant {slug!r} exists already") from None
    return tenant


async def _check_partner(agency: Agency, tenant_id: str, partner_id: str) -> Partner:
    try:
        _, directory = await agency.tenant(tenant_id)
    except NotFound:
        raise InvalidInput(f"tenant {tenant_id!r} does not exist", {"tenant": "unknown tenant"}) from None
    partner = directory.get(partner_id)
    if partner is None:
        raise InvalidInput(
            f"partner {partner_id!r} is not a partner of tenant {tenant_id!r}", {"partner": "unknown partner"}
        )
    return partner


async def create_user(
    agency: Agency, tenant_id: str, *, partner_id: str, role: Role, username: str, password: str | None = None
) -> tuple[str, str]:
    """A staff login; returns ``(user id, password)`` — a generated one when none is given."""
    check_username(username)
    await _check_partner(agency, tenant_id, partner_id)
    if password is None:
        password = generate_password()
    else:
        check_password_policy(username, password)
    password_hash = hash_password(password)
    try:
        async with agency.db.transaction() as tx:
            user_id = await StaffUsers(tx, tenant_id).add(
                partner_id=partner_id, role=role, username=username, password_hash=password_hash
            )
    except DuplicateKey:
        raise Conflict(f"user {username!r} exists already in tenant {tenant_id!r}") from None
    return user_id, password


async def create_token(agency: Agency, tenant_id: str, *, partner_id: str, role: Role, name: str) -> str:
    """A new API token, returned once; only its hash is stored."""
    await _check_partner(agency, tenant_id, partner_id)
    token, hashed = mint_token(tenant_id)
    async with agency.db.transaction() as tx:
        await ApiTokens(tx, tenant_id).add(
            partner_id=partner_id, role=role, name=name or partner_id, secret_hash=hashed
        )
    return token


async def authenticate_token(agency: Agency, tenant_id: str, token: str | None) -> Principal:
    """The principal for a bearer token used on a tenant's path.

    No, malformed, unknown or revoked token: ``Unauthenticated`` (401). A valid token of another
    tenant: ``NotFound`` (404), exactly as for a tenant that does not exist.
    """
    parsed = parse_token(token) if token else None
    if parsed is None:
        raise Unauthenticated("a valid API token is required")
    token_tenant, secret = parsed
    principal = await ApiTokens(agency.db, token_tenant).principal(secret_hash(secret))
    if principal is None:
        raise Unauthenticated("the API token is unknown or has been withdrawn")
    if token_tenant != tenant_id:
        raise NotFound("no such tenant")
    return principal

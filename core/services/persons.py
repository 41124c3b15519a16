"""Biographies: register, read, change, find, erase and export — each through the access decision, each audited."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from core import audit
from core.access import FACT_FIELDS, Basis, Mode, PersonFacts, decide, facts_from
from core.crypto.blind_index import blind_index
from core.crypto.cipher import FieldCipher
from core.crypto.keys import new_dek, unwrap_dek, wrap_dek
from core.domain.base import Schema
from core.domain.consent import ConsentRecord, TransferBlock
from core.domain.errors import Conflict, Forbidden, InvalidInput, NotFound
from core.domain.names import fold_birth_date, fold_name
from core.domain.partner import Partner
from core.domain.staff import Principal, Role
from core.domain.values import validate_fields
from core.plugins import PartnerDirectory
from core.services.agency import Agency
from core.storage.engine import Executor
from core.storage.person_store import Consents, Persons, StoredPerson, TransferBlocks
from core.storage.repositories import new_id

PERSON_TABLE = "person"
SEARCH_FIELDS = ("family_name", "given_names", "birth_date")
REQUIRED_ON_CREATE = ("family_name", "given_names")
INDEX_KINDS: dict[str, tuple[str, ...]] = {
    "name_birth": ("family_name", "given_names", "birth_date"),
    "family_birth": ("family_name", "birth_date"),
    "family_given": ("family_name", "given_names"),
}
"""Which combinations of searchable fields are indexed (each is an equality leak within the tenant)."""


class PersonView(Schema, frozen=True):
    """A person as one caller may see them: absent fields are not null, they are not there."""

    id: str
    revision: int
    fields: dict[str, Any]


class OpenPerson:
    """A loaded person with their data key opened: decrypts on demand, never stores plaintext."""

    def __init__(self, tenant_id: str, stored: StoredPerson, cipher: FieldCipher) -> None:
        self.tenant_id = tenant_id
        self.stored = stored
        self.cipher = cipher
        # Read once per command: consents and blocks do not change inside one transaction.
        self.sharing: tuple[list[ConsentRecord], list[TransferBlock]] | None = None

    @property
    def id(self) -> str:
        return self.stored.person_id

    def decrypt(self, fields: Iterable[str]) -> dict[str, Any]:
        held = self.stored.ciphertexts
        return self.cipher.decrypt_many({f: held[f] for f in fields if f in held})

    def facts(self) -> PersonFacts:
        # not cached: an update in the same command may change residence status or nationality
        return facts_from(self.decrypt(FACT_FIELDS))


def _cipher(tenant_id: str, person_id: str, dek: bytes, dek_version: int = 1) -> FieldCipher:
    return FieldCipher(dek, dek_version, tenant_id, PERSON_TABLE, person_id)


async def open_person(agency: Agency, tx: Executor, tenant_id: str, person_id: str) -> OpenPerson:
    stored = await Persons(tx, tenant_id).load(person_id)
    if stored is None:
        raise NotFound("no such person")
    dek = unwrap_dek(agency.keyring.provider(tenant_id), tenant_id, person_id, stored.wrapped)
    return OpenPerson(tenant_id, stored, _cipher(tenant_id, person_id, dek, stored.wrapped.dek_version))


async def consents_and_blocks(tx: Executor, person: OpenPerson) -> tuple[list[ConsentRecord], list[TransferBlock]]:
    """The person's consents and transfer blocks, read once per command."""
    if person.sharing is None:
        consents = [record for record, _ in await Consents(tx, person.tenant_id).of_person(person.id)]
        person.sharing = (consents, await TransferBlocks(tx, person.tenant_id).of_person(person.id))
    return person.sharing


async def _partner(agency: Agency, principal: Principal) -> tuple[Partner, PartnerDirectory]:
    _, directory = await agency.tenant(principal.tenant_id)
    partner = directory.get(principal.partner_id)
    if partner is None:  # the partner was disabled for the tenant after the token was made
        raise NotFound("no such partner")
    return partner, directory


def _folded(values: Mapping[str, Any]) -> dict[str, str]:
    """The search form of each searchable value (names folded, birth dates normalised)."""
    return {
        f: fold_birth_date(v) if f == "birth_date" else fold_name(v)
        for f, v in values.items()
        if f in SEARCH_FIELDS and v
    }


def _index_digests(agency: Agency, tenant_id: str, values: Mapping[str, Any]) -> dict[str, bytes]:
    folded = _folded(values)
    key = agency.keyring.provider(tenant_id).index_key()
    return {
        kind: blind_index(key, kind, *(folded[f] for f in fields))
        for kind, fields in INDEX_KINDS.items()
        if all(f in folded for f in fields)
    }


async def visible_fields(
    agency: Agency, tx: Executor, principal: Principal, person: OpenPerson, *, mode: Mode = Mode.READ
) -> dict[str, Basis]:
    """What ``principal`` may see (or write) of this person, field by field, with the basis of each."""
    partner, directory = await _partner(agency, principal)
    consents, blocks = await consents_and_blocks(tx, person)
    fields = directory.catalogue.names() if mode is Mode.WRITE else list(person.stored.ciphertexts)
    return decide(
        principal=principal,
        partner=partner,
        catalogue=directory.catalogue,
        facts=person.facts(),
        consents=consents,
        blocks=blocks,
        fields=fields,
        mode=mode,
    )


async def create_person(agency: Agency, principal: Principal, raw: Mapping[str, Any]) -> PersonView:
    """Register a person with the fields the caller's office may write; refuses fields it may not."""
    partner, directory = await _partner(agency, principal)
    values = validate_fields(directory.catalogue, raw)
    missing = [f for f in REQUIRED_ON_CREATE if not values.get(f)]
    if missing:
        raise InvalidInput(f"a new person needs {', '.join(missing)}", dict.fromkeys(missing, "required"))
    allowed = decide(
        principal=principal,
        partner=partner,
        catalogue=directory.catalogue,
        facts=facts_from(values),
        consents=(),
        blocks=(),
        fields=values,
        mode=Mode.WRITE,
    )
    _refuse_unwritable(values, allowed)
    tenant_id = principal.tenant_id
    person_id = new_id()
    provider = agency.keyring.provider(tenant_id)
    dek = new_dek()
    cipher = _cipher(tenant_id, person_id, dek)
    ciphertexts = cipher.encrypt_many(values)
    digests = _index_digests(agency, tenant_id, values)
    async with agency.db.transaction() as tx:
        persons = Persons(tx, tenant_id)
        await persons.add(person_id, wrap_dek(provider, tenant_id, person_id, dek))
        await persons.insert_fields(person_id, ciphertexts)
        await persons.set_index(person_id, digests)
        await audit.record(
            tx, tenant_id, principal=principal, action="person.create", person_id=person_id, bases=allowed
        )
    return PersonView(id=person_id, revision=1, fields=values)


def _refuse_unwritable(values: Mapping[str, Any], allowed: Mapping[str, Basis]) -> None:
    refused = sorted(f for f in values if f not in allowed)
    if refused:
        raise Forbidden(f"your office may not write these fields of this person: {', '.join(refused)}")


async def read_person(agency: Agency, principal: Principal, person_id: str) -> PersonView:
    """The fields the caller may see, audited before they leave; 404 when that is none."""
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, person_id)
        allowed = await visible_fields(agency, tx, principal, person)
        if not allowed:
            raise NotFound("no such person")
        await audit.record(
            tx, principal.tenant_id, principal=principal, action="person.read", person_id=person_id, bases=allowed
        )
        return PersonView(id=person_id, revision=person.stored.revision, fields=person.decrypt(sorted(allowed)))


async def update_person(
    agency: Agency, principal: Principal, person_id: str, raw: Mapping[str, Any], *, if_revision: int | None
) -> PersonView:
    """Change fields (``None`` removes one); 409 when ``if_revision`` is stale, 403 for unwritable fields."""
    _, directory = await _partner(agency, principal)
    values = validate_fields(directory.catalogue, raw, allow_clear=True)
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, person_id)
        readable = await visible_fields(agency, tx, principal, person)
        if not readable:
            raise NotFound("no such person")
        writable = await visible_fields(agency, tx, principal, person, mode=Mode.WRITE)
        _refuse_unwritable(values, writable)
        persons = Persons(tx, principal.tenant_id)
        revision = await persons.bump_revision(person_id, if_revision)
        if revision is None:
            raise Conflict("the person was changed by someone else since you loaded it; reload and try again")
        sealed = person.cipher.encrypt_many({f: v for f, v in values.items() if v is not None})
        cleared = [f for f, v in values.items() if v is None]
        await persons.put_fields(person_id, sealed)
        await persons.remove_fields(person_id, cleared)
        if any(f in values for f in SEARCH_FIELDS):
            current = {**person.decrypt(SEARCH_FIELDS), **values}
            await persons.set_index(person_id, _index_digests(agency, principal.tenant_id, current))
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="person.update",
            person_id=person_id,
            bases={f: writable[f] for f in values},
        )
        person.stored.ciphertexts.update(sealed)
        for field in cleared:
            person.stored.ciphertexts.pop(field, None)
        readable_after = await visible_fields(agency, tx, principal, person)
        await audit.record(
            tx,
            principal.tenant_id,
            principal=principal,
            action="person.read",
            person_id=person_id,
            bases=readable_after,
        )
        return PersonView(id=person_id, revision=revision, fields=person.decrypt(sorted(readable_after)))


async def search_persons(
    agency: Agency, principal: Principal, *, family_name: str, given_names: str = "", birth_date: str = ""
) -> list[PersonView]:
    """Exact match on the folded name (and birth date) through the blind index; only visible persons return."""
    terms = {"family_name": family_name, "given_names": given_names, "birth_date": birth_date}
    given = {f: v for f, v in terms.items() if v and v.strip()}
    kind = next((k for k, fields in INDEX_KINDS.items() if set(fields) == set(given)), None)
    if kind is None:
        raise InvalidInput(
            "search by family_name with birth_date, given_names, or both",
            {f: "required" for f in ("family_name", "birth_date") if f not in given},
        )
    try:
        query = _index_digests(agency, principal.tenant_id, given)
        folded = _folded(given)
    except ValueError:
        raise InvalidInput(
            "search terms: a name needs letters, a birth date is YYYY-MM-DD or DD.MM.YYYY",
            dict.fromkeys(given, "invalid"),
        ) from None
    results: list[PersonView] = []
    async with agency.db.transaction() as tx:
        for person_id in await Persons(tx, principal.tenant_id).find(kind, query[kind]):
            try:
                person = await open_person(agency, tx, principal.tenant_id, person_id)
            except NotFound:
                continue
            stored_terms = person.decrypt(given)
            if any(
                (fold_birth_date(v) if f == "birth_date" else fold_name(v)) != folded[f]
                for f, v in stored_terms.items()
            ) or len(stored_terms) != len(given):
                continue  # a truncated-digest collision or a stale index row: not a match
            allowed = await visible_fields(agency, tx, principal, person)
            if not allowed:
                continue
            await audit.record(
                tx, principal.tenant_id, principal=principal, action="person.search", person_id=person_id, bases=allowed
            )
            results.append(
                PersonView(id=person_id, revision=person.stored.revision, fields=person.decrypt(sorted(allowed)))
            )
    return results


def require_role(principal: Principal, *roles: Role) -> None:
    if principal.role not in roles:
        raise Forbidden(f"this needs the role {' or '.join(r.value for r in roles)}")


async def writable_fields(agency: Agency, principal: Principal, person_id: str) -> set[str]:
    """The fields ``principal`` may write for this person now (for forms, and for imports that ask first)."""
    async with agency.db.transaction() as tx:
        person = await open_person(agency, tx, principal.tenant_id, person_id)
        if not await visible_fields(agency, tx, principal, person):
            raise NotFound("no such person")
        return set(await visible_fields(agency, tx, principal, person, mode=Mode.WRITE))

"""Vault scenarios: field encryption against raw AES-GCM, blind-index search and key rotation at scale."""

from __future__ import annotations

import datetime as dt
import itertools
import os
import random
import sqlite3
import time
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import asyncpg
import msgspec
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from benchmarks.registry import FULL_PERSONS, BenchContext, Run, goal, scenario
from core.access import facts_from
from core.crypto.canonical import canonical
from core.crypto.cipher import FieldCipher
from core.crypto.keys import new_dek, wrap_dek
from core.demo.biographies import demo_biographies
from core.domain.biography import FieldCatalogue
from core.domain.staff import Principal, Role
from core.domain.values import validate_fields
from core.services.agency import Agency, open_agency
from core.services.keys import rotate_tenant_keys
from core.services.persons import INDEX_KINDS, PERSON_TABLE, _index_digests, search_persons
from core.services.staff import create_tenant
from core.settings import Settings
from core.storage.engine import Row, _sqlite_param, _sqlite_sql
from core.storage.person_store import Persons
from core.storage.repositories import new_id
from core.storage.schema import migrate

CRYPTO = "vault-crypto"
SEARCH = "vault-search"
ROTATE = "vault-rotate"

FIELDS_PER_OP = 20
SEED = 2026
TENANT = "bench-vault"
PARTNER = "iaa"
PERSONS_PER_TRANSACTION = 5_000
QUERIES = 1_000
"""Distinct seeded persons the search scenarios look up, in a fixed random order (cycled)."""
SEEDED_FIELDS = (
    "family_name",
    "given_names",
    "birth_date",
    "birth_place",
    "gender",
    "nationality",
    "address",
    "phone",
    "municipality",
    "residence_status",
    "languages",
)
"""What a seeded person holds (~10 fields, as a person registered at the desk)."""
INDEX_LOOKUP = "SELECT person_id FROM person_index WHERE tenant_id = $1 AND kind = $2 AND digest = $3"
SEARCH_KIND = next(kind for kind, fields in INDEX_KINDS.items() if len(fields) == 3)
"""The index a search by family name, given names and birth date uses."""


# -- encryption -------------------------------------------------------------------------------


def _biography_20_fields() -> dict[str, Any]:
    """A realistic demo biography, validated, cut to its first 20 fields."""
    catalogue = FieldCatalogue.build({})
    for raw in demo_biographies(40, seed=SEED):
        values = validate_fields(catalogue, raw)
        if len(values) >= FIELDS_PER_OP:
            return dict(itertools.islice(values.items(), FIELDS_PER_OP))
    raise AssertionError(f"no demo biography has {FIELDS_PER_OP} fields")


@scenario("aesgcm_raw_20_fields", group=CRYPTO, ops=20_000, quick_ops=500)
async def aesgcm_raw_20_fields(ctx: BenchContext) -> AsyncIterator[Run]:
    """cryptography's AESGCM, one object reused: 20 encrypts + 20 decrypts of pre-encoded values per op."""
    payloads = [msgspec.json.encode(v) for v in _biography_20_fields().values()]
    aead = AESGCM(new_dek())
    urandom = os.urandom

    def run(n: int) -> None:
        for _ in range(n):
            sealed = []
            for payload in payloads:
                nonce = urandom(12)
                sealed.append((nonce, aead.encrypt(nonce, payload, None)))
            for nonce, ciphertext in sealed:
                aead.decrypt(nonce, ciphertext, None)

    yield run


@scenario("aesgcm_bound_20_fields", group=CRYPTO, ops=20_000, quick_ops=500)
async def aesgcm_bound_20_fields(ctx: BenchContext) -> AsyncIterator[Run]:
    """The same raw AESGCM calls with the associated data the stored format requires (ARCHITECTURE §5:
    header, tenant, table, record, field — so a value moved elsewhere fails to open), built beforehand."""
    values = _biography_20_fields()
    payloads = [msgspec.json.encode(v) for v in values.values()]
    aead = AESGCM(new_dek())
    header = b"\x01\x00\x00\x00\x01"
    record = canonical(TENANT, PERSON_TABLE, "0" * 32)
    contexts = [header + record + canonical(field) for field in values]
    urandom = os.urandom

    def run(n: int) -> None:
        for _ in range(n):
            sealed = []
            for payload, context in zip(payloads, contexts, strict=True):
                nonce = urandom(12)
                sealed.append((nonce, aead.encrypt(nonce, payload, context), context))
            for nonce, ciphertext, context in sealed:
                aead.decrypt(nonce, ciphertext, context)

    yield run


@scenario(
    "field_cipher_20_fields",
    group=CRYPTO,
    floor="aesgcm_bound_20_fields",
    ops=20_000,
    quick_ops=500,
    compare=("aesgcm_raw_20_fields",),
)
async def field_cipher_20_fields(ctx: BenchContext) -> AsyncIterator[Run]:
    """FieldCipher for a fresh record id per op (one person): encrypt 20 field values, decrypt them again.

    It uses ``encrypt_many`` / ``decrypt_many``, the calls the services make for a biography."""
    values = _biography_20_fields()
    dek = new_dek()
    counter = itertools.count()

    def run(n: int) -> None:
        for _ in range(n):
            cipher = FieldCipher(dek, 1, TENANT, PERSON_TABLE, f"{next(counter):032x}")
            cipher.decrypt_many(cipher.encrypt_many(values))

    yield run


goal("field_cipher_20_fields", "aesgcm_bound_20_fields", at_most_slower=1.5)


# -- a tenant with many persons ---------------------------------------------------------------


@dataclass
class Vault:
    """A migrated database with one tenant seeded with ``persons`` persons, and the agency open on it."""

    engine: str
    settings: Settings
    agency: Agency
    principal: Principal
    persons: int
    queries: list[tuple[str, str, str]]
    """(family name, given names, birth date) of seeded persons, as a desk would type them."""
    lookups: list[bytes]
    """The ``SEARCH_KIND`` digest of each query, for the raw index lookup."""


def _people_pool() -> list[dict[str, Any]]:
    """Validated demo biographies of people without free movement (the IAA sees them by statute)."""
    catalogue = FieldCatalogue.build({})
    pool = []
    for raw in demo_biographies(400, seed=SEED):
        values = validate_fields(catalogue, raw)
        if facts_from(values).free_movement or values.get("residence_status") in (None, "german_citizen"):
            continue
        pool.append({f: values[f] for f in SEEDED_FIELDS if f in values})
    return pool


def _synthetic_people(count: int) -> list[dict[str, Any]]:
    """``count`` varied persons: a pool biography each, with a family name from the pool and a random birth date.

    About 300 family names × 400 given names × 20,000 birth dates: a name with a birth date is (nearly) unique.
    """
    rng = random.Random(SEED)
    pool = _people_pool()
    families = sorted({p["family_name"] for p in pool})
    first, span = dt.date(1955, 1, 1).toordinal(), (dt.date(2008, 12, 31) - dt.date(1955, 1, 1)).days
    people = []
    for _ in range(count):
        person = dict(rng.choice(pool))
        person["family_name"] = rng.choice(families)
        person["birth_date"] = dt.date.fromordinal(first + rng.randrange(span)).isoformat()
        people.append(person)
    return people


class _Recorder:
    """An executor that keeps the statements a repository issues, so that seeding can run them in bulk.

    ``Persons.add``/``insert_fields``/``set_index`` run unchanged against it; ``flush`` then sends each
    distinct statement once with all its argument rows (``executemany``), in the order first issued —
    valid here because every seeded person issues the same sequence of statements.
    """

    def __init__(self, dialect: str) -> None:
        self.dialect = dialect
        self.statements: dict[str, list[tuple[Any, ...]]] = {}

    async def execute(self, sql: str, *args: Any) -> int:
        self.statements.setdefault(sql, []).append(args)
        return 1

    async def fetch(self, sql: str, *args: Any) -> list[Row]:
        raise AssertionError("seeding only writes")

    async def fetchrow(self, sql: str, *args: Any) -> Row | None:
        raise AssertionError("seeding only writes")

    async def flush(self, settings: Settings) -> None:
        """Run the recorded statements in one transaction on a connection of our own."""
        if self.dialect == "postgres":
            assert settings.database_url is not None
            conn = await asyncpg.connect(settings.database_url)
            try:
                async with conn.transaction():
                    for sql, rows in self.statements.items():
                        await conn.executemany(sql, rows)
            finally:
                await conn.close()
        else:
            lite = sqlite3.connect(settings.sqlite_path, isolation_level=None)
            try:
                lite.execute("BEGIN IMMEDIATE")
                for sql, rows in self.statements.items():
                    lite.executemany(_sqlite_sql(sql), [[_sqlite_param(a) for a in row] for row in rows])
                lite.execute("COMMIT")
            finally:
                lite.close()
        self.statements.clear()


async def _seed(agency: Agency, tenant_id: str, people: list[dict[str, Any]]) -> None:
    """Write ``people`` as ``create_person`` does (a new data key, wrapped; fields sealed; blind indexes) through
    ``Persons``, ``PERSONS_PER_TRANSACTION`` to a transaction. Unlike ``create_person``: no access decision and
    no audit event per person."""
    provider = agency.keyring.provider(tenant_id)
    recorder = _Recorder(agency.db.dialect)
    persons = Persons(recorder, tenant_id)
    for start in range(0, len(people), PERSONS_PER_TRANSACTION):
        for values in people[start : start + PERSONS_PER_TRANSACTION]:
            person_id = new_id()
            dek = new_dek()
            cipher = FieldCipher(dek, 1, tenant_id, PERSON_TABLE, person_id)
            await persons.add(person_id, wrap_dek(provider, tenant_id, person_id, dek))
            await persons.insert_fields(person_id, {f: cipher.encrypt(f, v) for f, v in values.items()})
            await persons.set_index(person_id, _index_digests(agency, tenant_id, values))
        await recorder.flush(agency.settings)


async def _analyze(settings: Settings) -> float:
    """Planner statistics for the seeded tables, as autovacuum gathers them soon after a bulk load; seconds taken.

    Without them PostgreSQL plans ``Persons.replace_key`` (``tenant_id``, ``person_id``, ``kek_version``) on the
    ``(tenant_id, kek_version)`` index and scans every not-yet-rotated key per UPDATE: rotation turns quadratic.
    """
    assert settings.database_url is not None
    started = time.perf_counter()
    conn = await asyncpg.connect(settings.database_url)
    try:
        await conn.execute("ANALYZE person, person_key, person_field, person_index")
    finally:
        await conn.close()
    return time.perf_counter() - started


async def _vault(ctx: BenchContext, engine: str) -> Vault:
    """The seeded tenant of ``engine`` (``sqlite`` or ``postgres``), built once per run and shared."""

    async def build() -> Vault:
        if engine == "postgres":
            url = await ctx.postgres_database()
            settings = Settings(home=ctx.tempdir("vault-postgres"), database_url=url)
        else:
            settings = Settings(home=ctx.tempdir("vault-sqlite"))
        await migrate(settings)
        agency = await open_agency(settings)
        ctx.stack.push_async_callback(agency.close)
        await create_tenant(agency, TENANT, name="Benchmarkkreis", plugins=["iaa", "jobcenter"], declared_partners=[])
        people = _synthetic_people(ctx.persons)
        started = time.perf_counter()
        await _seed(agency, TENANT, people)
        seconds = time.perf_counter() - started
        analyzed = ""
        if engine == "postgres":
            analyzed = f"; ANALYZE {await _analyze(settings):.1f} s"
        ctx.note(
            f"setup: seeded {len(people):,} persons on {engine} in {seconds:.1f} s "
            f"({len(people) / seconds:,.0f} persons/s, {PERSONS_PER_TRANSACTION:,} per transaction{analyzed})"
        )
        chosen = random.Random(SEED + 1).sample(people, min(QUERIES, len(people)))
        queries = [(p["family_name"], p["given_names"], p["birth_date"]) for p in chosen]
        lookups = [
            _index_digests(agency, TENANT, {"family_name": f, "given_names": g, "birth_date": b})[SEARCH_KIND]
            for f, g, b in queries
        ]
        principal = Principal(tenant_id=TENANT, partner_id=PARTNER, role=Role.CASEWORKER, subject="bench")
        return Vault(engine, settings, agency, principal, len(people), queries, lookups)

    vault: Vault = await ctx.once(f"vault.{engine}", build)
    return vault


# -- search -----------------------------------------------------------------------------------


def _search(vault: Vault) -> Run:
    queries = itertools.cycle(vault.queries)

    async def run(n: int) -> None:
        for _ in range(n):
            family, given, birth = next(queries)
            found = await search_persons(
                vault.agency, vault.principal, family_name=family, given_names=given, birth_date=birth
            )
            if not found:
                raise AssertionError(f"a seeded person was not found on {vault.engine}")

    return run


@scenario("sqlite3_index_lookup", group=SEARCH, ops=5_000, quick_ops=200)
async def sqlite3_index_lookup(ctx: BenchContext) -> AsyncIterator[Run]:
    """sqlite3 on the seeded file: the raw blind-index SELECT of one search per op."""
    vault = await _vault(ctx, "sqlite")
    conn = sqlite3.connect(vault.settings.sqlite_path)
    sql = INDEX_LOOKUP.replace("$", "?")
    lookups = itertools.cycle(vault.lookups)

    def run(n: int) -> None:
        for _ in range(n):
            if not conn.execute(sql, (TENANT, SEARCH_KIND, next(lookups))).fetchall():
                raise AssertionError("a seeded digest was not found")

    try:
        yield run
    finally:
        conn.close()


@scenario("search_sqlite_100k", group=SEARCH, floor="sqlite3_index_lookup", ops=2_000, quick_ops=100)
async def search_sqlite_100k(ctx: BenchContext) -> AsyncIterator[Run]:
    """search_persons by name and birth date on SQLite: fold, HMAC, lookup, decrypt, access decision, audit."""
    yield _search(await _vault(ctx, "sqlite"))


@scenario("asyncpg_index_lookup", group=SEARCH, ops=5_000, quick_ops=200)
async def asyncpg_index_lookup(ctx: BenchContext) -> AsyncIterator[Run]:
    """asyncpg, one connection, on the seeded database: the raw blind-index SELECT of one search per op."""
    vault = await _vault(ctx, "postgres")
    assert vault.settings.database_url is not None
    conn = await asyncpg.connect(vault.settings.database_url)
    lookups = itertools.cycle(vault.lookups)

    async def run(n: int) -> None:
        for _ in range(n):
            if not await conn.fetch(INDEX_LOOKUP, TENANT, SEARCH_KIND, next(lookups)):
                raise AssertionError("a seeded digest was not found")

    try:
        yield run
    finally:
        await conn.close()


@scenario("search_postgres_100k", group=SEARCH, floor="asyncpg_index_lookup", ops=2_000, quick_ops=100)
async def search_postgres_100k(ctx: BenchContext) -> AsyncIterator[Run]:
    """search_persons by name and birth date on PostgreSQL: the same full path as on SQLite."""
    yield _search(await _vault(ctx, "postgres"))


goal("search_sqlite_100k", at_most_us=5_000)
goal("search_postgres_100k", at_most_us=5_000)


# -- key rotation -----------------------------------------------------------------------------


def _rotate(ctx: BenchContext, vault: Vault, name: str) -> Run:
    rounds = itertools.count(1)

    async def run(n: int) -> None:
        for _ in range(n):
            started = time.perf_counter()
            report = await rotate_tenant_keys(vault.agency, TENANT)
            seconds = time.perf_counter() - started
            if report.rewrapped != vault.persons:
                raise AssertionError(f"re-wrapped {report.rewrapped} of {vault.persons} data keys")
            ctx.note(
                f"{name} round {next(rounds)}: KEK v{report.kek_version}, {report.rewrapped:,} data keys "
                f"re-wrapped in {seconds:.2f} s ({report.rewrapped / seconds:,.0f} persons/s)"
            )

    return run


@scenario("keys_rotate_sqlite_100k", group=ROTATE, ops=1, quick_ops=1, warmup=False)
async def keys_rotate_sqlite_100k(ctx: BenchContext) -> AsyncIterator[Run]:
    """One rotate_tenant_keys on SQLite per op: a new KEK version, every person's data key re-wrapped."""
    yield _rotate(ctx, await _vault(ctx, "sqlite"), "keys_rotate_sqlite_100k")


@scenario("keys_rotate_postgres_100k", group=ROTATE, ops=1, quick_ops=1, warmup=False)
async def keys_rotate_postgres_100k(ctx: BenchContext) -> AsyncIterator[Run]:
    """One rotate_tenant_keys on PostgreSQL per op: a new KEK version, every person's data key re-wrapped."""
    yield _rotate(ctx, await _vault(ctx, "postgres"), "keys_rotate_postgres_100k")


goal("keys_rotate_sqlite_100k", at_most_us=60_000_000, at_persons=FULL_PERSONS)
goal("keys_rotate_postgres_100k", at_most_us=60_000_000, at_persons=FULL_PERSONS)

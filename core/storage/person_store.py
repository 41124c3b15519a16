"""Tenant-scoped storage of biographies: anchors, wrapped data keys, encrypted fields, blind indexes, consents."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping

from core.crypto.keys import WrappedDek
from core.domain.consent import CollectionMethod, ConsentRecord, TransferBlock
from core.storage.engine import Row
from core.storage.repositories import TenantScoped, as_date, as_datetime, new_id, now


class StoredPerson:
    """What the database holds of one person: no plaintext, only ciphertexts and the wrapped key."""

    __slots__ = ("ciphertexts", "person_id", "revision", "wrapped")

    def __init__(self, person_id: str, revision: int, wrapped: WrappedDek, ciphertexts: dict[str, bytes]) -> None:
        self.person_id = person_id
        self.revision = revision
        self.wrapped = wrapped
        self.ciphertexts = ciphertexts


class Persons(TenantScoped):
    async def add(self, person_id: str, wrapped: WrappedDek) -> None:
        at = now()
        await self.db.execute(
            "INSERT INTO person (id, tenant_id, revision, created_at, updated_at, erased_at) "
            "VALUES ($1, $2, 1, $3, $3, NULL)",
            person_id,
            self.tenant_id,
            at,
        )
        await self.db.execute(
            "INSERT INTO person_key (id, tenant_id, person_id, kek_version, dek_version, wrapped_dek) "
            "VALUES ($1, $2, $3, $4, $5, $6)",
            new_id(),
            self.tenant_id,
            person_id,
            wrapped.kek_version,
            wrapped.dek_version,
            wrapped.blob,
        )

    async def load(self, person_id: str) -> StoredPerson | None:
        """The person's key and ciphertexts in one query; ``None`` when unknown or erased."""
        rows = await self.db.fetch(
            "SELECT p.revision, k.kek_version, k.dek_version, k.wrapped_dek, f.field, f.ciphertext FROM person p "
            "JOIN person_key k ON k.tenant_id = p.tenant_id AND k.person_id = p.id "
            "LEFT JOIN person_field f ON f.tenant_id = p.tenant_id AND f.person_id = p.id "
            "WHERE p.tenant_id = $1 AND p.id = $2 AND p.erased_at IS NULL",
            self.tenant_id,
            person_id,
        )
        if not rows:
            return None
        head = rows[0]
        wrapped = WrappedDek(head["kek_version"], head["dek_version"], bytes(head["wrapped_dek"]))
        fields = {r["field"]: bytes(r["ciphertext"]) for r in rows if r["field"] is not None}
        return StoredPerson(person_id, int(head["revision"]), wrapped, fields)

    async def insert_fields(self, person_id: str, ciphertexts: Mapping[str, bytes]) -> None:
        """The fields of a new person (nothing to update yet)."""
        for field, ciphertext in ciphertexts.items():
            await self.db.execute(
                "INSERT INTO person_field (id, tenant_id, person_id, field, ciphertext) VALUES ($1, $2, $3, $4, $5)",
                new_id(),
                self.tenant_id,
                person_id,
                field,
                ciphertext,
            )

    async def put_fields(self, person_id: str, ciphertexts: Mapping[str, bytes]) -> None:
        for field, ciphertext in ciphertexts.items():
            changed = await self.db.execute(
                "UPDATE person_field SET ciphertext = $1 WHERE tenant_id = $2 AND person_id = $3 AND field = $4",
                ciphertext,
                self.tenant_id,
                person_id,
                field,
            )
            if not changed:
                await self.insert_fields(person_id, {field: ciphertext})

    async def remove_fields(self, person_id: str, fields: Iterable[str]) -> None:
        for field in fields:
            await self.db.execute(
                "DELETE FROM person_field WHERE tenant_id = $1 AND person_id = $2 AND field = $3",
                self.tenant_id,
                person_id,
                field,
            )

    async def bump_revision(self, person_id: str, expected: int | None) -> int | None:
        """The new revision, or ``None`` when ``expected`` is stale (someone saved in between)."""
        if expected is None:
            await self.db.execute(
                "UPDATE person SET revision = revision + 1, updated_at = $1 WHERE tenant_id = $2 AND id = $3",
                now(),
                self.tenant_id,
                person_id,
            )
        else:
            changed = await self.db.execute(
                "UPDATE person SET revision = revision + 1, updated_at = $1 "
                "WHERE tenant_id = $2 AND id = $3 AND revision = $4",
                now(),
                self.tenant_id,
                person_id,
                expected,
            )
            if not changed:
                return None
        row = await self.db.fetchrow(
            "SELECT revision FROM person WHERE tenant_id = $1 AND id = $2", self.tenant_id, person_id
        )
        return int(row["revision"]) if row else None

    async def set_index(self, person_id: str, digests: Mapping[str, bytes]) -> None:
        await self.db.execute(
            "DELETE FROM person_index WHERE tenant_id = $1 AND person_id = $2", self.tenant_id, person_id
        )
        for kind, digest in digests.items():
            await self.db.execute(
                "INSERT INTO person_index (id, tenant_id, person_id, kind, digest) VALUES ($1, $2, $3, $4, $5)",
                new_id(),
                self.tenant_id,
                person_id,
                kind,
                digest,
            )

    async def find(self, kind: str, digest: bytes, limit: int = 50) -> list[str]:
        rows = await self.db.fetch(
            "SELECT person_id FROM person_index WHERE tenant_id = $1 AND kind = $2 AND digest = $3 LIMIT $4",
            self.tenant_id,
            kind,
            digest,
            limit,
        )
        return [r["person_id"] for r in rows]

    async def shred(self, person_id: str) -> bool:
        """Erasure: the data key, every ciphertext and every index row go; the anchor stays as a tombstone."""
        marked = await self.db.execute(
            "UPDATE person SET erased_at = $1, updated_at = $1 WHERE tenant_id = $2 AND id = $3 AND erased_at IS NULL",
            now(),
            self.tenant_id,
            person_id,
        )
        for table in ("person_key", "person_field", "person_index"):
            await self.db.execute(
                f"DELETE FROM {table} WHERE tenant_id = $1 AND person_id = $2",  # noqa: S608 - fixed table names
                self.tenant_id,
                person_id,
            )
        await self.db.execute(
            "UPDATE consent SET sealed_terms = $1 WHERE tenant_id = $2 AND person_id = $3",
            b"",
            self.tenant_id,
            person_id,
        )
        return marked == 1

    # -- key rotation -------------------------------------------------------------------

    async def keys_below(self, kek_version: int, limit: int) -> list[Row]:
        return await self.db.fetch(
            "SELECT person_id, kek_version, dek_version, wrapped_dek FROM person_key "
            "WHERE tenant_id = $1 AND kek_version < $2 LIMIT $3",
            self.tenant_id,
            kek_version,
            limit,
        )

    async def refresh_key_statistics(self) -> None:
        """Planner statistics for ``person_key``: right after a bulk import, stale ones make the re-wrap
        join walk the table once per person (measured: 24 s instead of 3.8 s at 20,000 persons)."""
        await self.db.execute("ANALYZE person_key")

    async def replace_keys(self, rewrapped: list[tuple[str, int, WrappedDek]]) -> int:
        """Store re-wrapped data keys ``(person, old KEK version, new)``; a row another process changed
        in between (its KEK version moved on) is left alone. Returns how many were replaced."""
        if not rewrapped:
            return 0
        if self.db.dialect == "postgres":
            # one statement per batch: a round trip per person would dominate the rotation
            return await self.db.execute(
                "UPDATE person_key AS k SET kek_version = u.kek_version, wrapped_dek = u.blob "
                "FROM unnest($1::text[], $2::int[], $3::int[], $4::bytea[]) AS u(person_id, old, kek_version, blob) "
                "WHERE k.tenant_id = $5 AND k.person_id = u.person_id AND k.kek_version = u.old",
                [p for p, _, _ in rewrapped],
                [old for _, old, _ in rewrapped],
                [w.kek_version for _, _, w in rewrapped],
                [w.blob for _, _, w in rewrapped],
                self.tenant_id,
            )
        replaced = 0
        for person_id, old, wrapped in rewrapped:
            replaced += await self.db.execute(
                "UPDATE person_key SET kek_version = $1, wrapped_dek = $2 "
                "WHERE tenant_id = $3 AND person_id = $4 AND kek_version = $5",
                wrapped.kek_version,
                wrapped.blob,
                self.tenant_id,
                person_id,
                old,
            )
        return replaced


class Consents(TenantScoped):
    async def add(self, record: ConsentRecord, sealed_terms: bytes, receipt_digest: str) -> None:
        await self.db.execute(
            "INSERT INTO consent (id, tenant_id, person_id, state, recipients, fields, sealed_terms, legal_basis, "
            "language, notice_version, method, valid_from, valid_until, recorded_by, given_at, withdrawn_at, "
            "receipt_digest) "
            "VALUES ($1, $2, $3, 'given', $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, NULL, $15)",
            record.id,
            self.tenant_id,
            record.person_id,
            json.dumps(list(record.recipients)),
            json.dumps(list(record.fields)),
            sealed_terms,
            record.legal_basis,
            record.language,
            record.notice_version,
            record.method.value,
            record.valid_from,
            record.valid_until,
            record.recorded_by,
            record.given_at,
            receipt_digest,
        )

    async def of_person(self, person_id: str) -> list[tuple[ConsentRecord, bytes]]:
        rows = await self.db.fetch(
            "SELECT * FROM consent WHERE tenant_id = $1 AND person_id = $2 ORDER BY given_at",
            self.tenant_id,
            person_id,
        )
        return [(_consent(r), bytes(r["sealed_terms"])) for r in rows]

    async def get(self, consent_id: str) -> tuple[ConsentRecord, bytes] | None:
        row = await self.db.fetchrow(
            "SELECT * FROM consent WHERE tenant_id = $1 AND id = $2", self.tenant_id, consent_id
        )
        return (_consent(row), bytes(row["sealed_terms"])) if row else None

    async def by_receipt(self, receipt_digest: str) -> str | None:
        row = await self.db.fetchrow(
            "SELECT id FROM consent WHERE tenant_id = $1 AND receipt_digest = $2", self.tenant_id, receipt_digest
        )
        return row["id"] if row else None

    async def withdraw(self, consent_id: str, at: dt.datetime) -> bool:
        changed = await self.db.execute(
            "UPDATE consent SET state = 'withdrawn', withdrawn_at = $1 "
            "WHERE tenant_id = $2 AND id = $3 AND withdrawn_at IS NULL",
            at,
            self.tenant_id,
            consent_id,
        )
        return changed == 1


def _consent(row: Row) -> ConsentRecord:
    return ConsentRecord(
        id=row["id"],
        person_id=row["person_id"],
        recipients=tuple(json.loads(row["recipients"])),
        fields=tuple(json.loads(row["fields"])),
        purpose="",  # sealed in sealed_terms; the service opens it with the person's key
        language=row["language"],
        notice_version=row["notice_version"],
        method=CollectionMethod(row["method"]),
        valid_from=as_date(row["valid_from"]),
        valid_until=as_date(row["valid_until"]),
        recorded_by=row["recorded_by"],
        given_at=as_datetime(row["given_at"]),
        withdrawn_at=as_datetime(row["withdrawn_at"]) if row["withdrawn_at"] is not None else None,
        legal_basis=row["legal_basis"],
    )


class TransferBlocks(TenantScoped):
    async def add(self, block: TransferBlock) -> None:
        await self.db.execute(
            "INSERT INTO transfer_block (id, tenant_id, person_id, partner_id, recorded_by, created_at, lifted_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, NULL)",
            block.id,
            self.tenant_id,
            block.person_id,
            block.partner_id,
            block.recorded_by,
            block.created_at,
        )

    async def of_person(self, person_id: str) -> list[TransferBlock]:
        rows = await self.db.fetch(
            "SELECT * FROM transfer_block WHERE tenant_id = $1 AND person_id = $2 ORDER BY created_at",
            self.tenant_id,
            person_id,
        )
        return [
            TransferBlock(
                id=r["id"],
                person_id=r["person_id"],
                partner_id=r["partner_id"],
                recorded_by=r["recorded_by"],
                created_at=as_datetime(r["created_at"]),
                lifted_at=as_datetime(r["lifted_at"]) if r["lifted_at"] is not None else None,
            )
            for r in rows
        ]

    async def lift(self, person_id: str, block_id: str, at: dt.datetime) -> bool:
        changed = await self.db.execute(
            "UPDATE transfer_block SET lifted_at = $1 "
            "WHERE tenant_id = $2 AND person_id = $3 AND id = $4 AND lifted_at IS NULL",
            at,
            self.tenant_id,
            person_id,
            block_id,
        )
        return changed == 1

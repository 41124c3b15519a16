"""The audit trail: an append-only, per-tenant hash chain of every look at and change to a biography.

Each event is written in the transaction of the command it records, before any plaintext leaves;
if the write fails, the command fails and nothing is returned. Each event's hash covers the
previous event's hash, so a changed, removed or reordered event breaks the chain, and
``audit_head`` (locked while appending, so the chain never forks) names the newest link, so a
removed tail is found too. Events hold ids, field names and legal bases — never field values.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from collections.abc import Mapping, Sequence

from core.access import Basis
from core.crypto.canonical import canonical
from core.domain.base import Schema
from core.domain.staff import Principal
from core.storage.engine import Executor, Row
from core.storage.repositories import as_datetime, new_id, now

GENESIS = "0" * 64
_HEAD = "SELECT seq, hash FROM audit_head WHERE tenant_id = $1"
_HEAD_FOR_UPDATE = _HEAD + " FOR UPDATE"
_APPEND = (
    "INSERT INTO audit_event (id, tenant_id, seq, at, actor, partner_id, person_id, action, fields, purpose, "
    "basis, prev_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)"
)
_APPEND_AND_MOVE_HEAD = (
    f"WITH appended AS ({_APPEND} RETURNING seq) "  # noqa: S608 - constants; a data-modifying CTE runs once
    "UPDATE audit_head SET seq = $3, hash = $13 WHERE tenant_id = $2"
)


class AuditEvent(Schema, frozen=True):
    seq: int
    at: dt.datetime
    actor: str
    partner_id: str
    person_id: str | None
    action: str
    fields: tuple[str, ...]
    purpose: str
    basis: dict[str, str]
    hash: str


class ChainReport(Schema, frozen=True):
    """The result of ``verify``: ``ok`` or the first sequence number where the chain breaks, and why."""

    ok: bool
    events: int
    head_hash: str
    broken_at: int | None = None
    problem: str | None = None


def _link_hash(prev_hash: str, tenant_id: str, row: Mapping[str, object]) -> str:
    payload = canonical(
        prev_hash,
        tenant_id,
        str(row["seq"]),
        as_datetime(row["at"]).isoformat(),
        str(row["actor"]),
        str(row["partner_id"]),
        str(row["person_id"] or ""),
        str(row["action"]),
        str(row["fields"]),
        str(row["purpose"]),
        str(row["basis"]),
    )
    return hashlib.sha256(payload).hexdigest()


async def record(
    tx: Executor,
    tenant_id: str,
    *,
    principal: Principal,
    action: str,
    person_id: str | None,
    bases: Mapping[str, Basis] | None = None,
    fields: Sequence[str] = (),
    purpose: str = "",
) -> int:
    """Append one event in the caller's transaction; returns its sequence number."""
    bases = bases or {}
    names = sorted(set(fields) | set(bases))
    # On PostgreSQL the head row stays locked until commit, so concurrent appends queue instead of
    # forking the chain; SQLite's single writer serialises them anyway.
    head = await tx.fetchrow(_HEAD_FOR_UPDATE if tx.dialect == "postgres" else _HEAD, tenant_id)
    if head is None:  # the tenant's first event (tenants created before heads were made with them)
        await start_chain(tx, tenant_id)
        head = await tx.fetchrow(_HEAD_FOR_UPDATE if tx.dialect == "postgres" else _HEAD, tenant_id)
    assert head is not None
    seq = int(head["seq"]) + 1
    row = {
        "seq": seq,
        "at": now(),
        "actor": principal.subject,
        "partner_id": principal.partner_id,
        "person_id": person_id,
        "action": action,
        "fields": json.dumps(names),
        "purpose": purpose or "; ".join(sorted({b.purpose for b in bases.values() if b.purpose})),
        "basis": json.dumps({f: bases[f].label() for f in sorted(bases)}, ensure_ascii=False),
    }
    digest = _link_hash(head["hash"], tenant_id, row)
    values = (
        new_id(),
        tenant_id,
        seq,
        row["at"],
        row["actor"],
        row["partner_id"],
        row["person_id"],
        row["action"],
        row["fields"],
        row["purpose"],
        row["basis"],
        head["hash"],
        digest,
    )
    if tx.dialect == "postgres":
        await tx.execute(_APPEND_AND_MOVE_HEAD, *values)  # one round trip
    else:
        await tx.execute(_APPEND, *values)
        await tx.execute("UPDATE audit_head SET seq = $1, hash = $2 WHERE tenant_id = $3", seq, digest, tenant_id)
    return seq


async def start_chain(tx: Executor, tenant_id: str) -> None:
    """The chain's head for a new tenant (idempotent); appends lock this row, so it must exist."""
    await tx.execute(
        "INSERT INTO audit_head (tenant_id, seq, hash) VALUES ($1, 0, $2) ON CONFLICT (tenant_id) DO NOTHING",
        tenant_id,
        GENESIS,
    )


def _event(row: Row) -> AuditEvent:
    return AuditEvent(
        seq=int(row["seq"]),
        at=as_datetime(row["at"]),
        actor=row["actor"],
        partner_id=row["partner_id"],
        person_id=row["person_id"],
        action=row["action"],
        fields=tuple(json.loads(row["fields"])),
        purpose=row["purpose"],
        basis=json.loads(row["basis"]),
        hash=row["hash"],
    )


async def trail(
    db: Executor, tenant_id: str, *, person_id: str | None = None, limit: int = 100, after_seq: int = 0
) -> list[AuditEvent]:
    """Events of a tenant (optionally about one person), oldest first, ``limit`` after ``after_seq``."""
    if person_id is None:
        rows = await db.fetch(
            "SELECT * FROM audit_event WHERE tenant_id = $1 AND seq > $2 ORDER BY seq LIMIT $3",
            tenant_id,
            after_seq,
            limit,
        )
    else:
        rows = await db.fetch(
            "SELECT * FROM audit_event WHERE tenant_id = $1 AND person_id = $2 AND seq > $3 ORDER BY seq LIMIT $4",
            tenant_id,
            person_id,
            after_seq,
            limit,
        )
    return [_event(r) for r in rows]


async def verify(db: Executor, tenant_id: str, *, batch: int = 5000) -> ChainReport:
    """Walk the whole chain: every link must follow from the one before, up to the recorded head."""
    prev_hash, expected_seq, count = GENESIS, 1, 0
    while True:
        rows = await db.fetch(
            "SELECT * FROM audit_event WHERE tenant_id = $1 AND seq >= $2 ORDER BY seq LIMIT $3",
            tenant_id,
            expected_seq,
            batch,
        )
        for row in rows:
            seq = int(row["seq"])
            if seq != expected_seq:
                return ChainReport(
                    ok=False,
                    events=count,
                    head_hash=prev_hash,
                    broken_at=expected_seq,
                    problem=f"event {expected_seq} is missing",
                )
            if row["prev_hash"] != prev_hash or _link_hash(prev_hash, tenant_id, row) != row["hash"]:
                return ChainReport(
                    ok=False,
                    events=count,
                    head_hash=prev_hash,
                    broken_at=seq,
                    problem=f"event {seq} was changed or does not follow event {seq - 1}",
                )
            prev_hash, expected_seq, count = row["hash"], seq + 1, count + 1
        if len(rows) < batch:
            break
    head = await db.fetchrow("SELECT seq, hash FROM audit_head WHERE tenant_id = $1", tenant_id)
    head_seq, head_hash = (int(head["seq"]), head["hash"]) if head else (0, GENESIS)
    if head_seq != count or head_hash != prev_hash:
        return ChainReport(
            ok=False,
            events=count,
            head_hash=prev_hash,
            broken_at=count + 1,
            problem=f"the chain ends at event {count} but the head names event {head_seq}",
        )
    return ChainReport(ok=True, events=count, head_hash=prev_hash)

"""Tenant-scoped storage of referrals and their history (reason and outcome arrive sealed)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core.domain.referral import Referral, ReferralState, Step, Urgency
from core.storage.engine import Row
from core.storage.repositories import TenantScoped, as_date, as_datetime, new_id, now


def _epoch(at: dt.datetime) -> int:
    return int(at.timestamp())


class StoredReferral:
    """A referral row: the domain object plus its sealed texts."""

    __slots__ = ("decline_reason", "from_subject", "outcome", "reason", "referral")

    def __init__(self, referral: Referral, row: Row) -> None:
        self.referral = referral
        self.from_subject: str = row["from_subject"]
        self.reason = bytes(row["reason"])
        self.outcome = bytes(row["outcome"]) if row["outcome"] is not None else None
        self.decline_reason = bytes(row["decline_reason"]) if row["decline_reason"] is not None else None


_INSERT_REFERRAL = (
    "INSERT INTO referral (id, tenant_id, person_id, from_partner, from_subject, to_partner, service, urgency, "
    "due_date, state, reason, outcome, decline_reason, revision, created_at, updated_at, created_epoch, "
    "accepted_epoch, completed_epoch, reminded_at, escalated_at) "
    "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, NULL, NULL, 1, $12, $12, $13, NULL, NULL, NULL, NULL)"
)


class Referrals(TenantScoped):
    async def add(self, referral: Referral, *, from_subject: str, sealed_reason: bytes) -> None:
        values = (
            referral.id,
            self.tenant_id,
            referral.person_id,
            referral.from_partner,
            from_subject,
            referral.to_partner,
            referral.service,
            referral.urgency.value,
            referral.due_date,
            referral.state.value,
            sealed_reason,
            referral.created_at,
            _epoch(referral.created_at),
        )
        if self.db.dialect == "postgres" and len(referral.history) == 1:
            # the referral and its first step in one round trip (a data-modifying CTE; SQLite has none)
            step = referral.history[0]
            await self.db.execute(
                f"WITH sent AS ({_INSERT_REFERRAL} RETURNING id) "  # noqa: S608 - constants
                "INSERT INTO referral_step (id, tenant_id, referral_id, seq, state, actor, at) "
                "SELECT $14, $2, id, 1, $15, $16, $17 FROM sent",
                *values,
                new_id(),
                step.state.value,
                step.actor,
                step.at,
            )
            return
        await self.db.execute(_INSERT_REFERRAL, *values)
        await self._add_steps(referral.id, 0, referral.history)

    async def _add_steps(self, referral_id: str, first_seq: int, steps: tuple[Step, ...]) -> None:
        for offset, step in enumerate(steps):
            await self.db.execute(
                "INSERT INTO referral_step (id, tenant_id, referral_id, seq, state, actor, at) "
                "VALUES ($1, $2, $3, $4, $5, $6, $7)",
                new_id(),
                self.tenant_id,
                referral_id,
                first_seq + offset + 1,
                step.state.value,
                step.actor,
                step.at,
            )

    async def get(self, referral_id: str, *, for_update: bool = False) -> StoredReferral | None:
        lock = " FOR UPDATE" if for_update and self.db.dialect == "postgres" else ""
        row = await self.db.fetchrow(
            "SELECT * FROM referral WHERE tenant_id = $1 AND id = $2" + lock,  # noqa: S608 - a fixed suffix
            self.tenant_id,
            referral_id,
        )
        if row is None:
            return None
        steps = await self.db.fetch(
            "SELECT state, actor, at FROM referral_step WHERE tenant_id = $1 AND referral_id = $2 ORDER BY seq",
            self.tenant_id,
            referral_id,
        )
        return StoredReferral(_referral(row, steps), row)

    async def save(
        self,
        before: Referral,
        after: Referral,
        *,
        outcome: bytes | None = None,
        decline_reason: bytes | None = None,
    ) -> bool:
        """Store a transition; ``False`` when someone else moved the referral in between."""
        at = after.history[-1].at if after.history else now()
        changed = await self.db.execute(
            "UPDATE referral SET state = $1, revision = revision + 1, updated_at = $2, "
            "outcome = COALESCE($3, outcome), decline_reason = COALESCE($4, decline_reason), "
            "accepted_epoch = CASE WHEN $5 THEN $6 ELSE accepted_epoch END, "
            "completed_epoch = CASE WHEN $7 THEN $6 ELSE completed_epoch END "
            "WHERE tenant_id = $8 AND id = $9 AND revision = $10",
            after.state.value,
            at,
            outcome,
            decline_reason,
            after.state is ReferralState.ACCEPTED,
            _epoch(at),
            after.state is ReferralState.COMPLETED,
            self.tenant_id,
            after.id,
            before.revision,
        )
        if changed != 1:
            return False
        await self._add_steps(after.id, len(before.history), after.new_steps(before))
        return True

    async def box(
        self,
        *,
        partner_id: str,
        inbox: bool,
        state: ReferralState | None,
        limit: int,
        after_created: dt.datetime | None,
        after_id: str,
    ) -> list[Row]:
        column = "to_partner" if inbox else "from_partner"
        conditions = [f"tenant_id = $1 AND {column} = $2"]
        args: list[Any] = [self.tenant_id, partner_id]
        if state is not None:
            args.append(state.value)
            conditions.append(f"state = ${len(args)}")
        if after_created is not None:
            args += [after_created, after_id]
            conditions.append(f"(created_at, id) > (${len(args) - 1}, ${len(args)})")
        args.append(limit)
        sql = (
            "SELECT id, person_id, from_partner, to_partner, service, urgency, due_date, state, created_at, "  # noqa: S608
            f"updated_at FROM referral WHERE {' AND '.join(conditions)} ORDER BY created_at, id LIMIT ${len(args)}"
        )
        return await self.db.fetch(sql, *args)

    async def latest(self, *, partner_id: str, inbox: bool, state: ReferralState | None, limit: int) -> list[Row]:
        """A partner's inbox or outbox, the most recently changed first (for the staff screens)."""
        column = "to_partner" if inbox else "from_partner"
        args: list[Any] = [self.tenant_id, partner_id]
        condition = ""
        if state is not None:
            args.append(state.value)
            condition = " AND state = $3"
        args.append(limit)
        sql = (
            "SELECT id, person_id, from_partner, to_partner, service, urgency, due_date, state, created_at, "  # noqa: S608
            f"updated_at FROM referral WHERE tenant_id = $1 AND {column} = $2{condition} "
            f"ORDER BY updated_at DESC, id DESC LIMIT ${len(args)}"
        )
        return await self.db.fetch(sql, *args)

    async def due(self, today: dt.date, states: tuple[ReferralState, ...], limit: int = 200) -> list[str]:
        """Open referrals whose due date has passed."""
        placeholders = ", ".join(f"${i + 3}" for i in range(len(states)))
        rows = await self.db.fetch(
            f"SELECT id FROM referral WHERE tenant_id = $1 AND due_date < $2 AND state IN ({placeholders}) "  # noqa: S608
            f"AND escalated_at IS NULL LIMIT {int(limit)}",
            self.tenant_id,
            today,
            *[s.value for s in states],
        )
        return [r["id"] for r in rows]

    async def unanswered_since(self, before: dt.datetime, limit: int = 200) -> list[str]:
        rows = await self.db.fetch(
            "SELECT id FROM referral WHERE tenant_id = $1 AND state IN ('sent', 'received') AND created_at < $2 "
            "AND reminded_at IS NULL LIMIT $3",
            self.tenant_id,
            before,
            limit,
        )
        return [r["id"] for r in rows]

    async def mark(self, referral_id: str, column: str, at: dt.datetime) -> bool:
        """Set a deadline mark once; ``False`` when it was set already (another worker was first)."""
        assert column in ("reminded_at", "escalated_at")
        changed = await self.db.execute(
            f"UPDATE referral SET {column} = $1 WHERE tenant_id = $2 AND id = $3 AND {column} IS NULL",  # noqa: S608 - fixed names
            at,
            self.tenant_id,
            referral_id,
        )
        return changed == 1

    async def of_person(self, person_id: str) -> list[str]:
        rows = await self.db.fetch(
            "SELECT id FROM referral WHERE tenant_id = $1 AND person_id = $2", self.tenant_id, person_id
        )
        return [r["id"] for r in rows]

    async def figures(self, since: dt.datetime, until: dt.datetime) -> list[Row]:
        """Counts and mean durations per receiving partner and state — computed in the database."""
        return await self.db.fetch(
            "SELECT to_partner, state, COUNT(*) AS referrals, "
            "AVG(accepted_epoch - created_epoch) AS mean_seconds_to_acceptance, "
            "AVG(completed_epoch - created_epoch) AS mean_seconds_to_completion "
            "FROM referral WHERE tenant_id = $1 AND created_at >= $2 AND created_at < $3 "
            "GROUP BY to_partner, state ORDER BY to_partner, state",
            self.tenant_id,
            since,
            until,
        )


def _referral(row: Row, steps: list[Row]) -> Referral:
    return Referral(
        id=row["id"],
        person_id=row["person_id"],
        from_partner=row["from_partner"],
        to_partner=row["to_partner"],
        service=row["service"],
        urgency=Urgency(row["urgency"]),
        due_date=as_date(row["due_date"]),
        state=ReferralState(row["state"]),
        created_at=as_datetime(row["created_at"]),
        history=tuple(Step(state=ReferralState(s["state"]), at=as_datetime(s["at"]), actor=s["actor"]) for s in steps),
        revision=int(row["revision"]),
    )

"""Tenant-scoped storage of visits, queue tickets, slots and appointments."""

from __future__ import annotations

import datetime as dt
import json

from core.storage.engine import Row
from core.storage.repositories import TenantScoped, new_id, now


class Visits(TenantScoped):
    async def add(self, *, person_id: str | None, concerns: list[str], language: str, outcome: str) -> str:
        visit_id = new_id()
        await self.db.execute(
            "INSERT INTO visit (id, tenant_id, person_id, concerns, language, outcome, note, checked_in_at, "
            "resolved_at) VALUES ($1, $2, $3, $4, $5, $6, NULL, $7, NULL)",
            visit_id,
            self.tenant_id,
            person_id,
            json.dumps(concerns),
            language,
            outcome,
            now(),
        )
        return visit_id

    async def get(self, visit_id: str) -> Row | None:
        return await self.db.fetchrow("SELECT * FROM visit WHERE tenant_id = $1 AND id = $2", self.tenant_id, visit_id)

    async def between(self, start: dt.datetime, end: dt.datetime) -> list[Row]:
        return await self.db.fetch(
            "SELECT checked_in_at, outcome FROM visit WHERE tenant_id = $1 AND checked_in_at >= $2 "
            "AND checked_in_at < $3",
            self.tenant_id,
            start,
            end,
        )

    async def close(self, visit_id: str, outcome: str, note: bytes | None = None) -> bool:
        changed = await self.db.execute(
            "UPDATE visit SET outcome = $1, note = COALESCE($2, note), resolved_at = $3 "
            "WHERE tenant_id = $4 AND id = $5 AND outcome = 'open'",
            outcome,
            note,
            now(),
            self.tenant_id,
            visit_id,
        )
        return changed == 1


class Tickets(TenantScoped):
    async def next_number(self, partner_id: str, day: dt.date) -> int:
        """The next number of a partner's queue today (atomic: an upsert under the row lock)."""
        row = await self.db.fetchrow(
            "INSERT INTO ticket_counter (id, tenant_id, partner_id, day, last) VALUES ($1, $2, $3, $4, 1) "
            "ON CONFLICT (tenant_id, partner_id, day) DO UPDATE SET last = ticket_counter.last + 1 RETURNING last",
            new_id(),
            self.tenant_id,
            partner_id,
            day,
        )
        assert row is not None
        return int(row["last"])

    async def add(self, *, visit_id: str, partner_id: str, day: dt.date, number: str) -> str:
        ticket_id = new_id()
        await self.db.execute(
            "INSERT INTO ticket (id, tenant_id, visit_id, partner_id, day, number, state, counter, created_at, "
            "called_at) VALUES ($1, $2, $3, $4, $5, $6, 'waiting', '', $7, NULL)",
            ticket_id,
            self.tenant_id,
            visit_id,
            partner_id,
            day,
            number,
            now(),
        )
        return ticket_id

    async def get(self, ticket_id: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT * FROM ticket WHERE tenant_id = $1 AND id = $2", self.tenant_id, ticket_id
        )

    async def call(self, ticket_id: str, counter: str) -> bool:
        changed = await self.db.execute(
            "UPDATE ticket SET state = 'called', counter = $1, called_at = $2 "
            "WHERE tenant_id = $3 AND id = $4 AND state = 'waiting'",
            counter,
            now(),
            self.tenant_id,
            ticket_id,
        )
        return changed == 1

    async def waits(self, start: dt.datetime, end: dt.datetime) -> list[Row]:
        """Each ticket's partner, its visit's check-in and its call: the waiting times."""
        return await self.db.fetch(
            "SELECT t.partner_id, t.called_at, v.checked_in_at FROM ticket t JOIN visit v "
            "ON v.tenant_id = t.tenant_id AND v.id = t.visit_id "
            "WHERE t.tenant_id = $1 AND t.created_at >= $2 AND t.created_at < $3",
            self.tenant_id,
            start,
            end,
        )

    async def board(self, day: dt.date, limit: int = 8) -> tuple[list[Row], int]:
        """What the waiting-room display shows: the last called numbers and how many still wait."""
        called = await self.db.fetch(
            "SELECT number, counter FROM ticket WHERE tenant_id = $1 AND day = $2 AND state = 'called' "
            "ORDER BY called_at DESC LIMIT $3",
            self.tenant_id,
            day,
            limit,
        )
        waiting = await self.db.fetchrow(
            "SELECT COUNT(*) AS n FROM ticket WHERE tenant_id = $1 AND day = $2 AND state = 'waiting'",
            self.tenant_id,
            day,
        )
        return called, int(waiting["n"]) if waiting else 0


class Slots(TenantScoped):
    async def add(self, *, partner_id: str, start: dt.datetime, end: dt.datetime, room: str) -> str:
        slot_id = new_id()
        await self.db.execute(
            "INSERT INTO slot (id, tenant_id, partner_id, starts_at, ends_at, room, created_at, withdrawn_at) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)",
            slot_id,
            self.tenant_id,
            partner_id,
            start,
            end,
            room,
            now(),
        )
        return slot_id

    async def get(self, slot_id: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT * FROM slot WHERE tenant_id = $1 AND id = $2 AND withdrawn_at IS NULL", self.tenant_id, slot_id
        )

    async def free(self, partner_id: str, since: dt.datetime, until: dt.datetime, limit: int = 500) -> list[Row]:
        return await self.db.fetch(
            "SELECT s.id, s.starts_at, s.ends_at, s.room FROM slot s WHERE s.tenant_id = $1 AND s.partner_id = $2 "
            "AND s.starts_at >= $3 AND s.starts_at < $4 AND s.withdrawn_at IS NULL AND NOT EXISTS ("
            "SELECT 1 FROM appointment a WHERE a.tenant_id = s.tenant_id AND a.slot_id = s.id AND a.state = 'booked') "
            "ORDER BY s.starts_at, s.room LIMIT $5",
            self.tenant_id,
            partner_id,
            since,
            until,
            limit,
        )

    async def between(self, partner_id: str, since: dt.datetime, until: dt.datetime, limit: int = 2000) -> list[Row]:
        """A partner's published slots starting in ``[since, until)``, free or not (the calendar)."""
        return await self.db.fetch(
            "SELECT id, starts_at, ends_at, room FROM slot WHERE tenant_id = $1 AND partner_id = $2 "
            "AND starts_at >= $3 AND starts_at < $4 AND withdrawn_at IS NULL ORDER BY starts_at, room LIMIT $5",
            self.tenant_id,
            partner_id,
            since,
            until,
            limit,
        )


class Appointments(TenantScoped):
    async def add(
        self,
        *,
        person_id: str,
        partner_id: str,
        service: str,
        slot_id: str,
        code: str,
        language: str,
        starts_at: dt.datetime,
        visit_id: str | None,
        booked_by: str,
    ) -> str:
        """Raises ``DuplicateKey`` when the slot is booked already (the partial unique index)."""
        appointment_id = new_id()
        at = now()
        await self.db.execute(
            "INSERT INTO appointment (id, tenant_id, person_id, partner_id, service, slot_id, code, state, language, "
            "visit_id, requested_at, starts_at, reminded_at, created_at, updated_at, booked_by) "
            "VALUES ($1, $2, $3, $4, $5, $6, $7, 'booked', $8, $9, $10, $11, NULL, $10, $10, $12)",
            appointment_id,
            self.tenant_id,
            person_id,
            partner_id,
            service,
            slot_id,
            code,
            language,
            visit_id,
            at,
            starts_at,
            booked_by,
        )
        return appointment_id

    async def get(self, appointment_id: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT * FROM appointment WHERE tenant_id = $1 AND id = $2", self.tenant_id, appointment_id
        )

    async def requested_between(self, start: dt.datetime, end: dt.datetime) -> list[Row]:
        return await self.db.fetch(
            "SELECT partner_id, state, requested_at, starts_at FROM appointment "
            "WHERE tenant_id = $1 AND requested_at >= $2 AND requested_at < $3",
            self.tenant_id,
            start,
            end,
        )

    async def of_person(self, person_id: str) -> list[Row]:
        return await self.db.fetch(
            "SELECT id, partner_id, service, state, starts_at, language, created_at FROM appointment "
            "WHERE tenant_id = $1 AND person_id = $2 ORDER BY starts_at",
            self.tenant_id,
            person_id,
        )

    async def of_partner_between(self, partner_id: str, since: dt.datetime, until: dt.datetime) -> list[Row]:
        """The appointments with a partner starting in ``[since, until)``, in any state (the calendar)."""
        return await self.db.fetch(
            "SELECT id, person_id, service, slot_id, code, state, starts_at, booked_by FROM appointment "
            "WHERE tenant_id = $1 AND partner_id = $2 AND starts_at >= $3 AND starts_at < $4 "
            "ORDER BY starts_at, created_at",
            self.tenant_id,
            partner_id,
            since,
            until,
        )

    async def by_code(self, code: str) -> Row | None:
        return await self.db.fetchrow(
            "SELECT * FROM appointment WHERE tenant_id = $1 AND code = $2", self.tenant_id, code
        )

    async def set_state(self, appointment_id: str, state: str, *, expected: str = "booked") -> bool:
        changed = await self.db.execute(
            "UPDATE appointment SET state = $1, updated_at = $2 WHERE tenant_id = $3 AND id = $4 AND state = $5",
            state,
            now(),
            self.tenant_id,
            appointment_id,
            expected,
        )
        return changed == 1

    async def move(self, appointment_id: str, slot_id: str, starts_at: dt.datetime) -> bool:
        """Reschedule; raises ``DuplicateKey`` when the new slot is taken."""
        changed = await self.db.execute(
            "UPDATE appointment SET slot_id = $1, starts_at = $2, updated_at = $3, reminded_at = NULL "
            "WHERE tenant_id = $4 AND id = $5 AND state = 'booked'",
            slot_id,
            starts_at,
            now(),
            self.tenant_id,
            appointment_id,
        )
        return changed == 1

    async def due_for_reminder(self, until: dt.datetime, limit: int = 200) -> list[str]:
        rows = await self.db.fetch(
            "SELECT id FROM appointment WHERE tenant_id = $1 AND state = 'booked' AND reminded_at IS NULL "
            "AND starts_at > $2 AND starts_at <= $3 LIMIT $4",
            self.tenant_id,
            now(),
            until,
            limit,
        )
        return [r["id"] for r in rows]

    async def mark_reminded(self, appointment_id: str) -> bool:
        changed = await self.db.execute(
            "UPDATE appointment SET reminded_at = $1 WHERE tenant_id = $2 AND id = $3 AND reminded_at IS NULL",
            now(),
            self.tenant_id,
            appointment_id,
        )
        return changed == 1

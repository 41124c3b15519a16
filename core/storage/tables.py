"""The schema as Piccolo tables: the source from which the migrations in ``migrations/`` are made.

Every table carries ``tenant_id`` and every unique key starts with it (ARCHITECTURE §8). Piccolo
allows one primary-key column only, so each row's key is a random id, and ``(tenant_id, id)`` is
declared unique beside it: every lookup leads with the tenant, and the tenant-first key is what a
distributed (Citus-style) layout would use. Piccolo's ``Unique`` constraint cannot be added to an
existing SQLite table, so the tenant-first unique keys are unique indexes, created in the migrations
(``add_raw``) and listed in each table's docstring.
"""

from __future__ import annotations

from piccolo.columns import BigInt, Boolean, Bytea, Date, Integer, Text, Timestamptz, Varchar
from piccolo.table import Table


class Tenant(Table, tablename="tenant"):
    """A county: its name, the plugins it enables and its code-less partners (validated JSON)."""

    tenant_id = Varchar(length=40, primary_key=True)
    name = Varchar(length=200)
    plugins = Text(default="[]")
    declared_partners = Text(default="[]")
    plugin_config = Text(default="{}")
    created_at = Timestamptz()


class StaffUser(Table, tablename="staff_user"):
    """A staff login of one partner office; the password only as an argon2id hash.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, username)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    role = Varchar(length=20)
    username = Varchar(length=80)
    password_hash = Text()
    active = Boolean(default=True)
    created_at = Timestamptz()
    failed_logins = Integer(default=0)
    """Wrong passwords since the last successful sign-in; at the limit the login is locked for a while."""
    locked_until = Timestamptz(null=True, default=None)


class ApiToken(Table, tablename="api_token"):
    """An API token of a partner office; only the SHA-256 of the secret is stored.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, secret_hash)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    role = Varchar(length=20)
    name = Varchar(length=120)
    secret_hash = Varchar(length=64)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)


class Person(Table, tablename="person"):
    """A migration biography's anchor: ids and bookkeeping only; every value lives encrypted in ``person_field``.

    Unique keys: ``(tenant_id, id)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    revision = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    erased_at = Timestamptz(null=True, default=None)


class PersonKey(Table, tablename="person_key"):
    """A person's data key, wrapped by a tenant KEK version. Deleting it crypto-shreds the person.

    Unique keys: ``(tenant_id, person_id)``; index ``(tenant_id, kek_version)`` drives rotation.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    kek_version = Integer()
    dek_version = Integer(default=1)
    wrapped_dek = Bytea()


class PersonField(Table, tablename="person_field"):
    """One encrypted field value of a person (AES-256-GCM, bound to tenant, table, person and field).

    Unique keys: ``(tenant_id, person_id, field)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    field = Varchar(length=80)
    ciphertext = Bytea()


class PersonIndex(Table, tablename="person_index"):
    """Blind-index digests of a person's searchable fields.

    Unique keys: ``(tenant_id, person_id, kind)``; lookup index ``(tenant_id, kind, digest)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    kind = Varchar(length=20)
    digest = Bytea()


class Consent(Table, tablename="consent"):
    """A consent record (ISO/IEC TS 27560 shape); purpose and receipt code are sealed with the person's key.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, receipt_digest)``; index ``(tenant_id, person_id)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    state = Varchar(length=20)
    recipients = Text()
    fields = Text()
    sealed_terms = Bytea()
    legal_basis = Varchar(length=60)
    language = Varchar(length=8)
    notice_version = Varchar(length=64)
    method = Varchar(length=20)
    valid_from = Date()
    valid_until = Date()
    recorded_by = Varchar(length=80)
    given_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)
    receipt_digest = Varchar(length=64)


class TransferBlock(Table, tablename="transfer_block"):
    """A person's objection: statute-based sharing with the named partner stops (AZRG §4 style).

    Unique keys: ``(tenant_id, id)``; index ``(tenant_id, person_id)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    partner_id = Varchar(length=40)
    recorded_by = Varchar(length=80)
    created_at = Timestamptz()
    lifted_at = Timestamptz(null=True, default=None)


class AuditEvent(Table, tablename="audit_event"):
    """One link of a tenant's hash chain: who did what to which person's which fields, on what basis.

    Unique keys: ``(tenant_id, seq)``; index ``(tenant_id, person_id)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    seq = BigInt()
    at = Timestamptz()
    actor = Varchar(length=80)
    partner_id = Varchar(length=40)
    person_id = Varchar(length=32, null=True, default=None)
    action = Varchar(length=30)
    fields = Text()
    purpose = Text()
    basis = Text()
    prev_hash = Varchar(length=64)
    hash = Varchar(length=64)


class AuditHead(Table, tablename="audit_head"):
    """The newest link of each tenant's chain; locked while appending so links never fork."""

    tenant_id = Varchar(length=40, primary_key=True)
    seq = BigInt()
    hash = Varchar(length=64)


class Referral(Table, tablename="referral"):
    """A referral between two partners; reason and outcome sealed with the person's key.

    Unique keys: ``(tenant_id, id)``; indexes ``(tenant_id, to_partner, state)``,
    ``(tenant_id, from_partner, state)``, ``(tenant_id, state, due_date)``. Times are also kept as
    epoch seconds so the report can average durations in SQL on both engines.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    from_partner = Varchar(length=40)
    from_subject = Varchar(length=80)
    to_partner = Varchar(length=40)
    service = Varchar(length=40)
    urgency = Varchar(length=12)
    due_date = Date()
    state = Varchar(length=16)
    reason = Bytea()
    outcome = Bytea(null=True, default=None)
    decline_reason = Bytea(null=True, default=None)
    revision = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()
    created_epoch = BigInt()
    accepted_epoch = BigInt(null=True, default=None)
    completed_epoch = BigInt(null=True, default=None)
    reminded_at = Timestamptz(null=True, default=None)
    escalated_at = Timestamptz(null=True, default=None)


class ReferralStep(Table, tablename="referral_step"):
    """The history of a referral: one row per state, who moved it, when.

    Unique keys: ``(tenant_id, referral_id, seq)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    referral_id = Varchar(length=32)
    seq = Integer()
    state = Varchar(length=16)
    actor = Varchar(length=80)
    at = Timestamptz()


class OutboxDelivery(Table, tablename="outbox"):
    """The transactional outbox: one row per event and destination, written with the state change.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, event_id, destination)``; the dispatcher's
    queue index is ``(tenant_id, status, next_attempt_at)``. The payload holds ids and states only.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    event_id = Varchar(length=32)
    destination = Varchar(length=80)
    payload = Text()
    status = Varchar(length=12)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz()
    lease_until = Timestamptz(null=True, default=None)
    last_error = Varchar(length=200, default="")
    created_at = Timestamptz()
    delivered_at = Timestamptz(null=True, default=None)


class WebhookSubscription(Table, tablename="webhook_subscription"):
    """A partner's webhook: where to post which events; the signing secret sealed with a tenant key.

    Unique keys: ``(tenant_id, id)``; index ``(tenant_id, partner_id)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    url = Text()
    events = Text()
    sealed_secret = Bytea()
    active = Boolean(default=True)
    created_at = Timestamptz()


class Visit(Table, tablename="visit"):
    """A visit at the reception desk: who (if known), which concerns, what came of it.

    Unique keys: ``(tenant_id, id)``; index ``(tenant_id, checked_in_at)``. The desk note is sealed.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32, null=True, default=None)
    concerns = Text()
    language = Varchar(length=8)
    outcome = Varchar(length=16)
    note = Bytea(null=True, default=None)
    checked_in_at = Timestamptz()
    resolved_at = Timestamptz(null=True, default=None)


class Ticket(Table, tablename="ticket"):
    """A place in a partner's backoffice queue: a short number, called to a counter.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, partner_id, day, number)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    visit_id = Varchar(length=32)
    partner_id = Varchar(length=40)
    day = Date()
    number = Varchar(length=12)
    state = Varchar(length=12)
    counter = Varchar(length=20, default="")
    created_at = Timestamptz()
    called_at = Timestamptz(null=True, default=None)


class TicketCounter(Table, tablename="ticket_counter"):
    """The last ticket number of a partner's queue on one day.

    Unique keys: ``(tenant_id, partner_id, day)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    day = Date()
    last = Integer()


class Slot(Table, tablename="slot"):
    """A bookable unit of a partner's capacity (a time, a room, one member of staff).

    Unique keys: ``(tenant_id, id)``; index ``(tenant_id, partner_id, starts_at)``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    partner_id = Varchar(length=40)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    room = Varchar(length=40, default="")
    created_at = Timestamptz()
    withdrawn_at = Timestamptz(null=True, default=None)


class Appointment(Table, tablename="appointment"):
    """A booked slot for a person. A partial unique index on ``(tenant_id, slot_id)`` over booked
    appointments makes double booking impossible, whatever the application does.

    Unique keys: ``(tenant_id, id)``, ``(tenant_id, code)``, ``(tenant_id, slot_id) WHERE state = 'booked'``.
    """

    id = Varchar(length=32, primary_key=True)
    tenant_id = Varchar(length=40)
    person_id = Varchar(length=32)
    partner_id = Varchar(length=40)
    service = Varchar(length=40)
    slot_id = Varchar(length=32)
    code = Varchar(length=16)
    state = Varchar(length=12)
    language = Varchar(length=8)
    visit_id = Varchar(length=32, null=True, default=None)
    booked_by = Varchar(length=40, default="")
    requested_at = Timestamptz()
    starts_at = Timestamptz()
    reminded_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class WebSession(Table, tablename="web_session"):
    """A signed-in session of the staff web UI, kept server-side so that logging out really ends it.

    The row is keyed by the SHA-256 of the session cookie, so a copy of the table opens no session;
    ``tenant_id`` and ``user_id`` let a deactivated login's sessions end at once.
    Unique key: ``id`` (a digest of a random cookie value, unique across tenants by construction).
    """

    id = Varchar(length=64, primary_key=True)
    tenant_id = Varchar(length=40)
    user_id = Varchar(length=32)
    data = Bytea()
    expires_at = Timestamptz()


TABLES: tuple[type[Table], ...] = (
    Tenant,
    StaffUser,
    ApiToken,
    Person,
    PersonKey,
    PersonField,
    PersonIndex,
    Consent,
    TransferBlock,
    AuditEvent,
    AuditHead,
    Referral,
    ReferralStep,
    OutboxDelivery,
    WebhookSubscription,
    Visit,
    Ticket,
    TicketCounter,
    Slot,
    Appointment,
    WebSession,
)

"""The built-in plugins answer referrals where their office would, on real SQLite and PostgreSQL.

The Kreissportbund answers a club placement with a club (``agentur_referral_event``), the BA forwards
a referral to its own system over HTTP (``agentur_referral_event``), the Forum Ehrenamt confirms at once
(``agentur_referral_event``), and the Jugendamt pre-checks its services for unaccompanied minors
(``agentur_eligibility``).
"""

from __future__ import annotations

import datetime as dt
import json
import threading
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from core.bus.dispatcher import Dispatcher
from core.domain.consent import CollectionMethod
from core.domain.errors import InvalidInput
from core.domain.referral import ReferralState
from core.domain.staff import Principal, Role
from core.services.agency import Agency
from core.services.consents import ConsentTerms, record_consent
from core.services.persons import create_person, update_person
from core.services.referrals import ReferralCreate, ReferralOut, read_referral, send_referral
from core.services.staff import create_tenant
from core.storage.repositories import Tenants, now
from plugins.baa.forwarding import ConfigurationError, endpoint_of
from plugins.sportbund.clubs import sports_in, suggestion
from tests.conftest import unique_slug

PLUGINS = ["iaa", "jobcenter", "jugendamt", "sportbund", "ehrenamt", "baa"]
NEXT_YEAR = dt.date.today() + dt.timedelta(days=365)
TOKEN = "ba-test-token-7f3a"

AMIRA = {
    "family_name": "Al-Hassan",
    "given_names": "Amira",
    "birth_date": "1994-03-12",
    "nationality": ["SY"],
    "address": "Lindenring 7, 06618 Naumburg (Saale)",
    "phone": "+49 1570 0000 417",
    "municipality": "Naumburg (Saale)",
    "residence_status": "aufenthaltserlaubnis",
    "work_permission": "permitted",
}


def office(tenant: str, partner: str) -> Principal:
    return Principal(tenant_id=tenant, partner_id=partner, role=Role.CASEWORKER, subject=f"token:{partner}")


async def consent(agency: Agency, tenant: str, person: str, partners: list[str], fields: list[str]) -> None:
    terms = ConsentTerms(
        partners=partners,
        fields=fields,
        purpose="Vermittlung an Partner der Migrationsagentur",
        valid_until=NEXT_YEAR,
        language="ar",
        method=CollectionMethod.WITH_INTERPRETER,
    )
    await record_consent(agency, office(tenant, "iaa"), person, terms)


async def new_tenant(agency: Agency) -> str:
    tenant = unique_slug()
    await create_tenant(agency, tenant, name="Burgenlandkreis", plugins=PLUGINS, declared_partners=[])
    return tenant


async def register(
    agency: Agency, tenant: str, fields: dict[str, Any], *, consented: dict[str, Any] | None = None
) -> str:
    """The iaa registers the person; fields it may only hold by consent are written after that consent."""
    person = (await create_person(agency, office(tenant, "iaa"), fields)).id
    if consented:
        await consent(agency, tenant, person, ["iaa"], list(consented))
        await update_person(agency, office(tenant, "iaa"), person, consented, if_revision=None)
    return person


async def refer(agency: Agency, tenant: str, person: str, to: str, service: str, reason: str) -> ReferralOut:
    body = ReferralCreate(person_id=person, to_partner=to, service=service, reason=reason)
    return await send_referral(agency, office(tenant, "iaa"), body)


@pytest.fixture
async def dispatcher(agency: Agency) -> AsyncIterator[Dispatcher]:
    bus = Dispatcher(agency)
    try:
        yield bus
    finally:
        await bus.close()


async def outbox_rows(agency: Agency, tenant: str, destination: str) -> list[dict[str, Any]]:
    rows = await agency.db.fetch(
        "SELECT id, event_id, destination, payload, status, attempts, last_error FROM outbox "
        "WHERE tenant_id = $1 AND destination = $2 ORDER BY created_at, id",
        tenant,
        destination,
    )
    return [dict(r) for r in rows]


async def sent_row(agency: Agency, tenant: str, destination: str, referral_id: str) -> dict[str, Any]:
    rows = [
        r
        for r in await outbox_rows(agency, tenant, destination)
        if json.loads(r["payload"])["referral_id"] == referral_id
        and json.loads(r["payload"])["type"] == "referral.sent"
    ]
    assert len(rows) == 1, rows
    return rows[0]


# --- the Kreissportbund ----------------------------------------------------------------------------


async def test_sportbund_answers_agentur_referral_event_with_a_club(agency: Agency, dispatcher: Dispatcher) -> None:
    tenant = await new_tenant(agency)
    person = await register(agency, tenant, AMIRA, consented={"sport_interests": ["Fußball", "Schwimmen"]})
    await consent(
        agency,
        tenant,
        person,
        ["sportbund"],
        ["given_names", "family_name", "birth_date", "municipality", "phone", "sport_interests"],
    )
    sent = await refer(
        agency, tenant, person, "sportbund", "vereinsvermittlung", "Möchte in einem Verein Fußball spielen."
    )

    # the PostgreSQL database is shared by the run: count only this tenant's deliveries
    assert await dispatcher.run_once([tenant]) >= 2  # the sent event to both ends
    await dispatcher.run_once([tenant])  # the events the plugin's own actions wrote
    assert await dispatcher.run_once([tenant]) == 0

    seen = await read_referral(agency, office(tenant, "iaa"), sent.id)
    assert seen.state is ReferralState.COMPLETED
    assert seen.outcome is not None
    assert "SV Blau-Weiß Naumburg e.V. (Fußball)" in seen.outcome
    assert "Schwimmverein Saale-Delphine Naumburg e.V. (Schwimmen)" in seen.outcome
    assert "Training Di und Do 17:00" in seen.outcome, "an adult gets the adults' training times"
    assert "Amira" not in seen.outcome and "Al-Hassan" not in seen.outcome
    assert [(s.state, s.actor) for s in seen.history] == [
        (ReferralState.SENT, "token:iaa"),
        (ReferralState.RECEIVED, "plugin:sportbund"),
        (ReferralState.ACCEPTED, "plugin:sportbund"),
        (ReferralState.IN_PROGRESS, "plugin:sportbund"),
        (ReferralState.COMPLETED, "plugin:sportbund"),
    ]
    rows = await outbox_rows(agency, tenant, "plugin:sportbund")
    assert {r["status"] for r in rows} == {"delivered"}

    # at least once: the same sent event again changes nothing and is not refused either
    first = await sent_row(agency, tenant, "plugin:sportbund", sent.id)
    async with agency.db.transaction() as tx:
        await tx.execute("UPDATE outbox SET status = 'pending', next_attempt_at = $1 WHERE id = $2", now(), first["id"])
    assert await dispatcher.run_once([tenant]) == 1
    again = await read_referral(agency, office(tenant, "iaa"), sent.id)
    assert again.state is ReferralState.COMPLETED and len(again.history) == 5
    assert (await sent_row(agency, tenant, "plugin:sportbund", sent.id))["status"] == "delivered"


async def test_sportbund_agentur_referral_event_without_interests_suggests_sport_im_park(
    agency: Agency, dispatcher: Dispatcher
) -> None:
    tenant = await new_tenant(agency)
    person = await register(agency, tenant, {**AMIRA, "municipality": "Zeitz"})  # no sport interests recorded
    await consent(
        agency,
        tenant,
        person,
        ["sportbund"],
        ["given_names", "family_name", "birth_date", "municipality", "phone", "sport_interests"],
    )
    sent = await refer(agency, tenant, person, "sportbund", "vereinsvermittlung", "Sucht Bewegung und Kontakte.")
    await dispatcher.run_once()
    seen = await read_referral(agency, office(tenant, "iaa"), sent.id)
    assert seen.state is ReferralState.COMPLETED
    assert seen.outcome is not None and "„Sport im Park“" in seen.outcome
    assert "Schlosspark Moritzburg Zeitz" in seen.outcome


async def test_sportbund_agentur_referral_event_leaves_other_services_to_a_person(
    agency: Agency, dispatcher: Dispatcher
) -> None:
    tenant = await new_tenant(agency)
    person = await register(agency, tenant, AMIRA, consented={"sport_interests": ["Schwimmen"]})
    await consent(
        agency, tenant, person, ["sportbund"], ["given_names", "family_name", "birth_date", "phone", "sport_interests"]
    )
    sent = await refer(agency, tenant, person, "sportbund", "maedchen_frauen", "Schwimmkurs nur für Frauen gesucht.")
    await dispatcher.run_once()
    assert (await read_referral(agency, office(tenant, "iaa"), sent.id)).state is ReferralState.SENT


def test_club_matching_reads_interests_in_several_languages_and_the_age() -> None:
    assert sports_in(["كرة القدم", "swimming", "Reiten"]) == (["fussball", "schwimmen"], 1)
    assert sports_in(["Kickboxen"])[0] == ["kampfsport"]
    teen = suggestion(["Football"], "Weißenfels", (dt.date.today() - dt.timedelta(days=15 * 366)).isoformat())
    assert "SSV Saalekicker Weißenfels e.V. (Fußball), Training Jugend Mo und Mi 17:00" in teen
    nearby = suggestion(["Volleyball"], "Hohenmölsen", None)
    assert "VC Lützen e.V. (Volleyball)" in nearby, "an offer in the same area before one across the county"
    assert "Erwachsene" in nearby and "Jugend" in nearby, "both groups when the age is not visible"
    unmatched = suggestion(["Reiten"], None, None)
    assert "Sport im Park" in unmatched and "Bürgergarten Naumburg" in unmatched and "Reiten" not in unmatched


# --- the Bundesagentur für Arbeit ------------------------------------------------------------------


@dataclass
class Receiver:
    """A stand-in for the BA's case management: records each request, answers with ``status``."""

    url: str = ""
    status: int = 201
    requests: list[dict[str, Any]] = field(default_factory=list)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            state.requests.append(
                {
                    "path": self.path,
                    "headers": {k.lower(): v for k, v in self.headers.items()},
                    "body": self.rfile.read(length),
                }
            )
            answer = b'{"case": "BA-4711"}' if state.status < 300 else b'{"error": "down"}'
            self.send_response(state.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(answer)))
            self.end_headers()
            self.wfile.write(answer)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/ba/zuweisungen"
    try:
        yield state
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


BA_MAY_SEE = {
    "family_name",
    "given_names",
    "birth_date",
    "birth_place",
    "gender",
    "nationality",
    "address",
    "phone",
    "email",
    "municipality",
    "residence_status",
    "permit_valid_until",
    "arrival_date",
    "work_permission",
    "marital_status",
    "children",
    "school_education",
    "vocational_qualifications",
    "work_experience",
    "desired_occupation",
    "mother_tongue",
    "languages",
    "integration_course",
}
"""The BA's grants (AZRG §18b); ``health_notes`` and ``sport_interests`` are not among them."""


async def test_baa_agentur_referral_event_forwards_to_the_configured_endpoint(
    agency: Agency, dispatcher: Dispatcher, receiver: Receiver
) -> None:
    tenant = await new_tenant(agency)
    await Tenants(agency.db).configure(tenant, {"baa": {"endpoint": receiver.url, "token": TOKEN}})
    person = await register(
        agency,
        tenant,
        AMIRA,
        consented={
            "vocational_qualifications": [{"title": "Pflegefachkraft", "country": "SY"}],
            "work_experience": [{"occupation": "Krankenpflegerin", "years": 6, "country": "SY"}],
            "health_notes": "Asthma",
            "sport_interests": ["Laufen"],
        },
    )
    reason = "Examinierte Pflegefachkraft, möchte die Anerkennung beim Landesverwaltungsamt beantragen."
    sent = await refer(agency, tenant, person, "baa", "anerkennungsberatung", reason)

    await dispatcher.run_once()
    assert len(receiver.requests) == 1
    request = receiver.requests[0]
    event_id = (await sent_row(agency, tenant, "plugin:baa", sent.id))["event_id"]
    assert request["path"] == "/ba/zuweisungen"
    assert request["headers"]["idempotency-key"] == event_id
    assert request["headers"]["authorization"] == f"Bearer {TOKEN}"
    assert request["headers"]["content-type"] == "application/json"
    document = json.loads(request["body"])
    assert document["referral"] == {
        "id": sent.id,
        "from_partner": "iaa",
        "service": "anerkennungsberatung",
        "urgency": "normal",
        "due_date": sent.due_date.isoformat(),
        "reason": reason,
    }
    seen = document["person"]
    assert seen["family_name"] == "Al-Hassan" and seen["birth_date"] == "1994-03-12"
    assert seen["vocational_qualifications"][0]["title"] == "Pflegefachkraft"
    assert seen["work_experience"][0]["years"] == 6
    assert set(seen) <= BA_MAY_SEE
    assert "health_notes" not in seen and "sport_interests" not in seen
    assert b"Asthma" not in request["body"] and b"Laufen" not in request["body"]
    assert (await sent_row(agency, tenant, "plugin:baa", sent.id))["status"] == "delivered"
    # forwarding confirms receipt only: acceptance follows in the BA's own system, by a person
    assert (await read_referral(agency, office(tenant, "iaa"), sent.id)).state is ReferralState.SENT

    # the endpoint fails: the delivery is kept and retried, not lost
    receiver.status = 500
    second = await refer(agency, tenant, person, "baa", "vermittlung_gefluechtete", "Sucht Arbeit in der Pflege.")
    await dispatcher.run_once()
    assert len(receiver.requests) == 2
    failed = await sent_row(agency, tenant, "plugin:baa", second.id)
    assert failed["status"] == "pending" and failed["attempts"] == 1
    assert "ForwardingError" in failed["last_error"] and "plugin:baa" in failed["last_error"]
    assert "Al-Hassan" not in failed["last_error"]
    await dispatcher.run_once()
    assert len(receiver.requests) == 2, "not before its back-off has passed"

    receiver.status = 200
    async with agency.db.transaction() as tx:
        await tx.execute("UPDATE outbox SET next_attempt_at = $1 WHERE id = $2", now(), failed["id"])
    await dispatcher.run_once()
    assert len(receiver.requests) == 3
    assert receiver.requests[2]["headers"]["idempotency-key"] == receiver.requests[1]["headers"]["idempotency-key"]
    assert receiver.requests[2]["headers"]["idempotency-key"] == failed["event_id"]
    assert json.loads(receiver.requests[2]["body"])["referral"]["id"] == second.id
    delivered = await sent_row(agency, tenant, "plugin:baa", second.id)
    assert delivered["status"] == "delivered" and delivered["attempts"] == 2


async def test_baa_agentur_referral_event_without_endpoint_forwards_nothing(
    agency: Agency, dispatcher: Dispatcher, receiver: Receiver
) -> None:
    tenant = await new_tenant(agency)
    person = await register(agency, tenant, AMIRA)
    sent = await refer(agency, tenant, person, "baa", "berufsberatung", "Sucht einen Ausbildungsplatz.")
    await dispatcher.run_once()
    assert receiver.requests == []
    assert (await sent_row(agency, tenant, "plugin:baa", sent.id))["status"] == "delivered"


def test_baa_endpoint_must_be_https_except_on_this_machine() -> None:
    assert endpoint_of({}) is None and endpoint_of({"endpoint": " "}) is None
    assert endpoint_of({"endpoint": "https://ba.example/api"}) == "https://ba.example/api"
    assert endpoint_of({"endpoint": "http://127.0.0.1:8080/x"}) == "http://127.0.0.1:8080/x"
    with pytest.raises(ConfigurationError):
        endpoint_of({"endpoint": "http://ba.example/api"})


# --- the Forum Ehrenamt ----------------------------------------------------------------------------


async def test_ehrenamt_accepts_in_agentur_referral_event(agency: Agency, dispatcher: Dispatcher) -> None:
    tenant = await new_tenant(agency)
    person = await register(agency, tenant, AMIRA)
    await consent(agency, tenant, person, ["ehrenamt"], ["given_names", "family_name", "municipality", "phone"])
    sent = await refer(agency, tenant, person, "ehrenamt", "patenschaften", "Wünscht eine Patin für den Alltag.")
    await dispatcher.run_once()
    await dispatcher.run_once()
    seen = await read_referral(agency, office(tenant, "iaa"), sent.id)
    assert seen.state is ReferralState.ACCEPTED
    assert [(s.state, s.actor) for s in seen.history[1:]] == [
        (ReferralState.RECEIVED, "plugin:ehrenamt"),
        (ReferralState.ACCEPTED, "plugin:ehrenamt"),
    ]


# --- the Jugendamt ---------------------------------------------------------------------------------


def years_ago(years: int) -> str:
    today = dt.date.today()
    return (today.replace(year=today.year - years, day=min(today.day, 28))).isoformat()


async def young_person(agency: Agency, tenant: str, birth_date: str, unaccompanied: bool) -> str:
    fields = {
        "family_name": "Rahimi",
        "given_names": "Farid",
        "birth_date": birth_date,
        "nationality": ["AF"],
        "arrival_date": (dt.date.today() - dt.timedelta(days=20)).isoformat(),
        "residence_status": "aufenthaltsgestattung",
    }
    person = (await create_person(agency, office(tenant, "iaa"), fields)).id
    await update_person(
        agency, office(tenant, "jugendamt"), person, {"unaccompanied_minor": unaccompanied}, if_revision=None
    )
    return person


async def test_jugendamt_agentur_eligibility_refuses_guardianship_for_an_adult(agency: Agency) -> None:
    tenant = await new_tenant(agency)
    adult = await young_person(agency, tenant, years_ago(30), unaccompanied=True)
    with pytest.raises(InvalidInput) as refused:
        await refer(agency, tenant, adult, "jugendamt", "vormundschaft", "Gibt an, minderjährig zu sein.")
    assert "cannot take this referral for 'vormundschaft'" in str(refused.value)
    # the refusal's reasons rest on the birth date, which the sender may not see: they stay with the Jugendamt
    assert "volljährig" not in str(refused.value) and "of age" not in str(refused.value)
    assert refused.value.errors == {"service": "not eligible"}
    # a 30-year-old is past even the exceptional limit of help for young adults
    with pytest.raises(InvalidInput, match="cannot take this referral for 'asd_uma'"):
        await refer(agency, tenant, adult, "jugendamt", "asd_uma", "Sucht Unterstützung.")
    # the Inobhutnahme is never refused on a recorded date: the age assessment is the office's (§ 42f)
    taken = await refer(agency, tenant, adult, "jugendamt", "inobhutnahme", "Alter strittig, bitte einschätzen.")
    assert taken.state is ReferralState.SENT


async def test_jugendamt_agentur_eligibility_lets_an_unaccompanied_minor_through(agency: Agency) -> None:
    tenant = await new_tenant(agency)
    minor = await young_person(agency, tenant, years_ago(16), unaccompanied=True)
    sent = await refer(agency, tenant, minor, "jugendamt", "vormundschaft", "Unbegleitet eingereist, 16 Jahre.")
    assert sent.state is ReferralState.SENT
    young_adult = await young_person(agency, tenant, years_ago(19), unaccompanied=True)
    assert (await refer(agency, tenant, young_adult, "jugendamt", "asd_uma", "Hilfe nach § 41.")).state is (
        ReferralState.SENT
    )


async def test_jugendamt_agentur_eligibility_refuses_uma_services_for_an_accompanied_minor(agency: Agency) -> None:
    tenant = await new_tenant(agency)
    accompanied = await young_person(agency, tenant, years_ago(15), unaccompanied=False)
    for service in ("vormundschaft", "asd_uma"):
        with pytest.raises(InvalidInput, match=f"cannot take this referral for '{service}'"):
            await refer(agency, tenant, accompanied, "jugendamt", service, "Familie braucht Unterstützung.")

"""The access decision in isolation: fakes for partners, consents and blocks; no database."""

from __future__ import annotations

import datetime as dt

from core import CONSENT, FieldGrant, Partner, PartnerKind
from core.access import Mode, PersonFacts, decide, facts_from
from core.domain.biography import FieldCatalogue
from core.domain.consent import CollectionMethod, ConsentRecord, TransferBlock
from core.domain.staff import Principal, Role

NAMES = {"de": "x", "en": "x", "ar": "x", "ku": "x"}
TODAY = dt.date(2026, 11, 25)
CATALOGUE = FieldCatalogue.build({})
ALL = CATALOGUE.names()
NON_EU = PersonFacts(free_movement=False)
EU = PersonFacts(free_movement=True)

JOBCENTER = Partner(
    id="jobcenter",
    names=NAMES,
    kind=PartnerKind.INTERNAL,
    grants=(
        FieldGrant(field="family_name", purpose="p", basis="AZRG §18b", excludes_free_movement=True),
        FieldGrant(field="languages", purpose="p", basis="AZRG §18b", excludes_free_movement=True, write=True),
        FieldGrant(field="health_notes", purpose="p", basis="AZRG §18b"),
        FieldGrant(field="sport_interests", purpose="p", basis=CONSENT),
    ),
)


def principal(role: Role = Role.CASEWORKER, partner: str = "jobcenter") -> Principal:
    return Principal(tenant_id="k", partner_id=partner, role=role, subject="token:t")


def consent(fields: tuple[str, ...], *, until: dt.date = TODAY, withdrawn: bool = False) -> ConsentRecord:
    return ConsentRecord(
        id="c1",
        person_id="p",
        recipients=("jobcenter",),
        fields=fields,
        purpose="",
        language="de",
        notice_version="v",
        method=CollectionMethod.IN_PERSON,
        valid_from=dt.date(2026, 1, 1),
        valid_until=until,
        recorded_by="token:r",
        given_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
        withdrawn_at=dt.datetime(2026, 2, 1, tzinfo=dt.UTC) if withdrawn else None,
    )


def seen(**kwargs: object) -> set[str]:
    args: dict[str, object] = {
        "principal": principal(),
        "partner": JOBCENTER,
        "catalogue": CATALOGUE,
        "facts": NON_EU,
        "consents": (),
        "blocks": (),
        "fields": ALL,
        "today": TODAY,
    }
    args.update(kwargs)
    return set(decide(**args))  # type: ignore[arg-type]


def test_a_field_without_grant_is_invisible_whatever_else_is_true() -> None:
    assert "residence_status" not in seen(consents=[consent(("residence_status",))])


def test_statute_opens_its_fields_for_non_eu_persons_only() -> None:
    assert seen() == {"family_name", "languages"}
    assert seen(facts=EU) == set()
    assert seen(facts=EU, consents=[consent(("family_name",))]) == {"family_name"}


def test_special_field_needs_explicit_consent_even_under_a_statute_grant() -> None:
    assert "health_notes" not in seen(consents=[consent(("category:special",))])
    assert "health_notes" in seen(consents=[consent(("health_notes",))])


def test_withdrawn_or_expired_consent_opens_nothing() -> None:
    assert "sport_interests" in seen(consents=[consent(("sport_interests",))])
    assert "sport_interests" not in seen(consents=[consent(("sport_interests",), withdrawn=True)])
    assert "sport_interests" not in seen(consents=[consent(("sport_interests",), until=TODAY - dt.timedelta(1))])


def test_transfer_block_stops_statute_not_consent() -> None:
    block = TransferBlock(
        id="b",
        person_id="p",
        partner_id="jobcenter",
        recorded_by="r",
        created_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )
    assert seen(blocks=[block]) == set()
    assert seen(blocks=[block], consents=[consent(("languages",))]) == {"languages"}


def test_roles_limit_categories() -> None:
    assert seen(principal=principal(Role.RECEPTION)) == {"family_name", "languages"}
    assert seen(principal=principal(Role.AUDITOR)) == set()
    assert seen(principal=principal(partner="sportbund")) == set()


def test_writes_need_a_write_grant() -> None:
    assert seen(mode=Mode.WRITE) == {"languages"}


def test_free_movement_from_status_or_nationality() -> None:
    assert facts_from({"residence_status": "eu_citizen"}).free_movement
    assert facts_from({"nationality": ["SY", "PL"]}).free_movement
    assert not facts_from({"nationality": ["SY"], "residence_status": "duldung"}).free_movement
    assert not facts_from({}).free_movement

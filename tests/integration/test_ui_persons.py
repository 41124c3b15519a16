"""The person page: what each office sees, changing fields, consents, objections to sharing — SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import AsyncIterator
from typing import Any

import pytest

from core import audit
from core.domain.errors import NotFound
from core.domain.staff import Principal
from core.i18n import translations
from core.services.agency import Agency
from core.services.consents import list_consents, list_transfer_blocks
from core.services.persons import create_person, read_person
from core.settings import Settings
from tests.integration.test_vault import AMIRA
from tests.ui_support import STAFF, Screens, open_screens

HIDDEN_NOTICE = (
    "Shown is only the data your office may see. Other data about this person may exist that your office may not see."
)
DESK_FIELDS = {k: AMIRA[k] for k in ("family_name", "given_names", "birth_date", "phone", "address", "municipality")}
PURPOSE = "Vermittlung in einen Sportverein in Naumburg"


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


def principal(screens: Screens, who: str) -> Principal:
    partner, role = STAFF[who]
    return Principal(tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids[who]}")


async def register(screens: Screens, fields: dict[str, Any] | None = None, *, by: str = "iaa") -> str:
    view = await create_person(screens.agency, principal(screens, by), fields or AMIRA)
    return view.id


async def seen_by(screens: Screens, who: str, person: str) -> dict[str, Any] | None:
    try:
        return (await read_person(screens.agency, principal(screens, who), person)).fields
    except NotFound:
        return None


async def record_on_screen(screens: Screens, person: str, **changes: Any) -> Any:
    form: dict[str, Any] = {
        "partners": ["sportbund"],
        "fields": ["given_names", "phone", "residence_status"],
        "purpose": PURPOSE,
        "valid_until": (dt.date.today() + dt.timedelta(days=300)).isoformat(),
        "language": "de",
        "method": "with_interpreter",
        **changes,
    }
    await screens.get(f"/ui/persons/{person}/consents/new")
    return await screens.post(f"/ui/persons/{person}/consents", form)


async def test_iaa_staff_see_name_and_residence_status_with_a_word_on_what_stays_hidden(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    page = await screens.get(f"/ui/persons/{person}")
    assert page.status_code == 200, page.text
    text = page.text
    assert "Al-Hassan" in text and "Aufenthaltsstatus" in text and "aufenthaltserlaubnis" in text
    assert (
        text.index("<h3>Angaben zur Person</h3>")
        < text.index("<h3>Kontaktdaten</h3>")
        < text.index("<h3>Aufenthalt</h3>")
    )
    assert "Syrien (SY)" in text, "countries in the user's language"
    assert translations("de").gettext(HIDDEN_NOTICE) in text
    events = await audit.trail(screens.agency.db, screens.tenant, person_id=person)
    assert events[-1].action == "consent.list"
    read = [e for e in events if e.action == "person.read"]
    assert read and read[-1].actor == f"user:{screens.user_ids['iaa']}" and "residence_status" in read[-1].fields

    await screens.post("/ui/language", {"lang": "ar", "back": f"/ui/persons/{person}"})
    arabic = await screens.get(f"/ui/persons/{person}")
    assert 'dir="rtl"' in arabic.text and "وضع الإقامة" in arabic.text and "سوريا (SY)" in arabic.text
    for path in ("edit", "consents/new"):
        assert (await screens.get(f"/ui/persons/{person}/{path}")).status_code == 200


async def test_reception_registers_and_sees_the_desk_fields_but_not_the_residence_status(screens: Screens) -> None:
    person = await register(screens, DESK_FIELDS, by="empfang")
    await screens.signed_in_as("iaa")
    await screens.get(f"/ui/persons/{person}/edit")
    await screens.post(
        f"/ui/persons/{person}/edit",
        {"revision": "1", "name": ["residence_status"], "value": ["duldung"], "was": [""]},
    )
    await screens.signed_in_as("empfang")
    page = await screens.get(f"/ui/persons/{person}")
    assert page.status_code == 200 and "Al-Hassan" in page.text
    assert "Aufenthaltsstatus" not in page.text and "duldung" not in page.text
    edit = await screens.get(f"/ui/persons/{person}/edit")
    assert 'value="phone"' in edit.text and 'value="residence_status"' not in edit.text
    refused = await screens.post(
        f"/ui/persons/{person}/edit",
        {"revision": "2", "name": ["residence_status"], "value": ["eu_citizen"], "was": ["duldung"]},
    )
    assert refused.status_code == 403
    assert (await seen_by(screens, "iaa", person) or {})["residence_status"] == "duldung"


async def test_a_caseworker_changes_the_phone_and_a_stale_form_is_a_conflict(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    form = await screens.get(f"/ui/persons/{person}/edit")
    assert form.status_code == 200 and 'name="revision" value="1"' in form.text
    assert 'value="languages"' not in form.text, "record fields stay read-only on screen"
    edit = {"revision": "1", "name": ["phone", "email"], "value": ["+49 3445 0000 1", ""], "was": [AMIRA["phone"], ""]}
    saved = await screens.post(f"/ui/persons/{person}/edit", edit)
    assert saved.status_code == 302 and saved.headers["location"] == f"/ui/persons/{person}?done=saved"
    assert (await seen_by(screens, "iaa", person) or {})["phone"] == "+49 3445 0000 1"
    changed = [
        e for e in await audit.trail(screens.agency.db, screens.tenant, person_id=person) if e.action == "person.update"
    ]
    assert [list(e.fields) for e in changed] == [["phone"]], "only what changed is written"

    stale = await screens.post(f"/ui/persons/{person}/edit", {**edit, "value": ["+49 3445 9999 9", ""]})
    assert stale.status_code == 409 and 'role="alert"' in stale.text
    assert 'name="revision" value="2"' in stale.text and "+49 3445 0000 1" in stale.text
    assert (await seen_by(screens, "iaa", person) or {})["phone"] == "+49 3445 0000 1"


async def test_sportbund_sees_nothing_then_exactly_the_fields_consented_on_the_screen(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("sportbund")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 404

    await screens.signed_in_as("iaa")
    form = await screens.get(f"/ui/persons/{person}/consents/new")
    assert "Kreissportbund" in form.text and 'value="category:contact"' in form.text
    recorded = await record_on_screen(screens, person)
    assert recorded.status_code == 201, re.findall(r"<li>[^<]*</li>", recorded.text)
    assert recorded.headers["cache-control"] == "no-store"
    page = recorded
    [consent] = await list_consents(screens.agency, principal(screens, "iaa"), person)
    code = re.search(r'class="person-code" dir="ltr">([A-Z0-9-]+)<', page.text)
    assert code and f"/ui/consents/{consent.id}/receipt" in page.text
    assert PURPOSE in page.text and consent.partners == ["sportbund"] and consent.method == "with_interpreter"
    again = await screens.get(f"/ui/persons/{person}")
    assert code.group(1) not in again.text, "the receipt code is shown once"

    assert await seen_by(screens, "sportbund", person) == {"given_names": "Amira", "phone": AMIRA["phone"]}
    await screens.signed_in_as("sportbund")
    seen = await screens.get(f"/ui/persons/{person}")
    assert seen.status_code == 200 and "Amira" in seen.text and AMIRA["phone"] in seen.text
    data = seen.text.split('id="person-data"')[1].split('id="person-consents"')[0]
    assert "Al-Hassan" not in seen.text, seen.text[seen.text.index("Al-Hassan") - 300 :][:400]
    assert "Aufenthaltsstatus" not in data


async def test_a_consent_without_purpose_is_refused_naming_the_purpose(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    refused = await record_on_screen(screens, person, purpose="  ")
    assert refused.status_code == 422
    assert 'role="alert"' in refused.text and "<li>Zweck</li>" in refused.text
    assert 'id="consent-purpose" name="purpose"' in refused.text and 'aria-invalid="true"' in refused.text
    assert 'id="partner-sportbund" name="partners" value="sportbund" checked' in refused.text, "choices are kept"
    assert await list_consents(screens.agency, principal(screens, "iaa"), person) == []


async def test_the_receipt_is_printed_in_arabic_right_to_left(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    await record_on_screen(screens, person, language="ar", fields=["category:contact"])
    [consent] = await list_consents(screens.agency, principal(screens, "iaa"), person)
    receipt = await screens.get(f"/ui/consents/{consent.id}/receipt")
    assert receipt.status_code == 200 and receipt.headers["content-type"].startswith("text/html")
    assert 'dir="rtl"' in receipt.text and 'lang="ar"' in receipt.text and PURPOSE in receipt.text
    assert "Kreissportbund" not in receipt.text, "partner names in the person's language"
    events = await audit.trail(screens.agency.db, screens.tenant, person_id=person)
    assert events[-1].action == "consent.receipt"
    assert (await screens.get("/ui/consents/no-such-consent/receipt")).status_code == 404
    await screens.signed_in_as("datenschutz")
    assert (await screens.get(f"/ui/consents/{consent.id}/receipt")).status_code == 403


async def test_an_objection_on_the_screen_hides_the_person_from_the_jobcenter_until_lifted(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("jobcenter")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 200

    await screens.signed_in_as("iaa")
    await screens.get(f"/ui/persons/{person}")
    blocked = await screens.post(f"/ui/persons/{person}/blocks", {"partner": "jobcenter"})
    assert blocked.status_code == 302, blocked.text
    twice = await screens.post(f"/ui/persons/{person}/blocks", {"partner": "jobcenter"})
    assert twice.status_code == 409 and 'role="alert"' in twice.text
    await screens.signed_in_as("jobcenter")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 404

    await screens.signed_in_as("iaa")
    page = await screens.get(f"/ui/persons/{person}")
    assert "Jobcenter" in page.text
    [block] = await list_transfer_blocks(screens.agency, principal(screens, "iaa"), person)
    lifted = await screens.post(f"/ui/persons/{person}/blocks/{block.id}/lift")
    assert lifted.status_code == 302
    await screens.signed_in_as("jobcenter")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 200


async def test_withdrawing_a_consent_after_confirming_closes_the_sportbunds_view(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    await record_on_screen(screens, person)
    [consent] = await list_consents(screens.agency, principal(screens, "iaa"), person)
    confirm = await screens.get(f"/ui/persons/{person}/consents/{consent.id}/withdraw")
    assert confirm.status_code == 200 and PURPOSE in confirm.text
    assert f'action="/ui/persons/{person}/consents/{consent.id}/withdraw"' in confirm.text
    assert await seen_by(screens, "sportbund", person) is not None

    withdrawn = await screens.post(f"/ui/persons/{person}/consents/{consent.id}/withdraw")
    assert withdrawn.status_code == 302 and withdrawn.headers["location"].endswith("?done=withdrawn")
    assert await seen_by(screens, "sportbund", person) is None
    [after] = await list_consents(screens.agency, principal(screens, "iaa"), person)
    assert after.state == "withdrawn"
    again = await screens.post(f"/ui/persons/{person}/consents/{consent.id}/withdraw")
    assert again.status_code == 409
    await screens.signed_in_as("sportbund")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 404


async def test_the_copy_of_the_data_is_for_the_data_protection_officer_not_for_caseworkers(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    page = await screens.get(f"/ui/persons/{person}")
    assert f"/ui/persons/{person}/export" not in page.text
    assert (await screens.get(f"/ui/persons/{person}/export?language=de")).status_code == 403

    await screens.signed_in_as("datenschutz")
    assert (await screens.get(f"/ui/persons/{person}")).status_code == 403, "no person page for the auditor"
    chooser = await screens.get(f"/ui/persons/{person}/export")
    assert chooser.status_code == 200 and 'id="export-language"' in chooser.text
    copy = await screens.get(f"/ui/persons/{person}/export?language=ar")
    assert copy.status_code == 200 and 'dir="rtl"' in copy.text and "Al-Hassan" in copy.text
    events = await audit.trail(screens.agency.db, screens.tenant, person_id=person)
    assert any(e.action == "person.export" for e in events)


async def test_an_office_cannot_lift_an_objection_against_itself(screens: Screens) -> None:
    person = await register(screens)
    await screens.signed_in_as("iaa")
    await record_on_screen(screens, person)  # the Kreissportbund sees by consent, objection or not
    await screens.get(f"/ui/persons/{person}")
    await screens.post(f"/ui/persons/{person}/blocks", {"partner": "sportbund"})
    [block] = await list_transfer_blocks(screens.agency, principal(screens, "iaa"), person)

    await screens.signed_in_as("sportbund")
    page = await screens.get(f"/ui/persons/{person}")
    assert page.status_code == 200 and f"/blocks/{block.id}/lift" not in page.text
    refused = await screens.post(f"/ui/persons/{person}/blocks/{block.id}/lift")
    assert refused.status_code == 403
    [still] = await list_transfer_blocks(screens.agency, principal(screens, "iaa"), person)
    assert still.lifted_at is None

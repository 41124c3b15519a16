"""The referral screens: inbox, sent referrals and one referral with its actions — on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from core import audit
from core.domain.referral import ReferralState, Urgency
from core.domain.staff import Principal
from core.services.agency import Agency
from core.services.persons import create_person
from core.services.referrals import ReferralCreate, ReferralOut, read_referral, send_referral
from core.settings import Settings
from core.web.ui.templating import gettext_for
from tests.integration.test_vault import AMIRA
from tests.ui_support import STAFF, Screens, open_screens

REASON = "Frau Al-Hassan sucht Arbeit als Pflegehelferin und braucht Hilfe beim Antrag"
OUTCOME = "Bürgergeld bewilligt ab 1.12., Termin bei der Arbeitsvermittlung am 3.12."


@pytest.fixture
async def screens(settings: Settings, agency: Agency) -> AsyncIterator[Screens]:
    async with open_screens(settings, agency) as opened:
        yield opened


def principal(screens: Screens, who: str) -> Principal:
    partner, role = STAFF[who]
    return Principal(tenant_id=screens.tenant, partner_id=partner, role=role, subject=f"user:{screens.user_ids[who]}")


async def referral_from_the_desk(screens: Screens) -> tuple[str, str]:
    """Amira registered by the IAA and referred by its desk to the Jobcenter: (person id, referral id)."""
    person = await create_person(screens.agency, principal(screens, "iaa"), AMIRA)
    sent = await send_referral(
        screens.agency,
        principal(screens, "empfang"),
        ReferralCreate(
            person_id=person.id, to_partner="jobcenter", service="buergergeld", reason=REASON, urgency=Urgency.URGENT
        ),
    )
    return person.id, sent.id


async def as_seen_by(screens: Screens, who: str, referral_id: str) -> ReferralOut:
    return await read_referral(screens.agency, principal(screens, who), referral_id)


async def actions_in_audit(screens: Screens, person_id: str) -> list[tuple[str, str]]:
    events = await audit.trail(screens.agency.db, screens.tenant, person_id=person_id, limit=500)
    return [(e.action, e.partner_id) for e in events]


async def test_jobcenter_accepts_starts_and_completes_a_referral_from_the_desk(screens: Screens) -> None:
    person, rid = await referral_from_the_desk(screens)
    await screens.signed_in_as("jobcenter")

    inbox = await screens.get("/ui/inbox")
    assert inbox.status_code == 200, inbox.text
    assert f'href="/ui/referrals/{rid}"' in inbox.text and "state-sent" in inbox.text
    assert "Al-Hassan" not in inbox.text and REASON not in inbox.text, "the list holds no personal data"
    other_state = await screens.get("/ui/inbox", params={"state": "completed"})
    assert other_state.status_code == 200 and rid not in other_state.text

    opened = await screens.get(f"/ui/referrals/{rid}")
    assert opened.status_code == 200, opened.text
    assert REASON in opened.text and "Amira Al-Hassan" in opened.text and f"/ui/persons/{person}" in opened.text
    assert "state-received" in opened.text, "the receiver's first look records that the office has it"
    assert f"/ui/referrals/{rid}/accept" in opened.text and f"/ui/referrals/{rid}/decline" in opened.text
    assert f"/ui/referrals/{rid}/complete" not in opened.text and f"/ui/referrals/{rid}/revoke" not in opened.text

    accepted = await screens.post(f"/ui/referrals/{rid}/accept")
    assert accepted.status_code in (302, 303) and accepted.headers["location"] == f"/ui/referrals/{rid}?done=accept"
    after_accept = await screens.get(accepted.headers["location"])
    assert "state-accepted" in after_accept.text and 'role="status"' in after_accept.text
    assert f"/ui/referrals/{rid}/start" in after_accept.text and f"/ui/referrals/{rid}/accept" not in after_accept.text

    started = await screens.post(f"/ui/referrals/{rid}/start")
    assert started.status_code in (302, 303)
    completed = await screens.post(f"/ui/referrals/{rid}/complete", {"outcome": OUTCOME})
    assert completed.status_code in (302, 303), completed.text

    seen = await as_seen_by(screens, "empfang", rid)
    assert seen.state is ReferralState.COMPLETED and seen.outcome == OUTCOME
    assert [s.state.value for s in seen.history] == ["sent", "received", "accepted", "in_progress", "completed"]
    done = [a for a in await actions_in_audit(screens, person) if a[1] == "jobcenter"]
    for action in ("referral.read", "referral.accept", "referral.start", "referral.complete"):
        assert (action, "jobcenter") in done, action

    await screens.signed_in_as("empfang")
    outbox = await screens.get("/ui/outbox")
    assert outbox.status_code == 200, outbox.text
    assert f'href="/ui/referrals/{rid}"' in outbox.text and "state-completed" in outbox.text
    page = await screens.get(f"/ui/referrals/{rid}")
    assert page.status_code == 200 and OUTCOME in page.text and "state-completed" in page.text
    assert f"/ui/referrals/{rid}/revoke" not in page.text, "a completed referral can no longer be revoked"


async def test_declining_needs_a_reason_and_the_sending_office_reads_it(screens: Screens) -> None:
    _, rid = await referral_from_the_desk(screens)
    await screens.signed_in_as("jobcenter")
    await screens.get(f"/ui/referrals/{rid}")

    refused = await screens.post(f"/ui/referrals/{rid}/decline", {"reason": "  "})
    assert refused.status_code == 422
    assert 'role="alert"' in refused.text and 'name="reason"' in refused.text
    assert 'aria-invalid="true"' in refused.text
    assert gettext_for("de")("Reason for declining") in refused.text.split('role="alert"', 1)[1].split("</div>")[0]
    assert (await as_seen_by(screens, "empfang", rid)).state is ReferralState.RECEIVED

    declined = await screens.post(f"/ui/referrals/{rid}/decline", {"reason": "Nicht zuständig: bitte an die BAA"})
    assert declined.status_code in (302, 303)
    await screens.signed_in_as("empfang")
    outbox = await screens.get("/ui/outbox", params={"state": "declined"})
    assert rid in outbox.text and "state-declined" in outbox.text
    page = await screens.get(f"/ui/referrals/{rid}")
    assert "Nicht zuständig: bitte an die BAA" in page.text


async def test_an_office_not_involved_finds_no_referral(screens: Screens) -> None:
    person, rid = await referral_from_the_desk(screens)
    for who in ("sportbund", "jugendamt"):
        await screens.signed_in_as(who)
        page = await screens.get(f"/ui/referrals/{rid}")
        assert page.status_code == 404, who
        assert REASON not in page.text and "Al-Hassan" not in page.text
        assert (await screens.post(f"/ui/referrals/{rid}/accept")).status_code == 404
        inbox = await screens.get("/ui/inbox")
        assert rid not in inbox.text
    assert (await as_seen_by(screens, "empfang", rid)).state is ReferralState.SENT
    offices = {office for action, office in await actions_in_audit(screens, person) if action.startswith("referral.")}
    assert offices <= {"iaa"}, "nobody else looked at or touched the referral"


async def test_a_wrong_state_action_is_refused_and_changes_nothing(screens: Screens) -> None:
    _, rid = await referral_from_the_desk(screens)
    await screens.signed_in_as("jobcenter")
    await screens.get(f"/ui/referrals/{rid}")
    before = await as_seen_by(screens, "empfang", rid)

    wrong = await screens.post(f"/ui/referrals/{rid}/start")
    assert wrong.status_code == 409 and 'role="alert"' in wrong.text
    too_early = await screens.post(f"/ui/referrals/{rid}/complete", {"outcome": OUTCOME})
    assert too_early.status_code == 409
    not_theirs = await screens.post(f"/ui/referrals/{rid}/revoke")
    assert not_theirs.status_code == 403

    after = await as_seen_by(screens, "empfang", rid)
    assert after.state is before.state is ReferralState.RECEIVED
    assert after.history == before.history and after.outcome is None


async def test_the_sending_office_may_revoke_while_the_referral_is_open(screens: Screens) -> None:
    _, rid = await referral_from_the_desk(screens)
    await screens.signed_in_as("empfang")
    page = await screens.get(f"/ui/referrals/{rid}")
    assert f"/ui/referrals/{rid}/revoke" in page.text and f"/ui/referrals/{rid}/accept" not in page.text
    assert (await screens.post(f"/ui/referrals/{rid}/accept")).status_code == 403
    revoked = await screens.post(f"/ui/referrals/{rid}/revoke")
    assert revoked.status_code in (302, 303)
    assert (await as_seen_by(screens, "jobcenter", rid)).state is ReferralState.REVOKED

    await screens.signed_in_as("jobcenter")
    page = await screens.get(f"/ui/referrals/{rid}")
    assert "state-revoked" in page.text and f"/ui/referrals/{rid}/accept" not in page.text
    assert (await screens.post(f"/ui/referrals/{rid}/accept")).status_code == 409


async def test_htmx_actions_swap_only_the_status_panel(screens: Screens) -> None:
    _, rid = await referral_from_the_desk(screens)
    await screens.signed_in_as("jobcenter")
    await screens.get(f"/ui/referrals/{rid}")
    htmx = {"HX-Request": "true"}

    swapped = await screens.post(f"/ui/referrals/{rid}/accept", headers=htmx)
    assert swapped.status_code == 200, swapped.text
    assert "<html" not in swapped.text and 'id="referral-status"' in swapped.text
    assert "state-accepted" in swapped.text and 'role="status"' in swapped.text
    assert f'hx-post="/ui/referrals/{rid}/start"' in swapped.text

    missing = await screens.post(f"/ui/referrals/{rid}/complete", {"outcome": ""}, headers=htmx)
    assert missing.status_code == 422 and "<html" not in missing.text
    assert 'role="alert"' in missing.text and 'aria-invalid="true"' in missing.text
    assert (await as_seen_by(screens, "empfang", rid)).state is ReferralState.ACCEPTED


async def test_the_boxes_are_for_office_roles_and_check_the_filter(screens: Screens) -> None:
    await screens.signed_in_as("datenschutz")
    assert (await screens.get("/ui/inbox")).status_code == 403
    assert (await screens.get("/ui/outbox")).status_code == 403
    await screens.signed_in_as("jobcenter-admin")
    assert (await screens.get("/ui/outbox")).status_code == 200
    unknown = await screens.get("/ui/inbox", params={"state": "lost"})
    assert unknown.status_code == 422 and 'role="alert"' in unknown.text

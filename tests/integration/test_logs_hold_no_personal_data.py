"""No personal data and no secret reaches the logs: a whole day at the agency, in-process and through a real server.

Both runs do the same realistic work with distinctive values (register, search by GET and POST,
read, update, consent with receipt, referrals sent/accepted/declined/completed/revoked, check-in with
the visitor's own words, ticket, booking with invitation, code check-in, export, erasure) and the
error paths (422 with bad values, 404s, wrong and foreign tokens, wrong passwords on ``/ui/login``).

- In-process on SQLite: a handler at DEBUG on the root logger and on every logger that does not
  propagate (Litestar's own), plus the process's stdout/stderr. Left out, as not the agency's logs:
  the test client's own request lines (``httpx`` naming ``testserver.local``) and the stand-in SMTP
  server's (``mail.log``, aiosmtpd) — the agency's SMTP client side (``agentur.*``, aiosmtplib) is checked.
- ``agentur serve --demo`` as a real process: its log file (stdout and stderr). A ``sitecustomize``
  on ``PYTHONPATH`` (this test's only intervention) turns uvicorn's access log on and every logger to
  DEBUG, one line per record naming its logger. The demo banner printed at start on purpose (staff
  passwords and API tokens) is cut out exactly once, exactly as ``DemoLogins.render`` writes it; no
  other line may hold a password or token.

Every line is searched for every value, case-folded and URL-decoded, the birth date also in German
form. A failure names the kind of value and the logger, never the value.

One documented exception: the API's ``GET …/persons?family_name=…`` search (shared/API.md) carries its
terms in the query string, so an access log that records query strings holds them (docs/operators.md:
access logs are off for this reason; ``POST …/persons/search`` keeps them out of URLs). The test
allows the search terms, and only those, in uvicorn access lines of that one route, and checks the
exception is still needed.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import logging
import re
import subprocess
import textwrap
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, unquote_plus

import httpx
import msgspec
import pytest

from core.bus.dispatcher import Dispatcher
from core.crypto.secrets import parse_token
from core.demo.setup import DemoLogins
from core.domain.names import fold_name
from core.domain.referral import EventType
from core.domain.staff import Role
from core.services.agency import Agency, open_agency
from core.settings import Settings
from core.storage.schema import migrate
from core.web.documents import Documents
from core.web.ui.sessions import SESSION_COOKIE
from tests.e2e.server import AGENTUR, Server, agentur_env
from tests.integration.test_vault import World, open_world
from tests.support_smtp import Collector
from tests.support_webhooks import Receiver
from tests.ui_support import PASSWORD, Screens, open_screens

# --- the distinctive values ----------------------------------------------------------------------

FAMILY = "Quaxenbrügger-Zoltani"
GIVEN = "Yelizaveta Hermelinde"
BIRTH = "1979-02-27"
PHONE = "+49 1523 8675 3091"
NEW_PHONE = "+49 1523 4477 1290"
ADDRESS = "Pfefferminzgasse 41, 06712 Zeitz"
NEW_ADDRESS = "Tamarindenhof 9, 06712 Zeitz"
EMAIL = "hermelinde.quaxen@example.org"
REASON = "Braucht Hilfe beim Antrag, arbeitete als Glasbläserin in der Manufaktur Okapistrand"
DECLINE = "Nicht zuständig wegen Wohnsitz in Wendelsteinhausen"
OUTCOME = "Coaching bei der Kupferschmiede Pelzerhaken bewilligt"
NOTE = "Formular Elterngeld mit Dolmetscherin am Zimtapfelweg erklärt"
PURPOSE = "Vermittlung in den Ruderclub Pelikanbucht"
VISIT_TEXT = "Ich suche Arbeit, früher Schweißerin auf der Werft Krummhörnchen"
BAD_EMAIL = "hermelinde-ohne-at.quaxen"
BAD_BIRTH = "31.02.1979"
BAD_PHONE = "Telefon Zebrafinkchen"
WEBHOOK_SECRET = "whsec-Nachtigall-6c1f0e3b9a77"
WRONG_PASSWORD = "falsches-Passwort-Flamingo-42"
PASSWORD_AS_USER_NAME = "huepf-Kranich-Passwort-77"
FOREIGN_TOKEN = "agt.nachbarkreis." + "Qm9yZGVyY29sbGllV2FjaHR1bmQtTmljaHRHdWVsdGln"
MALFORMED_TOKEN = "hunter2-Wiedehopf-Token"

PERSON = {
    "family_name": FAMILY,
    "given_names": GIVEN,
    "birth_date": BIRTH,
    "nationality": ["SY"],
    "address": ADDRESS,
    "phone": PHONE,
    "email": EMAIL,
    "municipality": "Zeitz",
    "mother_tongue": "ar",
    "residence_status": "aufenthaltserlaubnis",
    "work_permission": "permitted",
}


def personal_values() -> list[tuple[str, str]]:
    """(kind, value) of everything personal the workflow submits; texts also by their distinctive word."""
    year, month, day = BIRTH.split("-")
    bad_year, bad_month, bad_day = BAD_BIRTH.split(".")[::-1]
    return [
        ("family name", FAMILY),
        ("family name (distinctive part)", FAMILY.split("-")[0]),
        ("family name (folded)", fold_name(FAMILY)),
        ("given names", GIVEN),
        ("given name (second)", GIVEN.split()[1]),
        ("birth date (ISO)", BIRTH),
        ("birth date (German)", f"{day}.{month}.{year}"),
        ("birth date (German, short)", f"{int(day)}.{int(month)}.{year}"),
        ("phone", PHONE),
        ("phone (digits)", PHONE.replace(" ", "")),
        ("phone (updated)", NEW_PHONE),
        ("address", ADDRESS),
        ("address (street)", ADDRESS.split(",")[0]),
        ("address (updated)", NEW_ADDRESS),
        ("e-mail", EMAIL),
        ("e-mail (local part)", EMAIL.split("@")[0]),
        ("referral reason", REASON),
        ("referral reason (distinctive word)", "Okapistrand"),
        ("decline reason", DECLINE),
        ("decline reason (distinctive word)", "Wendelsteinhausen"),
        ("outcome", OUTCOME),
        ("outcome (distinctive word)", "Pelzerhaken"),
        ("desk note", NOTE),
        ("desk note (distinctive word)", "Zimtapfelweg"),
        ("consent purpose", PURPOSE),
        ("consent purpose (distinctive word)", "Pelikanbucht"),
        ("visitor's own words", VISIT_TEXT),
        ("visitor's own words (distinctive word)", "Krummhörnchen"),
        ("rejected e-mail", BAD_EMAIL),
        ("rejected birth date", BAD_BIRTH),
        ("rejected birth date (ISO)", f"{bad_year}-{bad_month}-{bad_day}"),
        ("rejected phone", BAD_PHONE),
    ]


def secret_values(tokens: dict[str, str], passwords: dict[str, str]) -> list[tuple[str, str]]:
    """API tokens (whole and their secret part), passwords, the webhook secret, the foreign/malformed tokens."""
    found: list[tuple[str, str]] = [
        ("webhook secret", WEBHOOK_SECRET),
        ("wrong password", WRONG_PASSWORD),
        ("password typed as user name", PASSWORD_AS_USER_NAME),
        ("foreign API token", FOREIGN_TOKEN),
        ("foreign API token (secret part)", FOREIGN_TOKEN.rsplit(".", 1)[1]),
        ("malformed API token", MALFORMED_TOKEN),
    ]
    for who, token in tokens.items():
        found.append((f"API token of {who}", token))
        parsed = parse_token(token)
        if parsed is not None:
            found.append((f"API token secret of {who}", parsed[1]))
    found += [(f"password of {who}", password) for who, password in passwords.items()]
    return found


# --- capturing and searching ---------------------------------------------------------------------

_STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "taskName"}


def render(record: logging.LogRecord) -> str:
    """Everything a formatter could print: message, extras (a JSON formatter shows them), traceback, stack."""
    try:
        text = record.getMessage()
    except Exception:  # a broken format string still shows its parts
        text = f"{record.msg} {record.args!r}"
    extras = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
    if extras:
        text += " " + json.dumps(extras, default=repr, ensure_ascii=False)
    if record.exc_info:
        text += " " + logging.Formatter().formatException(record.exc_info)
    if record.exc_text:
        text += " " + record.exc_text
    if record.stack_info:
        text += " " + record.stack_info
    return text


class Capture(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.lines: list[tuple[str, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append((record.name, render(record)))


@dataclass
class LogTap:
    """A handler at DEBUG on the root logger and on every logger that keeps its records to itself."""

    handler: Capture = field(default_factory=Capture)
    saved: dict[str, tuple[int, bool, bool]] = field(default_factory=dict)

    def sweep(self) -> None:
        """Catch loggers created since (Litestar configures its own when an app is built)."""
        root = logging.getLogger()
        if "" not in self.saved:
            self.saved[""] = (root.level, root.disabled, True)
        root.setLevel(logging.DEBUG)
        if self.handler not in root.handlers:
            root.addHandler(self.handler)
        for name, logger in list(logging.Logger.manager.loggerDict.items()):
            if not isinstance(logger, logging.Logger):
                continue
            if name not in self.saved:
                self.saved[name] = (logger.level, logger.disabled, logger.propagate)
            logger.disabled = False
            logger.setLevel(logging.DEBUG)
            if not logger.propagate and self.handler not in logger.handlers:
                logger.addHandler(self.handler)

    def restore(self) -> None:
        for name, (level, disabled, _) in self.saved.items():
            logger = logging.getLogger(name) if name else logging.getLogger()
            logger.setLevel(level)
            logger.disabled = disabled
            if self.handler in logger.handlers:
                logger.removeHandler(self.handler)


@contextmanager
def tapped() -> Iterator[LogTap]:
    disabled = logging.root.manager.disable
    logging.disable(logging.NOTSET)
    tap = LogTap()
    tap.sweep()
    try:
        yield tap
    finally:
        tap.restore()
        logging.disable(disabled)


def leaks(lines: list[tuple[str, str]], needles: list[tuple[str, str]]) -> list[str]:
    """``"<kind> in <logger>"`` for every line that holds a value in any spelling; never the value itself."""
    folded = [(kind, value.casefold()) for kind, value in needles if value]
    found: list[str] = []
    for logger, line in lines:
        views = {line, unquote(line), unquote_plus(line)}
        haystack = "\n".join(v.casefold() for v in views)
        for kind, value in folded:
            if value in haystack:
                found.append(f"{kind} in logger {logger!r}")
    return sorted(set(found))


def assert_no_leaks(lines: list[tuple[str, str]], needles: list[tuple[str, str]]) -> None:
    found = leaks(lines, needles)
    assert not found, "personal data or secrets in the logs: " + "; ".join(found)


def assert_needles_are_findable(needles: list[tuple[str, str]]) -> None:
    """The search itself works: every value is found in a line that holds it, in another case."""
    for kind, value in needles:
        probe = [("probe", f"xx {value.upper()} yy")]
        assert leaks(probe, [(kind, value)]) == [f"{kind} in logger 'probe'"], kind


# --- the workflow, the same against the in-process app and the real server ------------------------

NEXT_YEAR = (dt.date.today() + dt.timedelta(days=365)).isoformat()
TOMORROW = dt.date.today() + dt.timedelta(days=1)


@dataclass
class Seen:
    """Codes and cookies the workflow was handed; they are secrets too."""

    codes: list[tuple[str, str]] = field(default_factory=list)


async def expect(response: Any, status: int) -> Any:
    assert response.status_code == status, (response.status_code, response.request.url.path, response.text[:300])
    return response


async def workday(world: World, *, admin: str, auditor: str, office_admin: str, seen: Seen) -> None:
    """One visitor's whole way through the house, and the mistakes staff and partners make on the way."""
    created = await expect(await world.call("POST", "iaa", "persons", json={"fields": PERSON}), 201)
    person = created.json()["id"]

    # search: by query string (documented exception), by body, and with the German date form
    await expect(
        await world.call(
            "GET", "reception", "persons", params={"family_name": FAMILY, "given_names": GIVEN, "birth_date": BIRTH}
        ),
        200,
    )
    year, month, day = BIRTH.split("-")
    found = await world.call(
        "POST",
        "reception",
        "persons/search",
        json={"family_name": FAMILY.upper(), "given_names": GIVEN, "birth_date": f"{day}.{month}.{year}"},
    )
    assert [p["id"] for p in (await expect(found, 200)).json()["items"]] == [person]

    # read and update (ETag)
    read = await expect(await world.call("GET", "iaa", f"persons/{person}"), 200)
    await expect(
        await world.call(
            "PATCH",
            "iaa",
            f"persons/{person}",
            json={"fields": {"phone": NEW_PHONE, "address": NEW_ADDRESS}},
            headers={"If-Match": read.headers["etag"]},
        ),
        200,
    )
    stale = await world.call(
        "PATCH",
        "iaa",
        f"persons/{person}",
        json={"fields": {"phone": PHONE}},
        headers={"If-Match": read.headers["etag"]},
    )
    await expect(stale, 409)
    await expect(await world.call("GET", "jobcenter", f"persons/{person}"), 200)

    # consent with receipt
    terms = {
        "partners": ["sportbund"],
        "fields": ["given_names", "family_name", "birth_date", "municipality", "phone", "sport_interests"],
        "purpose": PURPOSE,
        "valid_until": NEXT_YEAR,
        "language": "ar",
        "method": "with_interpreter",
    }
    consent = (
        await expect(await world.call("POST", "reception", f"persons/{person}/consents", json=terms), 201)
    ).json()
    seen.codes.append(("consent receipt code", consent["receipt_code"]))
    await expect(await world.call("GET", "reception", f"consents/{consent['id']}/receipt"), 200)
    await expect(await world.call("GET", "reception", f"persons/{person}/consents"), 200)
    await expect(await world.call("GET", "sportbund", f"persons/{person}"), 200)

    # referrals: completed, declined, revoked
    def referral(to: str, service: str) -> dict[str, Any]:
        return {"person_id": person, "to_partner": to, "service": service, "reason": REASON, "urgency": "urgent"}

    done = (
        await expect(await world.call("POST", "iaa", "referrals", json=referral("jobcenter", "buergergeld")), 201)
    ).json()
    await expect(await world.call("GET", "jobcenter", "referrals", params={"box": "inbox"}), 200)
    await expect(await world.call("GET", "jobcenter", f"referrals/{done['id']}"), 200)
    await expect(await world.call("POST", "jobcenter", f"referrals/{done['id']}/accept"), 200)
    await expect(await world.call("POST", "jobcenter", f"referrals/{done['id']}/start"), 200)
    await expect(
        await world.call("POST", "jobcenter", f"referrals/{done['id']}/complete", json={"outcome": OUTCOME}), 200
    )
    await expect(await world.call("GET", "iaa", f"referrals/{done['id']}"), 200)
    declined = (
        await expect(await world.call("POST", "iaa", "referrals", json=referral("jobcenter", "buergergeld")), 201)
    ).json()
    await expect(
        await world.call("POST", "jobcenter", f"referrals/{declined['id']}/decline", json={"reason": DECLINE}), 200
    )
    await expect(await world.call("POST", "jobcenter", f"referrals/{declined['id']}/accept"), 409)
    revoked = (
        await expect(
            await world.call("POST", "iaa", "referrals", json=referral("sportbund", "vereinsvermittlung")), 201
        )
    ).json()
    await expect(await world.call("POST", "iaa", f"referrals/{revoked['id']}/revoke"), 200)
    await expect(await world.call("GET", "iaa", "referrals", params={"box": "outbox"}), 200)

    # reception: check-in with the visitor's own words, ticket, call, display; a second visit solved at the desk
    visit = (
        await expect(
            await world.call(
                "POST", "reception", "visits", json={"person_id": person, "language": "de", "text": VISIT_TEXT}
            ),
            201,
        )
    ).json()
    await expect(await world.call("POST", "reception", "triage", json={"text": VISIT_TEXT, "language": "de"}), 200)
    ticket = (
        await expect(
            await world.call("POST", "reception", "tickets", json={"visit_id": visit["id"], "partner": "jobcenter"}),
            201,
        )
    ).json()
    await expect(await world.call("POST", "reception", f"tickets/{ticket['id']}/call", json={"counter": "3"}), 200)
    await expect(await world.client.get(world.url("display")), 200)
    quick = (await expect(await world.call("POST", "reception", "visits", json={"language": "de"}), 201)).json()
    await expect(await world.call("POST", "reception", f"visits/{quick['id']}/resolve", json={"note": NOTE}), 200)

    # slots, booking with invitation (e-mail when SMTP is there, else the print queue), code check-in
    start = dt.datetime.combine(TOMORROW, dt.time(9, 0), dt.timezone(dt.timedelta(hours=1)))
    slots = []
    for i in range(2):
        body = {
            "start": (start + dt.timedelta(minutes=30 * i)).isoformat(),
            "end": (start + dt.timedelta(minutes=30 * (i + 1))).isoformat(),
            "room": "E.12",
        }
        made = await expect(await world.call("POST", office_admin, "partners/jobcenter/slots", json=body), 201)
        slots.append(made.json()["id"])
    booking = {"person_id": person, "partner": "jobcenter", "service": "buergergeld", "slot_id": slots[0]}
    booked = (
        await expect(await world.call("POST", "reception", "appointments", json={**booking, "language": "ar"}), 201)
    ).json()
    seen.codes.append(("appointment code", booked["code"]))
    await expect(await world.call("POST", "reception", "appointments", json=booking), 409)
    await expect(await world.call("GET", "reception", f"appointments/{booked['id']}/invitation"), 200)
    await expect(await world.call("GET", "reception", f"appointments/{booked['id']}/invitation.ics"), 200)
    await expect(
        await world.call("POST", "reception", f"appointments/{booked['id']}/reschedule", json={"slot_id": slots[1]}),
        200,
    )
    await expect(
        await world.call("POST", "reception", "visits", json={"language": "de", "code": booked["code"].lower()}), 201
    )

    # export and audit
    await expect(await world.call("GET", auditor, f"persons/{person}/export"), 200)
    await expect(
        await world.call("GET", auditor, f"persons/{person}/export", params={"format": "html", "language": "ar"}), 200
    )
    await expect(await world.call("GET", auditor, "audit", params={"person_id": person}), 200)
    await expect(await world.call("GET", auditor, "audit/verify"), 200)
    await expect(await world.call("POST", "reception", f"consents/{consent['id']}/withdraw"), 200)

    # the mistakes
    bad = {**PERSON, "email": BAD_EMAIL, "birth_date": BAD_BIRTH, "phone": BAD_PHONE, "nationality": ["ZZ"]}
    await expect(await world.call("POST", "iaa", "persons", json={"fields": bad}), 422)
    await expect(await world.call("PATCH", "iaa", f"persons/{person}", json={"fields": {"email": BAD_EMAIL}}), 422)
    await expect(
        await world.call("POST", "reception", "persons/search", json={"family_name": FAMILY, "birth_date": BAD_BIRTH}),
        422,
    )
    await expect(await world.call("POST", "iaa", "persons", json={"fields": {**PERSON, "shoe_size": FAMILY}}), 422)
    await expect(
        await world.call("POST", "iaa", "persons", content=b'{"fields": {"family_name": "' + FAMILY.encode()), 400
    )
    nobody = "0" * 32
    await expect(await world.call("GET", "iaa", f"persons/{nobody}"), 404)
    await expect(await world.call("GET", "iaa", f"referrals/{nobody}"), 404)
    await expect(
        await world.call(
            "POST", "iaa", "referrals", json={**referral("jobcenter", "buergergeld"), "person_id": nobody}
        ),
        404,
    )
    await expect(await world.call("GET", "jobcenter", f"persons/{person}/export"), 403)
    for token in (FOREIGN_TOKEN, MALFORMED_TOKEN):
        wrong = await world.client.get(world.url(f"persons/{person}"), headers={"Authorization": f"Bearer {token}"})
        assert wrong.status_code in (401, 404), wrong.status_code
    await expect(await world.client.post(world.url("persons/search"), json={"family_name": FAMILY}), 401)

    # erasure, and what is left afterwards
    await expect(await world.call("POST", admin, f"persons/{person}/erase"), 200)
    await expect(await world.call("GET", "iaa", f"persons/{person}"), 404)
    gone = await world.call("POST", "reception", "persons/search", json={"family_name": FAMILY, "birth_date": BIRTH})
    assert (await expect(gone, 200)).json()["items"] == []
    await expect(await world.call("GET", auditor, f"persons/{person}/export"), 404)


# --- in-process on SQLite ------------------------------------------------------------------------

TOKENS = {
    "iaa": ("iaa", Role.CASEWORKER),
    "reception": ("iaa", Role.RECEPTION),
    "admin": ("iaa", Role.TENANT_ADMIN),
    "auditor": ("iaa", Role.AUDITOR),
    "jobcenter": ("jobcenter", Role.CASEWORKER),
    "jobcenter_admin": ("jobcenter", Role.PARTNER_ADMIN),
    "sportbund": ("sportbund", Role.PARTNER_ADMIN),
}


@pytest.fixture
async def sqlite_agency(tmp_path: Path) -> AsyncIterator[tuple[Settings, Agency]]:
    settings = Settings(home=tmp_path / "home")
    await migrate(settings)
    agency = await open_agency(settings)
    try:
        yield settings, agency
    finally:
        await agency.close()


def cookie_values(screens: Screens) -> list[tuple[str, str]]:
    return [(f"web cookie {name}", value) for name, value in screens.client.cookies.items() if len(value) >= 16]


async def sign_in_mistakes_and_desk(screens: Screens, person_fields: dict[str, str]) -> list[tuple[str, str]]:
    """Wrong passwords on ``/ui/login`` (up to a lockout), then a desk session; returns the cookies it was given."""
    cookies: list[tuple[str, str]] = []
    assert (await screens.sign_in("empfang", WRONG_PASSWORD)).status_code == 401
    assert (await screens.sign_in("niemand", WRONG_PASSWORD)).status_code == 401
    assert (await screens.sign_in(PASSWORD_AS_USER_NAME, PASSWORD)).status_code == 401
    for _ in range(5):
        refused = await screens.sign_in("jugendamt", WRONG_PASSWORD)
    assert refused.status_code == 401 and "15" in refused.text, "the fifth wrong password locks the login"
    await screens.signed_in_as("empfang")
    cookies += cookie_values(screens)
    registered = await screens.post("/ui/desk/persons", person_fields)
    assert registered.status_code in (302, 303), registered.text[:300]
    await screens.get(registered.headers["location"])
    searched = await screens.post(
        "/ui/desk/search", {k: person_fields[k] for k in ("family_name", "given_names", "birth_date")}
    )
    assert searched.status_code == 200 and FAMILY in searched.text
    await screens.post("/ui/desk/search", {"family_name": FAMILY, "birth_date": BAD_BIRTH})
    cookies += cookie_values(screens)
    assert (await screens.post("/ui/logout")).status_code in (302, 303)
    return cookies


async def test_in_process_workday_leaves_no_personal_data_in_the_logs(
    sqlite_agency: tuple[Settings, Agency], smtp_server: Collector, capfd: pytest.CaptureFixture[str]
) -> None:
    settings, agency = sqlite_agency
    seen = Seen()
    receiver = Receiver(secret=WEBHOOK_SECRET).start()
    with tapped() as tap:
        async with open_world(settings, agency, TOKENS, run_dispatcher=False) as world:
            tap.sweep()
            subscribed = await world.call(
                "POST",
                "jobcenter_admin",
                "webhooks",
                json={"url": receiver.url, "events": [e.value for e in EventType], "secret": WEBHOOK_SECRET},
            )
            await expect(subscribed, 201)
            await workday(world, admin="admin", auditor="auditor", office_admin="jobcenter_admin", seen=seen)
            dispatcher = Dispatcher(agency, letters=Documents())
            try:
                for _ in range(3):
                    await dispatcher.run_once()
                await dispatcher.keep_deadlines(force=True)
            finally:
                await dispatcher.close()
            tokens = dict(world.tokens)
        assert smtp_server.envelopes, "the invitation went out by e-mail (its delivery path is logged too)"
        assert receiver.records, "the webhook was called (its delivery path is logged too)"
        async with open_screens(settings, agency) as screens:
            tap.sweep()
            desk_person = {"family_name": FAMILY, "given_names": GIVEN, "birth_date": BIRTH, "phone": PHONE}
            cookies = await sign_in_mistakes_and_desk(screens, desk_person)
        lines = list(tap.handler.lines)
    receiver.stop()
    out, err = capfd.readouterr()
    lines += [("<stdout>", line) for line in out.splitlines()] + [("<stderr>", line) for line in err.splitlines()]
    # Not the agency's logs: the test client's own request lines, and the stand-in mail server (aiosmtpd's
    # ``mail.log`` shows each message it receives, as the county's mail server may; its logs are its own).
    lines = [
        (name, text)
        for name, text in lines
        if not (name.startswith("httpx") and "testserver.local" in text) and name != "mail.log"
    ]

    assert any(name.startswith("agentur.") for name, _ in lines), "the agency's loggers were captured"
    assert any(name == "agentur.signin" for name, _ in lines), "the sign-in failures were logged (by login id)"
    needles = personal_values() + secret_values(tokens, {"staff (test)": PASSWORD}) + seen.codes + cookies
    assert any(kind.startswith(f"web cookie {SESSION_COOKIE}") for kind, _ in cookies), "a session cookie was seen"
    assert_needles_are_findable(needles)
    assert_no_leaks(lines, needles)


# --- a real ``agentur serve --demo`` -------------------------------------------------------------

LINE_MARK = "⟦"
SITECUSTOMIZE = textwrap.dedent(
    '''
    """Test harness for test_logs_hold_no_personal_data: uvicorn's access log on, every logger at DEBUG."""
    import json
    import logging
    import sys

    _STANDARD = set(logging.LogRecord("", 0, "", 0, "", (), None).__dict__) | {"message", "asctime", "taskName"}


    class _OneLine(logging.Formatter):
        def format(self, record):
            try:
                text = record.getMessage()
            except Exception:
                text = f"{record.msg} {record.args!r}"
            extras = {k: v for k, v in record.__dict__.items() if k not in _STANDARD}
            if extras:
                text += " " + json.dumps(extras, default=repr, ensure_ascii=False)
            if record.exc_info:
                text += " " + self.formatException(record.exc_info)
            if record.stack_info:
                text += " " + record.stack_info
            return "MARK" + record.name + "⟧ " + record.levelname + " " + text.replace("\\n", " | ")


    def _everything_at_debug():
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(_OneLine())
        root = logging.getLogger()
        for old in list(root.handlers):
            root.removeHandler(old)
        root.addHandler(handler)
        root.setLevel(logging.DEBUG)
        for logger in list(logging.Logger.manager.loggerDict.values()):
            if isinstance(logger, logging.Logger):
                for old in list(logger.handlers):
                    logger.removeHandler(old)
                logger.setLevel(logging.NOTSET)
                logger.propagate = True
                logger.disabled = False


    try:
        import uvicorn
    except ImportError:
        pass
    else:
        _run = uvicorn.run

        def run(app, **kwargs):
            _everything_at_debug()
            kwargs.update(access_log=True, log_level="debug", log_config=None)
            return _run(app, **kwargs)

        uvicorn.run = run
    '''
).replace("MARK", LINE_MARK)


def server_lines(output: str) -> list[tuple[str, str]]:
    """(logger, line) of the server's output; lines not written by a logger are ``<raw output>``."""
    lines = []
    for line in output.splitlines():
        match = re.match(re.escape(LINE_MARK) + r"([^⟧]*)⟧ (.*)", line)
        lines.append((match.group(1), match.group(2)) if match else ("<raw output>", line))
    return lines


class Browser:
    """Cookies by hand: the server speaks plain HTTP on 127.0.0.1, where ``Secure`` cookies count (as in a browser)."""

    def __init__(self, base_url: str) -> None:
        self.client = httpx.AsyncClient(base_url=base_url, follow_redirects=False)
        self.cookies: dict[str, str] = {}
        self.csrf = ""

    async def request(self, method: str, path: str, data: dict[str, str] | None = None) -> httpx.Response:
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        if data is not None:
            data = {"_csrf_token": self.csrf, **data}
        response = await self.client.request(method, path, data=data, headers=headers)
        for header in response.headers.get_list("set-cookie"):
            name, _, value = header.split(";", 1)[0].partition("=")
            if value in ("", "null", '""'):
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value
        found = re.search(r'name="_csrf_token" value="([^"]+)"', response.text)
        if found:
            self.csrf = found.group(1)
        return response

    async def sign_in(self, tenant: str, username: str, password: str) -> httpx.Response:
        await self.request("GET", "/ui/login")
        return await self.request("POST", "/ui/login", {"tenant": tenant, "username": username, "password": password})


def create_tokens(home: Path) -> dict[str, str]:
    """API tokens for the offices the demo has none for, made by the operator at the console (in parallel)."""
    wanted = {
        "iaa": ("iaa", "caseworker"),
        "reception": ("iaa", "reception"),
        "admin": ("iaa", "tenant_admin"),
        "auditor": ("iaa", "auditor"),
        "jobcenter_admin": ("jobcenter", "partner_admin"),
    }
    env = agentur_env(home)
    running = {
        who: subprocess.Popen(
            [AGENTUR, "token", "create", "--tenant", "burgenlandkreis", "--partner", partner, "--role", role],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for who, (partner, role) in wanted.items()
    }
    tokens = {}
    for who, process in running.items():
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, err
        tokens[who] = out.strip()
    return tokens


async def test_served_demo_leaves_no_personal_data_in_its_log(tmp_path: Path) -> None:
    home = tmp_path / "home"
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(SITECUSTOMIZE, encoding="utf-8")
    env = agentur_env(home, PYTHONPATH=str(site))
    server = Server("--demo", env=env, log=tmp_path / "server.log")
    try:
        server.wait_ready()
        demo = msgspec.json.decode((home / "demo-logins.json").read_bytes(), type=DemoLogins)
        tokens = {**create_tokens(home), **{f"demo {t.partner}": t.token for t in demo.tokens}}
        tokens["jobcenter"] = next(t.token for t in demo.tokens if t.partner == "jobcenter")
        tokens["sportbund"] = next(t.token for t in demo.tokens if t.partner == "sportbund")
        seen = Seen()
        cookies: list[tuple[str, str]] = []
        async with httpx.AsyncClient(base_url=server.base_url) as client:
            world = World(client, None, demo.tenant, tokens)  # type: ignore[arg-type]
            await workday(world, admin="admin", auditor="auditor", office_admin="jobcenter_admin", seen=seen)

        browser = Browser(server.base_url)
        try:
            passwords = {lg.username: lg.password for lg in demo.logins}
            assert (await browser.sign_in(demo.tenant, "empfang", WRONG_PASSWORD)).status_code == 401
            assert (await browser.sign_in(demo.tenant, PASSWORD_AS_USER_NAME, passwords["empfang"])).status_code == 401
            signed = await browser.sign_in(demo.tenant, "empfang", passwords["empfang"])
            assert signed.status_code in (302, 303), signed.text[:300]
            assert SESSION_COOKIE in browser.cookies
            cookies += [(f"web cookie {k}", v) for k, v in browser.cookies.items()]
            await browser.request("GET", "/ui/desk/")
            searched = await browser.request(
                "POST", "/ui/desk/search", {"family_name": FAMILY, "given_names": GIVEN, "birth_date": BIRTH}
            )
            assert searched.status_code == 200
            cookies += [(f"web cookie {k}", v) for k, v in browser.cookies.items()]
            await browser.request("POST", "/ui/logout", {})
        finally:
            await browser.client.aclose()
        await asyncio.sleep(1.0)  # the dispatcher's rounds (every 0.2 s when idle) notify the plugins of the referrals
    finally:
        server.stop()
    output = server.log.read_text(encoding="utf-8")

    banner = demo.render(f"http://127.0.0.1:{server.port}")
    assert output.count(banner) == 1, "the demo banner is printed once at start"
    output = output.replace(banner, "", 1)
    lines = server_lines(output)
    assert any(name == "uvicorn.access" for name, _ in lines), "the access log was on"
    assert any(name.startswith("agentur.") for name, _ in lines), "the agency's own loggers were captured"

    # the one documented exception: the GET search's terms in its access line, and only there
    search_route = f"/api/v1/{demo.tenant}/persons?"
    excepted = [(n, t) for n, t in lines if n == "uvicorn.access" and f"GET {search_route}" in t]
    terms = [("family name", FAMILY), ("given names", GIVEN), ("birth date (ISO)", BIRTH)]
    assert leaks(excepted, terms), "the GET search no longer puts its terms in the URL: drop this exception"
    lines = [(n, t) for n, t in lines if (n, t) not in excepted]
    searched = [FAMILY.casefold(), GIVEN.casefold(), BIRTH]
    not_searched = [(k, v) for k, v in personal_values() if not any(v.casefold() in term for term in searched)]

    passwords = {f"demo login {lg.username}": lg.password for lg in demo.logins}
    secrets = secret_values(tokens, passwords) + seen.codes + cookies
    needles = personal_values() + secrets
    assert_needles_are_findable(needles)
    assert_no_leaks(lines, needles)
    assert_no_leaks(excepted, not_searched + secrets)

"""Person-facing documents: the consent receipt and the Art. 15 copy, in German, English, Arabic and Kurmanji."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po
from markupsafe import escape

from core.audit import AuditEvent
from core.domain.consent import TransferBlock
from core.i18n import LANGUAGES, direction, format_date, translations
from core.plugins import PartnerDirectory, Registry, get_plugin_manager
from core.services.consents import ConsentView, Receipt
from core.services.subject_rights import PersonExport
from core.settings import Settings
from core.web.documents import Documents

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "core" / "i18n"
WITHDRAW = (
    "You can withdraw this consent at any time, without giving reasons, with effect for the future. "
    "Sharing that took place before the withdrawal remains lawful."
)
HOW_TO_WITHDRAW = (
    "To withdraw, tell the reception desk of the migration agency or any of the partners named above, "
    "in person or in writing. The withdrawal takes effect immediately."
)
AUDIT_EXPLAINED = (
    "The audit trail records every time staff of the agency or of a partner office looked at, changed or "
    "passed on your data: when, which office, which data and on what legal basis."
)
CODE = "K7QM-2XRP-9HTD"
GIVEN_AT = dt.datetime(2026, 3, 5, 13, 30, tzinfo=dt.UTC)


@pytest.fixture(scope="module")
def directory() -> PartnerDirectory:
    registry = Registry.load(get_plugin_manager(Settings(home=Path("/unused"))))
    return registry.directory(["jobcenter", "sportbund"])


@pytest.fixture(scope="module")
def documents() -> Documents:
    return Documents()


def consent(purpose: str = "Vermittlung in einen Sportverein und in Arbeit.", language: str = "ar") -> ConsentView:
    return ConsentView(
        id="consent-1",
        state="given",
        partners=["jobcenter", "sportbund"],
        fields=["given_names", "family_name", "sportbund.club", "category:work"],
        purpose=purpose,
        language=language,
        method="with_interpreter",
        valid_from=dt.date(2026, 3, 5),
        valid_until=dt.date(2027, 3, 4),
        given_at=GIVEN_AT,
    )


def receipt(purpose: str = "Vermittlung in einen Sportverein und in Arbeit.") -> Receipt:
    return Receipt(
        consent=consent(purpose),
        receipt_code=CODE,
        tenant_name="Burgenlandkreis",
        person={"given_names": "Amina", "family_name": "Haddad", "birth_date": "1990-04-12"},
    )


def partner_name(directory: PartnerDirectory, partner_id: str, language: str) -> str:
    partner = directory.get(partner_id)
    assert partner is not None
    return str(escape(partner.names[language]))


def label(directory: PartnerDirectory, field: str, language: str) -> str:
    return str(escape(directory.catalogue[field].labels[language]))


def test_arabic_receipt_is_right_to_left_and_in_arabic(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.receipt(receipt(), directory, "ar")
    assert '<html lang="ar" dir="rtl">' in html
    for partner_id in ("jobcenter", "sportbund"):
        assert partner_name(directory, partner_id, "ar") in html
        assert partner_name(directory, partner_id, "en") not in html
    assert label(directory, "given_names", "ar") in html
    assert label(directory, "sportbund.club", "ar") in html  # a plugin field's label
    assert translations("ar").gettext("Work") in html  # the consented category, named in Arabic
    assert "category:work" not in html
    assert CODE in html
    assert "Amina" in html
    assert "Haddad" in html
    assert format_date(dt.date(1990, 4, 12), "ar") in html
    assert translations("ar").gettext("Confirmation of your consent") in html
    assert "Confirmation of your consent" not in html


@pytest.mark.parametrize("language", ["ar", "ku", "de"])
def test_withdrawal_paragraph_is_translated(documents: Documents, directory: PartnerDirectory, language: str) -> None:
    html = documents.receipt(receipt(), directory, language)
    for msgid in (WITHDRAW, HOW_TO_WITHDRAW):
        translated = translations(language).gettext(msgid)
        assert translated != msgid
        assert translated in html
        assert msgid not in html
    assert f'<html lang="{language}" dir="{direction(language)}">' in html


def test_english_receipt_is_left_to_right(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.receipt(receipt(), directory, "en")
    assert '<html lang="en" dir="ltr">' in html
    assert WITHDRAW in html
    assert partner_name(directory, "jobcenter", "en") in html
    assert label(directory, "family_name", "en") in html
    assert "In person, with an interpreter" in html
    assert "March 5, 2026" in html


def test_unknown_language_falls_back_to_german(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.receipt(receipt(), directory, "fr")
    assert '<html lang="de" dir="ltr">' in html
    assert "Bestätigung Ihrer Einwilligung" in html


def test_receipt_escapes_what_staff_typed(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.receipt(receipt(purpose='<script>alert("x")</script> & more'), directory, "de")
    assert "<script" not in html
    assert "&lt;script&gt;" in html
    assert "&amp; more" in html


def test_receipt_names_no_external_resources(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.receipt(receipt(), directory, "de")
    assert "http://" not in html
    assert "https://" not in html
    assert "@import" not in html
    assert "size: A4" in html


def export() -> PersonExport:
    return PersonExport(
        id="person-1",
        exported_at=dt.datetime(2026, 4, 1, 9, 0, tzinfo=dt.UTC),
        fields={
            "given_names": "Amina",
            "family_name": "Haddad",
            "birth_date": "1990-04-12",
            "nationality": ["SY", "XX"],
            "mother_tongue": "ar",
            "languages": [{"language": "de", "level": "B1"}, {"language": "ar", "level": "native"}],
            "integration_course": {"status": "completed", "level": "B1", "certificate": "DTZ B1"},
            "school_education": [{"country": "SY", "years": 12, "degree": "Abitur"}],
            "vocational_qualifications": [{"title": "Schneiderin", "country": "SY", "recognition": "partial"}],
            "work_experience": [{"occupation": "Näherin", "years": 6, "country": "TR"}],
            "children": [{"birth_year": 2015, "school_attendance": "attends_school"}],
            "unaccompanied_minor": False,
            "residence_status": "aufenthaltserlaubnis",
            "sport_interests": ["Schwimmen", "Volleyball"],
            "sportbund.club": "SV Blau-Weiß <Naumburg>",
        },
        consents=[consent()],
        transfer_blocks=[
            TransferBlock(
                id="block-1",
                person_id="person-1",
                partner_id="jobcenter",
                recorded_by="user:desk-7",
                created_at=GIVEN_AT,
            )
        ],
        audit=[
            AuditEvent(
                seq=41,
                at=GIVEN_AT,
                actor="user:secret-staff-id",
                partner_id="sportbund",
                person_id="person-1",
                action="person.read",
                fields=("given_names", "residence_status"),
                purpose="placement",
                basis={"given_names": "consent:consent-1", "residence_status": "AZRG §18b"},
                hash="f" * 64,
            )
        ],
    )


@pytest.mark.parametrize("language", LANGUAGES)
def test_export_lists_every_field_with_its_label(
    documents: Documents, directory: PartnerDirectory, language: str
) -> None:
    data = export()
    html = documents.export(data, directory, language, tenant_name="Burgenlandkreis")
    assert f'lang="{language}"' in html
    for field in data.fields:
        assert label(directory, field, language) in html, field
    assert "SV Blau-Weiß &lt;Naumburg&gt;" in html
    assert "<Naumburg>" not in html


def test_export_renders_records_readably(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.export(export(), directory, "de")
    # the languages list: language names with their codes, and the levels as codes
    assert "Deutsch (de)" in html
    assert "Arabisch (ar)" in html
    assert ">B1<" in html
    assert ">native<" in html
    assert "Niveau" in html
    # schooling, qualifications, work, children; enum values as codes
    assert "Syrien (SY)" in html
    assert "Abitur" in html
    assert "partial" in html
    assert "Türkei (TR)" in html
    assert "2015" in html
    assert "attends_school" in html
    assert "aufenthaltserlaubnis" in html
    assert "Staatenlos oder ungeklärt (XX)" in html
    assert "12. April 1990" in html
    assert ">Nein<" in html
    assert "Schwimmen" in html


def test_export_shows_consents_blocks_and_the_audit_trail(documents: Documents, directory: PartnerDirectory) -> None:
    html = documents.export(export(), directory, "en")
    assert "Vermittlung in einen Sportverein und in Arbeit." in html
    assert partner_name(directory, "jobcenter", "en") in html  # a recipient and the blocked office
    assert AUDIT_EXPLAINED in html
    assert "Data viewed" in html  # person.read in words
    assert partner_name(directory, "sportbund", "en") in html
    assert "Given names: Your consent" in html  # fields read on different bases name theirs
    assert "Residence status: AZRG §18b" in html
    assert "Residence status" in html
    assert "secret-staff-id" not in html  # no actor internals
    assert "f" * 64 not in html


def test_export_of_nothing_says_so(documents: Documents, directory: PartnerDirectory) -> None:
    empty = PersonExport(id="p", exported_at=GIVEN_AT, fields={}, consents=[], transfer_blocks=[], audit=[])
    html = documents.export(empty, directory, "ku")
    for msgid in ("No data about you is stored.", "You have not given any consent.", "No access has been recorded."):
        assert translations("ku").gettext(msgid) in html


def _msgids(path: Path) -> set[str]:
    with path.open("rb") as f:
        return {m.id for m in read_po(f) if m.id and isinstance(m.id, str)}


def test_the_template_holds_every_message_of_the_code() -> None:
    with (ROOT / "babel.cfg").open() as cfg:
        method_map, options_map = parse_mapping_cfg(cfg)  # type: ignore[no-untyped-call]
    found = {message for _, _, message, _, _ in extract_from_dir(ROOT / "core", method_map, options_map)}
    assert found, "nothing extracted: check the patterns in babel.cfg"
    assert found == _msgids(I18N / "messages.pot"), "run pybabel extract (see babel.cfg) and translate"


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_message_is_translated(language: str) -> None:
    expected = _msgids(I18N / "messages.pot")
    with (I18N / "locales" / language / "LC_MESSAGES" / "messages.po").open("rb") as f:
        catalog = read_po(f, locale=language)
    for msgid in expected:
        message = catalog.get(msgid)
        assert message is not None, f"{language}: {msgid!r} is missing"
        assert isinstance(message.string, str)
        assert message.string.strip(), f"{language}: {msgid!r} is not translated"
        assert not message.fuzzy, f"{language}: {msgid!r} is fuzzy"
        if "%(" in msgid:
            assert message.string.count("%(") == msgid.count("%("), f"{language}: {msgid!r} loses a placeholder"
    if language != "en":
        same = [m for m in expected if catalog.get(m).string == m and len(m) > 12]  # type: ignore[union-attr]
        assert not same, f"{language}: left in English: {same}"

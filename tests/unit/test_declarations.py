"""Partner declarations are checked at start-up, and a broken one is named in the error."""

from __future__ import annotations

from pathlib import Path

import msgspec
import pytest

from core import CONSENT, FieldGrant, FieldSpec, Partner, PartnerKind, Service, hookimpl
from core.domain.biography import CORE_FIELDS, Category, FieldCatalogue, FieldType
from core.domain.errors import DeclarationError
from core.domain.partner import declaration_problems
from core.plugins import Registry, get_plugin_manager, read_partner_file
from core.settings import Settings

FOUR = {"de": "Beratung", "en": "Counselling", "ar": "استشارة", "ku": "Şêwirdarî"}


def make_partner(pid: str = "beratung", **changes: object) -> Partner:
    partner = Partner(
        id=pid,
        names=FOUR,
        kind=PartnerKind.EXTERNAL,
        services=(Service(id="erstberatung", names=FOUR, descriptions=FOUR, needs_fields=("given_names",)),),
        grants=(FieldGrant(field="given_names", purpose="Ansprache", basis=CONSENT),),
    )
    return msgspec.structs.replace(partner, **changes)


def catalogue() -> FieldCatalogue:
    return FieldCatalogue.build({})


def test_a_sound_declaration_has_no_problems() -> None:
    assert declaration_problems(make_partner(), catalogue()) == []


def test_grant_on_unknown_field_is_named() -> None:
    partner = make_partner(grants=(FieldGrant(field="shoe_size", purpose="x", basis=CONSENT),))
    problems = declaration_problems(partner, catalogue())
    assert any("unknown biography field 'shoe_size'" in p for p in problems)


def test_grant_without_legal_basis_is_refused() -> None:
    partner = make_partner(grants=(FieldGrant(field="given_names", purpose="x", basis="  "),))
    assert any("has no legal basis" in p for p in declaration_problems(partner, catalogue()))


def test_grant_citing_no_statute_is_refused() -> None:
    partner = make_partner(grants=(FieldGrant(field="given_names", purpose="x", basis="because"),))
    assert any("cite a statute" in p for p in declaration_problems(partner, catalogue()))


def test_service_needing_an_ungranted_field_is_named() -> None:
    service = Service(id="sport", names=FOUR, descriptions=FOUR, needs_fields=("sport_interests",))
    problems = declaration_problems(make_partner(services=(service,)), catalogue())
    assert problems == ["service 'sport' needs field 'sport_interests' but the partner has no grant for it"]


def test_duplicate_service_id_is_named() -> None:
    service = Service(id="erstberatung", names=FOUR, descriptions=FOUR)
    problems = declaration_problems(make_partner(services=(service, service)), catalogue())
    assert "service id 'erstberatung' is declared twice" in problems


def test_missing_language_is_named() -> None:
    partner = make_partner(names={"de": "Beratung", "en": "Counselling"})
    problems = declaration_problems(partner, catalogue())
    assert "partner 'beratung' has no name in 'ar'" in problems
    assert "partner 'beratung' has no name in 'ku'" in problems


def test_consent_grant_cannot_claim_free_movement_exclusion() -> None:
    grant = FieldGrant(field="given_names", purpose="x", basis=CONSENT, excludes_free_movement=True)
    assert any("only a statute grant" in p for p in declaration_problems(make_partner(grants=(grant,)), catalogue()))


def test_catalogue_holds_every_core_field_of_the_contract() -> None:
    names = catalogue().names()
    for name in ("family_name", "residence_status", "languages", "health_notes", "guardian", "sport_interests"):
        assert name in names
    assert len(names) == len(CORE_FIELDS)
    special = [spec.name for spec in CORE_FIELDS if spec.sensitivity.value == "special"]
    assert special == ["health_notes", "disability"]


def test_plugin_field_outside_its_namespace_is_refused() -> None:
    spec = FieldSpec(name="club", type=FieldType.STRING, category=Category.INTERESTS)
    with pytest.raises(DeclarationError, match="must be namespaced as sportbund"):
        FieldCatalogue.build({"sportbund": [spec]})


# --- the plugin manager and start-up ---------------------------------------------------------


class GoodPlugin:
    __name__ = "beratung"

    @hookimpl
    def agentur_partner(self) -> Partner:
        return make_partner()


class UnknownFieldPlugin:
    __name__ = "kaputt"

    @hookimpl
    def agentur_partner(self) -> Partner:
        return make_partner("kaputt", grants=(FieldGrant(field="iban", purpose="x", basis=CONSENT),))


class MisspeltHookPlugin:
    __name__ = "vertippt"

    @hookimpl
    def agentur_partnr(self) -> Partner:
        return make_partner("vertippt")


class WrongTypePlugin:
    __name__ = "falsch"

    @hookimpl
    def agentur_partner(self) -> dict[str, str]:
        return {"id": "falsch"}


class TwinPlugin:
    __name__ = "zwilling"

    @hookimpl
    def agentur_partner(self) -> Partner:
        return make_partner("beratung")


def registry_with(*plugins: object) -> Registry:
    settings = Settings(home=Path("/unused"), load_entrypoints=False, extra_plugins=plugins)
    return Registry.load(get_plugin_manager(settings))


def test_registry_loads_a_sound_plugin() -> None:
    registry = registry_with(GoodPlugin())
    assert list(registry.partners) == ["beratung"]


def test_broken_declaration_stops_start_up_naming_the_plugin() -> None:
    with pytest.raises(DeclarationError, match=r"plugin 'kaputt'.*unknown biography field 'iban'"):
        registry_with(GoodPlugin(), UnknownFieldPlugin())


def test_hook_without_spec_is_rejected_at_start_up() -> None:
    with pytest.raises(DeclarationError, match="vertippt"):
        registry_with(MisspeltHookPlugin())


def test_partner_hook_must_return_a_partner() -> None:
    with pytest.raises(DeclarationError, match="plugin 'falsch': agentur_partner must return a Partner"):
        registry_with(WrongTypePlugin())


def test_partner_id_must_be_the_plugin_name() -> None:
    with pytest.raises(DeclarationError, match="plugin 'zwilling': declares partner id 'beratung'"):
        registry_with(TwinPlugin())


def test_tenant_partner_with_a_taken_id_is_refused() -> None:
    registry = registry_with(GoodPlugin())
    with pytest.raises(DeclarationError, match="duplicate partner id 'beratung'"):
        registry.directory(["beratung"], [make_partner("beratung")])


def test_enabling_a_plugin_that_is_not_installed_is_refused() -> None:
    with pytest.raises(DeclarationError, match="'nirgendwo' is enabled for the tenant but not installed"):
        registry_with(GoodPlugin()).directory(["nirgendwo"])


def test_tenant_partner_file_is_read_and_checked(tmp_path: Path) -> None:
    good = tmp_path / "partners.toml"
    good.write_text(
        """
[[partners]]
id = "tafel"
kind = "external"
names = { de = "Tafel", en = "Food bank", ar = "بنك الطعام", ku = "Banka xwarinê" }
[[partners.grants]]
field = "given_names"
purpose = "Ausgabeausweis"
basis = "consent"
""",
        encoding="utf-8",
    )
    partners = read_partner_file(good)
    directory = registry_with().directory([], partners)
    assert directory.get("tafel") is not None

    bad = tmp_path / "bad.toml"
    bad.write_text('[[partners]]\nid = "tafel"\nkind = "sideways"\nnames = {}\n', encoding="utf-8")
    with pytest.raises(DeclarationError, match=r"partner file 'bad.toml'.*kind"):
        read_partner_file(bad)

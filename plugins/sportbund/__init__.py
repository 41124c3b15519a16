"""The Kreissportbund: club placement, sport for girls and women, youth sport."""

from core import Category, FieldSpec, FieldType, Partner, hookimpl

from .partner import declaration


@hookimpl
def agentur_partner() -> Partner:
    return declaration()


@hookimpl
def agentur_biography_fields() -> list[FieldSpec]:
    return [
        FieldSpec(
            name="sportbund.club",
            type=FieldType.STRING,
            category=Category.INTERESTS,
            labels={"de": "Sportverein", "en": "Sports club", "ar": "النادي الرياضي", "ku": "Klûba werzişê"},
        )
    ]

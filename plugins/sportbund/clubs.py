"""Club suggestions of the Kreissportbund: a small table of club offers in the Burgenlandkreis and the matching.

The clubs are fictional but shaped like the real thing: a club, a sport, a place, and training times for
young people and adults. The outcome is written in German for the office that sent the referral; it names
sports and clubs, never the person or the words the person used.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

from core import age_on

KSB_CONTACT = "Kreissportbund Burgenlandkreis, Tel. 03445 0000-400"
MAX_SUGGESTIONS = 3
ADULT_AGE = 18


@dataclass(frozen=True)
class Sport:
    key: str
    label: str
    """The German name used in the outcome."""
    stems: tuple[str, ...]
    """How people name it (de, en, ar, ku, uk, …): a word starting with a Latin stem, or containing another."""


@dataclass(frozen=True)
class Offer:
    club: str
    sport: str
    municipality: str
    place: str
    adults: str | None
    youth: str | None


@dataclass(frozen=True)
class OpenOffer:
    """The Kreissportbund's own ``Sport im Park``: no club membership, no registration."""

    place: str
    time: str


SPORTS: tuple[Sport, ...] = (
    Sport(
        "fussball",
        "Fußball",
        ("fußball", "fussball", "football", "soccer", "futbol", "fûtbol", "كرة القدم", "كرة قدم", "فوتبول", "футбол"),
    ),
    Sport("schwimmen", "Schwimmen", ("schwimm", "swim", "avjen", "سباح", "плаван")),
    Sport("boxen", "Boxen", ("box", "boks", "ملاكم", "бокс")),
    Sport(
        "kampfsport",
        "Kampfsport",
        ("kampfsport", "judo", "karate", "taekwondo", "kickbox", "ringen", "wrestl", "martial", "جودو", "كاراتيه"),
    ),
    Sport("volleyball", "Volleyball", ("volleyball", "volley", "voleybol", "الكرة الطائرة", "كرة طائرة", "волейбол")),
    Sport("basketball", "Basketball", ("basketball", "basket", "basketbol", "كرة السلة", "كرة سلة", "баскетбол")),
    Sport("laufen", "Laufen", ("lauf", "jogg", "run", "bazdan", "الجري", "ركض", "біг")),
    Sport("cricket", "Cricket", ("cricket", "kriket", "كريكيت", "کرکټ", "کریکت")),
    Sport("tischtennis", "Tischtennis", ("tischtennis", "table tennis", "ping pong", "pingpong", "تنس الطاولة")),
    Sport("radfahren", "Radfahren", ("radfahr", "fahrrad", "radsport", "cycl", "bike", "bicycl", "duçerx", "دراج")),
    Sport("fitness", "Fitness", ("fitness", "gym", "krafttraining", "fîtnes", "لياقة")),
    Sport("schach", "Schach", ("schach", "chess", "satranç", "şetrenc", "شطرنج", "шах")),
)

REGIONS: dict[str, tuple[str, ...]] = {
    "naumburg": (
        "naumburg",
        "bad kösen",
        "freyburg",
        "laucha",
        "bad bibra",
        "nebra",
        "karsdorf",
        "eckartsberga",
        "schönburg",
        "mertendorf",
        "wethau",
        "stößen",
        "goseck",
    ),
    "zeitz": ("zeitz", "elsteraue", "droyßig", "gutenborn", "osterfeld", "kretzschau", "schnaudertal", "wetterzeube"),
    "weissenfels": ("weißenfels", "hohenmölsen", "lützen", "teuchern", "großkorbetha"),
}
"""The municipalities of the county by the three areas the Kreissportbund's staff look after."""

OFFERS: tuple[Offer, ...] = (
    Offer(
        "SV Blau-Weiß Naumburg e.V.",
        "fussball",
        "Naumburg (Saale)",
        "Sportplatz am Blütengrund",
        adults="Di und Do 17:00",
        youth="Mo und Mi 16:30",
    ),
    Offer(
        "Schwimmverein Saale-Delphine Naumburg e.V.",
        "schwimmen",
        "Naumburg (Saale)",
        "Schwimmhalle Naumburg",
        adults="Mi 19:00 (Schwimmkurs für Erwachsene, auch Anfänger)",
        youth="Di und Fr 16:00",
    ),
    Offer(
        "Boxclub Saale-Unstrut Naumburg e.V.",
        "boxen",
        "Naumburg (Saale)",
        "Sporthalle Weinberge",
        adults="Mo, Mi und Fr 18:00",
        youth="Mo und Mi 16:30",
    ),
    Offer(
        "Laufgemeinschaft Saaletal e.V.",
        "laufen",
        "Naumburg (Saale)",
        "Treffpunkt Bürgergarten",
        adults="Di 18:00 und Sa 09:00",
        youth="Sa 09:00",
    ),
    Offer(
        "TTC Domstadt Naumburg e.V.",
        "tischtennis",
        "Naumburg (Saale)",
        "Turnhalle Salztor",
        adults="Di und Fr 19:00",
        youth="Di 17:00",
    ),
    Offer(
        "Schachfreunde Naumburg e.V.",
        "schach",
        "Naumburg (Saale)",
        "Bürgerhaus Othmarsplatz",
        adults="Fr 19:00",
        youth="Fr 16:30",
    ),
    Offer(
        "Radsportverein Saale-Unstrut Freyburg e.V.",
        "radfahren",
        "Freyburg (Unstrut)",
        "Treffpunkt Marktplatz",
        adults="So 09:30 (Ausfahrt, Leihräder auf Anfrage)",
        youth="Do 16:00",
    ),
    Offer(
        "FC Elster-Rot Zeitz e.V.",
        "fussball",
        "Zeitz",
        "Sportplatz Am Wasserturm",
        adults="Mo und Do 18:00",
        youth="Di und Do 16:30",
    ),
    Offer(
        "SG Aquarius Zeitz e.V.",
        "schwimmen",
        "Zeitz",
        "Stadtbad Zeitz",
        adults="Do 19:30",
        youth="Mo und Mi 16:00",
    ),
    Offer(
        "Kampfsportverein Budokan Zeitz e.V. (Judo, Karate, Kickboxen)",
        "kampfsport",
        "Zeitz",
        "Dojo in der Sporthalle Aue",
        adults="Di und Do 19:00",
        youth="Di und Do 17:00",
    ),
    Offer(
        "Volleyballfreunde Zeitz e.V.",
        "volleyball",
        "Zeitz",
        "Sporthalle Zeitz-Ost",
        adults="Mi 19:00 (Freizeitmannschaft)",
        youth="Mi 17:00",
    ),
    Offer(
        "SV Elstertal Zeitz e.V., Abteilung Cricket",
        "cricket",
        "Zeitz",
        "Sportplatz Elsteraue",
        adults="So 10:00, im Winter Fr 18:00 in der Halle",
        youth=None,
    ),
    Offer(
        "SSV Saalekicker Weißenfels e.V.",
        "fussball",
        "Weißenfels",
        "Sportplatz Beudefeld",
        adults="Di und Fr 18:00",
        youth="Mo und Mi 17:00",
    ),
    Offer(
        "Schwimmclub Neptun Weißenfels e.V.",
        "schwimmen",
        "Weißenfels",
        "Hallenbad Weißenfels",
        adults="Di 19:00",
        youth="Mo und Do 16:30",
    ),
    Offer(
        "Basketballverein Weißenfels-Saale e.V.",
        "basketball",
        "Weißenfels",
        "Stadthalle Weißenfels, Nebenhalle",
        adults="Mi 19:30",
        youth="Mo und Mi 17:00",
    ),
    Offer(
        "Ringer- und Judoverein Hohenmölsen e.V.",
        "kampfsport",
        "Hohenmölsen",
        "Sporthalle am Stadion",
        adults="Mo und Do 18:30",
        youth="Mo und Do 17:00",
    ),
    Offer(
        "TSV Hohenmölsen 1919 e.V., Fitness und Gesundheitssport",
        "fitness",
        "Hohenmölsen",
        "Kraftraum am Stadion",
        adults="Mo bis Fr 17:00 bis 21:00",
        youth="Mi 16:00 (ab 14 Jahren)",
    ),
    Offer(
        "VC Lützen e.V.",
        "volleyball",
        "Lützen",
        "Sporthalle Lützen",
        adults="Do 19:00",
        youth="Do 17:00",
    ),
)

SPORT_IM_PARK: dict[str, OpenOffer] = {
    "naumburg": OpenOffer("im Bürgergarten Naumburg", "Sa 10:00"),
    "zeitz": OpenOffer("im Schlosspark Moritzburg Zeitz", "Sa 10:00"),
    "weissenfels": OpenOffer("im Stadtpark Weißenfels", "So 10:00"),
}
HOME_REGION = "naumburg"
"""Where the Kreissportbund's office is; the open offer there when the municipality is not known."""


def _fold(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().strip()


_SPORTS = tuple((sport, tuple(_fold(s) for s in sport.stems)) for sport in SPORTS)
_REGIONS = {region: tuple(_fold(m) for m in places) for region, places in REGIONS.items()}
_LABELS = {sport.key: sport.label for sport in SPORTS}


def _names(stem: str, text: str, words: list[str]) -> bool:
    if stem.isascii() and " " not in stem:
        return any(word.startswith(stem) for word in words)
    return stem in text


def sports_in(interests: Iterable[str]) -> tuple[list[str], int]:
    """The sports the interests name, in their order, and how many interests matched no sport."""
    found: list[str] = []
    unmatched = 0
    for interest in interests:
        text = _fold(interest)
        words = text.replace("-", " ").replace("/", " ").split()
        keys = [sport.key for sport, stems in _SPORTS if any(_names(stem, text, words) for stem in stems)]
        if not keys:
            unmatched += 1
        found.extend(k for k in keys if k not in found)
    return found, unmatched


def region_of(municipality: str | None) -> str | None:
    if not municipality:
        return None
    place = _fold(municipality)
    for region, places in _REGIONS.items():
        if any(place.startswith(p) for p in places):
            return region
    return None


def _same_place(offer: Offer, municipality: str | None) -> bool:
    return bool(municipality) and _fold(offer.municipality).split(" (")[0] == _fold(municipality or "").split(" (")[0]


def nearest(sport: str, municipality: str | None) -> Offer | None:
    """The offer of ``sport`` in the person's municipality, else in its area, else anywhere in the county."""
    offers = [o for o in OFFERS if o.sport == sport]
    region = region_of(municipality)
    same_place = [o for o in offers if _same_place(o, municipality)]
    same_area = [o for o in offers if region is not None and region_of(o.municipality) == region]
    return next(iter(same_place + same_area + offers), None)


def _training(offer: Offer, age: int | None) -> str:
    if age is not None and age < ADULT_AGE and offer.youth:
        return f"Training Jugend {offer.youth}"
    if age is not None and age >= ADULT_AGE and offer.adults:
        return f"Training {offer.adults}"
    times = [f"Erwachsene {offer.adults}" if offer.adults else "", f"Jugend {offer.youth}" if offer.youth else ""]
    return "Training " + ", ".join(t for t in times if t)


def _describe(offer: Offer, age: int | None, municipality: str | None) -> str:
    where = offer.place if _same_place(offer, municipality) else f"{offer.place}, {offer.municipality}"
    return (
        f"{offer.club} ({_LABELS[offer.sport]}), {_training(offer, age)}, {where}; "
        "Ansprechperson über den Kreissportbund"
    )


def suggestion(
    interests: Iterable[str] | None, municipality: str | None, birth_date: object, today: dt.date | None = None
) -> str:
    """The outcome text: up to three club offers for the sports named, or the open ``Sport im Park``."""
    today = today or dt.date.today()
    age = age_on(birth_date, today)
    sports, unmatched = sports_in(interests or ())
    offers = [o for o in (nearest(s, municipality) for s in sports[:MAX_SUGGESTIONS]) if o is not None]
    closing = (
        "Probetraining kostenlos; bei Aufnahmeantrag und Beitragsermäßigung (Bildungs- und Teilhabepaket) "
        f"hilft der Kreissportbund ({KSB_CONTACT})."
    )
    if not offers:
        park = SPORT_IM_PARK[region_of(municipality) or HOME_REGION]
        text = (
            f"Vorschlag des Kreissportbunds: offenes Angebot „Sport im Park“, {park.time} {park.place}, ohne "
            "Anmeldung und ohne Vereinsmitgliedschaft; dort finden wir gemeinsam einen passenden Verein."
        )
        if unmatched:
            text += " Für die genannten Sportarten sucht der Kreissportbund persönlich weiter und meldet sich."
        return f"{text} {closing}"
    lines = [f"{i}. {_describe(o, age, municipality)}." for i, o in enumerate(offers, 1)]
    text = "Vereinsvorschlag des Kreissportbunds: " + " ".join(lines)
    if unmatched:
        text += " Für weitere genannte Sportarten sucht der Kreissportbund persönlich einen Verein und meldet sich."
    return f"{text} {closing}"

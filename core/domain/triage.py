"""Triage: which partner services fit a concern a visitor describes in free text (pure, no I/O).

The reception desk asks in German, English, Arabic or Kurmanji; every partner service declares
``keywords`` per language. ``score_services`` matches the visitor's words against them:

1. **Normalisation** (``normalise``), one pipeline for every script, because visitors mix
   languages (an Arabic speaker writes "Jobcenter", a Kurd writes "Ausbildung"): Unicode NFKC,
   ``casefold`` (``ß`` → ``ss``), Arabic-Indic digits → ``0-9``, then NFD and every combining mark
   dropped: that strips Latin diacritics (``ü î ê ş`` → ``u i e s``) and Arabic tashkeel, and unifies
   ``أ إ آ`` → ``ا`` and ``ؤ ئ`` → ``و ي``. Then ``ٱ`` → ``ا``, ``ى`` → ``ي``, ``ة`` → ``ه``, Persian
   ``ی ک`` → ``ي ك``; tatweel vanishes.
2. **Words** (``tokens``): apostrophes vanish inside a word (women's → ``womens``), anything else
   that is not a letter or digit separates words.
3. **Light stemming, per script.** Latin words (de, en, ku) lose inflection endings
   (``-ungen -ung -en -er -es -s -e -ya -ê …``) while at least four letters remain; a word also
   matches a keyword that it extends by at most three letters (``Kinder``/``Kind``, ``kursa``/
   ``kurs``) and, more weakly, a German compound that starts or ends with the keyword
   (``Mietschulden`` → ``Schulden``). Arabic words give a set of candidate forms: the article
   ``ال`` and the prefixes ``و ف ب ك ل`` (also stacked: ``وبال``, ``لل``) are stripped where at least
   three letters remain, then the suffixes ``ها ي ك ات ين ون`` (the visitor's words also ``ه هم نا كم``
   and the present-tense prefixes ``ا ي ت ن``: ``أعمل`` → ``عمل``); a stem left ending in ``ت``
   also gets its ``ه`` back (``إقامتي`` → ``اقامه``). A keyword matches a word when their forms meet.
4. **Scoring.** A keyword matches when all its words occur close together in any order (function
   words such as ``der``, ``the``, ``في``, ``li`` are not required). Each matched keyword adds
   1.0, a phrase 0.75 more for every further content word, a weak (compound) match 60 %; keywords
   in another language than the visitor's count 60 %. A word of the service's name adds 0.5 (in the
   visitor's language; 60 % of that in another). The sum ``s`` becomes ``s / (s + 2)`` in 0..1.

Best first; equal scores are ordered by partner id, then service id, so the list is deterministic.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from core.domain.base import Schema
from core.domain.partner import Partner, Service
from core.domain.reception import ConcernId, Suggestion

# --- 1. Normalisation -----------------------------------------------------------------------

_DIGITS = str.maketrans(
    {**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}}
)
_ARABIC_LETTERS = str.maketrans({"ٱ": "ا", "ى": "ي", "ة": "ه", "ی": "ي", "ک": "ك", "ـ": None})
_LATIN_SPECIALS = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "þ": "th", "ə": "e"}
)


def normalise(text: str) -> str:
    """NFKC, casefold, ASCII digits, no diacritics or tashkeel, one form of each Arabic letter."""
    folded = unicodedata.normalize("NFKC", text).casefold().translate(_DIGITS)
    bare = "".join(c for c in unicodedata.normalize("NFD", folded) if not unicodedata.category(c).startswith("M"))
    return bare.translate(_ARABIC_LETTERS).translate(_LATIN_SPECIALS)


# --- 2. Words -------------------------------------------------------------------------------

_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘ʿʾʼʻ`´′", None))
_WORD = re.compile(r"[^\W_]+")
_ARABIC_WORD = re.compile(r"[\u0600-\u06ff]")


def words(text: str) -> list[tuple[str, str]]:
    """The words of a text, in order, each as (original, normalised); apostrophes vanish inside a word."""
    found = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).translate(_APOSTROPHES)):
        norm = normalise(word)
        if norm:
            found.append((word, norm))
    return found


def tokens(text: str) -> list[str]:
    """The normalised words of a text, in order."""
    return [norm for _, norm in words(text)]


_STOPWORDS_RAW: dict[str, str] = {
    "de": "ich du er sie es wir ihr der die das den dem des ein eine einen einem einer und oder in im an am "
    "auf aus für mit von vom zu zum zur bei beim ist bin sind habe hat haben mein meine meines meinen meiner "
    "mir mich dein sein seine wie was wo wer bitte auch noch nur sehr so als aber dass weil wenn",
    "en": "i me my you your he his she her it its we our they their the a an and or to of in on at for with "
    "from by is am are was be been have has had do does this that these please can could would will so "
    "as but if about",
    "ar": "في من الى إلى على عن مع هذا هذه ذلك هو هي انا أنا انت نحن هم او أو و ثم لا ما كل كان عند",
    "ku": "ez tu ew em hun min te wi we me ji bi bo di de li re ve da u an ya ye yen en a e ku ne jî ka",
}
STOPWORDS: frozenset[str] = frozenset(normalise(word) for text in _STOPWORDS_RAW.values() for word in text.split())
"""Function words of the four languages (normalised): never required to match, never matched in names."""

# --- 3. Light stemming ----------------------------------------------------------------------

_LATIN_SUFFIXES = (
    "ungen",
    "ung",
    "iya",
    "eye",
    "ing",
    "yen",
    "ern",
    "en",
    "er",
    "es",
    "ed",
    "em",
    "an",
    "in",
    "im",
    "ya",
    "ye",
    "e",
    "s",
    "n",
    "a",
    "i",
)
_DOUBLE_END = re.compile(r"([^aeiou])\1$")


def latin_stem(token: str) -> str:
    """Strip inflection endings while at least four letters remain; ``ss`` at the end becomes ``s``."""
    for _ in range(3):
        for suffix in _LATIN_SUFFIXES:
            if token.endswith(suffix) and len(token) - len(suffix) >= 4:
                token = _DOUBLE_END.sub(r"\1", token[: -len(suffix)])
                break
        else:
            break
    return token


_AR_PREFIXES = ("وبال", "وكال", "فبال", "وال", "فال", "بال", "كال", "لل", "ال", "و", "ف", "ب", "ك", "ل")
_AR_SUFFIXES = ("ها", "ات", "ين", "ون", "ي", "ك")
_AR_TEXT_SUFFIXES = ("هم", "كم", "نا", "ه")
_AR_VERB_PREFIXES = ("ا", "ي", "ت", "ن")
_AR_MIN = 3


def arabic_forms(token: str, *, visitor: bool = False) -> frozenset[str]:
    """Candidate stems of an Arabic word: itself, without prefixes, without a suffix (see module doc)."""
    stems = {token}
    for prefix in _AR_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= _AR_MIN:
            stems.add(token[len(prefix) :])
    if visitor:
        for stem in list(stems):
            if stem[0] in _AR_VERB_PREFIXES and len(stem) - 1 >= _AR_MIN:
                stems.add(stem[1:])
    suffixes = _AR_SUFFIXES + _AR_TEXT_SUFFIXES if visitor else _AR_SUFFIXES
    for stem in list(stems):
        for suffix in suffixes:
            if stem.endswith(suffix) and len(stem) - len(suffix) >= _AR_MIN:
                bare = stem[: -len(suffix)]
                stems.add(bare)
                if bare.endswith("ت"):
                    stems.add(bare[:-1] + "ه")
    return frozenset(stems)


def arabic_stem(token: str) -> str:
    """One stem of an Arabic word: the longest prefix off, then one suffix (``الديون`` → ``ديون``)."""
    for prefix in _AR_PREFIXES:
        if token.startswith(prefix) and len(token) - len(prefix) >= _AR_MIN:
            token = token[len(prefix) :]
            break
    for suffix in _AR_SUFFIXES:
        if token.endswith(suffix) and len(token) - len(suffix) >= _AR_MIN:
            token = token[: -len(suffix)]
            return token[:-1] + "ه" if token.endswith("ت") else token
    return token


@dataclass(frozen=True, slots=True)
class _Word:
    """A normalised word with what matching needs: its Latin stem or its Arabic forms."""

    norm: str
    arabic: bool
    stem: str
    forms: frozenset[str]

    @property
    def canonical(self) -> str:
        """One spelling for keywords that are the same word: ``Job``/``job``, ``وصي``/``الوصي``."""
        return arabic_stem(self.norm) if self.arabic else self.stem

    @classmethod
    def of(cls, norm: str, *, visitor: bool) -> _Word:
        return _word(norm, visitor)


@functools.lru_cache(maxsize=8192)
def _word(norm: str, visitor: bool) -> _Word:
    if _ARABIC_WORD.search(norm):
        return _Word(norm, True, norm, arabic_forms(norm, visitor=visitor))
    return _Word(norm, False, latin_stem(norm), frozenset())


STRONG = 1.0
WEAK = 0.6


def _match(text: _Word, key: _Word, *, name: bool = False) -> float:
    """How well one visitor word matches one keyword (or name) word: 1.0, 0.6 or 0."""
    if text.norm == key.norm:
        return STRONG
    if text.arabic or key.arabic:
        return STRONG if text.arabic and key.arabic and not text.forms.isdisjoint(key.forms) else 0.0
    if text.norm.isdigit() or key.norm.isdigit():
        return 0.0
    if len(text.stem) >= 3 and text.stem == key.stem:
        return STRONG
    short, long = sorted((text.norm, key.norm), key=len)
    if len(short) >= 4 and long.startswith(short) and len(long) - len(short) <= 3:
        return STRONG
    if len(key.norm) >= 5:
        at = text.norm.rfind(key.norm)
        if at == 0 or (at > 0 and len(text.norm) - at - len(key.norm) <= 3):
            return WEAK  # a compound built on the keyword: Mietschulden, Fußballverein
    if name and len(text.norm) >= 5 and key.norm.startswith(text.norm):
        return WEAK  # the visitor's word starts a compound of the name: Anerkennung → Anerkennungsberatung
    return 0.0


# --- 4. Scoring -----------------------------------------------------------------------------

OTHER_LANGUAGE = 0.6
NAME_WORD = 0.5
PHRASE_WORD = 0.75
MAX_REASONS = 6


@dataclass(frozen=True, slots=True)
class _Keyword:
    label: str
    language: str
    alternatives: tuple[tuple[_Word, ...], ...]  # words required, in one spelling each
    span: int
    weight: float
    name: bool = False


@functools.lru_cache(maxsize=8192)
def _keyword(label: str, language: str, kind: Literal["keyword", "name"]) -> tuple[_Keyword, ...]:
    """A declared keyword as the words it requires; a service name as one entry per content word.

    Pure in its arguments, so cached: declarations are parsed once, not per visitor.
    """
    norms = tokens(label)
    if kind == "name":
        return tuple(
            _Keyword(original, language, ((_Word.of(norm, visitor=False),),), 1, NAME_WORD, name=True)
            for original, norm in words(label)
            if norm not in STOPWORDS and len(norm) >= 3 and not norm.isdigit()
        )
    if not norms:
        return ()
    content = [norm for norm in norms if norm not in STOPWORDS]
    required = content if len(content) >= 2 else norms
    weight = 0.25 + sum(PHRASE_WORD if norm not in STOPWORDS else 0.25 for norm in required)
    alternatives = [tuple(_Word.of(norm, visitor=False) for norm in required)]
    if len(norms) > 1 and re.fullmatch(r"[^\s]+", label.strip()):  # Job-Turbo, P-Konto: also written as one word
        alternatives.append((_Word.of("".join(norms), visitor=False),))
    return (_Keyword(label, language, tuple(alternatives), len(norms) + 2, weight),)


def _service_keywords(service: Service) -> list[_Keyword]:
    found: list[_Keyword] = []
    for language, labels in service.keywords.items():
        for label in labels:
            found.extend(_keyword(label, language, "keyword"))
    for language, label in service.names.items():
        found.extend(_keyword(label, language, "name"))
    return found


class _Text:
    """The visitor's words, with a cache of which positions each keyword word matches."""

    def __init__(self, text: str) -> None:
        self.words = [_Word.of(norm, visitor=True) for norm in tokens(text)]
        self._at: dict[_Word, list[int]] = {}
        for at, word in enumerate(self.words):
            self._at.setdefault(word, []).append(at)
        self._cache: dict[tuple[str, bool], dict[int, float]] = {}

    def positions(self, key: _Word, *, name: bool) -> dict[int, float]:
        cache_key = (key.norm, name)
        found = self._cache.get(cache_key)
        if found is None:
            found = {}
            for word, places in self._at.items():  # each distinct word once
                quality = _match(word, key, name=name)
                if quality:
                    found.update(dict.fromkeys(places, quality))
            self._cache[cache_key] = found
        return found

    def quality(self, keyword: _Keyword) -> float:
        """The best match of a keyword: every required word within ``span`` words of each other."""
        best = 0.0
        for alternative in keyword.alternatives:
            hits = [self.positions(word, name=keyword.name) for word in alternative]
            if not all(hits):
                continue
            if len(hits) == 1:
                best = max(best, max(hits[0].values()))
                continue
            for start in sorted({at for hit in hits for at in hit}):
                window = range(start, start + keyword.span)
                qualities = [max((q for at, q in hit.items() if at in window), default=0.0) for hit in hits]
                if all(qualities):
                    best = max(best, min(qualities))
        return best


def _score_service(text: _Text, partner: Partner, service: Service, language: str) -> Suggestion | None:
    matched: dict[tuple[bool, str], tuple[float, str, str]] = {}  # one entry per keyword (or name word)
    for keyword in _service_keywords(service):
        quality = text.quality(keyword)
        if not quality:
            continue
        weight = keyword.weight * quality * (1.0 if keyword.language == language else OTHER_LANGUAGE)
        canonical = " ".join(word.canonical for word in keyword.alternatives[0])
        key = (keyword.name, canonical)
        if key not in matched or matched[key][0] < weight:
            matched[key] = (weight, canonical, keyword.label)
    if not matched:
        return None
    raw = sum(weight for weight, _, _ in matched.values())
    labels: dict[str, str] = {}  # one label per word, whether keyword or name: "عمل" and "العمل" are one
    for _, canonical, label in sorted(matched.values(), key=lambda item: -item[0]):
        labels.setdefault(canonical, label)
    unique = list(labels.values())[:MAX_REASONS]
    return Suggestion(
        partner=partner.id,
        service=service.id,
        score=round(raw / (raw + 2.0), 3),
        reason="matched: " + ", ".join(unique),
    )


def rank(suggestions: Iterable[Suggestion]) -> list[Suggestion]:
    """Best first; equal scores by partner id, then service id."""
    return sorted(suggestions, key=lambda s: (-s.score, s.partner, s.service))


def score_services(text: str, language: str, partners: Sequence[Partner]) -> list[Suggestion]:
    """Every service of ``partners`` whose keywords or name the text matches, best first (see module doc)."""
    visitor = _Text(text)
    if not visitor.words:
        return []
    found = []
    for partner in partners:
        for service in partner.services:
            suggestion = _score_service(visitor, partner, service, language)
            if suggestion is not None:
                found.append(suggestion)
    return rank(found)


# --- The catalogue the desk picks from ------------------------------------------------------


class Concern(Schema, frozen=True):
    """One concern the desk can pick: a partner's service, named and with keywords in one language."""

    id: ConcernId
    partner: str
    service: str
    name: str
    keywords: tuple[str, ...] = ()


def concern_catalogue(partners: Sequence[Partner], language: str) -> list[Concern]:
    """Every service of ``partners`` as a concern in ``language`` (German where a text is missing)."""
    return [
        Concern(
            id=f"{partner.id}/{service.id}",
            partner=partner.id,
            service=service.id,
            name=service.names.get(language) or service.names.get("de") or service.id,
            keywords=tuple(service.keywords.get(language, ())),
        )
        for partner in partners
        for service in partner.services
    ]

"""Folding of names and birth dates into the search form the blind indexes are computed over.

Reception desks write one name in many ways. ``fold_name`` maps the spellings they treat as the
same name to one value; the blind index is an HMAC of that value, so search is an exact match on
it. Folding is deliberately coarse: the index only narrows, the candidates it finds are shown to a
person who confirms them (birth date, documents). docs/search.md has the tables and what leaks.

``fold_name`` is this ordered pipeline (``_NAME_STEPS``), each step a small function:

1. ``_normalise``: Unicode NFKC (ligatures, full-width and Arabic presentation forms become plain
   letters), then ``casefold`` (so ``ß``/``ẞ`` become ``ss``).
2. ``_transliterate``: Arabic (with the Persian/Dari and Pashto letters), Cyrillic (Ukrainian,
   Russian, Belarusian) and Greek letters become Latin letters. They are written in UPPER case,
   which no casefolded Latin input contains, so step 5 leaves them alone: an Arabic ``ط`` + ``ه``
   (Taha) must not be read as the Latin digraph ``th``. Arabic short vowels are not written, so
   Arabic gives a consonant skeleton: ``محمد`` → ``MHMD``. ``ا أ إ آ ع ى ة`` become the vowel
   ``A`` (``ع`` at the start of Omar/عمر is heard as a vowel); ``و`` is ``V`` at the start of a word
   or next to an alef (Walid, Marwan) and the vowel ``U`` elsewhere (Yusuf); ``ي`` is ``Y``.
   Ukrainian spellings win where the two languages differ (``г`` → ``H`` as in passports: Hanna,
   Serhii); ``дж`` → ``J``; ``х`` and ``ч`` → ``X`` (see step 5).
3. ``_strip_diacritics``: NFD, drop every combining mark (``é ü ş ș ễ`` → ``e u s s e``), then the
   letters Unicode does not decompose: ``æ`` → ``ae``, ``œ`` → ``oe``, ``ø`` → ``o``, ``ł`` → ``l``,
   ``đ``/``ð`` → ``d``, ``ı`` → ``i``, ``þ`` → ``th``, ``ŋ`` → ``ng``, ``ħ`` → ``h``, ``ə`` → ``e``.
   German ``ae``/``oe``/``ue`` need no rule: step 9 drops vowels, so Müller, Mueller and Muller
   fold alike.
4. ``_separate_words``: apostrophes (``' ’ ‘ ʿ ʾ ʼ ` ´``) are deleted inside a word (Sa'id →
   ``said``); every other non-letter, non-digit (spaces, hyphens, dashes, dots, commas) separates
   words. Word boundaries matter only to steps 5-8; step 9 removes them, so ``Anna-Maria``,
   ``Anna Maria`` and ``annamaria`` fold alike.
5. ``_latin_spelling``: Latin digraphs of the transliteration traditions, left to right, longest
   first: ``tsch``/``tch``/``ch``/``kh`` → ``x`` (German Chalid = Khalid = خالد; Ukrainian
   Schewtschenko = Shevchenko = Шевченко: so ``ch`` must equal both ``kh`` and ``ч``), ``sch`` →
   ``sh``, ``dsch``/``dzh``/``dj`` → ``j``, ``ph`` → ``f``, ``q`` → ``k``, ``w`` → ``v``, ``x`` →
   ``ks``. ``th``, ``dh`` and ``gh`` stay two letters (Arabic ``ث ذ غ`` are transliterated to them)
   so that Fathi (فتحي) and Adham (أدهم), where the two letters are two consonants, still match.
6. ``_merge_alphabets``: lower case, so transliterated letters meet their Latin spellings.
7. ``_name_particles``: ``j`` at the start of a word is ``y`` (Jusuf = Yusuf, Jamal = جمال); the
   article after ``abd`` is dropped (``abd`` + ``al``/``el``/``ul``/``il``: Abd al-Rahman =
   Abdelrahman = Abdul Rahman = Abdulrahman = عبد الرحمن; the assimilated Abdurrahman needs no rule).
   Every other article is kept, fused or not: El-Sayed = Elsayed = Al Sayed = السيد, but not Sayed.
8. ``_known_clashes``: names whose bare consonant skeletons would coincide with a more frequent
   name keep the long vowel that tells them apart, written ``w`` (a letter no other step leaves
   in): Mahmud/Mahmoud/محمود → ``mahmw…`` so it does not fold like Muhammad. One entry so far.
9. ``_skeleton``: the words are joined; the first letter is kept (any first vowel becomes ``a``:
   Omar = Umar = عمر, Ibrahim = Ebrahim = إبراهيم; a first ``y`` stays ``y``); every later vowel
   ``a e i o u y`` is dropped; runs of one letter collapse to one (Mohammed = Mohamed).

What collides on purpose (same folded value, different names) is listed in docs/search.md:
Hassan/Hussein, Ali/Alia, Omar/Amr/Amir, Müller/Miller, Daniel/Daniela, Olena/Elena.

Letters of other scripts (Ethiopic, Chinese, …) are kept as they are: the same spelling in the
same script matches, nothing else does.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from datetime import date

# --- 1. Unicode -----------------------------------------------------------------------------


def _normalise(value: str) -> str:
    """NFKC, then casefold."""
    return unicodedata.normalize("NFKC", value).casefold()


# --- 2. Other scripts to Latin (UPPER case: internal, merged in step 6) ----------------------

_ARABIC: dict[str, str] = {
    "ا": "A",
    "أ": "A",
    "إ": "A",
    "آ": "A",
    "ٱ": "A",
    "ى": "A",
    "ة": "A",
    "ع": "A",
    "ء": "",
    "ئ": "I",
    "ؤ": "U",
    "ـ": "",  # hamza carriers are vowels; tatweel is decoration
    "ب": "B",
    "ت": "T",
    "ث": "TH",
    "ج": "J",
    "ح": "H",
    "خ": "X",
    "د": "D",
    "ذ": "DH",
    "ر": "R",
    "ز": "Z",
    "س": "S",
    "ش": "SH",
    "ص": "S",
    "ض": "D",
    "ط": "T",
    "ظ": "Z",
    "غ": "GH",
    "ف": "F",
    "ق": "K",
    "ك": "K",
    "ل": "L",
    "م": "M",
    "ن": "N",
    "ه": "H",
    "و": "U",
    "ي": "Y",
    # Persian / Dari
    "پ": "P",
    "چ": "X",
    "ژ": "ZH",
    "گ": "G",
    "ک": "K",
    "ی": "Y",
    "ۀ": "A",
    "ە": "A",
    # Pashto
    "ټ": "T",
    "ډ": "D",
    "ړ": "R",
    "ښ": "SH",
    "ږ": "ZH",
    "ځ": "DZ",
    "څ": "TS",
    "ګ": "G",
    "ڼ": "N",
    "ۍ": "Y",
    "ې": "E",
}

_CYRILLIC: dict[str, str] = {
    "а": "A",
    "б": "B",
    "в": "V",
    "г": "H",
    "ґ": "G",
    "д": "D",
    "е": "E",
    "є": "YE",
    "ж": "ZH",
    "з": "Z",
    "и": "I",
    "і": "I",
    "ї": "YI",
    "й": "Y",
    "к": "K",
    "л": "L",
    "м": "M",
    "н": "N",
    "о": "O",
    "п": "P",
    "р": "R",
    "с": "S",
    "т": "T",
    "у": "U",
    "ф": "F",
    "х": "X",
    "ц": "TS",
    "ч": "X",
    "ш": "SH",
    "щ": "SHX",
    "ь": "",
    "ъ": "",
    "ы": "Y",
    "э": "E",
    "ю": "YU",
    "я": "YA",
    "ё": "YO",
    "ў": "U",
}

_GREEK: dict[str, str] = {
    "α": "A",
    "β": "V",
    "γ": "G",
    "δ": "D",
    "ε": "E",
    "ζ": "Z",
    "η": "I",
    "θ": "TH",
    "ι": "I",
    "κ": "K",
    "λ": "L",
    "μ": "M",
    "ν": "N",
    "ξ": "KS",
    "ο": "O",
    "π": "P",
    "ρ": "R",
    "σ": "S",
    "ς": "S",
    "τ": "T",
    "υ": "Y",
    "φ": "F",
    "χ": "X",
    "ψ": "PS",
    "ω": "O",
}


def _with_precomposed_greek(table: dict[str, str]) -> dict[str, str]:
    """Accented Greek letters (ά, ῶ, ϊ …) map like their base letter."""
    extended = dict(table)
    for code in (*range(0x0386, 0x03D0), *range(0x1F00, 0x2000)):
        char = chr(code)
        base = unicodedata.normalize("NFD", char)[:1]
        if char not in extended and base in table:
            extended[char] = table[base]
    return extended


_SCRIPTS = str.maketrans({**_ARABIC, **_CYRILLIC, **_with_precomposed_greek(_GREEK)})
_ALEFS = "اأإآٱ"
_ARABIC_LETTER = "\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff"
_WAW_CONSONANT = re.compile(f"(?<![{_ARABIC_LETTER}])و|و(?=[{_ALEFS}])|(?<=[{_ALEFS}])و")


def _transliterate(value: str) -> str:
    """Arabic, Cyrillic and Greek letters to upper-case Latin; Arabic keeps only what it writes."""
    if value.isascii():
        return value
    if "و" in value:
        value = _WAW_CONSONANT.sub("V", value)
    if "дж" in value:
        value = value.replace("дж", "J")
    return value.translate(_SCRIPTS)


# --- 3. Diacritics and letters Unicode does not decompose -----------------------------------

_LATIN_SPECIALS = str.maketrans(
    {"æ": "ae", "œ": "oe", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "ı": "i", "þ": "th", "ŋ": "ng", "ħ": "h", "ə": "e"}
)


def _strip_diacritics(value: str) -> str:
    """NFD and drop combining marks; then æ, ø, ł, đ, ı and friends."""
    if value.isascii():
        return value
    decomposed = unicodedata.normalize("NFD", value)
    bare = "".join(char for char in decomposed if not unicodedata.category(char).startswith("M"))
    return bare.translate(_LATIN_SPECIALS)


# --- 4. Words ----------------------------------------------------------------------------

_APOSTROPHES = str.maketrans(dict.fromkeys("'’‘ʿʾʼʻ`´′", None))
_WORD = re.compile(r"[^\W_]+")


def _separate_words(value: str) -> str:
    """Apostrophes vanish; any other non-letter separates words, written as one space."""
    return " ".join(_WORD.findall(value.translate(_APOSTROPHES)))


# --- 5. Latin spelling traditions ---------------------------------------------------------

_DIGRAPHS: dict[str, str] = {
    "tsch": "x",
    "dsch": "j",
    "sch": "sh",
    "dzh": "j",
    "tch": "x",
    "kh": "x",
    "ch": "x",
    "dj": "j",
    "ph": "f",
    "q": "k",
    "w": "v",
    "x": "ks",
}
_DIGRAPH = re.compile("|".join(sorted(_DIGRAPHS, key=len, reverse=True)))


def _latin_spelling(value: str) -> str:
    """One left-to-right pass over the (lower-case, Latin) digraphs; output is never re-read."""
    return _DIGRAPH.sub(lambda match: _DIGRAPHS[match.group()], value)


# --- 6. One alphabet ----------------------------------------------------------------------


def _merge_alphabets(value: str) -> str:
    """Transliterated (upper-case) letters meet their Latin spellings."""
    return value.lower()


# --- 7. Word starts and the article after 'abd' --------------------------------------------

_INITIAL_J = re.compile(r"\bj")
_ABD_ARTICLE = re.compile(r"\babd ?[aeiu]l ?(?=\w)")


def _name_particles(value: str) -> str:
    """``j`` starting a word is ``y``; ``abd`` + al/el/ul/il + name is ``abd`` + name."""
    if "j" in value:
        value = _INITIAL_J.sub("y", value)
    if "abd" in value:
        value = _ABD_ARTICLE.sub("abd ", value)
    return value


# --- 8. Names whose skeletons would clash with a more frequent one --------------------------

_KNOWN_CLASHES: tuple[tuple[re.Pattern[str], str], ...] = (
    # Mahmud (محمود) vs Muhammad (محمد): both skeletons are m-h-m-d; only Mahmud's long u is written.
    (re.compile(r"\bm[aeiouy]*hm[aeiouy]*[ou][aeiouy]*(?=[dt])"), "mahmw"),
)


def _known_clashes(value: str) -> str:
    """Keep the long vowel of the few names listed in ``_KNOWN_CLASHES``, as ``w``."""
    for pattern, replacement in _KNOWN_CLASHES:
        value = pattern.sub(replacement, value)
    return value


# --- 9. Consonant skeleton ----------------------------------------------------------------

_LATER_VOWELS = str.maketrans(dict.fromkeys("aeiouy ", None))
_RUNS = re.compile(r"(.)\1+")


def _skeleton(value: str) -> str:
    """First letter (a first vowel as ``a``), then the consonants; runs of one letter collapse."""
    head, tail = value[0], value[1:]
    if head in "aeiou":
        head = "a"
    return _RUNS.sub(r"\1", head + tail.translate(_LATER_VOWELS))


_NAME_STEPS: tuple[Callable[[str], str], ...] = (
    _normalise,
    _transliterate,
    _strip_diacritics,
    _separate_words,
    _latin_spelling,
    _merge_alphabets,
    _name_particles,
    _known_clashes,
    _skeleton,
)


def fold_name(value: str) -> str:
    """The search form of a name: equal for spellings the desks treat as the same name."""
    folded = value
    for step in _NAME_STEPS:
        if not folded or folded.isspace():
            raise ValueError("empty name")
        folded = step(folded)
    return folded


# --- Birth dates --------------------------------------------------------------------------

_ISO_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_GERMAN_DATE = re.compile(r"([0-9]{1,2})\.([0-9]{1,2})\.([0-9]{4})")


def fold_birth_date(value: str) -> str:
    """``YYYY-MM-DD`` (or the German desks' ``DD.MM.YYYY``, ``D.M.YYYY``) as ``YYYY-MM-DD``."""
    text = value.strip()
    if match := _ISO_DATE.fullmatch(text):
        year, month, day = match.groups()
    elif match := _GERMAN_DATE.fullmatch(text):
        day, month, year = match.groups()
    else:
        raise ValueError("birth date must be YYYY-MM-DD or DD.MM.YYYY")
    try:
        parsed = date(int(year), int(month), int(day))
    except ValueError:
        raise ValueError("birth date is not a calendar date") from None
    return parsed.isoformat()

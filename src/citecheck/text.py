"""Text helpers every stage shares, each defined once.

Folding (accents, case), markup stripping, DOI normalisation, family-name keys, the
particles and suffixes of personal names, and the year pattern. The reader, the
reference parser, the citation finder, the claim reader, the resolver and the
comparator all use these, so two stages never disagree on what "the same" means.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from citecheck.model import Work

# --------------------------------------------------------------------------- markup

_TAG = re.compile(r"<[^>]+>")
_SPACE = re.compile(r"\s+")


def unescape(text: str) -> str:
    """``html.unescape(text)``: character references ("&amp;", "&#233;") decoded.

    The html module (and its table of some two thousand entity names) is imported when
    a text first holds an "&": most runs meet none, and the import cost every start a
    millisecond.
    """
    if "&" not in text:
        return text
    import html

    return html.unescape(text)


def strip_tags(text: str) -> str:
    """``text`` with XML/HTML tags replaced by a space (entities kept as written)."""
    return _TAG.sub(" ", text)


def strip_markup(text: str) -> str:
    """Drop XML/HTML tags (JATS abstracts, ``<i>`` in titles), decode entities, collapse spaces."""
    return _SPACE.sub(" ", unescape(strip_tags(text))).strip()


def blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start:end]`` replaced by spaces (offsets unchanged)."""
    return text[:start] + " " * (end - start) + text[end:]


# --------------------------------------------------------------------------- folding


def strip_accents(text: str) -> str:
    """Diacritics dropped, letters of every script kept ("Müller" -> "Muller")."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def fold(text: str) -> str:
    """Accents and case folded away: the form two spellings of one word share."""
    return strip_accents(text).casefold()


def to_ascii(text: str) -> str:
    """Accents dropped and every letter outside ASCII removed, case folded."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()


_NON_LETTER = re.compile(r"[^a-z]+")
_NON_WORD = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """A family name for comparison: no diacritics, case, spaces or punctuation."""
    return _NON_LETTER.sub("", to_ascii(name))


def padded_words(text: str) -> str:
    """Text as case-folded words between single spaces (and one at each end), for containment."""
    return " " + _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip() + " "


_PUNCTUATION = re.compile(r"[^\w\s]+|_")


@functools.lru_cache(maxsize=8192)
def normalise_text(text: str) -> str:
    """Lower-case, markup, diacritics and punctuation stripped, spaces collapsed.

    Remembered for the last 8,192 texts: a record's title is normalised for every
    reference that cites it, an archive's references cite the same works again and again.
    """
    return _SPACE.sub(" ", _PUNCTUATION.sub(" ", fold(strip_markup(text)))).strip()


def title_similarity(stated: str, work: Work) -> float | None:
    """How alike (0..1) a stated title is to the record's title or title plus subtitle.

    The best of the plain and the word-order-free ratio; None when either side has no
    words. The resolver weighs it as evidence and the comparator reports on it. A
    record that keeps its subtitle inside the title is also compared by its main title,
    which entries often cite alone.
    """
    from rapidfuzz import fuzz  # only checking compares titles; parsing never loads it

    ours = normalise_text(stated)
    theirs = {normalise_text(t) for t in (work.title, work.full_title) if t}
    theirs.discard("")
    if not ours or not theirs:
        return None
    best = max(max(fuzz.ratio(ours, t), fuzz.token_sort_ratio(ours, t)) / 100.0 for t in theirs)
    for t in theirs:
        # A parser that ran the title on into the journal ("Title. Journal, 110(5)"):
        # the record's whole title opens the stated one. Long titles only.
        if len(ours) > len(t) and len(t.split()) >= 4:
            best = max(best, 0.98 * fuzz.ratio(ours[: len(t)], t) / 100.0)
    main = normalise_text(_main_title(work) or "")
    if main and len(ours) <= len(main) + 2:
        # Not for a longer stated title: "X: part 2" does not open with part 1's record.
        best = max(best, fuzz.ratio(ours, main) / 100.0)
    return round(best, 3)


# Where a title packed with its subtitle divides: "Predicting Child PTSD: The ...".
_SUBTITLE_AT = re.compile(r"[:?]\s+|\s*—\s*")


def _main_title(work: Work) -> str | None:
    """The record's title before a subtitle Crossref keeps inside it, when three words or more.

    Entries often cite the main title alone; a shorter one identifies too little.
    """
    parts = _SUBTITLE_AT.split(work.title or "", maxsplit=1)
    if len(parts) < 2 or len(normalise_text(parts[0]).split()) < 3:
        return None
    return parts[0]


def shortens_title(stated: str, work: Work) -> bool:
    """Whether a stated title is a shortened form of the record's: its words, mostly, in order or not.

    Link text is often a cut-down title ("... in Generation Scotland" for a long one).
    """
    ours = set(normalise_text(stated).split())
    theirs = set(normalise_text(work.full_title or work.title or "").split())
    return len(ours) >= 3 and len(ours & theirs) >= 0.8 * len(ours)


# --------------------------------------------------------------------------- DOIs

_DOI_RESOLVER = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi\s*:\s*)", re.IGNORECASE)
_DOI_TRAILING = ".,;:)]}>'\"’”"


def normalise_doi(raw: str) -> str:
    """Lower-case a DOI, drop any resolver prefix and trailing punctuation (keeping balanced ')').

    DOIs compare case-insensitively.
    """
    doi = _DOI_RESOLVER.sub("", raw.strip())
    while doi and doi[-1] in _DOI_TRAILING:
        if doi[-1] == ")" and doi.count("(") >= doi.count(")"):
            break
        doi = doi[:-1]
    return doi.lower()


# --------------------------------------------------------------------------- names

# Lower-case words that open a family name ("van der Berg", "de la Cruz", "bin Laden").
SURNAME_PARTICLES = (
    "van",
    "von",
    "der",
    "den",
    "de",
    "del",
    "della",
    "di",
    "da",
    "du",
    "dos",
    "das",
    "le",
    "la",
    "ten",
    "ter",
    "vande",
    "vander",
    "bin",
    "al",
    "el",
    "mac",
    "st",
)
# As a regular-expression alternation, longest first so "della" is not read as "de".
PARTICLE = "(?:" + "|".join(sorted(SURNAME_PARTICLES, key=len, reverse=True)) + ")"

# Generational suffixes written after a family name ("Smith Jr", "Wagner HR 2nd").
NAME_SUFFIXES = frozenset({"jr", "sr", "2nd", "3rd", "4th", "ii", "iii", "iv"})

_SUFFIX_AT_END = re.compile(
    r"(?:,?\s*\b(?:jr|sr|2nd|3rd|4th)\.?|,?\s+(?:ii|iii|iv)\.?)$", re.IGNORECASE
)


def family_core(family: str) -> str:
    """A family name without a generational suffix ("King Jr." -> "King", "Mainous 3rd")."""
    core = _SUFFIX_AT_END.sub("", family.strip())
    return core or family


@functools.lru_cache(maxsize=8192)
def family_key(family: str) -> str:
    """:func:`name_key` of a family name without its suffix: "Mainous 3rd" ~ "Mainous"
    (remembered, as :func:`normalise_text` is: the same records' names come again).
    """
    return name_key(family_core(family))


# --------------------------------------------------------------------------- years

# A year an article can be published in and cited by: 1800-2099.
YEAR = r"(?:1[89]\d\d|20\d\d)"
# Any year a bibliographic record may carry, old books included: 1500-2099.
RECORD_YEAR = r"(?:1[5-9]\d\d|20\d\d)"


def lazy_pattern(pattern: str, flags: int = 0) -> Callable[[], re.Pattern[str]]:
    """A function that gives ``re.compile(pattern, flags)``, compiled when first called.

    For the long patterns many runs never need (an author-date group, a reference-style
    link before a bracket): compiled at import, each would cost every start a millisecond
    or more.
    """

    @functools.cache
    def compiled() -> re.Pattern[str]:
        return re.compile(pattern, flags)

    return compiled

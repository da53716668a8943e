"""Journal-name normalisation and comparison: full titles, ISO 4 / NLM abbreviations, ISSNs.

Two names denote the same journal when, after :func:`normalise`, they are equal; or a
published (full title, abbreviation) pair links them (``data/journal_abbreviations.tsv``,
built from Crossref records by ``tools/build_journal_abbreviations.py``); or they have
the same significant words in the same order and each word of one abbreviates the
matching word of the other ("J Affect Disord" ~ "Journal of Affective Disorders").
The word-by-word rule never adds or drops a word, so "Psychopharmacology" is not
"Journal of Psychopharmacology".
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from citecheck.text import fold, lazy_pattern, strip_tags, unescape

if TYPE_CHECKING:
    from citecheck.model import Work

# Words ISO 4 drops from abbreviations; ignored when comparing word by word.
STOP_WORDS = frozenset(
    {"of", "the", "and", "in", "for", "on", "at", "to", "an", "de", "der", "des", "du"}
    | {"la", "le", "les", "el", "und", "et", "y", "fur", "di", "del", "della", "zur", "die"}
    | {"das", "voor", "van", "da", "do", "dos", "em", "pour", "per"}
)
# A country qualifier some abbreviations append ("Proc Natl Acad Sci USA").
_TRAILING_QUALIFIERS = (
    ("u", "s", "a"),
    ("usa",),
    ("of", "the", "united", "states", "of", "america"),
)
# ISO 4 contractions (LTWA) that are not truncations: abbreviation -> stem of the word.
CONTRACTIONS = {
    "natl": "nation",
    "intl": "internation",
    "jpn": "japan",
    "assn": "associat",
    "dtsch": "deutsch",
    "mgmt": "manage",
    "govt": "govern",
    "ctr": "cent",
    "dept": "depart",
    "bldg": "build",
}
_PARENTHESES = lazy_pattern(r"\([^()]*\)|\[[^\[\]]*\]")
_ISSN = lazy_pattern(r"^(\d{4})-?(\d{3}[\dX])$")


@lru_cache(maxsize=16384)
def normalise(name: str) -> str:
    """Lower-case words: no diacritics, markup, leading "The", punctuation; "&" -> "and"."""
    text = unescape(name)
    text = strip_tags(text).replace("&", " and ")
    # NLM appends a place of publication to tell same-named journals apart:
    # "Psychopharmacology (Berl)"; it is not part of the name a writer cites.
    stripped = _PARENTHESES().sub(" ", text)
    if stripped.strip():
        text = stripped
    # Punctuation (dashes included) separates words before accents are dropped, so
    # "Otolaryngology–Head" stays two words.
    text = re.sub(r"[\W_]+", " ", text)
    # Drop accents, keep letters of every script: "Теоретические основы" is a name too.
    text = fold(text)
    text = re.sub(r"[\W_]+", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


@lru_cache(maxsize=16384)
def _significant_words(name: str) -> tuple[str, ...]:
    """The words of a normalised name that ISO 4 keeps, country qualifier dropped."""
    words = tuple(name.split())
    for tail in _TRAILING_QUALIFIERS:
        if len(words) > len(tail) + 1 and words[-len(tail) :] == tail:
            words = words[: -len(tail)]
            break
    return tuple(w for w in words if w not in STOP_WORDS)


@lru_cache(maxsize=65536)
def abbreviates(short: str, long: str) -> bool:
    """True when one word abbreviates the other: a truncation ("psychiatr") or an ISO 4 contraction ("natl")."""
    if short == long:
        return True
    if len(short) > len(long):
        short, long = long, short
    if short.isdigit() or long.isdigit():
        return False
    if long.startswith(short):
        # "Cell" and "Cells" are two journals: a plural ending is not an abbreviation.
        return long not in (short + "s", short + "es")
    stem = CONTRACTIONS.get(short)
    return stem is not None and long.startswith(stem)


def _same_words(a: str, b: str) -> bool:
    """True when two normalised names have the same significant words, each abbreviating the other."""
    words_a, words_b = _significant_words(a), _significant_words(b)
    if not words_a or len(words_a) != len(words_b):
        return False
    if len(words_a) == 1:
        # One-word titles have no other word to confirm the match: "Chem" is not
        # "ChemInform", but "Psychopharmacol" is "Psychopharmacology".
        short, long = sorted((words_a[0], words_b[0]), key=len)
        if len(short) < 0.6 * len(long):
            return False
    # "Physical Review A" names a section, not an abbreviation of "Applied".
    last_a, last_b = words_a[-1], words_b[-1]
    if (_is_section_letter(last_a) or _is_section_letter(last_b)) and last_a != last_b:
        return False
    return all(abbreviates(x, y) for x, y in zip(words_a, words_b, strict=True))


def _is_section_letter(word: str) -> bool:
    """True for a closing single letter that names a journal section ("Part B", "A")."""
    return len(word) == 1 and word != "j"


@lru_cache(maxsize=1)
def _abbreviation_table() -> dict[str, frozenset[str]]:
    """Normalised name -> the normalised full titles it stands for (both directions kept)."""
    table: dict[str, set[str]] = {}
    # Beside this module, not through importlib.resources: importing that (tempfile, shutil,
    # random) costs every start of the command some 15 ms, for the same file.
    source = Path(__file__).with_name("data") / "journal_abbreviations.tsv"
    if not source.is_file():
        return {}
    for line in source.read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#") or "\t" not in line:
            continue
        full, abbreviation = (normalise(part) for part in line.split("\t", 1))
        if full and abbreviation:
            table.setdefault(abbreviation, set()).add(full)
            table.setdefault(full, set()).add(full)
    return {key: frozenset(value) for key, value in table.items()}


def _full_titles(name: str) -> frozenset[str]:
    """The normalised full titles a normalised name may stand for, itself included."""
    return _abbreviation_table().get(name, frozenset()) | {name}


@lru_cache(maxsize=65536)
def _same_normalised(a: str, b: str) -> bool:
    """:func:`same_journal` on two normalised names."""
    if not a or not b:
        return False
    if a == b or a.replace(" ", "") == b.replace(" ", ""):
        return True
    fulls_a, fulls_b = _full_titles(a), _full_titles(b)
    if fulls_a & fulls_b:
        return True
    return any(_same_words(x, y) for x in fulls_a for y in fulls_b)


def same_journal(a: str, b: str) -> bool:
    """True when two names denote the same journal (full names or abbreviations)."""
    x, y = normalise(a), normalise(b)
    return _same_normalised(min(x, y), max(x, y))


def is_known(name: str) -> bool:
    """True when ``name`` is a full title or abbreviation in the journal table."""
    return normalise(name) in _abbreviation_table()


def matches_work(name: str, work: Work) -> bool:
    """True when ``name`` denotes the journal of ``work`` (title, short titles).

    The journal PubMed names for the same work counts too, when it has the ISSN the
    Crossref record has: Crossref holds Transplantation (ISSN 0041-1337) as
    "Transplantation Journal", PubMed as "Transplantation". Names alone cannot tell
    that apart from The Breast and The Breast Journal, two journals.
    """
    names = [n for n in (work.journal, *work.short_journals, *_pubmed_names(work)) if n]
    return any(same_journal(name, n) for n in names)


def _pubmed_names(work: Work) -> tuple[str | None, ...]:
    """The journal's title and abbreviation in the work's PubMed record, if its ISSN agrees."""
    record = work.pubmed
    if record is None or not any(same_issn(a, b) for a in work.issns for b in record.issns):
        return ()
    return record.journal, record.journal_abbreviation


def normalise_issn(issn: str) -> str | None:
    """ISSN as ``NNNN-NNNC`` (upper-case check digit), or None when it is not one."""
    match = _ISSN().match(issn.strip().upper().replace(" ", ""))
    return f"{match.group(1)}-{match.group(2)}" if match else None


def same_issn(a: str, b: str) -> bool:
    """True when two strings are the same valid ISSN, written with or without the hyphen."""
    x = normalise_issn(a)
    return x is not None and x == normalise_issn(b)

"""Where a journal entry says where the work sits: volume, issue, pages, and the title/journal cut."""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.text import lazy_pattern

# "401-409", "e471-e477", "S208-19", and article numbers with a part: "031114-1-031114-9".
PAGES = (
    r"[A-Za-z]{0,2}\d+[A-Za-z0-9.]*(?:-\d{1,3}(?=-\d{4}))?"
    r"(?:\s*-\s*[A-Za-z]{0,2}\d+[A-Za-z0-9]*(?:-\d{1,3})?)?"
)

# Tail of an author-year entry after the title: ", 77(4), e471-e477" (APA),
# " 48: 2106-2127" (PLOS), " 5 (3): 1-10" (Chicago), ", 5(3), pp. 1-10" (Harvard).
_TAIL_COMMA = re.compile(
    r",\s*(?:vol\.\s*)?(?P<volume>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^()]{1,20})\))?"
    r"(?:\s*,\s*(?:no\.\s*(?P<issue2>\w+)\s*,\s*)?(?:pp?\.\s*)?(?P<pages>" + PAGES + r"))?\s*\.?$"
)
_TAIL_COLON = re.compile(
    r"\s(?P<volume>\d+[A-Za-z]?)(?:\s+(?P<supplement>Suppl\s*\d*))?\s*(?:,\s*no\.\s*(?P<issue2>\w+))?"
    r"\s*(?:\((?P<issue>[^()]{1,20})\))?\s*(?::\s*|\s+(?=\d+-))(?P<pages>" + PAGES + r")\s*\.?$"
)
# The rarer tails (semicolon, issue alone, article number) compile when an entry first
# needs one (lazy_pattern), as does the lone word before a cut.
# A journal glued to its locator by a semicolon: "Cell Calcium;44(1): 77-91".
_TAIL_SEMICOLON = lazy_pattern(
    r"\s*;\s*(?P<volume>\d+[A-Za-z]?)\s*(?:\((?P<issue>[^()]{1,20})\))?\s*:\s*(?P<pages>"
    + PAGES
    + r")\s*\.?$"
)
# An issue with no volume: "Cochrane Database of Systematic Reviews, (3), CD003766".
_TAIL_ISSUE_ONLY = lazy_pattern(
    r",\s*\((?P<issue>[^()]{1,20})\)\s*,\s*(?:pp?\.\s*)?(?P<pages>" + PAGES + r")\s*\.?$"
)
# An article number alone after the journal: "Stroke Res Treat 534812".
_TAIL_ARTICLE_NUMBER = lazy_pattern(r"(?<=[A-Za-z.])\s+(?P<pages>e?\d{4,8})\s*\.?$")
# The locator of a Vancouver/AMA entry, after "YEAR;": "64(6):1032-9", "5:3-18", "23 Suppl 1:S208-19".
_VANCOUVER_LOCATOR = re.compile(
    r"^\s*(?P<volume>[^():;]*?)\s*(?P<supplement>\bSuppl\b[^():;]*)?(?=\(|:|\s*$)\s*(?:\((?P<issue>[^()]*)\))?\s*(?::\s*(?P<pages>"
    + PAGES
    + r"))?"
)
# A sentence end inside "title. journal": ". X", "? X", "! X" (X not lower case).
# The mark is matched first, so the search skips from mark to mark.
_BOUNDARY = re.compile(
    r"[.?!](?:(?<=[^\s.][.?!])[”\"’]?\s+(?=[^\s a-z])|(?<=[a-z]{3}\.)(?=[A-Z][a-z]))"
)
_LONE_WORD = lazy_pattern(r"[A-Z][a-z]{2,11}")
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:[A-Z]|[A-Z][a-z]{1,3}|vs|Vol|No|St|Dr|Mr|Mrs|Ms)$")


class Locator(NamedTuple):
    """Volume, issue and pages read from the end of an entry, and where they began."""

    volume: str | None
    issue: str | None
    pages: str | None
    start: int


def read_tail(text: str) -> Locator | None:
    """Volume, issue and pages at the end of an author-year entry's source part."""
    for pattern in (_TAIL_COMMA, _TAIL_COLON):
        match = pattern.search(text)
        if match:
            issue = match.group("issue") or match.group("issue2")
            return Locator(match.group("volume"), issue, match.group("pages"), match.start())
    match = _TAIL_ISSUE_ONLY().search(text)
    if match:
        return Locator(None, match.group("issue"), match.group("pages"), match.start())
    match = _TAIL_SEMICOLON().search(text) if ";" in text else None
    if match:
        return Locator(
            match.group("volume"), match.group("issue"), match.group("pages"), match.start()
        )
    match = _TAIL_ARTICLE_NUMBER().search(text) if _ends_in_digit(text) else None
    if match:
        return Locator(None, None, match.group("pages"), match.start())
    return None


def _ends_in_digit(text: str) -> bool:
    r"""Whether ``text`` ends in a digit but for what ``\s*\.?$`` allows after it (spaces,
    a stop, a final newline): an article number needs it.
    """
    end = text.removesuffix("\n").removesuffix(".").rstrip()
    return end[-1:].isdigit()


def read_vancouver_locator(text: str) -> Locator:
    """Volume, issue and pages after ``YEAR;`` in a Vancouver or AMA entry."""
    match = _VANCOUVER_LOCATOR.match(text)
    if match is None:  # the pattern can match empty text, so this is only for type checkers
        return Locator(None, None, None, 0)
    volume = match.group("volume").strip() or None
    # "23 Suppl 1": the supplement stands where an issue would.
    issue = match.group("issue") or (match.group("supplement") or "").strip() or None
    return Locator(volume, issue, match.group("pages"), 0)


def split_title_journal(text: str) -> tuple[str | None, str | None]:
    """Cut ``"Title. Journal"`` at the last sentence end that is not an abbreviation."""
    text = text.strip().rstrip(",.")
    boundaries = list(_BOUNDARY.finditer(text))
    if not boundaries:
        return None, text or None
    at = len(boundaries) - 1  # the fallback: the last sentence end of all
    for index in range(len(boundaries) - 1, -1, -1):
        match = boundaries[index]
        if not _ends_in_abbreviation(text, match.start()) or match.group(0)[0] in "?!":
            at = index
            break
    cut = _before_one_word(text, boundaries[at], boundaries[at - 1] if at else None)
    title = text[: cut.start() + _kept(cut.group(0))].strip()
    journal = text[cut.end() :].strip().rstrip(".")
    return title or None, journal or None


def _before_one_word(text: str, cut: re.Match[str], earlier: re.Match[str] | None) -> re.Match[str]:
    """The cut before a lone capitalised word ("...tissue. Laser. Phys Lett"): it opens the journal.

    A single word standing between two sentence ends is an abbreviated journal word
    with a full stop inside the name, not the last sentence of a title.
    """
    if earlier is None or earlier.group(0)[0] != ".":
        return cut
    between = text[earlier.end() : cut.start()]
    if _LONE_WORD().fullmatch(between) and cut.group(0).startswith(". "):
        return earlier
    return cut


def _ends_in_abbreviation(text: str, end: int) -> bool:
    """Whether the word before ``end`` is an abbreviation ("J", "Clin", "vs").

    Only a short window is searched, so cutting a long entry stays linear.
    """
    return bool(_ABBREVIATION.search(text[max(0, end - 12) : end]))


def _kept(boundary: str) -> int:
    """How much of a sentence end stays with the sentence: "?", "!", or a stop inside quotes."""
    mark = boundary.rstrip()
    if len(mark) > 1:  # 'field."' keeps both the stop and the closing quote
        return len(mark)
    return 1 if mark in "?!" else 0


def first_sentence(text: str) -> tuple[str, str]:
    """Split text at its first sentence end that is not an abbreviation."""
    for match in _BOUNDARY.finditer(text):
        if not _ends_in_abbreviation(text, match.start()) or match.group(0)[0] in "?!":
            return text[: match.start() + _kept(match.group(0))].strip(), text[
                match.end() :
            ].strip()
    return text.strip().rstrip("."), ""

"""Identifiers in a reference entry: DOI, PMID and URL, found, normalised and cut out."""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.references.quick import back_over, collapsed, first_of, folded, sub_from
from citecheck.text import lazy_pattern, normalise_doi

# A DOI runs to the next whitespace; parentheses are legal inside it
# (10.1016/0042-6989(93)90156-Q), so only trailing punctuation is trimmed afterwards.
# _find_doi finds what _DOI matches without running it (so it is compiled only if asked).
_DOI_LEAD = r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)"
_DOI = lazy_pattern(
    _DOI_LEAD + r"?"
    # SICI-style DOIs carry "<...>" pairs: 10.1002/(sici)...<813::aid-jclp4>3.0.co;2-b
    r"(?P<doi>10\.\d{4,9}/(?:[^\s\"<>]|<[^\s\"<>]*>)+)",
    re.IGNORECASE,
)
# The DOI alone (its "10." lets the search skip ahead), and what may lead up to it: a DOI
# match starts where its lead starts, or at the DOI itself.
_DOI_ONLY = re.compile(r"10\.\d{4,9}/(?:[^\s\"<>]|<[^\s\"<>]*>)+")
_DOI_LEAD_BEFORE = re.compile(_DOI_LEAD + r"\Z", re.IGNORECASE)
_LONGEST_DOI_LEAD = len("https://dx.doi.org/")
# The patterns of what few entries hold (a "doi:" label without a DOI, a PMCID, a URL,
# access notes, empty brackets, a space before a stop) compile when an entry first holds
# what each needs (lazy_pattern).
_DOI_LABEL_ONLY = lazy_pattern(r"\bdoi\s*:\s*(?P<doi>[A-Za-z][^\s]*\.\d[^\s]*)", re.IGNORECASE)
_PMID = re.compile(r"\b(?:PMID|PubMed(?:\s+PMID)?)\s*:?\s*(?P<pmid>\d{1,9})\b", re.IGNORECASE)
_PMCID = lazy_pattern(
    r"(?:;\s*)?(?:PubMed Central\s+)?PMCID\s*:?\s*PMC\w*\.?|\bPMC\d{4,9}\b\.?", re.IGNORECASE
)
_PMCID_NUMBER = lazy_pattern(r"\bPMC(\d{4,9})\b", re.IGNORECASE)
# PLOS prints the PMID as a bare 6-8 digit number at the very end of the entry.
_TRAILING_NUMBER = re.compile(r"(?:^|[\s.;])(?P<pmid>\d{6,8})\.?\s*$")
_URL = lazy_pattern(r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?", re.IGNORECASE)
_ACCESS = lazy_pattern(
    r"(?:\bAvailable(?: from| at| online)?\s*:?|\bRetrieved(?: \w+ \d{1,2}, \d{4},)? from|"
    r"\[?Accessed[^\].]*\]?\.?|\[Cited[^\]]*\]\.?|Epub(?: ahead of print)?[^.]*\.)",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = lazy_pattern(r"<\s*>|\(\s*\)|\[\s*\]|\[Internet\]", re.IGNORECASE)
# Cutting leaves ". ." and ". ;" behind: a stop, then more stops or semicolons.
_DOUBLE_STOP = re.compile(r"\.(?:\s+\.(?!\.)|\s*;)+")
_SPACE_BEFORE_STOP = lazy_pattern(r"\s+(?=[.,;](?:\s|$))")
_TRAILING_PUNCT = ".,;:)]}>'\"’”"


class Identifiers(NamedTuple):
    """What identifies the cited work, and the entry with those identifiers cut out."""

    doi: str | None
    pmid: str | None
    url: str | None
    rest: str
    pmcid: str | None = None  # "PMC1234567"


def _cut(text: str, start: int, end: int) -> str:
    """Remove ``text[start:end]``, leaving one space."""
    return text[:start] + " " + text[end:]


def extract_identifiers(text: str) -> Identifiers:
    """Find DOI, PMID and URL in ``text`` and return them with the remaining text."""
    rest = text
    doi: str | None = None
    url: str | None = None
    pmid: str | None = None
    doi_at = _find_doi(rest) if "10." in rest else None
    if doi_at:
        start, end, written = doi_at
        doi = normalise_doi(written)
        rest = _cut(rest, start, end)
    else:
        label = _DOI_LABEL_ONLY().search(rest) if "oi" in rest else None
        if label:
            rest = _cut(rest, label.start(), label.end())
    lower = rest.lower()
    # Cheap substring checks first: most entries carry none of these, and a
    # failing regex search still walks the whole entry.
    pmcid: str | None = None
    if "pmc" in lower:
        found = _PMCID_NUMBER().search(rest)
        pmcid = f"PMC{found.group(1)}" if found else None
        # Matches open with "PMC" or "PubMed Central", perhaps after "; ".
        first = first_of(folded(rest), "pmc", "pubmed")
        rest = sub_from(_PMCID(), " ", rest, back_over(rest, first, ";") if first != -1 else -1)[0]
    match = None
    if "pmid" in lower or "pubmed" in lower:
        # A match starts at the first "PMID" or "PubMed" of the text as it now is.
        match = _search_from(_PMID, rest, first_of(folded(rest), "pmid", "pubmed"))
    if match:
        pmid = match.group("pmid")
        rest = _cut(rest, match.start(), match.end())
    match = _URL().search(rest) if "http" in lower or "www." in lower else None
    if match:
        url = match.group("url").rstrip(_TRAILING_PUNCT)
        rest = _cut(rest, match.start(), match.end())
    if (
        "availab" in lower
        or "retrieved" in lower
        or "accessed" in lower
        or "[cited" in lower
        or "epub" in lower
    ):  # the words every _ACCESS match holds
        rest = _ACCESS().sub(" ", rest)
    if pmid is None:
        stripped = rest.rstrip(" .;")
        # Only the last few characters can hold it; searching from there keeps it cheap.
        match = _TRAILING_NUMBER.search(stripped, max(0, len(stripped) - 12))
        if match and _looks_after_locator(rest[: match.start("pmid")]):
            pmid = match.group("pmid")
            rest = rest[: match.start("pmid")]
    if _may_hold_empty_brackets(rest):
        rest = _EMPTY_BRACKETS().sub(" ", rest)
    # Cutting leaves ". ." and ". ;" behind; an ellipsis "..." must survive.
    if "." in rest:
        rest = _DOUBLE_STOP.sub(".", rest)
    # A space before a stop: every space but " " is unprintable, so a printable entry
    # needs one of these pairs for the pattern to match.
    if not rest.isprintable() or " ." in rest or " ," in rest or " ;" in rest:
        rest = _SPACE_BEFORE_STOP().sub("", rest)
    rest = collapsed(rest).strip(" ;,")
    return Identifiers(doi=doi, pmid=pmid, url=url, rest=rest, pmcid=pmcid)


def _may_hold_empty_brackets(text: str) -> bool:
    """Whether ``text`` holds what every :data:`_EMPTY_BRACKETS` match holds: an opening
    bracket then a closing one or a space (every space but " " is unprintable), or
    "[Internet]".
    """
    if not text.isprintable():
        return "<" in text or "(" in text or "[" in text
    return (
        "<>" in text
        or "< " in text
        or "()" in text
        or "( " in text
        or "[]" in text
        or "[ " in text
        or ("[" in text and "[internet]" in folded(text))
    )


def _find_doi(text: str) -> tuple[int, int, str] | None:
    """Where the first :data:`_DOI` match starts and ends, and the DOI in it.

    Found as the first DOI (a quick search for "10.") and the lead just before it: no
    lead holds "10.", so no earlier DOI can hide inside a later DOI's lead.
    """
    found = _DOI_ONLY.search(text)
    if found is None:
        return None
    start = found.start()
    # The lead ends in spaces, a colon and spaces ("doi : 10.") or at the DOI; it starts
    # at most the longest lead's length before that.
    head = text[:start].rstrip()
    if head.endswith(":"):
        head = head[:-1].rstrip()
    lead = _DOI_LEAD_BEFORE.search(text, max(0, len(head) - _LONGEST_DOI_LEAD), start)
    return (lead.start() if lead else start), found.end(), found.group(0)


def _search_from(pattern: re.Pattern[str], text: str, start: int) -> re.Match[str] | None:
    r"""``pattern.search(text)`` for a pattern whose matches begin with a word first seen
    at ``start`` (-1: nowhere); the text before it is not walked.

    ``\b`` and look-behinds still see the character before ``start``.
    """
    return pattern.search(text, start) if start != -1 else None


def _looks_after_locator(before: str) -> bool:
    """A bare number is a PMID only after a full stop, never an article number after a comma."""
    return before.rstrip().endswith(".")

"""Identifiers in a reference entry: DOI, PMID and URL, found, normalised and cut out."""

from __future__ import annotations

import re
from dataclasses import dataclass

from citecheck.text import normalise_doi

# A DOI runs to the next whitespace; parentheses are legal inside it
# (10.1016/0042-6989(93)90156-Q), so only trailing punctuation is trimmed afterwards.
_DOI = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?"
    # SICI-style DOIs carry "<...>" pairs: 10.1002/(sici)...<813::aid-jclp4>3.0.co;2-b
    r"(?P<doi>10\.\d{4,9}/(?:[^\s\"<>]|<[^\s\"<>]*>)+)",
    re.IGNORECASE,
)
_DOI_LABEL_ONLY = re.compile(r"\bdoi\s*:\s*(?P<doi>[A-Za-z][^\s]*\.\d[^\s]*)", re.IGNORECASE)
_PMID = re.compile(r"\b(?:PMID|PubMed(?:\s+PMID)?)\s*:?\s*(?P<pmid>\d{1,9})\b", re.IGNORECASE)
_PMCID = re.compile(
    r"(?:;\s*)?(?:PubMed Central\s+)?PMCID\s*:?\s*PMC\w*\.?|\bPMC\d{4,9}\b\.?", re.IGNORECASE
)
_PMCID_NUMBER = re.compile(r"\bPMC(\d{4,9})\b", re.IGNORECASE)
# PLOS prints the PMID as a bare 6-8 digit number at the very end of the entry.
_TRAILING_NUMBER = re.compile(r"(?:^|[\s.;])(?P<pmid>\d{6,8})\.?\s*$")
_URL = re.compile(r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?", re.IGNORECASE)
_ACCESS = re.compile(
    r"(?:\bAvailable(?: from| at| online)?\s*:?|\bRetrieved(?: \w+ \d{1,2}, \d{4},)? from|"
    r"\[?Accessed[^\].]*\]?\.?|\[Cited[^\]]*\]\.?|Epub(?: ahead of print)?[^.]*\.)",
    re.IGNORECASE,
)
_EMPTY_BRACKETS = re.compile(r"<\s*>|\(\s*\)|\[\s*\]|\[Internet\]", re.IGNORECASE)
_DOUBLE_STOP = re.compile(r"(?<=\.)(?:\s+\.(?!\.)|\s*;)+")
_SPACE_BEFORE_STOP = re.compile(r"\s+(?=[.,;](?:\s|$))")
_ACCESS_WORDS = ("availab", "retrieved", "accessed", "[cited", "epub")
_TRAILING_PUNCT = ".,;:)]}>'\"’”"


@dataclass(frozen=True)
class Identifiers:
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
    match = _DOI.search(rest) if "10." in rest else None
    if match:
        doi = normalise_doi(match.group("doi"))
        rest = _cut(rest, match.start(), match.end())
    else:
        label = _DOI_LABEL_ONLY.search(rest) if "oi" in rest else None
        if label:
            rest = _cut(rest, label.start(), label.end())
    lower = rest.lower()
    # Cheap substring checks first: most entries carry none of these, and a
    # failing regex search still walks the whole entry.
    pmcid: str | None = None
    if "pmc" in lower:
        found = _PMCID_NUMBER.search(rest)
        pmcid = f"PMC{found.group(1)}" if found else None
        rest = _PMCID.sub(" ", rest)
    match = _PMID.search(rest) if "pmid" in lower or "pubmed" in lower else None
    if match:
        pmid = match.group("pmid")
        rest = _cut(rest, match.start(), match.end())
    match = _URL.search(rest) if "http" in lower or "www." in lower else None
    if match:
        url = match.group("url").rstrip(_TRAILING_PUNCT)
        rest = _cut(rest, match.start(), match.end())
    if any(word in lower for word in _ACCESS_WORDS):
        rest = _ACCESS.sub(" ", rest)
    if pmid is None:
        stripped = rest.rstrip(" .;")
        # Only the last few characters can hold it; searching from there keeps it cheap.
        match = _TRAILING_NUMBER.search(stripped, max(0, len(stripped) - 12))
        if match and _looks_after_locator(rest[: match.start("pmid")]):
            pmid = match.group("pmid")
            rest = rest[: match.start("pmid")]
    if "<" in rest or "(" in rest or "[" in rest:
        rest = _EMPTY_BRACKETS.sub(" ", rest)
    # Cutting leaves ". ." and ". ;" behind; an ellipsis "..." must survive.
    rest = _DOUBLE_STOP.sub("", rest)
    rest = _SPACE_BEFORE_STOP.sub("", rest)
    rest = " ".join(rest.split()).strip(" ;,")
    return Identifiers(doi=doi, pmid=pmid, url=url, rest=rest, pmcid=pmcid)


def _looks_after_locator(before: str) -> bool:
    """A bare number is a PMID only after a full stop, never an article number after a comma."""
    return before.rstrip().endswith(".")

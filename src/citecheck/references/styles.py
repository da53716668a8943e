"""Telling reference styles apart from the shape of the author list, year and source."""

from __future__ import annotations

import re

from citecheck.model import Style
from citecheck.text import lazy_pattern

# "Wilkinson, S. T.," / "Wilkinson, S.T." : family name, comma, initials.
_INVERTED_INITIALS = re.compile(r"^[^,]+,\s*(?:[A-Z][a-z]?\.\s*-?\s*)+(?:,|&|and\b|$)")
# "Wilkinson, Samuel T." : family name, comma, a full given name.
# (Not "Pound P, Gompertz P": a Vancouver name, initials after the family name.)
_INVERTED_FULL = re.compile(r"^[^,\s]+(?:\s(?![A-Z]{1,3},)[^,\s]+)?,\s*[A-Z][a-z]+(?:[\s.,-]|$)")
_INITIALS_FIRST = lazy_pattern(r"^[A-Z][a-z]?\.\s*-?\s*(?:[A-Za-z][a-z]?\.\s*-?\s*)*[A-Z][\w'’-]+")


def guess_author_year_style(authors: str, year_token: str) -> Style:
    """APA ``(2016).``, Harvard ``(2016)``, Chicago ``Name. 2016.``; PLOS keeps Vancouver names."""
    if year_token.startswith("(") and year_token.endswith("."):
        return Style.APA
    if not _INVERTED_INITIALS.match(authors) and not _INVERTED_FULL.match(authors):
        return Style.VANCOUVER
    if year_token.startswith("("):
        return Style.APA if year_token.endswith(".") else Style.HARVARD
    if _INVERTED_INITIALS.match(authors):
        return Style.HARVARD
    return Style.CHICAGO


def guess_quoted_style(before: str, after: str, year_token: str) -> Style:
    """IEEE (initials first), MLA (``vol.``, ``no.``), Chicago (``5, no. 3 (2020)``), Harvard."""
    if _INITIALS_FIRST().match(before):
        return Style.IEEE
    if year_token:
        if year_token.startswith("(") or _INVERTED_INITIALS.match(before):
            return Style.HARVARD
        return Style.CHICAGO
    if "vol." in after:
        return Style.MLA
    return Style.CHICAGO

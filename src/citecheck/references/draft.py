"""What a style reader found in an entry, before identifiers and authors are read."""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.model import Style

YEAR = r"(?:1[5-9]|20)\d{2}"
ANY_YEAR = re.compile(r"(?<![\d/.])(?P<year>" + YEAR + r")(?![\d/])")


class Draft(NamedTuple):
    """What a style reader found before identifiers are added."""

    style: Style
    parsed: bool
    authors_text: str = ""
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    nlm: bool = False  # read as "Journal. YEAR;VOL(ISSUE):PAGES": Vancouver, or AMA

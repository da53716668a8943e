"""The study design a claim states for the cited work (not the citing article's own)."""

from __future__ import annotations

import re

from citecheck import studytype
from citecheck.model import Classification
from citecheck.text import blank

# Designs the citing article claims for itself ("our study", "in this study", "the present
# meta-analysis") or the verb "to study": not a statement about the cited work.
_SELF_REFERENCE = re.compile(
    r"(?:\bto\s+|\b(?:the\s+present|the\s+current|in\s+this|our|we)\s+(?:[\w-]+\s+){0,2})$",
    re.IGNORECASE,
)


def stated_design(text: str) -> tuple[Classification, int, int] | None:
    """The design stated for the cited work, skipping "our study", "the present meta-analysis"."""
    for _ in range(4):
        found = studytype.find_phrase(text)
        if found is None:
            return None
        if not _SELF_REFERENCE.search(text, max(0, found[1] - 40), found[1]):
            return found
        text = blank(text, found[1], found[2])
    return None

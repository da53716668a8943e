"""Journal-name normalisation and comparison (STUB: being replaced by the full module)."""

from __future__ import annotations

import re
import unicodedata

from citecheck.model import Work


def normalise(name: str) -> str:
    """Lower-case, strip diacritics, a leading "The", punctuation; "&" -> "and"."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    text = text.lower().replace("&", " and ")
    text = re.sub(r"[^a-z0-9 ]+", " ", text)
    text = re.sub(r"^\s*the\s+", "", text)
    return " ".join(text.split())


def same_journal(a: str, b: str) -> bool:
    """True when two names denote the same journal (full names or abbreviations)."""
    return normalise(a) == normalise(b)


def matches_work(name: str, work: Work) -> bool:
    """True when ``name`` denotes the journal of ``work`` (title, short titles)."""
    names = [n for n in (work.journal, *work.short_journals) if n]
    return any(same_journal(name, n) for n in names)

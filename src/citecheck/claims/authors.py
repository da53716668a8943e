"""The authors a claim credits ("Wilkinson et al.", "Smith and colleagues", "Lee (2019)")."""

from __future__ import annotations

import re

from citecheck.model import Span
from citecheck.text import PARTICLE, YEAR

_FAMILY = (
    rf"(?<![\w'’\-])(?:{PARTICLE}\s+){{0,3}}"
    r"[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*[a-z\u00df-\u024f]"
)
_YEAR_PAREN = rf"\({YEAR}[a-z]?\)"
_AUTHOR_PATTERNS = (
    re.compile(rf"(?P<a>{_FAMILY})\s+et\s+al\b\.?"),
    re.compile(
        rf"(?P<a>{_FAMILY})\s+(?:and|&)\s+(?:(?:his|her|their)\s+)?"
        r"(?:colleagues|co-?workers|collaborators|associates|co-?authors|team)\b"
    ),
    re.compile(rf"(?P<a>{_FAMILY})['’]s\s+(?:research\s+)?(?:group|team|lab|laboratory)\b"),
    re.compile(rf"(?P<a>{_FAMILY})\s+(?:and|&)\s+(?P<b>{_FAMILY})\s+{_YEAR_PAREN}"),
    re.compile(rf"(?P<a>{_FAMILY})\s+{_YEAR_PAREN}"),
)
_NOT_AUTHOR = frozenset(
    """a an the in on at of by for from to this that these those our their his her its we
    they it since between during after before until and or but as see also table figure
    study studies trial trials review research data report analysis researchers scientists
    investigators authors clinicians doctors experts patients participants journal lancet
    nature science cell jama bmj nejm plos one another other recent earlier later early
    january february march april may june july august september october november december
    covid""".split()  # noqa: SIM905
)


def find_authors(text: str) -> tuple[tuple[str, ...], Span] | None:
    """Family names the prose credits ("Wilkinson et al.", "Smith and colleagues")."""
    for pattern in _AUTHOR_PATTERNS:
        for match in pattern.finditer(text):
            names = tuple(
                match.group(g) for g in ("a", "b") if g in pattern.groupindex and match.group(g)
            )
            if names and all(_is_author_name(n) for n in names):
                end = match.end("b") if len(names) > 1 else match.end("a")
                return names, Span(match.start("a"), end, text[match.start("a") : end])
    return None


def _is_author_name(name: str) -> bool:
    """True when a capitalised word can be a person's family name."""
    last = name.split()[-1]
    return last.lower() not in _NOT_AUTHOR and not last.isupper()

"""The authors a claim credits ("Wilkinson et al.", "Smith and colleagues", "Lee (2019)")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

from citecheck.claims.words import Words, words_of
from citecheck.model import Span
from citecheck.text import PARTICLE, YEAR, lazy_pattern

_FAMILY = (
    rf"(?<![\w'’\-])(?:{PARTICLE}\s+){{0,3}}"
    r"[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*[a-z\u00df-\u024f]"
)
_YEAR_PAREN = rf"\({YEAR}[a-z]?\)"
# "Smith Jr et al.", "Mainous 3rd and colleagues": a suffix is not the family name.
_SUFFIX = r"(?:,?\s+(?:Jr|Sr|II|III|IV|2nd|3rd|4th)\b\.?)?"
# Compiled when a claim first holds their cores (below): many runs never need some.
_AUTHOR_PATTERNS = (
    lazy_pattern(rf"(?P<a>{_FAMILY}){_SUFFIX}\s+et\s+al\b\.?(?P<own>['’]s)?"),
    lazy_pattern(
        rf"(?P<a>{_FAMILY}){_SUFFIX}\s+(?:and|&)\s+(?:(?:his|her|their)\s+)?"
        r"(?:colleagues|co-?workers|collaborators|associates|co-?authors|team)\b"
    ),
    lazy_pattern(rf"(?P<a>{_FAMILY})['’]s\s+(?:research\s+)?(?:group|team|lab|laboratory)\b"),
    lazy_pattern(rf"\b[Tt]he\s+(?P<a>{_FAMILY})\s+(?:lab|laboratory|group|team)\b"),
    lazy_pattern(rf"(?P<a>{_FAMILY})\s+(?:and|&)\s+(?P<b>{_FAMILY})\s+{_YEAR_PAREN}"),
    lazy_pattern(rf"(?P<a>{_FAMILY})\s+{_YEAR_PAREN}"),
)
# For each pattern above, a part of it every match holds, searched first: a claim where
# it does not occur is not searched with the whole pattern (which tries a name at every
# capital letter). These parts start with a literal, so they are found quickly.
_WORD_BEFORE = r"[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*[a-z\u00df-\u024f]"
_TEAMED = (
    r"\s+(?:(?:his|her|their)\s+)?"
    r"(?:colleagues|co-?workers|collaborators|associates|co-?authors|team)\b"
)
_AUTHOR_CORES = (
    (re.compile(r"et\s+al\b"),),
    # "and" and "&" apart: a pattern opening on a literal is searched for much faster.
    (re.compile("and" + _TEAMED), re.compile("&" + _TEAMED)),
    (re.compile(r"['’]s\s+(?:research\s+)?(?:group|team|lab|laboratory)\b"),),
    (re.compile(rf"{_WORD_BEFORE}\s+(?:lab|laboratory|group|team)\b"),),
    (re.compile(_YEAR_PAREN),),
    (re.compile(_YEAR_PAREN),),
)
# What each core needs, tested before it is searched: one of a few words (runs of
# letters, see claims.words), or one of a few strings.
_CORE_WORDS: tuple[frozenset[bytes] | tuple[str, ...], ...] = (
    frozenset({b"al"}),
    frozenset(
        b"colleagues workers coworkers collaborators associates authors coauthors team".split()
    ),
    ("'s", "’s"),
    frozenset(b"group team lab laboratory".split()),
    ("(",),
    ("(",),
)
# Every word and string above, to tell at once that a claim can match no pattern (most
# claims credit no one).
_ANY_CORE_WORD = frozenset().union(*(n for n in _CORE_WORDS if isinstance(n, frozenset)))
_ANY_CORE_PART = tuple(dict.fromkeys(p for n in _CORE_WORDS if isinstance(n, tuple) for p in n))
# Between a credited name and its marker: nothing, or "'s study", "and colleagues' trial".
_GAP = re.compile(r"[\s,]*")
_OWN = re.compile(r"['’]s?")
_GAP_WORD = re.compile(r"\s+[a-z][\w-]*")
# Words a claim may open with before its subject ("However, Smith et al. found").
_OPENING = lazy_pattern(
    r"^(?:[\s,;:(]|\b(?:as|in|by|however|similarly|likewise|moreover|furthermore|also|then"
    r"|later|recently|previously|earlier|first|second|finally|notably|indeed|thus|here|there"
    r"|and|but|while|whereas|although|contrast|addition|particular|example|instance|for"
    r"|fact|turn|study|work|paper|review|trial"
    # "Two years later Zarate and colleagues ...", "A decade earlier, Lee et al. ..."
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|few|several)"
    r"\s+(?:years?|months?|decades?)\s+(?:later|earlier|before|after|on))\b)*$",
    re.IGNORECASE,
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


def find_authors(
    text: str, markers: Sequence[tuple[int, int]] | None = None, words: Words | None = None
) -> tuple[tuple[str, ...], Span] | None:
    """Family names the prose credits with the cited work ("Wilkinson et al.", "Lee (2019)").

    Given the claim's marker spans, a name counts only when it is attached to one of
    them ("Estepar et al. [10]", "Smith and colleagues (2019)") or is the subject that
    opens the claim ("Smith et al. reported ... [3]"); a name discussed in passing ("on
    True et al.'s dataset", "Fan et al.'s estimator") is someone else's work.
    """
    runs = words_of(text, words).runs
    if runs.isdisjoint(_ANY_CORE_WORD) and not any(part in text for part in _ANY_CORE_PART):
        return None
    for compiled, needs, cores in zip(_AUTHOR_PATTERNS, _CORE_WORDS, _AUTHOR_CORES, strict=True):
        if not _may_match(text, runs, needs, cores):
            continue
        pattern = compiled()
        for match in pattern.finditer(text):
            names = tuple(
                match.group(g) for g in ("a", "b") if g in pattern.groupindex and match.group(g)
            )
            if not names or not all(_is_author_name(n) for n in names):
                continue
            if markers is not None and not _credited(text, match, markers):
                continue
            end = match.end("b") if len(names) > 1 else match.end("a")
            return names, Span(match.start("a"), end, text[match.start("a") : end])
    return None


def _may_match(
    text: str,
    runs: AbstractSet[bytes],
    needs: frozenset[bytes] | tuple[str, ...],
    cores: tuple[re.Pattern[str], ...],
) -> bool:
    """False when a pattern cannot match: none of its words, or none of its cores, occurs."""
    if isinstance(needs, frozenset):
        if runs.isdisjoint(needs):
            return False
    elif not any(part in text for part in needs):
        return False
    return any(core.search(text) for core in cores)


def _credited(text: str, match: re.Match[str], markers: Sequence[tuple[int, int]]) -> bool:
    """True when the name in ``match`` is credited with this claim's cited work."""
    if any(start < match.end() and match.start() < stop for start, stop in markers):
        return True  # an author-date marker ("Lee (2019)") is itself the name
    position = match.end()
    for step in range(3):  # the name, "'s", then up to two words ("'s pilot study")
        gap = _GAP.match(text, position)
        if gap and any(position <= start <= gap.end() for start, _ in markers):
            return True
        word = (not step and _OWN.match(text, position)) or _GAP_WORD.match(text, position)
        if not word:
            break
        position = word.end()
    # Possessives ("Fan et al.'s estimator") speak of the named work, not the cited one.
    owned = "own" in match.re.groupindex and match.group("own")
    return not owned and bool(_OPENING().match(text[: match.start()]))


def _is_author_name(name: str) -> bool:
    """True when a capitalised word can be a person's family name."""
    last = name.split()[-1]
    return last.lower() not in _NOT_AUTHOR and not last.isupper()

"""The authors a claim credits ("Wilkinson et al.", "Smith and colleagues", "Lee (2019)")."""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from typing import NamedTuple

from citecheck.claims import citers
from citecheck.claims.words import Words, words_of
from citecheck.model import Span
from citecheck.places import is_place
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
        # "Beck and colleagues' scale was used in [1]": their scale, not the cited work.
        r"(?P<own>['’]s?)?"
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
    *((re.compile(_YEAR_PAREN),),) * 2,  # one tuple for both: searched once (_patterned)
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
    r"|fact|turn|study|work|paper|review|trial|according\s+to"
    # "Two years later Zarate and colleagues ...", "A decade earlier, Lee et al. ..."
    r"|(?:a|an|one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2}|few|several)"
    r"\s+(?:years?|months?|decades?)\s+(?:later|earlier|before|after|on))\b)*$",
    re.IGNORECASE,
)
# "Garcia and Lopez reported ...", "Mason, David and Zhou [4] wrote": two or three names
# credited together. With no "et al." or year to say they are people, they are read only
# when attached to a marker or as the subject of a verb of reporting: "the Smith and
# Jones criteria", "Kaplan and Meier curves" and "Beck and Steer's scale was used" are not.
# One name of such a list (compiled once: the list itself is read by ``_list_at``).
_LISTED_NAME = lazy_pattern(_FAMILY)
_LISTED_COMMA = re.compile(r",\s+")
_LISTED_AND = re.compile(r",?\s+(?:and|&)\s+")
_LISTED_OWN = re.compile(r"['’]s?(?![\w\u00c0-\u024f])")
_NAME_GOES_ON = re.compile(r"[\w\u00c0-\u024f\-]")
_AND = frozenset({b"and"})
_LIST_BEFORE = re.compile(r"(?P<word>[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*),\s*$")
# "and" and "&" apart, each a literal the search finds quickly; names start a little before.
_LISTED_CORES = (re.compile(r"and\s+[A-Z\u00c0-\u024f]"), re.compile(r"&\s+[A-Z\u00c0-\u024f]"))
# A list starts at most seven words before its "and" ("de la Cruz, van der Berg and ...").
_LISTED_REACH, _LISTED_WORDS = 120, 7
# Where an "and" of a credited list can be: near the claim's start (its subject, after
# opening words), or a little before a marker (the names, "'s" and two words between).
_LISTED_OPENS, _LISTED_TO_MARKER = 160, 100
_WORD_START = re.compile(r"(?<![\w'’\-])[\w\u00c0-\u024f]")
# What a plural subject does when it is the cited work's authors: past forms, and the
# plural present ("Garcia and Lopez report"). Nouns a method is named by ("test",
# "model", "estimate", "review") are left out.
_REPORTING = lazy_pattern(
    r"\s+(?:(?:also|later|first|then|recently|previously|further|similarly|independently"
    r"|subsequently|both|have|had|were\s+the\s+first\s+to)\s+)*(?P<verb>[a-z]+)"
)
_ACCORDING = re.compile(r"\b[Aa]ccording\s+to\s+$")
_REPORTING_VERBS = frozenset(
    """report reports reported find finds found show shows showed shown describe describes
    described note notes noted observe observes observed demonstrate demonstrates
    demonstrated suggest suggests suggested propose proposes proposed argue argues argued
    write writes wrote written conclude concludes concluded studied examine examines
    examined compare compares compared investigate investigates investigated evaluated
    assessed measured tested followed surveyed reviewed analysed analyzed estimated
    identified discovered summarise summarises summarised summarize summarizes summarized
    explain explains explained published present presents presented documented confirmed
    replicated highlight highlights highlighted emphasise emphasises emphasised emphasize
    emphasizes emphasized point points pointed looked tracked calculated characterised
    characterized outlined discuss discusses discussed recommend recommends recommended
    hypothesise hypothesises hypothesised hypothesize hypothesizes hypothesized predicted
    modelled modeled mapped recruited enrolled randomised randomized interviewed detailed
    introduced developed coined defined tried treated gave asked conducted performed ran
    recorded collected monitored linked traced quantified explored validated warn warns
    warned caution cautions cautioned claim claims claimed state states stated proved
    established noticed saw used designed built created devised pooled combined
    synthesised synthesized gathered""".split()  # noqa: SIM905
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
    True et al.'s dataset", "Fan et al.'s estimator") is someone else's work, and so is
    a subject that cites the cited work ("Lee et al. cited this trial [2]").
    """
    runs = words_of(text, words).runs
    found = None
    if not runs.isdisjoint(_ANY_CORE_WORD) or any(map(text.__contains__, _ANY_CORE_PART)):
        found = _patterned(text, runs, markers)
    if found is None and (not runs.isdisjoint(_AND) or "&" in text):
        found = _listed(text, markers or ())
    if (
        found is not None
        and markers is not None
        and citers.may_cite(runs)
        and citers.names_a_citer(text, found[1].end, markers)
    ):
        return None
    return found


def _patterned(
    text: str, runs: AbstractSet[bytes], markers: Sequence[tuple[int, int]] | None
) -> tuple[tuple[str, ...], Span] | None:
    """The first name one of ``_AUTHOR_PATTERNS`` credits ("Smith et al.", "Lee (2019)")."""
    # The two year patterns need the same and share their cores: those are tried once.
    last: tuple[object, object, bool] = ((), (), False)  # needs, cores, whether they may
    for compiled, needs, cores in zip(_AUTHOR_PATTERNS, _CORE_WORDS, _AUTHOR_CORES, strict=True):
        if cores is not last[1] or needs != last[0]:
            last = (needs, cores, _may_match(text, runs, needs, cores))
        if not last[2]:
            continue
        pattern = compiled()
        for match in pattern.finditer(text):
            names = tuple(
                match.group(g) for g in ("a", "b") if g in pattern.groupindex and match.group(g)
            )
            if not names or not all(_is_author_name(n) for n in names):
                continue
            owned = "own" in pattern.groupindex and bool(match.group("own"))
            where = (match.start(), match.end())
            if markers is not None and not _credited(text, where, markers, owned=owned):
                continue
            end = match.end("b") if len(names) > 1 else match.end("a")
            return names, Span(match.start("a"), end, text[match.start("a") : end])
    return None


class _List(NamedTuple):
    """Names listed together, where they stand, and whether a possessive follows them."""

    names: tuple[str, ...]
    start: int
    end: int  # of the last name
    after: int  # past the possessive, if any
    owned: bool


def _listed(text: str, markers: Sequence[tuple[int, int]]) -> tuple[tuple[str, ...], Span] | None:
    """Two or three names credited together ("Garcia and Lopez reported ...")."""
    cores = [found.start() for found in _LISTED_CORES[0].finditer(text)]
    if "&" in text:  # the second core opens on it
        cores += [found.start() for found in _LISTED_CORES[1].finditer(text)]
        cores.sort()
    for core in cores:
        if core > _LISTED_OPENS and not any(0 < m - core <= _LISTED_TO_MARKER for m, _ in markers):
            continue  # neither the claim's subject nor beside a marker (see _credited)
        # The list is read from each word start shortly before its "and", the earliest
        # first ("Mason, Ortiz and Zhou"): never searched for along the whole claim.
        words = [w.start() for w in _WORD_START.finditer(text, max(0, core - _LISTED_REACH), core)]
        for start in words[-_LISTED_WORDS:]:
            listed = _list_at(text, start, core)
            if listed is None:
                continue
            if _listed_credit(text, listed, markers):
                span = Span(listed.start, listed.end, text[listed.start : listed.end])
                return listed.names, span
    return None


def _list_at(text: str, start: int, core: int) -> _List | None:
    """The names "A and B" or "A, C and B" from ``start``, joined by the "and" at ``core``."""
    name = _LISTED_NAME()
    names: list[str] = []
    position = start
    while len(names) < 2:
        found = name.match(text, position)
        if found is None or _NAME_GOES_ON.match(text, found.end()):
            return None
        names.append(found.group())
        joined = _LISTED_AND.match(text, found.end())
        if joined and joined.start() <= core < joined.end():
            last = name.match(text, joined.end())
            if last is None:
                return None
            family, end = last.group(), last.end()
            if family.endswith(("'s", "’s")):  # "Lopez's": the name, then its possessive
                family, end = family[:-2], end - 2
            if _NAME_GOES_ON.match(text, end):
                return None
            own = _LISTED_OWN.match(text, end)
            after = own.end() if own else end
            return _List((*names, family), start, end, after, bool(own))
        comma = _LISTED_COMMA.match(text, found.end())
        if comma is None:
            return None
        position = comma.end()
    return None


def _listed_credit(text: str, listed: _List, markers: Sequence[tuple[int, int]]) -> bool:
    """True when the listed names are people credited with the cited work."""
    names = listed.names
    if any(listed.start < stop and start < listed.end for start, stop in markers):
        return False  # "the Desikan Atlas [33] and Destrieux Atlas [34]": cited one by one
    if len(names) > 2 and _OPENING().match(names[0]):
        return False  # "However, Garcia and Lopez": the list starts at Garcia (read next)
    before = _LIST_BEFORE.search(text, max(0, listed.start - 40), listed.start)
    if before and not _OPENING().match(before.group("word")):
        return False  # "Science, Technology, Engineering and Mathematics": a longer list
    if not all(_is_author_name(n) for n in names) or len(set(names)) < len(names):
        return False  # "Johnson and Johnson" is a company
    if not _credited(text, (listed.start, listed.after), markers, owned=listed.owned, pair=True):
        return False
    # Asked last: the places are loaded when first asked for.
    together = text[listed.start : listed.end]
    # "Bosnia and Herzegovina reported", "Denmark, Norway and Sweden"
    return not (is_place(together) or any(is_place(n) for n in names))


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
    elif not any(map(text.__contains__, needs)):
        return False
    return any(core.search(text) for core in cores)


def _credited(
    text: str,
    where: tuple[int, int],
    markers: Sequence[tuple[int, int]],
    *,
    owned: bool,
    pair: bool = False,
) -> bool:
    """True when the name at ``where`` is credited with this claim's cited work.

    Names listed together (``pair``) are credited by a marker right after them or after
    their possessive ("Garcia and Lopez's trial [1]"), or open the claim as the subject of
    a verb of reporting ("Garcia and Lopez found ..."); never as a modifier ("the Kaplan
    and Meier curves [1]").
    """
    begin, position = where
    if any(start < position and begin < stop for start, stop in markers):
        return True  # an author-date marker ("Lee (2019)") is itself the name
    # The name, "'s", then up to two words ("'s pilot study").
    for step in range(3 if owned or not pair else 1):
        gap = _GAP.match(text, position)
        if gap and any(position <= start <= gap.end() for start, _ in markers):
            return True
        word = (not step and _OWN.match(text, position)) or _GAP_WORD.match(text, position)
        if not word:
            break
        position = word.end()
    # Possessives ("Fan et al.'s estimator") speak of the named work, not the cited one.
    if owned or not _OPENING().match(text[:begin]):
        return False
    if not pair or _ACCORDING.search(text, max(0, begin - 20), begin):
        return True  # "According to Garcia and Lopez, ..."
    reporting = _REPORTING().match(text, where[1])
    return reporting is not None and reporting.group("verb") in _REPORTING_VERBS


def _is_author_name(name: str) -> bool:
    """True when a capitalised word can be a person's family name."""
    last = name.split()[-1]
    return last.lower() not in _NOT_AUTHOR and not last.isupper()

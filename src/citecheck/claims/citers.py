"""Other documents that cite the cited work: their years, designs and authors are theirs.

"The 2013 guidelines from NICE cite this study [1]": the year and the design belong to
the guidelines, which cite the work; the sentence says nothing of the work's own year.
The same holds for a document named after a verb of citing ("it was included in the
2020 Cochrane review [3]", "NICE cited it in its 2013 guidelines [1]"), where the marker
may stand for either document: nothing is read there. A year or design words attached
to the marker ("The 2013 guidelines [1] recommend exercise", "A 2012 meta-analysis [3]
included this trial") are the cited work's, as before.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from collections.abc import Set as AbstractSet

Markers = Sequence[tuple[int, int]]

# What one document does to another it cites, as single words (a particle may follow:
# "drew on", "is based on", "refers to", "singled out").
_CITING = frozenset(
    """cite cites cited citing include includes included including draw draws drew drawing
    rely relies relied relying based build builds built refer refers referred mention
    mentions mentioned quote quotes quoted endorse endorses endorsed adopt adopts adopted
    incorporate incorporates incorporated reference references referenced recommend
    recommends recommended summarise summarises summarised summarize summarizes summarized
    review reviews reviewed discuss discusses discussed criticise criticises criticised
    criticize criticizes criticized critique critiques critiqued singled point points
    pointed rest rests rested lean leans leaned use used uses acknowledge acknowledges
    acknowledged""".split()  # noqa: SIM905
)
_CITING_WORDS = frozenset(w.encode() for w in _CITING)
_PARTICLES = frozenset("on upon to out".split())  # noqa: SIM905
# Words after which the object may come, a few words past the verb ("recommends the drug
# on the strength of this trial", "cites it as evidence").
_LEADS = frozenset("of on upon citing from".split())  # noqa: SIM905
# The cited work as the object: "this study", "the original trial", "a 2012 trial",
# "its findings", "it". After "the" or "a", only a noun for one work: "the evidence",
# "the findings" may be what the cited work (a review) itself gathered.
_ONE_WORK = frozenset(
    """study studies trial trials paper papers article articles publication publications
    review reviews meta-analysis meta-analyses analysis analyses cohort cohorts report
    reports experiment experiments survey surveys rct rcts""".split()  # noqa: SIM905
)
_WORK = _ONE_WORK | {
    "work",
    "research",
    "evidence",
    "finding",
    "findings",
    "result",
    "results",
    "data",
}
_DEICTIC = frozenset("this that these those its their".split())  # noqa: SIM905
_ARTICLE = frozenset("the a an".split())  # noqa: SIM905
_PRONOUN = frozenset("it them".split())  # noqa: SIM905
_NOUN_REACH = 4  # "the original 2012 randomised trial"
_TOKEN = re.compile(r"[\s,]*([^\s,]+)")
# Punctuation around a word ("(this", "study,", "cited:").
_PUNCTUATION = ".,;:!?()[]{}\"'“”‘’*_"
# The words of the citing document's name after its noun ("from NICE", "of the American
# Heart Association"), then the verb; and the words from the verb to the object.
_REST, _TO_OBJECT = 10, 7
# The end of a clause, and how far after the object it or the marker may come.
_CLAUSE_END = re.compile(r"[.;:!?]")
_TAIL = 60
_ABBREVIATIONS = frozenset("al. et. Jr. Sr.".split())  # noqa: SIM905
_INTO = frozenset("in by within".split())  # noqa: SIM905


def may_cite(runs: AbstractSet[bytes]) -> bool:
    """False when the claim holds no verb of citing (so no document in it cites another)."""
    return not runs.isdisjoint(_CITING_WORDS)


def names_a_citer(text: str, end: int, markers: Markers = ()) -> bool:
    """True when the words ending at ``end`` name a document that cites the cited work.

    "The 2013 guidelines from NICE cite this study [1]": the object of the verb is the
    cited work (its marker follows it, or the clause ends soon after), so the subject is
    not. A marker before the verb ("A 2012 meta-analysis [3] included this trial") makes
    the subject the cited work.
    """
    verb = _verb_after(text, end)
    if verb is None or any(end <= start < verb for start, _ in markers):
        return False
    after = _object_after(text, verb)
    if after is None:
        return False
    # Then the marker or the clause's end, a few words on at most ("as key evidence",
    # "in their 2019 review": the marker may then cite either document; not the subject).
    stop = _CLAUSE_END.search(text, after)
    reach = min(stop.start() if stop else len(text), after + _TAIL)
    return any(after <= start <= reach for start, _ in markers) or reach < after + _TAIL


def _verb_after(text: str, position: int) -> int | None:
    """Where a verb of citing ends within a few words of ``position``, in the same clause."""
    for _ in range(_REST):
        token = _TOKEN.match(text, position)
        if token is None:
            return None
        word = token.group(1)
        position = token.end()
        if word.strip(_PUNCTUATION).lower() in _CITING:
            particle = _TOKEN.match(text, position)
            if particle and particle.group(1).lower() in _PARTICLES:
                position = particle.end()
            return position
        if _CLAUSE_END.search(word) and word not in _ABBREVIATIONS:
            return None
    return None


def _object_after(text: str, position: int) -> int | None:
    """Where the cited work named as the verb's object ends ("this study", "it")."""
    lead = True
    for _ in range(_TO_OBJECT):
        token = _TOKEN.match(text, position)
        if token is None:
            return None
        word = token.group(1)
        folded = word.strip(_PUNCTUATION).lower()
        if lead and folded in _PRONOUN:
            return token.end()
        if lead and (folded in _DEICTIC or folded in _ARTICLE):
            end = _noun_after(text, token.end(), _WORK if folded in _DEICTIC else _ONE_WORK)
            if end is not None:
                return end
        if _CLAUSE_END.search(word):
            return None
        lead = folded in _LEADS
        position = token.end()
    return None


def _noun_after(text: str, position: int, nouns: frozenset[str]) -> int | None:
    """Where the first of ``nouns`` ends within a few words of ``position``, if one does."""
    for _ in range(_NOUN_REACH):
        token = _TOKEN.match(text, position)
        if token is None:
            return None
        word = token.group(1)
        if word.strip(_PUNCTUATION).lower() in nouns:
            return token.start(1) + len(word.rstrip(".,;:!?)"))
        if _CLAUSE_END.search(word):
            return None
        position = token.end()
    return None


def in_a_citer(text: str, start: int) -> bool:
    """True when the words at ``start`` name a document a verb of citing points into.

    "It was included in the 2020 Cochrane review [3]", "NICE cited it in its 2013
    guidelines [1]": the marker may cite that document or the work it cites; its year
    and design are not read as the cited work's.
    """
    words = [w.strip(_PUNCTUATION).lower() for w in text[max(0, start - 90) : start].split()]
    for back in range(1, min(4, len(words)) + 1):
        if words[-back] in _INTO:
            before = words[max(0, len(words) - back - 5) : len(words) - back]
            return any(w in _CITING for w in before)
    return False

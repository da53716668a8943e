"""The study design and population a claim states for the cited work.

Design and population words are a claim about the cited work only when they speak of
it. They do not when the citing article speaks of itself ("our study", "in this
study", "the present meta-analysis", "This review explores ...", "we recruited
patients"), nor when they name a topic ("for inclusion in systematic reviews",
"guidelines for meta-analyses", "a tool to appraise qualitative research"), nor for
the verb "to study".
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from collections.abc import Set as AbstractSet

from citecheck import studytype
from citecheck.claims import citers
from citecheck.claims.words import Words, words_of
from citecheck.model import Classification, Population
from citecheck.text import YEAR, blank, lazy_pattern

Markers = Sequence[tuple[int, int]]  # marker spans in the claim's text

# Designs the citing article claims for itself ("our study", "in this study", "the present
# meta-analysis") or the verb "to study": not a statement about the cited work.
_SELF_REFERENCE = re.compile(
    r"(?:\bto\s+|\b(?:the\s+present|the\s+current|in\s+this|our|we|us|here)\s+(?:[\w-]+\s+){0,2})$",
    re.IGNORECASE,
)
# "This review explores ...": the citing article naming itself, unless a marker follows
# at once ("this review [4] found", which names the cited one).
_THIS = re.compile(r"\b(?:this|the\s+present|the\s+current)\s+(?:[\w-]+\s+)?$", re.IGNORECASE)
_SELF_NOUN = re.compile(
    r"(?:review|overview|study|paper|article|post|chapter|report|work|analysis|"
    r"meta-?analysis|survey|essay|guide|thesis|book)$",
    re.IGNORECASE,
)
# A topic, not the cited work's design: "guidelines for meta-analyses", "inclusion in
# systematic reviews", "the reporting of randomised trials", "a checklist for cohort studies".
_TOPIC_HEAD = lazy_pattern(
    r"\b(?:guidelines?|guidance|inclusion|reporting|methods?|methodology|methodological|tools?"
    # "quality of life", "standard of care": outcomes and treatments, not research topics
    r"|checklists?|standards?(?!\s+of\s+care)|recommendations?|statements?|frameworks?"
    r"|quality(?!\s+of\s+life)|appraisal"
    r"|handbook|manual|software|packages?|approach(?:es)?|criteria|registration|registries"
    r"|registers?|hierarchy|terminology|taxonomy|definitions?|conduct|design|principles"
    r"|instructions|templates?|protocols?\s+for|extension|platform|search\s+filters?"
    r"|scales?|scores?|instruments?|questionnaires?|inventory|index|measures?|forms?)"
    r"\s+(?:(?:for|in|of|on|to|from|into|within|across|when)\s+)"
    r"(?:[\w-]+\s+){0,4}$",
    re.IGNORECASE,
)
# "to appraise qualitative research", "for pooling trials", "used in meta-analyses":
# an activity over a kind of study, written without an article.
_TOPIC_VERB = re.compile(
    r"\b(?:appraise|appraising|assess|assessing|evaluate|evaluating|critique|critiquing"
    r"|synthesi[sz]e|synthesi[sz]ing|pool|pooling|search|searching|screen|screening|conduct"
    r"|conducting|report|design|designing|plan|planning|register|registering|include"
    r"|including|included|used|applied|common|standard|inclusion|eligible)"
    r"(?:\s+(?:in|for|to|into))?\s+$",
    re.IGNORECASE,
)
# The studies a cited review counted, not the review: "The review by Lee et al. [42]
# included 12 trials", "a review of twenty cohort studies".
_COUNTED = re.compile(
    r"\b(?:include[sd]?|including|pool(?:s|ed|ing)?|review(?:s|ed|ing)|analy[sz]ed|identified"
    r"|summari[sz](?:ed|ing)|combined|synthesi[sz]ed|examined|screened|retrieved|covered"
    r"|compris(?:ed|ing)|of|from|across|among)\s+"
    r"(?:(?:\d[\d,]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen"
    r"|twenty|thirty|forty|fifty|hundreds?|dozens?|several|many|numerous|multiple|all|these"
    r"|those|other|previous|prior|earlier|existing|published|eligible|individual|primary"
    r"|original|relevant|available|additional|further|more|fewer)\s+){1,3}$",
    re.IGNORECASE,
)
# A population the citing article studied itself: "we recruited patients", "our mice".
_SELF_CLAUSE = re.compile(
    r"\b(?:we|our|us|this\s+study|the\s+present\s+study|the\s+current\s+study|here)\b[^,.;:()]*$",
    re.IGNORECASE,
)
# Who the cited work is set apart from: "unlike earlier work in mice", "people rather than
# rats", "patients, not mice", "instead of animal models", "in contrast to the rodent data".
_CONTRAST = lazy_pattern(
    r"\b(?:unlike|not|rather\s+than|instead\s+of|as\s+opposed\s+to|in\s+contrast\s+to"
    r"|contrary\s+to)\s+(?:[\w-]+\s+){0,3}$",
    re.IGNORECASE,
)
_CONTRAST_WORDS = frozenset(b"unlike not rather instead opposed contrast contrary".split())
# What makes design words name one study: an article, a number or a year before them.
_DETERMINED = re.compile(
    rf"\b(?:an?|one|the|this|that|their|his|her|its|each|another|{YEAR})\s+"
    r"(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
_WINDOW = 60
# Words (runs of letters, see claims.words) one of which a match of each pattern above
# holds: a claim holding none is not searched with it.
_TOPIC_HEAD_WORDS = frozenset(
    b"guideline guidelines guidance inclusion reporting method methods methodology "
    b"methodological tool tools checklist checklists standard standards recommendation "
    b"recommendations statement statements framework frameworks quality appraisal handbook "
    b"manual software package packages approach approaches criteria registration registries "
    b"register registers hierarchy terminology taxonomy definition definitions conduct design "
    b"principles instructions template templates protocol protocols extension platform search "
    b"scale scales score scores instrument instruments questionnaire questionnaires inventory "
    b"index measure measures form forms".split()
)
_TOPIC_VERB_WORDS = frozenset(
    b"appraise appraising assess assessing evaluate evaluating critique critiquing synthesise "
    b"synthesize synthesising synthesizing pool pooling search searching screen screening "
    b"conduct conducting report design designing plan planning register registering include "
    b"including included used applied common standard inclusion eligible".split()
)
_SELF_CLAUSE_WORDS = frozenset(b"we our us this present current here".split())
_THIS_WORDS = frozenset(b"this present current".split())
_CUT_TAILS = True  # see _tail (the tests compare with whole-window searches)
# The count words of _COUNTED (a number written in digits needs no word).
_COUNT_WORDS = frozenset(
    b"one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    b"forty fifty hundred hundreds dozen dozens several many numerous multiple all these those "
    b"other previous prior earlier existing published eligible individual primary original "
    b"relevant available additional further more fewer".split()
)
_DIGIT = re.compile(r"\d")


def stated_design(
    text: str, markers: Markers = (), words: Words | None = None
) -> tuple[Classification, int, int] | None:
    """The design stated for the cited work, skipping the citing article's own and topics."""
    claim = searched = words_of(text, words)
    text_runs = claim.runs
    # The claim's population, read once for its design and for stated_population.
    people: Callable[[], tuple[Population, int, int] | None] | None = claim.population
    for _ in range(6):
        found = studytype.find_phrase(
            searched.text,
            searched.runs,
            people,
            folded=searched.folded,
            features=searched.features,
        )
        if found is None:
            return None
        # Context is read in the claim as written, not with earlier phrases blanked.
        if not _not_the_cited(text, found[1], found[2], markers, text_runs):
            return found
        searched, people = Words(blank(searched.text, found[1], found[2])), None
    return None


def stated_population(
    text: str, design_start: int | None = None, words: Words | None = None
) -> tuple[Population, int, int] | None:
    """Who the claim says the cited work studied, skipping the citing article's own subjects.

    Words after the cited work's design ("with a 2019 cohort study of veterans") are the
    cited work's, whoever the clause began with.
    """
    searched = text
    claim = words_of(text, words)
    found = claim.population()
    if found is None:
        return None  # most claims name no one
    maybe_self = not claim.runs.isdisjoint(_SELF_CLAUSE_WORDS)
    contrasts = not claim.runs.isdisjoint(_CONTRAST_WORDS)
    for _ in range(6):
        if found is None:
            return None
        window = max(0, found[1] - _WINDOW)
        contrasted = contrasts and _CONTRAST().search(
            text, _tail(text, window, found[1], 5), found[1]
        )
        if design_start is not None and design_start < found[1]:
            window = max(window, design_start)
        if not contrasted and not (maybe_self and _SELF_CLAUSE.search(text, window, found[1])):
            return found
        searched = blank(searched, found[1], found[2])
        found = studytype.population_of(searched, Words(searched).runs)
    return None


def _not_the_cited(
    text: str, start: int, end: int, markers: Markers, runs: AbstractSet[bytes]
) -> bool:
    """True when the design words at ``start:end`` speak of the citing article or a topic.

    ``runs`` are the letter runs of ``text`` (claims.words): patterns needing a word the
    claim does not hold are not searched.
    """
    window = max(0, start - _WINDOW)
    if _SELF_REFERENCE.search(text, _tail(text, window, start, 4), start):
        return True
    if not runs.isdisjoint(_TOPIC_HEAD_WORDS) and _TOPIC_HEAD().search(
        text, _tail(text, window, start, 7), start
    ):
        return True
    if not runs.isdisjoint(_TOPIC_VERB_WORDS) and _TOPIC_VERB.search(
        text, _tail(text, window, start, 2), start
    ):
        return True
    counts = not runs.isdisjoint(_COUNT_WORDS) or _DIGIT.search(text, window, start)
    if counts and _COUNTED.search(text, _tail(text, window, start, 4), start):
        return True
    if (
        not runs.isdisjoint(_SELF_CLAUSE_WORDS)
        and _SELF_CLAUSE.search(text, window, start)
        and not _DETERMINED.search(text, _tail(text, window, start, 3), start)
    ):
        return True  # "We searched three databases for randomised trials [5]"
    if citers.may_cite(runs) and (
        citers.names_a_citer(text, end, markers) or citers.in_a_citer(text, start)
    ):
        return True  # "The 2013 guidelines from NICE cite this study [1]"
    phrase = text[start:end]
    return bool(
        not runs.isdisjoint(_THIS_WORDS)
        and _THIS.search(text, _tail(text, window, start, 3), start)
        and _SELF_NOUN.search(phrase)
        and not _marker_follows(text, end, markers)
    )


def _tail(text: str, window: int, start: int, words: int) -> int:
    """An offset no later than where the last ``words`` words before ``start`` begin.

    The patterns above end at ``start`` and span a bounded number of words (separated by
    white space), so a search from here finds what a search of the whole window finds,
    without trying a match at every character of it.
    """
    if not _CUT_TAILS:
        return window
    parts = text[window:start].rsplit(None, words)
    return window + len(parts[0]) if len(parts) > words else window


def _marker_follows(text: str, end: int, markers: Markers) -> bool:
    """True when a citation marker comes right after ``end`` (spaces between)."""
    position = end
    while position < len(text):
        if any(start <= position < stop for start, stop in markers):
            return True
        if text[position] not in " \t":
            return False
        position += 1
    return False

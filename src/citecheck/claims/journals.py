"""The journal a claim names ("published in the Journal of X", "a Lancet study")."""

from __future__ import annotations

import re

from citecheck import journals
from citecheck.claims.words import Words, words_of
from citecheck.model import Span
from citecheck.places import is_place
from citecheck.text import YEAR, lazy_pattern

_JOURNAL_WORDS = frozenset(
    """journal journals review reviews annals archives proceedings lancet jama bmj nejm
    nature science cell plos pnas cmaj mmwr elife bulletin letters transactions quarterly
    acta gazette j am arch ann br eur int clin med""".split()  # noqa: SIM905
)
_NOT_JOURNAL_WORDS = frozenset(
    """university hospital institute institutes center centre college school clinic clinics
    department foundation ministry agency county laboratory laboratories association society
    council office organization organisation administration government company
    january february march april may june july august september october november december
    english spanish french german chinese japanese italian portuguese russian dutch
    table tables figure figures fig figs supplementary supplement appendix box panel file
    union commission committee bureau service services authority federation alliance board
    consortium network programme program initiative trust nations states kingdom republic
    volume vol issue part chapter section library database databases registry register
    google scholar pubmed medline embase scopus cinahl psycinfo web clinicaltrials""".split()  # noqa: SIM905
)
_TITLE_WORDS = frozenset(
    [
        "journal",
        "annals",
        "archives",
        "proceedings",
        "bulletin",
        "transactions",
        "acta",
        "revista",
        "revue",
    ]
)
_RUNS_ON = re.compile(r"\s+(?P<word>[a-z][a-z-]+)(?!\s*\[)|,\s*[A-Z][a-z]+,")
# Words that may follow a journal's name in prose ("a study in Nature showed ...").
_VERBS_AND_LINKS = frozenset(
    """found finds find show shows suggest suggests report reports reveal reveals
    demonstrate demonstrates indicate indicates confirm confirms argue argues propose
    proposes describe describes conclude concludes was were is are has have had also in on
    that which and or by from with last this earlier recently later about of for to as at
    a an the its their showing suggesting reporting noting""".split()  # noqa: SIM905
)
# One-word journal names a writer may cite bare ("in Neuron"); longer or keyword-bearing
# names, and names in the abbreviation table, need no list.
_ONE_WORD_JOURNALS = frozenset(
    """neuron blood brain pain gut heart thorax circulation pediatrics neurology cancer
    diabetes diabetologia hypertension stroke chest radiology genetics development immunity
    psychopharmacology addiction sleep obesity epilepsia leukemia oncogene allergy arthritis
    gastroenterology hepatology endocrinology anesthesiology ophthalmology urology medicine
    vaccine viruses nutrients genome bioinformatics biomaterials biochemistry molecules
    sensors cells cortex neuroimage psychosomatics pharmacotherapy trials spine headache
    cephalalgia gerontologist chronobiology appetite psychotherapy cureus bmc genes""".split()  # noqa: SIM905
)
_CAP = r"(?:[A-ZÀ-ÖØ-ÞА-Я][A-Za-zÀ-ÖØ-öø-ÿĀ-žА-яё’'\-]*\.?|PLoS|eLife|mBio|npj)"
# Lower-case words inside journal names, English and the other languages journals use:
# "Journal of ...", "Annales de ...", "Geologiska Föreningen i Stockholm Förhandlingar".
_CONNECT = (
    r"(?:(?:of|for|in|on|de|des|der|di|du|i|för|für|y|:)\s+(?:the\s+)?|(?:and|&|et)\s+(?!the\b))"
)
_NAME = rf"(?P<name>{_CAP}(?:\s+{_CONNECT}?{_CAP}){{0,12}})"
_STRONG_CUE = lazy_pattern(
    r"\b(?:published|publishing|appeared|appearing|printed|featured)\s+(?:online\s+)?"
    rf"in\s+(?:[Tt]he\s+)?(?:(?:journal|periodical)\s+)?{_NAME}"
    rf"|\b[Jj]ournal\s+{_NAME.replace('?P<name>', '?P<name2>')}"
)
_WEAK_CUE = lazy_pattern(rf"\b(?:[Ii]n|[Ff]rom|[Bb]y)\s+(?:[Tt]he\s+)?{_NAME}")
_ATTRIBUTIVE = lazy_pattern(
    rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:{YEAR}\s+)?{_NAME}\s+(?:{YEAR}\s+)?"
    r"(?:study|trial|paper|article|report|review|meta-analysis|analysis|survey|editorial)\b"
)
# The journal as the subject: "The Lancet published the trial", "the Journal of X
# carried it in 2013".
_CARRIER = lazy_pattern(
    rf"(?<![\w-])(?:[Tt]he\s+)?{_NAME.replace('?P<name>', '?P<name3>')}\s+"
    r"(?:published|carried|ran|printed|featured)\s+(?:it|them|(?:this|these|that|the|their|a|an)"
    r"\s+(?:[\w-]+\s+){0,3}?(?:stud(?:y|ies)|trials?|papers?|articles?|reports?|reviews?"
    r"|findings|results|work|research|analysis|meta-analysis|survey|data))\b"
)
_CARRIER_RUNS = frozenset(b"published carried ran printed featured".split())
# The look-ahead names the characters a match can begin with, so the search does not
# enter the optional cue at every position.
_MARKUP = lazy_pattern(
    r"(?=[*_<“\"if])(?P<cue>\b(?:in|from)\s+(?:the\s+)?)?"
    r"(?:\*(?P<a>[^*\n]{2,100})\*|(?<!\w)_(?P<b>[^_\n]{2,100})_(?!\w)"
    r"|<(?:i|em)>(?P<c>[^<\n]{2,100})</(?:i|em)>|[“\"](?P<d>[^”\"\n]{2,100})[”\"])"
)


# What each cue pattern needs, so a claim without it is not searched: a mark of emphasis
# or quotation; a cue verb or "journal" (a word: a run of letters, see claims.words); a
# journal word (a weak or attributive cue's name must hold one). "eLife" and "PLoS" are matched even where letters run on after them.
_MARKS = ("*", "_", "<", '"', "“")
_JOURNAL_RUNS = frozenset(w.encode() for w in _JOURNAL_WORDS)
# A name word is a run of ASCII letters unless one of these, folded to a letter, follows.
_FOLDED_AFTER_NAME = ("\u017f", "\u212a")
_STRONG_RUNS = frozenset(
    b"published publishing appeared appearing printed featured journal".split()
)
_RUN_ON_NAMES = ("elife", "plos")


def find_journal(text: str, words: Words | None = None) -> Span | None:
    """The journal the prose names ("published in the Journal of X", "a Lancet study")."""
    words = words_of(text, words)
    candidates: list[Span] = []
    if any(map(text.__contains__, _MARKS)):
        candidates.extend(_marked(text))
    if words.any_word(_STRONG_RUNS):
        for match in _STRONG_CUE().finditer(text):
            group = "name" if match.group("name") else "name2"
            candidates.extend(_name_span(match, group, need_keyword=False))
    if (
        words.any_word(_JOURNAL_RUNS)
        or words.any_part(_RUN_ON_NAMES)
        or (not text.isascii() and any(map(text.__contains__, _FOLDED_AFTER_NAME)))
    ):
        for match in _WEAK_CUE().finditer(text):
            candidates.extend(_name_span(match, "name", need_keyword=True, prose=True))
        for match in _ATTRIBUTIVE().finditer(text):
            candidates.extend(_name_span(match, "name", need_keyword=True))
        if words.any_word(_CARRIER_RUNS):
            for match in _CARRIER().finditer(text):
                candidates.extend(_name_span(match, "name3", need_keyword=True))
    return min(candidates, key=lambda s: (s.start, -s.end)) if candidates else None


def _marked(text: str) -> list[Span]:
    """Names in emphasis or quotation marks that can be journals ("in *Neuron*")."""
    candidates: list[Span] = []
    for match in _MARKUP().finditer(text):
        group = next(g for g in "abcd" if match.group(g) is not None)
        raw = match.group(group)
        name = raw.strip()
        begin = match.start(group) + len(raw) - len(raw.lstrip())
        cued = match.group("cue") or _has_journal_word(name)
        if name[:1].isupper() and cued and not _looks_like_title(name) and _can_be_journal(name):
            candidates.append(Span(begin, begin + len(name), name))
    return candidates


def _name_span(
    match: re.Match[str], group: str, *, need_keyword: bool, prose: bool = False
) -> list[Span]:
    """The journal-name group of ``match`` as a span, when it can be a journal."""
    name = match.group(group)
    start = match.start(group)
    name = re.sub(r"(?:\s+(?:of|for|in|on|de|and|&|the|:))+$", "", name)
    if name.endswith(".") and name.count(".") == 1:
        name = name[:-1]
    words = [w.strip(".:").lower() for w in name.split()]
    if not words or not _can_be_journal(name, strong=not need_keyword):
        return []
    if prose and len(words) == 1 and _discipline(match.string, start + len(name)):
        return []
    if need_keyword and not _has_journal_word(name):
        return []
    if words[0] in {"a", "an", "the", "this", "that", "these", "in", "it"}:
        return []
    return [Span(start, start + len(name), name)]


def _discipline(text: str, end: int) -> bool:
    """True when a one-word name runs on as a noun phrase or a list ("Science education",
    "Cell biology", "Science, Technology, Engineering"): a field of study, not a journal.
    """
    following = _RUNS_ON.match(text, end)
    if following is None:
        return False
    word = following.group("word")
    return word is None or not (word.endswith("ed") or word in _VERBS_AND_LINKS)


def _can_be_journal(name: str, *, strong: bool = False) -> bool:
    """False for places, organisations, tables and figures, and bare unknown single words.

    "reported in England", "the International Union for the Conservation of Nature",
    "(Table S4)", "in *Arabidopsis*": the prose names a place, a body, a part of the
    article or an organism. A single word is a journal only when journals are known by
    it ("Neuron", "Lancet", a name in the abbreviation table), or after a strong cue
    ("published in Synapse").
    """
    words = [w.strip(".:,").lower() for w in name.split()]
    if not words or is_place(name):
        return False
    # "Journal of the American Society for ...", "Bulletin of the World Health Organization":
    # a name that opens with a journal word may name a body.
    if words[0] not in _TITLE_WORDS and any(w in _NOT_JOURNAL_WORDS for w in words):
        return False
    if len(words) == 1 and not strong:
        word = words[0]
        return word in _JOURNAL_WORDS or word in _ONE_WORD_JOURNALS or journals.is_known(name)
    return True


def _has_journal_word(name: str) -> bool:
    """True when a name holds a word journals are named with (Journal, Lancet, JAMA...)."""
    return any(w.strip(".:,").lower() in _JOURNAL_WORDS for w in name.split())


def _looks_like_title(name: str) -> bool:
    """True for quoted article titles and emphasis rather than a journal name."""
    words = name.split()
    small = sum(
        1
        for w in words
        if w[:1].islower() and w not in {"of", "and", "for", "the", "in", "on", "&"}
    )
    return len(words) > 12 or small > 0

"""One taxonomy of study designs, read from titles, Crossref records and claims' words.

The same :class:`~citecheck.model.StudyType` values describe what a claim states ("a
2019 meta-analysis"), what a reference's title says ("...: a randomized controlled
trial") and what the Crossref record shows (type, title, abstract), so the comparator
can ask :func:`compatible` and :func:`population_compatible`.

Precision comes before recall: a wrong specific label raises a false alarm, while
``STUDY`` ("no design stated") only misses one. So the title rules fire on design
words in a position that describes the paper itself, and ignore plurals ("a
meta-analysis of cohort studies" is not a cohort study), questions ("Does every
question deserve a randomized trial?") and methods ("a model for meta-analysis").
"""

from __future__ import annotations

import functools
import operator
import re
from collections.abc import Callable, Iterable, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from typing import TYPE_CHECKING, NamedTuple

from citecheck.model import Classification, Population, StudyType
from citecheck.text import lazy_pattern, strip_tags, unescape

if TYPE_CHECKING:
    from citecheck.model import PubmedRecord, Work

S = StudyType


@dataclass(frozen=True)
class Rule:
    """A design cue: the study type it states, its pattern, and how sure it makes us.

    The patterns (case-insensitive) are compiled when a rule is first tried: most runs try
    only some of the rules (those whose stems a title holds), and compiling all of them
    cost every start several milliseconds.
    """

    study_type: StudyType
    source: str  # the pattern, as written
    confidence: float
    whole_title: bool = False  # the cue may span title parts ("X—Reply", "X: a survey of...")
    context_source: str | None = None  # a pattern that must also occur somewhere in the title
    # Lower-case words one of which every match holds: a title holding none of them
    # cannot match, and the pattern is not run (empty: always run).
    stems: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """The cue's pattern, compiled."""
        return re.compile(self.source, re.IGNORECASE)

    @functools.cached_property
    def context(self) -> re.Pattern[str] | None:
        """What must also occur somewhere in the title, compiled (None: nothing)."""
        return re.compile(self.context_source, re.IGNORECASE) if self.context_source else None


def _rule(
    study_type: StudyType,
    pattern: str,
    confidence: float = 0.9,
    *,
    whole: bool = False,
    context: str | None = None,
    stems: tuple[str, ...] = (),
) -> Rule:
    return Rule(study_type, pattern, confidence, whole, context, stems)


# Words that name the subjects of a study. A word alone is enough for animals (titles
# rarely mention rats unless rats were studied), but humans need a plural noun.
_ANIMALS = (
    r"rats?|mice|mouse|murine|rodents?|rabbits?|(?:guinea )?pigs?|piglets?|porcine|"
    r"swine(?! (?:influenza|flu))|"
    r"dogs?|canine|cats|feline|sheep|lambs?|ewes?|cattle|cows?|bovine|calves|"
    r"monkeys?|macaques?|(?:non-?human )?primates|zebrafish|drosophila|hamsters?|ferrets?|"
    r"horses|equine|chickens?|gerbils?|marmosets?|baboons?"
)
_HUMANS = (
    r"patients|participants|adults|children|veterans|people|women|men|subjects|volunteers|"
    r"infants?|adolescents|humans|individuals|students|smokers|mothers|physicians|nurses|"
    r"healthy man|persons"
)
_IN_VITRO = (
    r"in[ -]vitro(?! fertili[sz]ation)|cell[- ]lines?\b|cell cultures?|cultured (?:\w+ )?cells|"
    r"organoids?|cell model|myotubes|ipscs\b|ipsc-derived|in (?:living|cultured) cells|"
    r"in (?:\w+[ -]){0,4}(?<!solar )(?<!fuel )(?<!battery )cells\s*$"
)
# The patterns of animals, cells and studied subjects compile when a text first holds one
# of their words (lazy_pattern): most inputs name people only, and each of them cost every
# start a millisecond or more. Nearly every input asks for people's words.
ANIMAL_WORDS = lazy_pattern(rf"\b(?:{_ANIMALS})\b|\banimal models?\b", re.IGNORECASE)
HUMAN_WORDS = re.compile(rf"\b(?:{_HUMANS})\b", re.IGNORECASE)
IN_VITRO_WORDS = lazy_pattern(rf"(?:\b(?:{_IN_VITRO}))", re.IGNORECASE)
# Words that make animals or people the subjects ("in rats", "among adults").
# Only nouns: "murine" or "bovine" may just say where cells came from.
_ANIMAL_NOUNS = (
    r"rats|mice|rodents|rabbits|pigs|piglets|swine|dogs|cats|sheep|lambs|cattle|cows|"
    r"monkeys|macaques|primates|zebrafish|hamsters|ferrets|horses|chickens"
)
_SUBJECT = r"\b(?:in|of|among|into|to|with)\s+(?:[\w/-]+[ -]){0,3}"
STUDIED_ANIMALS = lazy_pattern(
    rf"{_SUBJECT}(?:{_ANIMAL_NOUNS})\b|\b(?:{_ANIMALS}) models?\b", re.IGNORECASE
)
STUDIED_HUMANS = lazy_pattern(
    rf"\b(?:in|of|among)\s+(?:[\w/-]+[ -]){{0,3}}(?:{_HUMANS})\b", re.IGNORECASE
)
IN_VIVO = lazy_pattern(r"\bin[ -]vivo\b", re.IGNORECASE)
# An animal word that only says where cultured cells came from ("mouse macrophages").
_ANIMAL_CELLS = lazy_pattern(
    rf"\b(?:{_ANIMALS})\b(?:[ -][\w-]+){{0,4}}[ -](?:cells|macrophages|fibroblasts|myotubes|"
    r"hepatocytes|cell line)\b",
    re.IGNORECASE,
)

# Words that make a "case study" clinical and a "survey" one of people.
_CLINICAL = (
    r"\b(?:patients?|man|woman|boy|girl|child|infant|year-old|syndrome|disease|disorders?|"
    r"therapy|treatment|surgery|surgical|clinical|injury|fracture|pain|infection|cancer|"
    r"tumou?r|carcinoma|\w+(?:itis|oma|emia|pathy|phasia))\b"
)
_PEOPLE_OR_HEALTH = (
    rf"\b(?:{_HUMANS}|\w+ists|\w+ians|staff|personnel|practices?|cooperatives|households|"
    r"residents|health|care|clinical|medical|diarrh\w*|infections?|diseases?)\b"
)

# Title rules, most decisive first: the first rule that fires decides. Each names the
# words (``stems``) one of which any match of it holds, so a title is scanned once for
# those words and only the rules they admit are run.
TITLE_RULES: tuple[Rule, ...] = (
    _rule(
        S.EDITORIAL,
        r"^\s*(?:invited )?(?:editorial|commentary|comment)s?\s*$",
        stems=("editorial", "comment"),
    ),
    _rule(
        S.EDITORIAL,
        r"^\s*comment on\b|:\s*comment on\b|\bbook reviews?\b|^\s*review of [“\"']",
        stems=("comment on", "book review", "review of "),
    ),
    _rule(S.EDITORIAL, r"\breviewed by\b", 0.8, stems=("reviewed by",)),
    _rule(
        S.EDITORIAL,
        r"[—–-]\s*reply\s*$|^\s*reply\b|\bletter to the editor\b",
        stems=("reply", "letter to the editor"),
    ),
    _rule(
        S.EDITORIAL,
        r"^\s*in this issue\b|\bthe year in review\b|^\s*editorial\b(?! board)",
        stems=("in this issue", "the year in review", "editorial"),
    ),
    _rule(S.EDITORIAL, r"\beditorials published in\b", 0.8, stems=("editorials published in",)),
    _rule(
        S.PROTOCOL,
        r"\b(?:study|trial|review|analysis) protocol\b|\bprotocol for an? ",
        stems=("protocol",),
    ),
    _rule(
        S.GUIDELINE,
        r"^\s*(?:\w+ )?(?:clinical )?(?:practice )?guidelines? (?:for|on)\b",
        stems=("guideline",),
    ),
    _rule(
        S.GUIDELINE,
        r":\s*(?:an? )?(?:clinical )?(?:practice )?guidelines?\s*$",
        stems=("guideline",),
    ),
    _rule(S.GUIDELINE, r"\b(?:consensus|position) statement\b", stems=("statement",)),
    _rule(S.META_ANALYSIS, r"\bmeta-?analysis\b(?!\s+(?:protocol|method))", stems=("meta",)),
    _rule(
        S.SYSTEMATIC_REVIEW,
        r"\b(?:systematic (?:literature )?|scoping |umbrella )review\b",
        stems=("review",),
    ),
    _rule(
        S.RANDOMIZED_CONTROLLED_TRIAL,
        r"(?<!non-)(?<!non )(?<!quasi-)\brandomi[sz]ed,? (?:[\w-]+,? ){0,6}?"
        r"(?:trial|study|comparison|crossover|experiment|evaluation)\b",
        stems=("randomi",),
    ),
    _rule(S.RANDOMIZED_CONTROLLED_TRIAL, r"\bRCT\b", stems=("rct",)),
    _rule(
        S.RANDOMIZED_CONTROLLED_TRIAL,
        r"\bdouble-?blind(?:ed)?,? (?:[\w-]+,? ){0,4}(?:trial|study)\b",
        0.8,
        stems=("blind",),
    ),
    _rule(
        S.NON_RANDOMIZED_TRIAL,
        r"\bnon-?randomi[sz]ed\b|\bquasi-?experiment",
        stems=("randomi", "quasi"),
    ),
    _rule(
        S.NON_RANDOMIZED_TRIAL,
        r"\b(?:open-label|single-arm)(?:,? [\w-]+){0,3} (?:trial|study)",
        stems=("open-label", "single-arm"),
    ),
    _rule(
        S.NON_RANDOMIZED_TRIAL,
        r"\b(?:non-?|un)controlled,? (?:[\w-]+,? ){0,3}(?:trial|study)",
        stems=("controlled",),
    ),
    _rule(S.CASE_CONTROL, r"\bcase[- ]control\b(?! studies)", stems=("control",)),
    _rule(S.COHORT, r"\bcohort\b(?! studies)(?!s)", stems=("cohort",)),
    _rule(
        S.COHORT,
        r"(?<!controlled )\blongitudinal (?:[\w-]+ ){0,3}study\b",
        0.8,
        stems=("longitudinal",),
    ),
    _rule(
        S.CROSS_SECTIONAL,
        r"\bcross[- ]sectional (?:[\w-]+ ){0,2}(?:study|survey|analysis)",
        stems=("sectional",),
    ),
    _rule(
        S.CROSS_SECTIONAL,
        r"\bcross[- ]sectional investigation\b|\bprevalence study\b",
        stems=("sectional", "prevalence study"),
    ),
    _rule(
        S.CROSS_SECTIONAL,
        r"\b(?:national|nationwide|clinical|online|web-based|telephone|questionnaire|"
        r"household|multicent(?:er|re)) survey\b|\bsurvey study\b",
        stems=("survey",),
    ),
    # "A survey of accelerator architectures" is a literature review: a bare "survey"
    # counts only when the title is about people or health.
    _rule(
        S.CROSS_SECTIONAL,
        r"\ban? (?:\w+ )?survey of\b|^\s*survey of\b|:\s*an? (?:[\w-]+ )?survey\b",
        whole=True,
        context=_PEOPLE_OR_HEALTH,
        stems=("survey",),
    ),
    _rule(
        S.CASE_REPORT,
        r"\bcase (?:report|presentation)\b|\breport (?:of|on) (?:\w+ ){0,2}cases\b",
        stems=("case",),
    ),
    _rule(
        S.CASE_REPORT,
        r"^\s*(?:an? )?case of\b|[:—–-]\s*an? (?:rare )?case\b(?! study)|\brare case\s*$",
        stems=("case",),
    ),
    _rule(S.CASE_REPORT, r"\ban? case (?:where|in which)\b|\bcase series\b", stems=("case",)),
    # "Case study" also names one building or one company; only a clinical one counts.
    _rule(
        S.CASE_REPORT,
        r"\ban? case study\b",
        0.8,
        context=_CLINICAL,
        stems=("case",),
    ),
    _rule(S.CHART_REVIEW, r"\b(?:chart|(?:medical )?records?) review\b", stems=("review",)),
    _rule(
        S.CHART_REVIEW,
        r"\breview of (?:\d+|the) (?:cases|patients|charts|medical records)\b",
        stems=("review",),
    ),
    _rule(
        S.CHART_REVIEW,
        r"\bretrospective (?:[\w-]+ ){0,2}(?:study|review)\b|"
        r"\bretrospective analysis\b(?! of (?:the )?[\w#() -]*(?:dataset|registry|database))",
        0.8,
        stems=("retrospective",),
    ),
    _rule(
        S.QUALITATIVE,
        r"\bqualitative (?:[\w-]+ ){0,2}(?:study|analysis|research|inquiry)\b",
        stems=("qualitative",),
    ),
    _rule(
        S.QUALITATIVE,
        r"\bfocus groups?\b|\bsemi-?structured interviews\b|\bgrounded theory\b",
        stems=("focus group", "structured interviews", "grounded theory"),
    ),
    _rule(
        S.NARRATIVE_REVIEW,
        r"\b(?:narrative|literature|critical|mini-?|current|research) review\b|"
        r"\breview article\b|^\s*an? review\b|^\s*review of (?:the )?(?:research|literature|evidence)\b|[:—–.-]\s*(?:an? )?review\b(?! for)",
        0.8,
        stems=("review",),
    ),
)

# Words that, before a design word, show the design is not the paper's own.
_NOT_OWN = re.compile(r"(?:\bfor|\bto perform|\bdeserve|\babout)\s+(?:an? |the )?$", re.IGNORECASE)
_QUESTION = re.compile(r"^\s*(?:does|do|is|are|can|should|what|how|why|which|when)\b", re.I)
_SEGMENTS = re.compile(r"\s*(?::|\s[—–-]\s|—|–|\?\s|\.\s)\s*")
# Items that are not studies even though they mention one (compiled for the first title
# holding one of their words).
_NOT_A_STUDY = lazy_pattern(
    r"^\s*review for\b|^\s*peer review #?\d* ?of\b|^\s*(?:correction|retracted|retraction"
    r"|erratum|expression of concern)\b|\beditorial board\b|\breviewers\b|\bpeer review\b",
    re.IGNORECASE,
)


def _clean(text: str) -> str:
    """Plain text: entities decoded, markup dropped, whitespace collapsed."""
    if "&" in text:
        text = unescape(text)
    if "<" in text:
        text = strip_tags(text)
    return " ".join(text.split())


# Characters that re.IGNORECASE matches to ASCII letters without lower() making them so.
_FOLD_FOR_STEMS = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
_FOLD_SPECIAL = "\u0130\u0131\u212a\u017f"


def _folded(text: str) -> str:
    """``text`` in lower case, with every letter that a case-blind pattern reads as an ASCII
    letter made that letter: a stem a match holds is then a substring of this.

    Each character folds to one, so offsets and word boundaries stay where they were.
    """
    if not text.isascii() and any(c in text for c in _FOLD_SPECIAL):
        text = text.translate(_FOLD_FOR_STEMS)  # slow beyond ASCII: only when needed
    return text.lower()


def _own_match(rule: Rule, segment: str) -> re.Match[str] | None:
    """The first match of ``rule`` in ``segment`` that describes the paper itself."""
    for match in rule.pattern.finditer(segment):
        before = segment[: match.start()]
        if rule.study_type in _OWN_CHECKED and _NOT_OWN.search(before):
            continue
        return match
    return None


# Designs whose words also name the *object* of a paper ("a model for meta-analysis").
_OWN_CHECKED = frozenset({S.META_ANALYSIS, S.SYSTEMATIC_REVIEW, S.RANDOMIZED_CONTROLLED_TRIAL})


def _segments(title: str) -> list[str]:
    """Title parts, split at colons, dashes and sentence ends; questions dropped."""
    parts = [p for p in _SEGMENTS.split(title) if p.strip()] if _may_split(title) else [title]
    return [p for p in parts if not _QUESTION.match(p)] or []


def _may_split(title: str) -> bool:
    """Whether ``title`` holds a character every _SEGMENTS match holds (a hyphen only
    after a space): most titles have no parts, and the split then need not run.
    """
    if ":" in title or "—" in title or "–" in title or "?" in title or "." in title:
        return True
    at = title.find("-", 1)
    while at != -1:
        if title[at - 1].isspace():
            return True
        at = title.find("-", at + 1)
    return False


# Designs whose cues may all span title parts ("...—Reply", "X: Report of 3 Cases").
_WHOLE_TITLE = frozenset({S.EDITORIAL, S.CASE_REPORT})
# Words one of which every match of _NOT_A_STUDY holds.
_NOT_A_STUDY_STEMS = (
    "review",
    "correction",
    "retract",
    "erratum",
    "expression of concern",
    "editorial board",
)


class _StemIndex(NamedTuple):
    """For one rule list: each stem with the rules (a bit per rule) that need it, and the
    rules that name no stem and always run.
    """

    rules: Sequence[Rule]
    stems: tuple[tuple[str, int], ...]
    always: int


_STEM_INDEXES: dict[int, _StemIndex] = {}


def _stem_index(rules: Sequence[Rule]) -> _StemIndex:
    """The stem index of ``rules``, built once per rule list."""
    index = _STEM_INDEXES.get(id(rules))
    if index is not None and index.rules is rules:
        return index
    masks: dict[str, int] = {}
    always = 0
    for number, rule in enumerate(rules):
        if not rule.stems:
            always |= 1 << number
        for stem in rule.stems:
            masks[stem] = masks.get(stem, 0) | 1 << number
    index = _StemIndex(rules, tuple(masks.items()), always)
    _STEM_INDEXES[id(rules)] = index
    return index


def _admitted(rules: Sequence[Rule], folded: str) -> int:
    """The rules (a bit per rule, in order) whose stems ``folded`` holds."""
    index = _stem_index(rules)
    admitted = index.always
    for stem, mask in index.stems:
        if stem in folded:
            admitted |= mask
    return admitted


def design_of(text: str, rules: Sequence[Rule] = TITLE_RULES) -> tuple[Rule, str] | None:
    """The first rule (in precedence order) that fires on a title, and the words it matched."""
    return _design_of(text, _folded(text), rules)


def _design_of(text: str, folded: str, rules: Sequence[Rule]) -> tuple[Rule, str] | None:
    """:func:`design_of` with the title already folded (:func:`_folded`)."""
    if any(stem in folded for stem in _NOT_A_STUDY_STEMS) and _NOT_A_STUDY().search(text):
        return None
    admitted = _admitted(rules, folded)
    segments: list[str] | None = None
    while admitted:
        lowest = admitted & -admitted
        admitted ^= lowest
        rule = rules[lowest.bit_length() - 1]
        if rule.context and not rule.context.search(text):
            continue
        # Editorial rules look at the whole title ("Comment on ...", "...—Reply").
        if rule.whole_title or rule.study_type in _WHOLE_TITLE:
            match = rule.pattern.search(text)
            if match and (rule.study_type is S.EDITORIAL or not _QUESTION.match(text)):
                return rule, match.group(0).strip(" :—–-")
            continue
        if segments is None:
            segments = _segments(text)
        for segment in segments:
            match = _own_match(rule, segment)
            if match:
                return rule, match.group(0).strip(" :—–-")
    return None


# Words (runs of ASCII word characters of the folded text, see _words) one of which each
# population pattern's matches hold, and substrings for the patterns that match inside
# words.
# Every byte that is not an ASCII word character (``\w``: letters, digits, "_") as a
# space; the bytes of a UTF-8 character beyond ASCII are all 0x80 or more.
_ASCII_NON_WORD_TO_SPACE = bytes(
    c if chr(c).isascii() and (chr(c).isalnum() or chr(c) == "_") else 32 for c in range(256)
)
_ANIMAL_TOKENS = frozenset(
    b"rat rats mice mouse murine rodent rodents rabbit rabbits pig pigs piglet piglets "
    b"porcine swine dog dogs canine cats feline sheep lamb lambs ewe ewes cattle cow "
    b"cows bovine calves monkey monkeys macaque macaques primates zebrafish drosophila "
    b"hamster hamsters ferret ferrets horses equine chicken chickens gerbil gerbils "
    b"marmoset marmosets baboon baboons animal".split()
)
_HUMAN_TOKENS = frozenset(
    b"patients participants adults children veterans people women men subjects "
    b"volunteers infant infants adolescents humans individuals students smokers mothers "
    b"physicians nurses healthy persons".split()
)
_IN_VITRO_STEMS = ("vitro", "cell", "organoid", "myotube", "ipsc")


def population_in(text: str) -> tuple[Population, str] | None:
    """Who the words say was studied: animals, cells or people, with the deciding word."""
    return _population_in(text, _folded(text))


def _words(folded: str) -> set[bytes]:
    r"""The runs of ASCII word characters in folded text, as bytes (one translation and split).

    For ASCII text these are its ``\w+`` runs. Beyond ASCII every other character ends a
    run, so each ``\w+`` run made of ASCII characters is among them (with pieces of runs
    that are not): enough to tell that an ASCII word cannot be in the text.
    """
    return set(folded.encode().translate(_ASCII_NON_WORD_TO_SPACE).split())


def _population_in(text: str, folded: str) -> tuple[Population, str] | None:
    """:func:`population_in` with the text already folded (:func:`_folded`)."""
    words = _words(folded)
    maybe_animal = not words.isdisjoint(_ANIMAL_TOKENS)
    maybe_human = not words.isdisjoint(_HUMAN_TOKENS)
    maybe_in_vitro = any(stem in folded for stem in _IN_VITRO_STEMS)
    if not (maybe_animal or maybe_human or maybe_in_vitro):
        return None
    animal = (
        next(
            (m for m in ANIMAL_WORDS().finditer(text) if not _inside(m, _ANIMAL_CELLS(), text)),
            None,
        )
        if maybe_animal
        else None
    )
    in_vitro = IN_VITRO_WORDS().search(text) if maybe_in_vitro else None
    human = HUMAN_WORDS.search(text) if maybe_human else None
    in_vivo = IN_VIVO().search(text) if "vivo" in folded else None
    if animal and human and (STUDIED_HUMANS().search(text) or not STUDIED_ANIMALS().search(text)):
        return None  # people and animals in one paper: no single population
    if animal and in_vitro and not in_vivo and not STUDIED_ANIMALS().search(text):
        # "an in vitro model of the murine gut": the animal word says where cells came from.
        return Population.IN_VITRO, in_vitro.group(0).strip()
    if animal or (in_vitro and in_vivo and not human):
        cue = animal.group(0) if animal else "in vivo"
        return Population.ANIMAL, cue
    if in_vitro and not human:
        return Population.IN_VITRO, in_vitro.group(0).strip()
    if human:
        return Population.HUMAN, human.group(0)
    cells = _ANIMAL_CELLS().search(text) if maybe_animal else None
    if cells:
        return Population.IN_VITRO, cells.group(0)
    return None


def _inside(match: re.Match[str], pattern: re.Pattern[str], text: str) -> bool:
    """True when ``match`` lies within a match of ``pattern`` in ``text``."""
    return any(
        m.start() <= match.start() and match.end() <= m.end() for m in pattern.finditer(text)
    )


# Designs that outrank the study's population: a systematic review of animal studies is
# still a systematic review.
_ABOVE_POPULATION = frozenset({S.EDITORIAL, S.PROTOCOL, S.GUIDELINE, S.META_ANALYSIS})
_ABOVE_POPULATION |= {S.SYSTEMATIC_REVIEW, S.NARRATIVE_REVIEW}


def classify_title(title: str) -> Classification:
    """Study type read from a title."""
    text = _clean(title)
    folded = _folded(text)
    found = _design_of(text, folded, TITLE_RULES)
    population = _population_in(text, folded)
    if found and found[0].study_type in _ABOVE_POPULATION:
        rule, cue = found
        return Classification(
            rule.study_type, rule.confidence, (cue,), population and population[0]
        )
    if population and population[0] is not Population.HUMAN:
        kind = S.ANIMAL if population[0] is Population.ANIMAL else S.IN_VITRO
        return Classification(kind, 0.85, (population[1],), population[0])
    pop = population[0] if population else None
    if found:
        rule, cue = found
        return Classification(rule.study_type, rule.confidence, (cue,), pop)
    return Classification(S.STUDY, 0.5 if pop else 0.3, (), pop)


# --------------------------------------------------------------------------- abstracts

ABSTRACT_RULES: tuple[Rule, ...] = (
    _rule(
        S.META_ANALYSIS,
        r"\bmeta-?analys[ie]s (?:was|were) (?:performed|conducted)\b",
        0.75,
        stems=("meta",),
    ),
    _rule(
        S.META_ANALYSIS,
        r"\b(?:this|a|the present) (?:systematic review and )?meta-?analysis\b",
        0.75,
        stems=("meta",),
    ),
    _rule(
        S.SYSTEMATIC_REVIEW,
        r"\b(?:we )?(?:systematically )?searched (?:[\w,-]+ ){0,6}(?:pubmed|medline|embase|"
        r"cochrane|web of science|scopus|psycinfo|cinahl)\b",
        0.7,
        stems=("searched",),
    ),
    _rule(
        S.SYSTEMATIC_REVIEW, r"\b(?:this|a) systematic review\b", 0.7, stems=("systematic review",)
    ),
    _rule(
        S.RANDOMIZED_CONTROLLED_TRIAL,
        r"\b(?:were|was) randomi[sz]ed\b|\brandomly (?:assigned|allocated)\b|"
        r"\b(?:this|a|in an?) (?:[\w-]+,? ){0,4}randomi[sz]ed (?:[\w-]+,? ){0,3}trial\b",
        0.75,
        stems=("random",),
    ),
    _rule(
        S.CASE_REPORT,
        r"\bwe (?:report|present|describe) (?:a|the|an) (?:[\w-]+ ){0,3}case\b",
        0.7,
        stems=("case",),
    ),
    _rule(
        S.COHORT,
        r"\b(?:this|a|in this|in a) (?:[\w-]+ ){0,3}cohort study\b",
        0.7,
        stems=("cohort study",),
    ),
    _rule(
        S.CROSS_SECTIONAL,
        r"\b(?:this|a) (?:[\w-]+ ){0,2}cross-sectional (?:study|survey)\b",
        0.7,
        stems=("cross-sectional",),
    ),
    _rule(
        S.QUALITATIVE,
        r"\bsemi-?structured interviews\b|\bthematic analysis\b",
        0.7,
        stems=("structured interviews", "thematic analysis"),
    ),
)
# The abstract's methods patterns compile when the check first reads an abstract.
_ANIMAL_METHODS = lazy_pattern(
    rf"\b(?:{_ANIMALS}|animals)\s+(?:were|was)\b|\b(?:male|female|adult) (?:[\w/-]+ ){{0,2}}"
    rf"(?:{_ANIMALS})\b|\bsprague[- ]dawley\b|\bwistar\b|\bc57bl",
    re.IGNORECASE,
)
# Words one of which the animal-methods pattern needs besides its strain names.
_ANIMAL_METHOD_WORDS = _ANIMAL_TOKENS | {b"animals"}
_CELL_METHODS = lazy_pattern(
    r"\bcells were (?:treated|cultured|incubated|transfected|exposed)\b", re.IGNORECASE
)


def classify_abstract(abstract: str) -> Classification | None:
    """Study type that an abstract's methods sentences state, or None.

    An abstract is long: each pattern runs only when the abstract holds a word that every
    match of it holds (the rules' stems; an animal word or strain name for the animal
    methods; "cells were" for the cell methods).
    """
    text = _clean(abstract)
    folded = _folded(text)
    for rule in ABSTRACT_RULES[:4]:  # reviews outrank their subjects
        match = _search_with_stems(rule, text, folded)
        if match:
            return Classification(rule.study_type, rule.confidence, (match.group(0),))
    maybe_animal = (
        "sprague" in folded
        or "wistar" in folded
        or "c57bl" in folded
        or not _words(folded).isdisjoint(_ANIMAL_METHOD_WORDS)
    )
    animal = _ANIMAL_METHODS().search(text) if maybe_animal else None
    if animal:
        return Classification(S.ANIMAL, 0.75, (animal.group(0),), Population.ANIMAL)
    cells = _CELL_METHODS().search(text) if "cells were" in folded else None
    if cells:
        return Classification(S.IN_VITRO, 0.7, (cells.group(0),), Population.IN_VITRO)
    for rule in ABSTRACT_RULES[4:]:
        match = _search_with_stems(rule, text, folded)
        if match:
            return Classification(rule.study_type, rule.confidence, (match.group(0),))
    return None


def _search_with_stems(rule: Rule, text: str, folded: str) -> re.Match[str] | None:
    """``rule.pattern.search(text)`` when ``folded`` holds one of the rule's stems (or it
    names none), else None: without a stem the pattern cannot match.
    """
    if rule.stems and not any(stem in folded for stem in rule.stems):
        return None
    return rule.pattern.search(text)


# Crossref types that say what a work is whatever its title.
WORK_TYPES: dict[str, StudyType] = {"peer-review": S.EDITORIAL}


def classify_work(work: Work) -> Classification:
    """Study type of a record: PubMed's indexing first when there is one, then the
    Crossref type, title, subtitle and abstract.

    Remembered for the last 2,048 works: an archive's documents cite the same few hundred
    works again and again, and each is compared and reported once per citing reference.
    The key holds the PubMed record too, which a work's equality leaves out.
    """
    return _classify_work(work, work.pubmed)


@functools.lru_cache(maxsize=2048)
def _classify_work(work: Work, pubmed: PubmedRecord | None) -> Classification:
    if pubmed is not None:
        from citecheck.resolve import pubmed_index

        return pubmed_index.classify(pubmed, _classify_crossref(work))
    return _classify_crossref(work)


def _classify_crossref(work: Work) -> Classification:
    """Study type of a Crossref record (type, subtype, title, subtitle, abstract)."""
    if work.type in WORK_TYPES:
        return Classification(WORK_TYPES[work.type], 0.9, (f"type:{work.type}",))
    title = classify_title(work.full_title or "")
    if title.study_type is not S.STUDY or not work.abstract:
        return title
    found = classify_abstract(work.abstract)
    if found is None:
        return title
    population = found.population or title.population
    return Classification(found.study_type, found.confidence, found.cues, population)


# --------------------------------------------------------------------------- claims

# What a claim's words state, most specific first; the first rule that fires decides.
PHRASE_RULES: tuple[Rule, ...] = (
    _rule(S.META_ANALYSIS, r"\b(?:systematic review and |network )?meta-?analys[ie]s\b"),
    _rule(S.PROTOCOL, r"\b(?:study|trial|review) protocol\b"),
    _rule(S.SYSTEMATIC_REVIEW, r"\b(?:systematic|scoping|umbrella) reviews?\b"),
    _rule(S.NARRATIVE_REVIEW, r"\bnarrative reviews?\b"),
    _rule(
        S.ANIMAL,
        rf"\b(?:animal|preclinical|rodent|mouse|rat) (?:study|studies|model|experiments?|research)\b|"
        rf"\b(?:study|studies|trials?) (?:\w+ ){{0,2}}(?:in|on|with|using) "
        rf"(?:\w+ ){{0,2}}(?:{_ANIMALS}|animals)\b",
    ),
    _rule(
        S.IN_VITRO,
        r"\b(?:in[ -]vitro|cell[- ]culture|laboratory|lab) (?:study|studies|experiments?|research)\b|"
        r"\b(?:study|studies) (?:\w+ ){0,2}(?:in|on|with|using) "
        r"(?:\w+ ){0,2}(?:cells|cell lines?|cell cultures?)\b",
    ),
    _rule(
        S.RANDOMIZED_CONTROLLED_TRIAL,
        r"\b(?:(?:double|triple|single)-?blind(?:ed)?,? )?(?:placebo-controlled,? )?"
        r"(?:randomi[sz]ed|randomly assigned)(?:,? (?:[\w-]+,? ){0,4})?(?:controlled |clinical )?"
        r"(?:trials?|study|studies|experiments?)\b|\bRCTs?\b|"
        r"\b(?:double|triple)-?blind(?:ed)?,? (?:placebo-controlled,? )?(?:clinical )?(?:trials?|study)\b|"
        r"\bplacebo-controlled (?:clinical )?trials?\b",
    ),
    _rule(
        S.NON_RANDOMIZED_TRIAL,
        r"\b(?:open-label|single-arm|non-?randomi[sz]ed|uncontrolled) (?:[\w-]+ ){0,2}"
        r"(?:trials?|study|studies)\b",
    ),
    _rule(S.CASE_CONTROL, r"\bcase[- ]control (?:study|studies|analysis)\b"),
    _rule(
        S.COHORT,
        r"\b(?:(?:prospective|retrospective|longitudinal|population-based|birth) )?cohort"
        r"(?: stud(?:y|ies))?\b|\b(?:longitudinal|prospective|follow-up) (?:study|studies)\b",
    ),
    _rule(
        S.CROSS_SECTIONAL,
        r"\bcross[- ]sectional (?:study|studies|survey|analysis)\b|"
        r"\b(?:an?|one|their|this|national|online) (?:[\w-]+ )?surveys?\b|\bsurveys? of\b",
    ),
    _rule(S.CASE_REPORT, r"\bcase (?:reports?|study|series)\b"),
    _rule(
        S.CHART_REVIEW,
        r"\b(?:retrospective )?(?:chart|medical records?) review\b|"
        r"\bretrospective (?:review|study|analysis)\b",
    ),
    _rule(
        S.QUALITATIVE,
        r"\bqualitative (?:study|studies|research|interviews?)\b|\bfocus groups?\b|\binterview study\b",
    ),
    _rule(S.GUIDELINE, r"\b(?:clinical )?(?:practice )?guidelines?\b|\bconsensus statement\b"),
    _rule(S.EDITORIAL, r"\beditorials?\b|\bcommentary\b|\bopinion (?:piece|article)\b"),
    _rule(S.TRIAL, r"\b(?:clinical |controlled |pilot )?trials?\b"),
    _rule(S.REVIEW, r"(?<!peer-)(?<!peer )\b(?:literature )?reviews?\b"),
    _rule(S.STUDY, r"\bstud(?:y|ies)\b", 0.5),
)


# For each phrase rule, in order, words one of which every match of it holds: a rule
# whose words are all absent from a claim cannot match it and is not run (one scan of
# the folded claim instead of a regular-expression search per rule).
_PHRASE_STEMS: tuple[tuple[str, ...], ...] = (
    ("analys",),  # meta-analysis
    ("protocol",),
    ("review",),  # systematic, scoping, umbrella
    ("review",),  # narrative
    ("stud", "model", "experiment", "research", "trial"),  # animal
    ("stud", "experiment", "research"),  # in vitro
    ("trial", "stud", "experiment", "rct"),  # randomized controlled trial
    ("trial", "stud"),  # non-randomized
    ("case",),  # case-control
    ("cohort", "stud"),
    ("cross", "survey"),  # cross-sectional
    ("case",),  # case report
    ("review", "stud", "analys"),  # chart review
    ("qualitative", "focus", "interview"),
    ("guideline", "consensus"),
    ("editorial", "commentary", "opinion"),
    ("trial",),
    ("review",),
    ("stud",),
)


# For each phrase rule, in order, what every match of it holds, finer than its stems:
# one of its groups, each a tuple of lower-case substrings of the folded claim that must
# all occur, where the set ANIMAL_STUDY_WORDS stands for one of those words (``\w+``
# runs). A rule none of whose groups holds cannot match the claim and is not run.
_PHRASE_STEM_MASKS = tuple(
    (stem, sum(1 << n for n, stems in enumerate(_PHRASE_STEMS) if stem in stems))
    for stem in dict.fromkeys(stem for stems in _PHRASE_STEMS for stem in stems)
)


def _stemmed_rules(folded: str, runs: AbstractSet[bytes] | None) -> int:
    """The phrase rules (a bit each, in order) whose stems the folded claim holds."""
    admitted = 0
    if runs is None:
        for stem, bits in _PHRASE_STEM_MASKS:
            if stem in folded:
                admitted |= bits
        return admitted
    return run_features(runs) & _ALL_RULES


def run_features(runs: AbstractSet[bytes]) -> int:
    """What a claim's word runs hold, a bit each (see _RunFeatures): the phrase rules whose
    stems they hold, the rules one of whose needs they answer, the populations they name.
    """
    # A stem or a need of letters lies inside one run: each run is looked up once (the
    # table's own C loop, with no Python step per run).
    return functools.reduce(operator.or_, map(_RUN_FEATURES.__getitem__, runs), 0)


_RUN_FEATURES_MAX = 200_000  # distinct words kept; then the table starts again
_ALL_RULES = (1 << len(_PHRASE_STEMS)) - 1
# The rules whose needs a run answers, above the rules whose stems it holds; then the
# populations it may name (see _population_of).
_NEEDS_SHIFT = len(_PHRASE_STEMS)
_IN_VITRO_BIT, _ANIMAL_BIT, _HUMAN_BIT, _IMPLIED_HUMAN_BIT = (
    1 << (2 * _NEEDS_SHIFT + n) for n in range(4)
)


class _RunFeatures(dict[bytes, int]):
    """What each word run holds (a bit each, see run_features), as runs are met."""

    def __missing__(self, run: bytes) -> int:
        """The features of ``run``, remembered for the next claim holding it."""
        if len(self) >= _RUN_FEATURES_MAX:
            self.clear()
        mask = 0
        # Tried as text: a substring test of bytes costs ten times one of text.
        word = run.decode("latin-1")
        for part, bits in _RUN_PARTS:
            if part in word:
                mask |= bits
        for words, bits in _RUN_WORDS:
            if run in words:
                mask |= bits
        self[run] = mask
        return mask


_RUN_FEATURES = _RunFeatures()


_ANIMAL_STUDY_WORDS = _ANIMAL_TOKENS | {b"animals", b"preclinical"}
_ANIMAL_WORD = "<an animal word>"
_PHRASE_NEEDS: tuple[tuple[tuple[str, ...], ...], ...] = (
    (("meta", "analys"),),  # meta-analysis
    (("protocol",),),
    (("systematic review",), ("scoping review",), ("umbrella review",)),
    (("narrative review",),),
    ((_ANIMAL_WORD,),),  # "an animal study", "a trial in rats"
    (("vitro",), ("cell",), ("lab",)),  # in vitro
    (("random",), ("rct",), ("blind",), ("placebo",)),  # randomized controlled trial
    (("open-label",), ("single-arm",), ("randomi",), ("uncontrolled",)),  # non-randomized
    (("control",),),  # case-control
    (("cohort",), ("longitudinal",), ("prospective",), ("follow-up",)),
    (("sectional",), ("survey",)),  # cross-sectional
    (("case report",), ("case stud",), ("case series",)),
    (("chart review",), ("record review",), ("records review",), ("retrospective",)),
    (("qualitative",), ("focus group",), ("interview study",)),
    (("guideline",), ("consensus statement",)),
    (("editorial",), ("commentary",), ("opinion piece",), ("opinion article",)),
    (),  # trial: the stems say all
    (),  # review
    (),  # study
)

# The groups of _PHRASE_NEEDS one word run answers by itself: a group of one part made of
# letters (it lies inside one run, as stems do), or the animal words (a run that is one).
# They are read with the stems (run_features); a rule whose runs answer none of these
# tries its other groups on the folded claim (_holds_one), and a rule without groups
# needs nothing.


def _one_run(group: tuple[str, ...]) -> bool:
    """True for a group of _PHRASE_NEEDS a single word run answers."""
    return len(group) == 1 and (group[0] is _ANIMAL_WORD or group[0].isalpha())


_NEED_PARTS = tuple(
    (
        part,
        sum(1 << (_NEEDS_SHIFT + n) for n, gs in enumerate(_PHRASE_NEEDS) if (part,) in gs),
    )
    for part in dict.fromkeys(
        group[0]
        for groups in _PHRASE_NEEDS
        for group in groups
        if _one_run(group) and group[0] is not _ANIMAL_WORD
    )
)
_ANIMAL_NEED_BITS = sum(
    1 << (_NEEDS_SHIFT + n) for n, groups in enumerate(_PHRASE_NEEDS) if (_ANIMAL_WORD,) in groups
)
_OTHER_NEEDS = tuple(
    tuple(group for group in groups if not _one_run(group)) for groups in _PHRASE_NEEDS
)
_RULES_WITH_OTHER_NEEDS = sum(1 << n for n, groups in enumerate(_OTHER_NEEDS) if groups)
_NEEDLESS_RULES = sum(1 << n for n, groups in enumerate(_PHRASE_NEEDS) if not groups)


def find_phrase(
    text: str,
    runs: AbstractSet[bytes] | None = None,
    people: Callable[[], tuple[Population, int, int] | None] | None = None,
    *,
    folded: str | None = None,
    features: int | None = None,
) -> tuple[Classification, int, int] | None:
    r"""The study type a claim's words state, with the span (start, end) of those words.

    ``runs``, when given, are the word runs of the folded text (``\w+`` or ASCII-letter
    runs, as bytes), so a caller reading several things from one claim splits it once;
    ``people``, when given, returns :func:`population_of` for ``text`` (read once);
    ``folded`` and ``features``, when given, are :func:`_folded` of ``text`` and
    :func:`run_features` of ``runs``.
    """
    if folded is None:
        folded = _folded(text)
    by_substrings = runs is None
    if runs is None:
        admitted, met = _stemmed_rules(folded, None), 0
    else:
        if features is None:
            features = run_features(runs)
        admitted, met = features & _ALL_RULES, features >> _NEEDS_SHIFT
        # A rule all of whose needs a run answers, and none does, is dropped at once.
        admitted &= met | _NEEDLESS_RULES | _RULES_WITH_OTHER_NEEDS
    met |= _NEEDLESS_RULES
    while admitted:  # the rules whose stems the claim holds, in order
        lowest = admitted & -admitted
        admitted ^= lowest
        number = lowest.bit_length() - 1
        rule = PHRASE_RULES[number]
        if by_substrings:
            groups = _PHRASE_NEEDS[number]
            if groups and groups[0][0] is _ANIMAL_WORD:
                runs = _words(folded)
            if groups and not _holds_one(groups, folded, runs or frozenset()):
                continue
        elif not met & lowest and not _holds_one(_OTHER_NEEDS[number], folded, runs or frozenset()):
            continue  # no need a run answers, nor any other
        starts = _PHRASE_STARTS.get(rule.study_type)
        match = (
            _search_at(rule.pattern, text, folded, starts) if starts else rule.pattern.search(text)
        )
        if match:
            population = people() if people else _population_of(text, folded, runs, features)
            found = Classification(
                rule.study_type,
                rule.confidence,
                (match.group(0),),
                population[0] if population else _implied_population(rule.study_type),
            )
            return found, match.start(), match.end()
    return None


# For the rules most claims reach, the words every match starts with: the rule is tried
# only where one of them is (see _search_at).
_PHRASE_STARTS = {
    S.TRIAL: ("clinical ", "controlled ", "pilot ", "trial"),
    S.REVIEW: ("literature ", "review"),
    S.STUDY: ("stud",),
}


def _search_at(
    pattern: re.Pattern[str], text: str, folded: str, starts: Iterable[str]
) -> re.Match[str] | None:
    """``pattern.search(text)``, tried only where ``folded`` has one of ``starts``.

    Every match of ``pattern`` must begin with one of ``starts`` (lower case, as the folded
    text has it); offsets in ``folded`` are those of ``text``.
    """
    offsets = []
    for start in starts:
        offset = folded.find(start)
        while offset >= 0:
            offsets.append(offset)
            offset = folded.find(start, offset + 1)
    for offset in sorted(offsets):
        match = pattern.match(text, offset)
        if match:
            return match
    return None


def _holds_one(groups: tuple[tuple[str, ...], ...], folded: str, runs: AbstractSet[bytes]) -> bool:
    """True when the folded claim (split into ``runs``) holds every part of one of ``groups``."""
    for group in groups:
        for part in group:
            if part is _ANIMAL_WORD:
                if runs.isdisjoint(_ANIMAL_STUDY_WORDS):
                    break
            elif part not in folded:
                break
        else:
            return True
    return False


def classify_phrase(text: str) -> Classification | None:
    """Study type stated by a claim's words ("a 2019 meta-analysis"), or None."""
    found = find_phrase(text)
    return found[0] if found else None


def _implied_population(study_type: StudyType) -> Population | None:
    """The population a design word implies by itself ("an animal study")."""
    return {S.ANIMAL: Population.ANIMAL, S.IN_VITRO: Population.IN_VITRO}.get(study_type)


_IMPLIED_HUMAN = lazy_pattern(
    r"\b(?:patient|participant|adult|child|veteran|volunteer|subject)s?\b|"
    r"\bsymptoms?\b|\bdisorders?\b",
    re.IGNORECASE,
)
_POPULATION_PHRASES: tuple[tuple[Population, Callable[[], re.Pattern[str]]], ...] = (
    (Population.IN_VITRO, lazy_pattern(rf"\b(?:{_IN_VITRO})|\bcells\b", re.IGNORECASE)),
    (Population.ANIMAL, lazy_pattern(rf"\b(?:{_ANIMALS}|animals?)\b|\banimal models?\b", re.I)),
    (Population.HUMAN, lambda: HUMAN_WORDS),
)


# Words (``\w+`` runs) one of which each population phrase needs; the cell phrases are
# found by the substrings of _IN_VITRO_STEMS ("cells" holds "cell").
_ANIMAL_PHRASE_WORDS = _ANIMAL_TOKENS | {b"animals"}
_IMPLIED_HUMAN_WORDS = frozenset(
    b"patient patients participant participants adult adults child childs veteran veterans "
    b"volunteer volunteers subject subjects symptom symptoms disorder disorders".split()
)


# What run_features reads for each population phrase (in _POPULATION_PHRASES order) and
# for the people a claim about symptoms implies: a stem of the cell phrases inside a run
# (_IN_VITRO_STEMS: "cells" holds "cell"), or a run that is one of the words.
_POPULATION_BITS = (_IN_VITRO_BIT, _ANIMAL_BIT, _HUMAN_BIT)
_POPULATION_WORD_BITS = (
    (_ANIMAL_PHRASE_WORDS, _ANIMAL_BIT),
    (_HUMAN_TOKENS, _HUMAN_BIT),
    (_IMPLIED_HUMAN_WORDS, _IMPLIED_HUMAN_BIT),
)
# What run_features tries each new run on: the substrings (stems, needs of one part, the
# cell phrases' stems) and the word sets, with the bits each sets.


def _merged(pairs: Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    """Each string once, with the bits of all its pairs."""
    merged: dict[str, int] = {}
    for part, bits in pairs:
        merged[part] = merged.get(part, 0) | bits
    return tuple(merged.items())


_RUN_PARTS = _merged(
    (*_PHRASE_STEM_MASKS, *_NEED_PARTS, *((stem, _IN_VITRO_BIT) for stem in _IN_VITRO_STEMS))
)
_RUN_WORDS = ((_ANIMAL_STUDY_WORDS, _ANIMAL_NEED_BITS), *_POPULATION_WORD_BITS)


def _decoded(words: AbstractSet[bytes]) -> list[str]:
    """Words of a run set as text."""
    return [word.decode() for word in words]


def population_of(
    text: str,
    runs: AbstractSet[bytes] | None = None,
    *,
    folded: str | None = None,
    features: int | None = None,
) -> tuple[Population, int, int] | None:
    """Who a claim says was studied (people, animals, cells), with the span of the words.

    ``runs``, ``folded`` and ``features`` as for :func:`find_phrase`.
    """
    return _population_of(text, _folded(text) if folded is None else folded, runs, features)


def _population_of(
    text: str, folded: str, runs: AbstractSet[bytes] | None, features: int | None = None
) -> tuple[Population, int, int] | None:
    """:func:`population_of` with the text already folded (:func:`_folded`)."""
    words = runs if runs is not None else _words(folded)
    if features is None:
        features = run_features(words)
    # Most claims name no one: their runs say so at once (run_features), and no pattern is
    # searched.
    hits = []
    for (population, pattern), bit in zip(_POPULATION_PHRASES, _POPULATION_BITS, strict=True):
        if not features & bit:
            continue
        match = (
            # People's words start every match: look only where they are.
            _search_at(pattern(), text, folded, _decoded(words & _HUMAN_TOKENS))
            if population is Population.HUMAN
            else pattern().search(text)
        )
        if match:
            hits.append((match.start(), population, match.end()))
    if not hits:
        # A claim about symptoms or a disorder, naming no one, is about people.
        implied = (
            _search_at(_IMPLIED_HUMAN(), text, folded, _decoded(words & _IMPLIED_HUMAN_WORDS))
            if features & _IMPLIED_HUMAN_BIT
            else None
        )
        return (Population.HUMAN, implied.start(), implied.end()) if implied else None
    # "cells from patients" is about cells; "patients' cells" too: the earliest
    # non-human word wins over a human one, because it narrows what was studied.
    non_human = [h for h in hits if h[1] is not Population.HUMAN]
    start, population, end = min(non_human or hits)
    return population, start, end


# --------------------------------------------------------------------------- compatibility

# For each stated design, the actual designs it is true of (besides itself and STUDY).
# Why the less obvious rows hold:
# - SYSTEMATIC_REVIEW <-> META_ANALYSIS: most meta-analyses come from a systematic
#   review, and writers name either.
# - NON_RANDOMIZED_TRIAL -> RCT: "open-label trial" is said of open-label randomised
#   trials; the reverse (calling a non-randomised trial randomised) is an error.
# - COHORT <-> CHART_REVIEW: a retrospective chart review is a retrospective cohort.
# - META_ANALYSIS never fits a single trial, and nothing but itself fits a PROTOCOL:
#   a protocol reports no results.
COMPATIBLE: dict[StudyType, frozenset[StudyType]] = {
    S.TRIAL: frozenset({S.RANDOMIZED_CONTROLLED_TRIAL, S.NON_RANDOMIZED_TRIAL}),
    S.REVIEW: frozenset({S.SYSTEMATIC_REVIEW, S.NARRATIVE_REVIEW, S.META_ANALYSIS}),
    S.SYSTEMATIC_REVIEW: frozenset({S.META_ANALYSIS, S.REVIEW}),
    S.META_ANALYSIS: frozenset({S.SYSTEMATIC_REVIEW, S.REVIEW}),
    S.NARRATIVE_REVIEW: frozenset({S.REVIEW}),
    S.RANDOMIZED_CONTROLLED_TRIAL: frozenset({S.TRIAL}),
    S.NON_RANDOMIZED_TRIAL: frozenset({S.TRIAL, S.RANDOMIZED_CONTROLLED_TRIAL}),
    S.COHORT: frozenset({S.CHART_REVIEW}),
    S.CHART_REVIEW: frozenset({S.COHORT}),
}


def compatible(stated: StudyType, actual: StudyType) -> bool:
    """True when a claim's stated design is consistent with the actual design."""
    if stated is S.STUDY or actual is S.STUDY or stated == actual:
        return True
    return actual in COMPATIBLE.get(stated, frozenset())


def population_compatible(stated: Population | None, actual: Population | None) -> bool:
    """True when a claim's stated population fits the study's actual population."""
    return stated is None or actual is None or stated == actual

"""The publication year a claim states ("a 2016 study", "published in 2019", "(2019)")."""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence

from citecheck.claims import citers
from citecheck.claims.words import Words
from citecheck.model import Span
from citecheck.places import is_place
from citecheck.text import YEAR, lazy_pattern

# A year that is not the start of a range ("2019-2021", "2019 to 2021").
_YEAR = rf"(?P<year>{YEAR})(?![\d\-–—]|\s*[-–—]\s*\d|\s*(?:to|and)\s+{YEAR})"
_STUDY_NOUNS = frozenset(
    """study studies trial trials review reviews meta-analysis meta-analyses analysis
    analyses paper papers report reports survey surveys cohort article articles experiment
    experiments investigation publication rct rcts audit evaluation series guideline
    guidelines statement work research findings data""".split()  # noqa: SIM905
)
_DESIGN_WORDS = frozenset(
    """randomized randomised controlled double-blind single-blind blinded placebo-controlled
    systematic narrative scoping umbrella prospective retrospective longitudinal
    observational cross-sectional cohort case-control clinical pilot open-label follow-up
    population-based national nationwide international large small landmark qualitative
    quantitative animal mouse rat rodent preclinical phase i ii iii iv and of multicenter
    multicentre multi-site multisite meta-analytic network crossover cross-over community
    registry-based retrospective case chart epidemiological experimental laboratory
    in vitro vivo human add-on dose-finding dose-ranging proof-of-concept feasibility
    sham-controlled active-controlled double-blinded triple-blind parallel-group
    two-arm""".split()  # noqa: SIM905
)
_DETERMINED_YEAR = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Oo]ne|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Oo]ur|\w+['’]s)"
    rf"\s+(?:(?:large|small|landmark|recent|seminal|pivotal|later|earlier|[A-Z][\w-]*)\s+)?{_YEAR}\s+"
)
_PUBLISHED_YEAR = re.compile(
    r"\b(?:published|publication|conducted|carried\s+out|reported|released|appeared|performed"
    r"|presented|completed|issued|printed|run|done)\s+(?:online\s+)?(?:in|during)\s+"
    rf"(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?{_YEAR}\b"
)
_IN_YEAR = re.compile(rf"\b[Ii]n\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?{_YEAR}\b")
_PAREN_YEAR = re.compile(rf"\((?:[^()\n]{{0,80}}?,\s*)?{_YEAR}[a-z]?\)")
_NOT_STUDY_IN = lazy_pattern(
    r"\b(?:born|died|founded|established|since|until|till|before|after|from|by|between"
    r"|aged|age|approved|launched|introduced|started|began|beginning|ending|ended)\s+$",
    re.IGNORECASE,
)
# "since appearing in 1990", "first described in 1967": the year something began.
_BEGAN_BEFORE = lazy_pattern(
    r"\b(?:since|until|till|first|initially|originally|discovered|emerged|emerging|appearing"
    r"|invented|coined|introduced|founded|established)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)
# "collected the data in 1991 and again in 2000", "surveyed smokers in 2012": the year the
# data were gathered, which the paper reports later (publication years are stated with
# "published", "reported", "a 2014 study", or a year in brackets).
_GATHERED_BEFORE = lazy_pattern(
    r"\b(?:collected|gathered|recruited|enrolled|sampled|interviewed|surveyed|screened"
    r"|vaccinated|admitted|treated|followed\s+up|again)\b(?:\s+[\w,-]+){0,5}\s+$",
    re.IGNORECASE,
)
# "In an interview in 2005", "at a conference in 2016", "speaking to reporters in 2020":
# the year of an event the authors spoke at, not of their paper.
_EVENT_BEFORE = lazy_pattern(
    r"\b(?:interviews?|lectures?|talks?|speech|keynote|podcast|conference|congress|meeting"
    r"|symposium|webinar|hearing|testimony|reporters|journalists|press)\s+$",
    re.IGNORECASE,
)
# A bare "in 2019" is the study's year only when the claim speaks of a study or its
# authors ("In 2019, researchers found ..."), not of an event ("In 1967, the first heart
# transplant was performed ...").
_STUDY_TALK = lazy_pattern(
    r"\b(?:stud(?:y|ies)|trials?|reviews?|meta-analys[ie]s|analys[ie]s|papers?|reports?"
    r"|surveys?|cohorts?|articles?|experiments?|investigations?|publications?|rcts?"
    r"|researchers|scientists|investigators|authors|team|group|colleagues|et\s+al"
    r"|showed|shown|found|reported|demonstrated|described|published|observed|concluded"
    r"|noted|suggested|proposed|identified|examined|investigated|evaluated|compared"
    r"|estimated|measured|tested|assessed|analy[sz]ed|surveyed|followed|documented"
    r"|confirmed|argued|recommended|presented|indicated|revealed|tracked)\b",
    re.IGNORECASE,
)
# The citing article's own events: "Our cohort was recruited in 2015".
_SELF_CLAUSE = lazy_pattern(
    r"\b(?:we|our|us|this\s+study|the\s+present\s+study|the\s+current\s+study)\b[^,.;:()]*$",
    re.IGNORECASE,
)
# "in England in 2000", "in the United States in 1998": a place just before the year.
_PLACE_BEFORE = lazy_pattern(
    r"\b(?:in|across|throughout)\s+(?:the\s+)?(?P<place>[A-Z][\w.-]*(?:\s+(?:of\s+)?[A-Z][\w.-]*){0,3})"
    r",?\s+$"
)
_WORD = re.compile(r"[\w][\w-]*")
_ANY_YEAR = re.compile(YEAR)


def find_year(
    text: str, markers: Sequence[tuple[int, int]] = (), runs: frozenset[bytes] | None = None
) -> Span | None:
    """The study's year as the prose states it ("a 2016 study", "published in 2019", "(2019)").

    ``markers`` are the claim's marker spans and ``runs`` its letter runs (claims.words),
    when the caller has them. The year of another document that cites the cited work
    ("The 2013 guidelines from NICE cite this study [1]") is not the study's.
    """
    if not ("19" in text or "20" in text or "18" in text) or not _ANY_YEAR.search(text):
        return None  # every pattern below needs a year
    citing = citers.may_cite(Words(text).runs if runs is None else runs)
    found = _named_years(text, markers, citing=citing)
    talks_of_study = None
    for match in _IN_YEAR.finditer(text):
        start = match.start()
        if _NOT_STUDY_IN().search(text, max(0, start - 20), start):
            continue
        if _BEGAN_BEFORE().search(text, max(0, start - 40), start):
            continue
        if _GATHERED_BEFORE().search(text, max(0, start - 60), start):
            continue
        if _EVENT_BEFORE().search(text, max(0, start - 20), start):
            continue
        if _SELF_CLAUSE().search(text, max(0, start - 60), start) or (
            # "In 2019, the WHO cited this study [1]": the year another body cited it
            citing and citers.names_a_citer(text, match.end(), markers)
        ):
            continue
        place = _PLACE_BEFORE().search(text, max(0, start - 60), start)
        if place and is_place(place.group("place")):
            continue  # "reported in England in 2000": where and when it happened
        if talks_of_study is None:
            talks_of_study = bool(_STUDY_TALK().search(text))
        if talks_of_study:
            found.append(_year_span(match))
    plausible = [s for s in found if _plausible_year(int(s.text))]
    return min(plausible, key=lambda s: s.start) if plausible else None


def _named_years(text: str, markers: Sequence[tuple[int, int]], *, citing: bool) -> list[Span]:
    """Years that name a study ("a 2016 study", "published in 2019", "(2019)").

    Unless ``citing`` is False (no verb of citing in the claim), the years of other
    documents that cite the cited work are left out (claims.citers).
    """
    found: list[Span] = []
    for match in _DETERMINED_YEAR.finditer(text):
        noun = _study_noun_end(text, match.end())
        if noun is None:
            continue
        if citing and (
            citers.names_a_citer(text, noun, markers) or citers.in_a_citer(text, match.start())
        ):
            continue  # "The 2013 guidelines from NICE cite this study [1]"
        found.append(_year_span(match))
    found.extend(_year_span(m) for m in _PUBLISHED_YEAR.finditer(text))
    for match in _PAREN_YEAR.finditer(text):
        # "The NICE guidelines (2013) cite this study [1]", "Lee (2019) cited this trial [2]"
        if not (citing and citers.names_a_citer(text, match.end(), markers)):
            found.append(_year_span(match))
    return found


_OWN_DETERMINER = re.compile(r"\b(?:[Oo]ur|[Mm]y)\s+(?:[\w-]+\s+)?$")


def is_own_year(text: str, year: Span) -> bool:
    """True for a year the citing authors give their own work ("Our 2020 protocol")."""
    return bool(_OWN_DETERMINER.search(text, max(0, year.start - 40), year.start))


def _study_noun_end(text: str, position: int) -> int | None:
    """Where the study noun ends that design words lead to from ``position`` ("systematic review")."""
    for match in _WORD.finditer(text, position, min(len(text), position + 80)):
        word = match.group(0)
        lower = word.lower()
        if lower in _STUDY_NOUNS or (lower.endswith("s") and lower[:-1] in _STUDY_NOUNS):
            return match.end()
        if lower in _DESIGN_WORDS or word[:1].isupper():
            continue
        return None
    return None


def _year_span(match: re.Match[str]) -> Span:
    """The span of the ``year`` group."""
    return Span(match.start("year"), match.end("year"), match.group("year"))


def _plausible_year(year: int) -> bool:
    """A publication year: 1900 up to next year."""
    return 1900 <= year <= datetime.date.today().year + 1

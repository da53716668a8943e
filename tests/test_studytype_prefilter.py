"""The title classifier's word prefilters change nothing: it answers as running every rule would."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import studytype
from citecheck.model import Population

# Design and population words of every title rule, their look-alikes, separators, and
# letters a case-blind pattern reads as ASCII ("ſtudy", "İn vitro", "K" as the Kelvin sign).
_WORDS = (  # noqa: SIM905
    "a an the of in for on with to among into about deserve perform does is review reviews "
    "reviewed by reviewers peer book comment commentary comments editorial editorials board "
    "reply letter editor issue year published protocol study trial analysis guideline "
    "guidelines clinical practice consensus position statement meta-analysis metaanalysis "
    "systematic scoping umbrella literature randomized randomised non-randomized quasi- "
    "RCT double-blind blinded open-label single-arm uncontrolled non-controlled controlled "
    "case-control case cases control cohort cohorts longitudinal cross-sectional sectional "
    "investigation prevalence survey national online series report presentation rare where "
    "which chart medical records retrospective qualitative focus group groups semi-structured "
    "interviews grounded theory narrative critical mini- research article correction "
    "retracted erratum expression concern rats rat mice mouse murine guinea pigs swine "
    "influenza primates non-human monkeys animal models model cells cell lines line culture "
    "cultured organoids myotubes iPSCs in-vitro vitro vivo in-vivo fertilization patients "
    "adults children healthy man women smokers macrophages fibroblasts solar disease pain "
    "therapy staff health ſtudy İn MONKEYS : — – - ? . , ( ) 3 2019"
).split() + ["boo\u212a", "mon\u212aeys", "\u0131n-vitro", "\u0130N VIVO"]


def _design_of_every_rule(text: str) -> tuple[studytype.Rule, str] | None:
    """design_of as it was before the prefilters: every rule tried on every segment."""
    if studytype._NOT_A_STUDY().search(text):
        return None
    segments = [p for p in studytype._SEGMENTS.split(text) if p.strip()]
    segments = [p for p in segments if not studytype._QUESTION.match(p)]
    for rule in studytype.TITLE_RULES:
        if rule.context and not rule.context.search(text):
            continue
        if rule.whole_title or rule.study_type in studytype._WHOLE_TITLE:
            match = rule.pattern.search(text)
            if match and (
                rule.study_type is studytype.S.EDITORIAL or not studytype._QUESTION.match(text)
            ):
                return rule, match.group(0).strip(" :—–-")
            continue
        for segment in segments:
            found = studytype._own_match(rule, segment)
            if found:
                return rule, found.group(0).strip(" :—–-")
    return None


def _population_every_pattern(text: str) -> tuple[Population, str] | None:
    """population_in as it was before the prefilters: every pattern searched."""
    animal = next(
        (
            m
            for m in studytype.ANIMAL_WORDS().finditer(text)
            if not studytype._inside(m, studytype._ANIMAL_CELLS(), text)
        ),
        None,
    )
    in_vitro = studytype.IN_VITRO_WORDS().search(text)
    human = studytype.HUMAN_WORDS.search(text)
    in_vivo = studytype.IN_VIVO().search(text)
    studied_animals = studytype.STUDIED_ANIMALS().search(text)
    if animal and human and (studytype.STUDIED_HUMANS().search(text) or not studied_animals):
        return None
    if animal and in_vitro and not in_vivo and not studied_animals:
        return Population.IN_VITRO, in_vitro.group(0).strip()
    if animal or (in_vitro and in_vivo and not human):
        return Population.ANIMAL, animal.group(0) if animal else "in vivo"
    if in_vitro and not human:
        return Population.IN_VITRO, in_vitro.group(0).strip()
    if human:
        return Population.HUMAN, human.group(0)
    cells = studytype._ANIMAL_CELLS().search(text)
    return (Population.IN_VITRO, cells.group(0)) if cells else None


_TITLES = st.lists(st.sampled_from(_WORDS), max_size=14).map(" ".join)


@settings(max_examples=400, deadline=None)
@given(_TITLES)
def test_title_prefilter_changes_nothing(title: str) -> None:
    assert studytype.design_of(title) == _design_of_every_rule(title)
    assert studytype.population_in(title) == _population_every_pattern(title)


@settings(max_examples=200, deadline=None)
@given(_TITLES)
def test_every_match_holds_a_stem_of_its_rule(title: str) -> None:
    folded = studytype._folded(title)
    for rule in studytype.TITLE_RULES:
        for match in rule.pattern.finditer(title):
            assert any(stem in folded[match.start() : match.end()] for stem in rule.stems)
    words = {w.encode() for w in re.findall(r"\w+", folded)}
    if studytype.ANIMAL_WORDS().search(title):
        assert words & studytype._ANIMAL_TOKENS
    if studytype.HUMAN_WORDS.search(title):
        assert words & studytype._HUMAN_TOKENS
    if studytype.IN_VITRO_WORDS().search(title):
        assert any(stem in folded for stem in studytype._IN_VITRO_STEMS)


def test_stems_are_lower_case_and_every_title_rule_has_some() -> None:
    for rule in studytype.TITLE_RULES:
        assert rule.stems
        assert all(stem == stem.lower() for stem in rule.stems)


def test_words_hold_every_ascii_word_run() -> None:
    text = "in-vivo RATS, (mice); non-human_primates 3rd ratsé mouse–rat αrat"
    folded = studytype._folded(text)
    ascii_runs = {w.encode() for w in re.findall(r"\w+", folded) if w.isascii()}
    assert ascii_runs <= studytype._words(folded)
    assert b"rat" in studytype._words(folded)  # "mouse–rat": the en dash ends a run
    plain = folded.replace("é", "e").replace("–", "-").replace("α", " ")
    assert studytype._words(plain) == {w.encode() for w in re.findall(r"\w+", plain)}


def _abstract_every_rule(abstract: str) -> object:
    """classify_abstract as it was before the prefilters: every pattern searched."""
    text = studytype._clean(abstract)
    animal = studytype._ANIMAL_METHODS().search(text)
    for rule in studytype.ABSTRACT_RULES[:4]:
        match = rule.pattern.search(text)
        if match:
            return studytype.Classification(rule.study_type, rule.confidence, (match.group(0),))
    if animal:
        return studytype.Classification(
            studytype.S.ANIMAL, 0.75, (animal.group(0),), Population.ANIMAL
        )
    cells = studytype._CELL_METHODS().search(text)
    if cells:
        return studytype.Classification(
            studytype.S.IN_VITRO, 0.7, (cells.group(0),), Population.IN_VITRO
        )
    for rule in studytype.ABSTRACT_RULES[4:]:
        match = rule.pattern.search(text)
        if match:
            return studytype.Classification(rule.study_type, rule.confidence, (match.group(0),))
    return None


_ABSTRACT_WORDS = (  # noqa: SIM905
    "we this a the present in an were was performed conducted searched systematically "
    "pubmed medline embase cochrane web of science randomized randomised randomly assigned "
    "allocated trial report present describe case cohort study cross-sectional survey "
    "semi-structured semistructured interviews thematic analysis meta-analysis metaanalyses "
    "systematic review rats mice animals male female adult Sprague-Dawley Wistar C57BL/6 "
    "cells treated cultured <p> </p> &amp; . , ſearched İn"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_ABSTRACT_WORDS), max_size=20).map(" ".join))
def test_abstract_prefilter_changes_nothing(abstract: str) -> None:
    assert studytype.classify_abstract(abstract) == _abstract_every_rule(abstract)

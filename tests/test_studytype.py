"""Study designs from titles, claim phrases and Crossref records; compatibility tables."""

from __future__ import annotations

import pytest

from citecheck.model import Population, StudyType, Work
from citecheck.studytype import (
    classify_phrase,
    classify_title,
    classify_work,
    compatible,
    find_phrase,
    population_compatible,
    population_of,
)

S = StudyType
P = Population

TITLES = [
    (
        "A double-blind, randomized, placebo-controlled, dose-frequency study of intravenous "
        "ketamine in patients with treatment-resistant depression",
        S.RANDOMIZED_CONTROLLED_TRIAL,
        P.HUMAN,
    ),
    (
        "Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress "
        "disorder: a randomized clinical trial",
        S.RANDOMIZED_CONTROLLED_TRIAL,
        None,
    ),
    ("Ketamine accelerates fear extinction via mTORC1 signaling", S.STUDY, None),
    (
        "Acute and longer-term outcomes using ketamine as a clinical treatment at the Yale "
        "Psychiatric Hospital",
        S.STUDY,
        None,
    ),
    ("Ketamine for depression: a systematic review and meta-analysis", S.META_ANALYSIS, None),
    ("Prognostic value of CD117 in cancer: a meta-analysis", S.META_ANALYSIS, None),
    ("A systematic review of exercise for low back pain", S.SYSTEMATIC_REVIEW, None),
    ("Knee surgery: a systematic review of overlapping meta-analyses", S.SYSTEMATIC_REVIEW, None),
    ("Sleep and memory: a narrative review", S.NARRATIVE_REVIEW, None),
    ("Statins after stroke: a population-based cohort study", S.COHORT, None),
    ("Screen time in adolescents: a cross-sectional study", S.CROSS_SECTIONAL, P.HUMAN),
    ("Burnout among nurses: a national survey", S.CROSS_SECTIONAL, P.HUMAN),
    ("A case-control study of smoking and bladder cancer", S.CASE_CONTROL, None),
    ("A case of late-onset lupus in a young man", S.CASE_REPORT, None),
    ("Rare rash after vaccination: case report and review of the literature", S.CASE_REPORT, None),
    ("Outcomes of hip fracture surgery: a retrospective single-centre study", S.CHART_REVIEW, None),
    ("Living with tinnitus: a qualitative study", S.QUALITATIVE, None),
    ("Leucine promotes glucose uptake in skeletal muscles of rats", S.ANIMAL, P.ANIMAL),
    ("Sleep loss impairs memory in a mouse model of ageing", S.ANIMAL, P.ANIMAL),
    ("Drug X kills tumour cells in vitro and in vivo", S.ANIMAL, P.ANIMAL),
    ("Metformin slows growth of a human breast cancer cell line", S.IN_VITRO, P.IN_VITRO),
    ("Stress responses in RAW 264.7 mouse macrophages", S.IN_VITRO, P.IN_VITRO),
    ("Suggested guidelines for the practice of arthroscopic surgery", S.GUIDELINE, None),
    ("Yoga for anxiety: study protocol for a randomised controlled trial", S.PROTOCOL, None),
    ("Invited Commentary", S.EDITORIAL, None),
    ("Surgery for sciatica—Reply", S.EDITORIAL, None),
    ("Book Reviews", S.EDITORIAL, None),
    # Titles that mention a design without being one.
    ("Does every question deserve a randomized controlled trial?", S.STUDY, None),
    ("Clinical practice guidelines and the need for systematic reviews", S.STUDY, None),
    (
        "A data similarity-based strategy for meta-analysis of transcriptional profiles",
        S.STUDY,
        None,
    ),
    ("Random-effects model for meta-analysis of clinical trials: an update", S.STUDY, None),
    ("Editorial Board", S.STUDY, None),
    ('Review for "A new inverter topology"', S.STUDY, None),
    (
        "Drug-induced thrombocytopenia after oocyte retrieval for in vitro fertilization",
        S.STUDY,
        None,
    ),
    ("Energy performance of healthcare buildings: a case study", S.STUDY, None),
    ("Oral contraceptives after myomectomy: a short term trial", S.STUDY, None),
    ("Randomized reduction", S.STUDY, None),
    ("Analyzing survey data", S.STUDY, None),
    ("COOP/WONCA charts as a screen for mental disorders in primary care", S.STUDY, None),
    ("A survey of accelerator architectures for deep neural networks", S.STUDY, None),
    ("Surface texturing to improve efficiency in silicon solar cells", S.STUDY, None),
    ("Swine influenza vaccine and Guillain-Barre syndrome: epidemic or artifact?", S.STUDY, None),
    ("Particle tracking on an Intel iPSC/860", S.STUDY, None),
    ("Burnout in nurses: a survey of 300 hospital staff", S.CROSS_SECTIONAL, P.HUMAN),
    ("Knee pain in a runner: a case study", S.CASE_REPORT, None),
]


@pytest.mark.parametrize(("title", "study_type", "population"), TITLES)
def test_classify_title(title: str, study_type: StudyType, population: Population | None) -> None:
    found = classify_title(title)
    assert found.study_type == study_type
    assert found.population == population
    assert 0.0 <= found.confidence <= 1.0
    assert bool(found.cues) == (study_type is not S.STUDY)


PHRASES = [
    ("a 2019 systematic review and meta-analysis found", S.META_ANALYSIS),
    ("a meta-analysis", S.META_ANALYSIS),
    ("a systematic review", S.SYSTEMATIC_REVIEW),
    ("a randomized controlled trial", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("a randomised, double-blind trial", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("an RCT", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("a double-blind trial", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("a placebo-controlled trial", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("an open-label trial", S.NON_RANDOMIZED_TRIAL),
    ("a clinical trial", S.TRIAL),
    ("a small trial", S.TRIAL),
    ("a review", S.REVIEW),
    ("a literature review", S.REVIEW),
    ("a narrative review", S.NARRATIVE_REVIEW),
    ("a cohort study", S.COHORT),
    ("a large prospective study", S.COHORT),
    ("a case-control study", S.CASE_CONTROL),
    ("a case report", S.CASE_REPORT),
    ("a survey of clinicians", S.CROSS_SECTIONAL),
    ("a retrospective chart review", S.CHART_REVIEW),
    ("a qualitative study", S.QUALITATIVE),
    ("an animal study", S.ANIMAL),
    ("a study in rats", S.ANIMAL),
    ("a randomised study in mice", S.ANIMAL),
    ("an in vitro study", S.IN_VITRO),
    ("current guidelines", S.GUIDELINE),
    ("a study", S.STUDY),
    ("these studies show", S.STUDY),
]


@pytest.mark.parametrize(("text", "study_type"), PHRASES)
def test_classify_phrase(text: str, study_type: StudyType) -> None:
    found = classify_phrase(text)
    assert found is not None
    assert found.study_type == study_type


@pytest.mark.parametrize(
    "text",
    [
        "published in JAMA Psychiatry in 2014",
        "ketamine works fast",
        "peer review",
        "research shows",
        "",
    ],
)
def test_classify_phrase_none(text: str) -> None:
    assert classify_phrase(text) is None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "A 2019 systematic review and meta-analysis showed",
            "systematic review and meta-analysis",
        ),
        ("In a study in rats, ketamine helped", "study in rats"),
        ("as one randomized controlled trial showed", "randomized controlled trial"),
    ],
)
def test_find_phrase_span(text: str, span: str) -> None:
    found = find_phrase(text)
    assert found is not None
    _, start, end = found
    assert text[start:end] == span


@pytest.mark.parametrize(
    ("text", "population", "words"),
    [
        ("a trial in veterans with PTSD", P.HUMAN, "veterans"),
        ("a study of 40 patients", P.HUMAN, "patients"),
        ("healthy adults took part", P.HUMAN, "adults"),
        ("work in rats", P.ANIMAL, "rats"),
        ("a murine model", P.ANIMAL, "murine"),
        ("zebrafish larvae", P.ANIMAL, "zebrafish"),
        ("an animal model of depression", P.ANIMAL, "animal"),
        ("tested in vitro", P.IN_VITRO, "in vitro"),
        ("a human cell line", P.IN_VITRO, "cell line"),
        ("cells taken from patients", P.IN_VITRO, "cells"),
    ],
)
def test_population_of(text: str, population: Population, words: str) -> None:
    found = population_of(text)
    assert found is not None
    assert found[0] == population
    assert text[found[1] : found[2]] == words


def test_population_of_none() -> None:
    assert population_of("a 2019 meta-analysis") is None


WORKS = [
    (
        Work(
            doi="10.1/a",
            type="journal-article",
            title="Ketamine accelerates fear extinction via mTORC1 signaling",
        ),
        S.STUDY,
    ),
    (
        Work(
            doi="10.1/b",
            type="journal-article",
            title="Ketamine accelerates fear extinction via mTORC1 signaling",
            abstract="<jats:p>Male Sprague-Dawley rats were trained to fear a tone.</jats:p>",
        ),
        S.ANIMAL,
    ),
    (
        Work(
            doi="10.1/c",
            type="journal-article",
            title="Efficacy of intravenous ketamine for treatment of chronic PTSD",
            subtitle="A randomized clinical trial",
        ),
        S.RANDOMIZED_CONTROLLED_TRIAL,
    ),
    (
        Work(
            doi="10.1/d",
            type="journal-article",
            title="Exercise and mood",
            abstract="We searched PubMed, Embase and PsycINFO databases. A meta-analysis was performed.",
        ),
        S.META_ANALYSIS,
    ),
    (
        Work(
            doi="10.1/e",
            type="journal-article",
            title="Drug X for migraine",
            abstract="<jats:p>Adults were randomly assigned to drug X or placebo.</jats:p>",
        ),
        S.RANDOMIZED_CONTROLLED_TRIAL,
    ),
    (Work(doi="10.1/f", type="peer-review", title='Review for "A cohort study"'), S.EDITORIAL),
    (
        Work(doi="10.1/g", type="posted-content", title="Sleep in shift workers: a cohort study"),
        S.COHORT,
    ),
    (Work(doi="10.1/h"), S.STUDY),
]


@pytest.mark.parametrize(("work", "study_type"), WORKS)
def test_classify_work(work: Work, study_type: StudyType) -> None:
    assert classify_work(work).study_type == study_type


def test_classify_work_population_from_abstract() -> None:
    work = WORKS[1][0]
    assert classify_work(work).population == P.ANIMAL


COMPATIBLE = [
    (S.STUDY, S.ANIMAL, True),
    (S.META_ANALYSIS, S.STUDY, True),
    (S.TRIAL, S.RANDOMIZED_CONTROLLED_TRIAL, True),
    (S.TRIAL, S.NON_RANDOMIZED_TRIAL, True),
    (S.TRIAL, S.COHORT, False),
    (S.REVIEW, S.SYSTEMATIC_REVIEW, True),
    (S.REVIEW, S.NARRATIVE_REVIEW, True),
    (S.REVIEW, S.META_ANALYSIS, True),
    (S.REVIEW, S.RANDOMIZED_CONTROLLED_TRIAL, False),
    (S.META_ANALYSIS, S.RANDOMIZED_CONTROLLED_TRIAL, False),
    (S.META_ANALYSIS, S.SYSTEMATIC_REVIEW, True),
    (S.SYSTEMATIC_REVIEW, S.META_ANALYSIS, True),
    (S.SYSTEMATIC_REVIEW, S.NARRATIVE_REVIEW, False),
    (S.RANDOMIZED_CONTROLLED_TRIAL, S.NON_RANDOMIZED_TRIAL, False),
    (S.NON_RANDOMIZED_TRIAL, S.RANDOMIZED_CONTROLLED_TRIAL, True),
    (S.RANDOMIZED_CONTROLLED_TRIAL, S.ANIMAL, False),
    (S.RANDOMIZED_CONTROLLED_TRIAL, S.CHART_REVIEW, False),
    (S.RANDOMIZED_CONTROLLED_TRIAL, S.PROTOCOL, False),
    (S.COHORT, S.CHART_REVIEW, True),
    (S.COHORT, S.CROSS_SECTIONAL, False),
    (S.ANIMAL, S.IN_VITRO, False),
    (S.CASE_REPORT, S.CASE_REPORT, True),
]


@pytest.mark.parametrize(("stated", "actual", "expected"), COMPATIBLE)
def test_compatible(stated: StudyType, actual: StudyType, expected: bool) -> None:
    assert compatible(stated, actual) is expected


@pytest.mark.parametrize(
    ("stated", "actual", "expected"),
    [
        (P.HUMAN, P.ANIMAL, False),
        (P.HUMAN, P.IN_VITRO, False),
        (P.ANIMAL, P.IN_VITRO, False),
        (P.HUMAN, P.HUMAN, True),
        (None, P.ANIMAL, True),
        (P.HUMAN, None, True),
    ],
)
def test_population_compatible(
    stated: Population | None, actual: Population | None, expected: bool
) -> None:
    assert population_compatible(stated, actual) is expected

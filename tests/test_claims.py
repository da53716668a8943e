"""Claims: table of cited sentence -> stated year, journal, design, population, authors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.citations import find_citations
from citecheck.claims import extract_claims, find_journal, find_year, split_sentences
from citecheck.model import (
    Author,
    Citation,
    Claim,
    Document,
    Population,
    Reference,
    ReferenceFields,
    ReferenceList,
    StudyType,
)

H, A, V = Population.HUMAN, Population.ANIMAL, Population.IN_VITRO
S = StudyType


def _document(text: str) -> Document:
    return Document("article.txt", text, tuple(range(1, text.count("\n") + 2)))


def _claims(text: str, count: int = 9) -> tuple[Claim, ...]:
    document = _document(text)
    references = tuple(Reference(str(i), 100, f"Entry {i}.") for i in range(1, count + 1))
    citations = find_citations(document, ReferenceList(references, len(text), len(text)))
    return extract_claims(document, citations)


def _only(text: str) -> Claim:
    (claim,) = _claims(text)
    return claim


# Every sentence below is our own; each row: sentence -> the fields it states.
# Fields left out of a row must be empty (None / ()).
CLAIM_CASES: list[tuple[str, dict[str, Any]]] = [
    # --- years the prose gives the study
    (
        "A 2016 study of adults found less pain [1].",
        {"year": 2016, "study_type": S.STUDY, "population": H},
    ),
    (
        "In 2019, a trial tested the drug in veterans [1].",
        {"year": 2019, "study_type": S.TRIAL, "population": H},
    ),
    (
        "A 2020 trial in patients with asthma showed benefit [1].",
        {"year": 2020, "study_type": S.TRIAL, "population": H},
    ),
    ("The work was published in 2018 and reported fewer relapses [1].", {"year": 2018}),
    ("This was first reported (2017) in a short note [1].", {"year": 2017}),
    (
        "Their 2015 randomized controlled trial enrolled children [1].",
        {"year": 2015, "population": H, "study_type": S.RANDOMIZED_CONTROLLED_TRIAL},
    ),
    (
        "A 2021 Danish cohort study followed pregnant women [1].",
        {"year": 2021, "study_type": S.COHORT, "population": H},
    ),
    ("Research published in early 2014 pointed the same way [1].", {"year": 2014}),
    # --- years that are not the study's
    ("Since 2010, prescriptions have doubled [1].", {}),
    ("Rates rose between 2000 and 2010 in every region [1].", {}),
    ("The 2020 pandemic disrupted routine care [1].", {}),
    ("Demand may triple by 2030 according to forecasts [1].", {}),
    ("COVID-19 changed how clinics worked [1].", {}),
    ("The drug has been used for over 50 years [1].", {}),
    ("The median age was 67 and the oldest reader was 91 [1].", {}),
    ("A sample of 2000 people answered the survey [1].", {"population": H}),
    ("Records from 1998 to 2004 were reviewed by hand [1].", {}),
    ("A 1850 study is too old to be a real publication year here [1].", {"study_type": S.STUDY}),
    # --- journals
    (
        "A 2016 study published in the Journal of Sleep Research found shorter naps helped [1].",
        {"year": 2016, "journal": "Journal of Sleep Research", "study_type": S.STUDY},
    ),
    ("Findings in JAMA Pediatrics showed fewer admissions [1].", {"journal": "JAMA Pediatrics"}),
    ("A Lancet study reported lower mortality [1].", {"journal": "Lancet", "study_type": S.STUDY}),
    ("An NEJM trial compared two doses [1].", {"journal": "NEJM", "study_type": S.TRIAL}),
    ("The result appeared in *Nature* last spring [1].", {"journal": "Nature"}),
    ("The result appeared in _Cell Reports_ last spring [1].", {"journal": "Cell Reports"}),
    (
        "A review in <i>Annals of Internal Medicine</i> agreed [1].",
        {"journal": "Annals of Internal Medicine", "study_type": S.REVIEW},
    ),
    ("A paper in “The BMJ” questioned the dose [1].", {"journal": "The BMJ"}),
    ("It was published in the journal Brain and found thinning [1].", {"journal": "Brain"}),
    (
        "It appeared in the Archives of Disease in Childhood, showing fewer infections in infants [1].",
        {"journal": "Archives of Disease in Childhood", "population": H},
    ),
    (
        "A 2019 paper in the Proceedings of the National Academy of Sciences that mapped receptors [1].",
        {"year": 2019, "journal": "Proceedings of the National Academy of Sciences"},
    ),
    ("Patients at the Yale Psychiatric Hospital improved quickly [1].", {"population": H}),
    ("Staff in the University of Leeds clinic were trained first [1].", {}),
    (
        "Work published in J. Affect. Disord. found similar effects [1].",
        {"journal": "J. Affect. Disord."},
    ),
    # --- designs and populations
    (
        "A 2019 systematic review and meta-analysis pooled thirty trials [1].",
        {
            "year": 2019,
            "study_type": S.META_ANALYSIS,
            "study_type_phrase": "systematic review and meta-analysis",
        },
    ),
    (
        "A systematic review of older adults found mixed results [1].",
        {"study_type": S.SYSTEMATIC_REVIEW, "population": H},
    ),
    (
        "A cohort study of veterans linked sleep to mood [1].",
        {"study_type": S.COHORT, "population": H},
    ),
    ("Experiments in rats showed faster healing [1].", {"population": A}),
    ("Treated mice lived longer in one study [1].", {"population": A, "study_type": S.STUDY}),
    ("Cultured cells responded within hours in vitro [1].", {"population": V}),
    ("Our study confirms what others found [1].", {}),
    ("In this study we used the scale of Hale [1].", {}),
    ("The present meta-analysis pooled ORs as before [1].", {}),
    ("In order to study sleep, diaries were kept [1].", {}),
    (
        "Compared to a 2019 trial in nurses, results were weaker [1].",
        {"year": 2019, "study_type": S.TRIAL, "population": H},
    ),
    ("This trial randomized no one [1].", {"study_type": S.TRIAL}),
    # --- authors
    (
        "Wilkinson et al. reported a fast response in a 2016 study [1].",
        {"authors": ("Wilkinson",), "year": 2016, "study_type": S.STUDY},
    ),
    (
        "Okafor and colleagues found the same in children [1].",
        {"authors": ("Okafor",), "population": H},
    ),
    ("Nguyen's group repeated the test [1].", {"authors": ("Nguyen",)}),
    (
        "As Adeyemi and Park (2018) showed, the gain was small [1].",
        {"authors": ("Adeyemi", "Park"), "year": 2018},
    ),
    ("Garcia (2017) found a weak link [1].", {"authors": ("Garcia",), "year": 2017}),
    ("van der Linden et al. later disagreed [1].", {"authors": ("van der Linden",)}),
    # --- nothing checkable
    ("Research has shown that talking helps [1].", {}),
    ("Evidence on this question keeps growing [1].", {}),
    ("Several groups have looked into it [1].", {}),
]

FIELDS = ("year", "journal", "study_type", "study_type_phrase", "population", "authors")


@pytest.mark.parametrize(("sentence", "expected"), CLAIM_CASES)
def test_claim_fields(sentence: str, expected: dict[str, Any]) -> None:
    claim = _only(sentence)
    empty: dict[str, Any] = {"authors": ()}
    got = {f: getattr(claim, f) for f in FIELDS}
    want = {f: expected.get(f, empty.get(f)) for f in FIELDS}
    if "study_type_phrase" not in expected:
        got.pop("study_type_phrase")
        want.pop("study_type_phrase")
    assert got == want
    assert claim.references == ("1",)


@pytest.mark.parametrize(("sentence", "_"), [c for c in CLAIM_CASES if c[1]])
def test_spans_point_at_the_stated_words(sentence: str, _: dict[str, Any]) -> None:
    claim = _only(sentence)
    for span in claim.spans.values():
        assert claim.text[span.start : span.end] == span.text
    if claim.year is not None:
        assert claim.spans["year"].text == str(claim.year)
    if claim.journal is not None:
        assert claim.spans["journal"].text == claim.journal


def test_one_claim_per_sentence_with_all_its_labels() -> None:
    (claim,) = _claims("Two trials found the same [1, 2], [3].")
    assert claim.references == ("1", "2", "3")


def test_markers_at_different_places_split_the_sentence() -> None:
    first, second = _claims("A 2019 trial [1] and a 2020 cohort study [2] both found benefit.")
    assert (first.references, first.year, first.study_type) == (("1",), 2019, S.TRIAL)
    assert (second.references, second.year, second.study_type) == (("2",), 2020, S.COHORT)
    assert second.text.endswith("both found benefit.")


def test_author_led_markers_open_their_part() -> None:
    first, second = _claims(
        "Smith et al. [1] found a small effect, while Jones et al. [2] found none."
    )
    assert first.authors == ("Smith",) and first.references == ("1",)
    assert second.authors == ("Jones",) and second.references == ("2",)


def test_marker_after_the_full_stop_belongs_to_the_sentence() -> None:
    first, second = _claims("A 2018 trial helped. [1] A 2012 review did not.[2] Nothing else.")
    assert (first.year, first.references) == (2018, ("1",))
    assert (second.year, second.references) == (2012, ("2",))


def test_list_items_are_claims_without_their_bullets() -> None:
    text = "Evidence:\n\n  • A 2016 study found X [1]\n  - A 2017 trial found Y [2]\n  3. A 2018 review found Z [3]\n"
    claims = _claims(text)
    assert [(c.text[:6], c.year, c.line) for c in claims] == [
        ("A 2016", 2016, 3),
        ("A 2017", 2017, 4),
        ("A 2018", 2018, 5),
    ]


def test_claim_line_is_the_marker_line() -> None:
    text = "A 2016 study of adults\nfound that it worked\nquite well [1]."
    (claim,) = _claims(text)
    assert claim.line == 3
    assert "\n" not in claim.text


def test_headings_are_not_part_of_the_sentence() -> None:
    (claim,) = _claims("# Results\nA 2015 trial helped [1].")
    assert claim.text == "A 2015 trial helped [1]."
    (claim,) = _claims("Background\nA 2015 trial helped [1].")
    assert claim.text == "A 2015 trial helped [1]."


@pytest.mark.parametrize(
    ("text", "count"),
    [
        ("Smith et al. found it. Then it failed.", 2),
        ("See e.g. the first trial. It failed.", 2),
        ("Dr. Lee ran it. Mr. Park did not.", 2),
        ("Doses of 2.5 mg vs. 5 mg were compared. Both worked.", 2),
        ("It was in J. Affect. Disord. 2019;12:1-9. It was short.", 2),
        ("Is it true? Yes! It is.", 3),
        ("The U.S. data agreed. So did others.", 2),
        ("One sentence only", 1),
    ],
)
def test_sentence_splitter(text: str, count: int) -> None:
    assert len(split_sentences(text, 0, len(text))) == count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a 2019 network meta-analysis", "2019"),
        ("the 2019 election", None),
        ("in 2019-2020 the rates", None),
        ("Lee (2013a) found it", "2013"),
        # design words of trials: add-on, dose-finding, proof-of-concept
        ("a 2010 add-on trial in bipolar depression", "2010"),
        ("a 2016 dose-finding trial", "2016"),
        ("a 2012 proof-of-concept study", "2012"),
        ("a 2010 add-on to usual care", None),
        # the year the data were gathered, not the year of the paper
        ("the investigators collected the data in Italy in 1991 and again in 2000", None),
        ("Shahab and colleagues surveyed smokers in 2012", None),
        ("the team recruited 400 children in 2015 and followed them for a year", None),
        ("the results were reported in 2016 and again in 2018", "2016"),
        ("researchers reported in 2019 that smoking fell", "2019"),
        # the year of an event the authors spoke at, not of their paper
        ("In an interview in 2005, Schaffer described the open design", None),
        ("at a conference in 2016 the authors presented early results", None),
        ("speaking to reporters in 2020, the team described the findings", None),
    ],
)
def test_find_year(text: str, expected: str | None) -> None:
    span = find_year(text)
    assert (span.text if span else None) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("in the New England Journal of Medicine and later", "New England Journal of Medicine"),
        ("in the Journal of Affective Disorders, which", "Journal of Affective Disorders"),
        ("in the Journal of Affective Disorders found", "Journal of Affective Disorders"),
        ("published in PLOS ONE showed", "PLOS ONE"),
        ("in Science", "Science"),
        ("published in December", None),
        ("published in English", None),
        ("in the University of Oslo", None),
        ("in a review", None),
        # "The" written with a capital, as journals style their own names
        ("a 2015 meta-analysis in The Lancet found", "Lancet"),
        ("published in The Journal of Clinical Psychiatry, was", "Journal of Clinical Psychiatry"),
        ("a trial in The BMJ showed", "BMJ"),
        ("rates fell in The Netherlands", None),
        ("as reported by The Guardian", None),
    ],
)
def test_find_journal(text: str, expected: str | None) -> None:
    span = find_journal(text)
    assert (span.text if span else None) == expected


_NOISE = st.lists(
    st.sampled_from(
        [*'ab AB.,;()[]12345¹²⁻•-\n"*_', "et al.", " 2019 ", "Smith", " study ", "Journal of "]
    ),
    max_size=80,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(_NOISE)
def test_any_text_gives_well_formed_claims(text: str) -> None:
    for claim in _claims(text, count=5):
        assert "\n" not in claim.text
        for span in claim.spans.values():
            assert claim.text[span.start : span.end] == span.text


def test_no_citations_no_claims() -> None:
    assert extract_claims(_document("Nothing cited here."), ()) == ()


SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "ketamine-kap-blog.txt"


@pytest.mark.skipif(not SAMPLE.exists(), reason="shared sample not present")
def test_ketamine_sample_bullets() -> None:
    text = SAMPLE.read_text(encoding="utf-8")
    document = _document(text)
    start = text.index("[1] Wilkinson")
    references = tuple(Reference(str(i), 1, f"Entry {i}.") for i in range(1, 6))
    citations = find_citations(document, ReferenceList(references, start, len(text)))
    assert [(c.marker, c.references) for c in citations] == [
        (f"[{i}]", (str(i),)) for i in range(1, 6)
    ]
    claims = extract_claims(document, citations)
    got = [(c.references, c.year, c.journal, c.study_type, c.population) for c in claims]
    assert got == [
        (("1",), 2016, "Journal of Affective Disorders", S.STUDY, H),
        (("2",), 2019, "Journal of Affective Disorders", S.META_ANALYSIS, H),
        (("3",), 2019, "JAMA Psychiatry", S.STUDY, H),
        (("4",), 2020, "Journal of Psychopharmacology", S.STUDY, H),
        (("5",), 2021, "Journal of Psychiatric Research", S.STUDY, H),
    ]
    assert claims[1].study_type_phrase == "systematic review and meta-analysis"
    assert all(c.text.startswith("A 20") and c.text.endswith("]") for c in claims)


def test_author_date_article_claims() -> None:
    text = (
        "Short naps lifted mood in night-shift nurses (Okafor & Lindqvist, 2019). "
        "A randomized trial in 2021 found the same in students (Tanaka et al., 2021a), "
        "although Tanaka et al. (2021b) saw no change in older adults. "
        "Brennan (2017) called the evidence weak (see also Müller, 2015, p. 12)."
    )
    people = [("Brennan", 2017, ""), ("Müller", 2015, ""), ("Okafor", 2019, "")]
    people += [("Tanaka", 2021, "a"), ("Tanaka", 2021, "b")]
    references = tuple(
        Reference(
            str(i),
            10 + i,
            f"{family}, X. ({year}{suffix}). A title. Some Journal, 1, 1-9.",
            fields=ReferenceFields(authors=(Author(family, "X."),), year=year),
        )
        for i, (family, year, suffix) in enumerate(people, start=1)
    )
    document = _document(text)
    citations = find_citations(document, ReferenceList(references, len(text), len(text)))
    claims = extract_claims(document, citations)
    got = [(c.references, c.year, c.study_type, c.authors) for c in claims]
    assert got == [
        (("3",), None, None, ()),
        (("4",), 2021, S.RANDOMIZED_CONTROLLED_TRIAL, ()),
        (("5",), 2021, None, ("Tanaka",)),
        (("1",), 2017, None, ("Brennan",)),
        (("2",), None, None, ()),
    ]


def test_superscript_markers_after_the_full_stop() -> None:
    text = (
        "Mood lifted in a 2017 trial of adults.<sup>1,2</sup> A 2018 review in rats "
        "disagreed.³ Then a cohort study¹⁻³ was run."
    )
    claims = _claims(text, count=5)
    got = [(c.references, c.year, c.study_type, c.population) for c in claims]
    assert got == [
        (("1", "2"), 2017, S.TRIAL, H),
        (("3",), 2018, S.REVIEW, A),
        (("1", "2", "3"), None, S.COHORT, None),
    ]
    assert claims[0].text.endswith("</sup>")


def test_a_journal_name_wrapped_over_two_lines_reads_as_one_name() -> None:
    text = "- A 2019 review in the Journal of Affective\n  Disorders found little [1].\n"
    document = Document("x.md", text, (1, 2, 3))
    citation = Citation(2, "[1]", text.index("[1]"), text.index("[1]") + 3, ("1",), ("1",))
    (claim,) = extract_claims(document, (citation,))
    assert claim.journal == "Journal of Affective Disorders"

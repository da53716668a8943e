"""Candidate validation and the matched / ambiguous / not_found decision."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from citecheck.model import Author, ReferenceFields, Status, Work
from citecheck.resolve.matching import (
    MATCH_THRESHOLD,
    author_similarity,
    decide,
    first_page,
    journal_similarity,
    normalise_text,
    page_similarity,
    same_family,
    title_in_text,
    title_similarity,
    validate,
    volume_similarity,
    year_similarity,
)
from citecheck.resolve.works import works_from_list

ENVELOPES = Path(__file__).parent / "fixtures" / "crossref" / "envelopes"

CERMINE = Work(
    doi="10.1007/s10032-015-0249-8",
    type="journal-article",
    title="CERMINE: automatic extraction of structured metadata from scientific literature",
    authors=(Author("Tkaczyk", "Dominika"), Author("Szostek", "Paweł")),
    journal="International Journal on Document Analysis and Recognition (IJDAR)",
    short_journals=("IJDAR",),
    year=2015,
    year_online=2015,
    volume="18",
    issue="4",
    pages="317-335",
)
FEDER = Work(
    doi="10.1001/jamapsychiatry.2014.62",
    title="Efficacy of Intravenous Ketamine for Treatment of Chronic Posttraumatic Stress Disorder",
    subtitle="A Randomized Clinical Trial",
    authors=(Author("Feder", "Adriana"),),
    journal="JAMA Psychiatry",
    year=2014,
    year_print=2014,
    year_online=2014,
    volume="71",
    pages="681",
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Ketamine’s <i>Antidepressant</i> Efficacy!", "ketamine s antidepressant efficacy"),
        ("Über   Café-Studien", "uber cafe studien"),
    ],
)
def test_normalise_text(text: str, expected: str) -> None:
    assert normalise_text(text) == expected


@pytest.mark.parametrize(
    ("stated", "at_least", "below"),
    [
        # The entry prints title and subtitle; Crossref keeps the subtitle apart.
        (
            "Efficacy of intravenous ketamine for treatment of chronic posttraumatic "
            "stress disorder: a randomized clinical trial",
            0.99,
            1.01,
        ),
        ("Efficacy of intravenous ketamine for treatment of chronic PTSD", 0.7, 0.95),
        ("A completely different paper about fish", 0.0, 0.5),
    ],
)
def test_title_similarity(stated: str, at_least: float, below: float) -> None:
    similarity = title_similarity(stated, FEDER)
    assert similarity is not None and at_least <= similarity < below


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("Müller", "Muller", True),
        ("van der Berg", "Berg", True),
        ("De Boer", "de Boer", True),
        ("Vande Voort", "Vande Voort", True),
        ("Zarate Jr", "Zarate", True),
        ("WeiYH", "Wei", True),
        ("Tkaczykk", "Tkaczyk", True),
        ("Szostek", "Tkaczyk", False),
        ("Li", "Lu", False),
    ],
)
def test_same_family(a: str, b: str, same: bool) -> None:
    assert same_family(a, b) is same


@pytest.mark.parametrize(
    ("authors", "expected"),
    [
        ((Author("Tkaczyk", "D."),), 1.0),
        ((Author("Szostek", "P."),), 0.5),  # a later author of the record, not its first
        ((Author("Smith", "J."),), 0.0),
        ((), None),
    ],
)
def test_author_similarity(authors: tuple[Author, ...], expected: float | None) -> None:
    assert author_similarity(authors, CERMINE) == expected


@pytest.mark.parametrize(
    ("year", "expected"), [(2015, 1.0), (2016, 0.8), (2014, 0.8), (2018, 0.0), (None, None)]
)
def test_year_similarity(year: int | None, expected: float | None) -> None:
    assert year_similarity(year, CERMINE) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [("317-335", 1.0), ("317", 1.0), ("310–335", 0.0), (None, None)],
)
def test_page_similarity(pages: str | None, expected: float | None) -> None:
    assert page_similarity(pages, CERMINE) == expected


@pytest.mark.parametrize(
    ("pages", "expected"), [("e471-e477", "e471"), ("0681", "681"), ("pyu039", "pyu039")]
)
def test_first_page(pages: str, expected: str) -> None:
    assert first_page(pages) == expected


def test_volume_and_journal_similarity() -> None:
    assert volume_similarity("18", CERMINE) == 1.0
    assert volume_similarity("14", CERMINE) == 0.0
    assert journal_similarity("IJDAR", CERMINE) == 1.0
    assert (journal_similarity("Journal of Fish Biology", CERMINE) or 0.0) < 0.5


@pytest.mark.parametrize(
    ("fields", "matched"),
    [
        # Everything agrees.
        (
            ReferenceFields(
                authors=(Author("Feder", "A."),),
                year=2014,
                title="Efficacy of intravenous ketamine for treatment of chronic "
                "posttraumatic stress disorder: a randomized clinical trial",
                journal="JAMA Psychiatry",
                volume="71",
                pages="681-688",
            ),
            True,
        ),
        # Title and first author agree, every locator is wrong: the same work, cited badly.
        (
            ReferenceFields(
                authors=(Author("Feder", "A."),),
                year=2019,
                title="Efficacy of intravenous ketamine for treatment of chronic "
                "posttraumatic stress disorder",
                journal="JAMA Psychiatry",
                volume="76",
                pages="100-110",
            ),
            True,
        ),
        # No title: author, year, journal, volume and page together identify it.
        (
            ReferenceFields(
                authors=(Author("Feder", "A."),),
                year=2014,
                journal="JAMA Psychiatry",
                volume="71",
                pages="681",
            ),
            True,
        ),
        # Author and year agree but the title is another paper's: never matched.
        (
            ReferenceFields(
                authors=(Author("Feder", "A."),),
                year=2014,
                title="Sleep disturbance among young adults with prior depression",
                journal="JAMA Psychiatry",
            ),
            False,
        ),
        # The title alone, with wrong author and locators: not enough.
        (
            ReferenceFields(
                authors=(Author("Smith", "J."),),
                year=2020,
                title="Efficacy of intravenous ketamine for treatment of chronic "
                "posttraumatic stress disorder",
                journal="Biological Psychiatry",
                volume="88",
            ),
            False,
        ),
    ],
)
def test_validate_threshold(fields: ReferenceFields, matched: bool) -> None:
    candidate = validate(fields, FEDER)
    assert (candidate.confidence >= MATCH_THRESHOLD) is matched, candidate.evidence


def test_validate_keeps_evidence_and_score() -> None:
    fields = ReferenceFields(authors=(Author("Feder", "A."),), year=2014)
    candidate = validate(fields, FEDER, score=42.0)
    assert candidate.score == 42.0
    assert dict(candidate.evidence) == {"author": 1.0, "year": 1.0}


def test_correction_notice_is_not_the_study() -> None:
    notice = Work(
        doi="10.1/notice",
        title=f"Correction: {FEDER.title}",
        journal="JAMA Psychiatry",
        year=2014,
        volume="71",
    )
    fields = ReferenceFields(title=FEDER.title, journal="JAMA Psychiatry", year=2014, volume="71")
    assert validate(fields, notice).confidence < validate(fields, FEDER).confidence
    assert validate(fields, notice).confidence < MATCH_THRESHOLD


def _decide_on(fields: ReferenceFields, works: list[Work]) -> Status:
    return decide([validate(fields, w) for w in works]).status


def test_decide_statuses() -> None:
    fields = ReferenceFields(authors=(Author("Feder", "A."),), title=FEDER.title, year=2014)
    twin = Work(**{**FEDER.__dict__, "doi": "10.1/preprint", "raw": {}})
    assert _decide_on(fields, [FEDER, CERMINE]) == Status.MATCHED
    assert _decide_on(fields, [FEDER, twin]) == Status.AMBIGUOUS
    assert _decide_on(fields, [CERMINE]) == Status.NOT_FOUND
    assert _decide_on(fields, []) == Status.NOT_FOUND


def test_decide_keeps_at_most_five_candidates_best_first() -> None:
    fields = ReferenceFields(title="Something else entirely", year=2014)
    works = [Work(doi=f"10.1/{i}", title=f"Paper number {i}", year=2014) for i in range(8)]
    resolution = decide([validate(fields, w) for w in works])
    assert resolution.status == Status.NOT_FOUND
    assert len(resolution.candidates) == 5
    confidences = [c.confidence for c in resolution.candidates]
    assert confidences == sorted(confidences, reverse=True)


# Crossref's own search-based matcher test cases: the envelope's items are the hits.
UNSTRUCTURED_1 = ReferenceFields(
    authors=(
        Author("Tkaczyk", "D."),
        Author("Szostek", "P."),
        Author("Fedoryszak", "M."),
        Author("Dendek", "P. J."),
        Author("Bolikowski", ""),
    ),
    title="CERMINE: automatic extraction of structured metadata from scientific literature",
    journal="International Journal on Document Analysis and Recognition (IJDAR)",
    volume="18",
    issue="4",
    pages="317–335",
    year=2015,
)
UNSTRUCTURED_2 = ReferenceFields(
    authors=(
        Author("Szostek", "P."),
        Author("Fedoryszak", "M."),
        Author("Dendek", "P. J."),
        Author("Bolikowski", "Ł."),
    ),
    title="CERMINE: automatic extraction of structured metadata from scientific literature",
    journal="IJDAR",
    volume="14",
    issue="40",
    pages="310–335",
    year=2016,
)
STRUCTURED_1 = ReferenceFields(
    authors=(Author("Tkaczyk", ""),), volume="18", pages="317", year=2015, journal="IJDAR"
)
STRUCTURED_2 = ReferenceFields(
    authors=(Author("Tkaczyk", ""),),
    volume="93",
    year=2015,
    journal="Communications in Computer and Information",
)


@pytest.mark.parametrize(
    ("envelope", "fields", "expected"),
    [
        ("matcher-unstructured-ref-response-1.json", UNSTRUCTURED_1, "10.1007/s10032-015-0249-8"),
        ("matcher-unstructured-ref-response-2.json", UNSTRUCTURED_2, None),
        ("matcher-structured-ref-response-1.json", STRUCTURED_1, "10.1007/s10032-015-0249-8"),
        ("matcher-structured-ref-response-2.json", STRUCTURED_2, None),
    ],
)
def test_crossref_matcher_cases(
    envelope: str, fields: ReferenceFields, expected: str | None
) -> None:
    hits = works_from_list(json.loads((ENVELOPES / envelope).read_text(encoding="utf-8")))
    resolution = decide([validate(fields, w, score=s) for w, s in hits])
    if expected is None:
        assert resolution.status != Status.MATCHED
        assert resolution.candidates  # the evidence is kept
    else:
        assert resolution.status == Status.MATCHED
        assert resolution.work is not None and resolution.work.doi == expected


KETAMINE_REVIEW = Work(doi="10.1/k", title="Ketamine for the treatment of depression")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Smith J. Ketamine for the treatment of depression. J Psy. 2010.", 1.0),
        ("Smith, “Ketamine for the treatment of depression,” J Psy, 2010", 1.0),
        # A longer title that merely opens with the record's is another paper.
        ("Smith J. Ketamine for the treatment of depression in teens. J Psy. 2010.", None),
    ],
)
def test_title_in_text_needs_the_whole_title_as_a_segment(
    text: str, expected: float | None
) -> None:
    assert title_in_text(text, KETAMINE_REVIEW) == expected


@pytest.mark.parametrize(
    ("fields", "has_title"),
    [
        # The parser took the journal (and what follows) for the title: a slip, ignored.
        (ReferenceFields(title="JAMA Psychiatry, 71, 681"), False),
        (ReferenceFields(title="JAMA Psychiatry"), False),
        (ReferenceFields(title="Efficacy of intravenous ketamine"), True),
    ],
)
def test_journal_parsed_as_title_is_ignored(fields: ReferenceFields, has_title: bool) -> None:
    assert ("title" in validate(fields, FEDER).evidence) is has_title


def test_a_mangled_title_is_rescued_by_the_entry_text() -> None:
    text = (
        "Feder, A. (2014). Efficacy of Intravenous Ketamine for Treatment of Chronic "
        "Posttraumatic Stress Disorder. JAMA Psychiatry, 71(6), 681-688."
    )
    fields = ReferenceFields(
        authors=(Author("Feder", "A."),), year=2014, title="Efficacy of Intravenous"
    )
    assert validate(fields, FEDER).evidence["title"] < 0.9
    assert validate(fields, FEDER, text=text).evidence["title"] == 1.0


KASSAM_ADAMS = Work(
    doi="10.1097/00004583-200404000-00006",
    type="journal-article",
    # Crossref keeps this subtitle inside the title.
    title="Predicting Child PTSD: The Relationship Between Acute Stress Disorder and PTSD in "
    "Injured Children",
    authors=(Author("Kassam-Adams", "Nancy"), Author("Winston", "Flaura Koplin")),
    journal="Journal of the American Academy of Child & Adolescent Psychiatry",
    year=2004,
    year_print=2004,
    volume="43",
    issue="4",
    pages="403-411",
)


def test_an_entry_citing_the_main_title_without_its_subtitle_is_matched() -> None:
    fields = ReferenceFields(
        authors=(Author("Kassam-Adams", "N"), Author("Winston", "FK")),
        year=2004,
        title="Predicting child PTSD",
        journal="J Am Acad Child Adolesc Psychiatry",
        volume="43",
        pages="403-411",
    )
    assert title_similarity("Predicting child PTSD", KASSAM_ADAMS) == 1.0
    assert validate(fields, KASSAM_ADAMS).confidence >= MATCH_THRESHOLD
    # Two words before the colon identify nothing: "Child PTSD" alone is no title.
    assert (title_similarity("Child PTSD", KASSAM_ADAMS) or 0.0) < 0.8


@pytest.mark.parametrize(
    ("confidence", "evidence", "named"),
    [
        (0.6, {}, True),  # plausible on its own
        (0.001, {"title": 0.81, "author": 0.0}, True),  # nearly the entry's title
        (0.0, {"title": 0.56, "author": 1.0}, True),  # the entry's author, half its title
        (0.0, {"title": 0.56, "author": 0.0}, False),
        (0.0, {"title": 0.49, "author": 1.0}, False),
        (0.3, {"journal": 1.0, "year": 1.0}, False),  # only the same journal and year
        (0.0, {}, False),
    ],
)
def test_only_records_that_may_be_the_work_meant_are_named_as_near(
    confidence: float, evidence: dict[str, float], named: bool
) -> None:
    from citecheck.model import Candidate, Work
    from citecheck.resolve.matching import plausibly_meant

    candidate = Candidate(Work(doi="10.1/x", title="A title"), confidence, evidence)
    assert plausibly_meant(candidate) is named

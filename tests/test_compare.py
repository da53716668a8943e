"""Table tests for the comparator: entry / claim / record -> finding codes and severities."""

from __future__ import annotations

import pytest

from citecheck import studytype
from citecheck.compare import CODES, compare, page_range, suggest
from citecheck.model import (
    Author,
    Candidate,
    Citation,
    Claim,
    Classification,
    Document,
    ParsedDocument,
    Population,
    Reference,
    ReferenceFields,
    Resolution,
    Severity,
    Status,
    StudyType,
    Style,
    Update,
    Work,
)

RECORD = Work(
    doi="10.1000/abc",
    type="journal-article",
    title="Ketamine for Depression",
    subtitle="A Randomized Trial",
    authors=(Author("Müller", "Anna"), Author("Smith", "Bob"), Author("Jones", "Cy")),
    journal="Journal of Affective Disorders",
    short_journals=("J Affect Disord",),
    year=2019,
    year_print=2019,
    year_online=2018,
    volume="250",
    issue="3",
    pages="401-409",
)
ENTRY = ReferenceFields(
    authors=(Author("Muller", "A."), Author("Smith", "B."), Author("Jones", "C.")),
    year=2019,
    title="Ketamine for depression: a randomized trial",
    journal="J Affect Disord",
    volume="250",
    issue="3",
    pages="401-9",
    doi="10.1000/abc",
)


def run(
    fields: ReferenceFields = ENTRY,
    resolution: Resolution | None = None,
    claims: tuple[Claim, ...] = (),
    parsed: bool = True,
    cited: bool = True,
) -> list[tuple[str, str]]:
    """(code, severity) of every finding for one reference."""
    reference = Reference("1", 30, "entry text", Style.APA, parsed, fields)
    citations = (Citation(3, "[1]", 0, 3, ("1",), ("1",)),) if cited else ()
    document = ParsedDocument(Document("a.md", "", ()), (reference,), citations, claims)
    if resolution is None:
        resolution = Resolution(Status.MATCHED, RECORD, 0.9, "search")
    return [(f.code, f.severity.value) for f in compare(document, {"1": resolution})]


def with_fields(**changes: object) -> ReferenceFields:
    """ENTRY with some fields changed."""
    return ReferenceFields(**{**ENTRY.__dict__, **changes})  # type: ignore[arg-type]


def claim(**fields: object) -> Claim:
    """A claim on line 3 citing [1]."""
    return Claim(3, "A sentence [1].", ("1",), **fields)  # type: ignore[arg-type]


def test_correct_reference_gives_nothing() -> None:
    assert run() == []


def test_every_code_has_severity_and_description() -> None:
    assert len(CODES) == 23
    for severity, description in CODES.values():
        assert isinstance(severity, Severity)
        assert description.endswith(".")


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"year": 2018}, []),  # the record's online year
        ({"year": 2020}, [("ref-year", "warning")]),  # one year off print: online-first pattern
        ({"year": 2016}, [("ref-year", "error")]),
        ({"journal": "The Journal of Affective Disorders"}, []),
        ({"journal": "Biological Psychiatry"}, [("ref-journal", "error")]),
        ({"volume": "251"}, [("ref-volume", "error")]),
        ({"volume": "0250"}, []),
        ({"issue": "4"}, [("ref-issue", "warning")]),
        ({"pages": "401-409"}, []),
        ({"pages": "401–409"}, []),
        ({"pages": "pp. 401-409"}, []),
        ({"pages": "816-826"}, [("ref-pages", "error")]),
        ({"pages": "401-419"}, [("ref-pages", "error")]),
        ({"pages": "401"}, []),
        ({"title": "Ketamine for depression"}, []),
        ({"title": "<i>Ketamine</i> for depression: a randomized trial."}, []),
        ({"title": "Lithium in bipolar mania and other things entirely"}, [("ref-title", "error")]),
        (
            {"authors": (Author("Mueler", "A."), Author("Smith"), Author("Jones"))},
            [("ref-authors", "warning")],
        ),
        (
            {"authors": (Author("Brown", "A."), Author("Smith"), Author("Jones"))},
            [("ref-authors", "error")],
        ),
        (
            {"authors": (Author("Müller"), Author("Adams"), Author("Baker"), Author("Clark"))},
            [("ref-authors", "warning")],
        ),
        ({"doi": "10.1000/ABC"}, []),
        ({"doi": "10.1000/other"}, [("ref-doi-mismatch", "error")]),
    ],
)
def test_entry_against_record(changes: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert run(with_fields(**changes)) == expected


@pytest.mark.parametrize(
    ("pages", "expected"),
    [
        ("401-409", ("401", "409")),
        ("401-9", ("401", "409")),
        ("1201-15", ("1201", "1215")),
        ("e471–e477", ("e471", "e477")),
        ("104717", ("104717", None)),
        ("pp. 12 - 19", ("12", "19")),
        ("S12-S19", ("s12", "s19")),
    ],
)
def test_page_range(pages: str, expected: tuple[str, str | None]) -> None:
    assert page_range(pages) == expected


@pytest.mark.parametrize(
    ("record_pages", "article_number", "entry_pages", "expected"),
    [
        ("681", None, "681-688", []),  # the record holds the first page only
        ("682", None, "681-688", ["ref-pages"]),
        (None, "104717", "104717", []),
        ("1-8", None, "104717", ["ref-pages"]),
        ("e471-e477", None, "E471-E477", []),
        (None, None, "1-9", []),
    ],
)
def test_pages(
    record_pages: str | None, article_number: str | None, entry_pages: str, expected: list[str]
) -> None:
    record = Work(**{**RECORD.__dict__, "pages": record_pages, "article_number": article_number})
    found = run(with_fields(pages=entry_pages), Resolution(Status.MATCHED, record))
    assert [code for code, _ in found] == expected


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"year": 2019}, []),
        ({"year": 2018}, []),  # online year
        ({"year": 2020}, [("claim-year", "warning")]),
        ({"year": 2016}, [("claim-year", "error")]),
        ({"journal": "J. Affect. Disord."}, []),
        ({"journal": "Journal of Psychopharmacology"}, [("claim-journal", "error")]),
        ({"authors": ("Müller",)}, []),
        ({"authors": ("muller",)}, []),
        ({"authors": ("Mueler",)}, [("claim-author", "warning")]),
        ({"authors": ("Smith",)}, []),  # a later author: any author of the record counts
        ({"authors": ("Zarate",)}, [("claim-author", "error")]),
    ],
)
def test_claim_against_record(fields: dict[str, object], expected: list[tuple[str, str]]) -> None:
    assert run(claims=(claim(**fields),)) == expected


def test_claim_without_record_is_checked_against_the_entry() -> None:
    unverified = Resolution(Status.UNVERIFIED, reason="offline")
    found = run(resolution=unverified, claims=(claim(year=2012, journal="Neuron"),))
    assert found == [("unverified", "info"), ("claim-year", "error"), ("claim-journal", "error")]
    assert run(resolution=unverified, claims=(claim(year=2019, journal="J Affect Disord"),)) == [
        ("unverified", "info")
    ]


def test_claim_citing_two_works_is_right_when_either_agrees() -> None:
    other = Work(doi="10.1000/other", journal="Neuron", year=2012)
    refs = (
        Reference("1", 30, "", Style.APA, True, ENTRY),
        Reference("2", 31, "", Style.APA, True, ReferenceFields(year=2012, journal="Neuron")),
    )
    claims = (Claim(3, "Two studies [1,2].", ("1", "2"), year=2012, journal="Neuron"),)
    citations = (Citation(3, "[1,2]", 0, 5, ("1", "2"), ("1", "2")),)
    document = ParsedDocument(Document("a.md", "", ()), refs, citations, claims)
    resolutions = {"1": Resolution(Status.MATCHED, RECORD), "2": Resolution(Status.MATCHED, other)}
    assert compare(document, resolutions) == ()


DESIGNS = {
    "rct": Classification(StudyType.RANDOMIZED_CONTROLLED_TRIAL, 0.9, (), Population.HUMAN),
    "rat": Classification(StudyType.ANIMAL, 0.9, ("rats",), Population.ANIMAL),
    "vague": Classification(StudyType.STUDY, 0.0),
    "weak-rct": Classification(StudyType.RANDOMIZED_CONTROLLED_TRIAL, 0.3, (), Population.HUMAN),
}


def fake_compatible(stated: StudyType, actual: StudyType) -> bool:
    """A small stand-in for the classifier's compatibility table."""
    umbrella = {StudyType.TRIAL: {StudyType.RANDOMIZED_CONTROLLED_TRIAL}}
    return stated in (StudyType.STUDY, actual) or actual in umbrella.get(stated, set())


@pytest.mark.parametrize(
    ("design", "stated", "population", "expected"),
    [
        ("rct", StudyType.META_ANALYSIS, None, [("claim-study-type", "error")]),
        ("rct", StudyType.RANDOMIZED_CONTROLLED_TRIAL, None, []),
        ("rct", StudyType.TRIAL, None, []),
        ("rct", StudyType.STUDY, Population.HUMAN, []),
        ("rat", StudyType.STUDY, Population.HUMAN, [("claim-population", "error")]),
        ("rat", None, Population.HUMAN, [("claim-population", "error")]),
        ("vague", StudyType.META_ANALYSIS, Population.HUMAN, []),
        ("weak-rct", StudyType.META_ANALYSIS, None, [("claim-study-type", "warning")]),
    ],
)
def test_claim_study_type(
    design: str,
    stated: StudyType | None,
    population: Population | None,
    expected: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(studytype, "classify_work", lambda work: DESIGNS[design])
    monkeypatch.setattr(studytype, "compatible", fake_compatible)
    monkeypatch.setattr(
        studytype, "population_compatible", lambda s, a: s is None or a is None or s == a
    )
    assert run(claims=(claim(study_type=stated, population=population),)) == expected


def test_study_type_message_names_both_designs(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(studytype, "classify_work", lambda work: DESIGNS["rat"])
    reference = Reference("1", 30, "", Style.APA, True, ENTRY)
    claims = (claim(study_type=StudyType.STUDY, population=Population.HUMAN),)
    citations = (Citation(3, "[1]", 0, 3, ("1",), ("1",)),)
    document = ParsedDocument(Document("a.md", "", ()), (reference,), citations, claims)
    (finding,) = compare(document, {"1": Resolution(Status.MATCHED, RECORD)})
    assert finding.code == "claim-population"
    assert finding.message.startswith("The text says this study was in people; the record ")
    assert "people" in finding.message and "animal" in finding.message
    assert finding.line == 3


@pytest.mark.parametrize(
    ("updated_by", "update_to", "title", "expected"),
    [
        ((Update("retraction", "10.1/r"),), (), "T", [("retracted", "error")]),
        (
            (Update("expression_of_concern", "10.1/c"),),
            (),
            "T",
            [("expression-of-concern", "warning")],
        ),
        ((Update("correction", "10.1/e"),), (), "T", [("corrected", "info")]),
        ((), (Update("retraction", "10.1/orig"),), "T", [("retracted", "error")]),
        ((), (), "RETRACTED: Ketamine for Depression", [("retracted", "error")]),
        ((), (), "Retracted: Ketamine for Depression", [("retracted", "error")]),
        ((), (), "Retraction rates in science", []),
        ((Update("new_version", "10.1/v"),), (), "T", []),
    ],
)
def test_updates(
    updated_by: tuple[Update, ...],
    update_to: tuple[Update, ...],
    title: str,
    expected: list[tuple[str, str]],
) -> None:
    record = Work(doi="10.1000/abc", title=title, updated_by=updated_by, update_to=update_to)
    fields = ReferenceFields(doi="10.1000/abc")
    assert run(fields, Resolution(Status.MATCHED, record)) == expected


def test_not_found_names_only_the_nearest_candidates_that_are_plausible() -> None:
    near = Work(doi="10.1/near", title="Nearby Title", year=2015)
    far = Work(doi="10.1/far", title="Unrelated Title", year=2001)
    candidates = (Candidate(near, 0.6), Candidate(far, 0.3))
    reference = Reference("1", 30, "", Style.APA, True, ENTRY)
    citations = (Citation(3, "[1]", 0, 3, ("1",), ("1",)),)
    document = ParsedDocument(Document("a.md", "", ()), (reference,), citations)
    (finding,) = compare(document, {"1": Resolution(Status.NOT_FOUND, candidates=candidates)})
    assert finding.code == "not-found"
    assert finding.message == (
        "No published work matches reference [1]; "
        'the nearest records are "Nearby Title", 2015 (doi:10.1/near).'
    )
    (alone,) = compare(document, {"1": Resolution(Status.NOT_FOUND, candidates=candidates[1:])})
    assert alone.message == "No published work matches reference [1]."


@pytest.mark.parametrize(
    ("resolution", "expected"),
    [
        (Resolution(Status.NOT_FOUND), [("not-found", "error")]),
        (
            Resolution(Status.AMBIGUOUS, candidates=(Candidate(RECORD, 0.5),)),
            [("ambiguous", "warning")],
        ),
        (Resolution(Status.UNVERIFIED, reason="timeout"), [("unverified", "info")]),
        (
            Resolution(Status.MATCHED, RECORD, doi_status="not_found"),
            [("ref-doi-not-found", "error")],
        ),
    ],
)
def test_statuses(resolution: Resolution, expected: list[tuple[str, str]]) -> None:
    assert run(resolution=resolution) == expected


def test_unverified_message_is_no_accusation() -> None:
    reference = Reference("1", 30, "", Style.APA, True, ENTRY)
    document = ParsedDocument(Document("a.md", "", ()), (reference,), ())
    findings = compare(document, {"1": Resolution(Status.UNVERIFIED, reason="http 503")})
    unverified = next(f for f in findings if f.code == "unverified")
    assert "http 503" in unverified.message
    assert "nothing is known to be wrong" in unverified.message


def test_parse_level_findings() -> None:
    refs = (
        Reference("1", 30, "", Style.APA, True, ENTRY),
        Reference("2", 31, "garbled", Style.UNKNOWN, False),
    )
    citations = (Citation(3, "[1]", 0, 3, ("1",), ("1",)), Citation(5, "[7]", 0, 3, (), ("7",)))
    document = ParsedDocument(Document("a.md", "", ()), refs, citations)
    found = [(f.code, f.label, f.line) for f in compare(document, {})]
    assert found == [
        ("citation-without-reference", None, 5),
        ("reference-not-cited", "2", 31),
        ("unparsed-reference", "2", 31),
    ]


def test_unparsed_entry_is_not_compared_field_by_field() -> None:
    assert run(with_fields(year=1990), parsed=False) == [("unparsed-reference", "warning")]


def test_ref_findings_carry_a_suggestion_from_the_record() -> None:
    reference = Reference("1", 30, "", Style.APA, True, with_fields(volume="9"))
    document = ParsedDocument(
        Document("a.md", "", ()), (reference,), (Citation(3, "[1]", 0, 3, ("1",), ("1",)),)
    )
    (finding,) = compare(document, {"1": Resolution(Status.MATCHED, RECORD)})
    assert finding.code == "ref-volume"
    assert finding.path == "a.md"
    assert finding.suggestion and "250" in finding.suggestion


def test_suggestion_in_the_entry_style() -> None:
    assert suggest(RECORD, Style.APA) == (
        "Müller, A., Smith, B., & Jones, C. (2019). Ketamine for Depression: A Randomized Trial. "
        "Journal of Affective Disorders, 250(3), 401\u2013409. https://doi.org/10.1000/abc"
    )


def test_animal_claim_on_a_cell_study_is_only_a_warning() -> None:
    from citecheck.compare.designs import study_finding

    claim = Claim(
        line=3,
        text="Similar findings were obtained in studies with rats [4].",
        references=("4",),
        study_type=StudyType.ANIMAL,
        study_type_phrase="studies with rats",
        population=Population.ANIMAL,
    )
    from citecheck.compare.cited import Cited

    cited = Cited(
        Work(
            doi="10.1016/j.bbrc.2003.11.039",
            title="Isoleucine stimulates glucose uptake in C2C12 myotubes",
        ),
        "the reference list",
        Classification(StudyType.IN_VITRO, 0.9, ("myotubes",), Population.IN_VITRO),
    )
    finding = study_finding(claim, cited, ())
    assert finding is not None and finding.severity == Severity.WARNING


@pytest.mark.parametrize(
    ("text", "fields", "work"),
    [
        # A dotted AMA abbreviation the parser cut short: the entry itself names the journal.
        (
            "Burns JE, Kacser H. Genetic effects on susceptibility to histidine induced "
            "teratogenesis in the mouse. Genet. Res. 1987;50(2):147-153.",
            {"journal": "Res", "year": 1987, "volume": "50", "issue": "2", "pages": "147-153"},
            {"journal": "Genetical Research", "short_journals": ("Genet. Res.",)},
        ),
        # A quoted Harvard title with an apostrophe inside it.
        (
            "Kim, Y.-H. (2019) 'Hobbes’ Philosophy of Education: Finding Model for Civic "
            "Education', Modern Philosophy, 14, pp. 27–58.",
            {"title": "Hobbes", "journal": "Philosophy of Education', Modern Philosophy"},
            {
                "title": "Hobbes’ Philosophy of Education: Finding Model for Civic Education",
                "journal": "Modern Philosophy",
            },
        ),
        # Pages written with thousands separators.
        (
            "Nogueira, M. and Barros, A.P. (2014) 'The nonconvective/convective structural "
            "transition in stochastic scaling of atmospheric fields', Journal of Geophysical "
            "Research: Atmospheres, 119(24), pp. 13,771–13,794.",
            {"pages": "13"},
            {"pages": "13,771-13,794"},
        ),
    ],
)
def test_no_accusation_when_the_entry_text_gives_the_record_value(
    text: str, fields: dict[str, object], work: dict[str, object]
) -> None:
    from citecheck.compare import compare

    base = {"authors": (Author("Someone", "A"),), "year": 2019, "title": "A title"}
    reference = Reference(
        label="1",
        line=1,
        text=text,
        style=Style.HARVARD,
        parsed=True,
        fields=ReferenceFields(**{**base, **fields}),  # type: ignore[arg-type]
    )
    record = Work(
        doi="10.1000/x",
        **{"authors": (Author("Someone", "A"),), "year": 2019, "title": "A title", **work},  # type: ignore[arg-type]
    )
    parsed = ParsedDocument(Document("a.md", text, (1,)), (reference,), ())
    resolution = Resolution(Status.MATCHED, work=record, confidence=0.95, via="search")
    codes = {f.code for f in compare(parsed, {"1": resolution})}
    assert not codes & {"ref-journal", "ref-title", "ref-pages"}


def test_a_wrong_volume_is_still_caught_beside_the_guard() -> None:
    from citecheck.compare import compare

    text = (
        "Wilkinson, S. T. (2016). Acute and longer-term outcomes. "
        "The Journal of Clinical Psychiatry, 77(4), e471-e477."
    )
    fields = ReferenceFields(
        authors=(Author("Wilkinson", "S. T."),),
        year=2016,
        title="Acute and longer-term outcomes",
        journal="The Journal of Clinical Psychiatry",
        volume="77",
        issue="4",
        pages="e471-e477",
    )
    reference = Reference("1", 1, text, Style.APA, True, fields)
    record = Work(
        doi="10.4088/jcp.17m11731",
        title="Acute and longer-term outcomes",
        authors=(Author("Wilkinson", "Samuel T."),),
        journal="The Journal of Clinical Psychiatry",
        year=2018,
        volume="79",
        issue="4",
    )
    parsed = ParsedDocument(Document("a.md", text, (1,)), (reference,), ())
    resolution = Resolution(Status.MATCHED, work=record, confidence=0.95, via="search")
    codes = {f.code for f in compare(parsed, {"1": resolution})}
    assert {"ref-year", "ref-volume"} <= codes


@pytest.mark.parametrize(
    ("design", "stated", "phrase", "expected"),
    [
        # The kind of studies a review pooled, named in the plural: not the review's design.
        ("meta", StudyType.RANDOMIZED_CONTROLLED_TRIAL, "randomised trials", []),
        ("meta", StudyType.COHORT, "cohort studies", []),
        ("review", StudyType.RANDOMIZED_CONTROLLED_TRIAL, "randomized controlled trials", []),
        # One trial, or the plural for a work that pools nothing, is still a claim.
        (
            "meta",
            StudyType.RANDOMIZED_CONTROLLED_TRIAL,
            "randomised trial",
            [("claim-study-type", "error")],
        ),
        ("rct", StudyType.COHORT, "cohort studies", [("claim-study-type", "error")]),
    ],
)
def test_plural_designs_name_what_a_review_pooled(
    design: str,
    stated: StudyType,
    phrase: str,
    expected: list[tuple[str, str]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    designs = {
        **DESIGNS,
        "meta": Classification(StudyType.META_ANALYSIS, 0.9, (), Population.HUMAN),
        "review": Classification(StudyType.SYSTEMATIC_REVIEW, 0.9, (), Population.HUMAN),
    }
    monkeypatch.setattr(studytype, "classify_work", lambda work: designs[design])
    assert run(claims=(claim(study_type=stated, study_type_phrase=phrase),)) == expected


@pytest.mark.parametrize(
    ("text", "stated", "expected"),
    [
        # The record's first author listed second: the entry is wrong, however its names read.
        (
            "Smith B, Müller A, Jones C. Ketamine for depression: a randomized trial. "
            "J Affect Disord. 2019;250(3):401-409.",
            (Author("Smith", "B"), Author("Müller", "A"), Author("Jones", "C")),
            [("ref-authors", "error")],
        ),
        # The record's authors in the record's order, misread by the parser: no accusation.
        (
            "Müller A, Smith B, Jones C. Ketamine for depression: a randomized trial. "
            "J Affect Disord. 2019;250(3):401-409.",
            (Author("A", "Müller"), Author("Smith", "B"), Author("Jones", "C")),
            [],
        ),
    ],
)
def test_first_author_order_against_the_entry_text(
    text: str, stated: tuple[Author, ...], expected: list[tuple[str, str]]
) -> None:
    reference = Reference("1", 30, text, Style.VANCOUVER, True, with_fields(authors=stated))
    document = ParsedDocument(Document("a.md", text, (30,)), (reference,), ())
    resolution = Resolution(Status.MATCHED, RECORD, 0.9, "search")
    found = [(f.code, f.severity.value) for f in compare(document, {"1": resolution})]
    assert [f for f in found if f[0] == "ref-authors"] == expected

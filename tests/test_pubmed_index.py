"""PubMed publication types and MeSH check tags -> citecheck's taxonomy, row by row."""

from __future__ import annotations

import pytest

from citecheck.model import Classification, Population, PubmedRecord, StudyType, Work
from citecheck.resolve import pubmed_index
from citecheck.resolve.pubmed_index import (
    PUBLICATION_TYPES,
    SPECIES,
    classify,
    design_of,
    mesh_population,
    species,
)
from citecheck.studytype import classify_work

S = StudyType

# Every row of the table, as it must read.
TABLE = [
    ("Meta-Analysis", S.META_ANALYSIS),
    ("Network Meta-Analysis", S.META_ANALYSIS),
    ("Systematic Review", S.SYSTEMATIC_REVIEW),
    ("Scoping Review", S.SYSTEMATIC_REVIEW),
    ("Practice Guideline", S.GUIDELINE),
    ("Guideline", S.GUIDELINE),
    ("Consensus Development Conference", S.GUIDELINE),
    ("Consensus Development Conference, NIH", S.GUIDELINE),
    ("Clinical Trial Protocol", S.PROTOCOL),
    ("Randomized Controlled Trial", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("Randomized Controlled Trial, Veterinary", S.RANDOMIZED_CONTROLLED_TRIAL),
    ("Equivalence Trial", S.TRIAL),
    ("Pragmatic Clinical Trial", S.TRIAL),
    ("Adaptive Clinical Trial", S.TRIAL),
    ("Controlled Clinical Trial", S.NON_RANDOMIZED_TRIAL),
    ("Clinical Trial", S.TRIAL),
    ("Clinical Trial, Phase I", S.TRIAL),
    ("Clinical Trial, Phase II", S.TRIAL),
    ("Clinical Trial, Phase III", S.TRIAL),
    ("Clinical Trial, Phase IV", S.TRIAL),
    ("Clinical Trial, Veterinary", S.TRIAL),
    ("Case Reports", S.CASE_REPORT),
    ("Review", S.REVIEW),
    ("Editorial", S.EDITORIAL),
    ("Comment", S.EDITORIAL),
    ("News", S.EDITORIAL),
    ("Newspaper Article", S.EDITORIAL),
]
# Types that name no design: the title decides.
NO_DESIGN = [
    "Journal Article",
    "Letter",
    "Observational Study",
    "Comparative Study",
    "Multicenter Study",
    "Evaluation Study",
    "Validation Study",
    "Twin Study",
    "Research Support, Non-U.S. Gov't",
    "Research Support, N.I.H., Extramural",
    "Retracted Publication",
    "Published Erratum",
    "Historical Article",
]


@pytest.mark.parametrize(("name", "design"), TABLE, ids=[row[0] for row in TABLE])
def test_each_publication_type(name: str, design: StudyType) -> None:
    assert design_of(["Journal Article", name]) == (design, name)


def test_the_table_is_exactly_the_rows_tested() -> None:
    assert dict(TABLE) == dict(PUBLICATION_TYPES)


@pytest.mark.parametrize("name", NO_DESIGN)
def test_types_that_name_no_design(name: str) -> None:
    assert design_of(["Journal Article", name]) is None


@pytest.mark.parametrize(
    ("types", "design"),
    [
        (["Journal Article", "Meta-Analysis", "Review", "Systematic Review"], S.META_ANALYSIS),
        (["Systematic Review", "Review"], S.SYSTEMATIC_REVIEW),
        (
            [
                "Clinical Trial, Phase III",
                "Comparative Study",
                "Multicenter Study",
                "Randomized Controlled Trial",
            ],
            S.RANDOMIZED_CONTROLLED_TRIAL,
        ),
        (["Case Reports", "Review"], S.CASE_REPORT),
        (["Comment", "Review"], S.REVIEW),
        (["Practice Guideline", "Review"], S.GUIDELINE),
        (["Clinical Trial Protocol", "Randomized Controlled Trial"], S.PROTOCOL),
        (["Controlled Clinical Trial", "Clinical Trial"], S.NON_RANDOMIZED_TRIAL),
    ],
)
def test_the_most_decisive_type_wins(types: list[str], design: StudyType) -> None:
    found = design_of(types)
    assert found is not None and found[0] is design


POPULATIONS = [
    (["Animals", "Rats", "Male", "Ketamine"], "animal"),
    (["Humans", "Adult", "Female"], "human"),
    (["Animals", "Humans", "Mice"], "human_and_animal"),
    (["Humans", "Cell Line, Tumor", "Apoptosis"], "in_vitro"),
    (["Cells, Cultured", "Fibroblasts"], "in_vitro"),
    (["Humans", "Cells, Cultured", "Male", "Adult"], "human"),  # donors' cells, people studied
    (["Animals", "Cells, Cultured", "Mice"], "animal"),
    (["Binding Sites", "Heme"], None),
    ([], None),
]


@pytest.mark.parametrize(("headings", "population"), POPULATIONS)
def test_mesh_population(headings: list[str], population: str | None) -> None:
    assert mesh_population(headings) == population


@pytest.mark.parametrize(
    ("headings", "named"),
    [
        (["Animals", "Rats", "Rats, Sprague-Dawley"], ("rats",)),
        (["Animals", "Mice, Inbred C57BL", "Mice"], ("mice",)),
        (["Animals", "Macaca mulatta", "Swine"], ("macaques", "pigs")),
        (["Animals", "Cricetinae", "Zebrafish"], ("hamsters", "zebrafish")),
        (["Humans", "Adult"], ()),
    ],
)
def test_species(headings: list[str], named: tuple[str, ...]) -> None:
    assert species(headings) == named


def test_every_species_row_is_read() -> None:
    for heading, word in SPECIES.items():
        assert species([heading]) == (word,)


def _record(
    types: tuple[str, ...] = ("Journal Article",), mesh: tuple[str, ...] = ()
) -> PubmedRecord:
    return PubmedRecord(pmid="1", publication_types=types, mesh_headings=mesh)


TITLE_STUDY = Classification(S.STUDY, 0.3)


def test_publication_type_first_and_says_so() -> None:
    record = _record(("Journal Article", "Randomized Controlled Trial"), ("Humans", "Adult"))
    found = classify(record, Classification(S.META_ANALYSIS, 0.9))
    assert found.study_type is S.RANDOMIZED_CONTROLLED_TRIAL
    assert found.source == "pubmed"
    assert found.cues == ("Randomized Controlled Trial",)
    assert found.population is Population.HUMAN


def test_title_second() -> None:
    found = classify(_record(mesh=("Humans",)), Classification(S.COHORT, 0.9, ("cohort",)))
    assert (found.study_type, found.source, found.population) == (
        S.COHORT,
        "title",
        Population.HUMAN,
    )


def test_an_animal_record_whose_title_says_nothing_is_an_animal_study() -> None:
    found = classify(_record(mesh=("Animals", "Rats", "Male")), TITLE_STUDY)
    assert (found.study_type, found.population, found.source) == (
        S.ANIMAL,
        Population.ANIMAL,
        "pubmed",
    )


def test_mesh_humans_overrules_an_animal_word_in_the_title() -> None:
    found = classify(_record(mesh=("Humans", "Child")), Classification(S.ANIMAL, 0.85))
    assert (found.study_type, found.population) == (S.STUDY, Population.HUMAN)


def test_no_mesh_leaves_the_title_alone() -> None:
    title = Classification(S.COHORT, 0.9, ("cohort",), Population.HUMAN)
    assert classify(_record(), title) == title


def test_classify_work_uses_pubmed_when_attached() -> None:
    work = Work(doi="10.1/x", title="Ketamine accelerates fear extinction via mTORC1 signaling")
    assert classify_work(work).study_type is S.STUDY
    with_pubmed = Work(doi="10.1/x", title=work.title, pubmed=_record(mesh=("Animals", "Rats")))
    assert classify_work(with_pubmed).study_type is S.ANIMAL


def test_retracted() -> None:
    assert pubmed_index.retracted(_record(("Journal Article", "Retracted Publication")))
    assert not pubmed_index.retracted(_record(("Retraction of Publication",)))


def _mapping_rows() -> list[object]:
    import importlib.util
    import sys
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "benchmarks" / "pubmed_mapping.py"
    spec = importlib.util.spec_from_file_location("pubmed_mapping", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules["pubmed_mapping"] = module  # dataclasses look their module up
    spec.loader.exec_module(module)
    return [pytest.param(module, row, id=row.note) for row in module.load()]


@pytest.mark.parametrize(("module", "row"), _mapping_rows())
def test_the_benchmark_table_row_by_row(module: object, row: object) -> None:
    expected = (row.study_type, row.population)  # type: ignore[attr-defined]
    assert module.predict(row) == expected  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("types", "headings", "cue"),
    [
        (["Journal Article"], ["Humans", "Retrospective Studies"], "Retrospective Studies"),
        (["Journal Article"], ["Cross-Sectional Studies", "Humans"], "Cross-Sectional Studies"),
        (["Journal Article", "Observational Study"], ["Humans"], "Observational Study"),
        # The types name a design: classify() has it.
        (["Journal Article", "Review"], ["Retrospective Studies"], None),
        # A trial or a review stays possible.
        (["Observational Study"], ["Randomized Controlled Trials as Topic"], None),
        (["Journal Article"], ["Retrospective Studies", "Double-Blind Method"], None),
        (["Journal Article"], ["Meta-Analysis as Topic", "Retrospective Studies"], None),
        # Headings trials and pooled cohorts carry too say nothing.
        (["Journal Article"], ["Cohort Studies", "Prospective Studies", "Humans"], None),
        (["Journal Article"], ["Humans"], None),
    ],
)
def test_observational(types: list[str], headings: list[str], cue: str | None) -> None:
    record = PubmedRecord(pmid="1", publication_types=tuple(types), mesh_headings=tuple(headings))
    assert pubmed_index.observational(record) == cue

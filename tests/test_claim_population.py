"""claim-population and the PubMed evidence of claim-study-type, from real sentences.

The sentences here are the README's examples (should fire / should not fire): each is
read by the real claim extractor and compared with a record carrying a PubMed record.
"""

from __future__ import annotations

import pytest

from citecheck.compare import compare
from citecheck.model import Document, PubmedRecord, Resolution, Status, Work
from citecheck.pipeline import parse

RAT = PubmedRecord(
    pmid="90000004",
    doi="10.1016/j.nbd.2016.12.026",
    publication_types=("Journal Article",),
    mesh_headings=("Animals", "Extinction, Psychological", "Male", "Rats", "Rats, Sprague-Dawley"),
)
PEOPLE = PubmedRecord(
    pmid="90000003",
    doi="10.1001/jamapsychiatry.2014.62",
    publication_types=("Journal Article", "Randomized Controlled Trial"),
    mesh_headings=("Adult", "Female", "Humans", "Ketamine", "Male"),
)
BOTH = PubmedRecord(pmid="1", doi="10.1/both", mesh_headings=("Animals", "Humans", "Mice", "Adult"))
# A case series whose only design signal is MeSH's "Retrospective Studies".
CHARTS = PubmedRecord(
    pmid="90000001",
    doi="10.4088/JCP.17m11731",
    publication_types=("Journal Article",),
    mesh_headings=("Adult", "Female", "Humans", "Ketamine", "Male", "Retrospective Studies"),
)
# A nested case-control study in trial cohorts (real PMID 27797938's indexing, cut).
NESTED = PubmedRecord(
    pmid="27797938",
    doi="10.1136/gutjnl-2016-312510",
    publication_types=("Journal Article", "Observational Study"),
    mesh_headings=(
        "Case-Control Studies",
        "Humans",
        "Prospective Studies",
        "Randomized Controlled Trials as Topic",
    ),
)
COHORT = PubmedRecord(
    pmid="2", doi="10.1/cohort", mesh_headings=("Humans", "Adult", "Prospective Studies")
)
RECORDS = {
    "rat": RAT,
    "people": PEOPLE,
    "both": BOTH,
    "charts": CHARTS,
    "nested": NESTED,
    "cohort": COHORT,
}
TITLES = {
    "rat": "Ketamine accelerates fear extinction via mTORC1 signaling",
    "people": "Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder",
    "both": "Fear conditioning across species",
    "charts": "Outcomes of ketamine infusions at a psychiatric hospital",
    "nested": "Telomere length and the risk of pancreatic cancer",
    "cohort": "Sleep and mood in nurses",
}


def findings(sentence: str, record: str) -> dict[str, str]:
    """Finding code -> message for one sentence citing [1], against one PubMed-indexed work."""
    text = f"{sentence} [1].\n\n## References\n\n[1] Smith, J. (2017). {TITLES[record]}. Journal, 1, 1-8.\n"
    document = Document("a.md", text, tuple(range(1, text.count("\n") + 2)), "markdown")
    parsed = parse(document)
    pubmed = RECORDS[record]
    work = Work(
        doi=pubmed.doi or "", title=TITLES[record], year=2017, journal="Journal", pubmed=pubmed
    )
    resolution = Resolution(Status.MATCHED, work, 1.0, "doi", pubmed="found")
    return {
        f.code: f.message for f in compare(parsed, {"1": resolution}) if f.code.startswith("claim-")
    }


SHOULD_FIRE = [
    ("A 2017 study found that ketamine helped patients unlearn fear", "rat"),
    ("In adults, ketamine sped up fear extinction (2017)", "rat"),
    ("Ketamine eased fear in women with PTSD, a 2017 study reported", "rat"),
    ("Veterans treated with ketamine unlearned fear faster in 2017", "rat"),
    ("A 2017 trial in children showed faster fear extinction", "rat"),
    ("Participants given ketamine in 2017 unlearned fear responses", "rat"),
    ("A 2017 study in rats found that ketamine eased PTSD", "people"),
    ("In a mouse model, ketamine eased PTSD symptoms (2017)", "people"),
]
SHOULD_NOT_FIRE = [
    ("A 2017 study in rats found that ketamine sped up fear extinction", "rat"),
    ("A 2017 animal study found that ketamine sped up fear extinction", "rat"),
    ("Ketamine sped up fear extinction in a 2017 study", "rat"),  # no one named
    ("A 2017 trial found that ketamine eased PTSD in adults", "people"),
    ("A 2017 study found ketamine helped patients unlearn fear", "both"),  # both tags
    # Animals named to set the cited work apart from them: the work studied people.
    ("Unlike earlier work in mice, this 2017 trial enrolled veterans with PTSD", "people"),
    ("Ketamine was tested in people rather than rats in 2017", "people"),
    ("Patients, not mice, were given ketamine in this 2017 trial", "people"),
    ("Instead of animal models, the 2017 trial followed outpatients", "people"),
    ("In contrast to the rodent findings, adults improved within a day in 2017", "people"),
]


@pytest.mark.parametrize(("sentence", "record"), SHOULD_FIRE)
def test_should_fire(sentence: str, record: str) -> None:
    found = findings(sentence, record)
    assert "claim-population" in found, found
    assert "PubMed indexes it as" in found["claim-population"]
    assert "claim-study-type" not in found  # one finding for one mistake


@pytest.mark.parametrize(("sentence", "record"), SHOULD_NOT_FIRE)
def test_should_not_fire(sentence: str, record: str) -> None:
    assert "claim-population" not in findings(sentence, record)


def test_the_message_names_the_mesh_evidence() -> None:
    message = findings("A 2017 study found that ketamine helped patients unlearn fear", "rat")[
        "claim-population"
    ]
    assert message == (
        'The text says this study was in people ("patients"); PubMed indexes it as an animal '
        "study (MeSH: Animals, Rats; not Humans)."
    )


def test_claim_study_type_names_the_publication_type() -> None:
    found = findings("A 2017 meta-analysis found that ketamine eased PTSD in adults", "people")
    assert found["claim-study-type"] == (
        "The text calls this a meta-analysis; PubMed indexes it as a Randomized Controlled Trial."
    )


def test_retracted_in_pubmed_only() -> None:
    text = "A 2017 study found it [1].\n\n## References\n\n[1] Smith, J. (2017). A title. Journal, 1, 1-8.\n"
    document = Document("a.md", text, tuple(range(1, 8)), "markdown")
    record = PubmedRecord(pmid="5", publication_types=("Journal Article", "Retracted Publication"))
    work = Work(doi="10.1/r", title="A title", year=2017, pubmed=record)
    found = compare(parse(document), {"1": Resolution(Status.MATCHED, work, 1.0, "doi")})
    (retracted,) = [f for f in found if f.code == "retracted"]
    assert "PubMed indexes it as a Retracted Publication (PMID 5)" in retracted.message


def test_an_in_vitro_record_names_its_cell_headings() -> None:
    cells = PubmedRecord(pmid="7", mesh_headings=("Apoptosis", "Cell Line, Tumor", "Humans"))
    text = "A 2017 animal study found it [1].\n\n## References\n\n[1] Smith, J. (2017). Ketamine and neuroblastoma cells. Journal, 1, 1-8.\n"
    document = Document("a.md", text, tuple(range(1, 8)), "markdown")
    work = Work(
        doi="10.1/c",
        title="Ketamine and neuroblastoma cells",
        year=2017,
        journal="Journal",
        pubmed=cells,
    )
    found = compare(parse(document), {"1": Resolution(Status.MATCHED, work, 1.0, "doi")})
    (design,) = [f for f in found if f.code == "claim-study-type"]
    assert design.severity == "warning"  # animal versus cells stays a warning
    assert "MeSH: Humans, Cell Line, Tumor" in design.message
    assert not [f for f in found if f.code == "claim-population"]


@pytest.mark.parametrize(
    ("sentence", "record", "fires"),
    [
        # PubMed says original and observational, the text says pooled or randomised.
        ("A 2017 meta-analysis found that most patients improved", "charts", True),
        ("A 2017 systematic review found that most patients improved", "charts", True),
        ("A randomised trial found that most patients improved", "charts", True),
        # Designs a retrospective study can be, or that say nothing.
        ("A 2017 chart review found that most patients improved", "charts", False),
        ("A 2017 case series found that most patients improved", "charts", False),
        ("A 2017 cohort study found that most patients improved", "charts", False),
        ("A 2017 study found that most patients improved", "charts", False),
        ("A 2017 trial found that most patients improved", "charts", False),
        # The record leaves a trial possible (trial cohorts), or says only "prospective".
        ("A randomised trial linked short telomeres to cancer", "nested", False),
        ("A 2017 meta-analysis found that nurses slept less", "cohort", False),
        ("A randomised trial found that nurses slept less", "cohort", False),
    ],
)
def test_an_observational_record_is_no_meta_analysis(
    sentence: str, record: str, *, fires: bool
) -> None:
    found = findings(sentence, record)
    assert ("claim-study-type" in found) is fires, found


def test_the_observational_message_names_the_heading() -> None:
    found = findings("A 2017 meta-analysis found that most patients improved", "charts")
    assert found["claim-study-type"] == (
        "The text calls this a meta-analysis; PubMed indexes it as an original observational "
        "study (MeSH: Retrospective Studies), not a meta-analysis."
    )

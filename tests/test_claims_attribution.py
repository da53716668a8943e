"""Claims speak of the cited work, and only of it (issue 9, point 2).

Each row is a sentence in our own words, with the cited study's year, journal, design,
population and authors as the sentence states them. Fields left out must be empty: the
rows with ``{}`` are prose that must yield no claim at all (the citing article speaking
of itself, a topic, a place, an organism, a table, an event's year, a name in passing).
"""

from __future__ import annotations

from typing import Any

import pytest

from citecheck.citations import find_citations
from citecheck.claims import extract_claims
from citecheck.compare import compare
from citecheck.model import (
    Author,
    Claim,
    Document,
    Finding,
    ParsedDocument,
    Population,
    Reference,
    ReferenceFields,
    ReferenceList,
    Resolution,
    Status,
    StudyType,
    Work,
)

H, A, V = Population.HUMAN, Population.ANIMAL, Population.IN_VITRO
S = StudyType
FIELDS = ("year", "journal", "study_type", "population", "authors")


def _claims(text: str) -> tuple[Claim, ...]:
    document = Document("article.txt", text, tuple(range(1, text.count("\n") + 2)))
    references = tuple(Reference(str(i), 100, f"Entry {i}.") for i in range(1, 100))
    citations = find_citations(document, ReferenceList(references, len(text), len(text)))
    return extract_claims(document, citations)


def _fields(claim: Claim) -> dict[str, Any]:
    got = {f: getattr(claim, f) for f in FIELDS}
    return {k: v for k, v in got.items() if v}


# (sentence, label of the claim checked, what that claim states)
CASES: list[tuple[str, str, dict[str, Any]]] = [
    # --- the citing article speaking of itself
    ("This review explores how daylight shapes sleep in teenagers [18].", "18", {}),
    ("This study asks what rural clinics spend on transport [4].", "4", {}),
    ("This article sets out what the evidence says about tea [6].", "6", {}),
    ("In this paper we describe a cheaper assay [3].", "3", {}),
    ("We searched four databases for randomised trials [5].", "5", {}),
    ("Our cohort was recruited in 2015 from two towns [6].", "6", {}),
    ("We recruited adults from three wards, as described before [7].", "7", {}),
    ("The present meta-analysis follows an earlier protocol [8].", "8", {}),
    # --- a design named as a topic
    (
        "The checklist helps appraise qualitative research for inclusion in systematic reviews [51].",
        "51",
        {},
    ),
    # (the cited work is the guideline itself, never the meta-analyses it is about)
    (
        "Guidelines for meta-analyses of observational studies were followed [12].",
        "12",
        {"study_type": S.GUIDELINE},
    ),
    ("Standards for reporting randomized trials were revised [9].", "9", {}),
    ("A tool for assessing bias in cohort studies is widely used [11].", "11", {}),
    # --- places, organisms, tables and bodies are not journals
    ("Outbreaks were reported in England [2].", "2", {}),
    ("Rates are highest in the United States of America [2].", "2", {}),
    ("Flowering is delayed by the same gene in *Arabidopsis* ([88]).", "88", {}),
    ("The primer pairs are listed in the supplement (Table S4) [80].", "80", {}),
    ("Details are given in Table 2 of the appendix [14].", "14", {}),
    (
        "The frog is listed as endangered by the International Union for the Conservation of Nature [10].",
        "10",
        {},
    ),
    ("Cases were first described in Scotland and Wales [15].", "15", {}),
    ("The handbook was first published in the USA [3].", "3", {}),
    ("Papers published in PubMed or indexed in Web of Science were screened [6].", "6", {}),
    ("It was printed in Volume 12 of the series [3].", "3", {}),
    ("Interest in Science education has grown quickly [4].", "4", {}),
    ("Degrees in Science, Technology, Engineering and Mathematics pay well [5].", "5", {}),
    ("Work in Cell biology moved fast [7].", "7", {}),
    # --- the studies a review counted, and instruments for a kind of study
    (
        "The review by Lee et al. [42] included 12 trials.",
        "42",
        {"authors": ("Lee",), "study_type": S.REVIEW},
    ),
    ("Quality was rated with the Newcastle-Ottawa scale for cohort studies [40].", "40", {}),
    ("Guidance on the quality of randomised trials is given in [43].", "43", {}),
    # ... but quality of life and the standard of care are what a trial measured
    (
        "Hospital care improved quality of life in a 2013 randomised trial [44].",
        "44",
        {"year": 2013, "study_type": S.RANDOMIZED_CONTROLLED_TRIAL},
    ),
    (
        "Surgery beat the standard of care in a randomised trial [45].",
        "45",
        {"study_type": S.RANDOMIZED_CONTROLLED_TRIAL},
    ),
    (
        "A review of twenty cohort studies came to the same view [41].",
        "41",
        {"study_type": S.REVIEW},
    ),
    # --- years that are not publication years
    ("The index has been used widely since appearing in 1990 [63].", "63", {}),
    ("Outbreaks were reported in England in 2000 [2].", "2", {}),
    ("In 1967, the first heart transplant was carried out in Cape Town [23].", "23", {}),
    ("The disease was first described in 1912 by a country doctor [24].", "24", {}),
    # --- the years (and designs) of other documents that cite the cited work
    ("The 2013 guidelines from NICE cite this study [1].", "1", {}),
    ("The 2019 WHO report drew on it [2].", "2", {}),
    ("Its findings were cited in the 2015 consensus statement [4].", "4", {}),
    ("In the 2013 guidelines, the society cited it as key evidence [5].", "5", {}),
    ("Lee (2019) and Park (2020) both cited this paper [6].", "6", {}),
    ("Smith et al. cited this study in their 2019 review [7].", "7", {}),
    ("In 2019, the WHO cited this study in its guidance [8].", "8", {}),
    (
        "The 2020 Cochrane review included this trial [3].",
        "3",
        {"study_type": S.TRIAL},
    ),
    (
        "The 2013 NICE guideline recommends the drug on the strength of this trial [1].",
        "1",
        {"study_type": S.TRIAL},
    ),
    (
        "The 2017 heart association statement cited a 2012 trial [5].",
        "5",
        {"year": 2012, "study_type": S.TRIAL},
    ),
    # --- a year and design the marker gives the cited work: still read
    (
        "The 2013 guidelines from NICE [1] recommend exercise for everyone.",
        "1",
        {"year": 2013, "study_type": S.GUIDELINE},
    ),
    (
        "A 2012 meta-analysis [3] included this trial.",
        "3",
        {"year": 2012, "study_type": S.META_ANALYSIS},
    ),
    ("A 2013 trial found fewer falls [1].", "1", {"year": 2013, "study_type": S.TRIAL}),
    ("In 2013, Smith et al. [1] showed fewer falls.", "1", {"year": 2013, "authors": ("Smith",)}),
    (
        "A 2016 study used data from a national registry [1].",
        "1",
        {"year": 2016, "study_type": S.STUDY},
    ),
    # --- names discussed in passing
    (
        "Unlike the prior methods of Estepar et al. [10], our pipeline traces every branch [15], [16].",
        "15",
        {},
    ),
    ("We fitted each model on True et al.'s dataset and compared them [3], [4].", "3", {}),
    ("Chien [8] pointed out that Fan et al.'s estimator is biased.", "8", {}),
    # --- what the cited work is, stated right: these must still be read
    (
        "Unlike the prior methods of Estepar et al. [10], our pipeline traces every branch [15].",
        "10",
        {"authors": ("Estepar",)},
    ),
    (
        "Tedder and colleagues [19] showed the same in mice.",
        "19",
        {"authors": ("Tedder",), "population": A},
    ),
    (
        "The Okoro lab [4] mapped the receptor in rats.",
        "4",
        {"authors": ("Okoro",), "population": A},
    ),
    (
        "Smith et al.'s pilot trial [3] enrolled forty adults.",
        "3",
        {"authors": ("Smith",), "study_type": S.TRIAL, "population": H},
    ),
    ("Reyes Jr et al. found faster healing [7].", "7", {"authors": ("Reyes",)}),
    # --- names listed together: a credit when they are the subject or beside the marker
    (
        "Garcia and Lopez reported that falls were common in care homes [1].",
        "1",
        {"authors": ("Garcia", "Lopez")},
    ),
    (
        "However, Garcia and Lopez later found the reverse in day centres [2].",
        "2",
        {"authors": ("Garcia", "Lopez")},
    ),
    ("Garcia & Lopez [3] report the same.", "3", {"authors": ("Garcia", "Lopez")}),
    (
        "According to Garcia and Lopez, most falls happen at night [4].",
        "4",
        {"authors": ("Garcia", "Lopez")},
    ),
    ("According to Garcia et al., most falls happen at night [4].", "4", {"authors": ("Garcia",)}),
    (
        "Mason, Ortiz and Zhou wrote about what rural clinics charge [4].",
        "4",
        {"authors": ("Mason", "Ortiz", "Zhou")},
    ),
    ("Garcia and Lopez’s audit [5] came to the same view.", "5", {"authors": ("Garcia", "Lopez")}),
    (
        "Grassi and Baker pooled the trials [6].",
        "6",
        {"authors": ("Grassi", "Baker"), "study_type": S.TRIAL},
    ),
    # --- a journal as the subject that published the cited work
    (
        "The Lancet published the trial in 2013 [1].",
        "1",
        {"journal": "Lancet", "year": 2013, "study_type": S.TRIAL},
    ),
    (
        "The noni trial was small, and the Journal of Ethnopharmacology carried it [2].",
        "2",
        {"journal": "Journal of Ethnopharmacology", "study_type": S.TRIAL},
    ),
    ("The Science Museum ran an exhibit on it [1].", "1", {}),
    # The editorial may be the cited work; only what it is, not where, is read.
    ("The Lancet ran an editorial about the fuss [1].", "1", {"study_type": S.EDITORIAL}),
    ("Oxford University Press published the book [1].", "1", {}),
    # --- names listed together that are not the cited work's authors
    ("The Smith and Jones criteria were applied to every chart [1].", "1", {}),
    ("Every chart met the Smith and Jones criteria [1].", "1", {}),
    ("Kaplan and Meier curves were drawn for each arm [1].", "1", {}),
    ("Beck and colleagues' scale was used in [1].", "1", {}),
    ("Beck and Steer's inventory was scored as in [1].", "1", {}),
    ("Bosnia and Herzegovina reported thirty cases [2].", "2", {}),
    ("Denmark, Norway and Sweden reported fewer cases [2].", "2", {}),
    ("Johnson and Johnson reported the results [3].", "3", {}),
    ("Visits to Garcia and Lopez were booked weekly [4].", "4", {}),
    ("Two maps, the Harvard Atlas [5] and Oxford Atlas [6], were used.", "6", {}),
    (
        "This trial [5] enrolled three hundred children.",
        "5",
        {"study_type": S.TRIAL, "population": H},
    ),
    ("In our earlier study, mice lacking the gene gained weight [3].", "3", {"population": A}),
    (
        "A 2016 study published in the Journal of Sleep Research found shorter naps helped [1].",
        "1",
        {"year": 2016, "journal": "Journal of Sleep Research", "study_type": S.STUDY},
    ),
    (
        "Results published in Neurology in 2012 were similar [1].",
        "1",
        {"year": 2012, "journal": "Neurology"},
    ),
    ("The finding appeared in *Neuron* [1].", "1", {"journal": "Neuron"}),
    (
        "A 2016 study in Nature showed less pain [1].",
        "1",
        {"year": 2016, "journal": "Nature", "study_type": S.STUDY},
    ),
    (
        "In 2019, researchers found the same effect in nurses [1].",
        "1",
        {"year": 2019, "population": H},
    ),
    (
        "A randomized trial in Sweden compared two doses [1].",
        "1",
        {"study_type": S.RANDOMIZED_CONTROLLED_TRIAL},
    ),
    (
        "We compared our results with a 2019 cohort study of veterans [2].",
        "2",
        {"year": 2019, "study_type": S.COHORT, "population": H},
    ),
]


@pytest.mark.parametrize(("sentence", "label", "expected"), CASES)
def test_claim_attribution(sentence: str, label: str, expected: dict[str, Any]) -> None:
    claims = [c for c in _claims(sentence) if label in c.references]
    assert claims, f"no claim carries [{label}]"
    assert _fields(claims[0]) == expected


# --- the comparator: any author of the record counts; a cut-short list proves nothing

RECORD = Work(
    doi="10.1000/b-cells",
    title="Regulatory B cells control inflammation in mice",
    authors=(Author("Iwata", "Y."), Author("Matsushita", "T."), Author("Tedder", "T. F.")),
    journal="Blood",
    year=2011,
)


def _check(sentence: str, entry: str, fields: ReferenceFields, work: Work | None) -> list[str]:
    text = f"{sentence}\n\nReferences\n\n1. {entry}\n"
    document = Document("a.txt", text, tuple(range(1, text.count("\n") + 2)))
    reference = Reference("1", 5, entry, fields=fields, parsed=True)
    citations = find_citations(document, ReferenceList((reference,), len(sentence), len(text)))
    parsed = ParsedDocument(document, (reference,), citations, extract_claims(document, citations))
    status = Status.MATCHED if work else Status.UNVERIFIED
    resolution = Resolution(status, work=work, reason=None if work else "offline")
    return [f.code for f in compare(parsed, {"1": resolution}) if f.code.startswith("claim-")]


ENTRY = (
    "Iwata Y, Matsushita T, et al. Regulatory B cells control inflammation in mice. Blood. 2011."
)
ENTRY_FIELDS = ReferenceFields(
    authors=(Author("Iwata", "Y"), Author("Matsushita", "T")), et_al=True, year=2011
)


@pytest.mark.parametrize(
    ("sentence", "work", "codes"),
    [
        ("Tedder and colleagues [1] found fewer flares.", RECORD, []),  # last author
        ("Matsushita et al. [1] found fewer flares.", RECORD, []),
        ("Iwata et al. [1] found fewer flares.", RECORD, []),
        ("Tedder and colleagues [1] found fewer flares.", None, []),  # entry says "et al."
        ("Okonkwo et al. [1] found fewer flares.", RECORD, ["claim-author"]),
        # Names listed together: each must be an author, the senior one too.
        ("Iwata and Tedder reported fewer flares [1].", RECORD, []),
        ("Matsushita and Iwata [1] found fewer flares.", RECORD, []),
        ("Iwata and Okonkwo reported fewer flares [1].", RECORD, ["claim-author"]),
        ("Okonkwo and Tedder reported fewer flares [1].", RECORD, ["claim-author"]),
        ("Iwata, Matsushita and Okonkwo found fewer flares [1].", RECORD, ["claim-author"]),
        ("Iwata and Okonkwo reported fewer flares [1].", None, []),  # entry says "et al."
        # Neither name is an author: they may be no people at all.
        ("Pfizer and Moderna reported fewer flares [1].", RECORD, []),
        # Dated names are people: both are reported.
        (
            "Okonkwo and Baker (2011) found fewer flares [1].",
            RECORD,
            ["claim-author", "claim-author"],
        ),
        # A near spelling of the senior author is a warning, not a stranger.
        ("Iwata and Teder reported fewer flares [1].", RECORD, ["claim-author"]),
    ],
)
def test_claim_author_against_every_author(
    sentence: str, work: Work | None, codes: list[str]
) -> None:
    assert _check(sentence, ENTRY, ENTRY_FIELDS, work) == codes


def _findings(sentence: str, work: Work) -> list[Finding]:
    text = f"{sentence}\n\nReferences\n\n1. {ENTRY}\n"
    document = Document("a.txt", text, tuple(range(1, text.count("\n") + 2)))
    reference = Reference("1", 5, ENTRY, fields=ENTRY_FIELDS, parsed=True)
    citations = find_citations(document, ReferenceList((reference,), len(sentence), len(text)))
    parsed = ParsedDocument(document, (reference,), citations, extract_claims(document, citations))
    found = compare(parsed, {"1": Resolution(Status.MATCHED, work=work)})
    return [f for f in found if f.code == "claim-author"]


def test_a_listed_name_is_reported_as_a_single_name_is() -> None:
    (single,) = _findings("Okonkwo et al. [1] found fewer flares.", RECORD)
    (listed,) = _findings("Iwata and Okonkwo reported fewer flares [1].", RECORD)
    assert (listed.message, listed.severity, listed.stated) == (
        single.message,
        single.severity,
        single.stated,
    )
    (near,) = _findings("Iwata and Teder reported fewer flares [1].", RECORD)
    assert (near.severity, near.stated, near.actual) == ("warning", "Teder", "Tedder")


def test_a_name_suffix_is_not_the_family_name() -> None:
    record = Work(
        doi="10.1000/suffix",
        title="Weight and blood pressure in rural adults",
        authors=(Author("Mainous 3rd", "A. G."), Author("Diaz", "V. A.")),
        year=2008,
    )
    fields = ReferenceFields(authors=(Author("Mainous", "AG 3rd"), Author("Diaz", "VA")), year=2008)
    entry = "Mainous AG 3rd, Diaz VA. Weight and blood pressure in rural adults. 2008."
    assert _check("Mainous et al. [1] found a link.", entry, fields, record) == []


def test_an_entry_suffix_is_not_a_wrong_family_name() -> None:
    from citecheck.compare.entry import entry_findings

    record = Work(
        doi="10.1000/suffix",
        title="Weight and blood pressure in rural adults",
        authors=(Author("King Jr.", "M. L."), Author("Diaz", "V. A."), Author("Koopman", "R")),
        year=2008,
    )
    fields = ReferenceFields(
        authors=(Author("King", "ML Jr"), Author("Diaz", "VA"), Author("Koopman", "RJ")),
        year=2008,
        title="Weight and blood pressure in rural adults",
    )
    reference = Reference(
        "1", 5, "KingML Jr, DiazVA, KoopmanRJ (2008) ...", fields=fields, parsed=True
    )
    found = entry_findings(reference, Resolution(Status.MATCHED, work=record))
    assert [f.code for f in found if f.code == "ref-authors"] == []

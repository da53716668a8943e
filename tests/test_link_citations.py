"""Links are citations: link references, claims from anchor text, findings on links."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import Config
from citecheck.model import ReferenceKind
from citecheck.pipeline import check, parse
from citecheck.readers import read_bytes
from citecheck.report import RENDERERS, render
from citecheck.resolve.records import RecordsSource
from citecheck.resolve.resolver import WorkResolver

ROOT = Path(__file__).resolve().parents[1]
RECORDS = ROOT / "examples" / "records.jsonl"
WILKINSON = "10.4088/jcp.17m11731"
FEDER = "10.1001/jamapsychiatry.2014.62"


def parsed(markdown: str, name: str = "post.md"):  # type: ignore[no-untyped-def]
    return parse(read_bytes(markdown.encode(), name))


def findings(markdown: str, tmp_path: Path, name: str = "post.md") -> list[tuple[str, str]]:
    path = tmp_path / name
    path.write_text(markdown, encoding="utf-8")
    resolver = WorkResolver(RecordsSource(RECORDS))
    report = check([str(path)], Config(records=str(RECORDS)), resolver)
    return [(f.label or "", f.code) for f in report.findings()]


# (prose, expected (label, kind, doi, pmid, pmcid) of the references the links make)
REFERENCE_ROWS = [
    (
        "Seen in [Wilkinson et al. 2016](https://doi.org/10.4088/jcp.17m11731).\n",
        [("link-1", "link", WILKINSON, None, None)],
    ),
    (
        "Two forms of one DOI, [one](https://doi.org/10.4088/jcp.17m11731) and "
        "[two](https://www.psychiatrist.com/doi/10.4088/JCP.17m11731) are one work.\n",
        [("link-1", "link", WILKINSON, None, None)],
    ),
    (
        "PubMed [here](https://pubmed.ncbi.nlm.nih.gov/90000003/) and PMC "
        "[there](https://pmc.ncbi.nlm.nih.gov/articles/PMC8733716/).\n",
        [("link-1", "link", None, "90000003", None), ("link-2", "link", None, None, "PMC8733716")],
    ),
    (
        "A preprint [on arXiv](https://arxiv.org/abs/2101.00001v2).\n",
        [("link-1", "link", "10.48550/arxiv.2101.00001", None, None)],
    ),
    (
        "A bare DOI, doi:10.1001/jamapsychiatry.2014.62, cites too.\n",
        [("link-1", "link", FEDER, None, None)],
    ),
    (
        "The [NIMH](https://www.nimh.nih.gov/health) and [a blog](https://example.org/x) are not works.\n",
        [],
    ),
    (
        "The [publisher page](https://jamanetwork.com/journals/jamapsychiatry/fullarticle/1860851).\n",
        [("link-1", "link", None, None, None)],
    ),
]


@pytest.mark.parametrize(("prose", "expected"), REFERENCE_ROWS)
def test_each_distinct_scholarly_target_is_one_link_reference(prose: str, expected: list) -> None:  # type: ignore[type-arg]
    document = parsed(prose)
    got = [
        (r.label, r.kind.value, r.fields.doi, r.fields.pmid, r.fields.pmcid)
        for r in document.references
    ]
    assert got == expected
    linked = {label for c in document.citations if c.url for label in c.references}
    assert linked == {row[0] for row in expected}


def test_a_link_to_an_entrys_doi_cites_that_entry() -> None:
    document = parsed(
        "As [Feder et al. 2014](https://doi.org/10.1001/jamapsychiatry.2014.62) showed.\n\n"
        "## References\n\n"
        "1. Feder A, Parides MK, Murrough JW, et al. Efficacy of intravenous ketamine for "
        "treatment of chronic posttraumatic stress disorder: a randomized clinical trial. "
        "JAMA Psychiatry. 2014;71(6):681-688. doi:10.1001/jamapsychiatry.2014.62\n"
    )
    assert [r.kind for r in document.references] == [ReferenceKind.ENTRY]
    assert [c.references for c in document.citations] == [("1",)]
    assert document.uncited() == ()


@pytest.mark.parametrize(
    ("anchor", "year", "authors"),
    [
        ("Wilkinson et al. 2016", 2016, ("Wilkinson",)),
        ("Wilkinson et al., 2016", 2016, ("Wilkinson",)),
        ("Feder & Charney, 2014", 2014, ("Feder", "Charney")),
        ("Singh (2016)", 2016, ("Singh",)),
        ("the full text", None, ()),
    ],
)
def test_author_date_anchor_text_is_the_claim(
    anchor: str, year: int | None, authors: tuple
) -> None:  # type: ignore[type-arg]
    document = parsed(f"Results by [{anchor}](https://doi.org/10.4088/jcp.17m11731) held.\n")
    (claim,) = document.claims
    assert (claim.year, claim.authors) == (year, authors)


def test_sentence_claims_fire_on_link_citations(tmp_path: Path) -> None:
    got = findings(
        "Most clinics cite [Wilkinson et al. 2016](https://doi.org/10.4088/jcp.17m11731).\n\n"
        "Dosing rests on [a 2019 meta-analysis](https://doi.org/10.1176/appi.ajp.2016.16010037).\n\n"
        "Fear fades faster, says [a 2020 trial in the Journal of Psychopharmacology]"
        "(https://doi.org/10.1016/j.nbd.2016.12.026).\n",
        tmp_path,
    )
    assert set(got) == {
        ("link-1", "claim-year"),
        ("link-2", "claim-year"),
        ("link-2", "claim-study-type"),
        ("link-3", "claim-year"),
        ("link-3", "claim-journal"),
    }


def test_a_correct_link_is_never_accused(tmp_path: Path) -> None:
    got = findings(
        "In [a 2014 randomized trial in JAMA Psychiatry](https://doi.org/10.1001/jamapsychiatry.2014.62) "
        "one infusion helped, as [Feder and colleagues (2014)](https://doi.org/10.1001/jamapsychiatry.2014.62) "
        "wrote (https://doi.org/10.1001/jamapsychiatry.2014.62).\n",
        tmp_path,
    )
    assert got == []


def test_corrected_anchor_text_is_the_suggestion(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "See [Wilkinson et al. 2016](https://doi.org/10.4088/jcp.17m11731).\n\n"
        "And [a 2019 meta-analysis](https://doi.org/10.1176/appi.ajp.2016.16010037).\n",
        encoding="utf-8",
    )
    report = check([str(path)], Config(), WorkResolver(RecordsSource(RECORDS)))
    suggestions = {f.label: f.suggestion for f in report.findings()}
    assert suggestions == {
        "link-1": "Wilkinson et al., 2018",
        "link-2": "a 2016 randomized controlled trial",
    }
    messages = [f.message for f in report.findings()]
    assert all(m.startswith('link "') for m in messages)


def test_a_link_naming_other_authors_and_year_is_a_doi_mismatch(tmp_path: Path) -> None:
    got = findings(
        "As [Diazgranados et al. 2010](https://doi.org/10.1093/ijnp/pyu039) found.\n", tmp_path
    )
    assert got == [("link-1", "ref-doi-mismatch")]


def test_pubmed_and_journal_page_links_are_unverified_never_not_found(tmp_path: Path) -> None:
    got = findings(
        "A [study](https://pubmed.ncbi.nlm.nih.gov/90000004/) and the "
        "[full text](https://jamanetwork.com/journals/jamapsychiatry/fullarticle/1860851).\n",
        tmp_path,
    )
    assert got == [("link-1", "unverified"), ("link-2", "unverified")]


def test_part_of_a_compound_family_name_is_the_author() -> None:
    from citecheck.compare.claims import _author_finding
    from citecheck.model import Author

    assert _author_finding("Morell", (Author("Ortega Morell", "A"),), "the record") is None
    assert _author_finding("Behzadi", (Author("Sadigh-Behzadi", "S"),), "the record") is None
    assert _author_finding("Smith", (Author("Ortega Morell", "A"),), "the record") is not None


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_every_format_shows_link_references(fmt: str) -> None:
    example = ROOT / "examples" / "ketamine-links.md"
    report = check([str(example)], Config(), WorkResolver(RecordsSource(RECORDS)))
    out = render(report, fmt)
    # Every format names the link (anchor text and URL) where it names a reference.
    assert "Wilkinson et al. 2016" in out
    assert "doi.org/10.4088/jcp.17m11731" in out
    if fmt != "github":  # annotations carry no labels
        assert "link-1" in out


@pytest.mark.parametrize(
    ("anchor", "mismatch"),
    [
        ("“Ketamine for bipolar depression in older adults”", True),  # another work's title
        ("Ketamine in bipolar depression: a crossover trial in adults", True),
        ("“Efficacy of intravenous ketamine for chronic PTSD”", False),  # the same work, shortened
        ("a 2014 randomized trial in JAMA Psychiatry about chronic PTSD", False),  # a description
        ("the full paper", False),
    ],
)
def test_a_link_quoting_another_works_title_is_a_doi_mismatch(
    anchor: str, mismatch: bool, tmp_path: Path
) -> None:
    got = findings(f"Read [{anchor}](https://doi.org/10.1001/jamapsychiatry.2014.62).\n", tmp_path)
    assert (("link-1", "ref-doi-mismatch") in got) is mismatch
    if not mismatch:
        assert got == []


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("Mohammadi Darestani et al. 2016", (("Mohammadi Darestani",), 2016)),
        ("Jin-Fu Chang and Cheng-Shong Wu 1990", (("Jin-Fu Chang", "Cheng-Shong Wu"), 1990)),
        ("van der Berg et al., 2011", (("van der Berg",), 2011)),
        ("Nature 2019", None),
        ("The Lancet 2020", None),
        ("Science Daily 2019", None),
        ("a study 2019", None),
    ],
)
def test_author_date_anchors_and_what_is_not_one(anchor: str, expected: object) -> None:
    from citecheck.link_citations import read_anchor

    assert read_anchor(anchor) == expected


def test_docx_hyperlinks_are_link_citations(tmp_path: Path) -> None:
    from tests.test_readers_docx import p, package, r

    body = p(
        r("Most clinics cite "),
        '<w:hyperlink r:id="rId5">' + r("Wilkinson et al. 2016") + "</w:hyperlink>",
        r(", and "),
        '<w:hyperlink r:id="rId6">' + r("a news story") + "</w:hyperlink>",
        r("."),
    )
    data = package(
        body, links={5: "https://doi.org/10.4088/jcp.17m11731", 6: "https://example.org/x"}
    )
    path = tmp_path / "post.docx"
    path.write_bytes(data)
    report = check([str(path)], Config(), WorkResolver(RecordsSource(RECORDS)))
    found = [(f.label, f.code, f.suggestion) for f in report.findings()]
    assert found == [("link-1", "claim-year", "Wilkinson et al., 2018")]


def test_a_corrected_anchor_names_the_animals_once(tmp_path: Path) -> None:
    path = tmp_path / "post.md"
    path.write_text(
        "Exercise genes differed in [a 2014 trial in patients who run]"
        "(https://doi.org/10.1155/2014/361048).\n",
        encoding="utf-8",
    )
    report = check([str(path)], Config(), WorkResolver(RecordsSource(RECORDS)))
    suggestions = {f.suggestion for f in report.findings() if f.label == "link-1"}
    assert suggestions == {"a 2014 study in animals who run"}

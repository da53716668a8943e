"""links.identify: one row per URL form a scholarly link is written in."""

from __future__ import annotations

import pytest

from citecheck.links import IdKind, arxiv_doi, identify, is_journal_page
from citecheck.model import Document
from citecheck.references import find_references

DOI, PMID, PMCID, PII, ARXIV = IdKind.DOI, IdKind.PMID, IdKind.PMCID, IdKind.PII, IdKind.ARXIV

ROWS = [
    # resolver links, in every spelling
    ("https://doi.org/10.4088/JCP.17m11731", DOI, "10.4088/jcp.17m11731"),
    ("http://doi.org/10.4088/jcp.17m11731", DOI, "10.4088/jcp.17m11731"),
    ("https://dx.doi.org/10.1176/appi.ajp.2016.16010037", DOI, "10.1176/appi.ajp.2016.16010037"),
    ("https://www.doi.org/10.1001/jamapsychiatry.2014.62", DOI, "10.1001/jamapsychiatry.2014.62"),
    ("doi.org/10.1016/j.nbd.2016.12.026", DOI, "10.1016/j.nbd.2016.12.026"),
    ("//doi.org/10.1016/j.nbd.2016.12.026", DOI, "10.1016/j.nbd.2016.12.026"),
    ("https://doi.org/10.4088%2Fjcp.17m11731", DOI, "10.4088/jcp.17m11731"),
    ("https://doi.org/10.4088%252Fjcp.17m11731", DOI, "10.4088/jcp.17m11731"),
    ("https://doi.org/doi:10.1093/ijnp/pyu039", DOI, "10.1093/ijnp/pyu039"),
    ("https://doi.org/10.1093/ijnp/pyu039.", DOI, "10.1093/ijnp/pyu039"),
    ("https://doi.org/10.1093/ijnp/pyu039?utm_source=feed", DOI, "10.1093/ijnp/pyu039"),
    ("<https://doi.org/10.1093/ijnp/pyu039>", DOI, "10.1093/ijnp/pyu039"),
    ("https://hdl.handle.net/10.1093/ijnp/pyu039", DOI, "10.1093/ijnp/pyu039"),
    (
        "https://doi.org/10.1016/S0140-6736(20)30183-5",
        DOI,
        "10.1016/s0140-6736(20)30183-5",
    ),
    # bare identifiers written in the prose
    ("doi:10.1001/jamapsychiatry.2014.62", DOI, "10.1001/jamapsychiatry.2014.62"),
    ("DOI: 10.1001/jamapsychiatry.2014.62", DOI, "10.1001/jamapsychiatry.2014.62"),
    ("10.1001/jamapsychiatry.2014.62", DOI, "10.1001/jamapsychiatry.2014.62"),
    ("arXiv:2101.00001v3", ARXIV, "2101.00001"),
    # publisher pages with the DOI in the path or the query
    (
        "https://ajp.psychiatryonline.org/doi/10.1176/appi.ajp.2016.16010037",
        DOI,
        "10.1176/appi.ajp.2016.16010037",
    ),
    (
        "https://journals.sagepub.com/doi/full/10.1177/0269881119827811",
        DOI,
        "10.1177/0269881119827811",
    ),
    ("https://onlinelibrary.wiley.com/doi/abs/10.1002/da.22653", DOI, "10.1002/da.22653"),
    ("https://onlinelibrary.wiley.com/doi/epdf/10.1002/da.22653", DOI, "10.1002/da.22653"),
    (
        "https://www.tandfonline.com/doi/pdf/10.1080/15622975.2019.1234567",
        DOI,
        "10.1080/15622975.2019.1234567",
    ),
    (
        "https://bmcpsychiatry.biomedcentral.com/articles/10.1186/s12888-020-02567-0",
        DOI,
        "10.1186/s12888-020-02567-0",
    ),
    (
        "https://link.springer.com/article/10.1007/s00213-019-05290-7",
        DOI,
        "10.1007/s00213-019-05290-7",
    ),
    (
        "https://www.frontiersin.org/articles/10.3389/fpsyt.2020.00001/full",
        DOI,
        "10.3389/fpsyt.2020.00001",
    ),
    (
        "https://www.biorxiv.org/content/10.1101/2020.03.05.979260v2",
        DOI,
        "10.1101/2020.03.05.979260",
    ),
    (
        "https://www.medrxiv.org/content/10.1101/2021.01.04.21249218v1.full.pdf",
        DOI,
        "10.1101/2021.01.04.21249218",
    ),
    (
        "https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0020476",
        DOI,
        "10.1371/journal.pone.0020476",
    ),
    (
        "https://academic.oup.com/ijnp/article/doi/10.1093/ijnp/pyu039/abstract",
        DOI,
        "10.1093/ijnp/pyu039",
    ),
    # PubMed and PMC
    ("https://pubmed.ncbi.nlm.nih.gov/29999992/", PMID, "29999992"),
    ("https://pubmed.ncbi.nlm.nih.gov/29999992", PMID, "29999992"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/29999992", PMID, "29999992"),
    ("https://www.ncbi.nlm.nih.gov/pubmed/?term=29999992", PMID, "29999992"),
    ("https://pubmed.ncbi.nlm.nih.gov/?term=29999992%5Bpmid%5D", PMID, "29999992"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/pmid/29999992/", PMID, "29999992"),
    ("https://europepmc.org/abstract/MED/29999992", PMID, "29999992"),
    ("https://europepmc.org/article/MED/29999992", PMID, "29999992"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8733716/", PMCID, "PMC8733716"),
    ("https://www.ncbi.nlm.nih.gov/pmc/articles/pmc8733716", PMCID, "PMC8733716"),
    ("https://pmc.ncbi.nlm.nih.gov/articles/PMC8733716/", PMCID, "PMC8733716"),
    ("https://www.ncbi.nlm.nih.gov/pmc/PMC8733716/", PMCID, "PMC8733716"),
    ("https://europepmc.org/article/PMC/PMC8733716", PMCID, "PMC8733716"),
    ("https://europepmc.org/articles/PMC8733716", PMCID, "PMC8733716"),
    # Elsevier PIIs (Crossref alternative-id)
    (
        "https://www.sciencedirect.com/science/article/pii/S0969996116303199",
        PII,
        "S0969996116303199",
    ),
    (
        "https://www.sciencedirect.com/science/article/abs/pii/S0969996116303199",
        PII,
        "S0969996116303199",
    ),
    ("https://linkinghub.elsevier.com/retrieve/pii/S0969996116303199", PII, "S0969996116303199"),
    (
        "https://www.thelancet.com/journals/lancet/article/PIIS0140-6736(20)30183-5/fulltext",
        PII,
        "S0140673620301835",
    ),
    ("https://www.cell.com/cell/fulltext/S0092-8674(20)30001-1", PII, "S0092867420300011"),
    # arXiv (DataCite DOI 10.48550/arXiv.ID)
    ("https://arxiv.org/abs/2101.00001", ARXIV, "2101.00001"),
    ("https://arxiv.org/abs/2101.00001v2", ARXIV, "2101.00001"),
    ("https://arxiv.org/pdf/2101.00001.pdf", ARXIV, "2101.00001"),
    ("https://export.arxiv.org/abs/hep-th/9901001", ARXIV, "hep-th/9901001"),
]


@pytest.mark.parametrize(("url", "kind", "value"), ROWS, ids=[r[0] for r in ROWS])
def test_identify_reads_every_scholarly_url_form(url: str, kind: IdKind, value: str) -> None:
    found = identify(url)
    assert found is not None
    assert (found.kind, found.value) == (kind, value)


NOT_SCHOLARLY = [
    "https://www.nimh.nih.gov/health/topics/depression",
    "https://en.wikipedia.org/wiki/Ketamine",
    "https://jamanetwork.com/journals/jamapsychiatry/fullarticle/1860851",
    "https://www.nytimes.com/2019/03/05/health/ketamine-depression.html",
    "mailto:editor@example.org",
    "#ref-1",
    "/about/",
    "",
    "10.5 mg/kg",
    "https://doi.org/",
]


@pytest.mark.parametrize("url", NOT_SCHOLARLY)
def test_identify_leaves_other_pages_alone(url: str) -> None:
    assert identify(url) is None


def test_a_doi_link_is_shown_at_doi_org() -> None:
    found = identify("https://dx.doi.org/10.4088%2FJCP.17m11731")
    assert found is not None and found.url == "https://doi.org/10.4088/jcp.17m11731"


def test_arxiv_ids_have_datacite_dois() -> None:
    assert arxiv_doi("2101.00001") == "10.48550/arxiv.2101.00001"


@pytest.mark.parametrize(
    "url", ["http://[1", "http://a]b/", "https://[x/10.1/abc", "www.[nejm.org/x"]
)
def test_a_url_urllib_refuses_is_no_identifier_and_no_crash(url: str) -> None:
    # Found by test_find_references_never_raises: urlsplit raises ValueError("Invalid IPv6
    # URL") on an unclosed "[" in the host, and a reference list ending in such a line
    # crashed find_references.
    assert identify(url) is None
    assert not is_journal_page(url)
    text = f"Some prose.\n\nReferences\n\n1. {url}\n"
    find_references(Document("x.md", text, tuple(range(1, text.count("\n") + 2)), "text"))

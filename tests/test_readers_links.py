"""Every reader fills Document.links: anchor text, target, offsets and source line."""

from __future__ import annotations

import pytest
from tests.test_readers_docx import p, package, r

from citecheck.readers import read_bytes

WILKINSON = "https://doi.org/10.4088/jcp.17m11731"

# (file name, content, expected (url, anchor text, line) of every link, in order)
ROWS: list[tuple[str, bytes, list[tuple[str, str, int]]]] = [
    (
        "inline.md",
        b"Intro.\n\nAs [Wilkinson et al. 2016](https://doi.org/10.4088/jcp.17m11731) showed.\n",
        [(WILKINSON, "Wilkinson et al. 2016", 3)],
    ),
    (
        "reference-style.md",
        b"A [2019 meta-analysis][singh] found it.\n\n[singh]: https://doi.org/10.1176/appi.ajp.2016.16010037\n",
        [("https://doi.org/10.1176/appi.ajp.2016.16010037", "2019 meta-analysis", 1)],
    ),
    (
        "collapsed.md",
        b"As [Feder 2014][] reported.\n\n[Feder 2014]: https://doi.org/10.1001/jamapsychiatry.2014.62\n",
        [("https://doi.org/10.1001/jamapsychiatry.2014.62", "Feder 2014", 1)],
    ),
    (
        "autolink.md",
        b"Read it at <https://pubmed.ncbi.nlm.nih.gov/29999992/>.\n",
        [("https://pubmed.ncbi.nlm.nih.gov/29999992/", "", 1)],
    ),
    (
        "inline-html.md",
        b'One <a href="https://doi.org/10.1016/j.nbd.2016.12.026">rat study</a> did.\n',
        [("https://doi.org/10.1016/j.nbd.2016.12.026", "rat study", 1)],
    ),
    (
        "bare.md",
        b"Line one.\nSee https://doi.org/10.1093/ijnp/pyu039, then doi:10.1001/jamapsychiatry.2014.62.\n",
        [
            ("https://doi.org/10.1093/ijnp/pyu039", "", 2),
            ("doi:10.1001/jamapsychiatry.2014.62", "", 2),
        ],
    ),
    (
        "bare.txt",
        b"First.\n(see https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8733716/) and 10.1093/ijnp/pyu039.\n",
        [
            ("https://www.ncbi.nlm.nih.gov/pmc/articles/PMC8733716/", "", 2),
            ("10.1093/ijnp/pyu039", "", 2),
        ],
    ),
    (
        "parenthesised.txt",
        b"A trial (https://doi.org/10.1016/S0140-6736(20)30183-5) said so.\n",
        [("https://doi.org/10.1016/S0140-6736(20)30183-5", "", 1)],
    ),
    (
        "page.html",
        b"<html><body>\n<p>A\n<a href='https://doi.org/10.4088/jcp.17m11731'>Wilkinson et al. 2016</a>\n"
        b"paper and <a href='https://www.nimh.nih.gov/health'>a guide</a>.</p>\n"
        b"<p>Bare: https://pubmed.ncbi.nlm.nih.gov/29999992/</p></body></html>",
        [
            (WILKINSON, "Wilkinson et al. 2016", 3),
            ("https://www.nimh.nih.gov/health", "a guide", 4),
            ("https://pubmed.ncbi.nlm.nih.gov/29999992/", "", 5),
        ],
    ),
    (
        "superscript.html",
        b'<p>Ketamine helps.<sup><a href="https://doi.org/10.4088/jcp.17m11731">1</a></sup></p>',
        [(WILKINSON, "1", 1)],
    ),
    (
        "local.html",
        b'<p>See <a href="#ref1">[1]</a> and <a href="/about">us</a>.</p>',
        [],
    ),
]


@pytest.mark.parametrize(("name", "data", "expected"), ROWS, ids=[row[0] for row in ROWS])
def test_readers_record_links(name: str, data: bytes, expected: list[tuple[str, str, int]]) -> None:
    document = read_bytes(data, name)
    assert [(link.url, link.text, link.line) for link in document.links] == expected
    for link in document.links:
        written = document.text[link.start : link.end]
        assert written == (link.text or link.url)
    assert "\ue000" not in document.text and "\ue001" not in document.text


def test_docx_hyperlinks_are_links() -> None:
    body = p(r("Intro.")) + p(
        r("As "),
        '<w:hyperlink r:id="rId5">' + r("Wilkinson et al. 2016") + "</w:hyperlink>",
        r(" and "),
        '<w:hyperlink r:id="rId6">' + r("a blog") + "</w:hyperlink>",
        r(" showed."),
    )
    data = package(body, links={5: WILKINSON, 6: "https://example.org/post"})
    document = read_bytes(data, "links.docx")
    assert [(link.url, link.text, link.line) for link in document.links] == [
        (WILKINSON, "Wilkinson et al. 2016", 2),
        ("https://example.org/post", "a blog", 2),
    ]
    first = document.links[0]
    assert document.text[first.start : first.end] == "Wilkinson et al. 2016"


# Texts where bare URLs start, fail to start, nest and touch: the quick scan that finds
# where a bare URL can start must give exactly what trying every position gives.
BARE_TEXTS = [
    "see https://doi.org/10.1000/x1, then www.example.org/a.",
    "HTTPS://EXAMPLE.ORG/A and Www.Example.org and DOI: 10.1000/ABC and doi:10.1000/x",
    "x10.1000/abc a/10.1000/abc 10.1000/abc (10.1000/abc) 10.10.1000/abc",
    "wwww.example.org www.www.example.org httpss://x http://x https://",
    "mail@www.example.org a.www.example.org -https://x/ /http://x",
    "http\u017f://example.org/ do\u0130:10.1000/x do\u0131:10.1000/y dOi:\t10.1000/z",
    "<https://example.org/a>[https://example.org/b]{www.c.org}|10.1000/q|",
    "",
    "h w d 1 ht htt http: www doi 10. 10.1 10.1234",
]


@pytest.mark.parametrize("text", BARE_TEXTS)
def test_bare_url_scan_matches_a_full_scan(text: str) -> None:
    from citecheck.readers.text import _BARE, bare_urls

    expected = [match.span() for match in _BARE.finditer(text)]
    assert [match.span() for match in bare_urls(text)] == expected


def test_linked_document_keeps_the_line_starts_of_its_text() -> None:
    """with_links hands the line starts it found on to the document it returns: they are
    those of its text."""
    from citecheck.model import Document
    from citecheck.readers.text import with_links

    text = "See https://example.org/a\nand 10.1000/xyz here.\n\nEnd"
    document = Document(path="a.txt", text=text, line_numbers=(1, 2, 3, 4))
    linked = with_links(document)
    assert len(linked.links) == 2
    fresh = Document(path="a.txt", text=text, line_numbers=(1, 2, 3, 4))
    assert linked.line_starts == fresh.line_starts == [0, 26, 48, 49]
    assert linked == Document(
        path="a.txt", text=text, line_numbers=(1, 2, 3, 4), links=linked.links
    )

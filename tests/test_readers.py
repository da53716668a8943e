"""Readers: formats, encodings, line numbers, boilerplate, errors (tables of input -> text)."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from citecheck import readers
from citecheck.errors import ReadError
from citecheck.readers.encoding import decode

FIXTURES = Path(__file__).parent / "fixtures" / "readers"
SAMPLE = Path("/work/shared/samples/ketamine-kap-blog.txt")


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"plain ascii", "plain ascii"),
        ("café “quoted” • item".encode(), "café “quoted” • item"),
        (b"\xef\xbb\xbfbom utf-8", "bom utf-8"),
        (b"\xff\xfe" + "utf-16 le é".encode("utf-16-le"), "utf-16 le é"),
        (b"\xfe\xff" + "utf-16 be é".encode("utf-16-be"), "utf-16 be é"),
        (b"caf\xe9 \x93quoted\x94", "café “quoted”"),
        (b"undefined in cp1252 \x81\x8d", "undefined in cp1252 \x81\x8d"),
        (b"crlf\r\nline\rcr", "crlf\nline\ncr"),
        (b"stray\x0bbreak\xe2\x80\xa8here", "stray break here"),
    ],
)
def test_decode(data: bytes, expected: str) -> None:
    assert decode(data) == expected


@pytest.mark.parametrize(
    ("path", "input_format", "fmt"),
    [
        ("a.txt", None, "text"),
        ("a.TEXT", None, "text"),
        ("a.md", None, "markdown"),
        ("a.markdown", None, "markdown"),
        ("a.html", None, "html"),
        ("a.HTM", None, "html"),
        ("a.rst", None, "text"),
        ("a.txt", "markdown", "markdown"),
        ("a.md", "html", "html"),
        ("-", None, "text"),
    ],
)
def test_format_chosen_by_extension_or_override(
    path: str, input_format: str | None, fmt: str
) -> None:
    document = readers.read_bytes(b"<p>Some text</p>\n", path, input_format)
    assert document.format == fmt
    assert document.path == path


@pytest.mark.parametrize(
    ("data", "fmt"),
    [(b"<!DOCTYPE html><p>Sniffed</p>", "html"), (b"  <html><p>x</p></html>", "html")],
)
def test_unknown_extension_is_sniffed(data: bytes, fmt: str) -> None:
    assert readers.read_bytes(data, "page", None).format == fmt


def test_stdin_is_read_as_text(monkeypatch: pytest.MonkeyPatch) -> None:
    stdin = io.TextIOWrapper(io.BytesIO("line one\n“two”\n".encode()))
    monkeypatch.setattr(sys, "stdin", stdin)
    document = readers.read("-")
    assert (document.path, document.format) == ("-", "text")
    assert document.lines()[1] == (2, "“two”")


def test_text_reader_keeps_text_and_numbers_lines() -> None:
    document = readers.read_bytes(b"first\r\n\r\nthird [1]\n", "a.txt")
    assert document.text == "first\n\nthird [1]\n"
    assert document.line_numbers == (1, 2, 3, 4)


@pytest.mark.parametrize(
    ("name", "fmt"), [("a.txt", "text"), ("a.md", "markdown"), ("a.html", "html")]
)
def test_the_authors_link_mark_characters_stay_in_the_text(name: str, fmt: str) -> None:
    # U+E000 and U+E001 mark links inside the readers; an author's own were taken out,
    # and a file of nothing else read as an empty document (found by hypothesis).
    assert readers.read_bytes("\ue000".encode(), name, fmt).text == "\ufffd"
    document = readers.read_bytes("A \ue000 trial [1]\ue001.".encode(), name, fmt)
    assert document.text == "A \ufffd trial [1]\ufffd."


def test_sample_blog_reads_cleanly() -> None:
    if not SAMPLE.exists():
        pytest.skip("shared sample not present")
    document = readers.read(str(SAMPLE))
    raw = SAMPLE.read_text(encoding="utf-8")
    assert document.text == raw
    assert "’" in document.text and "•" in document.text
    assert document.line_numbers == tuple(range(1, raw.count("\n") + 2))


MARKDOWN = """\
# Coffee and sleep

A **large** trial found coffee shortens sleep<sup>1,2</sup>.
See [the paper](https://doi.org/10.1016/S0140-6736(20)30183-5 "title") and [this][pm].
An anchor [[3]](#ref-3) and an image ![a chart](chart.png) and \\[not a link](x).
<!-- a comment
over two lines --> after the comment
> A quoted *claim*.

## References
1. Smith J. <a href="https://doi.org/10.1000/abc">Coffee</a>. 2020.
[pm]: https://pubmed.ncbi.nlm.nih.gov/12345/
```
[code](kept as is)
```
"""


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (1, "Coffee and sleep"),
        (3, "A large trial found coffee shortens sleep<sup>1,2</sup>."),
        (
            4,
            "See the paper <https://doi.org/10.1016/S0140-6736(20)30183-5> and "
            "this <https://pubmed.ncbi.nlm.nih.gov/12345/>.",
        ),
        (5, "An anchor [3] and an image a chart and [not a link](x)."),
        (6, ""),
        (7, " after the comment"),
        (8, "A quoted claim."),
        (10, "References"),
        (11, "1. Smith J. Coffee <https://doi.org/10.1000/abc>. 2020."),
        (14, "[code](kept as is)"),
    ],
)
def test_markdown_lines(line: int, expected: str) -> None:
    document = readers.read_bytes(MARKDOWN.encode(), "a.md")
    assert dict(document.lines())[line] == expected


def test_markdown_keeps_every_line_number() -> None:
    document = readers.read_bytes(MARKDOWN.encode(), "a.md")
    assert document.line_numbers == tuple(range(1, MARKDOWN.count("\n") + 2))


def html_lines() -> list[tuple[int, str]]:
    """The HTML fixture's non-blank lines."""
    document = readers.read(str(FIXTURES / "article.html"))
    return [(number, text) for number, text in document.lines() if text]


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (13, "Does coffee help sleep? A & B"),
        (
            14,
            "A large randomised trial found that coffee shortens sleep<sup>1,2</sup>, "
            "and a cohort study agreed<sup>3</sup>.",
        ),
        (
            16,
            "See the original paper <https://doi.org/10.1000/xyz123> and its abstract "
            "<https://pubmed.ncbi.nlm.nih.gov/12345678/> or this post.",
        ),
        (19, "References"),
        (
            21,
            "1. Smith J, Jones K. Coffee and sleep. Sleep Med. 2020;12:1-9. "
            "https://doi.org/10.1000/xyz123",
        ),
        (
            22,
            "2. Brown A. Caffeine at night. J Sleep Res. 2019. Link <https://doi.org/10.1000/abc>",
        ),
        (24, "7. Green B. Tea instead. 2018."),
        (26, "Year | 2020"),
        (27, "line one"),
        (28, "line two"),
    ],
)
def test_html_lines(number: int, expected: str) -> None:
    assert (number, expected) in html_lines()


@pytest.mark.parametrize(
    "dropped",
    [
        "Page title",
        "color: red",
        "not text",
        "Home",
        "Menu item",
        "cookies",
        "Copyright",
        "trailing",
    ],
)
def test_html_boilerplate_dropped(dropped: str) -> None:
    assert all(dropped not in text for _, text in html_lines())


@pytest.mark.parametrize(
    ("html", "expected"),
    [
        ("<p>x<sup> 1 </sup><sup></sup></p>", ["x<sup>1</sup>"]),
        ("<ul><li>one</li><li>two</li></ul>", ["• one", "• two"]),
        ("<ol start='4'><li>four</li><li>[5] five</li></ol>", ["4. four", "[5] five"]),
        ("<ol><li><p>Smith J.</p></li><li><sup>2</sup>Lee K.</li></ol>",
         ["1. Smith J.", "", "2. <sup>2</sup>Lee K."]),
        ("<ul><li>Parent<ul><li>child</li></ul></li><li></li></ul><p>after</p>",
         ["• Parent", "", "• child", "", "after"]),
        ("<p>x<sup><a href='https://doi.org/10.1000/a'>1</a>,<a href='https://doi.org/10.1000/b'>2</a></sup> y</p>",
         ["x<sup>1,2</sup> <https://doi.org/10.1000/a> <https://doi.org/10.1000/b> y"]),
        ("<p>a<br>b</p>", ["a", "b"]),
        ("<p>a</p><p>b</p>", ["a", "", "b"]),
        ("<p><a href='doi:10.1000/x'>paper</a></p>", ["paper <https://doi.org/10.1000/x>"]),
        ("<p>doi:10.1/x <a href='https://doi.org/10.1/x'>link</a></p>", ["doi:10.1/x link"]),
        ("<p><a href='https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/'>pmc</a></p>",
         ["pmc <https://www.ncbi.nlm.nih.gov/pmc/articles/PMC123/>"]),
        ("<p><a href='https://example.org/'>elsewhere</a></p>", ["elsewhere"]),
        ("<div role='navigation'>nav</div><p>kept</p>", ["kept"]),
        ("<div class='menu-main'>Home</div><div id='share-bar'>Tweet</div><p>kept</p>", ["kept"]),
        ("<div class='site has-sidebar'><p>" + "long article text " * 30 + "</p></div>"
         "<div class='sidebar'>widget</div>", ["long article text " * 29 + "long article text"]),
        ("<script>" + "x" * 9000 + "</script><div class='has-sidebar'><p>" + "words " * 100
         + "</p></div>", ["words " * 99 + "words"]),
        ("<div class='menu'><p>" + "a whole page inside a menu class " * 20 + "</p></div>",
         ["a whole page inside a menu class " * 19 + "a whole page inside a menu class"]),
        ("<div hidden>secret</div><p style='display: none'>gone</p><p>kept</p>", ["kept"]),
        ("<article><header><h1>Title</h1></header><p>body</p></article>", ["Title", "", "body"]),
        ("<?xml version='1.0' encoding='utf-8'?><html><p>&eacute;&#233;&nbsp;x</p></html>",
         ["éé x"]),
    ],
)  # fmt: skip
def test_html_snippets(html: str, expected: list[str]) -> None:
    document = readers.read_bytes(html.encode(), "a.html")
    assert document.text.split("\n") == expected


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ('<meta charset="shift_jis"><p>日本語</p>'.encode("shift_jis"), "日本語"),
        (b'<meta content="text/html; charset=ISO-8859-1"><p>caf\xe9 \x93q\x94</p>', "café “q”"),
        ('<meta charset="latin-1"><p>utf-8 wins: café</p>'.encode(), "utf-8 wins: café"),
        (b'<meta charset="no-such-codec"><p>caf\xe9</p>', "café"),
    ],
)
def test_html_declared_charset(data: bytes, expected: str) -> None:
    assert readers.read_bytes(data, "a.html").text == expected


def test_markdown_link_in_superscript_moves_after_it() -> None:
    document = readers.read_bytes(b"Shown<sup>[2](https://doi.org/10.1000/a)</sup>.", "a.md")
    assert document.text == "Shown<sup>2</sup> <https://doi.org/10.1000/a>."


def test_html_line_numbers_past_libxml2_limit() -> None:
    html = "<html><body>\n" + "<p>filler</p>\n" * 70000 + "<p>last</p>\n</body></html>\n"
    document = readers.read_bytes(html.encode(), "a.html")
    assert document.lines()[-1] == (70002, "last")


def test_html_deep_nesting() -> None:
    deep = "<div>" * 200 + "deep" + "</div>" * 200 + "<p>after</p>"
    assert readers.read_bytes(deep.encode(), "a.html").text == "deep\n\nafter"
    too_deep = "<div>" * 3000 + "deep" + "</div>" * 3000
    with pytest.raises(ReadError, match="nested too deeply"):
        readers.read_bytes(too_deep.encode(), "a.html")


@pytest.mark.parametrize(
    ("name", "data", "input_format", "cause"),
    [
        ("empty.txt", b"", None, "file is empty"),
        ("blank.md", b" \n\t\n", None, "file is empty"),
        ("nul.txt", b"text\x00with nul", None, "binary file, not text"),
        ("controls.md", bytes(range(32)) * 4, None, "binary file, not text"),
        ("image.html", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", None, "binary file, not text"),
        ("scripts.html", b"<script>x()</script><style>p{}</style>", None,
         "no text in this HTML file"),
        ("comment.html", b"<!-- nothing -->", None, "no text in this HTML file"),
        ("a.txt", b"text", "pdf", "unknown input format 'pdf' (choose from text, markdown, html, docx)"),
        ("bad.docx", b"not a zip", None, "not a valid .docx file (not a zip archive)"),
        ("bad.docx", b"PK\x03\x04 truncated", None, "not a valid .docx file (not a zip archive)"),
        ("plain.txt", b"PK\x03\x04", "docx", "not a valid .docx file (not a zip archive)"),
    ],
)  # fmt: skip
def test_read_errors(name: str, data: bytes, input_format: str | None, cause: str) -> None:
    with pytest.raises(ReadError) as caught:
        readers.read_bytes(data, name, input_format)
    assert (caught.value.path, caught.value.cause) == (name, cause)


def test_zip_without_word_document_is_not_docx(tmp_path: Path) -> None:
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "hi")
    with pytest.raises(ReadError, match=r"not a valid \.docx file \("):
        readers.read_bytes(buffer.getvalue(), "a.docx")


def test_file_errors(tmp_path: Path) -> None:
    causes = {}
    for path in (str(tmp_path / "missing.txt"), str(tmp_path)):
        with pytest.raises(ReadError) as caught:
            readers.read(path)
        causes[path] = caught.value.cause
    assert causes == {
        str(tmp_path / "missing.txt"): "no such file",
        str(tmp_path): "is a directory",
    }


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs a non-root POSIX user")
def test_permission_denied(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    locked.chmod(0)
    with pytest.raises(ReadError, match="permission denied"):
        readers.read(str(locked))


def test_read_from_disk_matches_read_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.md"
    path.write_bytes(b"# Title\n\nText [1].\n")
    assert readers.read(str(path)) == readers.read_bytes(path.read_bytes(), str(path))


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("helped [1](#ref-1).", "helped [1]."),
        ("helped [1, 2](#refs).", "helped [1, 2]."),
        ("see [the methods](#methods).", "see the methods."),
    ],
)
def test_markdown_anchor_links_keep_citation_markers(line: str, expected: str) -> None:
    assert readers.read_bytes(line.encode(), "post.md").text == expected


@pytest.mark.parametrize(
    ("name", "source"),
    [
        (
            "chapter.typ",
            "= Sleep\n\nPoor sleep came back years later.#footnote[Hamilton JL, Stange JP,\n"
            "Burke TA. Sleep disturbance and physiological regulation among young adults with\n"
            "prior depression. J Psychiatr Res. 2019;115:75-81.] So did low mood.\n\n"
            "Monthly doses were enough.#footnote[Cavalier E, Faché W. A randomised study of\n"
            "vitamin D3 [25,000 IU] doses. Int J Endocrinol. 2013;2013:327265.]\n",
        ),
        (
            "chapter.adoc",
            "== Sleep\n\nPoor sleep came back years later.footnote:[Hamilton JL, Stange JP,\n"
            "Burke TA. Sleep disturbance and physiological regulation among young adults with\n"
            "prior depression. J Psychiatr Res. 2019;115:75-81.] So did low mood.\n\n"
            "Monthly doses were enough.footnote:[Cavalier E, Faché W. A randomised study of\n"
            "vitamin D3 doses. Int J Endocrinol. 2013;2013:327265.]\n",
        ),
        (
            "chapter.md",
            "# Sleep\n\nPoor sleep came back years later.^[Hamilton JL, Stange JP,\n"
            "Burke TA. Sleep disturbance and physiological regulation among young adults with\n"
            "prior depression. *J Psychiatr Res*. 2019;115:75-81.] So did low mood.\n\n"
            "Monthly doses were enough.^[Cavalier E, Faché W. A randomised study of\n"
            "vitamin D3 [25,000 IU] doses. Int J Endocrinol. 2013;2013:327265.]\n",
        ),
        (
            "chapter.tex",
            "\\section{Sleep}\n\nPoor sleep came back years later.\\footnote{Hamilton JL, Stange JP,\n"
            "Burke TA. Sleep disturbance and physiological regulation among young adults with\n"
            "prior depression. J Psychiatr Res. 2019;115:75-81.} So did low mood.\n\n"
            "Monthly doses were enough.\\footnote{Cavalier E, Faché W. A randomised study of\n"
            "vitamin D3 \\emph{25,000 IU} doses. Int J Endocrinol. 2013;2013:327265.}\n",
        ),
    ],
)
def test_inline_footnotes_read_as_footnote_definitions(name: str, source: str) -> None:
    from citecheck.parsing import parse

    document = readers.read_bytes(source.encode(), name)
    parsed = parse(document)
    assert [(r.label, r.fields.year, r.line) for r in parsed.references] == [
        ("1", 2019, 3),
        ("2", 2013, 7),
    ]
    assert [(c.marker, c.line, c.references) for c in parsed.citations] == [
        ("[^1]", 3, ("1",)),
        ("[^2]", 7, ("2",)),
    ]
    # The prose around a note reads on as one sentence, on the line the note is called on;
    # the lines after it keep their numbers.
    assert "later.[^1] So did low mood." in document.text
    assert document.line_at(document.text.index("So did")) == 3
    assert document.line_at(document.text.index("Monthly")) == 7

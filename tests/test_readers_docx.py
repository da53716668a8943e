"""The DOCX reader: paragraphs, tables, superscripts, lists, links, footnotes and endnotes."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import docx
import pytest

from citecheck import readers
from citecheck.errors import ReadError

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml"


def package(
    body: str,
    footnotes: str = "",
    endnotes: str = "",
    links: dict[int, str] | None = None,
    main: str = "document.main+xml",
) -> bytes:
    """A minimal hand-built .docx: ``body`` is WordprocessingML inside ``w:body``."""
    parts = {
        "word/document.xml": f'<w:document xmlns:w="{W}" xmlns:r="{R}"><w:body>{body}</w:body></w:document>'
    }
    overrides = [("/word/document.xml", f"{DOC_TYPE}.{main}")]
    rels = [
        f'<Relationship Id="rId{i}" Type="{R}/hyperlink" Target="{url}" TargetMode="External"/>'
        for i, url in (links or {}).items()
    ]
    for kind, content in (("footnotes", footnotes), ("endnotes", endnotes)):
        if content:
            parts[f"word/{kind}.xml"] = (
                f'<w:{kind} xmlns:w="{W}" xmlns:r="{R}">{content}</w:{kind}>'
            )
            overrides.append((f"/word/{kind}.xml", f"{DOC_TYPE}.{kind}+xml"))
            rels.append(f'<Relationship Id="r{kind}" Type="{R}/{kind}" Target="{kind}.xml"/>')
    types = "".join(
        f'<Override PartName="{name}" ContentType="{ctype}"/>' for name, ctype in overrides
    )
    parts["[Content_Types].xml"] = (
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        f'<Default Extension="xml" ContentType="application/xml"/>{types}</Types>'
    )
    parts["_rels/.rels"] = (
        f'<Relationships xmlns="{RELS}"><Relationship Id="rId1" '
        f'Type="{R}/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    parts["word/_rels/document.xml.rels"] = (
        f'<Relationships xmlns="{RELS}">{"".join(rels)}</Relationships>'
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, xml in parts.items():
            archive.writestr(name, xml)
    return buffer.getvalue()  # fmt: skip


def p(*runs: str) -> str:
    """A paragraph of raw run XML."""
    return f"<w:p>{''.join(runs)}</w:p>"


def r(text: str, props: str = "") -> str:
    """A run of text with optional run properties."""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{text}</w:t></w:r>'


SUP = '<w:vertAlign w:val="superscript"/>'
NOTE_MARK = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
SEPARATORS = (
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p/></w:footnote>'
)

BODY = (
    p(r("Coffee and sleep"))
    + p(r("Coffee shortens sleep"), r("1", SUP), r(",2", SUP), r(" in adults."))
    + p(r("A cohort agreed"), f'<w:r><w:rPr>{SUP}</w:rPr><w:footnoteReference w:id="7"/></w:r>', r("."))
    + p(r("A trial disagreed"), '<w:r><w:footnoteReference w:id="3"/></w:r>', r(" and "),
        '<w:r><w:endnoteReference w:id="1"/></w:r>')
    + "<w:tbl><w:tr><w:tc>" + p(r("cell one")) + "</w:tc><w:tc>" + p(r("cell two"))
    + "</w:tc></w:tr></w:tbl>"
    + p(r("See "), '<w:hyperlink r:id="rId5">' + r("the paper") + "</w:hyperlink>",
        r(" and "), '<w:hyperlink r:id="rId6">' + r("a blog") + "</w:hyperlink>", r("."))
    + p(r("deleted? "), "<w:del>" + '<w:r><w:delText>gone</w:delText></w:r>' + "</w:del>",
        "<w:ins>" + r("inserted") + "</w:ins>", '<w:r><w:t>a</w:t><w:br/><w:t>b</w:t></w:r>')
    + p()
)  # fmt: skip
FOOTNOTES = SEPARATORS + (
    f'<w:footnote w:id="3"><w:p>{NOTE_MARK}{r(" Jones K. Tea. 2019.")}</w:p>'
    f"<w:p>{r('Second paragraph of note.')}</w:p></w:footnote>"
    f'<w:footnote w:id="7"><w:p>{NOTE_MARK}{r(" Smith J. Coffee. 2020.")}</w:p></w:footnote>'
)
ENDNOTES = f'<w:endnote w:id="1"><w:p>{r("Endnote text.")}</w:p></w:endnote>'
EXPECTED = [
    (1, "Coffee and sleep"),
    (2, "Coffee shortens sleep<sup>1,2</sup> in adults."),
    (3, "A cohort agreed<sup>1</sup>."),
    (4, "A trial disagreed<sup>2</sup> and <sup>1</sup>"),
    (5, "cell one"),
    (6, "cell two"),
    (7, "See the paper <https://doi.org/10.1000/abc> and a blog."),
    (8, "deleted? inserteda"),
    (8, "b"),
    (9, ""),
    (10, "Footnotes"),
    (10, "1. Smith J. Coffee. 2020."),
    (11, "2. Jones K. Tea. 2019."),
    (12, "Second paragraph of note."),
    (13, "Endnotes"),
    (13, "1. Endnote text."),
]


def test_hand_built_package() -> None:
    data = package(
        BODY, FOOTNOTES, ENDNOTES, {5: "https://doi.org/10.1000/abc", 6: "https://example.org/"}
    )
    document = readers.read_bytes(data, "article.docx")
    assert document.format == "docx"
    assert document.lines() == EXPECTED


def built_with_python_docx() -> bytes:
    """A document made the way Word users make them: styles for headings and lists."""
    document = docx.Document()
    document.add_heading("Coffee and sleep", level=1)
    paragraph = document.add_paragraph("Coffee shortens sleep")
    paragraph.add_run("1,2").font.superscript = True
    paragraph.add_run(" in adults.")
    document.add_heading("References", level=2)
    document.add_paragraph("Smith J. Coffee. Sleep Med. 2020.", style="List Number")
    document.add_paragraph("Jones K. Tea. J Sleep Res. 2019.", style="List Number")
    document.add_paragraph("a point", style="List Bullet")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Year"
    table.cell(0, 1).text = "2020"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_python_docx_document() -> None:
    document = readers.read_bytes(built_with_python_docx(), "made.docx")
    assert document.lines() == [
        (1, "Coffee and sleep"),
        (2, "Coffee shortens sleep<sup>1,2</sup> in adults."),
        (3, "References"),
        (4, "1. Smith J. Coffee. Sleep Med. 2020."),
        (5, "2. Jones K. Tea. J Sleep Res. 2019."),
        (6, "• a point"),
        (7, "Year"),
        (8, "2020"),
    ]


def zipped(parts: dict[str, str]) -> bytes:
    """A zip archive of ``parts`` (name -> text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "cause"),
    [
        (b"", "file is empty"),
        (b"plain text", "not a valid .docx file (not a zip archive)"),
        (
            zipped({"notes.txt": "hello"}),
            "not a valid .docx file (a zip archive, but not a Word document: it has no "
            "[Content_Types].xml)",
        ),
        (package(p()), "no text in this .docx file"),
        (package("<w:p><w:r>unclosed"), "not a valid .docx file (XMLSyntaxError: "),
        (
            package(p(r("x")), main="template.main+xml"),
            "not a valid .docx file (not a Word document; templates",
        ),
    ],
)
def test_docx_errors(data: bytes, cause: str) -> None:
    with pytest.raises(ReadError) as caught:
        readers.read_bytes(data, "bad.docx")
    assert caught.value.cause.startswith(cause)


def test_docx_from_disk_and_sniffed_from_stdin(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = built_with_python_docx()
    path = tmp_path / "article.docx"
    path.write_bytes(data)
    from_disk = readers.read(str(path))
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    from_stdin = readers.read("-")
    assert (from_disk.format, from_stdin.format) == ("docx", "docx")
    assert from_disk.text == from_stdin.text

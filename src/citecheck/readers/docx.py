"""The DOCX reader: python-docx opens the package, lxml walks its WordprocessingML.

A "line number" in a .docx Document is a paragraph number (1-based): body paragraphs
in document order (table cells included), then footnote paragraphs, then endnote
paragraphs. A paragraph holding manual line breaks yields several text lines that
share its number. Footnotes and endnotes are appended after the body under a
"Footnotes" / "Endnotes" line, each numbered as its reference mark in the body
(``<sup>1</sup>``). Automatic list numbers are written out (``"1. "``, ``"• "``).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field

import docx
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.exceptions import PackageNotFoundError
from lxml import etree  # type: ignore[import-untyped]

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.html import link_suffix
from citecheck.readers.size import describe_size
from citecheck.readers.text import LinkMarks, build_document

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_R_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"


def _w(name: str) -> str:
    """The Clark name of a WordprocessingML element or attribute."""
    return f"{{{_W}}}{name}"


_SKIPPED = frozenset(
    _w(name) for name in ("del", "moveFrom", "pPr", "rPr", "instrText", "delText")
) | {_FALLBACK}
_NOTE_KINDS = (("footnote", RT.FOOTNOTES, "Footnotes"), ("endnote", RT.ENDNOTES, "Endnotes"))


# A .docx is a zip: refuse packages that would unpack to far more than any article
# (a zip bomb: 2.5 MB that inflates to a 1 GB document.xml) before inflating a byte.
MAX_UNPACKED_BYTES = 200 * 10**6
MAX_RATIO = 100  # uncompressed / compressed, for parts large enough to matter
_RATIO_FLOOR = 10**6  # parts below 1 MB unpacked are never refused for their ratio


def check_package(data: bytes, path: str) -> None:
    """Raise ReadError when the zip's declared sizes are those of a zip bomb.

    The declared sizes bound what can be inflated: Python's zipfile never returns more
    than a member's declared size (and fails the CRC check when the data disagrees).
    """
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # not a zip at all: python-docx says so in its own words
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.file_size > _RATIO_FLOOR and member.file_size / packed > MAX_RATIO:
            raise ReadError(
                path,
                f"refused: {member.filename} would inflate {member.file_size // packed}-fold "
                f"to {describe_size(member.file_size)} (a zip bomb?)",
            )
    if total > MAX_UNPACKED_BYTES:
        raise ReadError(
            path,
            f"refused: the package would unpack to {describe_size(total)}, more than "
            f"{describe_size(MAX_UNPACKED_BYTES)}",
        )


def read(data: bytes, path: str) -> Document:
    """Read a .docx article; line numbers are paragraph numbers (see the module docstring)."""
    if not data:
        raise ReadError(path, "file is empty")
    check_package(data, path)
    try:
        package = docx.Document(io.BytesIO(data)).part
        render = _Render(package)
        lines = list(render.lines())
    except Exception as error:  # python-docx and lxml raise many types on bad packages
        raise ReadError(path, f"not a valid .docx file ({describe(error)})") from error
    if not any(text.strip() for _, text in lines):
        raise ReadError(path, "no text in this .docx file")
    return build_document(path, lines, "docx", render.marks)


def describe(error: Exception) -> str:
    """A short reason a package could not be opened."""
    if isinstance(error, zipfile.BadZipFile):
        return "not a zip archive"
    if isinstance(error, PackageNotFoundError):
        return "not a Word package"
    if isinstance(error, ValueError) and "not a Word file" in str(error):
        return "not a Word document; templates and macro-enabled files are not read"
    if isinstance(error, KeyError):
        # zipfile's "There is no item named 'word/document.xml' in the archive"
        named = re.search(r"named '([^']+)'", str(error))
        part = named.group(1) if named else str(error.args[0] if error.args else error)
        if part == "[Content_Types].xml":
            return "a zip archive, but not a Word document: it has no [Content_Types].xml"
        return f"the part {part} is missing"
    message = str(error).splitlines()[0][:80] if str(error) else ""
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def related_xml(part: object, reltype: str) -> etree._Element | None:
    """The XML root of the part related to ``part`` by ``reltype``, if there is one."""
    for rel in part.rels.values():  # type: ignore[attr-defined]
        if rel.reltype == reltype and not rel.is_external:
            # A parser per part: lxml parsers must not be shared between threads.
            parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
            return etree.fromstring(rel.target_part.blob, parser)
    return None


@dataclass
class _Numbering:
    """Automatic list numbers: formats from numbering.xml, counters per list and level."""

    formats: dict[tuple[str, int], tuple[str, str, int]] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: etree._Element | None) -> _Numbering:
        """Read numFmt, lvlText and start for every (numId, level) in numbering.xml."""
        numbering = cls()
        if root is None:
            return numbering
        abstract: dict[str, dict[int, tuple[str, str, int]]] = {}
        for node in root.iterchildren(_w("abstractNum")):
            abstract[node.get(_w("abstractNumId"), "")] = {
                int(level.get(_w("ilvl"), "0")): (
                    value(level, "numFmt") or "decimal",
                    value(level, "lvlText") or "",
                    int(value(level, "start") or "1"),
                )
                for level in node.iterchildren(_w("lvl"))
            }
        for num in root.iterchildren(_w("num")):
            levels = abstract.get(value(num, "abstractNumId") or "", {})
            for level, fmt in levels.items():
                numbering.formats[(num.get(_w("numId"), ""), level)] = fmt
        return numbering

    def label(self, num_id: str, level: int) -> str:
        """The label of the next item of list ``num_id`` at ``level``: "1. ", "• " or ""."""
        fmt = self.formats.get((num_id, level))
        if fmt is None or fmt[0] == "none":
            return ""
        if fmt[0] == "bullet":
            return "• "
        counters = self.counters.setdefault(num_id, [0] * 9)
        level = min(max(level, 0), 8)
        if counters[level] == 0:
            counters[level] = fmt[2] - 1
        counters[level] += 1
        counters[level + 1 :] = [0] * (8 - level)
        text = fmt[1] or f"%{level + 1}."
        for index in range(level, -1, -1):
            number_format = self.formats.get((num_id, index), ("decimal", "", 1))[0]
            text = text.replace(f"%{index + 1}", render_number(counters[index], number_format))
        return text.strip() + " "


def render_number(number: int, number_format: str) -> str:
    """``number`` in a Word list format (decimal, letters, roman)."""
    if number_format in ("lowerLetter", "upperLetter") and number > 0:
        letter = chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)
        return letter.upper() if number_format == "upperLetter" else letter
    if number_format in ("lowerRoman", "upperRoman") and 0 < number < 4000:
        roman = to_roman(number)
        return roman.lower() if number_format == "lowerRoman" else roman
    return str(number)


def to_roman(number: int) -> str:
    """Roman numerals for 1..3999."""
    out = []
    for size, symbol in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        count, number = divmod(number, size)
        out.append(symbol * count)
    return "".join(out)


def value(node: etree._Element, child: str) -> str | None:
    """The ``w:val`` of ``node``'s first ``child`` element, if any."""
    found = node.find(_w(child))
    return None if found is None else found.get(_w("val"))


@dataclass
class _Styles:
    """What character and paragraph styles imply: superscript, list numbering."""

    superscript: set[str] = field(default_factory=set)
    numbering: dict[str, tuple[str, int]] = field(default_factory=dict)

    @classmethod
    def load(cls, root: etree._Element | None) -> _Styles:
        """Resolve vertAlign and numPr through each style's basedOn chain."""
        styles = cls()
        if root is None:
            return styles
        nodes = {node.get(_w("styleId"), ""): node for node in root.iterchildren(_w("style"))}
        for style_id in nodes:
            for node in chain(nodes, style_id):
                align = node.find(f"{_w('rPr')}/{_w('vertAlign')}")
                if align is not None:
                    if align.get(_w("val")) == "superscript":
                        styles.superscript.add(style_id)
                    break
            for node in chain(nodes, style_id):
                num = node.find(f"{_w('pPr')}/{_w('numPr')}")
                if num is not None:
                    styles.numbering[style_id] = (
                        value(num, "numId") or "0",
                        int(value(num, "ilvl") or "0"),
                    )
                    break
        return styles


def chain(nodes: dict[str, etree._Element], style_id: str) -> Iterator[etree._Element]:
    """A style and the styles it is based on, nearest first (cycles cut)."""
    seen: set[str] = set()
    while style_id in nodes and style_id not in seen:
        seen.add(style_id)
        yield nodes[style_id]
        style_id = value(nodes[style_id], "basedOn") or ""


class _Render:
    """One walk over a document part, yielding (paragraph number, text line) pairs."""

    def __init__(self, part: object) -> None:
        self.part = part
        self.body = part.element.body  # type: ignore[attr-defined]
        self.links = {
            rel_id: rel.target_ref
            for rel_id, rel in part.rels.items()  # type: ignore[attr-defined]
            if rel.reltype == RT.HYPERLINK
        }
        self.styles = _Styles.load(related_xml(part, RT.STYLES))
        self.numbering = _Numbering.load(related_xml(part, RT.NUMBERING))
        self.notes: dict[tuple[str, str], int] = {}
        self.paragraphs = 0
        self.marks = LinkMarks()

    def lines(self) -> Iterator[tuple[int, str]]:
        """Body paragraphs, then footnotes and endnotes."""
        yield from self.blocks(self.body)
        for kind, reltype, heading in _NOTE_KINDS:
            root = related_xml(self.part, reltype)
            if root is not None:
                yield from self.notes_of(root, kind, heading)

    def blocks(self, container: etree._Element) -> Iterator[tuple[int, str]]:
        """Paragraphs of a body, cell or content control, tables walked cell by cell."""
        for child in container:
            if child.tag == _w("p"):
                yield from self.paragraph(child)
            elif child.tag == _w("tbl"):
                for cell in child.iterfind(f"{_w('tr')}/{_w('tc')}"):
                    yield from self.blocks(cell)
            elif child.tag in (_w("sdt"), _w("customXml")):
                content = child.find(_w("sdtContent"))
                yield from self.blocks(child if content is None else content)

    def paragraph(self, node: etree._Element, prefix: str = "") -> Iterator[tuple[int, str]]:
        """One paragraph as one or more lines (manual breaks), numbered with its list label."""
        self.paragraphs += 1
        text = self.list_label(node) + self.inline(node)
        if prefix:  # a note's own text usually starts with a space after its mark
            text = prefix + text.lstrip(" \t")
        for line in text.replace("</sup><sup>", "").split("\n"):
            yield self.paragraphs, line

    def list_label(self, node: etree._Element) -> str:
        """The automatic list number or bullet of a paragraph, from its own or its style's numPr."""
        num = node.find(f"{_w('pPr')}/{_w('numPr')}")
        if num is not None:
            num_id, level = value(num, "numId") or "0", int(value(num, "ilvl") or "0")
        else:
            style = node.find(f"{_w('pPr')}/{_w('pStyle')}")
            style_id = "" if style is None else style.get(_w("val"), "")
            num_id, level = self.styles.numbering.get(style_id, ("0", 0))
        return "" if num_id == "0" else self.numbering.label(num_id, level)

    def inline(self, node: etree._Element) -> str:
        """The text of runs, hyperlinks, insertions and fields inside ``node``."""
        out: list[str] = []
        for child in node:
            if child.tag in _SKIPPED or not isinstance(child.tag, str):
                continue
            if child.tag == _w("r"):
                out.append(self.run(child))
            elif child.tag == _w("hyperlink"):
                text = self.inline(child)
                href = self.links.get(child.get(_R_ID, ""), "")
                suffix = link_suffix(href, "".join(out) + text)
                out.append(self.marks.mark(text, href) + suffix)
            else:
                out.append(self.inline(child))
        return "".join(out)

    def run(self, node: etree._Element) -> str:
        """A run's text, wrapped in ``<sup>`` when superscript or a note reference."""
        pieces: list[str] = []
        marked = False
        for child in node:
            tag = child.tag
            if tag == _w("t"):
                pieces.append(child.text or "")
            elif tag == _w("tab"):
                pieces.append("\t")
            elif tag in (_w("br"), _w("cr")):
                pieces.append("\n")
            elif tag == _w("noBreakHyphen"):
                pieces.append("-")
            elif tag in (_w("footnoteReference"), _w("endnoteReference")):
                kind = "footnote" if tag == _w("footnoteReference") else "endnote"
                pieces.append(str(self.note_number(kind, child.get(_w("id"), ""))))
                marked = True
        text = "".join(pieces)
        if text and (marked or self.superscript(node)):
            return f"<sup>{text}</sup>"
        return text

    def superscript(self, node: etree._Element) -> bool:
        """True when a run is raised: directly (vertAlign) or through its character style."""
        align = node.find(f"{_w('rPr')}/{_w('vertAlign')}")
        if align is not None:
            return bool(align.get(_w("val")) == "superscript")
        style = node.find(f"{_w('rPr')}/{_w('rStyle')}")
        return style is not None and str(style.get(_w("val"), "")) in self.styles.superscript

    def note_number(self, kind: str, note_id: str) -> int:
        """The displayed number of a footnote or endnote: its order of first reference."""
        key = (kind, note_id)
        if key not in self.notes:
            self.notes[key] = 1 + sum(1 for other in self.notes if other[0] == kind)
        return self.notes[key]

    def notes_of(self, root: etree._Element, kind: str, heading: str) -> Iterator[tuple[int, str]]:
        """The notes of one kind, in the order of their marks, under a heading line."""
        notes = [
            node
            for node in root.iterchildren(_w(kind))
            if node.get(_w("type"), "normal") == "normal"
        ]
        notes.sort(key=lambda node: self.note_number(kind, node.get(_w("id"), "")))
        first = True
        for node in notes:
            label = f"{self.note_number(kind, node.get(_w('id'), ''))}. "
            for index, paragraph in enumerate(node.iterfind(f".//{_w('p')}")):
                lines = list(self.paragraph(paragraph, label if index == 0 else ""))
                if first:
                    yield lines[0][0], heading
                    first = False
                yield from lines

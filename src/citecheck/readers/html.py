"""The HTML reader: lxml's HTML parser, boilerplate dropped, one text line per block.

Every output line carries the source line of the element its first text came from.
libxml2 reports source lines only up to 65535; past that, lines are estimated by
counting the newlines in the text walked so far.
"""

from __future__ import annotations

import contextlib
import re
from dataclasses import dataclass, field

import lxml.html  # type: ignore[import-untyped]
from lxml import etree

from citecheck.errors import ReadError
from citecheck.links import identify
from citecheck.model import Document
from citecheck.readers.encoding import declared_charset
from citecheck.readers.text import LinkMarks, build_document, decode_text

_DROPPED = frozenset((
    "script", "style", "nav", "header", "footer", "noscript", "template", "aside", "head",
    "form", "button", "select", "textarea", "svg", "math", "iframe", "object", "embed",
    "canvas", "audio", "video", "map", "dialog",
))  # fmt: skip
_PARAGRAPHS = frozenset((
    "html", "body", "p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre",
    "table", "section", "article", "main", "figure", "figcaption", "caption", "dl", "ul", "ol",
    "address", "hr", "details", "summary", "fieldset", "center",
))  # fmt: skip
_LINES = frozenset(("li", "tr", "dt", "dd", "option"))
_CELLS = frozenset(("td", "th"))
_KEPT_LANDMARKS = frozenset(("article", "main"))
_BOILERPLATE_ROLES = frozenset(("navigation", "banner", "contentinfo", "search", "menu", "menubar"))
_BOILERPLATE_CLASS = re.compile(
    r"(?:^|[\s_-])(?:cookies?|consent|gdpr|navbar|nav|navigation|menu|breadcrumbs?|"
    r"skip-link|share|sharing|social|newsletter|sidebar)(?=$|[\s_-])",
    re.IGNORECASE,
)
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_SPACES = re.compile(r"\s+")
_ITEM_LABEL = re.compile(r"^\s*(?:\[?\d+[.)\]]|[•·▪◦*-])")
_MAX_SOURCELINE = 65535  # libxml2 stops counting here


def scholarly_target(href: str) -> tuple[str, str] | None:
    """``(url, identifier)`` for a scholarly link (see :mod:`citecheck.links`), else None."""
    found = identify(href)
    return (found.url, found.value) if found else None


def link_suffix(href: str, context: str) -> str:
    """`` <url>`` for a scholarly link whose identifier is not already in ``context``, else ''."""
    target = scholarly_target(href)
    if target is None or target[1].lower() in context.lower():
        return ""
    # "<" and ">" (old SICI-style DOIs have them) would end the "<url>" early.
    return " <" + target[0].replace("<", "%3C").replace(">", "%3E") + ">"


@dataclass
class _Lines:
    """Output lines under construction, with paragraph breaks between blocks."""

    out: list[tuple[int, str]] = field(default_factory=list)
    parts: list[str] = field(default_factory=list)
    line: int | None = None
    breaking: bool = False
    flushes: int = 0
    prefix: str = ""  # a list item's label, written before the item's first text line

    def add(self, text: str, line: int) -> None:
        """Append text to the current line, which starts at ``line`` if it is new."""
        if self.line is None:
            if not text.strip():
                return
            self.line = line
        self.parts.append(text)

    def current(self) -> str:
        """The text of the line under construction."""
        return "".join(self.parts)

    def flush(self) -> None:
        """End the current line."""
        self.flushes += 1
        text = _SPACES.sub(" ", self.current()).strip()
        if text and self.line is not None:
            if self.breaking and self.out:
                self.out.append((self.line, ""))
            self.out.append((self.line, self.prefix + text))
            self.breaking = False
            self.prefix = ""
        self.parts = []
        self.line = None

    def paragraph(self) -> None:
        """End the current line and leave a blank line before the next one."""
        self.flush()
        self.breaking = True


@dataclass
class _Walk:
    """The state of one walk over a parsed HTML tree."""

    lines: _Lines = field(default_factory=_Lines)
    cursor: int = 1
    lists: list[list[int]] = field(default_factory=list)  # [is_ordered, next number]
    preformatted: int = 0
    page_size: int = 0  # characters of text in the whole page
    marks: LinkMarks = field(default_factory=LinkMarks)

    def text(self, text: str | None) -> None:
        """Add a text node that starts at the cursor and move the cursor past it."""
        if not text:
            return
        if self.preformatted:
            first, *rest = text.split("\n")
            self.lines.add(first, self.cursor)
            for piece in rest:
                self.lines.flush()
                self.cursor += 1
                self.lines.add(piece, self.cursor)
            return
        start = self.cursor + text[: len(text) - len(text.lstrip())].count("\n")
        self.lines.add(text, start)
        self.cursor += text.count("\n")

    def element(self, node: etree._Element) -> None:
        """Walk one element and its children (not its tail)."""
        if not isinstance(node.tag, str):
            return
        line = node.sourceline
        if line is not None and 0 < line < _MAX_SOURCELINE:
            self.cursor = max(self.cursor, line)
        tag = node.tag.lower()
        if is_boilerplate(node, tag) or self.is_widget(node, tag):
            self.cursor += sum(piece.count("\n") for piece in node.itertext())
            return
        if tag == "br":
            self.lines.flush()
            return
        self.open(node, tag)
        mark, flushes = len(self.lines.parts), self.lines.flushes
        self.children(node)
        if tag == "sup" and flushes == self.lines.flushes:
            wrap_superscript(self.lines, mark, self.cursor)
        elif tag == "a" and node.get("href"):
            href = node.get("href", "")
            if flushes == self.lines.flushes:
                mark_anchor(self.lines, mark, href, self.marks, line)
            self.lines.add(link_suffix(href, self.lines.current()), self.cursor)
        self.close(tag)

    def open(self, node: etree._Element, tag: str) -> None:
        """Start an element: a paragraph or line break, a table cell, a list or list item."""
        if tag in _PARAGRAPHS:
            self.lines.paragraph()
        elif tag in _LINES:
            self.lines.flush()
        elif tag in _CELLS and self.lines.line is not None:
            self.lines.add(" | ", self.cursor)
        if tag in ("ol", "ul"):
            self.lists.append([tag == "ol", list_start(node)])
        if tag == "li":
            self.lines.prefix = item_label(node, self.lists)
        self.preformatted += tag == "pre"

    def close(self, tag: str) -> None:
        """End an element opened by :meth:`open`, after its children."""
        self.preformatted -= tag == "pre"
        if tag in ("ol", "ul"):
            self.lists.pop()
        if tag in _PARAGRAPHS:
            self.lines.paragraph()
        elif tag in _LINES:
            self.lines.flush()
        if tag == "li":
            self.lines.prefix = ""

    def is_widget(self, node: etree._Element, tag: str) -> bool:
        """True for a menu, share bar or cookie banner known by its class or id.

        Class names are a guess, so an element holding much of the page is kept anyway:
        a wrapper named "has-sidebar" must not take the article with it.
        """
        if tag in _KEPT_LANDMARKS or tag in ("html", "body"):
            return False
        names = f"{node.get('class') or ''} {node.get('id') or ''}"
        if not _BOILERPLATE_CLASS.search(names):
            return False
        size = sum(len(piece) for piece in node.itertext())
        return size < 300 or size < 0.3 * self.page_size

    def children(self, node: etree._Element) -> None:
        """Walk an element's own text, then each child and the text after it."""
        self.text(node.text)
        for child in node:
            self.element(child)
            self.text(child.tail)


def is_boilerplate(node: etree._Element, tag: str) -> bool:
    """True for scripts, styles, navigation, page headers and footers, and hidden elements."""
    if tag in ("header", "footer"):
        return not any(
            isinstance(a.tag, str) and a.tag.lower() in _KEPT_LANDMARKS
            for a in node.iterancestors()
        )
    if tag in _DROPPED:
        return True
    if node.get("hidden") is not None or node.get("aria-hidden", "").lower() == "true":
        return True
    if (node.get("role") or "").lower() in _BOILERPLATE_ROLES:
        return True
    return bool(_HIDDEN_STYLE.search(node.get("style") or ""))


def list_start(node: etree._Element) -> int:
    """The first number of an ordered list (its ``start`` attribute, else 1)."""
    try:
        return int(node.get("start") or 1)
    except ValueError:
        return 1


def item_label(node: etree._Element, lists: list[list[int]]) -> str:
    """``"3. "`` in an ordered list, ``"• "`` otherwise; nothing if the item has its own label."""
    ordered = bool(lists) and bool(lists[-1][0])
    if ordered:
        with contextlib.suppress(ValueError):
            lists[-1][1] = int(node.get("value") or lists[-1][1])
        number = lists[-1][1]
        lists[-1][1] += 1
    if _ITEM_LABEL.match("".join(node.itertext())):
        return ""
    return f"{number}. " if ordered else "• "


def wrap_superscript(lines: _Lines, mark: int, line: int) -> None:
    """Rewrite the parts added since ``mark`` as one ``<sup>...</sup>`` part."""
    inner = _SPACES.sub(" ", "".join(lines.parts[mark:])).strip()
    del lines.parts[mark:]
    if inner:
        lines.add(f"<sup>{inner}</sup>", line)


def mark_anchor(lines: _Lines, mark: int, href: str, marks: LinkMarks, line: int | None) -> None:
    """Mark the parts added since ``mark`` as the anchor text of a link to ``href``."""
    anchor = "".join(lines.parts[mark:])
    known = line if line is not None and 0 < line < _MAX_SOURCELINE else None
    marked = marks.mark(anchor, href, known)
    if marked != anchor:
        del lines.parts[mark:]
        lines.parts.append(marked)


def visible_size(root: etree._Element) -> int:
    """Characters of text in a page, scripts and styles not counted."""
    total = sum(len(piece) for piece in root.itertext())
    hidden = sum(len(piece) for node in root.iter("script", "style") for piece in node.itertext())
    return total - hidden


def parse(text: str, path: str) -> etree._Element | None:
    """Parse HTML text with lxml, comments dropped; None when there is nothing to parse."""
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True)
    try:
        root = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text), parser=parser)
    except (etree.ParserError, ValueError):
        return None
    # libxml2 stops at 256 levels of nesting and drops the rest of the page: say so
    # rather than check a silently truncated article.
    if any(entry.type_name == "ERR_RESOURCE_LIMIT" for entry in parser.error_log):
        raise ReadError(path, "HTML nested too deeply to read (over 256 levels)")
    return root


def read(data: bytes, path: str) -> Document:
    """Read an HTML article: visible text, one line per block, original line numbers kept."""
    text = decode_text(data, path, declared_charset(data))
    root = parse(text, path)
    if root is None:
        raise ReadError(path, "no text in this HTML file")
    walk = _Walk(page_size=visible_size(root))
    walk.element(root)
    walk.lines.flush()
    if not walk.lines.out:
        raise ReadError(path, "no text in this HTML file")
    last = text.count("\n") + 1
    lines = [(min(max(1, number), last), line) for number, line in walk.lines.out]
    return build_document(path, lines, "html", walk.marks)

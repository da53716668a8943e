"""The plain-text reader, and the checks every text-based reader shares."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from citecheck.errors import ReadError
from citecheck.model import Document, LineIndex, Link
from citecheck.readers.encoding import decode, looks_binary
from citecheck.readers.notes import move_notes
from citecheck.text import lazy_pattern

# Compiled when first needed (a superscript with a link target in it, a marked link).
_SUPERSCRIPT = lazy_pattern(r"<sup>(.*?)</sup>")
_TARGET = lazy_pattern(r" ?<(https?://[^<>\s]+)>")
# The target a reader writes after a scholarly link's anchor (past a closing superscript).
_ANCHOR_TARGET = lazy_pattern(r"(?:</sup>)? ?<(https?://[^<>\s]+)>")

# A reader marks a hyperlink's anchor text in the lines it writes with private-use
# characters (open, the link's number, close) and keeps the URLs aside; build_document
# takes the marks out again and records each link's offsets in the finished text. The
# marks survive whatever a reader does to its text (space folding, superscript wrapping,
# line splitting) because no pattern matches them.
_OPEN, _CLOSE = "\ue000", "\ue001"
_INDEX_BASE, _INDEX_MAX = 0x100000, 0xFFFD
_MARKED = lazy_pattern("\ue000([\U00100000-\U0010fffd])(.*?)\ue001", re.DOTALL)
_STRAY = lazy_pattern("\ue000[\U00100000-\U0010fffd]?|\ue001")
# Bare URLs and identifiers in running text: http(s), www., doi: and bare 10.x/y DOIs.
_BARE = re.compile(
    r"(?<![\w/.@-])(?:https?://|www\.)[^\s<>\"\[\]{}|\\^`\ue000\ue001]+"
    r"|(?<![\w/])doi:\s?10\.\d{4,9}/[^\s<>\"\ue000\ue001]+"
    r"|(?<![\w/.:])10\.\d{4,9}/[^\s<>\"\ue000\ue001]+",
    re.IGNORECASE,
)
# Where a _BARE match can start: its literal openings, each letter a class of every
# character re.IGNORECASE matches it with (U+017F for s, U+0130 and U+0131 for i).
# Without IGNORECASE and opening on a class, this scan skips along the text at C speed;
# _BARE.finditer tries its look-behinds and alternatives at every position (milliseconds
# on an article). No _BARE match can start inside one of these openings.
_BARE_START = re.compile(
    "[hHwWdD1](?:[tT][tT][pP][sS\u017f]?://|[wW][wW]\\.|[oO][iI\u0130\u0131]:|0\\.)"
)
# Every _BARE_START match holds a colon or a stop at a fixed place ("http://", "https://",
# "doi:"; "www.", "10."): these find them, each opening on its one literal character, which
# the search skips to several times faster than it tries _BARE_START's opening class (the
# h's, w's, d's and 1's of a whole article). Their look-behinds keep only what can end
# such a match; _BARE_START then tries the few places each leaves.
_BARE_COLON = re.compile(":(?://|(?<=[dD][oO][iI\u0130\u0131]:))")
_BARE_STOP = re.compile(r"\.(?:(?<=[wW][wW][wW]\.)|(?<=10\.))")
_URL_TRAILING = ".,;:!?'\"’”*_"


@dataclass
class LinkMarks:
    """The hyperlinks a reader met, in the order it marked them in its text."""

    urls: list[str] = field(default_factory=list)
    lines: list[int | None] = field(default_factory=list)  # source line, when the reader knows it

    def mark(self, text: str, url: str, line: int | None = None) -> str:
        """``text`` marked as the anchor of a link to ``url`` (unmarked when empty or local)."""
        url = url.strip()
        if not text.strip() or not is_external(url) or len(self.urls) >= _INDEX_MAX:
            return text
        self.urls.append(url)
        self.lines.append(line)
        return f"{_OPEN}{chr(_INDEX_BASE + len(self.urls) - 1)}{text}{_CLOSE}"


def is_external(url: str) -> bool:
    """True for a link that leaves the page: http(s), protocol-relative, www., doi:."""
    lower = url.lower()
    return lower.startswith(("http://", "https://", "//", "www.", "doi:"))


def decode_text(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a text-based input, refusing empty and binary files with a ReadError."""
    if not data:
        raise ReadError(path, "file is empty")
    if looks_binary(data):
        raise ReadError(path, "binary file, not text")
    text = decode(data, declared)
    if not text.strip():
        raise ReadError(path, "file is empty")
    if _OPEN in text or _CLOSE in text:
        # The author's own U+E000 and U+E001 (private use: no meaning of their own) would
        # read as link marks and be taken out; they read as U+FFFD, kept in their place.
        text = text.replace(_OPEN, "\ufffd").replace(_CLOSE, "\ufffd")
    return text


def lift_targets(line: str) -> str:
    """Move link targets out of superscripts: ``<sup>1 <url></sup>`` -> ``<sup>1</sup> <url>``.

    Citation markers must stay bare numbers for the citation stage to read them.
    """
    if "<sup>" not in line:
        return line
    return _SUPERSCRIPT().sub(_lift, line)


def _lift(match: re.Match[str]) -> str:
    """One superscript with the link targets inside it moved after it."""
    inner = match.group(1)
    targets = _TARGET().findall(inner)
    if not targets:
        return match.group(0)
    marker = _TARGET().sub("", inner).strip()
    return f"<sup>{marker}</sup>" + "".join(f" <{url}>" for url in targets)


def build_document(
    path: str,
    lines: Iterable[tuple[int, str]],
    fmt: str,
    marks: LinkMarks | None = None,
) -> Document:
    """A Document from ``(original line number, text)`` pairs (no newlines in them).

    Targets are lifted out of superscripts; links marked with ``marks`` and bare URLs
    become ``Document.links``.
    """
    numbers: list[int] = []
    texts: list[str] = []
    for number, line in lines:
        numbers.append(number)
        texts.append(lift_targets(line))
    marks = marks or LinkMarks()
    text, spans = take_marks("\n".join(texts), marks)
    document = Document(path=path, text=text, line_numbers=tuple(numbers), format=fmt)
    return with_links(document, spans)


Marked = tuple[str, int, int, "int | None"]  # url, start, end, source line if known


def take_marks(text: str, marks: LinkMarks) -> tuple[str, list[Marked]]:
    """``text`` without link marks, and ``(url, start, end, line)`` of every marked anchor."""
    if _OPEN not in text:
        return _STRAY().sub("", text), []
    out: list[str] = []
    spans: list[Marked] = []
    size = 0
    pos = 0
    for match in _MARKED().finditer(text):
        before = _STRAY().sub("", text[pos : match.start()])
        out.append(before)
        size += len(before)
        anchor = _STRAY().sub("", match.group(2))
        index = ord(match.group(1)) - _INDEX_BASE
        if index < len(marks.urls):
            spans.append((marks.urls[index], size, size + len(anchor), marks.lines[index]))
        out.append(anchor)
        size += len(anchor)
        pos = match.end()
    out.append(_STRAY().sub("", text[pos:]))
    return "".join(out), spans


def with_links(document: Document, marked: Iterable[Marked] = ()) -> Document:
    """``document`` with its links: the marked anchors and every bare URL outside them."""
    index = LineIndex(document)
    text = document.text
    links: list[Link] = []
    covered: list[tuple[int, int]] = []
    for url, start, end, line in marked:
        links.append(Link(url, text[start:end], start, end, line or index.line_at(start)))
        target = _ANCHOR_TARGET().match(text, end)
        covered.append((start, target.end() if target else end))
    for match in bare_urls(text):
        start, end = match.start(), trim_url(match)
        if any(a <= start < b for a, b in covered) or end <= start:
            continue
        links.append(Link(text[start:end], "", start, end, index.line_at(start)))
    if not links:
        return document
    links.sort(key=lambda link: link.start)
    linked = replace(document, links=tuple(links))
    # The same text, so the same line starts (Document.line_starts, a cached property):
    # handed on rather than found again.
    linked.__dict__["line_starts"] = document.line_starts
    return linked


def bare_urls(text: str) -> Iterator[re.Match[str]]:
    """The matches ``_BARE.finditer(text)`` gives, tried only where one can start."""
    end = 0
    for start in bare_starts(text):
        if start < end:
            continue
        match = _BARE.match(text, start)
        if match is not None:
            end = match.end()
            yield match


def bare_starts(text: str) -> list[int]:
    """Where the matches of ``_BARE_START.finditer(text)`` start (no two can overlap).

    The colon of "http://" is 4 characters in, of "https://" 5, of "doi:" 3; the stop of
    "www." 3, of "10." 2.
    """
    places: set[int] = set()
    for colon in _BARE_COLON.finditer(text):
        at = colon.start()
        places.update((at - 5, at - 4, at - 3))
    for stop in _BARE_STOP.finditer(text):
        at = stop.start()
        places.update((at - 3, at - 2))
    return [start for start in sorted(places) if start >= 0 and _BARE_START.match(text, start)]


def _unbalanced(text: str) -> bool:
    """True when ``text`` ends in a closing bracket it never opened."""
    closer = text[-1]
    opener = {")": "(", "]": "["}.get(closer)
    return opener is not None and text.count(closer) > text.count(opener)


def trim_url(match: re.Match[str]) -> int:
    """Where a bare URL ends: trailing punctuation and an unbalanced ")" are not part of it."""
    text = match.group(0)
    while text and (text[-1] in _URL_TRAILING or _unbalanced(text)):
        text = text[:-1]
    return match.start() + len(text)


def read(data: bytes, path: str) -> Document:
    """Read a plain-text article: the decoded text as is, text line i is file line i.

    Inline footnotes (Typst, LaTeX) are the exception: see :mod:`citecheck.readers.notes`.
    """
    text = decode_text(data, path)
    moved = move_notes(text)
    if moved is not None:
        return build_document(path, moved, "text")
    count = text.count("\n") + 1
    document = Document(
        path=path, text=text, line_numbers=tuple(range(1, count + 1)), format="text"
    )
    return with_links(document)

"""The Markdown reader: markdown-it-py parses, and every text line stays on its source line.

markdown-it-py (with the footnote plugin of mdit-py-plugins) gives every block its
source line range, so each paragraph, heading, list item, table row and footnote
definition is written back onto the lines it came from: text line i is file line i.
Inline markup is rendered as plain text the later stages read:

* a link keeps its target as ``text <url>`` (an in-page link such as ``[1](#ref-1)``
  stays a citation marker ``[1]``) and is recorded in :attr:`Document.links`, as are
  autolinks and bare URLs;
* a footnote reference stays ``[^label]`` and a footnote definition reads
  ``[^label]: text``, the way the reference and citation stages read footnotes; an
  inline note (Pandoc's ``^[text]``) becomes a ``[^n]`` marker where it is called and
  a ``[^n]: text`` definition at the end, tied to the line it was written on;
* a list item keeps its marker (``1.``, ``-``), headings, block quotes and emphasis
  lose theirs, ``<sup>`` is kept and other inline HTML tags go;
* code keeps its text as written; HTML comments are dropped.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.common.utils import normalizeReference
from markdown_it.rules_core import StateCore
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.text import LinkMarks, build_document, decode_text

_HTML_LINK_OPEN = re.compile(r"<a\s[^<>]*?href\s*=\s*[\"']([^\"']*)[\"'][^<>]*>", re.IGNORECASE)
_HTML_LINK_CLOSE = re.compile(r"</a\s*>", re.IGNORECASE)
_HTML_LINK = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']([^\"']*)[\"'][^<>]*>(.*?)</a\s*>", re.IGNORECASE
)
_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?")
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_SUP = re.compile(r"</?sup\s*>", re.IGNORECASE)
_MARKER_TEXT = re.compile(r"\d{1,4}(?:\s*[,\u2013\u2014-]\s*\d{1,4})*")


MAX_NESTING = 100  # block levels markdown-it reads (see parser)


@dataclass
class _Line:
    """One output line being written."""

    text: str = ""
    number: int | None = None  # the source line, where it is not this line's place


@dataclass
class _Notes:
    """Inline notes (``^[text]``): the label each is given, and where each was called."""

    labels: dict[int, str]  # the plugin's footnote id -> label
    calls: dict[int, int] = field(default_factory=dict)  # footnote id -> source line (0-based)
    called: list[tuple[int, int]] = field(default_factory=list)  # (id, line in the inline)


def read(data: bytes, path: str) -> Document:
    """Read a Markdown article, every text line tied to its source line."""
    source = decode_text(data, path)
    marks = LinkMarks()
    lines = render(source, marks)
    if not any(line.text.strip() for line in lines):
        raise ReadError(path, "no text in this Markdown file")
    numbered = ((line.number or n, line.text) for n, line in enumerate(lines, 1))
    document = build_document(path, numbered, "markdown", marks)
    # A link definition ("[id]: url") is where a link points, not a link in the prose.
    raw = source.split("\n")
    defined = {number for number, line in enumerate(raw, 1) if is_definition(line)}
    kept = tuple(k for k in document.links if k.text or k.line not in defined)
    return replace(document, links=kept) if len(kept) != len(document.links) else document


@functools.cache
def parser() -> MarkdownIt:
    """CommonMark with HTML, tables, strikethrough and footnotes left where they are written.

    Built once (its rule chains cost more than parsing a short post); ``parse`` keeps
    no state between documents on it.
    """
    # markdown-it stops reading blocks nested deeper than maxNesting (20 by default:
    # a list ten levels deep, or a quote in a quote twenty times) and drops their text
    # without a word; 100 keeps any outline or quoted thread, and stays far from
    # Python's recursion limit.
    md = MarkdownIt("commonmark", {"maxNesting": MAX_NESTING})
    md.use(footnote_plugin).enable(["table", "strikethrough"])
    # The plugin moves definitions to the end of the stream and drops unreferenced ones;
    # a reference checker wants every definition, on its own line.
    md.disable("footnote_tail")
    md.core.ruler.at("normalize", _normalize)
    return md


def _normalize(state: StateCore) -> None:
    """Markdown-it's first core rule without regular expressions: CR, CRLF -> LF; NUL -> U+FFFD.

    Its own rule substitutes every newline in the text with a newline.
    """
    source = state.src
    if "\r" in source:
        source = source.replace("\r\n", "\n").replace("\r", "\n")
    if "\0" in source:
        source = source.replace("\0", "\ufffd")
    state.src = source


def is_definition(line: str) -> bool:
    """True for a reference-style link definition line (``[id]: url``)."""
    return "]:" in line and _DEFINITION.match(line) is not None


def render(source: str, marks: LinkMarks) -> list[_Line]:
    """One :class:`_Line` per source line."""
    raw = source.split("\n")
    out = [_Line() for _ in raw]
    covered = [False] * len(raw)
    prefix: tuple[int, str] | None = None  # (source line, list marker or footnote label)
    in_comment = False
    env: dict[str, dict[str, Any]] = {"references": definitions(raw)}
    tokens = parser().parse(source, env)
    notes = _inline_notes(env)
    for token in tokens:
        if token.map is not None:
            start, end = token.map
            for number in range(start, min(end, len(raw))):
                covered[number] = True
        if token.type == "list_item_open" and token.map is not None:
            marker = f"{token.info}{token.markup}" if token.info else token.markup
            prefix = (token.map[0], f"{marker} ")
        elif token.type == "footnote_reference_open" and token.map is not None:
            prefix = (token.map[0], f"[^{token.meta.get('label', '')}]: ")
        elif token.type in ("fence", "code_block") and token.map is not None:
            for number in range(token.map[0], min(token.map[1], len(raw))):
                out[number] = _Line(raw[number])
        elif token.type == "html_block" and token.map is not None:
            for number in range(token.map[0], min(token.map[1], len(raw))):
                text, in_comment = drop_comments(raw[number], in_comment=in_comment)
                out[number] = _Line(html_text(text))
        elif token.type == "inline" and token.map is not None:
            first = token.map[0]
            head = ""
            if prefix is not None and prefix[0] == first:
                head = prefix[1]
                prefix = None
            rendered = render_inline(token.children or [], marks, head, notes)
            _place_inline(out, first, rendered)
            notes.calls.update((note, first + offset) for note, offset in notes.called)
            notes.called.clear()
    _keep_uncovered(raw, covered, out)
    out.extend(_definitions(env, notes, marks))
    return out


def _inline_notes(env: dict[str, dict[str, Any]]) -> _Notes:
    """A label for each inline note: 1, 2, ... in order, skipping labels the author used."""
    found = env.get("footnotes", {})
    taken = {key[1:] for key in found.get("refs", {})}
    labels: dict[int, str] = {}
    number = 0
    for note, entry in sorted(found.get("list", {}).items()):
        if "label" in entry:
            continue
        number += 1
        while str(number) in taken:
            number += 1
        labels[note] = str(number)
    return _Notes(labels)


def _definitions(env: dict[str, dict[str, Any]], notes: _Notes, marks: LinkMarks) -> list[_Line]:
    """Each inline note as a ``[^n]: text`` definition, after a blank line, numbered with
    the source line it was called on.
    """
    if not notes.labels:
        return []
    listed = env["footnotes"]["list"]
    lines = [_Line()]
    for note, label in notes.labels.items():
        text = " ".join(line.text for line in render_inline(listed[note]["tokens"], marks))
        called = notes.calls.get(note)
        number = None if called is None else called + 1
        lines.append(_Line(f"[^{label}]: {' '.join(text.split())}", number))
    lines[0].number = lines[1].number
    return lines


def _place_inline(out: list[_Line], first: int, rendered: Sequence[_Line]) -> None:
    """Write an inline token's lines from source line ``first`` on (none past the end)."""
    for offset, line in enumerate(rendered):
        number = first + offset
        if number < len(out):
            _place(out[number], line)


def _keep_uncovered(raw: Sequence[str], covered: Sequence[bool], out: list[_Line]) -> None:
    """Lines no block claims (link reference definitions) are kept as written."""
    for number, line in enumerate(raw):
        if not covered[number] and line.strip():
            out[number] = _Line(line.strip())


def definitions(lines: Sequence[str]) -> dict[str, dict[str, str]]:
    """Reference-style link definitions (``[id]: url``) wherever they stand.

    CommonMark ignores a definition that follows a paragraph without a blank line (it
    reads as the paragraph's text); authors still mean it, so every one is collected.
    """
    found: dict[str, dict[str, str]] = {}
    for line in lines:
        match = _DEFINITION.match(line) if "]:" in line else None
        if match:
            found.setdefault(
                normalizeReference(match.group(1)), {"href": match.group(2), "title": ""}
            )
    return found


def _place(target: _Line, line: _Line) -> None:
    """Write ``line`` onto ``target``; table cells on one row are joined with " | "."""
    target.text = f"{target.text} | {line.text}" if target.text else line.text


def render_inline(
    children: Sequence[Token], marks: LinkMarks, head: str = "", notes: _Notes | None = None
) -> list[_Line]:
    """Inline tokens as plain text lines (split at line breaks), links marked in ``marks``;
    the calls of ``notes``' inline notes are recorded in ``notes.called``.
    """
    lines = [_Line(head)]
    open_links: list[tuple[str, int, bool]] = []  # (url, start column, autolink)
    for child in children:
        line = lines[-1]
        kind = child.type
        if kind in ("softbreak", "hardbreak"):
            lines.append(_Line())
        elif kind in ("text", "code_inline"):
            line.text += child.content
        elif kind == "image":
            # Its alt text may run over lines ("![\n]()"): the line stays one line.
            line.text += child.content.replace("\n", " ")
        elif kind == "footnote_ref":
            line.text += f"[^{_label(child, notes, len(lines) - 1)}]"
        elif kind == "link_open":
            url = str(child.attrs.get("href") or "")
            open_links.append((url, len(line.text), child.markup == "autolink"))
        elif kind == "link_close" and open_links:
            _close_link(line, marks, open_links.pop())
        elif kind == "html_inline":
            _html_inline(line, marks, child.content, open_links)
    return lines


def _label(reference: Token, notes: _Notes | None, line: int) -> str:
    """The label a footnote reference is read with: its own, or its inline note's."""
    if "label" in reference.meta or notes is None:
        return str(reference.meta.get("label", ""))
    note = reference.meta.get("id")
    if not isinstance(note, int) or note not in notes.labels:
        return ""
    notes.called.append((note, line))
    return notes.labels[note]


def _close_link(line: _Line, marks: LinkMarks, opened: tuple[str, int, bool]) -> None:
    """Finish a link opened as ``(url, start, autolink)``: keep its target visibly.

    Its anchor text began at column ``start``. An autolink is left as its URL, which the
    bare-URL pass records.
    """
    url, start, autolink = opened
    url = url.strip()
    anchor = line.text[start:]
    if autolink or not url:
        return
    if url.startswith("#"):
        if _MARKER_TEXT.fullmatch(anchor.strip()):
            # "[1](#ref-1)": a citation marker linked to its entry stays a marker.
            line.text = f"{line.text[:start]}[{anchor.strip()}]"
        return
    if not anchor.strip():
        line.text = f"{line.text[:start]}<{url}>"
    elif url not in anchor:
        line.text = f"{line.text[:start]}{marks.mark(anchor, url)} <{url}>"


def _html_inline(
    line: _Line, marks: LinkMarks, tag: str, open_links: list[tuple[str, int, bool]]
) -> None:
    """Inline HTML: ``<sup>`` is kept, ``<a href>`` is a link, other tags go."""
    opening = _HTML_LINK_OPEN.match(tag)
    if opening:
        open_links.append((opening.group(1), len(line.text), False))
    elif _HTML_LINK_CLOSE.match(tag):
        if open_links:
            _close_link(line, marks, open_links.pop())
    elif _SUP.fullmatch(tag.strip()):
        line.text += tag.strip().lower().replace(" ", "")


def html_text(line: str) -> str:
    """A line of an HTML block as text: links keep their targets, tags other than ``<sup>`` go."""
    line = _HTML_LINK.sub(lambda m: with_target(m.group(2), m.group(1)), line)
    return _TAG.sub(lambda m: m.group(0) if m.group(1).lower() == "sup" else "", line)


def with_target(text: str, url: str) -> str:
    """Link text followed by `` <url>`` unless the target is already in the text or is local."""
    url = url.strip()
    if url.startswith("#") and _MARKER_TEXT.fullmatch(text.strip()):
        return f"[{text.strip()}]"
    if not url or url.startswith("#") or url in text:
        return text
    return f"{text} <{url}>" if text.strip() else f"<{url}>"


def drop_comments(line: str, *, in_comment: bool) -> tuple[str, bool]:
    """Remove HTML comment text from one line; say whether a comment is still open after it."""
    kept: list[str] = []
    pos = 0
    while pos <= len(line):
        if in_comment:
            end = line.find("-->", pos)
            if end == -1:
                return "".join(kept), True
            pos = end + 3
            in_comment = False
        else:
            start = line.find("<!--", pos)
            if start == -1:
                kept.append(line[pos:])
                break
            kept.append(line[pos:start])
            pos = start + 4
            in_comment = True
    return "".join(kept), in_comment

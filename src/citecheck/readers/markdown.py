"""The Markdown reader: a line-preserving transform, so text line i is file line i.

Markdown is already readable prose, so rather than render it we rewrite each line in
place: link targets are kept as ``text <url>``, heading markers, block quotes and
HTML comments are dropped, inline ``<sup>`` is kept and other inline HTML tags go.
Emphasis is only partly removed; later stages do not depend on it.
"""

from __future__ import annotations

import re
from dataclasses import replace

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.text import LinkMarks, build_document, decode_text

_FENCE = re.compile(r"^\s{0,3}(`{3,}|~{3,})")
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_RULE = re.compile(r"^\s{0,3}([-=*_])(?:\s*\1){2,}\s*$")
_QUOTE = re.compile(r"^\s{0,3}(?:>\s?)+")
_DEFINITION = re.compile(r"^\s{0,3}\[([^\]^][^\]]*)\]:\s*<?([^\s>]+)>?")
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_HTML_LINK = re.compile(
    r"<a\s[^<>]*?href\s*=\s*[\"']([^\"']*)[\"'][^<>]*>(.*?)</a\s*>", re.IGNORECASE
)
_TAG = re.compile(r"</?([A-Za-z][A-Za-z0-9-]*)(?:\s[^<>]*)?/?>")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s*])\*(?![\w*])")

# Escaped characters are parked in the Unicode private-use area while links are parsed,
# so "\[" never opens a link; they are restored afterwards.
_PARK = 0xF0000
_MARKER_TEXT = re.compile(r"\d{1,3}(?:\s*[,\u2013\u2014-]\s*\d{1,3})*")
_SEARCH_LIMIT = 2000  # bracket matching gives up after this many characters


def read(data: bytes, path: str) -> Document:
    """Read a Markdown article line by line, keeping every line's original number."""
    lines = decode_text(data, path).split("\n")
    marks = LinkMarks()
    transformed = transform_lines(lines, collect_definitions(lines), marks)
    if not any(line.strip() for line in transformed):
        raise ReadError(path, "no text in this Markdown file")
    document = build_document(path, enumerate(transformed, 1), "markdown", marks)
    # A link definition ("[id]: url") is where a link points, not a link in the prose.
    defined = {number for number, line in enumerate(lines, 1) if _DEFINITION.match(line)}
    kept = tuple(k for k in document.links if k.text or k.line not in defined)
    return replace(document, links=kept) if len(kept) != len(document.links) else document


def collect_definitions(lines: list[str]) -> dict[str, str]:
    """Reference-style link definitions (``[id]: url``), keyed by lower-cased id."""
    found: dict[str, str] = {}
    for line in lines:
        match = _DEFINITION.match(line)
        if match:
            found.setdefault(match.group(1).strip().lower(), match.group(2))
    return found


def transform_lines(
    lines: list[str], definitions: dict[str, str], marks: LinkMarks | None = None
) -> list[str]:
    """Rewrite every line in place; code fences and comments keep their line count."""
    out: list[str] = []
    fence: str | None = None
    in_comment = False
    for line in lines:
        opening = _FENCE.match(line)
        if fence is not None:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence):
                fence = None
            out.append(line)
            continue
        if opening and not in_comment:
            fence = opening.group(1)
            out.append(line)
            continue
        line, in_comment = drop_comments(line, in_comment)
        out.append(transform_line(line, definitions, marks))
    return out


def drop_comments(line: str, in_comment: bool) -> tuple[str, bool]:
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


def transform_line(line: str, definitions: dict[str, str], marks: LinkMarks | None = None) -> str:
    """One Markdown line as plain text with ``<sup>`` and link targets kept."""
    if _RULE.match(line):
        return ""
    heading = _HEADING.match(line)
    if heading:
        line = heading.group(1)
    line = _QUOTE.sub("", line)
    line = _ESCAPE.sub(lambda m: chr(_PARK + ord(m.group(1))), line)
    line = _HTML_LINK.sub(lambda m: with_target(m.group(2), m.group(1), marks), line)
    line = convert_links(line, definitions, marks)
    line = _TAG.sub(lambda m: m.group(0) if m.group(1).lower() == "sup" else "", line)
    line = _STRONG.sub(r"\2", line)
    line = _EMPHASIS.sub(r"\1", line)
    return "".join(chr(ord(c) - _PARK) if _PARK < ord(c) < _PARK + 0x7F else c for c in line)


def with_target(text: str, url: str, marks: LinkMarks | None = None) -> str:
    """Link text followed by `` <url>`` unless the target is already in the text or is local."""
    url = url.strip()
    if url.startswith("#") and _MARKER_TEXT.fullmatch(text.strip()):
        # "[1](#ref-1)": a citation marker linked to its entry stays a marker.
        return f"[{text.strip()}]"
    if not url or url.startswith("#") or url in text:
        return text
    if not text.strip():
        return f"<{url}>"
    return f"{marks.mark(text, url) if marks else text} <{url}>"


def convert_links(line: str, definitions: dict[str, str], marks: LinkMarks | None = None) -> str:
    """Rewrite ``[text](url)``, ``[text][id]`` and ``![alt](url)`` outside any code span."""
    out: list[str] = []
    pos = 0
    while True:
        start = line.find("[", pos)
        if start == -1:
            out.append(line[pos:])
            return "".join(out)
        close = matching(line, start, "[", "]")
        if close == -1:
            out.append(line[pos : start + 1])
            pos = start + 1
            continue
        image = start > 0 and line[start - 1] == "!"
        text = convert_links(line[start + 1 : close], definitions, marks)
        replacement, end = link_target(line, close + 1, text, definitions, None if image else marks)
        if replacement is None:
            out.append(line[pos : start + 1])
            pos = start + 1
            continue
        out.append(line[pos : start - 1] if image else line[pos:start])
        out.append(text if image else replacement)
        pos = end


def link_target(
    line: str,
    pos: int,
    text: str,
    definitions: dict[str, str],
    marks: LinkMarks | None = None,
) -> tuple[str | None, int]:
    """The rendered link whose target starts at ``pos``, and where it ends; None when none."""
    if line.startswith("(", pos):
        close = matching(line, pos, "(", ")")
        if close == -1:
            return None, pos
        destination = line[pos + 1 : close].strip()
        if destination.startswith("<") and ">" in destination:
            url = destination[1 : destination.index(">")]
        else:
            url = destination.split(maxsplit=1)[0] if destination else ""
        return with_target(text, url, marks), close + 1
    if line.startswith("[", pos) and not line.startswith("[^", pos):
        close = matching(line, pos, "[", "]")
        if close == -1:
            return None, pos
        key = (line[pos + 1 : close] or text).strip().lower()
        if key in definitions:
            return with_target(text, definitions[key], marks), close + 1
    return None, pos


def matching(line: str, start: int, opener: str, closer: str) -> int:
    """Index of the bracket closing the one at ``start``, or -1 (searches a bounded window)."""
    depth = 0
    for index in range(start, min(len(line), start + _SEARCH_LIMIT)):
        char = line[index]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index
    return -1

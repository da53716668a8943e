r"""Inline footnotes (Typst, AsciiDoc, LaTeX) as footnote definitions.

A Typst (``#footnote[...]``), AsciiDoc (``footnote:[...]``) or LaTeX (``\footnote{...}``)
chapter often cites in footnotes written where they are called. The later stages read
one shape of footnote, Markdown's: a ``[^n]`` marker in the prose and a ``[^n]: ...``
definition after it. So each inline note becomes a marker where it was called, and its
text a definition at the end of the document, tied to the line the note was written on;
the prose after a note joins the line it was called on, and later lines keep theirs.
"""

from __future__ import annotations

import bisect
import re

_OPENING = re.compile(r"#footnote\[|(?<![\w#\\])footnote:\[|\\footnote\{")
_CLOSER = {"[": "]", "{": "}"}

Lines = list[tuple[int, str]]  # (original line number, text line)


def move_notes(text: str) -> Lines | None:
    """``text``'s lines with inline notes moved to the end, or None when it has none."""
    if "footnote" not in text:
        return None
    starts = [0, *(i + 1 for i, c in enumerate(text) if c == "\n")]
    kept: list[tuple[int, int]] = []  # spans of the original text that stay in the prose
    notes: list[tuple[int, str]] = []  # (offset of the call, the note's text)
    position = 0
    for match in _OPENING.finditer(text):
        if match.start() < position:
            continue  # inside a note already moved
        end = _closing(text, match.end(), match.group(0)[-1])
        if end is None:
            continue  # unbalanced: left as written
        kept.append((position, match.start()))
        notes.append((match.start(), " ".join(text[match.end() : end].split())))
        kept.append((-len(notes), -len(notes)))  # the marker's place
        position = end + 1
    if not notes:
        return None
    kept.append((position, len(text)))
    lines = _prose_lines(text, starts, kept)
    lines.append((lines[-1][0], ""))
    for number, (offset, note) in enumerate(notes, 1):
        lines.append((bisect.bisect_right(starts, offset), f"[^{number}]: {note}"))
    return lines


def _closing(text: str, start: int, opener: str) -> int | None:
    """Offset of the bracket that closes the one opened just before ``start``."""
    closer = _CLOSER[opener]
    depth = 1
    for index in range(start, len(text)):
        char = text[index]
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth == 0:
                return index
    return None


def _prose_lines(text: str, starts: list[int], kept: list[tuple[int, int]]) -> Lines:
    """The kept spans joined (a negative span is note -n's marker), split into numbered lines."""
    lines: Lines = [(1, "")]
    for start, end in kept:
        if start < 0:
            number, line = lines[-1]
            lines[-1] = (number, f"{line}[^{-start}]")
            continue
        pieces = text[start:end].split("\n")
        number, line = lines[-1]
        lines[-1] = (number, line + pieces[0])
        offset = start + len(pieces[0])
        for piece in pieces[1:]:
            lines.append((bisect.bisect_right(starts, offset + 1), piece))
            offset += len(piece) + 1
    return lines

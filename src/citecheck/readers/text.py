"""The plain-text reader, and the checks every text-based reader shares."""

from __future__ import annotations

import re
from collections.abc import Iterable

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.encoding import decode, looks_binary

_SUPERSCRIPT = re.compile(r"<sup>(.*?)</sup>")
_TARGET = re.compile(r" ?<(https?://[^<>\s]+)>")


def decode_text(data: bytes, path: str, declared: str | None = None) -> str:
    """Decode a text-based input, refusing empty and binary files with a ReadError."""
    if not data:
        raise ReadError(path, "file is empty")
    if looks_binary(data):
        raise ReadError(path, "binary file, not text")
    text = decode(data, declared)
    if not text.strip():
        raise ReadError(path, "file is empty")
    return text


def lift_targets(line: str) -> str:
    """Move link targets out of superscripts: ``<sup>1 <url></sup>`` -> ``<sup>1</sup> <url>``.

    Citation markers must stay bare numbers for the citation stage to read them.
    """
    if "<sup>" not in line:
        return line
    return _SUPERSCRIPT.sub(_lift, line)


def _lift(match: re.Match[str]) -> str:
    """One superscript with the link targets inside it moved after it."""
    inner = match.group(1)
    targets = _TARGET.findall(inner)
    if not targets:
        return match.group(0)
    marker = _TARGET.sub("", inner).strip()
    return f"<sup>{marker}</sup>" + "".join(f" <{url}>" for url in targets)


def build_document(path: str, lines: Iterable[tuple[int, str]], fmt: str) -> Document:
    """A Document from ``(original line number, text)`` pairs (no newlines in them); targets lifted."""
    numbers: list[int] = []
    texts: list[str] = []
    for number, line in lines:
        numbers.append(number)
        texts.append(lift_targets(line))
    return Document(path=path, text="\n".join(texts), line_numbers=tuple(numbers), format=fmt)


def read(data: bytes, path: str) -> Document:
    """Read a plain-text article: the decoded text as is, text line i is file line i."""
    text = decode_text(data, path)
    count = text.count("\n") + 1
    return Document(path=path, text=text, line_numbers=tuple(range(1, count + 1)), format="text")

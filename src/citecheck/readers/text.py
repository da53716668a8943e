"""The plain-text reader, and the checks every text-based reader shares."""

from __future__ import annotations

from collections.abc import Iterable

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.encoding import decode, looks_binary


def decode_text(data: bytes, path: str) -> str:
    """Decode a text-based input, refusing empty and binary files with a ReadError."""
    if not data:
        raise ReadError(path, "file is empty")
    if looks_binary(data):
        raise ReadError(path, "binary file, not text")
    text = decode(data)
    if not text.strip():
        raise ReadError(path, "file is empty")
    return text


def build_document(path: str, lines: Iterable[tuple[int, str]], fmt: str) -> Document:
    """A Document from ``(original line number, text)`` pairs; lines must hold no newline."""
    numbers: list[int] = []
    texts: list[str] = []
    for number, line in lines:
        numbers.append(number)
        texts.append(line)
    return Document(path=path, text="\n".join(texts), line_numbers=tuple(numbers), format=fmt)


def read(data: bytes, path: str) -> Document:
    """Read a plain-text article: the decoded text as is, text line i is file line i."""
    text = decode_text(data, path)
    count = text.count("\n") + 1
    return Document(path=path, text=text, line_numbers=tuple(range(1, count + 1)), format="text")

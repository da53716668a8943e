"""Readers: turn an article file (text, Markdown, HTML, DOCX) into a :class:`Document`.

``read`` picks a reader from ``input_format`` or the file's extension; a plain dict
maps format names to reader functions, each ``(data, path) -> Document``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers import docx, html, markdown, text

Reader = Callable[[bytes, str], Document]

FORMATS: dict[str, Reader] = {
    "text": text.read,
    "markdown": markdown.read,
    "html": html.read,
    "docx": docx.read,
}

EXTENSIONS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".docx": "docx",
    # Markups read as text: the reference and citation stages know their headings,
    # list items, links and citation commands.
    ".typ": "text",
    ".adoc": "text",
    ".asciidoc": "text",
    ".org": "text",
    ".rst": "text",
    ".tex": "text",
}

STDIN = "-"
_ZIP_MAGIC = b"PK\x03\x04"
_HTML_STARTS = (b"<!doctype html", b"<html")


def read(path: str, input_format: str | None = None) -> Document:
    """Read the article at ``path`` (``-`` is standard input); raises ReadError only."""
    if path == STDIN:
        try:
            data = sys.stdin.buffer.read()
        except (OSError, ValueError, AttributeError) as error:
            raise ReadError(path, f"cannot read standard input ({error})") from error
        return read_bytes(data, path, input_format)
    return read_bytes(load(path), path, input_format)


def load(path: str) -> bytes:
    """The bytes of the file at ``path``, with OS failures turned into ReadError."""
    if os.path.isdir(path):
        raise ReadError(path, "is a directory")
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except FileNotFoundError as error:
        raise ReadError(path, "no such file") from error
    except PermissionError as error:
        raise ReadError(path, "permission denied") from error
    except OSError as error:
        raise ReadError(path, (error.strerror or str(error)).lower()) from error


def read_bytes(data: bytes, path: str, input_format: str | None = None) -> Document:
    """Read an article already in memory; ``path`` names it and picks the format by extension."""
    fmt = input_format or detect_format(data, path)
    reader = FORMATS.get(fmt)
    if reader is None:
        raise ReadError(path, f"unknown input format {fmt!r} (choose from {', '.join(FORMATS)})")
    try:
        return reader(data, path)
    except ReadError:
        raise
    except Exception as error:  # a reader bug must still read as one line about the file
        raise ReadError(path, f"could not read as {fmt} ({type(error).__name__})") from error


def detect_format(data: bytes, path: str) -> str:
    """The format for ``path``: by extension; else sniffed (zip -> docx, HTML start -> html); else text."""
    extension = os.path.splitext(path)[1].lower()
    if extension in EXTENSIONS:
        return EXTENSIONS[extension]
    if data.startswith(_ZIP_MAGIC):
        return "docx"
    if data.lstrip()[:20].lower().startswith(_HTML_STARTS):
        return "html"
    return "text"


__all__ = [
    "EXTENSIONS",
    "FORMATS",
    "STDIN",
    "Reader",
    "detect_format",
    "load",
    "read",
    "read_bytes",
]

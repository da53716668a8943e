"""Readers: turn an article file (text, Markdown, HTML, DOCX) into a :class:`Document`.

``read`` picks a reader from ``input_format`` or the file's extension; a plain dict
maps format names to reader functions, each ``(data, path) -> Document``.
"""

from __future__ import annotations

import importlib
import os
import stat
import sys
from collections.abc import Callable

from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.size import MAX_INPUT_BYTES, describe_size, parse_size

Reader = Callable[[bytes, str], Document]


def _on_first_use(module: str) -> Reader:
    """The ``read`` of ``citecheck.readers.<module>``, imported when first called: a run
    over Markdown files never loads python-docx or lxml.html (a tenth of a second each
    time the command starts).
    """

    def read(data: bytes, path: str) -> Document:
        reader: Reader = importlib.import_module(f"citecheck.readers.{module}").read
        return reader(data, path)

    read.__qualname__ = read.__name__ = f"{module}.read"
    return read


FORMATS: dict[str, Reader] = {
    "text": _on_first_use("text"),
    "markdown": _on_first_use("markdown"),
    "html": _on_first_use("html"),
    "docx": _on_first_use("docx"),
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


def read(path: str, input_format: str | None = None, max_bytes: int = MAX_INPUT_BYTES) -> Document:
    """Read the article at ``path`` (``-`` is standard input); raises ReadError only."""
    if path == STDIN:
        try:
            data = sys.stdin.buffer.read(max_bytes + 1)
        except (OSError, ValueError, AttributeError) as error:
            raise ReadError(path, f"cannot read standard input ({error})") from error
        if len(data) > max_bytes:
            raise ReadError(path, f"larger than the input size limit ({describe_size(max_bytes)})")
        return read_bytes(data, path, input_format)
    return read_bytes(load(path, max_bytes), path, input_format)


def load(path: str, max_bytes: int = MAX_INPUT_BYTES) -> bytes:
    """The bytes of the regular file at ``path``, at most ``max_bytes``; else ReadError.

    FIFOs, devices and sockets are refused without reading (a FIFO would block for
    ever, ``/dev/zero`` never ends): the file is opened without blocking and checked
    before a byte is read.
    """
    if os.path.isdir(path):
        raise ReadError(path, "is a directory")
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except FileNotFoundError as error:
        raise ReadError(path, "no such file") from error
    except PermissionError as error:
        raise ReadError(path, "permission denied") from error
    except OSError as error:
        raise ReadError(path, (error.strerror or str(error)).lower()) from error
    with open(descriptor, "rb", closefd=True) as handle:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            raise ReadError(path, f"not a regular file ({_kind(mode)}); only files are read")
        size = os.fstat(descriptor).st_size
        if size > max_bytes:
            raise ReadError(
                path,
                f"{describe_size(size)} is larger than the input size limit "
                f"({describe_size(max_bytes)}; see --max-input-size)",
            )
        try:
            data = handle.read(max_bytes + 1)
        except OSError as error:
            raise ReadError(path, (error.strerror or str(error)).lower()) from error
    if len(data) > max_bytes:  # it grew while being read
        raise ReadError(path, f"larger than the input size limit ({describe_size(max_bytes)})")
    return data


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "a FIFO"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


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
    "MAX_INPUT_BYTES",
    "STDIN",
    "Reader",
    "describe_size",
    "detect_format",
    "load",
    "parse_size",
    "read",
    "read_bytes",
]

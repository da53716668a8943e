"""Expanding the paths a user gives into the article files to read."""

from __future__ import annotations

import glob
import os
from collections.abc import Iterator, Sequence

from citecheck.model import InputError
from citecheck.readers import EXTENSIONS, STDIN

_SKIPPED_DIRECTORIES = frozenset(("node_modules", "__pycache__", "site-packages"))
_GLOB_CHARACTERS = frozenset("*?[")
_NAMED_EXTENSIONS = (
    *(".txt", ".md", ".html", ".htm", ".docx"),
    *(".tex", ".typ", ".adoc", ".rst", ".org"),  # markups read as text
)


def expand(paths: Sequence[str]) -> tuple[list[str], list[InputError]]:
    """Files as given, directories searched recursively, glob patterns matched, ``-`` kept."""
    files: list[str] = []
    errors: list[InputError] = []
    for path in paths:
        found, error = expand_one(path)
        files.extend(found)
        if error is not None:
            errors.append(error)
    return list(dict.fromkeys(files)), errors


def expand_one(path: str) -> tuple[list[str], InputError | None]:
    """The files one argument names, or the reason it names none."""
    if path == STDIN or os.path.isfile(path):
        return [path], None
    if os.path.isdir(path):
        found = list(articles_in(path))
        if not found:
            return [], InputError(path, f"no articles ({extension_list()}) in this directory")
        return found, None
    if _GLOB_CHARACTERS & set(path):
        found = list(matches(path))
        if not found:
            return [], InputError(path, "no files match this pattern")
        return found, None
    if os.path.lexists(path):
        return [path], None  # a broken link or special file: let the reader say what is wrong
    return [], InputError(path, "no such file or directory")


def matches(pattern: str) -> Iterator[str]:
    """Files a glob pattern matches (``**`` recursive); matched directories are searched."""
    for match in sorted(glob.glob(pattern, recursive=True)):
        if os.path.isdir(match):
            yield from articles_in(match)
        else:
            yield match


def articles_in(directory: str) -> Iterator[str]:
    """Files with a known article extension under ``directory``, sorted, hidden folders skipped."""
    found: list[str] = []
    for root, directories, names in os.walk(directory):
        directories[:] = [
            name
            for name in directories
            if not name.startswith(".") and name not in _SKIPPED_DIRECTORIES
        ]
        found.extend(
            os.path.join(root, name)
            for name in names
            if not name.startswith(".") and os.path.splitext(name)[1].lower() in EXTENSIONS
        )
    yield from sorted(path for path in found if not is_report(path))


_REPORT_MARK = b'<meta name="generator" content="citecheck">'  # report/html.py's GENERATOR


def is_report(path: str) -> bool:
    """Whether ``path`` is an HTML report citecheck wrote (left in a folder it checks)."""
    if not path.lower().endswith((".html", ".htm")):
        return False
    try:
        with open(path, "rb") as handle:
            return _REPORT_MARK in handle.read(1024)
    except OSError:
        return False  # reading it says why


def extension_list() -> str:
    """The article extensions, for messages (.text, .markdown and .asciidoc are read too)."""
    return ", ".join(_NAMED_EXTENSIONS)

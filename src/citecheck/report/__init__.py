"""Output formats. ``RENDERERS`` maps each ``--format`` name to its render function."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, Protocol

from citecheck.model import ParsedDocument, Report
from citecheck.report import csv, github, html, jsonout, junit, markdown, sarif, table


class Renderer(Protocol):
    """Turns a whole run's report into the text of one output format."""

    def __call__(self, report: Report, **options: Any) -> str: ...


class ParseRenderer(Protocol):
    """Turns what ``citecheck parse`` read (no network) into text."""

    def __call__(self, parsed_docs: Iterable[ParsedDocument], **options: Any) -> str: ...


RENDERERS: dict[str, Renderer] = {
    "table": table.render,
    "json": jsonout.render,
    "sarif": sarif.render,
    "github": github.render,
    "junit": junit.render,
    "markdown": markdown.render,
    "csv": csv.render,
    "html": html.render,
}

PARSE_RENDERERS: dict[str, ParseRenderer] = {
    "table": table.render_parse,
    "json": jsonout.render_parse,
}


# Formats that can be written piece by piece (a long run's report is never held whole).
STREAMERS: dict[str, Callable[..., Iterator[str]]] = {"json": jsonout.chunks}


def render_chunks(report: Report, fmt: str, **options: Any) -> Iterator[str]:
    """The report in format ``fmt`` as pieces of text to write one after another."""
    streamer = STREAMERS.get(fmt)
    if streamer is not None:
        yield from streamer(report, **options)
    else:
        yield render(report, fmt, **options)


def render(report: Report, fmt: str, **options: Any) -> str:
    """The report in format ``fmt`` (a key of RENDERERS); options such as ``color=True``."""
    try:
        renderer = RENDERERS[fmt]
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; choose from {', '.join(RENDERERS)}") from None
    return renderer(report, **options)


def render_parse(parsed_docs: Iterable[ParsedDocument], fmt: str, **options: Any) -> str:
    """What ``citecheck parse`` read, in ``json`` or ``table`` format."""
    try:
        renderer = PARSE_RENDERERS[fmt]
    except KeyError:
        raise ValueError(
            f"unknown format {fmt!r}; choose from {', '.join(PARSE_RENDERERS)}"
        ) from None
    return renderer(parsed_docs, **options)

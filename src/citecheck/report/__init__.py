"""Output formats. ``RENDERERS`` maps each ``--format`` name to its render function."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, Protocol

from citecheck.model import ParsedDocument

if TYPE_CHECKING:
    from citecheck.model import Report


class Renderer(Protocol):
    """Turns a whole run's report into the text of one output format."""

    def __call__(self, report: Report, **options: Any) -> str:
        """The report as this format's text."""
        ...


class ParseRenderer(Protocol):
    """Turns what ``citecheck parse`` read (no network) into text."""

    def __call__(self, parsed_docs: Iterable[ParsedDocument], **options: Any) -> str:
        """What was read, as this format's text."""
        ...


def _on_first_use(module: str, name: str) -> Any:
    """``citecheck.report.<module>.<name>``, imported when first called: a JSON run never
    loads rich (the table renderer's), which the command would pay for at every start.
    """

    def call(*args: Any, **options: Any) -> Any:
        return getattr(importlib.import_module(f"citecheck.report.{module}"), name)(
            *args, **options
        )

    call.__qualname__ = call.__name__ = f"{module}.{name}"
    return call


RENDERERS: dict[str, Renderer] = {
    "table": _on_first_use("table", "render"),
    "json": _on_first_use("jsonout", "render"),
    "sarif": _on_first_use("sarif", "render"),
    "github": _on_first_use("github", "render"),
    "junit": _on_first_use("junit", "render"),
    "markdown": _on_first_use("markdown", "render"),
    "csv": _on_first_use("csv", "render"),
    "html": _on_first_use("html", "render"),
}

PARSE_RENDERERS: dict[str, ParseRenderer] = {
    "table": _on_first_use("table", "render_parse"),
    "json": _on_first_use("jsonout", "render_parse"),
}


# Formats that can be written piece by piece (a long run's report is never held whole).
STREAMERS: dict[str, Callable[..., Iterator[str]]] = {"json": _on_first_use("jsonout", "chunks")}


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

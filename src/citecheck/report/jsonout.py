"""``--format json``: the versioned schema documented in docs/json-schema.md."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

import orjson

from citecheck.model import ParsedDocument
from citecheck.report.serialize import (
    SCHEMA_VERSION,
    document_dict,
    parse_dict,
    parsed_dict,
    report_dict,
    summary_dict,
)

RENDERED_AHEAD = 8  # documents given a helper process ahead of what is written

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from citecheck.model import DocumentReport, Report
    from citecheck.results import Entry


def _dump(data: dict[str, Any], indent: int | None = 2) -> str:
    if indent is None:
        return _compact(data) + "\n"
    return json.dumps(data, indent=indent, ensure_ascii=False) + "\n"


def _compact(data: Any) -> str:
    """``json.dumps(data, separators=(",", ":"), ensure_ascii=False)``, written by orjson:
    the same text (they escape the same characters; tested over every code point) several
    times faster than even the standard library's C encoder. What orjson refuses (a lone
    surrogate, an integer past 64 bits) goes to the standard library.
    """
    written = _compact_utf8(data)
    return written.decode("utf-8") if isinstance(written, bytes) else written


def _compact_utf8(data: Any) -> bytes | str:
    """:func:`_compact` as orjson's UTF-8 bytes, or as the standard library's text for what
    orjson refuses (which UTF-8 could not hold: a lone surrogate).
    """
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        return json.dumps(data, separators=(",", ":"), ensure_ascii=False)


def _indented(data: Any) -> str:
    """``json.dumps(data, indent=2, ensure_ascii=False)``, written by orjson: the same text
    (the report's floats are rounded to three places, so none is written in exponent form)
    twenty times faster than the standard library's pure-Python indenting encoder. What
    orjson refuses (a lone surrogate) goes to the standard library as before.
    """
    try:
        return orjson.dumps(data, option=orjson.OPT_INDENT_2).decode("utf-8")
    except orjson.JSONEncodeError:
        return json.dumps(data, indent=2, ensure_ascii=False)


def render(report: Report, **_options: Any) -> str:
    """The report as JSON (schema version 1): ``json.dumps(report_dict(report), indent=2)``."""
    return "".join(chunks(report))


def chunks(
    report: Report, *, helpers: ProcessPoolExecutor | None = None, **_options: Any
) -> Iterator[str]:
    """The same JSON in pieces, one document at a time, so a long run's report is never
    held whole (neither its dicts nor its text). With ``helpers``, a results file's
    documents are rendered half here and half in a process of its own (:func:`_blocks`).
    """
    from citecheck.model import Report  # a checking type: loaded by the check alone

    yield f'{{\n  "version": {SCHEMA_VERSION},\n  "documents": ['
    separator = "\n"
    # The summary is counted in the same pass: a results file's documents are read (and
    # decoded) once, not once for the documents and again for the totals.
    totals = summary_dict(Report(()))
    for block, summary in _blocks(report, helpers):
        yield separator + block
        separator = ",\n"
        for key, value in summary.items():
            totals[key] += value
    yield "]" if separator == "\n" else "\n  ]"
    rest = report_dict(Report((), report.errors))
    rest["summary"] = totals
    for key in ("input_errors", "summary"):
        block = _indented(rest[key])
        yield f',\n  "{key}": ' + block.replace("\n", "\n  ")
    yield "\n}\n"


def _block(document: DocumentReport) -> tuple[str, dict[str, int]]:
    """One document as it stands in the report (indented), and its counts for the summary."""
    from citecheck.model import Report

    block = _indented(document_dict(document))
    return "    " + block.replace("\n", "\n    "), summary_dict(Report((document,)))


def _blocks(
    report: Report, helpers: ProcessPoolExecutor | None
) -> Iterator[tuple[str, dict[str, int]]]:
    """:func:`_block` of each document, in order.

    A results file's documents are read back, decoded and rendered a few milliseconds
    each, a second or more for an archive, after the check: with ``helpers``, they are
    shared between a spawned process (each rendered from its line of the file) and this
    one (:func:`citecheck.processes.ordered`).
    """
    from citecheck import results

    documents = report.documents
    if helpers is None or not isinstance(documents, results.Stored) or len(documents) < 2:
        yield from map(_block, documents)
        return
    from citecheck import processes

    path = str(documents.path)
    jobs = ((path, entry) for entry in documents.entries)
    yield from processes.ordered(helpers, _stored_block, jobs, RENDERED_AHEAD)


def _stored_block(path: str, entry: Entry) -> tuple[str, dict[str, int]]:
    """:func:`_block` of a results file's document, read from its line."""
    from citecheck import results

    return _block(results.Stored(path, (entry,))[0])


def parse_chunks(parsed_docs: Iterable[ParsedDocument]) -> Iterator[str]:
    """``render_parse(parsed_docs)`` (compact) in pieces, one document at a time, so the
    documents need not be held. The first piece comes with the first document (or at the
    end, when there is none).
    """
    for piece in parse_chunks_utf8(parsed_docs):
        yield piece.decode("utf-8") if isinstance(piece, bytes) else piece


def parse_chunks_utf8(parsed_docs: Iterable[ParsedDocument]) -> Iterator[bytes | str]:
    """:func:`parse_chunks` as UTF-8 bytes, for a stream that writes UTF-8: orjson writes
    bytes, so each document is not decoded only to be encoded again. A document orjson
    refuses (a lone surrogate) comes as the standard library's text, to be written as before.
    """
    separator = f'{{"version":{SCHEMA_VERSION},"documents":['
    for parsed in parsed_docs:
        written = _compact_utf8(parsed_dict(parsed))
        yield separator.encode() + written if isinstance(written, bytes) else separator + written
        separator = ","
    yield ("" if separator == "," else separator) + "]}\n"


def render_parse(
    parsed_docs: Iterable[ParsedDocument], indent: int | None = None, **_options: Any
) -> str:
    """What ``citecheck parse`` read, as JSON with the same schema minus resolution keys:
    compact unless ``indent`` is given.
    """
    return _dump(parse_dict(parsed_docs), indent)

"""``--format csv``: one row per finding, safe to open in a spreadsheet."""

from __future__ import annotations

import csv as csvlib
import io
from typing import Any

from citecheck.model import Report
from citecheck.report.serialize import clean

COLUMNS = (
    "path",
    "label",
    "line",
    "severity",
    "code",
    "field",
    "stated",
    "actual",
    "message",
    "suggestion",
)

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: object) -> str:
    """A value as a CSV cell: cleaned, and quoted against formula injection."""
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    text = clean(str(value))
    # Check after cleaning (a stripped control character must not unmask a formula) and
    # past leading spaces, which some spreadsheet programs skip.
    if text.startswith(_FORMULA_STARTS) or text.lstrip().startswith(_FORMULA_STARTS):
        text = "'" + text
    return text


def render(report: Report, **_options: Any) -> str:
    """The findings of every document as CSV with a header row."""
    out = io.StringIO()
    writer = csvlib.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for document in report.documents:
        for f in document.findings:
            row: tuple[object, ...] = (f.path or document.path, f.label, f.line, f.severity.value)
            row += (f.code, f.field, f.stated, f.actual, f.message, f.suggestion)
            writer.writerow([cell(v) for v in row])
    return out.getvalue()

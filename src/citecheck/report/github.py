"""``--format github``: GitHub Actions workflow commands that annotate the article's lines."""

from __future__ import annotations

from typing import Any

from citecheck.model import Report, Severity
from citecheck.report.serialize import clean

LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def escape_data(text: str) -> str:
    """Escape a command's message the way the Actions runner unescapes it."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property value (file, title): also ``:`` and ``,``."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def render(report: Report, **_options: Any) -> str:
    """One ``::error file=...,line=...,title=...::message`` line per finding."""
    lines = []
    for document in report.documents:
        for f in document.findings:
            props = [f"file={escape_property(clean(f.path or document.path))}"]
            if f.line is not None:
                props.append(f"line={f.line}")
            props.append(f"title={escape_property(f.code)}")
            message = clean(f.message)
            if f.suggestion:
                message += f"\nSuggested: {clean(f.suggestion)}"
            lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{escape_data(message)}")
    for error in report.errors:
        where = f"file={escape_property(clean(error.path))},title=input-error"
        lines.append(f"::error {where}::{escape_data(clean(error.message))}")
    return "".join(line + "\n" for line in lines)

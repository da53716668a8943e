"""``--format markdown``: a report to paste into a pull-request comment."""

from __future__ import annotations

import html
import re
from typing import Any

from citecheck.link_citations import census
from citecheck.model import DocumentReport, Report, Severity
from citecheck.report.serialize import (
    by_reference,
    clean,
    ranked,
    reference_title,
    shown,
    summary_dict,
)
from citecheck.report.table import more, plural

ICONS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "info"}
_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def escape(text: str | None) -> str:
    """Text shown literally: no Markdown, no HTML, no @mentions, one line (safe in a table cell)."""
    if not text:
        return ""
    text = html.escape(clean(text), quote=False)
    text = _SPECIAL.sub(r"\\\1", text)
    # An @name in a comment notifies that GitHub user; an entity keeps it inert.
    return text.replace("@", "&#64;")


def _summary(report: Report) -> str:
    s = summary_dict(report)
    links = (
        f" {plural(s['links'], 'scholarly link')} found, {s['links_checked']} checked."
        if s["links"]
        else ""
    )
    return (
        f"**{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}, "
        f"{s['unverified']} unverified** in {plural(s['references'], 'reference')} "
        f"of {plural(s['documents'], 'document')}.{links}"
    )


def _overview(report: Report) -> list[str]:
    """A table of the documents, worst first, with their counts per severity and code."""
    lines = [
        "| Document | Errors | Warnings | Info | Unverified | References | Checks |",
        "|---|---:|---:|---:|---:|---:|---|",
    ]
    for _, path, counts in ranked(report.documents):
        codes = ", ".join(f"`{code}` {n}" for code, n in counts["codes"].items())
        numbers = [
            str(counts[k]) for k in ("errors", "warnings", "info", "unverified", "references")
        ]
        lines.append("| " + " | ".join([escape(path), *numbers, codes]) + " |")
    return [*lines, ""]


def _document(document: DocumentReport, limit: int | None = None) -> list[str]:
    lines = [f"### {escape(document.path)}", ""]
    kept, hidden = shown(document, limit)
    groups = by_reference(document, kept)
    titles = {r.label: reference_title(r) for r in document.parsed.references}
    rows = [
        (titles.get(label or "", "citations"), f)
        for label, findings in groups.items()
        for f in findings
    ]
    if not rows:
        return [*lines, "No problems found.", ""]
    note = [f"... and {more(hidden)} in this document (--max-findings-per-document).", ""]
    lines += [
        "| Reference | Line | Severity | Check | Article says | Record says | Note |",
        "|---|---|---|---|---|---|---|",
    ]
    for title, f in rows:
        cells = [
            escape(title),
            str(f.line or ""),
            ICONS[f.severity],
            f"`{f.code}`",
            escape(f.stated),
            escape(f.actual),
            escape(f.message),
        ]
        lines.append("| " + " | ".join(cells) + " |")
    suggestions: dict[str, str] = {}
    for _, f in rows:
        if f.label and f.suggestion:
            suggestions.setdefault(f.label, f.suggestion)
    if suggestions:
        lines += ["", "<details><summary>Suggested corrections</summary>", ""]
        for label, suggestion in suggestions.items():
            lines.append(f"- {escape(titles.get(label, label))}: {escape(suggestion)}")
        lines += ["", "</details>"]
    pages = census(document.parsed, document.resolutions).journal_pages
    if pages:
        lines += ["", f"{plural(pages, 'link')} to journal pages without a DOI: unverified."]
    return [*lines, "", *(note if hidden else [])]


def render(report: Report, max_findings: int | None = None, **_options: Any) -> str:
    """The report as GitHub-flavoured Markdown: the summary, a table of the documents
    (worst first) when there are several, then each document's findings (at most
    ``max_findings`` each).
    """
    lines = ["## citecheck", "", _summary(report), ""]
    if len(report.documents) > 1:
        lines += _overview(report)
    for document in report.documents:
        lines += _document(document, max_findings)
    if report.errors:
        # Under a heading of their own, as in the HTML report: after the last document's
        # findings, a bare list read as more of that document.
        lines += ["### Could not read", ""]
    for error in report.errors:
        lines.append(f"- {escape(error.path)}: {escape(error.message)}")
    return "\n".join(lines).rstrip("\n") + "\n"

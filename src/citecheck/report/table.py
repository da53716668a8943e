"""``--format table``: the terminal report, grouped by document and reference."""

from __future__ import annotations

import io
import os
from collections.abc import Iterable
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.table import Table
from rich.text import Text

from citecheck.link_citations import census
from citecheck.model import DocumentReport, Finding, ParsedDocument, Report, Severity, Status
from citecheck.report.serialize import (
    by_reference,
    clean,
    ranked,
    reference_title,
    shown,
    summary_dict,
)

STYLES = {Severity.ERROR: "bold red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def _finish(buffer: io.StringIO) -> str:
    # Rich pads every line to the console width; trailing blanks only make diffs noisy.
    return "".join(line.rstrip() + "\n" for line in buffer.getvalue().splitlines())


def console(*, color: bool = False, width: int = 100) -> tuple[Console, io.StringIO]:
    """A console writing to a buffer; colour only when asked for and NO_COLOR is unset."""
    buffer = io.StringIO()
    color = color and not os.environ.get("NO_COLOR")
    out = Console(
        file=buffer,
        force_terminal=color,
        no_color=not color,
        color_system="standard" if color else None,
        width=width,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    return out, buffer


def plain(value: str | int | None, style: str = "") -> Text:
    """Untrusted text as a rich Text: never read as markup, control characters gone."""
    return Text("" if value is None else clean(str(value)), style=style)


def _findings_table(findings: list[Finding]) -> Table:
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, expand=False)
    for name in ("Line", "Severity", "Check", "Article says", "Record says"):
        table.add_column(name, overflow="fold")
    for f in findings:
        table.add_row(
            plain(f.line),
            plain(f.severity.value, STYLES[f.severity]),
            plain(f.code),
            plain(f.stated),
            plain(f.actual),
        )
    return table


def _status(document: DocumentReport, label: str) -> str:
    resolution = document.resolutions.get(label)
    if resolution is None:
        return ""
    if resolution.status == Status.MATCHED and resolution.work:
        return f"matched doi:{resolution.work.doi}"
    return resolution.status.value.replace("_", " ")


def _document(out: Console, document: DocumentReport, limit: int | None = None) -> None:
    out.print(plain(document.path, "bold underline"))
    kept, hidden = shown(document, limit)
    groups = by_reference(document, kept)
    references = {r.label: r for r in document.parsed.references}
    had = {f.label for f in document.findings}
    for label, findings in groups.items():
        if not findings and label in had:
            continue  # its findings are past --max-findings-per-document: not "ok"
        reference = references.get(label or "")
        title = reference_title(reference) if reference else "Citations"
        heading = plain(title, "bold")
        status = _status(document, label or "")
        if status:
            heading.append(Text(f"  {clean(status)}", style="dim"))
        out.print(heading)
        if not findings:
            out.print(Text("  ok", style="green"))
            continue
        out.print(_findings_table(findings))
        for f in findings:
            # A row showing both values says it all; the sentence is for the rest
            # (not found and its nearest works, retractions, unverified and why).
            if f.stated is None or f.actual is None:
                out.print(Padding(Text("- ").append(plain(f.message)), (0, 0, 0, 2)))
        suggestion = next((f.suggestion for f in findings if f.suggestion), None)
        if suggestion:
            line = Text("Suggested: ", style="bold").append(plain(suggestion))
            out.print(Padding(line, (0, 0, 0, 2)))
    if hidden:
        out.print(Text(f"... and {more(hidden)} in this document (--max-findings-per-document)"))
    note = journal_pages_note(document)
    if note:
        out.print(plain(note, "dim"))
    out.print()


def journal_pages_note(document: DocumentReport) -> str:
    """ "3 links to journal pages without a DOI: unverified", when a page has any."""
    pages = census(document.parsed, document.resolutions).journal_pages
    if not pages:
        return ""
    return f"{plural(pages, 'link')} to journal pages without a DOI: unverified"


def more(hidden: int) -> str:
    """ "1 more finding", "12 more findings"."""
    return f"{hidden} more finding" if hidden == 1 else f"{hidden} more findings"


def _documents_table(report: Report) -> Table:
    """One row per document, worst first: the counts an editor sorts an archive by."""
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False, title_justify="left")
    for name in ("Document", "Errors", "Warnings", "Info", "Unverified", "References"):
        table.add_column(name, overflow="fold", justify="left" if name == "Document" else "right")
    for _, path, counts in ranked(report.documents):
        table.add_row(
            plain(path),
            *(
                plain(counts[key])
                for key in ("errors", "warnings", "info", "unverified", "references")
            ),
        )
    return table


def summary_line(report: Report) -> str:
    """ "N errors, N warnings, N unverified; N references checked in N documents"."""
    s = summary_dict(report)
    line = (
        f"{plural(s['errors'], 'error')}, {plural(s['warnings'], 'warning')}, "
        f"{s['unverified']} unverified; {plural(s['references'], 'reference')} checked "
        f"in {plural(s['documents'], 'document')}"
    )
    if s["links"]:
        line += f"; {plural(s['links'], 'scholarly link')} found, {s['links_checked']} checked"
    return line


def plural(n: int, noun: str) -> str:
    """ "1 error", "2 errors"."""
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def render(
    report: Report,
    *,
    color: bool = False,
    width: int = 100,
    max_findings: int | None = None,
    **_options: Any,
) -> str:
    """The report as a grouped table; with several documents, a table of their counts
    (worst first); a summary line at the end. ``max_findings`` caps each document's.
    """
    out, buffer = console(color=color, width=width)
    for document in report.documents:
        _document(out, document, max_findings)
    for error in report.errors:
        out.print(
            Text("Could not read ", style="red")
            .append(plain(error.path))
            .append(": ")
            .append(plain(error.message))
        )
    if len(report.documents) > 1:
        out.print(Text("Documents, most errors first", style="bold"))
        out.print(_documents_table(report))
    out.print(Text(summary_line(report), style="bold"))
    return _finish(buffer)


def _parsed(out: Console, parsed: ParsedDocument) -> None:
    out.print(plain(parsed.path, "bold underline"))
    table = Table(box=box.SIMPLE, show_edge=False, pad_edge=False)
    for name in (
        "Label",
        "Line",
        "Style",
        "Authors",
        "Year",
        "Title",
        "Journal",
        "Where",
        "DOI",
    ):
        table.add_column(name, overflow="fold")
    for r in parsed.references:
        f = r.fields
        where = (
            (f.volume or "")
            + (f"({f.issue})" if f.issue else "")
            + (f":{f.pages}" if f.pages else "")
        )
        first = (
            f.authors[0].family + (" et al." if len(f.authors) > 1 or f.et_al else "")
            if f.authors
            else ""
        )
        table.add_row(
            plain(r.label),
            plain(r.line),
            plain(r.style.value if r.parsed else "unparsed"),
            plain(first),
            plain(f.year),
            plain(f.title),
            plain(f.journal),
            plain(where),
            plain(f.doi),
        )
    out.print(table)
    for claim in parsed.claims:
        bits = [
            f"{k}={v}"
            for k, v in (
                ("year", claim.year),
                ("journal", claim.journal),
                ("design", claim.study_type),
                ("population", claim.population),
            )
            if v
        ]
        line = Text(f"  line {claim.line} cites [{', '.join(claim.references)}]: ")
        out.print(line.append(plain("; ".join(bits) or "no stated facts")))
    out.print(
        Text(
            f"{len(parsed.references)} references, {len(parsed.citations)} citations, {len(parsed.claims)} claims"
        )
    )
    out.print()


def render_parse(
    parsed_docs: Iterable[ParsedDocument], *, color: bool = False, width: int = 120, **_options: Any
) -> str:
    """What ``citecheck parse`` read: each entry's fields and each claim's stated facts."""
    out, buffer = console(color=color, width=width)
    for parsed in parsed_docs:
        _parsed(out, parsed)
    return _finish(buffer)

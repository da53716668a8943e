"""``--format html``: one self-contained page an editor opens from disk.

No network: the style sheet and the filter script are inline, nothing is fetched, and the
page works from ``file://``. Every string from an article or a record is cleaned and
HTML-escaped (attributes too); the only links are to ``https://doi.org/`` and to anchors
in the page. The script reads only ``data-*`` attributes and never builds markup.
"""

from __future__ import annotations

import html
from collections.abc import Iterable
from typing import Any
from urllib.parse import quote

from citecheck import __version__
from citecheck.model import DocumentReport, Finding, Report, Severity, Status
from citecheck.report.serialize import clean, ranked, reference_title, summary_dict
from citecheck.report.table import plural, summary_line

SEVERITIES = (Severity.ERROR, Severity.WARNING, Severity.INFO)

STYLE = """
body{font:15px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1d232a;background:#f6f7f9}
header,main{max-width:1200px;margin:0 auto;padding:0 20px}
header{padding-top:18px}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:0;word-break:break-all}
.summary{margin:0 0 14px;color:#444}
.filters{display:flex;flex-wrap:wrap;gap:12px;align-items:end;background:#fff;border:1px solid #dde1e6;border-radius:6px;padding:10px 12px;margin-bottom:16px}
.filters label{display:flex;flex-direction:column;font-size:12px;color:#555;gap:2px}
.filters select,.filters input{font:inherit;padding:3px 6px;min-width:180px}
#shown{margin-left:auto;font-size:13px;color:#555}
table{border-collapse:collapse;width:100%;background:#fff}
th,td{border-bottom:1px solid #e5e8ec;padding:5px 8px;text-align:left;vertical-align:top}
th{background:#eef1f4;font-size:13px;position:sticky;top:0}
td.n{text-align:right;font-variant-numeric:tabular-nums}
.overview{margin-bottom:22px;border:1px solid #dde1e6}
.doc{background:#fff;border:1px solid #dde1e6;border-radius:6px;margin:0 0 16px;padding:12px}
.doc table{table-layout:fixed}
.doc td{overflow-wrap:anywhere}
.doc th:nth-child(1){width:4em}.doc th:nth-child(2){width:6.5em}.doc th:nth-child(3){width:11em}
.doc th:nth-child(4){width:15%}.doc th:nth-child(5),.doc th:nth-child(6){width:14%}
.doc header{padding:0;margin-bottom:8px;display:flex;gap:12px;align-items:baseline;flex-wrap:wrap}
.counts{font-size:13px;color:#555}
.sev{font-weight:600;text-transform:uppercase;font-size:12px}
.sev-error{color:#b3261e}.sev-warning{color:#8a5a00}.sev-info{color:#1f5f99}
code{font-size:13px;background:#f0f2f5;padding:0 3px;border-radius:3px;white-space:nowrap}
.doc code{white-space:normal}
.suggestion{color:#2d4a2d;font-size:13px}
.ok{color:#2e7d32;margin:0}
.hidden{display:none}
.errors li{margin:2px 0}
footer{max-width:1200px;margin:0 auto;padding:10px 20px 30px;color:#777;font-size:12px}
"""

SCRIPT = """
(function () {
  var code = document.getElementById('f-code');
  var severity = document.getElementById('f-severity');
  var doc = document.getElementById('f-doc');
  var shown = document.getElementById('shown');
  function apply() {
    var c = code.value, s = severity.value, d = doc.value.toLowerCase();
    var visibleDocs = {}, count = 0;
    document.querySelectorAll('section.doc[data-path]').forEach(function (section) {
      var pathOk = section.dataset.path.toLowerCase().indexOf(d) !== -1;
      var any = false;
      section.querySelectorAll('tr.finding').forEach(function (row) {
        var ok = pathOk && (!c || row.dataset.code === c) && (!s || row.dataset.severity === s);
        row.classList.toggle('hidden', !ok);
        if (ok) { any = true; count += 1; }
      });
      var keep = pathOk && (any || (!c && !s));
      section.classList.toggle('hidden', !keep);
      if (keep) { visibleDocs[section.id] = true; }
    });
    document.querySelectorAll('tr.docrow').forEach(function (row) {
      row.classList.toggle('hidden', !visibleDocs[row.dataset.target]);
    });
    shown.textContent = count + ' finding' + (count === 1 ? '' : 's') + ' shown';
  }
  [code, severity].forEach(function (el) { el.addEventListener('change', apply); });
  doc.addEventListener('input', apply);
  apply();
})();
"""

# Marks the page as citecheck's own, so a folder scan does not read it as an article.
GENERATOR = '<meta name="generator" content="citecheck">'


def esc(value: object) -> str:
    """Text (or an attribute value) shown literally: cleaned, every markup character escaped."""
    return html.escape(clean("" if value is None else str(value)), quote=True)


def doi_link(doi: str | None) -> str:
    """A link to the DOI's resolver page (the DOI percent-encoded), or nothing."""
    if not doi:
        return ""
    href = "https://doi.org/" + quote(clean(doi), safe="/:;()._-<>[]")
    return f'<a href="{esc(href)}" rel="noreferrer">doi:{esc(doi)}</a>'


def _overview(rows: list[tuple[int, str, dict[str, Any]]]) -> list[str]:
    head = ["Document", "Errors", "Warnings", "Info", "Unverified", "References", "Checks"]
    out = ['<table class="overview" id="overview"><thead><tr>']
    out += [f"<th>{name}</th>" for name in head]
    out.append("</tr></thead><tbody>")
    for position, path, counts in rows:
        target = f"doc-{position + 1}"
        codes = ", ".join(
            f"<code>{esc(code)}</code>&nbsp;{n}" for code, n in counts["codes"].items()
        )
        cells = [f'<td><a href="#{target}">{esc(path)}</a></td>']
        cells += [
            f'<td class="n">{counts[key]}</td>'
            for key in ("errors", "warnings", "info", "unverified", "references")
        ]
        cells.append(f"<td>{codes}</td>")
        out.append(f'<tr class="docrow" data-target="{target}">{"".join(cells)}</tr>')
    out.append("</tbody></table>")
    return out


def _filters(codes: Iterable[str]) -> list[str]:
    code_options = "".join(f'<option value="{esc(c)}">{esc(c)}</option>' for c in sorted(codes))
    severity_options = "".join(f'<option value="{s.value}">{s.value}</option>' for s in SEVERITIES)
    return [
        '<div class="filters" id="filters">',
        '<label>Check <select id="f-code"><option value="">any check</option>',
        code_options,
        "</select></label>",
        '<label>Severity <select id="f-severity"><option value="">any severity</option>',
        severity_options,
        "</select></label>",
        '<label>Document <input id="f-doc" type="search" placeholder="part of the path"></label>',
        '<span id="shown"></span>',
        "</div>",
    ]


def _record_doi(document: DocumentReport, finding: Finding) -> str | None:
    resolution = document.resolutions.get(finding.label or "")
    if resolution is None:
        return None
    if resolution.work is not None and resolution.status == Status.MATCHED:
        return resolution.work.doi
    if resolution.doi_work is not None:
        return resolution.doi_work.doi
    return None


def _document(document: DocumentReport, anchor: str, counts: dict[str, Any]) -> list[str]:
    titles = {r.label: reference_title(r) for r in document.parsed.references}
    numbers = ", ".join(
        plural(counts[key], noun)
        for key, noun in (("errors", "error"), ("warnings", "warning"), ("info", "note"))
    )
    out = [
        f'<section class="doc" id="{anchor}" data-path="{esc(document.path)}">',
        f'<header><h2>{esc(document.path)}</h2><span class="counts">{esc(numbers)}; '
        f"{plural(counts['references'], 'reference')}, {counts['unverified']} unverified"
        "</span></header>",
    ]
    if not document.findings:
        return [*out, '<p class="ok">No problems found.</p>', "</section>"]
    out.append(
        "<table><thead><tr><th>Line</th><th>Severity</th><th>Check</th><th>Reference</th>"
        "<th>Article says</th><th>Record says</th><th>What to do</th></tr></thead><tbody>"
    )
    suggested: set[str] = set()
    for f in document.findings:
        note = esc(f.message)
        if f.suggestion and f.label not in suggested:
            # Once per reference: every ref-* finding of an entry carries the same one.
            suggested.add(f.label or "")
            note += f'<div class="suggestion">Suggested: {esc(f.suggestion)}</div>'
        link = doi_link(_record_doi(document, f))
        reference = esc(titles.get(f.label or "", "citations" if not f.label else f.label))
        if link:
            reference += f"<br>{link}"
        sev = f.severity.value
        out.append(
            f'<tr class="finding" data-code="{esc(f.code)}" data-severity="{sev}">'
            f"<td>{f.line or ''}</td>"
            f'<td class="sev sev-{sev}">{sev}</td>'
            f"<td><code>{esc(f.code)}</code></td>"
            f"<td>{reference}</td>"
            f"<td>{esc(f.stated)}</td>"
            f"<td>{esc(f.actual)}</td>"
            f"<td>{note}</td></tr>"
        )
    out += ["</tbody></table>", "</section>"]
    return out


def _errors(report: Report) -> Iterable[str]:
    if not report.errors:
        return []
    items = "".join(f"<li>{esc(e.path)}: {esc(e.message)}</li>" for e in report.errors)
    return [f'<section class="doc errors"><h2>Could not read</h2><ul>{items}</ul></section>']


def render(report: Report, **_options: Any) -> str:
    """The report as one self-contained HTML page: filters, an overview of the documents and
    then each document's findings, worst document first.
    """
    rows = ranked(report.documents)
    codes = {code for _, _, counts in rows for code in counts["codes"]}
    s = summary_dict(report)
    parts = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        GENERATOR,
        # Nothing may load from anywhere: the page is read from disk, offline.
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:\">",
        "<title>citecheck report</title>",
        f"<style>{STYLE}</style></head><body>",
        "<header><h1>citecheck report</h1>",
        f'<p class="summary">{esc(summary_line(report))}; '
        f"{s['matched']} matched, {s['not_found']} not found, {s['ambiguous']} ambiguous.</p>",
        "</header><main>",
        *_filters(codes),
        *_overview(rows),
    ]
    for position, _, counts in rows:
        parts += _document(report.documents[position], f"doc-{position + 1}", counts)
    parts += [
        *_errors(report),
        "</main>",
        f"<footer>citecheck {esc(__version__)}</footer>",
        f"<script>{SCRIPT}</script>",
        "</body></html>",
    ]
    return "\n".join(parts) + "\n"

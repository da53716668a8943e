"""Plain-dict forms of reports (schema version 1, see docs/json-schema.md) and text cleaning.

Every string taken from an article or a Crossref record goes through :func:`clean` before
any renderer sees it, so no format ever passes on terminal control codes.
"""

from __future__ import annotations

import textwrap
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING, Any

from citecheck import studytype
from citecheck.link_citations import census
from citecheck.model import (
    Citation,
    Claim,
    ParsedDocument,
    Reference,
    ReferenceKind,
    Severity,
    Status,
)
from citecheck.text import lazy_pattern

if TYPE_CHECKING:
    from citecheck.model import Candidate, DocumentReport, Finding, Report, Resolution, Work

SCHEMA_VERSION = 1

# C0 and C1 control characters, DEL, and the bidirectional overrides/isolates that can make
# text display differently from what it is ("Trojan Source").
# Compiled when first needed: most runs meet no text that is not printable.
_CONTROL = lazy_pattern("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069]")
_NEWLINES = lazy_pattern(r"[\t\n]+")


def clean(text: str, *, keep_newlines: bool = False) -> str:
    """``text`` without control characters; tabs and newlines become spaces unless kept."""
    # Printable text holds none of them (they are all Unicode Cc or Cf), and most strings
    # are: one quick test instead of two regex passes for each of thousands of fields.
    if text.isprintable():
        return text
    text = _CONTROL().sub("", text)
    if keep_newlines:
        return text
    return _NEWLINES().sub(" ", text)


def _opt(text: str | None, *, keep_newlines: bool = False) -> str | None:
    # Most fields are printable: answered here, without a second call (thousands a document).
    if text is None or text.isprintable():
        return text
    return clean(text, keep_newlines=keep_newlines)


def finding_dict(finding: Finding) -> dict[str, Any]:
    """One finding as a dict."""
    return {
        "code": finding.code,
        "severity": finding.severity.value,
        "label": _opt(finding.label),
        "line": finding.line,
        "field": finding.field,
        "stated": _opt(finding.stated),
        "actual": _opt(finding.actual),
        "message": clean(finding.message),
        "suggestion": _opt(finding.suggestion),
    }


def record_dict(work: Work) -> dict[str, Any]:
    """The matched Crossref record, reduced to the fields the comparison uses."""
    return {
        "doi": work.doi,
        "title": _opt(work.full_title),
        "authors": [{"family": clean(a.family), "given": clean(a.given)} for a in work.authors],
        "journal": _opt(work.journal),
        "year": work.year,
        "volume": _opt(work.volume),
        "issue": _opt(work.issue),
        "pages": _opt(work.pages or work.article_number),
        "type": work.type,
        **pubmed_fields(work),
    }


def pubmed_fields(work: Work) -> dict[str, Any]:
    """What PubMed adds to a record, and the design with where it was read from."""
    from citecheck.resolve import pubmed_index

    record = work.pubmed
    classification = studytype.classify_work(work)
    headings = record.mesh_headings if record else ()
    return {
        "pmid": record.pmid if record else None,
        "pmcid": record.pmcid if record else None,
        "publication_types": [clean(t) for t in record.publication_types] if record else [],
        "mesh_population": pubmed_index.mesh_population(headings) if record else None,
        "species": list(pubmed_index.species(headings)),
        "study_type": classification.study_type.value,
        "study_type_source": "pubmed" if classification.source == "pubmed" else "title",
    }


def _candidate_dict(candidate: Candidate) -> dict[str, Any]:
    return {
        "doi": candidate.work.doi,
        "title": _opt(candidate.work.full_title),
        "confidence": round(candidate.confidence, 3),
        "evidence": {k: round(v, 3) for k, v in sorted(candidate.evidence.items())},
    }


def resolution_dict(resolution: Resolution) -> dict[str, Any]:
    """How a reference was resolved."""
    return {
        "status": resolution.status.value,
        "doi": resolution.work.doi if resolution.work else None,
        "confidence": round(resolution.confidence, 3),
        "via": resolution.via,
        "reason": _opt(resolution.reason),
        "doi_status": resolution.doi_status,
        "pubmed": resolution.pubmed,
        "pubmed_reason": _opt(resolution.pubmed_reason),
        "candidates": [_candidate_dict(c) for c in resolution.candidates],
    }


def reference_dict(
    reference: Reference, resolution: Resolution | None = None, *, checked: bool = False
) -> dict[str, Any]:
    """One reference entry; when ``checked``, also how it resolved and the matched record."""
    f = reference.fields
    data: dict[str, Any] = {
        "label": clean(reference.label),
        "line": reference.line,
        "text": clean(reference.text),
        "kind": reference.kind.value,
        "style": reference.style.value,
        "parsed": reference.parsed,
        "fields": {
            "authors": [{"family": clean(a.family), "given": clean(a.given)} for a in f.authors],
            "et_al": f.et_al,
            "year": f.year,
            "title": _opt(f.title),
            "journal": _opt(f.journal),
            "volume": _opt(f.volume),
            "issue": _opt(f.issue),
            "pages": _opt(f.pages),
            "doi": _opt(f.doi),
            "pmid": _opt(f.pmid),
            "pmcid": _opt(f.pmcid),
            "url": _opt(f.url),
        },
        "study_type": reference.study_type.value if reference.study_type else None,
    }
    if checked:
        data["resolution"] = resolution_dict(resolution) if resolution else None
        matched = resolution is not None and resolution.status == Status.MATCHED
        work = resolution.work if resolution is not None and matched else None
        data["record"] = record_dict(work) if work else None
    return data


def citation_dict(citation: Citation) -> dict[str, Any]:
    """One inline citation marker."""
    return {
        "line": citation.line,
        "marker": clean(citation.marker),
        "references": list(citation.references),
        "url": _opt(citation.url),
    }


def claim_dict(claim: Claim) -> dict[str, Any]:
    """What one citing sentence says."""
    return {
        "line": claim.line,
        "text": clean(claim.text),
        "references": list(claim.references),
        "year": claim.year,
        "journal": _opt(claim.journal),
        "study_type": claim.study_type.value if claim.study_type else None,
        "population": claim.population.value if claim.population else None,
        "authors": [clean(a) for a in claim.authors],
    }


def parsed_dict(
    parsed: ParsedDocument, resolutions: Mapping[str, Resolution] | None = None
) -> dict[str, Any]:
    """One document's references, citations and claims (no resolution keys when offline)."""
    return {
        "path": clean(parsed.path),
        "references": [
            reference_dict(
                r,
                None if resolutions is None else resolutions.get(r.label),
                checked=resolutions is not None,
            )
            for r in parsed.references
        ],
        "citations": [citation_dict(c) for c in parsed.citations],
        "claims": [claim_dict(c) for c in parsed.claims],
    }


def document_dict(document: DocumentReport) -> dict[str, Any]:
    """One checked document: parsed parts, resolutions, records, findings and its counts."""
    data = parsed_dict(document.parsed, document.resolutions)
    data["findings"] = [finding_dict(f) for f in document.findings]
    data["summary"] = document_summary(document)
    links = census(document.parsed, document.resolutions)
    data["links"] = {
        "found": links.found,
        "checked": links.checked,
        "journal_pages": links.journal_pages,
    }
    return data


def document_summary(document: DocumentReport) -> dict[str, Any]:
    """Counts for one document: findings per severity and per code, references per status."""
    statuses = [r.status for r in document.resolutions.values()]
    codes: dict[str, int] = {}
    for finding in document.findings:
        codes[finding.code] = codes.get(finding.code, 0) + 1
    return {
        "references": len(document.parsed.references),
        "errors": count(document.findings, Severity.ERROR),
        "warnings": count(document.findings, Severity.WARNING),
        "info": count(document.findings, Severity.INFO),
        "matched": statuses.count(Status.MATCHED),
        "not_found": statuses.count(Status.NOT_FOUND),
        "ambiguous": statuses.count(Status.AMBIGUOUS),
        "unverified": statuses.count(Status.UNVERIFIED),
        "codes": dict(sorted(codes.items(), key=lambda item: (-item[1], item[0]))),
    }


def ranked(documents: Iterable[DocumentReport]) -> list[tuple[int, str, dict[str, Any]]]:
    """(position, path, counts) per document, worst first: most errors, then warnings, info,
    then input order. Positions, not documents, so a long run's reports need not be held.
    """
    rows = [(i, d.path, document_summary(d)) for i, d in enumerate(documents)]
    return sorted(rows, key=lambda r: (-r[2]["errors"], -r[2]["warnings"], -r[2]["info"]))


def shown(document: DocumentReport, limit: int | None) -> tuple[tuple[Finding, ...], int]:
    """At most ``limit`` of a document's findings (the most severe, in their order) and how
    many were left out; every finding when ``limit`` is None.
    """
    findings = document.findings
    if limit is None or len(findings) <= limit:
        return findings, 0
    keep = sorted(range(len(findings)), key=lambda i: -findings[i].severity.rank)[:limit]
    return tuple(findings[i] for i in sorted(keep)), len(findings) - limit


def summary_dict(report: Report) -> dict[str, Any]:
    """Counts over the whole run (one pass over the documents)."""
    totals = dict.fromkeys(
        (
            *("documents", "references", "errors", "warnings", "info"),
            *("matched", "not_found", "ambiguous", "unverified"),
            *("links", "links_checked", "links_to_journal_pages"),
        ),
        0,
    )
    for document in report.documents:
        counts = document_summary(document)
        links = census(document.parsed, document.resolutions)
        totals["documents"] += 1
        for key in ("references", "errors", "warnings", "info"):
            totals[key] += counts[key]
        for key in ("matched", "not_found", "ambiguous", "unverified"):
            totals[key] += counts[key]
        totals["links"] += links.found
        totals["links_checked"] += links.checked
        totals["links_to_journal_pages"] += links.journal_pages
    return totals


def count(findings: Iterable[Finding], severity: Severity) -> int:
    """How many findings have ``severity``."""
    return sum(1 for f in findings if f.severity == severity)


def report_dict(report: Report) -> dict[str, Any]:
    """The whole run as the versioned JSON document."""
    return {
        "version": SCHEMA_VERSION,
        "documents": [document_dict(d) for d in report.documents],
        "input_errors": [
            {"path": clean(e.path), "message": clean(e.message)} for e in report.errors
        ],
        "summary": summary_dict(report),
    }


def parse_dict(parsed_docs: Iterable[ParsedDocument]) -> dict[str, Any]:
    """The offline ``citecheck parse`` output: same schema, no resolution/record/findings/summary."""
    return {"version": SCHEMA_VERSION, "documents": [parsed_dict(p) for p in parsed_docs]}


def by_reference(
    document: DocumentReport, findings: Iterable[Finding] | None = None
) -> dict[str | None, list[Finding]]:
    """A document's findings (or those given) grouped by reference label (None: not about
    one entry).
    """
    groups: dict[str | None, list[Finding]] = {r.label: [] for r in document.parsed.references}
    for finding in document.findings if findings is None else findings:
        groups.setdefault(finding.label, []).append(finding)
    return groups


def _shortened(text: str, width: int = 60) -> str:
    """``text`` cut at a word to ``width`` characters, marked with an ellipsis when cut."""
    short = textwrap.shorten(text, width, placeholder="…")
    return short if short != "…" else text[: width - 1] + "…"  # one word longer than width


def reference_title(reference: Reference) -> str:
    """A short human name for an entry: "[1] Wilkinson 2016"; a link shows its anchor and URL."""
    f = reference.fields
    if reference.kind is ReferenceKind.LINK:
        url = f.url or ""
        anchor = "" if reference.text == url else f'"{_shortened(reference.text)}" '
        return clean(f"[{reference.label}] link {anchor}{url}")
    bits = [f.authors[0].family if f.authors else "", str(f.year) if f.year else ""]
    # A link-only entry has no author or year, but its link text is a title.
    name = " ".join(b for b in bits if b) or (f.title or "")[:60] or reference.text[:60]
    return clean(f"[{reference.label}] {name}")

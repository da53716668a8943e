"""The pipeline: read -> references & citations -> claims -> resolve -> compare -> Report."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import replace

from citecheck import baseline as baselines
from citecheck.citations import find_citations
from citecheck.claims import extract_claims
from citecheck.compare import compare
from citecheck.config import Config
from citecheck.errors import ReadError
from citecheck.inputs import expand
from citecheck.model import (
    Document,
    DocumentReport,
    Finding,
    InputError,
    ParsedDocument,
    Reference,
    Report,
    Resolution,
    Severity,
)
from citecheck.readers import read
from citecheck.references import find_references
from citecheck.resolve.base import Resolver
from citecheck.resolve.resolver import reference_key
from citecheck.studytype import classify_title

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Citer = Callable[[str, str], "str | None"]  # (doi, style) -> formatted reference


def parse(document: Document) -> ParsedDocument:
    """Everything that can be read from one document without the network."""
    reference_list = find_references(document)
    references = tuple(_with_study_type(r) for r in reference_list.references)
    reference_list = replace(reference_list, references=references)
    citations = find_citations(document, reference_list)
    claims = extract_claims(document, citations)
    return ParsedDocument(document, references, citations, claims)


def _with_study_type(reference: Reference) -> Reference:
    if not reference.fields.title:
        return reference
    return replace(reference, study_type=classify_title(reference.fields.title).study_type)


def read_all(
    paths: Sequence[str], input_format: str | None = None
) -> tuple[list[Document], list[InputError]]:
    """Read every input; an unreadable one becomes an InputError and the rest go on."""
    files, errors = expand(paths)
    documents = []
    for path in files:
        try:
            documents.append(read(path, input_format))
        except ReadError as exc:
            errors.append(InputError(exc.path, exc.cause))
    return documents, errors


def resolve_all(
    documents: Sequence[ParsedDocument],
    resolver: Resolver,
    progress: Progress | None = None,
    chunk: int = 25,
) -> list[dict[str, Resolution]]:
    """Resolve every distinct reference of the run once; map results back per document."""
    distinct: dict[str, Reference] = {}
    for parsed in documents:
        for reference in parsed.references:
            distinct.setdefault(reference_key(reference), reference)
    keys = list(distinct)
    resolved: dict[str, Resolution] = {}
    for start in range(0, len(keys), chunk):
        batch = keys[start : start + chunk]
        for key, resolution in zip(
            batch, resolver.resolve([distinct[k] for k in batch]), strict=True
        ):
            resolved[key] = resolution
        if progress:
            progress("resolve", min(start + chunk, len(keys)), len(keys))
    return [
        {r.label: resolved[reference_key(r)] for r in parsed.references} for parsed in documents
    ]


def check(
    paths: Sequence[str],
    config: Config,
    resolver: Resolver,
    progress: Progress | None = None,
    cite: Citer | None = None,
) -> Report:
    """Check every article under ``paths``; unreadable inputs are reported, never fatal.

    ``cite`` formats a corrected reference from its DOI (content negotiation); without
    it, or when it fails, suggestions come from citecheck's own formatter.
    """
    documents, errors = read_all(paths, config.input_format)
    parsed = []
    for index, document in enumerate(documents, 1):
        parsed.append(parse(document))
        if progress:
            progress("read", index, len(documents))
    resolutions = resolve_all(parsed, resolver, progress)
    known = baselines.load(config.baseline) if config.baseline else frozenset()
    reports = []
    for doc, resolved in zip(parsed, resolutions, strict=True):
        findings = compare(doc, resolved)
        findings = tuple(adjust(findings, doc, resolved, config, known))
        if cite is not None:
            findings = tuple(cite_suggestions(findings, doc, resolved, cite))
        reports.append(DocumentReport(doc, resolved, findings))
    return Report(tuple(reports), tuple(errors))


def adjust(
    findings: Iterable[Finding],
    parsed: ParsedDocument,
    resolutions: Mapping[str, Resolution],
    config: Config,
    known: frozenset[str],
) -> Iterable[Finding]:
    """Apply the configuration to findings: severities, ignored codes/references, baseline."""
    ignored = _ignored_labels(parsed, resolutions, config.ignore_references)
    for finding in findings:
        if finding.code in config.ignore or (finding.label and finding.label in ignored):
            continue
        if known and baselines.fingerprint(finding) in known:
            continue
        severity = config.severity.get(finding.code)
        yield replace(finding, severity=Severity(severity)) if severity else finding


def cite_suggestions(
    findings: Iterable[Finding],
    parsed: ParsedDocument,
    resolutions: Mapping[str, Resolution],
    cite: Citer,
) -> Iterable[Finding]:
    """Replace suggested references with the registry's own rendering where it can be had."""
    styles = {r.label: r.style.value for r in parsed.references}
    rendered: dict[str, str | None] = {}
    for finding in findings:
        resolution = resolutions.get(finding.label or "")
        work = resolution.work if resolution else None
        if not finding.suggestion or work is None or not work.doi:
            yield finding
            continue
        label = finding.label or ""
        if label not in rendered:
            rendered[label] = cite(work.doi, styles.get(label, "apa"))
        text = rendered[label]
        yield replace(finding, suggestion=text) if text else finding


def _ignored_labels(
    parsed: ParsedDocument, resolutions: Mapping[str, Resolution], rules: Sequence[str]
) -> set[str]:
    labels: set[str] = set()
    for rule in rules:
        path, sep, label = rule.rpartition(":")
        if sep and not rule.lower().startswith("10.") and path:
            if path == parsed.path or parsed.path.endswith("/" + path):
                labels.add(label)
            continue
        if rule.lower().startswith("10."):
            doi = rule.lower()
            for reference in parsed.references:
                work = resolutions.get(reference.label)
                record_doi = work.work.doi if work and work.work else None
                if doi in ((reference.fields.doi or "").lower(), record_doi):
                    labels.add(reference.label)
            continue
        labels.add(rule)
    return labels


def build_resolver(config: Config) -> tuple[Resolver, Citer | None]:
    """The resolver stack a configuration asks for (records, or Crossref behind a cache),
    and the content-negotiation formatter when the network may be used."""
    from citecheck.resolve.base import WorkSource
    from citecheck.resolve.cache import Cache, CachedSource, default_cache_dir
    from citecheck.resolve.offline import OfflineSource
    from citecheck.resolve.records import RecordsSource
    from citecheck.resolve.resolver import WorkResolver

    source: WorkSource
    if config.records:
        source = RecordsSource(config.records)
    else:
        from citecheck.resolve.crossref import CrossrefSource  # requests, habanero: slow imports

        inner: WorkSource = (
            OfflineSource()
            if config.offline
            else CrossrefSource(
                config.crossref_url,
                config.mailto,
                cn_url=config.content_negotiation_url,
                max_retries=config.max_retries,
            )
        )
        cache = None if config.no_cache else Cache(config.cache_dir or default_cache_dir())
        max_age = config.max_age_days * 86400 if config.max_age_days is not None else None
        source = CachedSource(
            inner, cache, offline=config.offline, max_age=max_age, refresh=config.refresh
        )
    # Offline, CachedSource.cite answers from the cache only.
    cite: Citer | None = None if config.records else getattr(source, "cite", None)
    return WorkResolver(source, jobs=config.jobs), cite


def exit_code(report: Report, fail_on: str) -> int:
    """0 clean; 1 findings at or above fail_on; 2 unreadable input; 3 unverified only."""
    if report.errors:
        return 2
    if fail_on != "never":
        threshold = Severity(fail_on).rank
        # An unverified reference is exit 3's business, never a reason to fail the build.
        if any(f.severity.rank >= threshold and f.code != "unverified" for f in report.findings()):
            return 1
    unverified = any(
        r.status == "unverified" for doc in report.documents for r in doc.resolutions.values()
    )
    return 3 if unverified else 0

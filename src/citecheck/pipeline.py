"""The pipeline: read -> references & citations -> claims -> resolve -> compare -> Report.

Documents stream through it a window at a time (:func:`check_files`), so memory does not
grow with the number of documents.
"""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from queue import Queue
from typing import TYPE_CHECKING, TypeVar, cast

from citecheck import baseline as baselines
from citecheck import processes, results
from citecheck.compare import compare, suggest
from citecheck.config import Config
from citecheck.errors import ReadError
from citecheck.inputs import expand
from citecheck.model import (
    DocumentReport,
    Finding,
    InputError,
    ParsedDocument,
    Reference,
    Report,
    Resolution,
    Severity,
    Style,
)
from citecheck.parsing import parse as parse  # re-exported: the offline stages live there
from citecheck.parsing import read_all as read_all
from citecheck.parsing import with_study_type as _with_study_type  # noqa: F401  (scripts use it)
from citecheck.readers import STDIN, load, read, read_bytes
from citecheck.resolve.base import Resolver
from citecheck.resolve.resolver import reference_key

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

    from citecheck.resolve.pubmed import PubmedLookup

Progress = Callable[[str, int, int], None]  # (stage, done, total)
Citer = Callable[[str, str], "str | None"]  # (doi, style) -> formatted reference
WINDOW = 25  # documents resolved together (one look-up call per window)
# How far each stage may run ahead of the next, in windows. The look-ups of an archive come
# early (its first few hundred documents cite most of what it cites) and are paced by the
# rate limits, so documents are read and parsed well ahead of them and compared as soon
# as their window is resolved: parsing and comparing overlap the network waits instead of
# coming after them. Bounded, so memory stays flat in the number of documents.
PARSED_AHEAD = 32  # windows parsed ahead of the look-ups, at most...
PARSED_CHARS = 4_000_000  # ...and at most this much of their text (a parsed document holds
# some 6-10 bytes per character of its text: ~40 MB; 700 blog posts, 95 research articles)
RESOLVED_AHEAD = 4  # windows resolved ahead of the comparing
_T = TypeVar("_T")


def resolve_all(
    documents: Sequence[ParsedDocument],
    resolver: Resolver,
    progress: Progress | None = None,
    chunk: int = 500,
) -> list[dict[str, Resolution]]:
    """Resolve every distinct reference of ``documents`` once; map results back per document."""
    # Each reference's key once (normalising an entry's text is not free).
    keyed = [[(reference_key(r), r) for r in parsed.references] for parsed in documents]
    distinct: dict[str, Reference] = {}
    for references in keyed:
        for key, reference in references:
            distinct.setdefault(key, reference)
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
    return [{r.label: resolved[key] for key, r in references} for references in keyed]


@dataclass(frozen=True)
class Checked:
    """A document checked in this run (its report released of text and raw records)."""

    report: DocumentReport
    digest: str
    source: str | None = None  # digest of the file's bytes (results.source_digest)


@dataclass(frozen=True)
class Skipped:
    """A document a resumed run had already checked, unchanged since."""

    path: str
    digest: str


Event = Checked | Skipped | InputError


def check_files(
    files: Iterable[str],
    config: Config,
    resolver: Resolver,
    cite: Citer | None = None,
    done: Mapping[str, str] | None = None,
    window: int | None = None,
    sources: Mapping[str, str] | None = None,
    *,
    parsers: ProcessPoolExecutor | None = None,
) -> Iterator[Event]:
    """Check articles as a stream: read -> parse -> resolve -> compare, a window at a time.

    Only one window of documents is held: each is read and parsed, the window's distinct
    references are resolved together (one request per distinct reference; the resolver
    and its cache remember earlier windows), then each document is compared, yielded and
    released. ``done`` maps paths to content digests already checked (``--resume``):
    those documents, when unchanged, are skipped without a look-up; ``sources`` maps them
    to the digests of their files' bytes, and a file whose bytes are unchanged is skipped
    without being read as a document at all. With ``parsers``, helper processes read and
    parse the documents (:mod:`citecheck.processes`).
    """
    known = baselines.load(config.baseline) if config.baseline else frozenset()
    window = window or WINDOW
    # Three stages overlap: a thread reads and parses the next documents, another resolves
    # the next windows, while this one compares and hands on the windows before.
    pace = _Pace(window)
    prepared = _ahead(
        _prepared(files, config, done, sources, parsers),
        window * PARSED_AHEAD,
        _text_size,
        PARSED_CHARS,
        before=pace.may_parse,
        counted=pace.parsed,
    )
    resolved = _ahead(_resolved(prepared, resolver, window), RESOLVED_AHEAD, counted=pace.ready)
    for item in resolved:
        if isinstance(item, _Window):
            yield from _check_window(item, config, cite, known)
        else:
            yield item


@dataclass(frozen=True)
class _Window:
    """Parsed documents (with content digests) and their resolutions."""

    pending: list[_Prepared]
    resolutions: list[dict[str, Resolution]]


def _resolved(
    items: Iterable[InputError | Skipped | _Prepared],
    resolver: Resolver,
    window: int,
) -> Iterator[InputError | Skipped | _Window]:
    """Windows of parsed documents with their references resolved (one request per
    distinct reference); unreadable and skipped documents passed on at once.
    """
    pending: list[_Prepared] = []
    for item in items:
        if not isinstance(item, tuple):
            yield item
            continue
        pending.append(item)
        if len(pending) >= window:
            yield _Window(pending, resolve_all([p[0] for p in pending], resolver))
            pending = []
    if pending:
        yield _Window(pending, resolve_all([p[0] for p in pending], resolver))


_Prepared = tuple[ParsedDocument, str, "str | None"]  # parsed, content and file digests
_Item = InputError | Skipped | _Prepared


def _prepared(
    files: Iterable[str],
    config: Config,
    done: Mapping[str, str] | None,
    sources: Mapping[str, str] | None = None,
    parsers: ProcessPoolExecutor | None = None,
) -> Iterator[_Item]:
    """Each input read and parsed (with its content digest), skipped, or unreadable, in
    order: in the ``parsers`` (:func:`_prepared_apart`), or on this thread.
    """
    done, sources = done or {}, sources or {}
    size, form = config.max_input_size, config.input_format
    if parsers is not None:
        yield from _prepared_apart(files, parsers, form, size, done, sources)
        return
    for path in files:
        yield _prepare(path, form, size, done.get(path), sources.get(path))


def _prepare(
    path: str, input_format: str | None, max_size: int, known: str | None, source_known: str | None
) -> _Item:
    """One input read and parsed, or skipped (``known``: the content digest it was checked
    with, ``source_known`` its file's), or unreadable.
    """
    source = None
    try:
        if path == STDIN:
            document = read(path, input_format, max_size)
        else:
            data = load(path, max_size)
            source = results.source_digest(data, input_format)
            if known and source_known == source:
                # The very bytes already checked: no need to read them as a document.
                return Skipped(path, known)
            document = read_bytes(data, path, input_format)
    except ReadError as exc:
        return InputError(exc.path, exc.cause)
    content = results.digest(document)
    if known == content:
        return Skipped(document.path, content)
    return parse(document), content, source


def _prepared_apart(
    files: Iterable[str],
    parsers: ProcessPoolExecutor,
    input_format: str | None,
    max_size: int,
    done: Mapping[str, str],
    sources: Mapping[str, str],
) -> Iterator[_Item]:
    """:func:`_prepare` of each input in parser processes, in order, a window ahead of
    what is taken.

    Parsing is the check's costliest step in CPU (some 10 ms a blog post), and on a thread
    it holds the GIL that the comparing and the look-ups need: in processes of their own
    (:mod:`citecheck.processes`) the documents are parsed on another core, and only the
    parsed documents come back (some 15 KB pickled, under a millisecond to unpickle).
    Whenever the next input is not ready, this thread prepares one the processes have not
    begun (:func:`citecheck.processes.ordered`): the first window while they start (a
    second or more on a busy machine), so its look-ups need not wait for them, and a share
    of a resumed run's, whose comparing is quicker than the parsing. Standard input is
    always read here (it is this process's).
    """
    jobs = ((p, input_format, max_size, done.get(p), sources.get(p)) for p in files)
    yield from processes.ordered(
        parsers, _prepare, jobs, WINDOW, here_only=lambda job: job[0] == STDIN
    )


_END = object()


def _ahead(
    items: Iterator[_T],
    size: int,
    weigh: Callable[[_T], int] | None = None,
    budget: int = 0,
    *,
    before: Callable[[], None] | None = None,
    counted: Callable[[int], None] | None = None,
) -> Iterator[_T]:
    """``items`` produced on a daemon thread, at most ``size`` ahead of the consumer and,
    with ``weigh``, at most ``budget`` of their weight (one item always may be).

    ``before`` is called on that thread before each item is made (it may wait);
    ``counted`` is told +1 for each item made and -1 for each taken.
    """
    queue: Queue[object] = Queue(maxsize=max(1, size))
    room = threading.Condition()
    held = 0  # weight of the items produced and not yet taken

    def produce() -> None:
        nonlocal held
        try:
            iterator = iter(items)
            while True:
                if before is not None:
                    before()
                item = next(iterator, _END)
                if item is _END:
                    break
                weight = weigh(item) if weigh else 0  # type: ignore[arg-type]
                with room:
                    while held and held + weight > budget:
                        room.wait()
                    held += weight
                if counted is not None:
                    counted(1)
                queue.put((item, weight))
            queue.put(_END)
        except BaseException as exc:  # noqa: BLE001 - handed to the consumer, raised there
            queue.put(_Failed(exc))

    threading.Thread(target=produce, name="citecheck-reader", daemon=True).start()
    while True:
        got = queue.get()
        if got is _END:
            return
        if isinstance(got, _Failed):
            raise got.exc
        item, weight = cast("tuple[_T, int]", got)
        if weight:
            with room:
                held -= weight
                room.notify()
        if counted is not None:
            counted(-1)
        yield item


class _Pace:
    """Finishing documents comes before reading more: while resolved windows wait for the
    comparer, the reader parses no further than one window ahead of the look-ups. Parsing
    far ahead pays only while the look-ups wait on the network (it starts their requests
    early); once the comparer is the slower stage it would only take its CPU, so that
    documents were saved later (more of them lost to an interruption).
    """

    def __init__(self, window: int) -> None:
        self._window = window
        self._cond = threading.Condition()
        self._parsed = 0  # items read and parsed, not yet taken by the look-ups
        self._ready = 0  # items resolved, not yet taken by the comparer

    def may_parse(self) -> None:
        """Wait while the comparer has work and the look-ups have a window to go on with."""
        with self._cond:
            while self._ready and self._parsed >= self._window:
                self._cond.wait()

    def parsed(self, change: int) -> None:
        """Items read and parsed: one more, or one taken."""
        with self._cond:
            self._parsed += change
            self._cond.notify_all()

    def ready(self, change: int) -> None:
        """Items resolved: one more, or one taken."""
        with self._cond:
            self._ready += change
            self._cond.notify_all()


def _text_size(item: InputError | Skipped | _Prepared) -> int:
    return len(item[0].document.text) if isinstance(item, tuple) else 0


@dataclass(frozen=True)
class _Failed:
    exc: BaseException


def _check_window(
    window: _Window, config: Config, cite: Citer | None, known: frozenset[str]
) -> Iterator[Checked]:
    for (doc, content, source), resolved in zip(window.pending, window.resolutions, strict=True):
        findings = compare(doc, resolved)
        findings = tuple(adjust(findings, doc, resolved, config, known))
        if cite is not None:
            findings = tuple(cite_suggestions(findings, doc, resolved, cite))
        yield Checked(results.release(DocumentReport(doc, resolved, findings)), content, source)


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
    files, errors = expand(paths)
    reports = []
    for index, event in enumerate(check_files(files, config, resolver, cite), 1):
        if isinstance(event, InputError):
            errors.append(event)
        elif isinstance(event, Checked):
            reports.append(event.report)
        if progress:
            progress("check", index, len(files))
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
    """Replace suggested references with the registry's own rendering where it can be had.

    Only a suggestion that is the reference rebuilt from the record is replaced: a link's
    corrected anchor text ("Feder and colleagues (2014)") is what the writer pastes back.
    """
    styles = {r.label: r.style for r in parsed.references}
    rebuilt: dict[str, str] = {}
    rendered: dict[str, str | None] = {}
    for finding in findings:
        resolution = resolutions.get(finding.label or "")
        work = resolution.work if resolution else None
        label = finding.label or ""
        if not finding.suggestion or work is None or not work.doi:
            yield finding
            continue
        style = styles.get(label, Style.APA)
        if label not in rebuilt:
            rebuilt[label] = suggest(work, style)
        if finding.suggestion != rebuilt[label]:
            yield finding
            continue
        if label not in rendered:
            rendered[label] = cite(work.doi, style.value)
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
    and the content-negotiation formatter when the network may be used.
    """
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
    resolver: Resolver = WorkResolver(source, jobs=config.jobs)
    pubmed = build_pubmed(config, getattr(source, "cache", None))
    if pubmed is not None:
        from citecheck.resolve.pubmed_resolver import PubmedResolver

        resolver = PubmedResolver(resolver, pubmed)
    return resolver, cite


def build_pubmed(config: Config, cache: object | None) -> PubmedLookup | None:
    """PubMed as the configuration asks: off, a local XML file, or E-utilities behind the
    same cache as Crossref (``--records`` runs never go online).
    """
    from citecheck.resolve.pubmed import CachedPubmed, NoPubmed, PubmedRecordsSource, PubmedSource

    if config.no_pubmed:
        return None
    if config.pubmed_records:
        from citecheck.errors import ConfigError
        from citecheck.resolve.pubmed import PubmedXMLError

        try:
            return PubmedRecordsSource(config.pubmed_records)
        except (OSError, PubmedXMLError) as exc:
            cause = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            where = getattr(exc, "filename", None) or ", ".join(config.pubmed_records)
            raise ConfigError(f"{where}: cannot read PubMed records ({cause})") from exc
    if config.records:
        return None
    inner: PubmedLookup = (
        NoPubmed()
        if config.offline
        else PubmedSource(
            config.pubmed_url,
            config.mailto,
            config.ncbi_api_key,
            max_retries=config.max_retries,
        )
    )
    max_age = config.max_age_days * 86400 if config.max_age_days is not None else None
    return CachedPubmed(
        inner, cache, offline=config.offline, max_age=max_age, refresh=config.refresh
    )


@dataclass(frozen=True)
class Tally:
    """What a run's exit code and closing warnings need, counted in one pass over its
    documents (a results file's are read back and decoded once, not once per question).
    """

    worst: int  # highest severity rank of a finding other than "unverified"; -1: none
    unverified: Counter[str]  # reasons of the unverified references, in order first seen
    pubmed_unreachable: Counter[str]  # reasons PubMed could not be asked (not offline)


def tally(report: Report) -> Tally:
    """Count, in one pass, what :func:`exit_code` and the closing warnings ask; a results
    file's documents are not read back at all (their entries keep these counts).
    """
    documents = report.documents
    known = documents.facts() if isinstance(documents, results.Stored) else None
    each = known if known is not None else (results.facts(d) for d in documents)
    worst = -1
    unverified: Counter[str] = Counter()
    pubmed: Counter[str] = Counter()
    for facts in each:
        worst = max(worst, facts.worst)
        unverified.update(facts.unverified)
        pubmed.update(facts.pubmed_unreachable)
    return Tally(worst, unverified, pubmed)


def exit_code(report: Report, fail_on: str, counted: Tally | None = None) -> int:
    """0 clean; 1 findings at or above fail_on; 2 unreadable input; 3 unverified only.

    ``counted`` is the report's :func:`tally` when the caller has it already.
    """
    if report.errors:
        return 2
    counted = counted or tally(report)
    if fail_on != "never" and counted.worst >= Severity(fail_on).rank:
        return 1
    return 3 if counted.unverified else 0

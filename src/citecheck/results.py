"""The results file: one checked document per line (JSON Lines), appended as each completes.

A run writes every document the moment it is checked (one line, flushed at once and
fsynced straight after), so an interrupted or killed run, or a crash of the machine, loses nothing it
finished. ``--resume FILE`` reads the file back and skips the documents whose content is
unchanged; ``citecheck report FILE`` renders any
output format from it without checking again.

Each line is a JSON object with ``"kind"``:

* ``"document"``: ``path``, ``digest`` (SHA-256 of the document's text and format),
  ``source`` (SHA-256 of the file's bytes, the format asked for and citecheck's version:
  a resumed run skips a file whose bytes are unchanged without reading it; absent for
  standard input) and ``report``, the whole :class:`~citecheck.model.DocumentReport` (records without their raw
  Crossref JSON, the article without its text);
* ``"input-error"``: ``path`` and ``message`` of an input that could not be read.

Every line also carries ``"format": 1``. The file is citecheck's own: read it with
``citecheck report FILE --format json`` (the documented schema), not by hand.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import threading
import types
import typing
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, overload

import orjson

from citecheck.config import Config
from citecheck.errors import CitecheckError
from citecheck.model import (
    Candidate,
    Document,
    DocumentReport,
    InputError,
    Report,
    Resolution,
    Severity,
    Work,
)

if TYPE_CHECKING:
    import cattrs

FORMAT = 1


@functools.cache
def _converter() -> cattrs.Converter:
    """The cattrs converter, made on first use: a run without a results file never loads
    cattrs (a few hundredths of a second at every start).
    """
    import cattrs

    converter = cattrs.Converter(omit_if_default=True, detailed_validation=False)
    # Hooks for the two generic shapes the model is made of, with the element's hook looked
    # up once per type rather than at every value: the same structures, several times
    # faster (a results file's documents are decoded again for every report of it).
    converter.register_structure_hook_factory(_is_sequence, lambda t: _sequence_hook(converter, t))
    converter.register_structure_hook_factory(_is_optional, lambda t: _optional_hook(converter, t))
    # And the same two shapes of plain values when written: as they are (JSON holds them),
    # without a call per value to find and run the value's hook.
    converter.register_unstructure_hook_factory(_is_plain_optional, lambda _: _itself)
    converter.register_unstructure_hook_factory(
        _is_sequence, lambda t: _unstructure_sequence_hook(converter, t)
    )
    return converter


# Types whose values JSON holds as they are: a value already of the type is its own
# structure (cattrs would only call ``str(value)`` on it), so the hooks below pass it through.
_PLAIN = (str, int, float, bool)


def _is_sequence(kind: Any) -> bool:
    """``tuple[X, ...]``."""
    args = typing.get_args(kind)
    return typing.get_origin(kind) is tuple and len(args) == 2 and args[1] is Ellipsis


def _unstructure_sequence_hook(converter: cattrs.Converter, kind: Any) -> Callable[[Any], Any]:
    """``tuple[X, ...]`` written as a list: of plain values as they are, of others by X's
    hook, found once (the model holds no subclasses of its classes).
    """
    item = typing.get_args(kind)[0]
    if item in _PLAIN:
        return list
    hook = converter.get_unstructure_hook(item)
    return lambda value: [hook(v) for v in value]


def _is_plain_optional(kind: Any) -> bool:
    """``X | None`` of a plain X."""
    return _is_optional(kind) and any(a in _PLAIN for a in typing.get_args(kind))


def _itself(value: Any) -> Any:
    return value


def _sequence_hook(converter: cattrs.Converter, kind: Any) -> Callable[[Any, Any], Any]:
    item = typing.get_args(kind)[0]
    hook = converter.get_structure_hook(item)
    if item in _PLAIN:
        return lambda value, _: tuple([v if type(v) is item else hook(v, item) for v in value])
    return lambda value, _: tuple([hook(v, item) for v in value])


def _is_optional(kind: Any) -> bool:
    """``X | None`` (one X)."""
    args = typing.get_args(kind)
    return (
        typing.get_origin(kind) in (typing.Union, types.UnionType)
        and len(args) == 2
        and type(None) in args
    )


def _optional_hook(converter: cattrs.Converter, kind: Any) -> Callable[[Any, Any], Any]:
    item = next(a for a in typing.get_args(kind) if a is not type(None))
    hook = converter.get_structure_hook(item)
    if item in _PLAIN:
        return lambda value, _: value if value is None or type(value) is item else hook(value, item)
    return lambda value, _: None if value is None else hook(value, item)


def digest(document: Document) -> str:
    """What identifies a document's content: SHA-256 over its format and extracted text."""
    data = f"{document.format}\0{document.text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


def source_digest(data: bytes, input_format: str | None) -> str:
    """What identifies a file as read: SHA-256 over its bytes, the format asked for and
    citecheck's version (the same three always read as the same document).
    """
    from citecheck import __version__

    head = f"{__version__}\0{input_format or ''}\0".encode("utf-8", "surrogatepass")
    return hashlib.sha256(head + data).hexdigest()


def release(report: DocumentReport) -> DocumentReport:
    """The report without what no renderer reads: the article's text, the records' raw JSON.

    This is what is written and kept once a document is done, so memory does not grow with
    the length of the articles or the size of Crossref's records.
    """
    document = report.parsed.document
    slim = Document(document.path, "", (), document.format, document.links)
    parsed = replace(report.parsed, document=slim)
    resolutions = {label: _slim_resolution(r) for label, r in report.resolutions.items()}
    return DocumentReport(parsed, resolutions, report.findings)


def _slim_work(work: Work | None) -> Work | None:
    if work is not None and work.pubmed is not None and work.pubmed.raw:
        work = replace(work, pubmed=replace(work.pubmed, raw=""))  # the PubMed XML too
    return replace(work, raw={}) if work is not None and work.raw else work


def _named(work: Work) -> Work:
    """A record reduced to what names it in a report (a candidate, the DOI's other work)."""
    return Work(work.doi, work.type, title=work.title, subtitle=work.subtitle, year=work.year)


def _slim_resolution(resolution: Resolution) -> Resolution:
    candidates = tuple(
        Candidate(_named(c.work), c.confidence, c.evidence, c.score) for c in resolution.candidates
    )
    doi_work = _named(resolution.doi_work) if resolution.doi_work else None
    return replace(
        resolution, work=_slim_work(resolution.work), doi_work=doi_work, candidates=candidates
    )


def _dumps(data: dict[str, Any]) -> bytes:
    """``data`` as one compact JSON line in UTF-8: orjson's bytes, several times faster
    than the standard library's encoder; what orjson refuses (a lone surrogate, as in a
    file name that is not UTF-8) is written by the standard library, escaped as ASCII.
    """
    try:
        return orjson.dumps(data)
    except orjson.JSONEncodeError:
        return json.dumps(data, separators=(",", ":")).encode("ascii")


def _loads(raw: bytes) -> Any:
    r"""One results line decoded: by orjson (two to three times faster than the standard
    library), or by the standard library for what orjson refuses (a lone surrogate escaped
    as ``\udcxx``, which :func:`_dumps` writes for a file name that is not UTF-8).
    """
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        return json.loads(raw)


def document_line(
    report: DocumentReport,
    content_digest: str,
    source: str | None = None,
    *,
    released: bool = False,
) -> bytes:
    """One checked document as a results line (no trailing newline); ``released``: the
    report is already as :func:`release` makes it (the pipeline's are), so not again.
    """
    data: dict[str, Any] = {
        "format": FORMAT,
        "kind": "document",
        "path": report.path,
        "digest": content_digest,
    }
    if source:
        data["source"] = source
    data["report"] = _converter().unstructure(report if released else release(report))
    return _dumps(data)


def error_line(error: InputError) -> bytes:
    """An unreadable input as a results line."""
    data = {"format": FORMAT, "kind": "input-error", "path": error.path, "message": error.message}
    return _dumps(data)


@dataclass(frozen=True)
class Facts:
    """What a run's exit code and closing warnings ask of one checked document, kept with
    its entry so that they are counted without reading the document back.
    """

    worst: int = -1  # highest severity rank of a finding other than "unverified"; -1: none
    unverified: tuple[str, ...] = ()  # reasons of the unverified references, in order
    pubmed_unreachable: tuple[str, ...] = ()  # reasons PubMed could not be asked (not offline)


def facts(report: DocumentReport) -> Facts:
    """A checked document's :class:`Facts`."""
    # An unverified reference is exit 3's business, never a reason to fail the build.
    ranks = [f.severity.rank for f in report.findings if f.code != "unverified"]
    resolutions = report.resolutions.values()
    return Facts(
        max(ranks, default=-1),
        tuple(r.reason or "unknown" for r in resolutions if r.status == "unverified"),
        # Offline, PubMed is not asked on purpose: that is no trouble to report.
        tuple(
            r.pubmed_reason or "unknown"
            for r in resolutions
            if r.pubmed == "unverified" and r.pubmed_reason != "offline"
        ),
    )


def _facts_of_line(report: Any) -> Facts | None:
    """:func:`facts` read from a results line's ``report`` as stored (None if it is not
    shaped as written): omitted keys are the model's defaults (None).
    """
    try:
        findings, resolutions = report.get("findings", ()), report["resolutions"].values()
        ranks = [Severity(f["severity"]).rank for f in findings if f["code"] != "unverified"]
        return Facts(
            max(ranks, default=-1),
            tuple(r.get("reason") or "unknown" for r in resolutions if r["status"] == "unverified"),
            tuple(
                r.get("pubmed_reason") or "unknown"
                for r in resolutions
                if r.get("pubmed") == "unverified" and r.get("pubmed_reason") != "offline"
            ),
        )
    except (AttributeError, KeyError, TypeError, ValueError):
        return None


@dataclass(frozen=True)
class Entry:
    """One line of a results file: where it is, and what it is about. A document's report
    stays on disk until it is read (:class:`Stored`), so memory does not grow with the file.
    """

    path: str
    digest: str | None  # None for an input error
    offset: int = 0
    length: int = 0
    error: InputError | None = None
    facts: Facts | None = None  # a document's, when known without reading it back
    source: str | None = None  # the digest of the file's bytes (source_digest), if known


def _entry(raw: bytes, offset: int) -> Entry | None:
    try:
        data = _loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError):
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    path = data.get("path")
    if not isinstance(path, str):
        return None
    if data.get("kind") == "document" and isinstance(data.get("report"), dict):
        facts = _facts_of_line(data["report"])
        source = data.get("source")
        source = source if isinstance(source, str) else None
        return Entry(path, str(data.get("digest")), offset, len(raw), facts=facts, source=source)
    if data.get("kind") == "input-error":
        return Entry(path, None, offset, len(raw), InputError(path, str(data.get("message"))))
    return None


def scan(path: str | Path) -> tuple[list[Entry], int]:
    """Every complete line of a results file, and the byte offset just past the last one.

    A line cut short by a kill (no newline, or not JSON) ends the good part of the file.
    """
    entries: list[Entry] = []
    good = 0
    try:
        handle = open(path, "rb")  # noqa: SIM115 - closed below; binary for exact offsets
    except FileNotFoundError:
        return [], 0
    except OSError as exc:
        raise CitecheckError(f"{path}: cannot read results ({exc.strerror})") from exc
    with handle:
        offset = 0
        for raw in handle:
            start, offset = offset, offset + len(raw)
            if not raw.endswith(b"\n"):
                break
            if not raw.strip():
                good = offset
                continue
            entry = _entry(raw, start)
            if entry is None:
                break
            entries.append(entry)
            good = offset
    return entries, good


_RESULTS_LINE = re.compile(rb'\{\s*"format"\s*:')


def refuse_other(path: Path) -> None:
    """Raise unless ``path`` is missing, empty or a results file of this version.

    A run writes over its ``--results`` file and cuts a ``--resume`` file's damaged last
    line: neither may happen to a file citecheck did not write (an article named by
    mistake), nor to one of another version, whose lines this one cannot read.
    """
    cause = _foreign(path)
    if cause:
        raise CitecheckError(f"{path}: {cause}; left as it is")


def _foreign(path: Path) -> str | None:
    """Why ``path`` is not a results file this version reads or writes, or None."""
    try:
        with open(path, "rb") as handle:
            first = next((line for line in handle if line.strip()), b"")
    except OSError:
        return None  # missing, or a folder: opening it says why
    if not first:
        return None
    if not _RESULTS_LINE.match(first):
        return "not a citecheck results file"
    if not first.endswith(b"\n") or _entry(first, 0) is not None:
        return None  # a results file (its first line perhaps cut by a kill)
    try:
        version = json.loads(first).get("format")
    except (ValueError, AttributeError):
        version = None
    if isinstance(version, int) and version != FORMAT:
        return (
            f"a results file of another citecheck version (format {version}, "
            f"this one writes {FORMAT})"
        )
    return "not a citecheck results file"


def latest(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The last entry per path (a document checked again replaces its earlier line)."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.pop(entry.path, None)
        found[entry.path] = entry
    return found


class Stored(Sequence[DocumentReport]):
    """Document reports read from a results file when they are used, never all held."""

    def __init__(self, path: str | Path, entries: Sequence[Entry]) -> None:
        self.path = Path(path)
        self.entries = tuple(entries)

    def __len__(self) -> int:
        return len(self.entries)

    def facts(self) -> list[Facts] | None:
        """Every document's :class:`Facts` without reading them back; None if one is unknown."""
        known = [e.facts for e in self.entries if e.facts is not None]
        return known if len(known) == len(self.entries) else None

    @overload
    def __getitem__(self, index: int) -> DocumentReport: ...

    @overload
    def __getitem__(self, index: slice) -> Sequence[DocumentReport]: ...

    def __getitem__(self, index: int | slice) -> DocumentReport | Sequence[DocumentReport]:
        if isinstance(index, slice):
            return Stored(self.path, self.entries[index])
        with open(self.path, "rb") as handle:
            return self._read(handle, self.entries[index])

    def __iter__(self) -> Iterator[DocumentReport]:
        with open(self.path, "rb") as handle:
            for entry in self.entries:
                yield self._read(handle, entry)

    @staticmethod
    def _read(handle: BinaryIO, entry: Entry) -> DocumentReport:
        handle.seek(entry.offset)
        data = _loads(handle.read(entry.length))
        report: DocumentReport = _converter().structure(data["report"], DocumentReport)
        return report


def load(path: str | Path) -> Report:
    """A results file as a Report: the last line per document, in the order first written."""
    if not Path(path).is_file():
        raise CitecheckError(f"{path}: no such results file")
    entries, _ = scan(path)
    if not entries and Path(path).stat().st_size:
        cause = _foreign(Path(path)) or "not a citecheck results file"
        raise CitecheckError(f"{path}: {cause}")
    return report_of(path, latest(entries).values())


def report_of(path: str | Path, entries: Iterable[Entry]) -> Report:
    """A Report over results entries: documents read lazily from ``path``, errors as given."""
    documents: list[Entry] = []
    errors: list[InputError] = []
    for entry in entries:
        if entry.error is not None:
            errors.append(entry.error)
        else:
            documents.append(entry)
    return Report(Stored(path, documents), tuple(errors))


class _Syncer:
    """Fsyncs a file on a thread of its own whenever lines were written since its last fsync:
    each line reaches the disk within one fsync of being written (lines written meanwhile
    share the next one), and checking never waits for the disk (an fsync takes from under a
    millisecond on an idle SSD to tens on a busy disk; it releases the GIL).
    """

    def __init__(self, fileno: int) -> None:
        self._fileno = fileno
        self._cond = threading.Condition()
        self._written = 0
        self._synced = 0
        self._closing = False
        self._error: OSError | None = None
        self._thread = threading.Thread(target=self._run, name="citecheck-fsync", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        """A line was written and flushed: fsync it (raises what an earlier fsync raised)."""
        with self._cond:
            if self._error is not None:
                raise self._error
            self._written += 1
            self._cond.notify()

    def _run(self) -> None:
        while True:
            with self._cond:
                while self._written == self._synced and not self._closing:
                    self._cond.wait()
                if self._written == self._synced:
                    return
                target = self._written
            try:
                os.fsync(self._fileno)
            except OSError as exc:
                with self._cond:
                    self._error = exc
                return
            with self._cond:
                self._synced = target

    def close(self) -> None:
        """Wait for the lines written so far to be fsynced; stop the thread."""
        with self._cond:
            self._closing = True
            self._cond.notify()
        self._thread.join()


class Writer:
    """Appends results lines, each flushed as written and fsynced straight after."""

    def __init__(self, path: str | Path, *, resume: bool) -> None:
        self.path = Path(path)
        self.entries: list[Entry] = []
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            good = 0
            refuse_other(self.path)
            if resume:
                self.entries, good = scan(self.path)
                if self.path.exists() and good < self.path.stat().st_size:
                    # Drop a line a kill cut short, so appended lines start on a line of their own.
                    os.truncate(self.path, good)
            self._handle: BinaryIO = open(  # noqa: SIM115 - closed by close()
                self.path, "ab" if resume else "wb"
            )
            self._offset = good
        except OSError as exc:
            raise CitecheckError(f"{path}: cannot write results ({exc.strerror})") from exc
        self._syncer = _Syncer(self._handle.fileno())

    def done(self) -> dict[str, str]:
        """Path -> content digest of every document the file already holds."""
        return {e.path: e.digest for e in latest(self.entries).values() if e.digest}

    def sources(self) -> dict[str, str]:
        """Path -> digest of the file's bytes, for the documents the file already holds."""
        return {e.path: e.source for e in latest(self.entries).values() if e.digest and e.source}

    def write_document(
        self,
        report: DocumentReport,
        content_digest: str,
        source: str | None = None,
        *,
        released: bool = False,
    ) -> Entry:
        """Append one checked document (``source``: its file's :func:`source_digest`;
        ``released``: see :func:`document_line`).
        """
        line = document_line(report, content_digest, source, released=released)
        entry = Entry(report.path, content_digest, facts=facts(report), source=source)
        return self._append(entry, line)

    def write_error(self, error: InputError) -> Entry:
        """Append one input that could not be read."""
        line = error_line(error)
        return self._append(Entry(error.path, None, error=error), line)

    def _append(self, entry: Entry, line: bytes) -> Entry:
        try:
            self._handle.write(line + b"\n")
            # Flushed at once: a killed run loses no line it wrote; fsynced straight after
            # (on the syncer's thread), so a crash of the machine loses none either.
            self._handle.flush()
            self._syncer.wrote()
        except OSError as exc:
            raise CitecheckError(f"{self.path}: cannot write results ({exc.strerror})") from exc
        placed = replace(entry, offset=self._offset, length=len(line) + 1)
        self._offset += len(line) + 1
        self.entries.append(placed)
        return placed

    def close(self) -> None:
        """Fsync and close the file."""
        self._syncer.close()
        try:
            self._handle.flush()
            os.fsync(self._handle.fileno())
        except (OSError, ValueError):
            pass
        self._handle.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def default_results_path(config: Config, paths: Sequence[str]) -> Path:
    """Where a batch run saves its results unless told: the cache folder's ``runs/``, one
    file per set of inputs (so the interrupted-run message can name it).
    """
    from citecheck.resolve.cache import default_cache_dir

    where = [os.path.abspath(p) if p != "-" else p for p in paths]
    name = hashlib.sha256("\0".join(where).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(config.cache_dir or default_cache_dir()) / "runs" / f"{name}.jsonl"

"""The results file: one checked document per line (JSON Lines), appended as each completes.

A run writes every document the moment it is checked (one line, flushed at once and
fsynced at least once a second), so an interrupted or killed run loses nothing it finished. ``--resume FILE`` reads the file back and
skips the documents whose content is unchanged; ``citecheck report FILE`` renders any
output format from it without checking again.

Each line is a JSON object with ``"kind"``:

* ``"document"``: ``path``, ``digest`` (SHA-256 of the document's text and format) and
  ``report``, the whole :class:`~citecheck.model.DocumentReport` (records without their raw
  Crossref JSON, the article without its text);
* ``"input-error"``: ``path`` and ``message`` of an input that could not be read.

Every line also carries ``"format": 1``. The file is citecheck's own: read it with
``citecheck report FILE --format json`` (the documented schema), not by hand.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import IO

import cattrs

from citecheck.config import Config
from citecheck.errors import CitecheckError
from citecheck.model import (
    Candidate,
    Document,
    DocumentReport,
    InputError,
    Report,
    Resolution,
    Work,
)

FORMAT = 1
SYNC_INTERVAL = 1.0  # seconds between fsyncs of the results file
_converter = cattrs.Converter(omit_if_default=True)


def digest(document: Document) -> str:
    """What identifies a document's content: SHA-256 over its format and extracted text."""
    data = f"{document.format}\0{document.text}".encode("utf-8", "surrogatepass")
    return hashlib.sha256(data).hexdigest()


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


def document_line(report: DocumentReport, content_digest: str) -> str:
    """One checked document as a results line (no trailing newline)."""
    data = {
        "format": FORMAT,
        "kind": "document",
        "path": report.path,
        "digest": content_digest,
        "report": _converter.unstructure(release(report)),
    }
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def error_line(error: InputError) -> str:
    """An unreadable input as a results line."""
    data = {"format": FORMAT, "kind": "input-error", "path": error.path, "message": error.message}
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


@dataclass(frozen=True)
class Entry:
    """One line read back: a checked document (with its digest) or an input error."""

    path: str
    digest: str | None
    report: DocumentReport | None = None
    error: InputError | None = None


def _entry(line: str) -> Entry | None:
    try:
        data = json.loads(line)
    except json.JSONDecodeError:
        return None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        return None
    if data.get("kind") == "document":
        report = _converter.structure(data["report"], DocumentReport)
        return Entry(str(data["path"]), str(data["digest"]), report=report)
    if data.get("kind") == "input-error":
        error = InputError(str(data["path"]), str(data["message"]))
        return Entry(error.path, None, error=error)
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
            offset += len(raw)
            if not raw.endswith(b"\n"):
                break
            try:
                entry = _entry(raw.decode("utf-8"))
            except (UnicodeDecodeError, cattrs.BaseValidationError, KeyError, TypeError):
                entry = None
            if entry is None:
                if not raw.strip():
                    good = offset
                    continue
                break
            entries.append(entry)
            good = offset
    return entries, good


def latest(entries: Iterable[Entry]) -> dict[str, Entry]:
    """The last entry per path (a document checked again replaces its earlier line)."""
    found: dict[str, Entry] = {}
    for entry in entries:
        found.pop(entry.path, None)
        found[entry.path] = entry
    return found


def load(path: str | Path) -> Report:
    """A results file as a Report: the last line per document, in the order first written."""
    if not Path(path).is_file():
        raise CitecheckError(f"{path}: no such results file")
    entries, _ = scan(path)
    if not entries and Path(path).stat().st_size:
        raise CitecheckError(f"{path}: not a citecheck results file")
    return report_of(latest(entries).values())


def report_of(entries: Iterable[Entry]) -> Report:
    """A Report from results entries."""
    documents: list[DocumentReport] = []
    errors: list[InputError] = []
    for entry in entries:
        if entry.report is not None:
            documents.append(entry.report)
        elif entry.error is not None:
            errors.append(entry.error)
    return Report(tuple(documents), tuple(errors))


class Writer:
    """Appends results lines, each flushed as written; fsynced every second and at close."""

    def __init__(self, path: str | Path, *, resume: bool) -> None:
        self.path = Path(path)
        self.entries: list[Entry] = []
        self._synced = 0.0
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if resume:
                self.entries, good = scan(self.path)
                if self.path.exists() and good < self.path.stat().st_size:
                    # Drop a line a kill cut short, so appended lines start on a line of their own.
                    os.truncate(self.path, good)
            self._handle: IO[str] = open(  # noqa: SIM115 - closed by close()
                self.path, "a" if resume else "w", encoding="utf-8"
            )
        except OSError as exc:
            raise CitecheckError(f"{path}: cannot write results ({exc.strerror})") from exc

    def done(self) -> dict[str, str]:
        """Path -> content digest of every document the file already holds."""
        return {e.path: e.digest for e in latest(self.entries).values() if e.digest and e.report}

    def write_document(self, report: DocumentReport, content_digest: str) -> None:
        """Append one checked document."""
        self._append(document_line(report, content_digest))

    def write_error(self, error: InputError) -> None:
        """Append one input that could not be read."""
        self._append(error_line(error))

    def _append(self, line: str) -> None:
        try:
            self._handle.write(line + "\n")
            # Flushed at once: a killed run loses no line it wrote. Fsynced at most once a
            # second (fsync costs milliseconds), and at the end: an OS crash loses <= 1 s.
            self._handle.flush()
            now = time.monotonic()
            if now - self._synced >= SYNC_INTERVAL:
                os.fsync(self._handle.fileno())
                self._synced = now
        except OSError as exc:
            raise CitecheckError(f"{self.path}: cannot write results ({exc.strerror})") from exc

    def close(self) -> None:
        """Fsync and close the file."""
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
    file per set of inputs (so the interrupted-run message can name it)."""
    from citecheck.resolve.cache import default_cache_dir

    where = [os.path.abspath(p) if p != "-" else p for p in paths]
    name = hashlib.sha256("\0".join(where).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    return Path(config.cache_dir or default_cache_dir()) / "runs" / f"{name}.jsonl"

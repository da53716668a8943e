"""A persistent cache of what Crossref answered, and a WorkSource that reads it first.

SQLite in WAL mode, one connection per thread, short ``INSERT OR REPLACE`` transactions:
several threads and several processes can share one cache file. Entries are keyed by
normalised DOI or normalised query, never by URL or mailto. Only answers are stored
(a record in its compact form, or "not found"); "could not tell" (``unverified``) never is.

A cache never stops a run: one that cannot be created or opened is read-only or absent
(one warning says which), a corrupt file is moved aside, a failed write turns writing
off (one warning), and a row that cannot be read back is a miss that the next answer
overwrites.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import re
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote

import platformdirs

from citecheck.errors import CitecheckError
from citecheck.model import Work
from citecheck.resolve.base import Agency, Fetch, Hit, Search, WorkSource
from citecheck.resolve.compact import decode_work, encode_work
from citecheck.resolve.offline import OFFLINE
from citecheck.resolve.works import normalise_doi, work_from_csl, work_from_record

log = logging.getLogger(__name__)

FILE_NAME = "cache.sqlite3"
DAY = 86400.0

EntryKind = Literal["work", "search", "agency", "csl", "citation", "pubmed", "pubmed-id"]
EntryStatus = Literal["ok", "not_found"]

# Seconds an entry stays fresh, by (kind, status).
EXPIRY: Mapping[tuple[str, str], float] = {
    ("work", "ok"): 14 * DAY,
    ("work", "not_found"): 7 * DAY,
    ("search", "ok"): 30 * DAY,
    ("agency", "ok"): 30 * DAY,
    ("agency", "not_found"): 7 * DAY,
    ("csl", "ok"): 14 * DAY,
    ("csl", "not_found"): 7 * DAY,
    ("citation", "ok"): 14 * DAY,
    # PubMed: an article's XML by PMID; "doi:..." / "pmc:..." -> PMID (or none).
    ("pubmed", "ok"): 14 * DAY,
    ("pubmed", "not_found"): 7 * DAY,
    ("pubmed-id", "ok"): 14 * DAY,
    ("pubmed-id", "not_found"): 7 * DAY,
}

_SCHEMA = """
CREATE TABLE IF NOT EXISTS entries (
    kind TEXT NOT NULL,
    key TEXT NOT NULL,
    status TEXT NOT NULL,
    body TEXT,
    stored REAL NOT NULL,
    PRIMARY KEY (kind, key)
)
"""
_SPACE = re.compile(r"\s+")


def default_cache_dir() -> Path:
    """The platform's user cache dir for citecheck (``$XDG_CACHE_HOME/citecheck`` on Linux).

    ``CITECHECK_CACHE_DIR`` is a setting like any other, read by :func:`citecheck.config.load`.
    """
    return Path(platformdirs.user_cache_dir("citecheck"))


def query_key(query: str) -> str:
    """A search query as a cache key: lower-case, whitespace collapsed."""
    return _SPACE.sub(" ", query).strip().lower()


@dataclass(frozen=True)
class Entry:
    """One stored answer."""

    status: EntryStatus
    body: str | None
    stored: float


class Cache:
    """The SQLite cache file ``cache.sqlite3`` in a directory.

    ``usable`` is False when the cache could not be opened at all, ``writable`` False
    when it can only be read; either way the run goes on, with one warning.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str] | None = None,
        *,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.directory = Path(directory) if directory is not None else default_cache_dir()
        self.path = self.directory / FILE_NAME
        self._clock = clock
        self._local = threading.local()
        self._connections: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._uri = f"file:{quote(str(self.path))}"
        self.usable = True
        self.writable = True
        self.problem: str | None = None  # why the cache is read-only or unusable
        self._warned: set[str] = set()
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            self._open_checked()
        except (OSError, sqlite3.Error) as error:
            self.close()
            self._open_read_only(error)

    def _open_checked(self) -> None:
        try:
            self._prepare(self._connect())
        except sqlite3.DatabaseError as error:
            # Only a file SQLite says is not a database (or is malformed) is corrupt;
            # "read-only", "unable to open" and "locked" are OperationalErrors.
            if isinstance(error, sqlite3.OperationalError) or not self.path.exists():
                raise
            self._move_aside(error)
            self._prepare(self._connect())

    def _prepare(self, connection: sqlite3.Connection) -> None:
        connection.execute("PRAGMA journal_mode=WAL")
        with connection:
            connection.execute(_SCHEMA)
        # A garbage file can pass the pragmas; reading the table is what proves it.
        connection.execute("SELECT count(*) FROM entries").fetchone()

    def _open_read_only(self, error: Exception) -> None:
        """After the cache could not be opened for writing: read it if it is there."""
        reason = _describe(error)
        self.writable = False
        if self.path.is_file():
            # immutable=1 only when even the shared-memory file cannot be made (a
            # read-only mount): nothing can be writing to the file then.
            for suffix in ("?mode=ro", "?mode=ro&immutable=1"):
                self._uri = f"file:{quote(str(self.path))}{suffix}"
                try:
                    self._connect().execute("SELECT count(*) FROM entries").fetchone()
                except sqlite3.Error:
                    self.close()
                    continue
                self.problem = f"read-only ({reason})"
                self._warn_once(
                    "open", "cache %s is read-only (%s): reading it, storing nothing", reason
                )
                return
        self.usable = False
        self.problem = f"cannot be used ({reason})"
        self._warn_once("open", "cache %s cannot be used (%s): continuing without a cache", reason)

    def _warn_once(self, topic: str, message: str, reason: str) -> None:
        if topic not in self._warned:
            self._warned.add(topic)
            log.warning(message, self.directory if topic == "open" else self.path, reason)

    def _move_aside(self, error: Exception) -> None:
        self.close()
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        aside = self.path.with_name(f"{FILE_NAME}.corrupt-{stamp}")
        log.warning("cache %s is unreadable (%s); moved to %s and rebuilt", self.path, error, aside)
        os.replace(self.path, aside)
        for suffix in ("-wal", "-shm"):
            side = self.path.with_name(FILE_NAME + suffix)
            if side.exists():
                side.unlink()

    def _connect(self) -> sqlite3.Connection:
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            # One connection per thread: each is used only by the thread that opened it;
            # check_same_thread=False only so close() can close them all from one thread.
            connection = sqlite3.connect(
                self._uri, timeout=30.0, isolation_level=None, check_same_thread=False, uri=True
            )
            try:
                connection.execute("PRAGMA busy_timeout=30000")
                connection.execute("PRAGMA synchronous=NORMAL")
            except sqlite3.Error:
                connection.close()  # a file that cannot be opened this way: keep no handle
                raise
            self._local.connection = connection
            with self._lock:
                self._connections.append(connection)
        return connection

    def get(self, kind: EntryKind, key: str, max_age: float | None = None) -> Entry | None:
        """The fresh entry for ``key``, or None (missing, expired or unreadable)."""
        if not self.usable:
            return None
        try:
            row = (
                self._connect()
                .execute(
                    "SELECT status, body, stored FROM entries WHERE kind = ? AND key = ?",
                    (kind, key),
                )
                .fetchone()
            )
        except sqlite3.Error as error:
            self._warn_once(
                "read", "cache %s: a read failed (%s); treating it as a miss", str(error)
            )
            return None
        if row is None:
            return None
        status, body, stored = row
        if status not in ("ok", "not_found") or not isinstance(stored, int | float):
            return None  # a damaged row: a miss, rewritten by the next answer
        if body is not None and not isinstance(body, str):
            return None
        limit = max_age if max_age is not None else EXPIRY.get((kind, status), 0.0)
        if self._clock() - stored > limit:
            return None
        return Entry(status, body, stored)

    def put(self, kind: EntryKind, key: str, status: EntryStatus, body: str | None) -> None:
        """Store (or replace) one answer; the first failure to write turns writing off."""
        if not self.writable:
            return
        try:
            connection = self._connect()
            with connection:
                connection.execute(
                    "INSERT OR REPLACE INTO entries (kind, key, status, body, stored) "
                    "VALUES (?, ?, ?, ?, ?)",
                    (kind, key, status, body, self._clock()),
                )
        except sqlite3.Error as error:
            self.writable = False
            self.problem = f"read-only ({error})"
            self._warn_once(
                "write", "cache %s: a write failed (%s); storing nothing more", str(error)
            )

    def _require(self, *, writing: bool = False) -> None:
        if not self.usable or (writing and not self.writable):
            raise CitecheckError(f"cache {self.directory}: {self.problem}")

    def info(self) -> dict[str, Any]:
        """Path, size in bytes, entries per kind, oldest and newest entry (epoch seconds)."""
        self._require()
        connection = self._connect()
        kinds = dict(connection.execute("SELECT kind, count(*) FROM entries GROUP BY kind"))
        oldest, newest = connection.execute(
            "SELECT min(stored), max(stored) FROM entries"
        ).fetchone()
        size = sum(
            p.stat().st_size
            for p in (self.path, self.path.with_name(FILE_NAME + "-wal"))
            if p.exists()
        )
        return {
            "path": str(self.path),
            "size": size,
            "entries": {str(k): int(v) for k, v in kinds.items()},
            "total": sum(int(v) for v in kinds.values()),
            "oldest": oldest,
            "newest": newest,
        }

    def clear(self) -> int:
        """Delete every entry; return how many there were."""
        self._require(writing=True)
        connection = self._connect()
        with connection:
            count = connection.execute("DELETE FROM entries").rowcount
        # Another process reading the cache makes VACUUM busy; the entries are gone anyway.
        with contextlib.suppress(sqlite3.Error):
            connection.execute("VACUUM")
        return int(count)

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        """Close every thread's connection, folding the write-ahead log into the file."""
        with self._lock:
            connections, self._connections = self._connections, []
        if connections and self.usable and self.writable:
            # Another process still reading makes this busy; the log is folded in later.
            with contextlib.suppress(sqlite3.Error):
                connections[0].execute("PRAGMA busy_timeout=0")  # never wait for it
                connections[0].execute("PRAGMA wal_checkpoint(TRUNCATE)")
        for connection in connections:
            with contextlib.suppress(sqlite3.Error):
                connection.close()
        self._local = threading.local()


class CachedSource:
    """A WorkSource that answers from the cache first and stores what ``inner`` answered."""

    def __init__(
        self,
        inner: WorkSource,
        cache: Cache | None,
        *,
        offline: bool = False,
        max_age: float | None = None,
        refresh: bool = False,
    ) -> None:
        self.inner = inner
        self.cache = cache
        self.offline = offline
        self.max_age = max_age
        self.refresh = refresh

    def close(self) -> None:
        """Close the cache (its connections, folding in the write-ahead log)."""
        if self.cache is not None:
            self.cache.close()

    def _lookup(self, kind: EntryKind, key: str) -> Entry | None:
        if self.cache is None or self.refresh:
            return None
        return self.cache.get(kind, key, self.max_age)

    def _store(self, kind: EntryKind, key: str, status: EntryStatus, body: str | None) -> None:
        if self.cache is not None:
            self.cache.put(kind, key, status, body)

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        """Cached DOIs cost no request; the rest go to ``inner`` in one call."""
        results: dict[str, Fetch] = {}
        missing: list[str] = []
        for doi in dict.fromkeys(normalise_doi(d) for d in dois):
            fetch = _fetch_from(self._lookup("work", doi), work_from_record)
            if fetch is None:
                missing.append(doi)
            else:
                results[doi] = fetch
        if not missing:
            return results
        if self.offline:
            results.update({d: Fetch("unverified", reason=OFFLINE) for d in missing})
            return results
        fetched = self.inner.works(missing)
        for doi in missing:
            fetch = fetched.get(doi) or Fetch("unverified", reason="no answer")
            self._remember("work", doi, fetch)
            results[doi] = fetch
        return results

    def alternative_ids(self, values: Sequence[str]) -> Mapping[str, Fetch]:
        """Works by Elsevier PII: cached answers cost no request; the rest go to ``inner``."""
        results: dict[str, Fetch] = {}
        missing: list[str] = []
        for value in dict.fromkeys(values):
            fetch = _fetch_from(self._lookup("work", f"alternative-id:{value}"), work_from_record)
            if fetch is None:
                missing.append(value)
            else:
                results[value] = fetch
        lookup = getattr(self.inner, "alternative_ids", None)
        if not missing:
            return results
        if self.offline or lookup is None:
            reason = OFFLINE if self.offline else "this source cannot look up PIIs"
            results.update({v: Fetch("unverified", reason=reason) for v in missing})
            return results
        fetched: Mapping[str, Fetch] = lookup(missing)
        for value in missing:
            fetch = fetched.get(value) or Fetch("unverified", reason="no answer")
            self._remember("work", f"alternative-id:{value}", fetch)
            results[value] = fetch
        return results

    def search(self, query: str, rows: int = 5) -> Search:
        """A cached search costs no request; candidates are stored in compact form."""
        key = f"{rows}:{query_key(query)}"
        entry = self._lookup("search", key)
        if entry is not None:
            hits = _hits_from(entry.body)
            if hits is not None:
                return Search("ok", hits)
        if self.offline:
            return Search("unverified", reason=OFFLINE)
        result = self.inner.search(query, rows)
        if result.status == "ok":
            body = json.dumps(
                [[encode_work(h.work), h.score] for h in result.hits], separators=(",", ":")
            )
            self._store("search", key, "ok", body)
        return result

    def agency(self, doi: str) -> Agency:
        """A cached agency costs no request."""
        doi = normalise_doi(doi)
        entry = self._lookup("agency", doi)
        if entry is not None and (entry.status == "not_found" or entry.body):
            return Agency(entry.status, agency=entry.body if entry.status == "ok" else None)
        if self.offline:
            return Agency("unverified", reason=OFFLINE)
        result = self.inner.agency(doi)
        if result.status != "unverified":
            self._store("agency", doi, result.status, result.agency)
        return result

    def negotiate(self, doi: str) -> Fetch:
        """Cached CSL-JSON costs no request."""
        doi = normalise_doi(doi)
        fetch = _fetch_from(self._lookup("csl", doi), work_from_csl)
        if fetch is not None:
            return fetch
        if self.offline:
            return Fetch("unverified", reason=OFFLINE)
        fetch = self.inner.negotiate(doi)
        self._remember("csl", doi, fetch)
        return fetch

    def cite(self, doi: str, style: str) -> str | None:
        """A formatted reference by content negotiation; cached, never fetched offline."""
        key = f"{style}:{normalise_doi(doi)}"
        entry = self._lookup("citation", key)
        if entry is not None and entry.body:
            return entry.body
        cite = getattr(self.inner, "cite", None)
        if self.offline or cite is None:
            return None
        text: str | None = cite(doi, style)
        if text:
            self._store("citation", key, "ok", text)
        return text

    def _remember(self, kind: EntryKind, key: str, fetch: Fetch) -> None:
        if fetch.status == "ok" and fetch.work is not None:
            self._store(kind, key, "ok", json.dumps(encode_work(fetch.work), separators=(",", ":")))
        elif fetch.status == "not_found":
            self._store(kind, key, "not_found", None)


def _describe(error: Exception) -> str:
    if isinstance(error, OSError):
        return error.strerror or str(error)
    return str(error)


def _work_from(data: Any, build: Callable[[Mapping[str, Any]], Work]) -> Work:
    """A stored work: the compact form, or a whole record as older versions stored."""
    if isinstance(data, Mapping) and "v" in data:
        return decode_work(data)
    if not isinstance(data, Mapping) or not data:
        raise ValueError("not a record")
    work = build(data)
    if not work.doi:
        raise ValueError("a record without a DOI")
    return work


def _fetch_from(entry: Entry | None, build: Callable[[Mapping[str, Any]], Work]) -> Fetch | None:
    """The stored answer, or None (a miss) when there is none or it cannot be read back."""
    if entry is None:
        return None
    if entry.status == "not_found":
        return Fetch("not_found")
    try:
        return Fetch("ok", _work_from(json.loads(entry.body or ""), build))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        log.debug("cache row unreadable (%s): a miss", error)
        return None


def _hits_from(body: str | None) -> tuple[Hit, ...] | None:
    """Stored search hits, or None (a miss) when the row cannot be read back."""
    try:
        rows = json.loads(body or "")
        if not isinstance(rows, list):
            raise ValueError("not a list of hits")
        hits = []
        for row in rows:
            data, score = row
            if score is not None and (
                isinstance(score, bool) or not isinstance(score, int | float)
            ):
                raise ValueError(f"score {score!r} is not a number")
            hits.append(Hit(_work_from(data, work_from_record), score))
    except (ValueError, TypeError, KeyError, AttributeError) as error:
        log.debug("cached search unreadable (%s): a miss", error)
        return None
    return tuple(hits)

"""Local Crossref work records as a :class:`WorkSource`: DOI look-ups and search, no network.

Records are read from JSONL or JSONL.gz files (one work record, the ``message`` object,
per line), from ``.json`` files holding a ``work`` envelope, a ``work-list`` envelope, a
bare record or a list of records, or from a directory of such files.

Indexing is kept lean because it runs at every start: each line is decoded once with its
bulky ``reference`` list cut out, a handful of fields are tokenized with one precompiled
regex into an inverted index, and the line itself is kept as bytes. A record is decoded
in full, and turned into a :class:`Work`, only when a look-up or a search returns it.
"""

from __future__ import annotations

import gzip
import heapq
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from citecheck.model import Work
from citecheck.resolve.base import Agency, Fetch, Hit, Search
from citecheck.resolve.works import normalise_doi, work_from_record
from citecheck.text import fold

Record = dict[str, Any]

_TOKEN = re.compile(r"[^\W_]+")
_REFERENCE_KEY = b'"reference":'
_STOPWORDS = frozenset(
    ["a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "or", "the", "to", "with"]
)
_SUFFIXES = (".jsonl", ".jsonl.gz", ".json", ".json.gz", ".ndjson", ".ndjson.gz")
K1 = 1.2  # BM25 term-frequency saturation
B = 0.75  # BM25 length normalisation


def tokenize(text: str) -> list[str]:
    """Lower-case word tokens, diacritics stripped, stopwords and single letters dropped."""
    text = fold(text)
    return [t for t in _TOKEN.findall(text) if len(t) > 1 and t not in _STOPWORDS]


def _year(record: Mapping[str, Any]) -> str:
    for key in ("issued", "published-print", "published-online", "published"):
        try:
            year = record[key]["date-parts"][0][0]
        except (KeyError, IndexError, TypeError):
            continue
        if year:
            return str(year)
    return ""


def _texts(value: Any) -> list[str]:
    if isinstance(value, list):
        return [str(v) for v in value if v]
    return [str(value)] if value else []


def index_text(record: Mapping[str, Any]) -> str:
    """The text a record is found by: title, authors, journal, year, volume, first page."""
    parts = _texts(record.get("title")) + _texts(record.get("subtitle"))
    for author in record.get("author") or []:
        if isinstance(author, dict):
            parts.append(str(author.get("family") or author.get("name") or ""))
    parts += _texts(record.get("container-title")) + _texts(record.get("short-container-title"))
    parts.append(_year(record))
    parts.append(str(record.get("volume") or ""))
    page = str(record.get("page") or record.get("article-number") or "")
    parts.append(page.split("-")[0])
    return " ".join(parts)


def without_references(line: bytes) -> bytes:
    """A JSONL line with its "reference" list emptied (most of the bytes, never indexed).

    The list's items are flat maps of strings, so the first ``}]`` after a non-empty list
    opens closes it. Should a string hold ``}]``, the cut line fails to decode and the
    caller decodes the whole line instead.
    """
    start = line.find(_REFERENCE_KEY)
    if start < 0:
        return line
    opening = line.find(b"[", start)
    if opening < 0 or line[opening + 1 : opening + 64].lstrip()[:1] != b"{":
        return line  # empty or unexpected: leave it alone
    end = line.find(b"}]", opening)
    if end < 0:
        return line
    return line[:start] + b'"reference": []' + line[end + 2 :]


def _records_of(document: Any) -> Iterator[Record]:
    """Work records inside a decoded JSON document (envelope, list, or bare record)."""
    if isinstance(document, list):
        for item in document:
            yield from _records_of(item)
        return
    if not isinstance(document, dict):
        return
    message = document.get("message")
    if isinstance(message, dict):
        yield from _records_of(message.get("items", message))
    elif document.get("DOI"):
        yield document


def _files(path: Path) -> list[Path]:
    if path.is_dir():
        return sorted(p for p in path.iterdir() if p.name.endswith(_SUFFIXES))
    return [path]


def _read_bytes(path: Path) -> bytes:
    data = path.read_bytes()
    return gzip.decompress(data) if data[:2] == b"\x1f\x8b" else data


class RecordsIndex:
    """Crossref records by DOI plus a BM25 inverted index over their bibliographic fields."""

    def __init__(self) -> None:
        self._raw: list[bytes | Record] = []  # a JSONL line, decoded on demand, or a record
        self._decoded: dict[int, Record] = {}
        self._works: dict[int, Work] = {}
        self._by_doi: dict[str, int] = {}
        self._by_alternative_id: dict[str, int] = {}
        self._postings: dict[str, list[tuple[int, int]]] = {}
        self._lengths: list[int] = []

    @classmethod
    def load(cls, paths: str | Path | Iterable[str | Path]) -> RecordsIndex:
        """Index every record in the given files or directories."""
        index = cls()
        items = [paths] if isinstance(paths, str | Path) else list(paths)
        for item in items:
            for path in _files(Path(item)):
                index.add_file(path)
        return index

    @classmethod
    def from_records(cls, records: Iterable[Mapping[str, Any]]) -> RecordsIndex:
        """Index records already in memory (tests, the benchmark)."""
        index = cls()
        for record in records:
            for found in _records_of(dict(record)):
                index._add(found, found)
        return index

    def __len__(self) -> int:
        return len(self._raw)

    def add_file(self, path: Path) -> None:
        """Index one JSONL/JSONL.gz or JSON file."""
        data = _read_bytes(path)
        name = path.name.removesuffix(".gz")
        if name.endswith(".json"):
            try:
                document = json.loads(data)
            except ValueError:
                pass  # not one JSON document: read it line by line below
            else:
                for record in _records_of(document):
                    self._add(record, record)
                return
        for line in data.split(b"\n"):
            if line.strip():
                self._add_line(line)

    def _add_line(self, line: bytes) -> None:
        try:
            lean = json.loads(without_references(line))
        except ValueError:
            try:
                lean = json.loads(line)
            except ValueError:
                return  # a broken line is skipped, not fatal
        if isinstance(lean, dict) and lean.get("DOI") and "message" not in lean:
            self._add(lean, line)
        else:
            for record in _records_of(lean):
                self._add(record, record)

    def _add(self, record: Mapping[str, Any], raw: bytes | Record) -> None:
        doi = normalise_doi(str(record.get("DOI") or ""))
        if not doi or doi in self._by_doi:
            return
        doc = len(self._raw)
        self._raw.append(raw)
        self._by_doi[doi] = doc
        for value in record.get("alternative-id") or ():
            self._by_alternative_id.setdefault(_alternative_key(str(value)), doc)
        counts = Counter(tokenize(index_text(record)))
        self._lengths.append(sum(counts.values()))
        postings = self._postings
        for token, count in counts.items():
            postings.setdefault(token, []).append((doc, count))

    def work_by_alternative_id(self, value: str) -> Work | None:
        """The :class:`Work` carrying a publisher's identifier (an Elsevier PII), or None."""
        doc = self._by_alternative_id.get(_alternative_key(value))
        return None if doc is None else self._work(doc)

    def record(self, doi: str) -> Record | None:
        """The full record for a DOI, or None."""
        doc = self._by_doi.get(normalise_doi(doi))
        return None if doc is None else self._record(doc)

    def work(self, doi: str) -> Work | None:
        """The :class:`Work` for a DOI, or None."""
        doc = self._by_doi.get(normalise_doi(doi))
        return None if doc is None else self._work(doc)

    def _record(self, doc: int) -> Record:
        record = self._decoded.get(doc)
        if record is None:
            raw = self._raw[doc]
            record = json.loads(raw) if isinstance(raw, bytes) else raw
            self._decoded[doc] = record
        return record

    def _work(self, doc: int) -> Work:
        work = self._works.get(doc)
        if work is None:
            work = work_from_record(self._record(doc))
            self._works[doc] = work
        return work

    def _rank(self, query: str, rows: int) -> list[tuple[int, float]]:
        total = len(self._raw)
        if not total or rows <= 0:
            return []
        average = sum(self._lengths) / total
        scores: dict[int, float] = {}
        for token in set(tokenize(query)):
            postings = self._postings.get(token)
            if not postings:
                continue
            df = len(postings)
            idf = math.log(1.0 + (total - df + 0.5) / (df + 0.5))
            for doc, tf in postings:
                norm = K1 * (1.0 - B + B * self._lengths[doc] / average)
                scores[doc] = scores.get(doc, 0.0) + idf * tf * (K1 + 1.0) / (tf + norm)
        best = heapq.nlargest(rows, scores.items(), key=lambda item: item[1])
        return [(doc, round(score, 4)) for doc, score in best]

    def search(self, query: str, rows: int = 5) -> list[tuple[Record, float]]:
        """The best ``rows`` records for a free-text reference, with their BM25 scores."""
        return [(self._record(doc), score) for doc, score in self._rank(query, rows)]

    def search_works(self, query: str, rows: int = 5) -> list[tuple[Work, float]]:
        """Like :meth:`search`, as :class:`Work` objects."""
        return [(self._work(doc), score) for doc, score in self._rank(query, rows)]

    def dois(self) -> list[str]:
        """Every DOI indexed, in file order."""
        return list(self._by_doi)


NOT_IN_RECORDS = "DOI not in the local records (whether it is registered cannot be told)"


def _alternative_key(value: str) -> str:
    return "".join(c for c in value.upper() if c not in "()- ")


class RecordsSource:
    """A :class:`WorkSource` answering from local Crossref records."""

    def __init__(
        self,
        paths: str | Path | Sequence[str | Path] | None = None,
        *,
        index: RecordsIndex | None = None,
    ) -> None:
        if index is None:
            index = RecordsIndex.load(paths) if paths is not None else RecordsIndex()
        self.index = index

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        """Dict look-ups; unknown DOIs are not_found."""
        result: dict[str, Fetch] = {}
        for doi in dois:
            key = normalise_doi(doi)
            work = self.index.work(key)
            result[key] = Fetch("ok", work) if work else Fetch("not_found")
        return result

    def alternative_ids(self, values: Sequence[str]) -> Mapping[str, Fetch]:
        """Works by Elsevier PII; one missing from a local file is unverified, not absent."""
        result: dict[str, Fetch] = {}
        for value in values:
            work = self.index.work_by_alternative_id(value)
            result[value] = (
                Fetch("ok", work) if work else Fetch("unverified", reason=NOT_IN_RECORDS)
            )
        return result

    def search(self, query: str, rows: int = 5) -> Search:
        """BM25 search over the local records."""
        hits = tuple(Hit(work, score) for work, score in self.index.search_works(query, rows))
        return Search("ok", hits)

    def agency(self, doi: str) -> Agency:
        """ "crossref" for DOIs held here; for any other DOI a local file cannot tell.

        A records file is rarely all of Crossref: a DOI missing from it may well be
        registered, so saying "not found" would accuse a correct reference.
        """
        if self.index.work(doi) is not None:
            return Agency("ok", "crossref")
        return Agency("unverified", reason=NOT_IN_RECORDS)

    def negotiate(self, doi: str) -> Fetch:  # noqa: ARG002 - the CrossrefLookup signature
        """Local records hold no other agency's DOIs."""
        return Fetch("not_found")

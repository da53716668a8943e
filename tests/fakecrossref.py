"""A stand-in Crossref REST API: a real HTTP server on 127.0.0.1 serving real records.

Used by tests and benchmarks::

    with FakeCrossref(load_records([path]), latency=0.2) as fake:
        source = CrossrefSource(fake.url, cn_url=fake.url)
        fake.add_fault(r"^/works/10\\.1000/x$", Fault(status=503), times=2)
        ...
        fake.requests  # what arrived, with kinds: batch, single, search, agency, negotiate

Routes: ``/works/{doi}``, ``/works?filter=doi:..``, ``/works?query.bibliographic=..``,
``/works/{doi}/agency``, ``/works/{doi}/transform/{csl type}`` and DOI content
negotiation at ``/{doi}``. Every response carries Crossref's rate-limit headers for the
pool the User-Agent earns (polite with a ``mailto:``, else public).
"""

from __future__ import annotations

import contextlib
import gzip
import json
import re
import socket
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

Record = dict[str, Any]
SearchFn = Callable[[str, int], list[tuple[Record, float]]]

NOT_FOUND = "Resource not found."
CSL_JSON = "application/vnd.citationstyles.csl+json"
POOLS = {
    "polite": {"single": "10", "list": "3", "concurrency": "3"},
    "public": {"single": "5", "list": "1", "concurrency": "1"},
    # Not Crossref's: generous limits so end-to-end tests do not wait out real pacing.
    "fast": {"single": "500", "list": "500", "concurrency": "3"},
}
_TOKEN = re.compile(r"[^\W_]{2,}", re.UNICODE)


@dataclass
class Fault:
    """A scripted misbehaviour for requests whose path matches a rule."""

    status: int = 503
    body: str = ""
    headers: Mapping[str, str] = field(default_factory=dict)
    delay: float = 0.0  # seconds to sleep before answering (slow response)
    cut: bool = False  # close the socket without a response
    content_type: str = "application/json"


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str  # percent-decoded
    query: Mapping[str, str]
    kind: str  # batch, single, search, agency, negotiate, other
    headers: Mapping[str, str]


@dataclass
class _Rule:
    pattern: re.Pattern[str]
    fault: Fault
    times: int | None  # None: forever
    every: int = 1  # fault one matching request in ``every``
    seen: int = 0


def load_records(paths: Iterable[str | Path]) -> list[Record]:
    """Work records from JSONL, JSONL.gz, or JSON files (a record, a work or work-list envelope)."""
    records: list[Record] = []
    for path in map(Path, paths):
        opener = gzip.open if path.suffix == ".gz" else open
        with opener(path, "rb") as handle:
            data = handle.read()  # bytes: json.loads reads UTF-8 itself, and sooner
        if ".jsonl" in path.name:
            items = [json.loads(line) for line in data.splitlines() if line.strip()]
        else:
            items = [json.loads(data)]
        for item in items:
            records.extend(_unwrap(item))
    return records


def _unwrap(item: Any) -> list[Record]:
    if not isinstance(item, dict):
        return []
    if item.get("message-type") == "work":
        return [item["message"]]
    if item.get("message-type") == "work-list":
        return [i for i in item["message"].get("items", []) if isinstance(i, dict)]
    return [item] if item.get("DOI") else []


def _record_tokens(record: Record) -> set[str]:
    parts: list[str] = []
    for key in ("title", "subtitle", "container-title", "short-container-title"):
        value = record.get(key) or []
        parts.extend(value if isinstance(value, list) else [str(value)])
    for author in record.get("author") or []:
        if isinstance(author, dict):
            parts.append(str(author.get("family") or author.get("name") or ""))
    for key in ("volume", "issue", "page"):
        parts.append(str(record.get(key) or ""))
    issued = (record.get("issued") or {}).get("date-parts") or [[None]]
    if issued and issued[0] and issued[0][0]:
        parts.append(str(issued[0][0]))
    return set(_TOKEN.findall(" ".join(map(str, parts)).lower()))


class TokenSearch:
    """A standalone ranking for ``query.bibliographic``: shared tokens, Crossref-like scores."""

    def __init__(self, records: Iterable[Record]) -> None:
        self._records = list(records)
        self._index: dict[str, list[int]] = defaultdict(list)
        for number, record in enumerate(self._records):
            for token in _record_tokens(record):
                self._index[token].append(number)

    def __call__(self, query: str, rows: int) -> list[tuple[Record, float]]:
        """The ``rows`` records sharing most tokens with ``query``."""
        counts: Counter[int] = Counter()
        for token in set(_TOKEN.findall(query.lower())):
            postings = self._index.get(token, ())
            if len(postings) < 2000:  # ignore tokens nearly every record has
                counts.update(postings)
        return [(self._records[n], 10.0 * c) for n, c in counts.most_common(rows)]


def ris_from_csl(csl: Record) -> str:
    """An RIS record for a CSL-JSON item, in the layout doi.org's RIS answers use."""
    types = {"article-journal": "JOUR", "dataset": "DATA", "chapter": "CHAP", "book": "BOOK"}
    lines = [f"TY  - {types.get(str(csl.get('type')), 'GEN')}"]
    if csl.get("DOI"):
        lines.append(f"DO  - {csl['DOI']}")
    for tag, key in (("TI", "title"), ("T2", "container-title"), ("J2", "container-title-short")):
        value = csl.get(key)
        if isinstance(value, list):
            value = value[0] if value else None
        if value:
            lines.append(f"{tag}  - {value}")
    for author in csl.get("author", []):
        name = author.get("family") or author.get("name") or ""
        lines.append(f"AU  - {name}, {author.get('given', '')}".rstrip(", "))
    parts = (csl.get("issued") or {}).get("date-parts") or [[None]]
    if parts[0] and parts[0][0]:
        lines.append(f"PY  - {parts[0][0]}")
    for tag, key in (("VL", "volume"), ("IS", "issue"), ("PB", "publisher")):
        if csl.get(key):
            lines.append(f"{tag}  - {csl[key]}")
    first, _, last = str(csl.get("page") or "").partition("-")
    if first:
        lines.append(f"SP  - {first}")
    if last:
        lines.append(f"EP  - {last}")
    lines.append("ER  - ")
    return "\n".join(lines) + "\n"


def csl_from_record(record: Record) -> Record:
    """Roughly what doi.org content negotiation returns (CSL-JSON) for a Crossref record."""

    def first(value: Any) -> Any:
        return (value[0] if value else None) if isinstance(value, list) else value

    types = {"journal-article": "article-journal", "book-chapter": "chapter"}
    csl: Record = {
        "DOI": record.get("DOI"),
        "type": types.get(str(record.get("type")), record.get("type")),
        "title": first(record.get("title")),
        "container-title": first(record.get("container-title")),
        "container-title-short": first(record.get("short-container-title")),
        "author": record.get("author", []),
        "ISSN": record.get("ISSN", []),
        "publisher": record.get("publisher"),
    }
    for key in ("volume", "issue", "page", "issued", "published-print", "published-online"):
        if key in record:
            csl[key] = record[key]
    return {k: v for k, v in csl.items() if v is not None}


class FakeCrossref:
    """A threaded HTTP server on 127.0.0.1 that plays the Crossref REST API."""

    def __init__(
        self,
        records: Iterable[Record],
        *,
        search: SearchFn | None = None,
        agencies: Mapping[str, str] | None = None,
        csl: Mapping[str, Record] | None = None,
        latency: float = 0.0,
        pool: str | None = None,
    ) -> None:
        self.records: dict[str, Record] = {}
        for record in records:
            self.records[str(record["DOI"]).lower()] = record
        self.search = search or TokenSearch(self.records.values())
        self.agencies = {k.lower(): v for k, v in (agencies or {}).items()}
        self.csl = {k.lower(): v for k, v in (csl or {}).items()}
        self.latency = latency
        self.pool = pool  # None: decided per request from the User-Agent
        self.requests: list[Request] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self._rules: list[_Rule] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None
        self._connections: set[socket.socket] = set()
        self._thread: threading.Thread | None = None

    # -- lifecycle ----------------------------------------------------------------------

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321``."""
        if self._server is None:
            raise RuntimeError("FakeCrossref is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}"

    def start(self) -> FakeCrossref:
        """Listen on a free port in a background thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        self._server.request_queue_size = 64
        # A short poll interval: shutdown() waits for the serve loop to notice, and the
        # default half second adds up over hundreds of tests.
        self._thread = threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        )
        self._thread.start()
        return self

    def stop(self) -> None:
        """Shut the server down, closing the connections clients keep alive (a kill)."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None
        with self._lock:
            connections, self._connections = self._connections, set()
        for connection in connections:
            with contextlib.suppress(OSError):  # already closed by the client
                connection.shutdown(socket.SHUT_RDWR)

    def __enter__(self) -> FakeCrossref:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # -- scripting ------------------------------------------------------------------------

    def add_fault(self, pattern: str, fault: Fault, times: int | None = 1, every: int = 1) -> None:
        """Answer requests whose decoded path (+ ``?query``) matches ``pattern`` with ``fault``
        (``times`` times, None for ever; only one matching request in ``every``)."""
        with self._lock:
            self._rules.append(_Rule(re.compile(pattern), fault, times, max(1, every)))

    def clear(self) -> None:
        """Forget logged requests and scripted faults."""
        with self._lock:
            self.requests.clear()
            self._rules.clear()
            self.max_in_flight = 0

    def counts(self) -> Counter[str]:
        """Requests received, per kind."""
        with self._lock:
            return Counter(r.kind for r in self.requests)

    def _take_fault(self, target: str) -> Fault | None:
        with self._lock:
            for rule in self._rules:
                if rule.pattern.search(target):
                    rule.seen += 1
                    if (rule.seen - 1) % rule.every:
                        continue
                    if rule.times is not None:
                        rule.times -= 1
                        if rule.times <= 0:
                            self._rules.remove(rule)
                    return rule.fault
        return None

    def _log(self, request: Request) -> None:
        with self._lock:
            self.requests.append(request)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _done(self) -> None:
        with self._lock:
            self.in_flight -= 1

    # -- routing --------------------------------------------------------------------------

    def route(self, path: str, query: Mapping[str, str], accept: str) -> tuple[int, str, Any]:
        """(status, content type, body) for one request; body is JSON-able or str."""
        if path == "/works":
            return self._works_list(query)
        if path.startswith("/works/"):
            doi = path[len("/works/") :]
            if "/transform/" in doi:
                doi, _, _ = doi.partition("/transform/")
                return self._csl(doi)
            if doi.endswith("/agency"):
                return self._agency(doi[: -len("/agency")])
            record = self.records.get(doi.lower())
            if record is None:
                return 404, "text/plain", NOT_FOUND
            return 200, "application/json", _envelope("work", record)
        if CSL_JSON in accept or "application/json" in accept:
            return self._csl(path.lstrip("/"))
        if "application/x-research-info-systems" in accept:
            return self._ris(path.lstrip("/"))
        if "text/x-bibliography" in accept:
            return self._bibliography(path.lstrip("/"), accept)
        return 404, "text/plain", NOT_FOUND

    def _works_list(self, query: Mapping[str, str]) -> tuple[int, str, Any]:
        try:
            rows = int(query.get("rows", "20"))
        except ValueError:
            rows = -1
        if not 0 <= rows <= 1000:
            return 400, "application/json", _validation("rows", query.get("rows", ""))
        if "filter" in query and "alternative-id:" in query["filter"]:
            wanted = {
                _alternative_key(part.split(":", 1)[1])
                for part in query["filter"].split(",")
                if part.startswith("alternative-id:")
            }
            items = [
                record
                for record in self.records.values()
                if wanted & {_alternative_key(str(v)) for v in record.get("alternative-id") or ()}
            ][:rows]
            return 200, "application/json", _work_list(items, len(items))
        if "filter" in query:
            dois = [
                part.split(":", 1)[1].lower()
                for part in query["filter"].split(",")
                if part.startswith("doi:")
            ]
            items = [self.records[d] for d in dois if d in self.records][:rows]
            return 200, "application/json", _work_list(items, len(items))
        if "query.bibliographic" in query:
            ranked = self.search(query["query.bibliographic"], rows)
            items = [dict(record, score=score) for record, score in ranked[:rows]]
            return 200, "application/json", _work_list(items, len(items))
        return 400, "application/json", _validation("query", "")

    def _agency(self, doi: str) -> tuple[int, str, Any]:
        agency = self.agencies.get(doi.lower()) or (
            "crossref" if doi.lower() in self.records else None
        )
        if agency is None:
            return 404, "text/plain", NOT_FOUND
        labels = {"crossref": "Crossref", "datacite": "DataCite", "medra": "mEDRA"}
        message = {"DOI": doi, "agency": {"id": agency, "label": labels.get(agency, agency)}}
        return (
            200,
            "application/json",
            {"status": "ok", "message-type": "work-agency", "message": message},
        )

    def _csl(self, doi: str) -> tuple[int, str, Any]:
        doi = doi.lower()
        if doi in self.csl:
            return 200, CSL_JSON, self.csl[doi]
        if doi in self.records:
            return 200, CSL_JSON, csl_from_record(self.records[doi])
        return 404, "text/plain", NOT_FOUND

    def _ris(self, doi: str) -> tuple[int, str, Any]:
        """An RIS record, as doi.org gives for ``application/x-research-info-systems``."""
        status, _, csl = self._csl(doi)
        if status != 200:
            return status, "text/plain", NOT_FOUND
        return 200, "application/x-research-info-systems", ris_from_csl(csl)

    def _bibliography(self, doi: str, accept: str) -> tuple[int, str, Any]:
        """A formatted reference, as doi.org gives for ``text/x-bibliography; style=...``."""
        from citecheck.formatter import render_reference
        from citecheck.resolve.works import work_from_record

        record = self.records.get(doi.lower())
        if record is None:
            return 404, "text/plain", NOT_FOUND
        match = re.search(r"style\s*=\s*([\w-]+)", accept)
        style = {
            "american-medical-association": "ama",
            "chicago-author-date": "chicago",
            "harvard-cite-them-right": "harvard",
            "modern-language-association": "mla",
        }
        csl = match.group(1) if match else "apa"
        text = render_reference(work_from_record(record), style.get(csl, csl))
        return 200, "text/x-bibliography; charset=utf-8", f"[{csl}] {text}"

    def rate_headers(self, kind: str, user_agent: str) -> dict[str, str]:
        """Crossref's rate-limit headers for this request's kind and pool."""
        pool = self.pool or ("polite" if "mailto:" in user_agent else "public")
        numbers = POOLS[pool]
        return {
            "x-rate-limit-limit": numbers["list" if kind in ("batch", "search") else "single"],
            "x-rate-limit-interval": "1s",
            "x-concurrency-limit": numbers["concurrency"],
            "x-api-pool": pool,
        }


def _alternative_key(value: str) -> str:
    return "".join(c for c in value.upper() if c not in "()- ")


def kind_of(path: str, query: Mapping[str, str]) -> str:
    """Which kind of request this is, for the log and the rate-limit headers."""
    if path == "/works":
        return "batch" if "filter" in query else "search"
    if path.startswith("/works/"):
        return "agency" if path.endswith("/agency") else "single"
    return "negotiate"


def _envelope(message_type: str, message: Any) -> dict[str, Any]:
    return {
        "status": "ok",
        "message-type": message_type,
        "message-version": "1.0.0",
        "message": message,
    }


def _work_list(items: list[Record], total: int) -> dict[str, Any]:
    return _envelope(
        "work-list",
        {
            "facets": {},
            "total-results": total,
            "items": items,
            "items-per-page": len(items),
            "query": {"start-index": 0, "search-terms": None},
        },
    )


def _validation(parameter: str, value: str) -> dict[str, Any]:
    message = {
        "type": "integer-not-valid",
        "value": value,
        "message": f"Invalid {parameter} {value!r}.",
    }
    return {"status": "failed", "message-type": "validation-failure", "message": [message]}


class _Handler(BaseHTTPRequestHandler):
    fake: FakeCrossref
    protocol_version = "HTTP/1.1"  # keep-alive, so clients can reuse connections
    # Headers and body go out in one write (a buffered wfile, flushed once per request)
    # with Nagle off: two small writes on a keep-alive connection otherwise wait out the
    # client's delayed ACK, about 40 ms a request.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16

    def setup(self) -> None:
        """Remember the connection, so that stopping the server can close it."""
        super().setup()
        with self.fake._lock:
            self.fake._connections.add(self.connection)

    def finish(self) -> None:
        """Forget the connection."""
        with self.fake._lock:
            self.fake._connections.discard(self.connection)
        super().finish()

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the fake keeps its own request log."""

    def do_GET(self) -> None:  # noqa: N802
        """Answer one GET."""
        split = urlsplit(self.path)
        path = unquote(split.path)
        query = {k: v[-1] for k, v in parse_qs(split.query, keep_blank_values=True).items()}
        kind = kind_of(path, query)
        fake = self.fake
        fake._log(Request("GET", path, query, kind, dict(self.headers.items())))
        try:
            self._answer(path, query, kind, split.query)
        finally:
            fake._done()

    def _answer(self, path: str, query: Mapping[str, str], kind: str, raw_query: str) -> None:
        fake = self.fake
        if fake.latency:
            time.sleep(fake.latency)
        headers = fake.rate_headers(kind, self.headers.get("User-Agent", ""))
        target = path + ("?" + unquote(raw_query) if raw_query else "")
        fault = fake._take_fault(target)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.cut:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(fault.status, fault.content_type, fault.body, {**headers, **fault.headers})
            return
        status, content_type, body = fake.route(path, query, self.headers.get("Accept", ""))
        text = body if isinstance(body, str) else json.dumps(body)
        self._send(status, content_type, text, headers)

    def _send(self, status: int, content_type: str, text: str, headers: Mapping[str, str]) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def iter_dois(records: Iterable[Record]) -> Iterator[str]:
    """The DOIs of ``records``, lower-case."""
    return (str(r["DOI"]).lower() for r in records if r.get("DOI"))

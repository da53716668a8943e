"""A stand-in NCBI E-utilities: a real HTTP server on 127.0.0.1 serving recorded PubMed XML.

Used beside :class:`fakecrossref.FakeCrossref` by tests and benchmarks::

    with FakePubmed(load_articles([path])) as fake:
        source = PubmedSource(fake.url, mailto="me@example.org")
        fake.add_fault(r"efetch", Fault(status=503), times=2)
        fake.counts()  # Counter({"esearch": 1, "efetch": 1})

Routes: ``/esearch.fcgi`` (``retmode=json``; ``term`` of ``"DOI"[doi]``, ``DOI[doi]``,
``PMCnnn[pmcid]`` or ``nnn[pmid]`` joined by ``OR``) and ``/efetch.fcgi`` (``id`` a
comma-separated PMID list; answers a ``PubmedArticleSet`` of the recorded articles, as
recorded). Both accept GET and form-encoded POST, as E-utilities do.
"""

from __future__ import annotations

import json
import re
import socket
import threading
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

from lxml import etree

from fakecrossref import Fault

HEADER = (
    '<?xml version="1.0" ?>\n<!DOCTYPE PubmedArticleSet PUBLIC "-//NLM//DTD PubMedArticle, '
    '1st January 2025//EN" "https://dtd.nlm.nih.gov/ncbi/pubmed/out/pubmed_250101.dtd">\n'
)
_TERM = re.compile(r'^\s*"?([^"\[]+?)"?\s*\[(doi|pmcid|pmid|uid)\]\s*$', re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One recorded ``PubmedArticle``: its XML as recorded and the ids it answers to."""

    pmid: str
    doi: str | None
    pmcid: str | None
    xml: str


@dataclass(frozen=True)
class Request:
    """One request as the server saw it."""

    method: str
    path: str
    params: Mapping[str, str]
    kind: str  # esearch, efetch, other


def load_articles(paths: Iterable[str | Path]) -> list[Article]:
    """Every ``PubmedArticle`` in the given efetch XML files."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    articles = []
    for path in paths:
        root = etree.parse(str(path), parser).getroot()
        for element in root.iter("PubmedArticle"):
            ids = {
                (n.get("IdType") or "").lower(): (n.text or "").strip()
                for n in element.iterfind("PubmedData/ArticleIdList/ArticleId")
            }
            pmid = (element.findtext("MedlineCitation/PMID") or "").strip()
            articles.append(
                Article(
                    pmid=pmid,
                    doi=ids.get("doi", "").lower() or None,
                    pmcid=ids.get("pmc", "").upper() or None,
                    xml=etree.tostring(element, encoding="unicode"),
                )
            )
    return articles


class FakePubmed:
    """A threaded HTTP server on 127.0.0.1 that plays ``esearch.fcgi`` and ``efetch.fcgi``."""

    def __init__(self, articles: Iterable[Article], *, latency: float = 0.0) -> None:
        self.articles = {a.pmid: a for a in articles}
        self.by_doi = {a.doi: a.pmid for a in self.articles.values() if a.doi}
        self.by_pmcid = {a.pmcid: a.pmid for a in self.articles.values() if a.pmcid}
        self.latency = latency
        self.requests: list[Request] = []
        self._rules: list[tuple[re.Pattern[str], Fault, int | None]] = []
        self._lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:54321/entrez/eutils``."""
        if self._server is None:
            raise RuntimeError("FakePubmed is not started")
        host, port = self._server.server_address[:2]
        return f"http://{host!s}:{port}/entrez/eutils"

    def start(self) -> FakePubmed:
        """Listen on a free port in a background thread."""
        handler = type("Handler", (_Handler,), {"fake": self})
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self._server.daemon_threads = True
        # A short poll interval: shutdown() waits for the serve loop to notice, and the
        # default half second adds up over the tests.
        threading.Thread(
            target=self._server.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True
        ).start()
        return self

    def stop(self) -> None:
        """Shut the server down."""
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def __enter__(self) -> FakePubmed:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def add_fault(self, pattern: str, fault: Fault, times: int | None = 1) -> None:
        """Answer requests whose ``kind?params`` matches ``pattern`` with ``fault``."""
        with self._lock:
            self._rules.append((re.compile(pattern), fault, times))

    def clear(self) -> None:
        """Forget logged requests and scripted faults."""
        with self._lock:
            self.requests.clear()
            self._rules.clear()

    def counts(self) -> Counter[str]:
        """Requests received, per kind."""
        with self._lock:
            return Counter(r.kind for r in self.requests)

    def take_fault(self, target: str) -> Fault | None:
        """The first scripted fault for ``target`` (used up when it has a count)."""
        with self._lock:
            for number, (pattern, fault, times) in enumerate(self._rules):
                if pattern.search(target):
                    if times is not None:
                        if times <= 1:
                            del self._rules[number]
                        else:
                            self._rules[number] = (pattern, fault, times - 1)
                    return fault
        return None

    def log(self, request: Request) -> None:
        """Keep one request in the log."""
        with self._lock:
            self.requests.append(request)

    # -- routes ---------------------------------------------------------------------------

    def esearch(self, params: Mapping[str, str]) -> tuple[int, str, str]:
        """PMIDs for a term of OR'd ``[doi]`` / ``[pmcid]`` / ``[pmid]`` clauses."""
        term = params.get("term", "")
        ids: list[str] = []
        missing: list[str] = []
        for clause in re.split(r"\s+OR\s+", term):
            match = _TERM.match(clause)
            if not match:
                body = {"esearchresult": {"ERROR": f"Invalid query: {clause}"}}
                return 200, "application/json", json.dumps(body)
            value, field = match.group(1).strip(), match.group(2).lower()
            if field == "doi":
                pmid = self.by_doi.get(value.lower())
            elif field == "pmcid":
                pmid = self.by_pmcid.get(value.upper())
            else:
                pmid = value if value in self.articles else None
            if pmid and pmid not in ids:
                ids.append(pmid)
            elif not pmid:
                missing.append(clause.strip())
        retmax = int(params.get("retmax", "20") or 20)
        result: dict[str, Any] = {
            "count": str(len(ids)),
            "retmax": str(min(retmax, len(ids))),
            "retstart": "0",
            "idlist": ids[:retmax],
            "translationset": [],
            "querytranslation": term,
        }
        if missing:
            result["errorlist"] = {"phrasesnotfound": missing, "fieldsnotfound": []}
        body = {"header": {"type": "esearch", "version": "0.3"}, "esearchresult": result}
        return 200, "application/json", json.dumps(body)

    def efetch(self, params: Mapping[str, str]) -> tuple[int, str, str]:
        """A ``PubmedArticleSet`` of the recorded articles among ``id`` (unknown ids skipped)."""
        ids = [i.strip() for i in params.get("id", "").split(",") if i.strip()]
        if not ids:
            return 400, "text/xml", "<eFetchResult><ERROR>Empty id list</ERROR></eFetchResult>"
        parts = [self.articles[i].xml for i in ids if i in self.articles]
        text = HEADER + "<PubmedArticleSet>\n" + "\n".join(parts) + "\n</PubmedArticleSet>\n"
        return 200, "text/xml; charset=UTF-8", text


class _Handler(BaseHTTPRequestHandler):
    fake: FakePubmed
    protocol_version = "HTTP/1.1"
    # Headers and body in one write with Nagle off (as in fakecrossref): two small writes
    # on a keep-alive connection otherwise wait out the client's delayed ACK.
    disable_nagle_algorithm = True
    wbufsize = 1 << 16

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        """Quiet: the fake keeps its own request log."""

    def do_GET(self) -> None:  # noqa: N802
        """Answer one GET."""
        split = urlsplit(self.path)
        self._answer("GET", split.path, split.query)

    def do_POST(self) -> None:  # noqa: N802
        """Answer one form-encoded POST."""
        length = int(self.headers.get("Content-Length") or 0)
        body = self.rfile.read(length).decode("utf-8") if length else ""
        self._answer("POST", urlsplit(self.path).path, body)

    def _answer(self, method: str, path: str, query: str) -> None:
        fake = self.fake
        params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
        name = path.rsplit("/", 1)[-1]
        kind = {"esearch.fcgi": "esearch", "efetch.fcgi": "efetch"}.get(name, "other")
        fake.log(Request(method, path, params, kind))
        if fake.latency:
            time.sleep(fake.latency)
        target = kind + "?" + "&".join(f"{k}={v}" for k, v in sorted(params.items()))
        fault = fake.take_fault(target)
        if fault is not None:
            if fault.delay:
                time.sleep(fault.delay)
            if fault.cut:
                self.close_connection = True
                self.connection.shutdown(socket.SHUT_RDWR)
                return
            self._send(fault.status, fault.content_type, fault.body, fault.headers)
            return
        if kind == "esearch":
            status, content_type, text = fake.esearch(params)
        elif kind == "efetch":
            status, content_type, text = fake.efetch(params)
        else:
            status, content_type, text = 404, "text/plain", "Not found"
        self._send(status, content_type, text, {})

    def _send(self, status: int, content_type: str, text: str, headers: Mapping[str, str]) -> None:
        data = text.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

"""The Crossref REST API as a :class:`~citecheck.resolve.base.WorkSource` (the only HTTP module).

Every outcome is a value: a 404 is ``not_found``; timeouts, 5xx, 429 past the retry
budget, broken bodies and a 403 block are ``unverified`` with a reason, never
``not_found``. Requests are paced by a shared :class:`~citecheck.resolve.limits.Pacer`.
"""

from __future__ import annotations

import functools
import json
import logging
import threading
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any
from urllib.parse import quote

import requests

from citecheck import __version__
from citecheck.resolve.base import Agency, Fetch, Hit, Search
from citecheck.resolve.limits import POLITE, PUBLIC, Kind, Pacer, parse_retry_after
from citecheck.resolve.ris import csl_from_ris
from citecheck.resolve.works import normalise_doi, work_from_csl, work_from_record, works_from_list

if TYPE_CHECKING:
    import ssl

log = logging.getLogger(__name__)

PROJECT_URL = "https://github.com/citecheck/citecheck"
BATCH_SIZE = 50
BLOCKED = "blocked by Crossref (HTTP 403): stopped all further look-ups"
# Characters that break a comma-separated ``filter=doi:`` value: such DOIs go singly.
_FILTER_UNSAFE = frozenset("<>;,") | frozenset(" \t")


# CSL style ids (citation-style-language/styles) for the styles citecheck reads.
CSL_STYLES: Mapping[str, str] = {
    "apa": "apa",
    "ama": "american-medical-association",
    "vancouver": "vancouver",
    "harvard": "harvard-cite-them-right",
    "chicago": "chicago-author-date",
    "ieee": "ieee",
    "mla": "modern-language-association",
}


def user_agent(mailto: str | None) -> str:
    """The User-Agent Crossref asks for; the mailto lives here, never in the query string."""
    contact = f"{PROJECT_URL}; mailto:{mailto}" if mailto else PROJECT_URL
    return f"citecheck/{__version__} ({contact})"


def quote_doi(doi: str) -> str:
    """Percent-encode a DOI for a URL path (``#``, ``;``, ``?``, ``<``, ``>``, spaces...)."""
    return quote(doi, safe="/")


def pii_key(value: str) -> str:
    """An Elsevier PII for comparison: upper case, no dashes or brackets."""
    return "".join(c for c in value.upper() if c not in "()- ")


def batchable(doi: str) -> bool:
    """Whether a DOI can go in a ``filter=doi:`` list (SICI-style DOIs cannot)."""
    return not any(ch in _FILTER_UNSAFE for ch in doi)


DOWN_AFTER = 5  # consecutive failed connection attempts before a service counts as down
UNREACHABLE = "Crossref unreachable"
INVALID = "invalid response"
MAX_RETRY_AFTER = 60.0  # seconds: a longer Retry-After leaves the reference unverified


@dataclass(frozen=True)
class _Reply:
    """A response that arrived (any status), or the reason none usable did.

    ``data`` is the parsed JSON body of a 200 when JSON was asked for.
    """

    status: int | None
    text: str = ""
    reason: str | None = None
    data: Any = None


class CrossrefSource:
    """Works, searches, agencies and content negotiation from the live Crossref API."""

    def __init__(
        self,
        base_url: str = "https://api.crossref.org",
        mailto: str | None = None,
        *,
        cn_url: str = "https://doi.org",
        timeout: tuple[float, float] = (5, 30),
        max_retries: int = 3,
        limiter: Pacer | None = None,
        batch_size: int = BATCH_SIZE,
        down_after: int = DOWN_AFTER,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.cn_url = cn_url.rstrip("/")
        self.mailto = mailto
        self.timeout = timeout
        self.batch_size = max(1, min(batch_size, BATCH_SIZE))
        self.limiter = limiter or Pacer(POLITE if mailto else PUBLIC, max_retries=max_retries)
        self._local = threading.local()
        self._blocked = threading.Event()
        self._down = threading.Event()
        self._ended = threading.Event()  # set with either: queued requests give up their place
        self._down_after = max(1, down_after)
        self._failures = 0  # consecutive connection attempts that reached no server
        self._failures_lock = threading.Lock()

    @property
    def blocked(self) -> bool:
        """True once Crossref answered 403: no further request is sent."""
        return self._blocked.is_set()

    @property
    def down(self) -> bool:
        """True once ``down_after`` connection attempts in a row failed: no more are made."""
        return self._down.is_set()

    def _stopped(self) -> str | None:
        """Why no request may be sent any more (blocked, unreachable), or None."""
        if self._blocked.is_set():
            return BLOCKED
        if self._down.is_set():
            return UNREACHABLE
        return None

    def _connected(self, *, reached: bool) -> None:
        """Count connection attempts that reached no server; mark the service down."""
        with self._failures_lock:
            self._failures = 0 if reached else self._failures + 1
            newly_down = not reached and self._failures >= self._down_after
            if newly_down and not self._down.is_set():
                self._down.set()
                self._ended.set()
                log.warning(
                    "%s: %d connection attempts in a row failed; the rest of the run's "
                    "look-ups are unverified",
                    UNREACHABLE,
                    self._failures,
                )

    def _session(self) -> requests.Session:
        # One session per worker thread: connection reuse without sharing a Session
        # (requests does not promise Session is thread-safe).
        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = user_agent(self.mailto)
            session.headers["Accept"] = "application/json"
            self._local.session = session
        return session

    def _get(
        self,
        url: str,
        kind: Kind,
        params: Mapping[str, str] | None = None,
        accept: str | None = None,
        *,
        expect_json: bool = True,
    ) -> _Reply:
        """One answer for one request, retried within this request's own budget.

        5xx, transport failures and broken bodies are retried ``max_retries`` times
        with backoff; 429s wait (``Retry-After``, else backoff) and are retried within
        their own, larger allowance, pausing every worker. No budget is shared across
        requests, so a storm on some references never leaves later ones unverified.
        """
        failures = 0
        waits = 0
        while True:
            stopped = self._stopped()
            if stopped:
                return _Reply(None, reason=stopped)
            reply, retry_after = self._send(url, kind, params, accept)
            if reply.status == 403:
                self._blocked.set()
                self._ended.set()
                return _Reply(None, reason=BLOCKED)
            if reply.status == 200 and expect_json:
                data = _json(reply.text)
                if data is not None:
                    return _Reply(200, reply.text, data=data)
                reply = _Reply(None, reason=INVALID)  # a broken body: retried like a 5xx
            elif reply.status is not None and reply.status != 429 and reply.status < 500:
                return reply
            if reply.status == 429:
                delay = retry_after if retry_after is not None else self.limiter.backoff(waits)
                if delay > MAX_RETRY_AFTER:  # asked to come back much later: not this run
                    return _Reply(
                        None, reason=f"rate limited (HTTP 429, retry after {delay:.0f} s)"
                    )
                self.limiter.pause(delay)  # every worker slows down, not just this one
                if not self.limiter.allow_wait(waits):
                    return _Reply(None, reason=_failure_reason(reply))
                waits += 1
                continue
            if self._stopped() or not self.limiter.allow_retry(failures):
                return _Reply(None, reason=self._stopped() or _failure_reason(reply))
            self.limiter.wait(self.limiter.backoff(failures))
            failures += 1

    def _send(
        self, url: str, kind: Kind, params: Mapping[str, str] | None, accept: str | None
    ) -> tuple[_Reply, float | None]:
        headers = {"Accept": accept} if accept else None
        with self.limiter.slot(kind, self._ended) as may_send:
            if not may_send:
                return _Reply(None, reason=self._stopped() or UNREACHABLE), None
            try:
                response = self._session().get(
                    url, params=params, headers=headers, timeout=self.timeout
                )
            except requests.Timeout:
                self._connected(reached=False)
                log.info("%s %s: timeout", kind, url)
                return _Reply(None, reason="timeout"), None
            except requests.ConnectionError:
                self._connected(reached=False)
                log.info("%s %s: connection failed", kind, url)
                return _Reply(None, reason="connection failed"), None
            except requests.RequestException as error:  # a body cut short, a bad chunk...
                self._connected(reached=True)
                log.info("%s %s: %s", kind, url, type(error).__name__)
                return _Reply(None, reason=f"request failed: {type(error).__name__}"), None
            self._connected(reached=True)
            # Still holding the place: the next worker reserves its slot at the new limits.
            self.limiter.update(kind, response.headers)
        log.info("%s %s -> %s", kind, response.url, response.status_code)
        response.encoding = response.encoding or "utf-8"
        retry_after = (
            parse_retry_after(response.headers.get("Retry-After"))
            if response.status_code == 429
            else None
        )
        return _Reply(response.status_code, response.text), retry_after

    # -- WorkSource -------------------------------------------------------------------

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        """Look up DOIs in batches of up to 50; singly only what no batch could answer.

        A DOI that a successful batch did not return is not registered with Crossref
        (``not_found``) and is not asked for again. DOIs that cannot go in a filter, and
        those of a batch that failed or was refused, are looked up one by one.
        """
        wanted = list(dict.fromkeys(normalise_doi(d) for d in dois if d and d.strip()))
        results: dict[str, Fetch] = {}
        listable = [d for d in wanted if batchable(d)]
        if len(listable) == 1:
            listable = []  # one DOI: the single-record endpoint is cheaper than a filter
        for start in range(0, len(listable), self.batch_size):
            results.update(self._batch(listable[start : start + self.batch_size]))
        for doi in wanted:
            if doi not in results:
                results[doi] = self.work(doi)
        return results

    def _batch(self, dois: Sequence[str]) -> dict[str, Fetch]:
        """What one ``filter=doi:`` request says of ``dois``; {} when it gave no answer."""
        params = {"filter": ",".join(f"doi:{d}" for d in dois), "rows": str(len(dois))}
        reply = self._get(f"{self.base_url}/works", "list", params)
        envelope = reply.data
        if reply.status != 200 or not isinstance(envelope, Mapping):
            if self._stopped():
                return {d: Fetch("unverified", reason=self._stopped()) for d in dois}
            return {}  # failed or refused: each DOI is tried (and reported) singly
        if envelope.get("message-type") != "work-list":
            return {}
        found: dict[str, Fetch] = {}
        wanted = set(dois)
        for work, _score in works_from_list(envelope):
            if work.doi in wanted:
                found[work.doi] = Fetch("ok", work)
        return {d: found.get(d, Fetch("not_found")) for d in dois}

    def alternative_ids(self, values: Sequence[str]) -> Mapping[str, Fetch]:
        """Works by a publisher's own identifier (an Elsevier PII), ``filter=alternative-id:``.

        Up to 50 values per request, OR'd; a value no record carries is ``not_found``.
        """
        wanted = list(dict.fromkeys(v.strip() for v in values if v and v.strip()))
        results: dict[str, Fetch] = {}
        for start in range(0, len(wanted), self.batch_size):
            chunk = wanted[start : start + self.batch_size]
            params = {
                "filter": ",".join(f"alternative-id:{v}" for v in chunk),
                "rows": str(len(chunk)),
            }
            reply = self._get(f"{self.base_url}/works", "list", params)
            envelope = reply.data
            if reply.status != 200 or not isinstance(envelope, Mapping):
                reason = self._stopped() or _failure_reason(reply)
                results.update({v: Fetch("unverified", reason=reason) for v in chunk})
                continue
            found: dict[str, Fetch] = {}
            for work, _score in works_from_list(envelope):
                for value in work.raw.get("alternative-id") or ():
                    key = pii_key(str(value))
                    found.setdefault(key, Fetch("ok", work))
            results.update({v: found.get(pii_key(v), Fetch("not_found")) for v in chunk})
        return results

    def work(self, doi: str) -> Fetch:
        """One DOI at ``/works/{doi}``."""
        doi = normalise_doi(doi)
        reply = self._get(f"{self.base_url}/works/{quote_doi(doi)}", "single")
        if reply.status == 404:
            return Fetch("not_found")
        if reply.status != 200:
            return Fetch("unverified", reason=_failure_reason(reply))
        envelope = reply.data
        if not isinstance(envelope, Mapping) or not isinstance(envelope.get("message"), Mapping):
            return Fetch("unverified", reason=INVALID)
        return Fetch("ok", work_from_record(envelope["message"]))

    def search(self, query: str, rows: int = 5) -> Search:
        """``query.bibliographic`` search; hits keep Crossref's raw scores."""
        params = {"query.bibliographic": query, "rows": str(rows)}
        reply = self._get(f"{self.base_url}/works", "list", params)
        if reply.status != 200:
            return Search("unverified", reason=_failure_reason(reply))
        envelope = reply.data
        if not isinstance(envelope, Mapping) or envelope.get("message-type") != "work-list":
            return Search("unverified", reason="invalid response")
        hits = tuple(Hit(work, score) for work, score in works_from_list(envelope))
        return Search("ok", hits)

    def agency(self, doi: str) -> Agency:
        """The registration agency of a DOI, from ``/works/{doi}/agency``."""
        doi = normalise_doi(doi)
        reply = self._get(f"{self.base_url}/works/{quote_doi(doi)}/agency", "single")
        if reply.status == 404:
            return Agency("not_found")
        if reply.status != 200:
            return Agency("unverified", reason=_failure_reason(reply))
        envelope = reply.data
        try:
            agency_id = envelope["message"]["agency"]["id"]
        except (TypeError, KeyError):
            return Agency("unverified", reason="invalid response")
        return Agency("ok", agency=str(agency_id).lower())

    def negotiate(self, doi: str) -> Fetch:
        """Metadata for any DOI (Crossref, DataCite, mEDRA) by DOI content negotiation.

        Through habanero, asking for RIS: habanero 2.9.2 sends ``format="citeproc-json"``
        to a hard-coded ``http://api.crossref.org/works/{doi}/transform/...`` whatever
        ``url`` says, which reaches neither DataCite/mEDRA DOIs nor a stand-in server;
        its other formats go to ``{url}/{doi}`` as content negotiation should. Paced like
        every other request, with the same bounded retries for 5xx and transport errors.
        """
        doi = normalise_doi(doi)
        attempt = 0
        while True:
            if self._blocked.is_set():
                return Fetch("unverified", reason=BLOCKED)
            status, text, reason = self._negotiate_once(doi)
            if status == 200:
                item = csl_from_ris(text)
                if item is not None:
                    item.setdefault("DOI", doi)
                    return Fetch("ok", work_from_csl(item))
                status, reason = None, INVALID  # a broken body: retried like a 5xx
            if status == 404:
                return Fetch("not_found")
            if status == 403:
                self._blocked.set()
                self._ended.set()
                return Fetch("unverified", reason=BLOCKED)
            retriable = status is None or status == 429 or status >= 500
            if not retriable or not self.limiter.allow_retry(attempt):
                return Fetch("unverified", reason=reason or f"http {status}")
            self.limiter.wait(self.limiter.backoff(attempt))
            attempt += 1

    def _negotiate_once(self, doi: str) -> tuple[int | None, str, str | None]:
        """(HTTP status or None, body, reason) for one content-negotiation request."""
        import habanero.cn  # on first use: it loads httpx, a tenth of a second at start-up

        with self.limiter.slot("single"):
            try:
                text = habanero.cn.content_negotiation(
                    ids=quote_doi(doi),
                    format="ris",
                    url=self.cn_url,
                    timeout=self.timeout[1],
                    verify=tls_context(),
                )
            except Exception as error:  # noqa: BLE001 - habanero raises its HTTP client's errors
                # HTTP errors carry the response; timeouts and resets carry none.
                status = getattr(getattr(error, "response", None), "status_code", None)
                if isinstance(status, int):
                    log.info("negotiate %s -> %s", doi, status)
                    return status, "", f"http {status}"
                reason = "timeout" if "Timeout" in type(error).__name__ else "connection failed"
                log.info("negotiate %s: %s", doi, reason)
                return None, "", reason
        log.info("negotiate %s -> 200", doi)
        return 200, str(text or ""), None

    def cite(self, doi: str, style: str) -> str | None:
        """The reference formatted in a citation style by DOI content negotiation (habanero).

        Used for the corrected reference a finding suggests; None when it cannot be had,
        and the caller falls back to citecheck's own formatter.
        """
        if self._blocked.is_set():
            return None
        csl = CSL_STYLES.get(style, "apa")
        import habanero.cn  # on first use, as in _negotiate_once

        with self.limiter.slot("single"):
            try:
                text = habanero.cn.content_negotiation(
                    ids=quote_doi(normalise_doi(doi)),
                    format="text",
                    style=csl,
                    url=self.cn_url,
                    timeout=self.timeout[1],
                    verify=tls_context(),
                )
            except Exception:  # noqa: BLE001 - habanero raises httpx errors of many kinds
                return None
        text = " ".join(str(text or "").split())
        return text or None


@functools.cache
def tls_context() -> ssl.SSLContext:
    """The TLS settings of habanero's HTTP client, made once a process.

    habanero opens a new client for each request, and the client builds its TLS context
    afresh (loading every certificate of its bundle: some 60 ms of CPU) unless it is given
    one; one context serves every request, from any thread. It is the very context the
    client would build itself (its certificates, and SSL_CERT_FILE when set).
    """
    import httpx2  # habanero's HTTP client; loaded with habanero, on first use

    return httpx2.create_ssl_context()


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _failure_reason(reply: _Reply) -> str:
    """One line saying why a reply is not an answer."""
    if reply.reason:
        return reply.reason
    if reply.status == 429:
        return "rate limited (HTTP 429)"
    if reply.status == 400:
        return f"bad request (HTTP 400): {_validation_message(reply.text)}"
    return f"http {reply.status}"


def _validation_message(text: str) -> str:
    body = _json(text)
    messages = body.get("message") if isinstance(body, Mapping) else None
    if isinstance(messages, list):
        parts = [str(m.get("message", m)) if isinstance(m, Mapping) else str(m) for m in messages]
        return "; ".join(parts) or "validation failure"
    return text.strip()[:200] or "validation failure"

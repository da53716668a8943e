"""The resolver: for each reference, the record it describes, checked field by field.

References with a DOI are looked up together in one ``works()`` call and the record is
validated against the entry: a DOI that points to another paper (the commonest
fabrication) is not taken on trust, the entry's text is searched as well. References
without a DOI are searched. Searches run on a thread pool; every distinct reference is
resolved once per resolver, however many documents cite it.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import replace
from typing import Generic, TypeVar

from citecheck.links import IdKind, identify
from citecheck.model import (
    Candidate,
    Reference,
    ReferenceFields,
    ReferenceKind,
    Resolution,
    Status,
    Work,
)
from citecheck.references.linked import NOT_SCHOLARLY, plain_links
from citecheck.resolve.base import Agency, Fetch, Search, WorkSource, close_if_closable
from citecheck.resolve.matching import MATCH_THRESHOLD, decide, normalise_text, validate
from citecheck.resolve.works import normalise_doi
from citecheck.text import shortens_title

ROWS = 5  # search hits validated per reference
MEMO_SIZE = 4096  # resolutions (and DOI fetches) remembered across resolve() calls
PUBMED_UNAVAILABLE = "PubMed/PMC link, and PubMed was not consulted (--no-pubmed or --records)"
PII_UNKNOWN = "no Crossref record carries this Elsevier PII"
JOURNAL_PAGE = "journal page without a DOI in its address"
_DOI_TEXT = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi:\s*)\S+|\b10\.\d{4,9}/\S+|https?://\S+", re.I
)
_T = TypeVar("_T")


def reference_key(reference: Reference) -> str:
    """What makes two references the same request: normalised DOI and normalised text.

    A link reference is its identifier (or its URL): the anchor text is a claim, not part
    of what is looked up.
    """
    fields = reference.fields
    doi = normalise_doi(fields.doi) if fields.doi else ""
    if reference.kind is ReferenceKind.LINK:
        other = "" if doi else (fields.pmid or fields.pmcid or fields.url or "")
        return f"link|{doi}|{other}"
    return f"{doi}|{normalise_text(reference.text)}"


def search_text(reference: Reference) -> str:
    """The entry as written, without its label, DOI or URLs: what a search is sent."""
    text = _DOI_TEXT.sub(" ", plain_links(reference.text)).replace("<", " ").replace(">", " ")
    return " ".join(text.split())


def agrees(candidate: Candidate) -> bool:
    """True unless the entry's identifying fields contradict the record its DOI points to."""
    if candidate.confidence >= MATCH_THRESHOLD:
        return True
    evidence = candidate.evidence
    title, author = evidence.get("title"), evidence.get("author")
    if title is not None:
        return title >= 0.9
    if author is not None:
        return author >= 1.0
    # Neither title nor author to compare: only year and journal can speak against it.
    others = [evidence[k] for k in ("year", "journal") if k in evidence]
    return not others or max(others) >= 0.8


def _call(action: Callable[[], _T], failed: Callable[[str], _T]) -> _T:
    """Run a source call; an exception becomes an "unverified" value, never a crash."""
    try:
        return action()
    except Exception as exc:  # a source must not raise, but one bad source must not kill a run
        return failed(f"error: {type(exc).__name__}: {exc}")


class Memo(Generic[_T]):
    """A small least-recently-used map."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._items: OrderedDict[str, _T] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> _T | None:
        """The value for ``key`` (now the most recent), or None."""
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key: str, value: _T) -> None:
        """Remember ``value``, forgetting the least recent past ``size``."""
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def __len__(self) -> int:
        return len(self._items)


class WorkResolver:
    """A :class:`Resolver` over any :class:`WorkSource` (Crossref, local records, cache)."""

    def __init__(self, source: WorkSource, *, jobs: int = 4, rows: int = ROWS) -> None:
        self.source = source
        self.jobs = max(1, jobs)
        self.rows = rows
        # Bounded, so a run over an archive holds a window's records, not every one it saw;
        # what falls out is answered by the source's cache.
        self._fetched: Memo[Fetch] = Memo(MEMO_SIZE)
        self._resolved: Memo[Resolution] = Memo(MEMO_SIZE)
        self._pii: dict[str, Fetch] = {}
        # One pool for the resolver's life, not one per call: a long run resolves a window
        # at a time, and each new worker thread would open a cache connection of its own
        # that stays open until the cache is closed (three file descriptors each).
        self._pool: ThreadPoolExecutor | None = None
        self._pool_lock = threading.Lock()

    def _workers(self) -> ThreadPoolExecutor:
        with self._pool_lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.jobs, thread_name_prefix="citecheck-lookup")
            return self._pool

    def close(self) -> None:
        """End the look-up threads and close the source (its cache, its connections)."""
        with self._pool_lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True)
        close_if_closable(self.source)

    def resolve(self, references: Sequence[Reference]) -> list[Resolution]:
        """One resolution per reference, in order. Never raises for network trouble."""
        answers: dict[str, Resolution] = {}
        todo: dict[str, Reference] = {}
        keys = [reference_key(r) for r in references]
        for key, reference in zip(keys, references, strict=True):
            if key in answers or key in todo:
                continue
            known = self._resolved.get(key)
            if known is not None:
                answers[key] = known
            else:
                todo[key] = reference
        if not todo:
            return [answers[key] for key in keys]
        pool = self._workers()
        futures: list[Future[Resolution]] = []
        try:
            # Searches for entries without an identifier need no batch: they start at once
            # and run while this thread fetches the DOIs, so no request place idles.
            early = {k: pool.submit(self._resolve_one, r) for k, r in todo.items() if _searched(r)}
            futures += early.values()
            self._fetch_dois(todo.values())
            self._fetch_piis(todo.values())
            later = {
                k: pool.submit(self._resolve_one, r) for k, r in todo.items() if k not in early
            }
            futures += later.values()
            for key in todo:
                resolution = (early.get(key) or later[key]).result()
                answers[key] = resolution
                self._resolved.put(key, resolution)
        finally:
            # On Ctrl-C or SIGTERM, drop the queued look-ups instead of running them all.
            for future in futures:
                future.cancel()
        return [answers[key] for key in keys]

    # ------------------------------------------------------------------ look-ups

    def _fetch_dois(self, references: Iterable[Reference]) -> None:
        wanted = []
        for reference in references:
            doi = reference.fields.doi
            if doi and self._fetched.get(normalise_doi(doi)) is None:
                wanted.append(normalise_doi(doi))
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return
        found: Mapping[str, Fetch] = _call(
            lambda: self.source.works(wanted),
            lambda reason: {doi: Fetch("unverified", reason=reason) for doi in wanted},
        )
        for doi in wanted:
            fetch = found.get(doi)
            if fetch is None:  # a source that dropped a key could not tell us
                fetch = Fetch("unverified", reason="no answer for this DOI")
            self._fetched.put(doi, fetch)

    def _search(self, query: str) -> Search:
        return _call(
            lambda: self.source.search(query, rows=self.rows),
            lambda reason: Search("unverified", reason=reason),
        )

    def _agency(self, doi: str) -> Agency:
        return _call(
            lambda: self.source.agency(doi), lambda reason: Agency("unverified", reason=reason)
        )

    def _negotiate(self, doi: str) -> Fetch:
        return _call(
            lambda: self.source.negotiate(doi), lambda reason: Fetch("unverified", reason=reason)
        )

    # ------------------------------------------------------------------ deciding

    def _resolve_one(self, reference: Reference) -> Resolution:
        if reference.kind is ReferenceKind.WEB:
            # A web page has no record to find: never looked up, never accused.
            return Resolution(Status.UNVERIFIED, via="none", reason=NOT_SCHOLARLY)
        if reference.kind is ReferenceKind.LINK and not reference.fields.doi:
            return self._by_link(reference)
        if not reference.fields.doi:
            return self._by_search(reference)
        doi = normalise_doi(reference.fields.doi)
        fetch = self._fetched.get(doi) or Fetch("unverified", reason="not looked up")
        if fetch.status == "ok" and fetch.work is not None:
            return self._check_doi_record(reference, fetch.work, via="doi", doi_status="ok")
        if fetch.status == "unverified":
            return Resolution(Status.UNVERIFIED, via="doi", reason=fetch.reason or "unverified")
        agency = self._agency(doi)
        if agency.status == "unverified":
            # Whether the DOI exists is unknown; the entry's text may still find its work.
            found = self._by_search(reference)
            if found.status == Status.MATCHED:
                return found
            return Resolution(Status.UNVERIFIED, via="doi", reason=agency.reason or "unverified")
        if agency.status == "ok" and (agency.agency or "").lower() == "crossref":
            # Registered with Crossref, yet no record came back: never "not registered".
            found = self._by_search(reference)
            if found.status == Status.MATCHED:
                return found
            return Resolution(
                Status.UNVERIFIED,
                via="doi",
                reason="registered with Crossref, but its record could not be fetched",
            )
        if agency.status == "ok" and agency.agency and agency.agency.lower() != "crossref":
            negotiated = self._negotiate(doi)
            if negotiated.status == "ok" and negotiated.work is not None:
                return self._check_doi_record(
                    reference, negotiated.work, via="content-negotiation", doi_status="other-agency"
                )
            if negotiated.status == "unverified":
                return Resolution(
                    Status.UNVERIFIED,
                    via="content-negotiation",
                    reason=negotiated.reason or "unverified",
                )
        resolution = self._by_search(reference)
        return _with_doi(resolution, None, "not_found")

    def _check_doi_record(
        self, reference: Reference, work: Work, *, via: str, doi_status: str
    ) -> Resolution:
        candidate = validate(reference.fields, work, text=reference.text)
        if agrees(candidate) or _describes(reference.fields, work):
            identifying = {"title", "author"} & set(candidate.evidence)
            confidence = candidate.confidence if identifying else 1.0
            return Resolution(
                Status.MATCHED,
                work=work,
                confidence=confidence,
                via=via,
                candidates=(candidate,),
                doi_status=doi_status,
            )
        resolution = self._by_search(reference)
        if resolution.status == Status.MATCHED and resolution.work == work:
            return _with_doi(resolution, None, doi_status)
        return _with_doi(resolution, work, "mismatch")

    def _by_link(self, reference: Reference) -> Resolution:
        """A link without a DOI: by its PubMed id, its Elsevier PII, or not at all."""
        fields = reference.fields
        if fields.pmid or fields.pmcid:
            # PubMed answers these first (PubmedResolver); without it what the link names
            # is unknown, not wrong.
            return Resolution(Status.UNVERIFIED, via="pubmed", reason=PUBMED_UNAVAILABLE)
        found = identify(fields.url or "")
        if found is not None and found.kind is IdKind.PII:
            fetch = self._pii.get(found.value) or Fetch("unverified", reason="not looked up")
            if fetch.status == "ok" and fetch.work is not None:
                return Resolution(
                    Status.MATCHED,
                    work=fetch.work,
                    confidence=1.0,
                    via="alternative-id",
                    candidates=(Candidate(fetch.work, 1.0),),
                    doi_status="ok",
                )
            # Not every Elsevier record carries its PII: a miss is no proof the page is wrong.
            reason = PII_UNKNOWN if fetch.status == "not_found" else fetch.reason
            return Resolution(
                Status.UNVERIFIED, via="alternative-id", reason=reason or "unverified"
            )
        return Resolution(Status.UNVERIFIED, via="none", reason=JOURNAL_PAGE)

    def _fetch_piis(self, references: Iterable[Reference]) -> None:
        wanted = []
        for reference in references:
            if reference.kind is not ReferenceKind.LINK or reference.fields.doi:
                continue
            found = identify(reference.fields.url or "")
            if found is not None and found.kind is IdKind.PII and found.value not in self._pii:
                wanted.append(found.value)
        wanted = list(dict.fromkeys(wanted))
        if not wanted:
            return
        lookup = getattr(self.source, "alternative_ids", None)
        if lookup is None:
            for value in wanted:
                self._pii[value] = Fetch("unverified", reason="this source cannot look up PIIs")
            return
        found_ids: Mapping[str, Fetch] = _call(
            lambda: lookup(wanted),
            lambda reason: {value: Fetch("unverified", reason=reason) for value in wanted},
        )
        for value in wanted:
            self._pii[value] = found_ids.get(value) or Fetch("unverified", reason="no answer")

    def _by_search(self, reference: Reference) -> Resolution:
        query = search_text(reference)
        if not query:
            # Nothing to search and no identifier: no look-up was made, so no accusation.
            return Resolution(Status.UNVERIFIED, via="search", reason="nothing to search")
        search = self._search(query)
        if search.status != "ok":
            return Resolution(Status.UNVERIFIED, via="search", reason=search.reason or "unverified")
        fields: ReferenceFields = reference.fields
        candidates = [
            validate(fields, hit.work, score=hit.score, text=query) for hit in search.hits
        ]
        return decide(candidates, via="search")


def _searched(reference: Reference) -> bool:
    """Whether a reference is resolved without a DOI or PII fetched first (by search, or
    not looked up at all).
    """
    return not reference.fields.doi and reference.kind is not ReferenceKind.LINK


def _describes(fields: ReferenceFields, work: Work) -> bool:
    """A link-only entry (no authors, no year) whose link text shortens the record's title:
    the link's identifier stands unless its text names another work.
    """
    if fields.authors or fields.year or not fields.title:
        return False
    return shortens_title(fields.title, work)


def _with_doi(resolution: Resolution, doi_work: Work | None, doi_status: str) -> Resolution:
    return replace(resolution, doi_work=doi_work, doi_status=doi_status)

"""PubMed (NCBI E-utilities) as a second authority: publication types, MeSH, PMIDs.

Three lookups, each batched as NCBI asks:

* DOIs -> records: one ``esearch.fcgi`` per 100 DOIs (``"10.x/y"[doi] OR ...``), then
  one ``efetch.fcgi`` per 200 PMIDs; the DOI in each record's ``ArticleIdList`` ties
  it back to the DOI asked for.
* PMIDs -> records: ``efetch.fcgi`` alone.
* PMCIDs -> records: ``esearch.fcgi`` (``PMC123[pmcid] OR ...``), then ``efetch.fcgi``.

Every outcome is a value (:class:`PubmedFetch`): ``ok`` with a record, ``not_found``,
or ``unverified`` with a reason (timeouts, 5xx, 429 past the retry budget, a broken
body). Requests carry ``tool``, ``email`` and ``api_key`` and are paced by a
:class:`~citecheck.resolve.limits.Pacer` at NCBI's limits (3 requests a second, 10
with an API key). The XML is read with lxml, with a parser that neither loads DTDs nor
expands entities nor touches the network.
"""

from __future__ import annotations

import json
import logging
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from lxml import etree  # type: ignore[import-untyped]

from citecheck import __version__
from citecheck.model import Author, PubmedRecord, Work
from citecheck.resolve.limits import Limits, Pacer, parse_retry_after
from citecheck.resolve.works import normalise_doi
from citecheck.text import YEAR

if TYPE_CHECKING:
    import requests

log = logging.getLogger(__name__)

DEFAULT_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"
TOOL = "citecheck"
SEARCH_BATCH = 100  # identifiers per esearch term
FETCH_BATCH = 200  # PMIDs per efetch
LONG_LIST = 50  # more ids than this (or a long term) go by POST
LONG_TERM = 1500  # characters of an esearch term past which it goes by POST
NO_KEY = Limits(single_rate=3.0, list_rate=3.0, concurrency=1)
WITH_KEY = Limits(single_rate=10.0, list_rate=10.0, concurrency=3)
NOT_IN_RECORDS = "not in the local PubMed records"

PubmedStatus = Literal["ok", "not_found", "unverified"]


def safe_parser() -> Any:
    """No DTD, no entities, no network: a record cannot make the parser fetch or expand
    anything. A new parser per document: lxml parsers must not be shared between threads.
    """
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


_PMCID = re.compile(r"^(?:PMC)?(\d{1,9})$", re.IGNORECASE)
_PMID = re.compile(r"^\d{1,9}$")
_YEAR = re.compile(rf"\b({YEAR})\b")


@dataclass(frozen=True)
class PubmedFetch:
    """One identifier looked up in PubMed: the record, that there is none, or that we
    could not tell.
    """

    status: PubmedStatus
    record: PubmedRecord | None = None
    reason: str | None = None


class PubmedLookup(Protocol):
    """Where PubMed records come from: E-utilities, a local XML file, the cache."""

    def by_doi(self, dois: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Records for normalised DOIs (keys as given, normalised)."""
        ...

    def by_pmid(self, pmids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Records for PMIDs."""
        ...

    def by_pmcid(self, pmcids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Records for PMCIDs ("PMC1234567")."""
        ...


def normalise_pmcid(value: str) -> str | None:
    """``"PMC1234567"`` from ``"pmc1234567"`` or ``"1234567"``; None if it is not one."""
    match = _PMCID.match(value.strip())
    return f"PMC{match.group(1)}" if match else None


def normalise_pmid(value: str) -> str | None:
    """A PMID as digits without leading zeros; None if it is not one."""
    value = value.strip()
    return str(int(value)) if _PMID.match(value) and int(value) > 0 else None


# --------------------------------------------------------------------------- XML


class PubmedXMLError(ValueError):
    """A body that is not a PubMed article set."""


def _text(element: Any) -> str:
    """All the text inside an element (inline <i>, <sup>, MathML included), spaces collapsed."""
    if element is None:
        return ""
    return " ".join("".join(element.itertext()).split())


def _first_text(parent: Any, path: str) -> str | None:
    found = parent.find(path)
    text = _text(found) if found is not None else ""
    return text or None


def _title(article: Any) -> str | None:
    title = _first_text(article, "ArticleTitle") or _first_text(article, "VernacularTitle")
    if not title:
        return None
    if (title.startswith("[") and title.endswith("].")) or (
        title.startswith("[") and title.endswith("]")
    ):
        title = title.rstrip(".")[1:-1]  # a translated title: "[Title in English]."
    if title.endswith(".") and not title.endswith(".."):
        title = title[:-1]
    return title.strip() or None


def _authors(article: Any) -> tuple[Author, ...]:
    authors = []
    for author in article.iterfind("AuthorList/Author"):
        if author.get("ValidYN", "Y") == "N":
            continue
        family = _first_text(author, "LastName")
        if family:
            given = _first_text(author, "ForeName") or _first_text(author, "Initials") or ""
            authors.append(Author(family=family, given=given))
            continue
        collective = _first_text(author, "CollectiveName")
        if collective:
            authors.append(Author(family=collective))
    return tuple(authors)


def _year(text: str | None) -> int | None:
    match = _YEAR.search(text or "")
    return int(match.group(1)) if match else None


def _pages(article: Any) -> str | None:
    start = _first_text(article, "Pagination/StartPage")
    end = _first_text(article, "Pagination/EndPage")
    if start:
        return f"{start}-{end}" if end and end != start else start
    return _first_text(article, "Pagination/MedlinePgn")


def record_from_article(element: Any) -> PubmedRecord | None:
    """A :class:`PubmedRecord` from one ``PubmedArticle`` element (None without a PMID)."""
    citation = element.find("MedlineCitation")
    if citation is None:
        return None
    pmid = _first_text(citation, "PMID")
    if not pmid:
        return None
    article = citation.find("Article")
    if article is None:
        article = etree.Element("Article")
    ids = {
        (node.get("IdType") or "").lower(): _text(node)
        for node in element.iterfind("PubmedData/ArticleIdList/ArticleId")
    }
    doi = ids.get("doi")
    if not doi:
        for location in article.iterfind("ELocationID"):
            if (location.get("EIdType") or "").lower() == "doi" and _text(location):
                doi = _text(location)
                break
    journal = article.find("Journal")
    issue = journal.find("JournalIssue") if journal is not None else None
    pub_date = issue.find("PubDate") if issue is not None else None
    year = None
    if pub_date is not None:
        year = _year(_first_text(pub_date, "Year") or _first_text(pub_date, "MedlineDate"))
    issns: list[str] = []
    for node in [
        *(journal.iterfind("ISSN") if journal is not None else []),
        *citation.iterfind("MedlineJournalInfo/ISSNLinking"),
    ]:
        value = _text(node).upper()
        if value and value not in issns:
            issns.append(value)
    abbreviation = (
        _first_text(journal, "ISOAbbreviation") if journal is not None else None
    ) or _first_text(citation, "MedlineJournalInfo/MedlineTA")
    return PubmedRecord(
        pmid=pmid,
        pmcid=normalise_pmcid(ids["pmc"]) if ids.get("pmc") else None,
        doi=normalise_doi(doi) if doi else None,
        title=_title(article),
        authors=_authors(article),
        journal=_first_text(journal, "Title") if journal is not None else None,
        journal_abbreviation=abbreviation,
        issns=tuple(issns),
        year=year,
        year_online=_year(_first_text(article, "ArticleDate/Year")),
        volume=_first_text(issue, "Volume") if issue is not None else None,
        issue=_first_text(issue, "Issue") if issue is not None else None,
        pages=_pages(article),
        publication_types=tuple(
            t
            for t in (_text(n) for n in article.iterfind("PublicationTypeList/PublicationType"))
            if t
        ),
        mesh_headings=tuple(
            h
            for h in (
                _text(n) for n in citation.iterfind("MeshHeadingList/MeshHeading/DescriptorName")
            )
            if h
        ),
        raw=etree.tostring(element, encoding="unicode"),
    )


def parse_articles(data: bytes | str) -> list[PubmedRecord]:
    """Every ``PubmedArticle`` in an efetch body (a ``PubmedArticleSet``, or one article).

    Raises :class:`PubmedXMLError` for a body that is not XML or not an article set.
    """
    if isinstance(data, str):
        data = data.encode("utf-8")
    try:
        root = etree.fromstring(data, safe_parser())
    except etree.XMLSyntaxError as error:
        raise PubmedXMLError(f"not XML: {error}") from error
    if root.tag == "PubmedArticle":
        articles = [root]
    elif root.tag == "PubmedArticleSet":
        articles = list(root.iterfind("PubmedArticle"))
    else:
        raise PubmedXMLError(f"not a PubmedArticleSet: <{root.tag}>")
    return [r for r in (record_from_article(a) for a in articles) if r is not None]


def record_from_xml(text: str) -> PubmedRecord | None:
    """One record back from its stored XML (the cache), or None when it cannot be read."""
    try:
        records = parse_articles(text)
    except PubmedXMLError:
        return None
    return records[0] if records else None


def work_from_pubmed(record: PubmedRecord) -> Work:
    """A :class:`Work` made from a PubMed record alone (a work with no DOI, or none found)."""
    return Work(
        doi=record.doi or "",
        type="journal-article",
        title=record.title,
        authors=record.authors,
        journal=record.journal,
        short_journals=(record.journal_abbreviation,) if record.journal_abbreviation else (),
        issns=record.issns,
        year=record.year or record.year_online,
        year_print=record.year,
        year_online=record.year_online,
        volume=record.volume,
        issue=record.issue,
        pages=record.pages,
        pubmed=record,
    )


def pick(records: Iterable[PubmedRecord]) -> PubmedRecord | None:
    """Of several records sharing a DOI, the article rather than an erratum or notice."""
    notices = ("Published Erratum", "Retraction of Publication", "Expression of Concern")
    ordered = sorted(records, key=lambda r: any(t in notices for t in r.publication_types))
    return ordered[0] if ordered else None


# --------------------------------------------------------------------------- HTTP


@dataclass(frozen=True)
class _Reply:
    status: int | None
    body: bytes = b""
    reason: str | None = None


def _chunks(items: Sequence[str], size: int) -> Iterable[list[str]]:
    for start in range(0, len(items), size):
        yield list(items[start : start + size])


class PubmedSource:
    """Records from the live E-utilities (``esearch.fcgi`` and ``efetch.fcgi``)."""

    def __init__(
        self,
        base_url: str = DEFAULT_URL,
        mailto: str | None = None,
        api_key: str | None = None,
        *,
        timeout: tuple[float, float] = (5, 30),
        max_retries: int = 3,
        limiter: Pacer | None = None,
    ) -> None:
        self.base_url = base_url.rstrip("/")
        self.mailto = mailto
        self.api_key = api_key
        self.timeout = timeout
        self.limiter = limiter or Pacer(WITH_KEY if api_key else NO_KEY, max_retries=max_retries)
        self._local = threading.local()

    def _session(self) -> requests.Session:
        # requests is imported by the live source only: a check against local PubMed
        # records, or with --no-pubmed, never loads it (a tenth of a second at each start).
        import requests

        session: requests.Session | None = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.headers["User-Agent"] = f"citecheck/{__version__}"
            self._local.session = session
        return session

    def _params(self, extra: Mapping[str, str]) -> dict[str, str]:
        params = {"db": "pubmed", **extra, "tool": TOOL}
        if self.mailto:
            params["email"] = self.mailto
        if self.api_key:
            params["api_key"] = self.api_key
        return params

    def _request(self, endpoint: str, params: Mapping[str, str], *, post: bool) -> _Reply:
        """One E-utilities call with the shared pacing, retries and 429 pause."""
        url = f"{self.base_url}/{endpoint}"
        attempt = 0
        while True:
            reply, retry_after = self._send(url, params, post=post)
            retriable = reply.status is None or reply.status == 429 or reply.status >= 500
            if not retriable:
                return reply
            delay = retry_after if retry_after is not None else self.limiter.backoff(attempt)
            if reply.status == 429:
                self.limiter.pause(delay)
            if not self.limiter.allow_retry(attempt):
                return _Reply(None, reason=_failure(reply))
            if reply.status != 429:
                self.limiter.wait(delay)
            attempt += 1

    def _send(
        self, url: str, params: Mapping[str, str], *, post: bool
    ) -> tuple[_Reply, float | None]:
        import requests

        with self.limiter.slot("list"):
            try:
                if post:
                    response = self._session().post(url, data=params, timeout=self.timeout)
                else:
                    response = self._session().get(url, params=params, timeout=self.timeout)
            except requests.Timeout:
                log.info("pubmed %s: timeout", url)
                return _Reply(None, reason="timeout"), None
            except requests.ConnectionError:
                log.info("pubmed %s: connection failed", url)
                return _Reply(None, reason="connection failed"), None
            except requests.RequestException as error:
                log.info("pubmed %s: %s", url, type(error).__name__)
                return _Reply(None, reason=f"request failed: {type(error).__name__}"), None
        log.info("pubmed %s %s -> %s", "POST" if post else "GET", url, response.status_code)
        retry_after = (
            parse_retry_after(response.headers.get("Retry-After"))
            if response.status_code == 429
            else None
        )
        return _Reply(response.status_code, response.content), retry_after

    # -- the two calls --------------------------------------------------------------------

    def esearch(self, term: str, retmax: int) -> tuple[list[str] | None, str | None]:
        """PMIDs matching ``term`` (None and a reason when PubMed could not answer)."""
        params = self._params({"term": term, "retmode": "json", "retmax": str(retmax)})
        reply = self._request("esearch.fcgi", params, post=len(term) > LONG_TERM)
        if reply.status != 200:
            return None, _failure(reply)
        try:
            body = json.loads(reply.body)
            result = body["esearchresult"]
        except (ValueError, KeyError, TypeError):
            return None, "invalid response"
        if not isinstance(result, Mapping) or "ERROR" in result:
            return (
                None,
                f"esearch error: {result.get('ERROR') if isinstance(result, Mapping) else '?'}",
            )
        ids = result.get("idlist")
        if not isinstance(ids, list):
            return None, "invalid response"
        return [str(i) for i in ids if normalise_pmid(str(i))], None

    def efetch(self, pmids: Sequence[str]) -> tuple[list[PubmedRecord] | None, str | None]:
        """The records for up to 200 PMIDs (None and a reason when PubMed could not answer)."""
        params = self._params({"id": ",".join(pmids), "retmode": "xml"})
        reply = self._request("efetch.fcgi", params, post=len(pmids) > LONG_LIST)
        if reply.status != 200:
            return None, _failure(reply)
        try:
            return parse_articles(reply.body), None
        except PubmedXMLError:
            return None, "invalid response"

    def _fetch_all(self, pmids: Sequence[str]) -> tuple[list[PubmedRecord], dict[str, str]]:
        """Records for many PMIDs, 200 a call; and the reason for each PMID that failed."""
        records: list[PubmedRecord] = []
        failed: dict[str, str] = {}
        for chunk in _chunks(list(dict.fromkeys(pmids)), FETCH_BATCH):
            found, reason = self.efetch(chunk)
            if found is None:
                failed.update({p: reason or "unverified" for p in chunk})
            else:
                records.extend(found)
        return records, failed

    # -- PubmedLookup ---------------------------------------------------------------------

    def by_pmid(self, pmids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Efetch alone; a PMID PubMed does not return is not found."""
        wanted = [p for p in dict.fromkeys(normalise_pmid(p) for p in pmids) if p]
        records, failed = self._fetch_all(wanted)
        by_pmid = {r.pmid: r for r in records}
        result: dict[str, PubmedFetch] = {}
        for pmid in wanted:
            if pmid in failed:
                result[pmid] = PubmedFetch("unverified", reason=failed[pmid])
            elif pmid in by_pmid:
                result[pmid] = PubmedFetch("ok", by_pmid[pmid])
            else:
                result[pmid] = PubmedFetch("not_found")
        return result

    def by_doi(self, dois: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Esearch (100 DOIs a term), efetch (200 PMIDs a call), tied back by ArticleIdList."""
        wanted = list(dict.fromkeys(normalise_doi(d) for d in dois if d and d.strip()))
        return self._search_and_fetch(wanted, _doi_term, lambda r: r.doi)

    def by_pmcid(self, pmcids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Esearch on ``PMCnnn[pmcid]``, then efetch."""
        wanted = [p for p in dict.fromkeys(normalise_pmcid(p) for p in pmcids) if p]
        return self._search_and_fetch(wanted, lambda p: f"{p}[pmcid]", lambda r: r.pmcid)

    def _search_and_fetch(
        self,
        wanted: Sequence[str],
        term_of: Any,
        key_of: Any,
    ) -> dict[str, PubmedFetch]:
        result: dict[str, PubmedFetch] = {}
        for chunk in _chunks(list(wanted), SEARCH_BATCH):
            term = " OR ".join(term_of(value) for value in chunk)
            pmids, reason = self.esearch(term, retmax=min(10000, 3 * len(chunk)))
            if pmids is None:
                result.update({v: PubmedFetch("unverified", reason=reason) for v in chunk})
                continue
            records, failed = self._fetch_all(pmids)
            matching: dict[str, list[PubmedRecord]] = {}
            for record in records:
                key = key_of(record)
                if key:
                    matching.setdefault(key.lower(), []).append(record)
            for value in chunk:
                chosen = pick(matching.get(value.lower(), []))
                if chosen is not None:
                    result[value] = PubmedFetch("ok", chosen)
                elif failed:
                    result[value] = PubmedFetch("unverified", reason=next(iter(failed.values())))
                else:
                    result[value] = PubmedFetch("not_found")
        return result


def _doi_term(doi: str) -> str:
    """One DOI as an esearch clause, quoted so its parentheses and colons stay literal."""
    return '"' + doi.replace('"', "") + '"[doi]'


def _failure(reply: _Reply) -> str:
    if reply.reason:
        return reply.reason
    if reply.status == 429:
        return "rate limited (HTTP 429)"
    return f"http {reply.status}"


# --------------------------------------------------------------------------- local records


class PubmedRecordsSource:
    """PubMed records from local efetch XML files (``--pubmed-records``): no network.

    A local file is never all of PubMed: a PMID or PMCID it lacks is unverified, not
    "not found". A DOI it lacks only means there is nothing to add to the Crossref record.
    """

    def __init__(self, paths: str | Path | Sequence[str | Path]) -> None:
        items = [paths] if isinstance(paths, str | Path) else list(paths)
        self.records: list[PubmedRecord] = []
        for item in items:
            path = Path(item)
            files = sorted(path.glob("*.xml")) if path.is_dir() else [path]
            for file in files:
                self.records.extend(parse_articles(file.read_bytes()))
        self._by_pmid = {r.pmid: r for r in self.records}
        self._by_pmcid = {r.pmcid: r for r in self.records if r.pmcid}
        grouped: dict[str, list[PubmedRecord]] = {}
        for record in self.records:
            if record.doi:
                grouped.setdefault(record.doi, []).append(record)
        self._by_doi = {doi: pick(group) for doi, group in grouped.items()}

    def by_doi(self, dois: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Dict look-ups; a DOI not held here is not found (there is nothing to add)."""
        result: dict[str, PubmedFetch] = {}
        for doi in dois:
            key = normalise_doi(doi)
            record = self._by_doi.get(key)
            result[key] = PubmedFetch("ok", record) if record else PubmedFetch("not_found")
        return result

    def by_pmid(self, pmids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Dict look-ups; a PMID not held here is unverified."""
        return _lookup(pmids, normalise_pmid, self._by_pmid)

    def by_pmcid(self, pmcids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Dict look-ups; a PMCID not held here is unverified."""
        return _lookup(pmcids, normalise_pmcid, self._by_pmcid)


def _lookup(
    values: Sequence[str], normalise: Any, table: Mapping[str, PubmedRecord]
) -> dict[str, PubmedFetch]:
    result: dict[str, PubmedFetch] = {}
    for value in values:
        key = normalise(value)
        if not key:
            continue
        record = table.get(key)
        result[key] = (
            PubmedFetch("ok", record)
            if record
            else PubmedFetch("unverified", reason=NOT_IN_RECORDS)
        )
    return result


class NoPubmed:
    """For ``--offline`` runs without a cache: nothing can be asked."""

    def __init__(self, reason: str = "offline") -> None:
        self.reason = reason

    def by_doi(self, dois: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Every DOI unverified."""
        return {normalise_doi(d): PubmedFetch("unverified", reason=self.reason) for d in dois}

    def by_pmid(self, pmids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Every PMID unverified."""
        return {p: PubmedFetch("unverified", reason=self.reason) for p in pmids}

    def by_pmcid(self, pmcids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Every PMCID unverified."""
        return {p: PubmedFetch("unverified", reason=self.reason) for p in pmcids}


# --------------------------------------------------------------------------- cache


class CachedPubmed:
    """A :class:`PubmedLookup` that answers from the SQLite cache first (same rules as
    Crossref's: TTLs, ``--refresh``, ``--max-age``, ``--offline``); only answers are stored.

    Entries: ``pubmed`` / PMID -> the article's XML (or not found); ``pubmed-id`` /
    ``doi:<doi>`` or ``pmc:<PMCID>`` -> the PMID it leads to (or not found).
    """

    def __init__(
        self,
        inner: PubmedLookup,
        cache: Any,
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
        """Close the cache (shared with Crossref's: closing twice is harmless)."""
        if self.cache is not None:
            self.cache.close()

    def _get(self, kind: str, key: str) -> Any:
        if self.cache is None or self.refresh:
            return None
        return self.cache.get(kind, key, self.max_age)

    def _put(self, kind: str, key: str, status: str, body: str | None) -> None:
        if self.cache is not None:
            self.cache.put(kind, key, status, body)

    def _article(self, pmid: str) -> PubmedFetch | None:
        entry = self._get("pubmed", pmid)
        if entry is None:
            return None
        if entry.status == "not_found":
            return PubmedFetch("not_found")
        record = record_from_xml(entry.body or "")
        return PubmedFetch("ok", record) if record else None

    def _remember(self, fetch: PubmedFetch) -> None:
        if fetch.status == "ok" and fetch.record is not None and fetch.record.raw:
            self._put("pubmed", fetch.record.pmid, "ok", fetch.record.raw)

    def by_pmid(self, pmids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Cached articles cost no request."""
        result: dict[str, PubmedFetch] = {}
        missing: list[str] = []
        for pmid in dict.fromkeys(p for p in (normalise_pmid(p) for p in pmids) if p):
            fetch = self._article(pmid)
            if fetch is None:
                missing.append(pmid)
            else:
                result[pmid] = fetch
        if not missing:
            return result
        if self.offline:
            result.update({p: PubmedFetch("unverified", reason="offline") for p in missing})
            return result
        fetched = self.inner.by_pmid(missing)
        for pmid in missing:
            fetch = fetched.get(pmid) or PubmedFetch("unverified", reason="no answer")
            self._remember(fetch)
            if fetch.status == "not_found":
                self._put("pubmed", pmid, "not_found", None)
            result[pmid] = fetch
        return result

    def by_doi(self, dois: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Cached DOI -> PMID mappings and articles cost no request."""
        keys = [normalise_doi(d) for d in dois if d and d.strip()]
        return self._by_id(keys, "doi", self.inner.by_doi)

    def by_pmcid(self, pmcids: Sequence[str]) -> Mapping[str, PubmedFetch]:
        """Cached PMCID -> PMID mappings and articles cost no request."""
        keys = [p for p in (normalise_pmcid(p) for p in pmcids) if p]
        return self._by_id(keys, "pmc", self.inner.by_pmcid)

    def _by_id(self, keys: Sequence[str], prefix: str, ask: Any) -> dict[str, PubmedFetch]:
        result: dict[str, PubmedFetch] = {}
        missing: list[str] = []
        for key in dict.fromkeys(keys):
            entry = self._get("pubmed-id", f"{prefix}:{key}")
            fetch: PubmedFetch | None = None
            if entry is not None and entry.status == "not_found":
                fetch = PubmedFetch("not_found")
            elif entry is not None and entry.body:
                fetch = self._article(entry.body)
                if fetch is not None and fetch.status != "ok":
                    fetch = None
            if fetch is None:
                missing.append(key)
            else:
                result[key] = fetch
        if not missing:
            return result
        if self.offline:
            result.update({k: PubmedFetch("unverified", reason="offline") for k in missing})
            return result
        fetched: Mapping[str, PubmedFetch] = ask(missing)
        for key in missing:
            fetch = fetched.get(key) or PubmedFetch("unverified", reason="no answer")
            if fetch.status == "ok" and fetch.record is not None:
                self._remember(fetch)
                self._put("pubmed-id", f"{prefix}:{key}", "ok", fetch.record.pmid)
            elif fetch.status == "not_found":
                self._put("pubmed-id", f"{prefix}:{key}", "not_found", None)
            result[key] = fetch
        return result

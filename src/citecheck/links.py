"""Scholarly links: which URLs identify a published work, and by what identifier.

``identify(url)`` is the one place that knows URL shapes: doi.org and dx.doi.org (any
form, percent-encoded or not, ``doi:`` URIs), publisher pages that carry a DOI in their
path (``/doi/10...``, ``/doi/full/10...``, ``/articles/10...``), PubMed, PMC and Europe
PMC pages, Elsevier PII pages (``/pii/S...``) and arXiv abstracts. Every reader and
every stage that meets a URL asks it, so a link means the same thing everywhere.
"""

from __future__ import annotations

import re
from enum import StrEnum
from typing import NamedTuple
from urllib.parse import SplitResult, unquote, urlsplit

from citecheck.text import lazy_pattern


class IdKind(StrEnum):
    """What kind of identifier a scholarly link carries."""

    DOI = "doi"
    PMID = "pmid"
    PMCID = "pmcid"
    PII = "pii"  # Elsevier's Publisher Item Identifier (Crossref: alternative-id)
    ARXIV = "arxiv"


class ScholarlyId(NamedTuple):
    """An identifier read from a URL; ``value`` is normalised (DOI lower-case, PMC upper)."""

    kind: IdKind
    value: str
    url: str  # the link as a reader should show it (``https://doi.org/...`` for DOIs)


_TRAILING = ".,;:]}>'\"’”"
_DOI_IN = re.compile(r"(10\.\d{4,9}/[^\s?#\"<>]+)", re.IGNORECASE)
_BARE_DOI = re.compile(r"^(?:doi\s*:?\s*)?(10\.\d{4,9}/\S+)$", re.IGNORECASE)
_DOI_HOSTS = frozenset(("doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net"))
_PUBLISHER_DOI_PATH = re.compile(
    r"/(?:doi|articles?|article/(?:abs|full|pdf)|content|chapter|book|full|abs)/"
    r"(?:(?:abs|full|pdf|epdf|reader|epub|ftr|figure)/)?(10\.\d{4,9}/.+)$",
    re.IGNORECASE,
)
_DOI_QUERY = re.compile(r"(?:^|&)(?:id|doi|DOI)=(?:doi:)?(10\.\d{4,9}/[^&]+)", re.IGNORECASE)
_PUBMED = re.compile(
    r"^(?:pubmed\.ncbi\.nlm\.nih\.gov/|(?:www\.)?ncbi\.nlm\.nih\.gov/(?:pubmed|pmc/articles/pmid)/|"
    r"europepmc\.org/(?:abstract|article)/med/)(\d{1,9})(?:/|$)",
    re.IGNORECASE,
)
_PUBMED_TERM = lazy_pattern(r"(?:^|&)term=(\d{1,9})(?:\[(?:pmid|uid)\])?(?:&|$)", re.IGNORECASE)
_PUBMED_HOSTS = frozenset(("pubmed.ncbi.nlm.nih.gov", "www.ncbi.nlm.nih.gov", "ncbi.nlm.nih.gov"))
_PMC = re.compile(
    r"^(?:(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/(?:articles/)?|pmc\.ncbi\.nlm\.nih\.gov/articles/|"
    r"europepmc\.org/(?:abstract|article)/pmc/|europepmc\.org/articles/)(?:pmc)?(\d{1,9})(?:/|$)",
    re.IGNORECASE,
)
# Elsevier's PII in a path: /pii/S0140673620301835, /PIIS0140-6736(20)30183-5/fulltext,
# /fulltext/S0092-8674(20)30001-1 (Lancet, Cell Press).
_PII = re.compile(
    r"/(?:pii/|PII|fulltext/|abstract/)(S?[0-9X]{4}-?[0-9X]{3,4}\(?\d{2}\)?[0-9X-]{5,12})(?:/|$)",
    re.IGNORECASE,
)
_ARXIV_ID = r"(?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
_ARXIV = re.compile(
    rf"^(?:www\.|export\.)?arxiv\.org/(?:abs|pdf|html)/({_ARXIV_ID}(?:v\d+)?)(?:\.pdf)?(?:/|$)",
    re.IGNORECASE,
)
_ARXIV_URI = re.compile(rf"^arxiv:\s*({_ARXIV_ID})(?:v\d+)?$", re.IGNORECASE)
_ARXIV_DOI = "10.48550/arxiv."
# bioRxiv and medRxiv put the version after the DOI: /content/10.1101/2020.01.01.123456v2
_PREPRINT_VERSION = lazy_pattern(r"^(10\.1101/(?:\d{4}\.\d{2}\.\d{2}\.)?\d{6,})v\d+$")


def identify(url: str) -> ScholarlyId | None:
    """The scholarly identifier a URL (or a bare DOI, ``doi:`` or ``arXiv:`` id) carries.

    None for any other page.
    """
    raw = url.strip().strip("<>")
    if not raw:
        return None
    text = unquote(unquote(raw)) if "%25" in raw else unquote(raw)
    bare = _BARE_DOI.match(text)
    if bare:
        return _doi(bare.group(1))
    arxiv_uri = _ARXIV_URI.match(text)
    if arxiv_uri:
        return _arxiv(arxiv_uri.group(1), raw)
    lower = text.lower()
    if lower.startswith("//"):
        text = "https:" + text
    elif not lower.startswith(("http://", "https://")) and re.match(r"^[\w-]+(?:\.[\w-]+)+/", text):
        text = "https://" + text  # "doi.org/10...", "www.ncbi.nlm.nih.gov/pmc/..."
    parts = _split(text)
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return None
    return _from_url(parts, raw)


def _from_url(parts: SplitResult, raw: str) -> ScholarlyId | None:
    """The identifier in an http(s) URL's host, path or query; ``raw`` is the URL as written."""
    host = (parts.hostname or "").lower()
    path = parts.path
    if host in _DOI_HOSTS:
        return _doi(re.sub(r"^/+(?:doi:)?", "", path, flags=re.IGNORECASE))
    where = host + path
    for pattern, kind in ((_PUBMED, IdKind.PMID), (_PMC, IdKind.PMCID)):
        match = pattern.match(where)
        if match:
            value = match.group(1) if kind is IdKind.PMID else "PMC" + match.group(1)
            return ScholarlyId(kind, value, raw)
    if host in _PUBMED_HOSTS and path.rstrip("/") in ("", "/pubmed"):
        term = _PUBMED_TERM().search(parts.query)
        if term:
            return ScholarlyId(IdKind.PMID, term.group(1), raw)
    publisher = _PUBLISHER_DOI_PATH.search(path)
    if publisher:
        found = _doi(publisher.group(1), url=raw)
        if found:
            return found
    query = _DOI_QUERY.search(parts.query)
    if query:
        found = _doi(query.group(1), url=raw)
        if found:
            return found
    pii = _PII.search(path)
    if pii:
        return ScholarlyId(IdKind.PII, re.sub(r"[()-]", "", pii.group(1)).upper(), raw)
    arxiv = _ARXIV.match(where)
    if arxiv:
        return _arxiv(arxiv.group(1), raw)
    return None


# Journal and publisher sites: a link to one of their pages is to a published work even
# when its address carries no identifier (jamanetwork.com/journals/.../fullarticle/1860851).
_JOURNAL_HOSTS = (
    "jamanetwork.com", "nejm.org", "thelancet.com", "bmj.com", "academic.oup.com",
    "sciencedirect.com", "cell.com", "nature.com", "science.org", "springer.com",
    "link.springer.com", "wiley.com", "tandfonline.com", "sagepub.com", "karger.com",
    "frontiersin.org", "mdpi.com", "plos.org", "biomedcentral.com", "cambridge.org",
    "ahajournals.org", "psychiatryonline.org", "psychiatrist.com", "jneurosci.org",
    "pnas.org", "elifesciences.org", "annals.org", "acpjournals.org", "journals.lww.com",
    "europepmc.org", "ncbi.nlm.nih.gov", "cochranelibrary.com", "jci.org", "jstor.org",
    "biorxiv.org", "medrxiv.org", "arxiv.org", "researchsquare.com", "ssrn.com",
    "hindawi.com", "degruyter.com", "iop.org", "aps.org", "acs.org", "rsc.org", "ieee.org",
    "acm.org", "apa.org", "ajp.psychiatryonline.org", "journals.physiology.org",
    "jamanetworkopen.com", "medscape.com", "liebertpub.com", "thieme-connect.com",
)  # fmt: skip


def _split(text: str) -> SplitResult | None:
    """The parts of a URL, or None for one urllib refuses ("http://[1": an unclosed IPv6 host)."""
    try:
        return urlsplit(text)
    except ValueError:
        return None


def is_journal_page(url: str) -> bool:
    """True for a page on a journal or publisher site that :func:`identify` cannot name."""
    text = url.strip().strip("<>")
    if text.lower().startswith("www."):
        text = "https://" + text
    parts = _split(text)
    if parts is None or parts.scheme.lower() not in ("http", "https"):
        return False
    host = (parts.hostname or "").lower()
    if not parts.path.strip("/"):
        return False  # a journal's home page is not a cited work
    return any(host == h or host.endswith("." + h) for h in _JOURNAL_HOSTS)


def arxiv_doi(arxiv_id: str) -> str:
    """The DataCite DOI arXiv registers for a paper (``10.48550/arxiv.2101.00001``)."""
    return _ARXIV_DOI + arxiv_id.lower()


def _arxiv(candidate: str, url: str) -> ScholarlyId:
    return ScholarlyId(IdKind.ARXIV, re.sub(r"v\d+$", "", candidate), url)


def _doi(candidate: str, url: str | None = None) -> ScholarlyId | None:
    match = _DOI_IN.match(candidate.strip())
    if not match:
        return None
    doi = _trim(match.group(1))
    # A publisher path may go on past the DOI: /doi/full/10.1000/x/suppl_file/...
    if url is not None:
        for tail in ("/full", "/abstract", "/pdf", "/epdf", "/suppl_file", "/fulltext", "/meta"):
            cut = doi.lower().find(tail)
            if cut > 0:
                doi = doi[:cut]
        doi = re.sub(r"\.(?:full|pdf|abstract)(?:\.pdf)?$", "", doi, flags=re.IGNORECASE)
        preprint = _PREPRINT_VERSION().match(doi)
        if preprint:
            doi = preprint.group(1)
    doi = doi.lower()
    return ScholarlyId(IdKind.DOI, doi, url if url is not None else f"https://doi.org/{doi}")


def _trim(doi: str) -> str:
    """A DOI without the punctuation that follows it in prose; a ")" it opened is kept."""
    while doi and (doi[-1] in _TRAILING or (doi[-1] == ")" and doi.count(")") > doi.count("("))):
        doi = doi[:-1]
    return doi

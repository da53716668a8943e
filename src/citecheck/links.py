"""Scholarly links: which URLs identify a published work, and by what identifier.

``identify(url)`` is the one place that knows URL shapes: doi.org and dx.doi.org (any
form, percent-encoded or not, ``doi:`` URIs), publisher pages that carry a DOI in their
path (``/doi/10...``, ``/doi/full/10...``, ``/articles/10...``), PubMed, PMC and Europe
PMC pages, Elsevier PII pages (``/pii/S...``) and arXiv abstracts. Every reader and
every stage that meets a URL asks it, so a link means the same thing everywhere.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from urllib.parse import unquote, urlsplit


class IdKind(StrEnum):
    """What kind of identifier a scholarly link carries."""

    DOI = "doi"
    PMID = "pmid"
    PMCID = "pmcid"
    PII = "pii"  # Elsevier's Publisher Item Identifier (Crossref: alternative-id)
    ARXIV = "arxiv"


@dataclass(frozen=True)
class ScholarlyId:
    """An identifier read from a URL; ``value`` is normalised (DOI lower-case, PMC upper)."""

    kind: IdKind
    value: str
    url: str  # the link as a reader should show it (``https://doi.org/...`` for DOIs)


_TRAILING = ".,;:)]}>'\"’”"
_DOI_IN = re.compile(r"(10\.\d{4,9}/[^\s?#\"<>]+)", re.IGNORECASE)
_DOI_HOSTS = frozenset(("doi.org", "dx.doi.org", "www.doi.org", "hdl.handle.net"))
_PUBLISHER_DOI_PATH = re.compile(
    r"/(?:doi|articles?|article/(?:abs|full|pdf))/(?:(?:abs|full|pdf|epdf|reader|epub)/)?"
    r"(10\.\d{4,9}/.+)$",
    re.IGNORECASE,
)
_PUBMED = re.compile(
    r"^(?:pubmed\.ncbi\.nlm\.nih\.gov/|(?:www\.)?ncbi\.nlm\.nih\.gov/pubmed/|"
    r"europepmc\.org/(?:abstract|article)/med/)(\d{1,9})(?:/|$)",
    re.IGNORECASE,
)
_PMC = re.compile(
    r"^(?:(?:www\.)?ncbi\.nlm\.nih\.gov/pmc/articles/|pmc\.ncbi\.nlm\.nih\.gov/articles/|"
    r"europepmc\.org/(?:abstract|article)/pmc/|europepmc\.org/articles/)(?:pmc)?(\d{1,9})(?:/|$)",
    re.IGNORECASE,
)
_PII = re.compile(r"/pii/(S?[0-9X()-]{15,25})(?:/|$)", re.IGNORECASE)
_ARXIV = re.compile(
    r"^(?:www\.)?arxiv\.org/(?:abs|pdf)/((?:\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})"
    r"(?:v\d+)?)(?:\.pdf)?(?:/|$)",
    re.IGNORECASE,
)


def identify(url: str) -> ScholarlyId | None:
    """The scholarly identifier a URL carries, or None for any other page."""
    raw = url.strip().strip("<>")
    if not raw:
        return None
    text = unquote(raw)
    lower = text.lower()
    if lower.startswith("doi:"):
        return _doi(text[4:].strip())
    if lower.startswith("www."):
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme.lower() not in ("http", "https"):
        return None
    host = (parts.hostname or "").lower()
    path = parts.path
    if host in _DOI_HOSTS:
        return _doi(path.lstrip("/"))
    where = host + path
    for pattern, kind in ((_PUBMED, IdKind.PMID), (_PMC, IdKind.PMCID)):
        match = pattern.match(where)
        if match:
            value = match.group(1) if kind is IdKind.PMID else "PMC" + match.group(1)
            return ScholarlyId(kind, value, raw)
    publisher = _PUBLISHER_DOI_PATH.search(path)
    if publisher:
        found = _doi(publisher.group(1), url=raw)
        if found:
            return found
    pii = _PII.search(path)
    if pii:
        return ScholarlyId(IdKind.PII, re.sub(r"[()-]", "", pii.group(1)).upper(), raw)
    arxiv = _ARXIV.match(where)
    if arxiv:
        return ScholarlyId(IdKind.ARXIV, re.sub(r"v\d+$", "", arxiv.group(1)), raw)
    return None


def _doi(candidate: str, url: str | None = None) -> ScholarlyId | None:
    match = _DOI_IN.match(candidate.strip())
    if not match:
        return None
    doi = match.group(1).rstrip(_TRAILING)
    # A publisher path may go on past the DOI: /doi/full/10.1000/x/suppl_file/...
    for tail in ("/full", "/abstract", "/pdf", "/epdf", "/suppl_file"):
        cut = doi.lower().find(tail)
        if cut > 0 and url is not None:
            doi = doi[:cut]
    doi = doi.lower()
    return ScholarlyId(IdKind.DOI, doi, url if url is not None else f"https://doi.org/{doi}")

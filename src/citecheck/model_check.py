"""The data types only ``citecheck check`` makes: the records the resolvers find, how
each reference resolved, the findings and the run's report.

:mod:`citecheck.model` gives them (``from citecheck.model import Work``) and imports this
module when one is first asked for, so ``citecheck parse`` never builds their
dataclasses (generating a frozen dataclass's methods compiles source: together, about
a twentieth of the command's start-up).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from citecheck.model import Author, InputError, ParsedDocument, Severity, Status

# --------------------------------------------------------------------------- records


@dataclass(frozen=True)
class Update:
    """A Crossref update relation: a retraction, correction, expression of concern..."""

    type: str  # "retraction", "correction", "expression_of_concern", ...
    doi: str
    source: str | None = None  # "publisher", "retraction-watch"
    year: int | None = None


@dataclass(frozen=True)
class PubmedRecord:
    """What PubMed says of a work: its indexing (publication types, MeSH) and its citation.

    ``raw`` is the ``PubmedArticle`` element as XML text (what the cache stores).
    """

    pmid: str
    pmcid: str | None = None  # "PMC1234567"
    doi: str | None = None  # lower-case, from PubmedData/ArticleIdList
    title: str | None = None  # ArticleTitle, final full stop removed
    authors: tuple[Author, ...] = ()
    journal: str | None = None  # Journal/Title ("The American journal of psychiatry")
    journal_abbreviation: str | None = None  # ISOAbbreviation / MedlineTA
    issns: tuple[str, ...] = ()
    year: int | None = None  # of the issue (PubDate)
    year_online: int | None = None  # ArticleDate
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None
    publication_types: tuple[str, ...] = ()  # as PubMed names them
    mesh_headings: tuple[str, ...] = ()  # descriptor names, check tags included
    raw: str = field(default="", compare=False, hash=False, repr=False)


@dataclass(frozen=True)
class Work:
    """A published work as a Crossref record describes it (normalised)."""

    doi: str  # lower-case
    type: str | None = None  # Crossref type: "journal-article", "posted-content", ...
    subtype: str | None = None
    title: str | None = None  # markup stripped
    subtitle: str | None = None
    authors: tuple[Author, ...] = ()  # organisations as Author(family=name)
    journal: str | None = None  # container-title[0]
    short_journals: tuple[str, ...] = ()  # short-container-title
    issns: tuple[str, ...] = ()
    year: int | None = None  # issued
    year_print: int | None = None
    year_online: int | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "page", else "article-number"
    article_number: str | None = None
    publisher: str | None = None
    abstract: str | None = None  # tags stripped
    updated_by: tuple[Update, ...] = ()
    update_to: tuple[Update, ...] = ()
    raw: Mapping[str, Any] = field(default_factory=dict, compare=False, hash=False, repr=False)
    # What PubMed adds (publication types, MeSH); None when PubMed was not asked or has
    # no record. Not part of equality: the same work with or without its PubMed record.
    pubmed: PubmedRecord | None = field(default=None, compare=False, hash=False)

    @property
    def years(self) -> frozenset[int]:
        """Every year the record gives for this work (issued, print, online)."""
        return frozenset(y for y in (self.year, self.year_print, self.year_online) if y)

    @property
    def full_title(self) -> str | None:
        """Title and subtitle together, as most reference lists print them."""
        if self.title and self.subtitle:
            return f"{self.title}: {self.subtitle}"
        return self.title


@dataclass(frozen=True)
class Candidate:
    """A record considered for a reference, with the per-field evidence behind its score."""

    work: Work
    confidence: float  # 0..1, from field-by-field validation; not Crossref's raw score
    evidence: Mapping[str, float] = field(default_factory=dict)  # field -> similarity 0..1
    score: float | None = None  # Crossref's raw relevance score, kept for the record


@dataclass(frozen=True)
class Resolution:
    """What the resolver established about one reference."""

    status: Status
    work: Work | None = None  # the matched record
    confidence: float = 0.0
    via: str = ""  # "doi", "doi-batch", "search", "records", "content-negotiation", "cache"
    candidates: tuple[Candidate, ...] = ()
    reason: str | None = None  # for unverified / not_found: "timeout", "offline", "http 503"...
    doi_work: Work | None = None  # the record the entry's own DOI points to, when it differs
    doi_status: str | None = None  # "ok", "not_found", "mismatch", "other-agency", None
    pubmed: str | None = None  # "found", "not_found", "unverified"; None: PubMed not asked
    pubmed_reason: str | None = None  # why PubMed could not be asked ("timeout", "http 503")


# --------------------------------------------------------------------------- findings


@dataclass(frozen=True)
class Finding:
    """One disagreement between the prose, the reference entry and the record."""

    code: str  # stable: "claim-year", "ref-volume", "not-found", ...
    severity: Severity
    message: str  # one sentence an editor understands
    path: str = ""
    label: str | None = None  # reference label
    line: int | None = None
    field: str | None = None
    stated: str | None = None  # what the article says
    actual: str | None = None  # what the record says
    suggestion: str | None = None  # the corrected reference, in the article's style


@dataclass(frozen=True)
class DocumentReport:
    """Everything citecheck established about one article."""

    parsed: ParsedDocument
    resolutions: Mapping[str, Resolution]  # reference label -> resolution
    findings: tuple[Finding, ...]

    @property
    def path(self) -> str:
        """The article's path as the user gave it."""
        return self.parsed.path


@dataclass(frozen=True)
class Report:
    """The result of a whole run."""

    documents: Sequence[DocumentReport]  # a tuple, or read lazily from a results file
    errors: tuple[InputError, ...] = ()

    def findings(self) -> list[Finding]:
        """Every finding of every document, in document order."""
        return [f for d in self.documents for f in d.findings]

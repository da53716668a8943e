"""Every data type that crosses a pipeline seam. Plain frozen dataclasses; no I/O here.

The pipeline is::

    read -> find references & citations -> extract claims -> resolve -> compare -> report

Readers produce a :class:`Document`; the reference and citation stages produce
:class:`Reference` and :class:`Citation`; claims produce :class:`Claim`; resolvers
produce :class:`Resolution` (holding :class:`Work` records); the comparator produces
:class:`Finding`; reports render a :class:`Report`.
"""

from __future__ import annotations

import bisect
from collections.abc import Mapping, Sequence
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import Any

# --------------------------------------------------------------------------- reading


@dataclass(frozen=True)
class Document:
    r"""An article reduced to plain text, every text line tied to a line of the original file.

    ``text`` is the extracted text, lines joined by ``"\n"``. ``line_numbers[i]`` is the
    1-based line number, in the original file, of text line ``i``.

    Conventions every reader follows so later stages see one shape of text:

    * superscript text (HTML ``<sup>``, DOCX superscript runs) is written as
      ``<sup>...</sup>``, the same form a Markdown or text author may type by hand;
    * a hyperlink keeps its target: ``link text <https://doi.org/10.1000/x>`` when the
      target is not already part of the link text;
    * boilerplate (scripts, styles, navigation, headers, footers) is dropped.
    """

    path: str
    text: str
    line_numbers: tuple[int, ...]
    format: str = "text"
    links: tuple[Link, ...] = ()  # hyperlinks in the text, in document order

    def line_at(self, offset: int) -> int:
        """Original-file line number of the character at ``offset`` in ``text``."""
        if not self.line_numbers:
            return 1
        index = self.text.count("\n", 0, max(0, min(offset, len(self.text))))
        index = min(index, len(self.line_numbers) - 1)
        return self.line_numbers[index]

    def lines(self) -> list[tuple[int, str]]:
        """The text as ``(original line number, line text)`` pairs."""
        return list(zip(self.line_numbers, self.text.split("\n"), strict=False))


@dataclass(frozen=True)
class Link:
    """A hyperlink in an article: what it says, where it points, where it stands.

    ``start``/``end`` are offsets in ``Document.text`` of the anchor text as written
    (of the URL itself for a bare URL); ``text`` is the anchor text ("" for a bare URL).
    """

    url: str
    text: str
    start: int
    end: int
    line: int


class LineIndex:
    """Fast offset -> line lookups over a document's text (bisect over line starts)."""

    def __init__(self, document: Document) -> None:
        starts = [0]
        text = document.text
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        self._starts = starts
        self._numbers = document.line_numbers
        self._last = len(self._numbers) - 1

    def line_at(self, offset: int) -> int:
        """Original-file line number of the character at ``offset``."""
        if self._last < 0:
            return 1
        index = bisect.bisect_right(self._starts, offset) - 1
        return self._numbers[max(0, min(index, self._last))]


# --------------------------------------------------------------------------- references


@dataclass(frozen=True)
class Author:
    """One author as written: family name and given names or initials (``"S. T."``, ``"ST"``)."""

    family: str
    given: str = ""


@dataclass(frozen=True)
class ReferenceFields:
    """What an entry in a reference list says about the cited work."""

    authors: tuple[Author, ...] = ()
    et_al: bool = False  # the list was cut short ("et al.", "...")
    year: int | None = None
    title: str | None = None
    journal: str | None = None
    volume: str | None = None
    issue: str | None = None
    pages: str | None = None  # "401-409", "e471-e477", or an article number "104717"
    doi: str | None = None  # normalised: lower-case, no resolver prefix, no trailing punctuation
    pmid: str | None = None
    url: str | None = None
    pmcid: str | None = None  # "PMC1234567"


class Style(StrEnum):
    """The citation style an entry was read as."""

    APA = "apa"
    AMA = "ama"
    VANCOUVER = "vancouver"
    HARVARD = "harvard"
    CHICAGO = "chicago"
    IEEE = "ieee"
    MLA = "mla"
    UNKNOWN = "unknown"


class ReferenceKind(StrEnum):
    """Where a reference came from."""

    ENTRY = "entry"  # an entry of a reference list (or a footnote definition)
    LINK = "link"  # a scholarly hyperlink in the prose (DOI, PubMed, PMC, publisher URL)
    WEB = "web"  # a link to a page with no scholarly identifier: never looked up


@dataclass(frozen=True)
class Reference:
    """One entry of an article's reference list."""

    label: str  # "1" for "[1]"/"1."/"1)"; unnumbered entries are labelled by position
    line: int  # original-file line where the entry starts
    text: str  # the entry as written (wrapped lines joined by a space), label removed
    style: Style = Style.UNKNOWN
    parsed: bool = False  # False: kept with whatever was found, never dropped
    fields: ReferenceFields = field(default_factory=ReferenceFields)
    study_type: StudyType | None = None  # read from the entry's title
    kind: ReferenceKind = ReferenceKind.ENTRY


@dataclass(frozen=True)
class ReferenceList:
    """An article's reference list: its entries and where it sits in ``Document.text``."""

    references: tuple[Reference, ...]
    start: int  # offset where the list (with its heading) begins; len(text) when there is none
    end: int  # offset just past the last entry (page leftovers after it are not references)


@dataclass(frozen=True)
class Citation:
    """An inline citation marker and the reference entries it points to."""

    line: int
    marker: str  # as written: "[1-3]", "(Smith, 2020)", "<sup>1,2</sup>", "¹²"
    start: int  # offsets of the marker in Document.text
    end: int
    references: tuple[str, ...]  # labels of the entries it links to; () when none matched
    targets: tuple[str, ...] = ()  # what the marker names: ("1","2","3") or ("Smith 2020",)
    url: str | None = None  # for a scholarly hyperlink: its target (the marker is "<url>")
    anchor_start: int | None = None  # for a link with anchor text: where that text starts


# --------------------------------------------------------------------------- claims


class StudyType(StrEnum):
    """One taxonomy of study designs, shared by claims, titles and Crossref records."""

    META_ANALYSIS = "meta_analysis"
    SYSTEMATIC_REVIEW = "systematic_review"
    NARRATIVE_REVIEW = "narrative_review"
    RANDOMIZED_CONTROLLED_TRIAL = "randomized_controlled_trial"
    NON_RANDOMIZED_TRIAL = "non_randomized_trial"
    COHORT = "cohort"
    CASE_CONTROL = "case_control"
    CROSS_SECTIONAL = "cross_sectional"
    CASE_REPORT = "case_report"
    CHART_REVIEW = "chart_review"
    QUALITATIVE = "qualitative"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"
    GUIDELINE = "guideline"
    PROTOCOL = "protocol"
    EDITORIAL = "editorial"
    STUDY = "study"
    # Claim-only umbrella terms ("a trial", "a review"): compatible with their members.
    TRIAL = "trial"
    REVIEW = "review"


class Population(StrEnum):
    """Who or what a study was done on."""

    HUMAN = "human"
    ANIMAL = "animal"
    IN_VITRO = "in_vitro"


@dataclass(frozen=True)
class Classification:
    """A study type assigned by the classifier, with how sure it is and why."""

    study_type: StudyType
    confidence: float  # 0..1
    cues: tuple[str, ...] = ()  # the words that decided it
    population: Population | None = None
    source: str = "title"  # what decided it: "title", "abstract", "type" or "pubmed"


@dataclass(frozen=True)
class Span:
    """Where in the claim's text a stated value came from (offsets into ``Claim.text``)."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Claim:
    """What the sentence (or list item) carrying a citation says about the cited work(s)."""

    line: int
    text: str  # the sentence or list item, citation markers included
    references: tuple[str, ...]  # labels it cites
    year: int | None = None
    journal: str | None = None
    study_type: StudyType | None = None
    study_type_phrase: str | None = None  # as stated: "systematic review and meta-analysis"
    population: Population | None = None
    authors: tuple[str, ...] = ()  # family names stated: ("Wilkinson",)
    spans: Mapping[str, Span] = field(default_factory=dict)  # field name -> span


@dataclass(frozen=True)
class ParsedDocument:
    """Everything read from one article without the network."""

    document: Document
    references: tuple[Reference, ...]
    citations: tuple[Citation, ...]
    claims: tuple[Claim, ...] = ()

    @property
    def path(self) -> str:
        """The article's path as the user gave it."""
        return self.document.path

    def uncited(self) -> tuple[Reference, ...]:
        """Entries no inline citation points to."""
        cited = {label for c in self.citations for label in c.references}
        return tuple(r for r in self.references if r.label not in cited)

    def dangling(self) -> tuple[Citation, ...]:
        """Inline citations that point to no entry (wholly or in part)."""
        labels = {r.label for r in self.references}
        return tuple(
            c
            for c in self.citations
            if not c.references or any(t not in labels for t in c.targets if t.isdigit())
        )


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


class Status(StrEnum):
    """The outcome of resolving one reference. ``unverified`` is never ``not_found``."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    UNVERIFIED = "unverified"


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


class Severity(StrEnum):
    """How bad a finding is; ``--fail-on`` compares against this order."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        """Higher is worse."""
        return {"error": 3, "warning": 2, "info": 1}[self.value]


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
class InputError:
    """An input that could not be read: one line naming the file and the cause."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


@dataclass(frozen=True)
class Report:
    """The result of a whole run."""

    documents: Sequence[DocumentReport]  # a tuple, or read lazily from a results file
    errors: tuple[InputError, ...] = ()

    def findings(self) -> list[Finding]:
        """Every finding of every document, in document order."""
        return [f for d in self.documents for f in d.findings]


# --------------------------------------------------------------------------- construction


class _Factory:
    """The default of a field whose value its factory makes (shown as dataclasses shows it)."""

    def __repr__(self) -> str:
        return "<factory>"


_NO_VALUE = _Factory()


def _direct_init(cls: type[Any]) -> None:
    """Give frozen dataclass ``cls`` an ``__init__`` that fills the instance's ``__dict__``
    at once, in place of the generated one's ``object.__setattr__`` call per field.

    The same signature, defaults and factories, the same attributes in the same order,
    and the instances stay frozen (``__setattr__`` still refuses); only several times
    cheaper, which counts for the thousands of references, citations and claims a long
    document makes.
    """
    namespace: dict[str, Any] = {"_NO_VALUE": _NO_VALUE}
    parameters, values = [], []
    for item in fields(cls):
        name = item.name
        if item.default is not MISSING:
            namespace[f"_default_{name}"] = item.default
            parameters.append(f"{name}=_default_{name}")
            values.append(f"{name!r}: {name}")
        elif item.default_factory is not MISSING:
            namespace[f"_factory_{name}"] = item.default_factory
            parameters.append(f"{name}=_NO_VALUE")
            values.append(f"{name!r}: _factory_{name}() if {name} is _NO_VALUE else {name}")
        else:
            parameters.append(name)
            values.append(f"{name!r}: {name}")
    source = (
        f"def __init__(self, {', '.join(parameters)}):\n"
        f"    self.__dict__.update({{{', '.join(values)}}})\n"
    )
    exec(source, namespace)  # noqa: S102 - our own source, built from the class's fields
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    generated = vars(cls)["__init__"]
    init.__doc__ = generated.__doc__
    init.__annotations__ = dict(generated.__annotations__)
    cls.__init__ = init


for _class in (Author, ReferenceFields, Reference, Citation, Classification, Span, Claim, Link):
    _direct_init(_class)

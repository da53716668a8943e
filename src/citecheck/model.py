"""Every data type that crosses a pipeline seam. Plain frozen dataclasses; no I/O here.

The pipeline is::

    read -> find references & citations -> extract claims -> resolve -> compare -> report

Readers produce a :class:`Document`; the reference and citation stages produce
:class:`Reference` and :class:`Citation`; claims produce :class:`Claim`; resolvers
produce :class:`Resolution` (holding :class:`Work` records); the comparator produces
:class:`Finding`; reports render a :class:`Report`. The checking stages' dataclasses
(records, resolutions, findings, the report) are defined in :mod:`citecheck.model_check`
and given from here, loaded when one is first asked for.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Mapping
from dataclasses import MISSING, dataclass, field, fields
from enum import StrEnum
from typing import TYPE_CHECKING, Any

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

    @functools.cached_property
    def line_starts(self) -> list[int]:
        """Where each text line starts in ``text``: found once for the document, not
        once for each stage that makes a :class:`LineIndex` of it (not a field: equality,
        ``replace`` and the results file never see it).
        """
        starts = [0]
        text = self.text
        pos = text.find("\n")
        while pos != -1:
            starts.append(pos + 1)
            pos = text.find("\n", pos + 1)
        return starts


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
        self._starts = document.line_starts
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
    notes: frozenset[str] = frozenset()  # footnotes in the list that cite nothing (asides)


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


# --------------------------------------------------------------------------- outcomes


class Status(StrEnum):
    """The outcome of resolving one reference. ``unverified`` is never ``not_found``."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    UNVERIFIED = "unverified"


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
class InputError:
    """An input that could not be read: one line naming the file and the cause."""

    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}: {self.message}"


# The checking stages' types live in citecheck.model_check, imported when one of them is
# first asked for here: ``citecheck parse`` never needs them, and their dataclasses cost
# a good part of every start.
_CHECKING_TYPES = frozenset(
    {"Update", "PubmedRecord", "Work", "Candidate", "Resolution", "Finding"}
    | {"DocumentReport", "Report"}
)

if TYPE_CHECKING:
    from citecheck.model_check import Candidate as Candidate
    from citecheck.model_check import DocumentReport as DocumentReport
    from citecheck.model_check import Finding as Finding
    from citecheck.model_check import PubmedRecord as PubmedRecord
    from citecheck.model_check import Report as Report
    from citecheck.model_check import Resolution as Resolution
    from citecheck.model_check import Update as Update
    from citecheck.model_check import Work as Work
else:

    def __getattr__(name: str) -> Any:
        """A checking stage's type, from citecheck.model_check (kept here once loaded)."""
        if name not in _CHECKING_TYPES:
            raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
        from citecheck import model_check

        globals().update({n: getattr(model_check, n) for n in _CHECKING_TYPES})
        return globals()[name]


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

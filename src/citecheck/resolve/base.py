"""The resolver seam: where references meet records, and where records come from.

Two protocols, stacked::

    Resolver (matching, validation)  ->  WorkSource (Crossref HTTP | local records | cache)

A ``WorkSource`` only fetches; it never decides whether a record matches an entry.
Every outcome is a value: a source never raises for a network problem, it returns
``Fetch(status="unverified", reason=...)``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

from citecheck.model import Reference, Resolution, Work

FetchStatus = Literal["ok", "not_found", "unverified"]


@dataclass(frozen=True)
class Fetch:
    """One DOI look-up: the record, or that there is none, or that we could not tell."""

    status: FetchStatus
    work: Work | None = None
    reason: str | None = None  # for unverified: "timeout", "http 503", "rate limited", "offline"


@dataclass(frozen=True)
class Hit:
    """One search result, with Crossref's raw relevance score (not a probability)."""

    work: Work
    score: float | None = None


@dataclass(frozen=True)
class Search:
    """A bibliographic search: ranked hits, or that we could not search."""

    status: Literal["ok", "unverified"]
    hits: tuple[Hit, ...] = ()
    reason: str | None = None


@dataclass(frozen=True)
class Agency:
    """Which registration agency holds a DOI ("crossref", "datacite", "medra"...)."""

    status: FetchStatus
    agency: str | None = None
    reason: str | None = None


class WorkSource(Protocol):
    """Where records come from: the Crossref REST API, a local records file, a cache."""

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        """Look up many DOIs (batched as the source sees fit); keys are normalised DOIs."""
        ...

    def search(self, query: str, rows: int = 5) -> Search:
        """Bibliographic search for a free-text reference."""
        ...

    def agency(self, doi: str) -> Agency:
        """Which agency registered ``doi``."""
        ...

    def negotiate(self, doi: str) -> Fetch:
        """Metadata for a non-Crossref DOI through DOI content negotiation."""
        ...


class Resolver(Protocol):
    """Finds, for each reference, the record it describes, or establishes there is none."""

    def resolve(self, references: Sequence[Reference]) -> list[Resolution]:
        """One resolution per reference, in order. Never raises for network trouble."""
        ...


def close_if_closable(thing: object) -> None:
    """Close ``thing`` if it has a ``close`` (sources, lookups and resolvers need not)."""
    close = getattr(thing, "close", None)
    if callable(close):
        close()

"""A source for ``--offline`` runs with no cache: nothing can be checked, nothing is wrong."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citecheck.resolve.base import Agency, Fetch, Search
from citecheck.resolve.works import normalise_doi

OFFLINE = "offline"


class OfflineSource:
    """Answers every look-up ``unverified`` with reason "offline" (never ``not_found``)."""

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        """Every DOI unverified."""
        return {normalise_doi(d): Fetch("unverified", reason=OFFLINE) for d in dois}

    def search(self, query: str, rows: int = 5) -> Search:  # noqa: ARG002 - the CrossrefLookup signature
        """No search offline."""
        return Search("unverified", reason=OFFLINE)

    def agency(self, doi: str) -> Agency:  # noqa: ARG002 - the CrossrefLookup signature
        """No agency look-up offline."""
        return Agency("unverified", reason=OFFLINE)

    def negotiate(self, doi: str) -> Fetch:  # noqa: ARG002 - the CrossrefLookup signature
        """No content negotiation offline."""
        return Fetch("unverified", reason=OFFLINE)

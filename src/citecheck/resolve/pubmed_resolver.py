"""PubMed beside Crossref: a :class:`~citecheck.resolve.base.Resolver` around the Crossref one.

For one batch of references:

1. A reference known only by PMID or PMCID (an entry without a DOI, or a PubMed / PMC
   link) is looked up in PubMed first. When its record gives a DOI, the reference goes
   on to Crossref with that DOI like any other; when it gives none (or Crossref has no
   record for it, or cannot tell), the PubMed record itself is the record compared against.
2. Every other reference is resolved by the inner (Crossref) resolver.
3. Every matched record with a DOI is looked up in PubMed in one batch (one esearch per
   100 DOIs, one efetch per 200 PMIDs), and the PubMed record is attached to it
   (:attr:`Work.pubmed`): publication types and MeSH.

PubMed trouble never changes a Crossref verdict: the resolution only records that
PubMed could not be asked (``pubmed="unverified"``, ``pubmed_reason``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import replace

from citecheck.model import Reference, ReferenceKind, Resolution, Status
from citecheck.resolve.base import Resolver, close_if_closable
from citecheck.resolve.matching import validate
from citecheck.resolve.pubmed import (
    PubmedFetch,
    PubmedLookup,
    normalise_pmcid,
    normalise_pmid,
    work_from_pubmed,
)
from citecheck.resolve.resolver import agrees, search_text
from citecheck.resolve.works import normalise_doi

FOUND, NOT_FOUND, UNVERIFIED = "found", "not_found", "unverified"


def _ask(
    lookup: Callable[[Sequence[str]], Mapping[str, PubmedFetch]], keys: Sequence[str]
) -> Mapping[str, PubmedFetch]:
    """A PubMed call; an exception becomes "unverified" for every key, never a crash."""
    if not keys:
        return {}
    try:
        return lookup(keys)
    except Exception as exc:  # noqa: BLE001 - PubMed trouble must never end a run
        reason = f"error: {type(exc).__name__}: {exc}"
        return {k: PubmedFetch("unverified", reason=reason) for k in keys}


def identifier_of(reference: Reference) -> tuple[str, str] | None:
    """("pmid", "123") or ("pmcid", "PMC123") for a reference with no DOI; else None."""
    fields = reference.fields
    if fields.doi:
        return None
    pmid = normalise_pmid(fields.pmid) if fields.pmid else None
    if pmid:
        return "pmid", pmid
    pmcid = normalise_pmcid(fields.pmcid) if fields.pmcid else None
    if pmcid:
        return "pmcid", pmcid
    return None


class PubmedResolver:
    """Crossref resolution, with PubMed's identifiers and indexing added."""

    def __init__(self, inner: Resolver, pubmed: PubmedLookup) -> None:
        self.inner = inner
        self.pubmed = pubmed
        self._ids: dict[tuple[str, str], PubmedFetch] = {}
        self._dois: dict[str, PubmedFetch] = {}

    def close(self) -> None:
        """Close the Crossref resolver and the PubMed lookup (they may share one cache)."""
        close_if_closable(self.inner)
        close_if_closable(self.pubmed)

    def resolve(self, references: Sequence[Reference]) -> list[Resolution]:
        """One resolution per reference, in order. Never raises for network trouble."""
        self._fetch_identifiers(references)
        routed: list[Reference] = []
        early: dict[int, Resolution] = {}
        for number, reference in enumerate(references):
            key = identifier_of(reference)
            fetch = self._ids.get(key) if key else None
            decided = self._by_identifier(reference, fetch) if fetch else None
            if decided is not None:
                early[number] = decided
                continue
            if fetch and fetch.status == "ok" and fetch.record and fetch.record.doi:
                fields = replace(reference.fields, doi=fetch.record.doi)
                routed.append(replace(reference, fields=fields))
            else:
                routed.append(reference)
        inner = iter(self.inner.resolve(routed)) if routed else iter(())
        results: list[Resolution] = []
        for number, reference in enumerate(references):
            if number in early:
                results.append(early[number])
                continue
            resolution = next(inner)
            key = identifier_of(reference)
            fetch = self._ids.get(key) if key else None
            results.append(self._after_crossref(reference, resolution, fetch))
        return self._with_indexing(results)

    # ------------------------------------------------------------------ identifiers

    def _fetch_identifiers(self, references: Sequence[Reference]) -> None:
        wanted: dict[str, list[str]] = {"pmid": [], "pmcid": []}
        for reference in references:
            key = identifier_of(reference)
            if key and key not in self._ids and key[1] not in wanted[key[0]]:
                wanted[key[0]].append(key[1])
        for kind, lookup in (("pmid", self.pubmed.by_pmid), ("pmcid", self.pubmed.by_pmcid)):
            found = _ask(lookup, wanted[kind])
            for value in wanted[kind]:
                self._ids[(kind, value)] = found.get(value) or PubmedFetch(
                    "unverified", reason="no answer"
                )

    def _by_identifier(self, reference: Reference, fetch: PubmedFetch) -> Resolution | None:
        """A resolution decided by PubMed alone, or None to go on to Crossref."""
        # A link's anchor text is a claim, not an entry to search by: its identifier decides.
        searchable = reference.kind is not ReferenceKind.LINK and bool(search_text(reference))
        if fetch.status == "ok" and fetch.record is not None:
            if fetch.record.doi:
                return None  # Crossref checks it by the DOI PubMed gives
            return self._pubmed_match(reference, fetch) or (
                None
                if searchable
                else Resolution(
                    Status.NOT_FOUND, via="pubmed", reason="the entry contradicts PubMed"
                )
            )
        if searchable:
            return None  # the entry's text may still find its work
        if fetch.status == "not_found":
            return Resolution(
                Status.NOT_FOUND, via="pubmed", reason="not in PubMed", pubmed=NOT_FOUND
            )
        return _unverified(fetch)

    def _pubmed_match(self, reference: Reference, fetch: PubmedFetch) -> Resolution | None:
        """The PubMed record as the matched record, unless the entry contradicts it."""
        assert fetch.record is not None
        work = work_from_pubmed(fetch.record)
        candidate = validate(reference.fields, work, text=reference.text)
        if not agrees(candidate):
            return None
        identifying = {"title", "author"} & set(candidate.evidence)
        return Resolution(
            Status.MATCHED,
            work=work,
            confidence=candidate.confidence if identifying else 1.0,
            via="pubmed",
            candidates=(candidate,),
            pubmed=FOUND,
        )

    def _after_crossref(
        self, reference: Reference, resolution: Resolution, fetch: PubmedFetch | None
    ) -> Resolution:
        """A reference found through PubMed that Crossref could not match: PubMed's record."""
        if fetch is None:
            return resolution
        if resolution.status == Status.MATCHED:
            work = resolution.work
            record = fetch.record if fetch.status == "ok" else None
            if work is not None and record is not None and record.doi == normalise_doi(work.doi):
                return replace(resolution, work=replace(work, pubmed=record), pubmed=FOUND)
            return resolution
        if fetch.status == "ok" and fetch.record is not None:
            # Crossref has no record for the DOI PubMed gives, or could not tell: PubMed's
            # own record of the identified work is still a record to check against.
            return self._pubmed_match(reference, fetch) or resolution
        if fetch.status == "unverified" and resolution.status == Status.NOT_FOUND:
            return _unverified(fetch)
        return resolution

    # ------------------------------------------------------------------ indexing

    def _with_indexing(self, results: list[Resolution]) -> list[Resolution]:
        wanted = []
        for resolution in results:
            work = resolution.work
            if resolution.status != Status.MATCHED or work is None or not work.doi:
                continue
            doi = normalise_doi(work.doi)
            if work.pubmed is None and doi not in self._dois and doi not in wanted:
                wanted.append(doi)
        found = _ask(self.pubmed.by_doi, wanted)
        for doi in wanted:
            self._dois[doi] = found.get(doi) or PubmedFetch("unverified", reason="no answer")
        return [self._attach(r) for r in results]

    def _attach(self, resolution: Resolution) -> Resolution:
        work = resolution.work
        if resolution.status != Status.MATCHED or work is None:
            return resolution
        if work.pubmed is not None:
            return replace(resolution, pubmed=FOUND)
        if not work.doi:
            return resolution
        fetch = self._dois.get(normalise_doi(work.doi))
        if fetch is None:
            return resolution
        if fetch.status == "ok" and fetch.record is not None:
            return replace(resolution, work=replace(work, pubmed=fetch.record), pubmed=FOUND)
        if fetch.status == "not_found":
            return replace(resolution, pubmed=NOT_FOUND)
        return replace(resolution, pubmed=UNVERIFIED, pubmed_reason=fetch.reason or "unverified")


def _unverified(fetch: PubmedFetch) -> Resolution:
    """An identifier-only reference PubMed could not answer for: unverified, with why."""
    reason = fetch.reason or "unverified"
    return Resolution(
        Status.UNVERIFIED,
        via="pubmed",
        reason=f"PubMed: {reason}",
        pubmed=UNVERIFIED,
        pubmed_reason=reason,
    )

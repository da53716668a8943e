"""Scholarly links in the prose are citations: each distinct target is a reference.

A blog post cites "a [2019 meta-analysis](https://doi.org/10.xxxx/...)" rather than
"[2]". Every link in the prose (``Document.links``, before the reference list) whose URL
carries a scholarly identifier (:func:`citecheck.links.identify`) becomes a
:class:`~citecheck.model.Citation` whose marker is the link's target, so the anchor text
and its sentence are the claim, read by the same claim reader as ``[n]`` citations.

* A link whose identifier (DOI, PMID, PMCID) is also an entry's in the reference list
  cites that entry: one reference, one look-up, never "not cited".
* Otherwise each distinct identifier is one reference of kind ``link``, labelled
  ``link-1``, ``link-2``... in order of first appearance; its text is the first anchor
  text (the URL for a bare link), its ``fields.url`` the URL.
* A link to a journal or publisher page that carries no identifier is a ``link``
  reference too, which the resolver reports as unverified ("journal page without a DOI"),
  never as not found. Links to any other site are not references.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, NamedTuple

from citecheck.links import IdKind, ScholarlyId, arxiv_doi, identify, is_journal_page
from citecheck.model import (
    Citation,
    Claim,
    Document,
    Link,
    ParsedDocument,
    Reference,
    ReferenceFields,
    ReferenceKind,
    ReferenceList,
    Span,
    Status,
)
from citecheck.text import PARTICLE, YEAR, lazy_pattern

if TYPE_CHECKING:
    from citecheck.model import Resolution

LABEL_PREFIX = "link-"
# The target a reader writes after a scholarly link's anchor (past a closing superscript).
_TARGET = re.compile(r"(?:</sup>)? ?(<https?://[^<>\s]+>)")
# An anchor that is an author-date citation: "Wilkinson et al. 2016", "Feder & Charney,
# 2014", "Singh (2016)". Years and names in such anchors are what the link claims.
_NAME = r"[A-Z][\w'’\-‐]*[a-z][\w'’\-‐]*"
# A family name, with particles, or of two words ("Mohammadi Darestani et al. 2016").
_FAMILY = rf"(?:{PARTICLE}\s+)*{_NAME}(?:\s+{_NAME})?"
_ANCHOR_AUTHOR_DATE = lazy_pattern(
    rf"^\(?(?P<a>{_FAMILY})(?:\s+et\s+al\.?|\s+(?:and|&)\s+(?P<b>{_FAMILY}))?,?\s+"
    rf"\(?(?P<year>{YEAR})[a-z]?\)?\)?$"
)


class LinkCitations(NamedTuple):
    """What the links of one document add: new link references and one citation per link."""

    references: tuple[Reference, ...]
    citations: tuple[Citation, ...]


def identifier_key(found: ScholarlyId) -> str:
    """One key per work identifier, shared by links and reference entries (``doi:10.x/y``)."""
    if found.kind is IdKind.ARXIV:
        return f"doi:{arxiv_doi(found.value)}"
    if found.kind is IdKind.DOI:
        return f"doi:{found.value.lower()}"
    return f"{found.kind.value}:{found.value.upper()}"


def entry_keys(reference: Reference) -> list[str]:
    """The identifier keys of a reference-list entry."""
    fields = reference.fields
    keys = []
    if fields.doi:
        keys.append(f"doi:{fields.doi.lower()}")
    if fields.pmid:
        keys.append(f"pmid:{fields.pmid}")
    if fields.pmcid:
        keys.append(f"pmcid:{fields.pmcid.upper()}")
    return keys


def find_link_citations(document: Document, reference_list: ReferenceList) -> LinkCitations:
    """Link references and link citations for every scholarly link in the prose."""
    by_key: dict[str, str] = {}
    for entry in reference_list.references:
        for key in entry_keys(entry):
            by_key.setdefault(key, entry.label)
    references: list[Reference] = []
    citations: list[Citation] = []
    for link in document.links:
        if link.start >= reference_list.start:
            continue
        found = identify(link.url)
        if found is None and not is_journal_page(link.url):
            continue
        key = identifier_key(found) if found else f"url:{link.url.lower().rstrip('/')}"
        label = by_key.get(key)
        if label is None:
            label = f"{LABEL_PREFIX}{len(references) + 1}"
            by_key[key] = label
            references.append(link_reference(label, link, found))
        start, end = marker_span(document.text, link)
        citations.append(
            Citation(
                line=link.line,
                marker=f"<{link.url}>",
                start=start,
                end=end,
                references=(label,),
                targets=(label,),
                url=link.url,
                anchor_start=link.start if link.text and start > link.start else None,
            )
        )
    return LinkCitations(tuple(references), tuple(citations))


def link_reference(label: str, link: Link, found: ScholarlyId | None) -> Reference:
    """The reference a link's target stands for; its fields hold only the identifier."""
    fields = ReferenceFields(url=link.url)
    if found is not None:
        if found.kind is IdKind.DOI:
            fields = replace(fields, doi=found.value)
        elif found.kind is IdKind.ARXIV:
            fields = replace(fields, doi=arxiv_doi(found.value))
        elif found.kind is IdKind.PMID:
            fields = replace(fields, pmid=found.value)
        elif found.kind is IdKind.PMCID:
            fields = replace(fields, pmcid=found.value)
    text = " ".join(link.text.split()) or link.url
    return Reference(
        label=label,
        line=link.line,
        text=text,
        parsed=True,  # nothing to parse: the identifier is the whole entry
        fields=fields,
        kind=ReferenceKind.LINK,
    )


def marker_span(text: str, link: Link) -> tuple[int, int]:
    """Where a link's citation marker stands: its written target, else the anchor itself."""
    target = _TARGET.match(text, link.end)
    if target and link.text:
        return target.start(1), target.end(1)
    return link.start, link.end


class LinkCensus(NamedTuple):
    """How many scholarly links a document has, how many were checked, how many are unnamed."""

    found: int = 0
    checked: int = 0  # their work was looked up and the answer is known
    journal_pages: int = 0  # links to journal pages that carry no identifier


def census(parsed: ParsedDocument, resolutions: Mapping[str, Resolution]) -> LinkCensus:
    """Count a document's scholarly links (each link once, however many cite one work)."""
    references = {r.label: r for r in parsed.references}
    found = checked = pages = 0
    for citation in parsed.citations:
        if not citation.url:
            continue
        found += 1
        label = citation.references[0] if citation.references else ""
        resolution = resolutions.get(label)
        if resolution is not None and resolution.status != Status.UNVERIFIED:
            checked += 1
        reference = references.get(label)
        if reference is not None and reference.kind is ReferenceKind.LINK:
            fields = reference.fields
            if not (fields.doi or fields.pmid or fields.pmcid) and identify(citation.url) is None:
                pages += 1
    return LinkCensus(found, checked, pages)


# --------------------------------------------------------------------------- claims


def anchors(document: Document, citations: Iterable[Citation]) -> dict[str, list[str]]:
    """The anchor texts of the links citing each label, in text order (bare links have none)."""
    by_span = {marker_span(document.text, link): link for link in document.links}
    found: dict[str, list[str]] = {}
    for citation in citations:
        link = by_span.get((citation.start, citation.end)) if citation.url else None
        anchor = " ".join(link.text.split()) if link else ""
        if not anchor:
            continue
        for label in citation.references:
            found.setdefault(label, []).append(anchor)
    return found


def anchor_in(claim: Claim, label: str, written: Mapping[str, list[str]]) -> str | None:
    """The anchor text of the link by which ``claim`` cites ``label``, if it cites by link."""
    return next((a for a in written.get(label, ()) if a in claim.text), None)


def with_anchor_claims(
    claims: Iterable[Claim], citations: Sequence[Citation], document: Document
) -> tuple[Claim, ...]:
    """Claims with what a link's anchor states as an author-date citation added.

    "Wilkinson et al. 2016" names its authors and year the way "(Wilkinson et al., 2016)"
    does; the sentence reader does not take a bare year after "et al." as the study's, so
    the anchor is read here. What the sentence itself states is kept.
    """
    written = anchors(document, citations)
    return tuple(_anchor_claim(claim, written) for claim in claims)


def _anchor_claim(claim: Claim, written: Mapping[str, list[str]]) -> Claim:
    for label in claim.references:
        if label not in written:
            continue  # most labels are entries', cited by no link
        anchor = anchor_in(claim, label, written)
        if anchor is None:
            continue
        match = _ANCHOR_AUTHOR_DATE().match(anchor)
        if match is None or read_anchor(anchor) is None:
            continue
        position = claim.text.find(anchor)
        spans = dict(claim.spans)
        year, authors = claim.year, claim.authors
        if year is None:
            year = int(match.group("year"))
            spans["year"] = _span(claim.text, position, match, "year")
        if not authors:
            authors = tuple(n for n in (match.group("a"), match.group("b")) if n)
            spans["authors"] = _span(claim.text, position, match, "a")
        return replace(claim, year=year, authors=authors, spans=spans)
    return claim


def _span(text: str, offset: int, match: re.Match[str], group: str) -> Span:
    start, end = offset + match.start(group), offset + match.end(group)
    return Span(start, end, text[start:end])


def read_anchor(anchor: str) -> tuple[tuple[str, ...], int] | None:
    """``(family names, year)`` of an author-date anchor ("Wilkinson et al. 2016"), else None."""
    match = _ANCHOR_AUTHOR_DATE().match(" ".join(anchor.split()))
    if match is None:
        return None
    names = tuple(n for n in (match.group("a"), match.group("b")) if n)
    words = [w.casefold() for name in names for w in name.split()]
    if words[0] in _NOT_NAMES or any(w in _PUBLICATION_WORDS for w in words):
        return None
    together = " et al" in anchor or len(names) > 1
    if not together and len(names[0].split()) > 1:
        return None  # "Science Daily 2019": two words alone are a name only with "et al."
    return names, int(match.group("year"))


# Words that name periodicals and media, not people: "Nature 2019" is no author-date.
_PUBLICATION_WORDS = frozenset(
    """nature science cell lancet jama bmj nejm plos journal review reviews daily news
    times post blog magazine today weekly report reports health medicine clinic institute
    university society association foundation agency who nih cdc fda""".split()  # noqa: SIM905
)


_NOT_NAMES = frozenset(
    """a an the in on this that these our their study studies trial review report data
    since from until before after during published january february march april may june
    july august september october november december spring summer autumn winter""".split()  # noqa: SIM905
)

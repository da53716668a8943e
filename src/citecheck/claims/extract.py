"""Claims from a document: one per cited sentence part, with the facts it states.

``Claim.line`` is the original-file line of the claim's first citation marker (not of
the sentence start), since that is where an editor looks for the citation.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence

from citecheck.claims.authors import find_authors
from citecheck.claims.designs import stated_design, stated_population
from citecheck.claims.journals import find_journal
from citecheck.claims.sentences import (
    ITEM_PREFIX,
    Part,
    block_of,
    block_starts,
    containing,
    is_narrative,
    split_at_markers,
    split_sentences,
)
from citecheck.claims.words import Words
from citecheck.claims.years import find_year, is_own_year
from citecheck.model import Citation, Claim, Document, LineIndex, Span
from citecheck.text import blank

_START = operator.attrgetter("start")
_REACH = 600  # characters of a claim kept before its first and after its last marker


def extract_claims(document: Document, citations: Sequence[Citation]) -> tuple[Claim, ...]:
    """One claim per cited sentence, or per marker-delimited part of a sentence."""
    ordered = sorted(citations, key=_START)
    if not ordered:
        return ()
    text = document.text
    blocks = block_starts(text)
    # Markers after a full stop stay with its sentence; a narrative marker ("Feder et al.
    # (2014)") never does: it opens the next sentence.
    marker_ends = {c.start: c.end for c in ordered if not is_narrative(c)}
    sentences: dict[tuple[int, int], list[Citation]] = {}
    cache: dict[int, list[tuple[int, int]]] = {}
    for citation in ordered:
        block = block_of(blocks, len(text), citation.start)
        if block[0] not in cache:
            cache[block[0]] = split_sentences(text, block[0], block[1], marker_ends)
        sentence = containing(cache[block[0]], citation.start)
        sentences.setdefault(sentence, []).append(citation)
    index = LineIndex(document)
    claims = []
    for (start, end), cited in sentences.items():
        for part in split_at_markers(text, start, end, cited):
            claims.append(_claim(text, part, index.line_at(part.citations[0].start)))
    return tuple(claims)


def read_claim(
    text: str, citations: Sequence[Citation] = (), offset: int = 0, line: int = 1
) -> Claim:
    """Read the stated facts from one claim's text (its markers sit at offset minus ``offset``)."""
    masked, markers = _markers(text, citations, offset)
    spans: dict[str, Span] = {}
    words = Words(masked)  # split once for every reader below
    journal = find_journal(masked, words)
    if journal:
        spans["journal"] = journal
        masked = blank(masked, journal.start, journal.end)
        words = Words(masked)
    year = find_year(masked, markers, words.runs)
    if year:
        spans["year"] = year
    design = stated_design(masked, markers, words)
    if design:
        spans["study_type"] = Span(design[1], design[2], text[design[1] : design[2]])
    population = stated_population(masked, design[1] if design else None, words)
    if population:
        spans["population"] = Span(
            population[1], population[2], text[population[1] : population[2]]
        )
    authors = find_authors(masked, markers, words)
    if authors:
        spans["authors"] = authors[1]
        if year and is_own_year(masked, year):
            # "Our 2020 protocol builds on Singh et al. [1]": the year is the citing
            # authors' work; the cited one is named by its own authors.
            year = None
            del spans["year"]
    # Spans quote the claim as written (markers included), values come from the masked text.
    if spans:  # most claims state nothing checkable
        spans = {k: Span(v.start, v.end, text[v.start : v.end]) for k, v in spans.items()}
    if len(citations) == 1:  # most claims carry one marker
        labels = tuple(dict.fromkeys(citations[0].references))
    else:
        labels = tuple(dict.fromkeys(label for c in citations for label in c.references))
    return Claim(
        line=line,
        text=text,
        references=labels,
        year=int(year.text) if year else None,
        # A name wrapped over two lines of the source reads as one name.
        journal=" ".join(journal.text.split()) if journal else None,
        study_type=design[0].study_type if design else None,
        study_type_phrase=spans["study_type"].text if design else None,
        population=population[0] if population else None,
        authors=authors[0] if authors else (),
        spans=spans,
    )


def _claim(text: str, part: Part, line: int) -> Claim:
    """Read one part of a sentence into a Claim."""
    # A "sentence" of thousands of characters is unsplit text (a table, a run-on page):
    # keep the words near the markers so one claim never costs more than a paragraph.
    start = max(part.start, part.citations[0].start - _REACH)
    end = min(part.end, part.citations[-1].end + _REACH)
    if start > part.start:
        start = text.find(" ", start, part.citations[0].start) + 1 or start
    if start == 0 or text[start - 1] == "\n":  # most claims start inside a line
        item = ITEM_PREFIX.match(text, start)
        if item:
            start = item.end()
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end].replace("\n", " ")
    return read_claim(body, part.citations, start, line)


def _markers(
    text: str, citations: Sequence[Citation], offset: int
) -> tuple[str, list[tuple[int, int]]]:
    """The claim's text with its bracket, superscript and parenthetical markers blanked
    (narrative author-date markers are prose), and where all its markers sit in it.
    """
    masked = text
    spans = []
    for citation in citations:
        start, end = citation.start - offset, citation.end - offset
        if 0 <= start < end <= len(text):
            spans.append((start, end))
            if not is_narrative(citation):
                masked = blank(masked, start, end)
    return masked, spans

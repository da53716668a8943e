"""Where a claim is: blocks (paragraphs, list items, headings), sentences, marker parts.

For each citation the claim is the sentence (or list item) that carries it. A sentence
with markers at several places ("A 2019 trial [1] and a 2020 cohort [2] ...") is cut at
the markers so each part speaks for its own references.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence
from typing import NamedTuple

from citecheck.model import Citation
from citecheck.text import PARTICLE, lazy_pattern

# A list item ("• ", "- ", "* ", "1. ", "2) ", "(a) ") or a Markdown heading starts a block.
ITEM_PREFIX = re.compile(r"[ \t]*(?:[•\-*–·▪◦‣]|\d{1,3}[.)]|\(?[a-z]\)|#{1,6})[ \t]+")
_LIST_LINE = re.compile(r"[ \t]*(?:[•\-*–·▪◦‣]|\d{1,3}[.)]|#{1,6})[ \t]+")
# "[.!?]+" spelt with a leading class, so the search skips ahead to a stop.
_SENTENCE_END = re.compile(r"[.!?][.!?]*[\"”’')\]]*")
_INITIAL = re.compile(r"[A-Z]\.")
_INITIALS = re.compile(r"(?:[A-Za-z]\.){2,}")
_ABBREVIATIONS = frozenset(
    """al. e.g. i.e. eg. ie. cf. vs. v. dr. mr. mrs. ms. prof. fig. figs. no. nos. vol.
    vols. pp. p. approx. ca. jr. sr. st. inc. ltd. co. dept. univ. ref. refs. eq. eqs.
    suppl. viz. resp. ed. eds. ch. sect. ph.d. u.s. u.k. e.u. n.b. est. min. max. incl.""".split()  # noqa: SIM905
)
_SHORT_ABBREVIATION = re.compile(r"^[A-Z][a-z]{0,6}\.$")
_AUTHOR_BEFORE = re.compile(
    r"(?:\bet\s+al\b\.?|\band\s+(?:colleagues|co-?workers)|[A-Z][\w'’\-]*[a-z])\s*$"
)
_AUTHOR_LEAD = lazy_pattern(
    rf"(?<![\w'’\-])(?:{PARTICLE}\s+)*[A-Z][\w'’\-]*"
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’\-]*)?(?:\s+et\s+al\b\.?|\s+and\s+(?:colleagues|co-?workers))?\s*$"
)
_LOWER_WORD_NEXT = re.compile(r"\s+[a-z]")
_MARKER_GLUE = re.compile(r"[\s,;]*(?:(?:and|&)[\s,;]*)?")


class Part(NamedTuple):
    """A stretch of a sentence and the citations that speak for it."""

    start: int
    end: int
    citations: tuple[Citation, ...]


def split_sentences(
    text: str, start: int, end: int, marker_ends: dict[int, int] | None = None
) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]``; markers after a full stop stay with it."""
    marker_ends = marker_ends or {}
    sentences = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, begin, match.start()):
            continue
        stop = _skip_markers(text, match.end(), end, marker_ends)
        if stop < end and not text[stop].isspace() and not _glued_start(text, match.start(), stop):
            continue  # "2.5", "e.g.the", "www.x.org": no space after the stop
        following = stop
        while following < end and text[following].isspace():
            following += 1
        if following < end and not _may_open(text[following]):
            continue
        sentences.append((begin, stop))
        begin = stop
    if begin < end:
        sentences.append((begin, end))
    return sentences


# --------------------------------------------------------------------------- blocks & sentences


def block_starts(text: str) -> list[int]:
    """Offsets where paragraphs, list items and headings begin."""
    starts = [0]
    offset = 0
    previous_blank = True
    previous_heading = False
    lines = text.split("\n")
    for i, line in enumerate(lines):
        blank = not line.strip()
        if offset and not blank and (previous_blank or previous_heading or _LIST_LINE.match(line)):
            starts.append(offset)
        # A short first line whose next line goes on in lower case ("Repeated infusions /
        # worked ...") is a wrapped paragraph, not a heading.
        previous_heading = not blank and (
            line.lstrip().startswith("#")
            or (previous_blank and _looks_like_heading(line) and not _goes_on_lower(lines, i))
        )
        previous_blank = blank
        offset += len(line) + 1
    return starts


def _goes_on_lower(lines: list[str], i: int) -> bool:
    """True when the line after ``lines[i]`` opens in lower case."""
    return i + 1 < len(lines) and lines[i + 1].lstrip()[:1].islower()


def _looks_like_heading(line: str) -> bool:
    """A short capitalised line without closing punctuation ("Methods", "The Science")."""
    stripped = line.strip()
    return (
        len(stripped) <= 80
        and len(stripped.split()) <= 8
        and stripped[:1].isupper()
        and stripped[-1:] not in ".!?:;,])"
    )


def block_of(starts: list[int], length: int, offset: int) -> tuple[int, int]:
    """The paragraph or list item holding ``offset``, without its bullet."""
    i = bisect.bisect_right(starts, offset) - 1
    start = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else length
    return start, end


def containing(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence whose span holds ``offset`` (sentences are sorted and contiguous)."""
    i = bisect.bisect_right(sentences, (offset, len(sentences) and sentences[-1][1] + 1)) - 1
    return sentences[max(0, min(i, len(sentences) - 1))]


def _may_open(first: str) -> bool:
    """True when a sentence may begin with ``first`` (a capital, a digit, a quote, a bullet)."""
    return first.isupper() or first.isdigit() or first in "\"“‘'([<•*-"


def _is_abbreviation(text: str, begin: int, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation, an initial or a number."""
    # Every abbreviation, initial and short capitalised word below is a letter and a full
    # stop, and none is nine characters long: a "!", a "?", a stop after a marker or a
    # number ("[12].", "0.05."), or after eight letters ("disorder.") ends no
    # abbreviation, and most stops are one of these.
    if text[stop] != "." or not text[stop - 1 : stop].isalpha():
        return False
    if stop - 8 >= begin and text[stop - 8 : stop].isalpha():
        return False
    # Look back a bounded window so a long unsplit stretch stays linear. The stop itself
    # is no space, so a window that is not empty ends with the token.
    window = text[max(begin, stop - 60) : stop + 1].rsplit(None, 1)
    if not window:
        return False  # the sentence began after this stop (markers skipped over it)
    token_start = stop + 1 - len(window[-1])
    token = window[-1].lstrip("([\"“'")
    if token.lower() in _ABBREVIATIONS:
        return True
    # An initial ("A.") or initials ("e.g.", "U.S.") have a stop second.
    if token[1:2] == "." and (_INITIAL.fullmatch(token) or _INITIALS.fullmatch(token)):
        return True
    if len(token) <= 8 and _SHORT_ABBREVIATION.match(token):
        # "J. Affect. Disord.": a chain of short capitalised abbreviations.
        previous = text[max(begin, token_start - 60) : token_start].split()
        return bool(previous) and bool(_SHORT_ABBREVIATION.match(previous[-1]))
    return False


def _glued_start(text: str, stop: int, following: int) -> bool:
    """True for a sentence glued to the last one's stop: "... role [16].In this regard"."""
    before = text[stop - 1 : stop]
    return text[following].isupper() and (before.isalpha() or before in ")]")


def _skip_markers(text: str, position: int, end: int, marker_ends: dict[int, int]) -> int:
    """Move past citation markers that follow a sentence's full stop ("... disorder. [1]")."""
    while True:
        probe = position
        while probe < end and text[probe] in " \t":
            probe += 1
        if probe in marker_ends:
            position = marker_ends[probe]
            continue
        return position


def split_at_markers(text: str, start: int, end: int, cited: list[Citation]) -> list[Part]:
    """Cut a sentence so each group of adjacent markers speaks for its own part."""
    groups: list[list[Citation]] = []
    for citation in cited:
        # A narrative marker ("Feder et al. (2014)") opens a group of its own unless it
        # follows another ("Lee (2019) and Chan (2020) found"): "worked [1] Feder et al.
        # (2014) ran ..." is two claims, whatever the sentence splitter made of it.
        glued = not is_narrative(citation) or is_narrative(groups[-1][-1]) if groups else False
        if glued and _MARKER_GLUE.fullmatch(text, groups[-1][-1].end, citation.start):
            groups[-1].append(citation)
        else:
            groups.append([citation])
    parts: list[Part] = []
    part_start = start
    pending: list[Citation] = []
    for group in groups:
        anchor = group[0].anchor_start
        # A link's claim starts at its anchor text: the words between the last marker and
        # this anchor ("found X, and") belong to the part before.
        if (
            anchor is not None
            and not pending
            and part_start < anchor <= group[0].start
            and parts
            and parts[-1].end == part_start
        ):
            parts[-1] = Part(parts[-1].start, anchor, parts[-1].citations)
            part_start = anchor
        if _is_leading(text, group[0]):
            if pending:  # a second author-led claim begins before this one ended
                cut = max(part_start, _lead_start(text, group[0]))
                parts.append(Part(part_start, cut, tuple(pending)))
                part_start = cut
            pending = list(group)
            continue
        if pending and not _same_works(pending, group):
            # "Brennan (2017) argued X (see also Lee, 2015)": the lead's year and names are
            # not the trailing marker's, so the trailing marker is its own (bare) claim.
            parts.append(Part(part_start, group[0].start, tuple(pending)))
            part_start, pending = group[0].start, []
        pending.extend(group)
        parts.append(Part(part_start, group[-1].end, tuple(pending)))
        part_start, pending = group[-1].end, []
    if pending:
        parts.append(Part(part_start, end, tuple(pending)))
    elif parts:
        # Words after the last marker ("[2] showed benefit") belong to the last part.
        parts[-1] = Part(parts[-1].start, end, parts[-1].citations)
    return parts


def _same_works(lead: Sequence[Citation], group: Sequence[Citation]) -> bool:
    """True when a trailing marker cites nothing beyond what the author-led marker cites."""
    named = {label for c in lead for label in c.references}
    return {label for c in group for label in c.references} <= named


def is_narrative(citation: Citation) -> bool:
    """True for author-date markers written into the prose ("Smith et al. (2020)")."""
    return citation.marker[:1].isalpha()


def _lead_start(text: str, citation: Citation) -> int:
    """Where an author-led claim begins: at the names before a bracket ("Lee et al. [2]")."""
    if is_narrative(citation):
        return citation.start
    window = max(0, citation.start - 80)
    found = _AUTHOR_LEAD().search(text, window, citation.start)
    return found.start() if found else citation.start


def _is_leading(text: str, citation: Citation) -> bool:
    """True when a marker opens its claim: "Smith et al. (2020) found", "Lee et al. [2] showed"."""
    if is_narrative(citation):
        return True
    if citation.url is not None:
        return False  # a link's marker follows its anchor text: the claim is before it
    if not text[citation.end : citation.end + 1].isspace() or not _LOWER_WORD_NEXT.match(
        text, citation.end, citation.end + 20
    ):
        return False  # the cheaper tests first: a space, then a verb ("[2] showed")
    before = text[max(0, citation.start - 40) : citation.start]
    return bool(_AUTHOR_BEFORE.search(before))

"""Finding an article's reference list: by its heading, or by a trailing run of numbered entries."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from citecheck.model import (
    Document,
    LineIndex,
    Link,
    Reference,
    ReferenceKind,
    ReferenceList,
)
from citecheck.references.headings import is_heading, is_underline
from citecheck.references.linked import read_linked
from citecheck.references.parse import parse_entry
from citecheck.references.split import (
    RawEntry,
    is_leftover,
    read_label,
    split_entries,
    starts_entry,
)
from citecheck.text import lazy_pattern

# A year 1600-2099 not inside a longer number (its first digit matched first).
_YEAR = re.compile(r"[12](?<!\d[12])(?:(?<=1)[6-9]|(?<=2)0)\d{2}(?!\d)")
_LINK = re.compile(r"https?://|\bwww\.|\bdoi:\s*10\.", re.IGNORECASE)
_TRAILING_WINDOW = 400  # lines searched back from the end for a list with no heading
_FOOTNOTE = re.compile(r"^[ \t]*\[\^[^\]\s]+\]:", re.MULTILINE)


def find_references(document: Document) -> ReferenceList:
    """Find the document's reference list and read every entry in it."""
    text = document.text
    found = (
        _by_heading(text)
        or _by_trailing_run(text)
        or _by_footnotes(text)
        or _by_trailing_entries(text)
    )
    if found is None:
        return ReferenceList(references=(), start=len(text), end=len(text))
    start, entries, end = found
    entries, notes = _without_notes(text, entries)
    if not entries:  # footnotes that are all asides: no references, and no citations
        return ReferenceList(references=(), start=start, end=end, notes=notes)
    index = LineIndex(document)
    links = _LinksByStart(document.links)
    references = tuple(
        _to_reference(entry, index, _hidden_targets(links, entry, nxt.offset if nxt else end))
        for entry, nxt in zip(entries, [*entries[1:], None], strict=True)
    )
    return ReferenceList(references=references, start=start, end=end, notes=notes)


class _LinksByStart:
    """A document's links, found by where they start without walking them all."""

    def __init__(self, links: Sequence[Link]) -> None:
        self.links = links
        self.order = sorted(range(len(links)), key=lambda number: links[number].start)
        self.starts = [links[number].start for number in self.order]

    def starting_in(self, start: int, stop: int) -> list[Link]:
        """The links that start in ``[start, stop)``, in document order."""
        chosen = self.order[bisect_left(self.starts, start) : bisect_left(self.starts, stop)]
        return [self.links[number] for number in sorted(chosen)]


def _hidden_targets(links: _LinksByStart, entry: RawEntry, stop: int) -> str:
    """The targets of hyperlinks in an entry that its text does not show, as `` <url>``.

    The HTML and Word readers keep only scholarly targets in the text; a reference list
    item that is a link to a web page reads as its anchor text alone.
    """
    if not links.links:
        return ""
    urls = [
        link.url for link in links.starting_in(entry.offset, stop) if link.url not in entry.text
    ]
    return "".join(f" <{url}>" for url in dict.fromkeys(urls))


def _to_reference(entry: RawEntry, index: LineIndex, targets: str = "") -> Reference:
    """Parse one raw entry (with the link targets it hides) into a Reference tied to its line."""
    line = index.line_at(entry.offset)
    readable = entry.text + targets
    linked = read_linked(readable)
    if linked is not None:
        kind, fields = linked
        identified = bool(fields.doi or fields.pmid or fields.pmcid)
        return Reference(
            label=entry.label,
            line=line,
            text=entry.text,
            parsed=identified,
            fields=fields,
            kind=kind,
        )
    style, parsed, fields = parse_entry(readable)
    return Reference(
        label=entry.label,
        line=line,
        text=entry.text,
        style=style,
        parsed=parsed,
        fields=fields,
    )


def _heading_offsets(text: str) -> list[tuple[int, int]]:
    """``(line start, body start)`` of every line that reads as a reference-list heading.

    The body starts on the next line, or past a reStructuredText underline.
    """
    found: list[tuple[int, int]] = []
    offset = 0
    lines = text.split("\n")
    for number, line in enumerate(lines):
        if is_heading(line):
            body = offset + len(line) + 1
            if number + 1 < len(lines) and is_underline(lines[number + 1]):
                body += len(lines[number + 1]) + 1
            found.append((offset, body))
        offset += len(line) + 1
    return found


def _by_heading(text: str) -> tuple[int, list[RawEntry], int] | None:
    """The last heading followed by entries that mostly carry a year, else by any entries."""
    fallback: tuple[int, list[RawEntry], int] | None = None
    for start, body in reversed(_heading_offsets(text)):
        if body > len(text):
            continue
        entries, end = split_entries(text, body)
        if not entries:
            continue
        if _mostly_dated(entries):
            return start, entries, end
        # "Notes" after the references may hold numbered footnotes, not works.
        fallback = fallback or (start, entries, end)
    return fallback


def _by_trailing_run(text: str) -> tuple[int, list[RawEntry], int] | None:
    """A run of numbered entries from label 1 that ends the document (page leftovers aside)."""
    offset = len(text)
    lines = text.split("\n")
    for line in reversed(lines):
        offset -= len(line) + 1
        label = read_label(line)
        if label is None or label[0] not in ("1", ""):
            continue
        start = offset + 1  # offset ran one past the newline before this line
        entries, end = split_entries(text, start)
        if _is_reference_run(entries) and _only_leftovers_after(text, end):
            return start, entries, end
    return None


def _by_trailing_entries(text: str) -> tuple[int, list[RawEntry], int] | None:
    """Unnumbered entries (author-year or links) that end the document, with no heading.

    Only a list of cited works counts: most entries carry a year or a scholarly link, so a
    closing list of related posts or share links is not taken for references.
    """
    lines = text.split("\n")
    offset = len(text) + 1
    best: tuple[int, list[RawEntry], int] | None = None
    for number, line in enumerate(reversed(lines)):
        offset -= len(line) + 1
        if number > _TRAILING_WINDOW:
            break
        stripped = line.strip()
        if not stripped or is_leftover(stripped):
            continue
        if not starts_entry(stripped):
            if best is not None and offset < best[0]:
                break  # the prose before the list
            continue
        entries, end = split_entries(text, offset)
        if (
            len(entries) < 2
            or not all(starts_entry(e.text) for e in entries)  # no paragraph of prose
            or not _only_leftovers_after(text, end)
            or not _cited_works(entries)
        ):
            if best is not None:
                break
            continue
        best = (offset, entries, end)
    return best


def _cited_works(entries: list[RawEntry]) -> bool:
    """More than half of the entries carry a year or a scholarly link, and one at least does."""
    cited = 0
    for entry in entries:
        if _cites_in_prose(entry.text):
            continue  # a paragraph that cites by link mid-sentence is prose, not an entry
        linked = read_linked(entry.text)
        if linked is None:
            cited += bool(_YEAR.search(entry.text))
        else:
            cited += linked[0] is not ReferenceKind.WEB
    return cited * 2 > len(entries)


_WORDS_AFTER_LINK = lazy_pattern(r"(?:https?://|\bwww\.|\bdoi:\s*10\.)\S*(?:\s+\S+){4,}")


def _cites_in_prose(text: str) -> bool:
    """True when a link is followed by more of a sentence ("a trial <url> found that ...").

    An entry ends with its link (or gives it last but for an access date); a blog
    paragraph that cites by hyperlink goes on after it.
    """
    return bool(_WORDS_AFTER_LINK().search(text))


def _is_reference_run(entries: list[RawEntry]) -> bool:
    """Labels 1..n in order, and most entries carry a year."""
    if not entries:
        return False
    if [e.label for e in entries] != [str(i) for i in range(1, len(entries) + 1)]:
        return False
    return _mostly_dated(entries)


def _mostly_dated(entries: list[RawEntry]) -> bool:
    """Whether more than half of the entries carry a year or a link, as cited works do."""
    with_year = sum(1 for e in entries if _cites_something(e))
    return with_year * 2 > len(entries)


def _by_footnotes(text: str) -> tuple[int, list[RawEntry], int] | None:
    """Footnote definitions (``[^1]: ...``) that end the document: a list with no heading.

    Footnotes hold asides as well as works, so the works may be the fewer: then each must
    open like an entry, so that a year in a stray aside does not make a list of it.
    """
    match = _FOOTNOTE.search(text)
    if match is None:
        return None
    start = match.start()
    entries, end = split_entries(text, start)
    if not entries or not _only_leftovers_after(text, end):
        return None
    works = [e for e in entries if _cites_something(e)]
    if len(works) * 2 > len(entries) or all(starts_entry(e.text) for e in works):
        return start, entries, end
    return None


def _cites_something(entry: RawEntry) -> bool:
    """Whether an entry carries a year or a link, as a cited work does."""
    return bool(_YEAR.search(entry.text) or _LINK.search(entry.text))


_WORD = lazy_pattern(r"[^\W\d_]+")


def _is_aside(entry: RawEntry) -> bool:
    """Whether an entry is a sentence of prose: no year, no link, mostly lower-case words.

    "Thanks to the nurses on ward 7, who read a draft." is an aside; "Ender PhB.
    Statistical Computing and Consulting." (an undated web source) is still a work.
    """
    if _cites_something(entry):
        return False
    words = _WORD().findall(entry.text)
    lower = sum(1 for w in words if w.islower())
    return lower * 2 > len(words)


def _without_notes(text: str, entries: list[RawEntry]) -> tuple[list[RawEntry], frozenset[str]]:
    """The entries without the footnotes that are asides, and those footnotes' labels.

    Looking an aside up would report a work the writer never cited as not found.
    """
    notes = [e for e in entries if _FOOTNOTE.match(text, e.offset) and _is_aside(e)]
    if not notes:
        return entries, frozenset()
    return [e for e in entries if e not in notes], frozenset(e.label for e in notes)


def _only_leftovers_after(text: str, end: int) -> bool:
    """Nothing after the run but blank lines and page furniture (a short line or two at most)."""
    rest = [line.strip() for line in text[end:].split("\n") if line.strip()]
    prose = [line for line in rest if not is_leftover(line) and len(line) > 40]
    return len(prose) <= 1

"""Inline citation markers in an article's prose, linked to its reference-list entries.

Recognised markers: numeric ``[1]``, ``[1, 2]``, ``[1-3]``, ``(1, 2)``, superscripts
``¹²`` / ``¹⁻³`` / ``<sup>1,2</sup>``, parenthetical author-date ``(Smith & Jones, 2020;
Lee et al., 2019a)`` and narrative ``Smith et al. (2020)``. Only the prose before the
reference list is searched.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator, Sequence
from typing import NamedTuple

from citecheck.model import Citation, Document, LineIndex, Reference, ReferenceList
from citecheck.references.split import key_label
from citecheck.text import PARTICLE, YEAR, lazy_pattern, name_key

# --------------------------------------------------------------------------- patterns

_DASHES = "\\-\u2010\u2011\u2012\u2013\u2014\u2212"
_NUM_ITEM = rf"\d{{1,6}}(?:\s*[{_DASHES}]\s*\d{{1,6}})?"
_NUM_LIST = rf"{_NUM_ITEM}(?:\s*[,;]\s*{_NUM_ITEM})*"
_LIST_SEPARATOR = re.compile(r"\s*[,;]\s*")
_RANGE_SEPARATOR = re.compile(rf"\s*[{_DASHES}]\s*")

# "[1, 3-5]" and "[1](#ref-1)", but not a Markdown link "[1](https://...)"; a
# reference-style link "[text][1]" is excluded by _LINK_TEXT_BEFORE.
_BRACKET = re.compile(rf"\[\s*({_NUM_LIST})\s*\](?!\((?!#))")
_LINK_TEXT_BEFORE = lazy_pattern(r"\[[^\[\]\n]*[^\d\s,;\[\]\-–][^\[\]\n]*\]$")
# "[^1]", "[^smith]" (Markdown footnotes), "\cite{a,b}" (LaTeX), "<<key>>" (AsciiDoc) and
# "[key]_" (reStructuredText): compiled when a prose first holds their opening, as few do.
_FOOTNOTE = lazy_pattern(r"\[\^([^\]\s]{1,40})\](?!:)")
_LATEX_CITE = lazy_pattern(
    r"\\(?:cite|citep|citet|parencite|textcite|autocite)\*?(?:\[[^\]]*\]){0,2}\{([^{}]+)\}"
)
_ASCIIDOC_XREF = lazy_pattern(r"<<([^<>,\s]{1,60})(?:,[^<>]*)?>>")
# reStructuredText "[Smith2020]_" (a citation reference; "[1]_" is read as "[1]" already).
_RST_CITATION = lazy_pattern(r"\[(?!\d+\])([^\[\]\s]{1,40})\]_")
# A bracket of numbers followed by a unit is a measurement: "[140, 160] (in hours)", "[2, 5] mg".
_UNIT_AFTER = lazy_pattern(
    r"\s*(?:\(\s*(?:in\s+)?[a-zµμ°%/]{1,12}\s*\)"
    r"|(?:ms|s|sec|min|h|hrs?|hours?|days?|weeks?|months?|years?|mg|µg|μg|g|kg|ml|mL|l|L|mm|cm|m|km"
    r"|nm|µm|μm|Hz|kHz|MHz|°C|°F|K|%|mmHg|mmol|mol|kDa|bp|kb)\b(?!-))"
)
# The look-behind (no word or ")" before the "(") is tested after the "(": a pattern that
# opens on a literal is searched for at C speed, not tried at every position.
_PAREN_NUMERIC = re.compile(rf"\((?<![\w)]\()\s*({_NUM_LIST})\s*\)")
_SUP_TAG = re.compile(r"<sup>\s*([^<]{1,40}?)\s*</sup>", re.IGNORECASE)
_SUP_CONTENT = lazy_pattern(rf"\[?\s*({_NUM_LIST})\s*\]?")

_SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
_SUP_TO_ASCII = str.maketrans(_SUPERSCRIPT_DIGITS + "⁻˒", "0123456789-,")
_SUP_RUN = f"[{_SUPERSCRIPT_DIGITS}]+"
_UNICODE_SUP = lazy_pattern(rf"{_SUP_RUN}(?:\s?[,˒⁻{_DASHES}]\s?{_SUP_RUN})*")
# A superscript after a number, a unit or a lone letter is an exponent ("10⁶", "5 m²", "R²").
_EXPONENT_BEFORE = lazy_pattern(
    r"(?:\d|\d\s?[A-Za-zµμ]{1,3}|/[A-Za-zµμ]{1,3}|(?:^|[\s(])[A-Za-zµμ])\s?$"
)

_NAME_WORD = r"[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*"
_FAMILY = rf"(?:{PARTICLE}\s+){{0,3}}{_NAME_WORD}"
_YEAR = YEAR
_YEAR_TOKEN = rf"{_YEAR}[a-z]?|in\s+press|n\.\s?d\."
_AUTHORS = (
    rf"(?P<first>{_FAMILY})"
    rf"(?:\s+et\s+al\.?|(?:\s*,\s*{_FAMILY}){{0,6}},?\s+(?:&|and)\s+(?P<second>{_FAMILY}))?"
)
# One source inside "( ... ; ... )": "see Smith & Jones, 2020a, 2021, p. 4".
# "World Health Organization": organisations cite as authors in parentheses.
_ORGANISATION = rf"{_NAME_WORD}(?:\s+(?:of|for|and|&|the|on)?\s*{_NAME_WORD}){{1,7}}"
_SOURCE = lazy_pattern(
    rf"^\s*(?:(?:see\s+also|see|e\.g\.|cf\.|i\.e\.|as\s+in|reviewed\s+in)\s*,?\s+)?"
    rf"(?:{_AUTHORS}|(?P<org>{_ORGANISATION}))\s*,?\s+(?P<years>(?:{_YEAR_TOKEN})(?:\s*,\s*(?:{_YEAR_TOKEN}))*)"
    r"(?:\s*[,:]\s*(?:pp?\.|chap\.|para\.)\s*[\w\-–]+)?\s*$"
)
_PAREN_GROUP = re.compile(rf"\(([^()\n]{{2,400}}?\b{_YEAR}[^()\n]{{0,60}})\)")
_NARRATIVE = lazy_pattern(
    rf"(?<![\w.])(?P<authors>{_AUTHORS})(?:['’]s?)?\s+\((?P<years>{_YEAR}[a-z]?)\)"
)
# A narrative marker ends in its year in parentheses and holds no other bracket or
# clause punctuation: _NARRATIVE is searched only between one of these and the year.
_YEAR_PAREN = re.compile(rf"\({_YEAR}[a-z]?\)")
_NARRATIVE_BARRIERS = "()[];:"
_YEAR_SPLIT = re.compile(rf"(?P<year>{_YEAR})(?P<suffix>[a-z]?)")

# Capitalised words that start sentences or name things, never a cited author.
_NOT_FAMILY = frozenset(
    """a an the in on at of by for from to this that these those our their his her its
    we they it since between during after before until and or but as see also e.g table
    figure fig study studies trial review journal research data report analysis january
    february march april may june july august september october november december
    spring summer autumn fall winter covid sars""".split()  # noqa: SIM905
)


# Words that go on after a citation "(1)" rather than after an enumerator "(1)".
_CONTINUATIONS = frozenset(
    "and or but as in on with which that who is are was were has have also both".split()  # noqa: SIM905
)


class _Found(NamedTuple):
    """A marker found in the prose, before linking."""

    start: int
    end: int
    kind: str  # "numeric" or "author-date"
    targets: tuple[str, ...]
    keys: tuple[tuple[str, str, str | None], ...] = ()  # (family, year+suffix, second)


# --------------------------------------------------------------------------- public


def find_citations(document: Document, reference_list: ReferenceList) -> tuple[Citation, ...]:
    """Every inline citation marker in the prose, with the entries it links to."""
    prose = document.text[: reference_list.start]
    references = reference_list.references
    labels = {r.label for r in references}
    index = LineIndex(document)
    linker = _AuthorDateIndex(references)
    found = _non_overlapping(_scan(prose, labels, linker))
    citations = []
    notes = reference_list.notes
    for item in found:
        if notes and prose.startswith("[^", item.start) and all(t in notes for t in item.targets):
            continue  # a footnote marker whose note is an aside, not a citation ("[1]" is)
        if item.kind == "numeric":
            linked = tuple(filter(labels.__contains__, item.targets))
        else:
            linked = _dedupe(tuple(linker.link(key) for key in item.keys))
        citations.append(
            Citation(
                line=index.line_at(item.start),
                marker=prose[item.start : item.end],
                start=item.start,
                end=item.end,
                references=tuple(filter(None, linked)),
                targets=item.targets,
            )
        )
    return tuple(citations)


def expand_numbers(text: str) -> tuple[str, ...]:
    """Labels named by a numeric list: ``"1, 3-5"`` -> ``("1", "3", "4", "5")``."""
    text = text.strip()
    if text.isdigit():  # one number, the usual marker
        return (str(int(text)),)
    out: list[str] = []
    for part in _LIST_SEPARATOR.split(text):
        bounds = [b for b in _RANGE_SEPARATOR.split(part) if b]
        if len(bounds) == 2 and bounds[0].isdigit() and bounds[1].isdigit():
            low, high = int(bounds[0]), int(bounds[1])
            # A reversed or huge "range" is two numbers, not a span of citations.
            if low < high <= low + 200:
                out.extend(str(n) for n in range(low, high + 1))
                continue
        out.extend(str(int(b)) for b in bounds if b.isdigit())
    return _dedupe(tuple(out))


# --------------------------------------------------------------------------- scanning


def _scan(prose: str, labels: set[str], linker: _AuthorDateIndex) -> Iterator[_Found]:
    """Every candidate marker, in priority order (earlier scanners win overlaps)."""
    unambiguous = [
        *_scan_keys(prose, labels),
        *_scan_sup_tags(prose, labels),
        *_scan_brackets(prose, labels),
        *_scan_unicode_superscripts(prose, labels),
    ]
    yield from unambiguous
    parenthetical = list(_scan_paren_author_date(prose))
    yield from parenthetical
    narrative = list(_narrative_candidates(prose))
    # Unnumbered lists are labelled by position too, so whether the article cites by
    # number is read from its prose: a bracket or superscript names an entry, or no
    # author-date marker does.
    numbered = any(t in labels for f in unambiguous for t in f.targets) or not any(
        linker.link(key)
        for f in (*parenthetical, *_scan_narrative(narrative, linker, numbered=True))
        for key in f.keys
    )
    if numbered:
        yield from _scan_paren_numeric(prose, labels)
    yield from _scan_narrative(narrative, linker, numbered=numbered)


def _scan_keys(prose: str, labels: set[str]) -> Iterator[_Found]:
    r"""Markers that name their entry by key: ``[^1]``, ``[^smith]``, ``\cite{a,b}``, ``<<a>>``.

    A reStructuredText ``[key]_`` counts only when an entry has the key: outside rST a
    bracketed word before an underscore is rarely a citation.
    """
    # Each two-character opening is looked for only after its rarer character: a search
    # for one character is many times quicker than one for two, and most prose has none.
    if "^" in prose and "[^" in prose:
        for match in _FOOTNOTE().finditer(prose):
            yield _Found(match.start(), match.end(), "numeric", (key_label(match.group(1)),))
    if "\\" in prose:
        for match in _LATEX_CITE().finditer(prose):
            keys = tuple(key_label(k) for k in match.group(1).split(",") if k.strip())
            yield _Found(match.start(), match.end(), "numeric", _dedupe(keys))
    if "<" in prose and "<<" in prose:
        for match in _ASCIIDOC_XREF().finditer(prose):
            yield _Found(match.start(), match.end(), "numeric", (key_label(match.group(1)),))
    if "_" in prose and "]_" in prose:
        for match in _RST_CITATION().finditer(prose):
            if match.group(1) in labels:
                yield _Found(match.start(), match.end(), "numeric", (match.group(1),))


def _scan_brackets(prose: str, labels: set[str]) -> Iterator[_Found]:
    """``[1]``, ``[1, 2]``, ``[1-3]``, ``[1,3-5]``."""
    for match in _BRACKET.finditer(prose):
        if _after_link_text(prose, match.start()):
            continue  # a Markdown reference-style link "[text][1]"
        if prose.startswith(":", match.end()) and _opens_line(prose, match.start()):
            continue  # where that link points: a definition line "[1]: https://..."
        targets = expand_numbers(match.group(1))
        if not targets or not _plausible_numbers(targets, labels):
            continue
        if labels.isdisjoint(targets) and (
            _beyond_the_list(targets, labels) or _UNIT_AFTER().match(prose, match.end())
        ):
            continue  # a measurement or a range of values, not a citation
        yield _Found(match.start(), match.end(), "numeric", targets)


def _opens_line(prose: str, start: int) -> bool:
    """True when ``start`` is the first character of a line."""
    return start == 0 or prose[start - 1] == "\n"


def _after_link_text(prose: str, start: int) -> bool:
    """True when a bracketed link text ends just before ``start`` (``[text][1]``)."""
    # _LINK_TEXT_BEFORE ends in "]$": only a "]" (or "]" and a newline) just before can
    # let it match, and most markers follow a word or a space.
    before = prose[max(0, start - 2) : start]
    if not before.endswith(("]", "]\n")):
        return False
    return _LINK_TEXT_BEFORE().search(prose, max(0, start - 200), start) is not None


def _beyond_the_list(targets: tuple[str, ...], labels: set[str]) -> bool:
    """Whether every number is far past the list's last label (a value, not an entry)."""
    numbers = [int(label) for label in labels if label.isdigit()]
    if not numbers:
        return False
    last = max(numbers)
    return all(int(t) > last + max(10, last // 2) for t in targets)


def _scan_paren_numeric(prose: str, labels: set[str]) -> Iterator[_Found]:
    """``(1)``, ``(1, 2)``: only when every number is an entry (else it is a year, a count...)."""
    for match in _PAREN_NUMERIC.finditer(prose):
        targets = expand_numbers(match.group(1))
        if targets and all(t in labels for t in targets) and not _enumerates(prose, match):
            yield _Found(match.start(), match.end(), "numeric", targets)


def _enumerates(prose: str, match: re.Match[str]) -> bool:
    """True for enumerations: a "(1)" opening a line, or "(1) recruit and (2) treat"."""
    following = re.match(r" ([^\W\d]+)", prose[match.end() : match.end() + 20])
    if following is None or following.group(1).lower() in _CONTINUATIONS:
        return False
    before = prose[max(0, match.start() - 2) : match.start()]
    if before == "" or before.endswith("\n") or before.strip() in {"", ":"}:
        return True
    number = match.group(1).strip()
    if not number.isdigit():
        return False
    n = int(number)
    # A sibling "(n-1) word" before or "(n+1) word" after makes it a numbered list.
    after = prose[match.end() : match.end() + 300]
    earlier = prose[max(0, match.start() - 300) : match.start()]
    return bool(
        re.search(rf"\({n + 1}\) [^\W\d]", after) or re.search(rf"\({n - 1}\) [^\W\d]", earlier)
    )


def _scan_sup_tags(prose: str, labels: set[str]) -> Iterator[_Found]:
    """``<sup>1,2</sup>``, ``<sup>1-3</sup>``, ``<sup>[4]</sup>``; not ``<sup>2</sup>`` after a unit."""
    for match in _SUP_TAG.finditer(prose):
        content = _SUP_CONTENT().fullmatch(match.group(1))
        if content is None or _EXPONENT_BEFORE().search(
            prose[max(0, match.start() - 6) : match.start()]
        ):
            continue
        targets = expand_numbers(content.group(1))
        if targets and _plausible_numbers(targets, labels):
            yield _Found(match.start(), match.end(), "numeric", targets)


def _scan_unicode_superscripts(prose: str, labels: set[str]) -> Iterator[_Found]:
    """``¹``, ``¹²``, ``¹,²``, ``¹⁻³``: a run of digits is one label or one label per digit."""
    # A substring test per digit is far quicker than the search, and most prose has none.
    if not any(digit in prose for digit in _SUPERSCRIPT_DIGITS):
        return
    for match in _UNICODE_SUP().finditer(prose):
        if _EXPONENT_BEFORE().search(prose[max(0, match.start() - 6) : match.start()]):
            continue
        targets = _superscript_targets(match.group(0), labels)
        if targets:
            yield _Found(match.start(), match.end(), "numeric", targets)


def _superscript_targets(marker: str, labels: set[str]) -> tuple[str, ...]:
    """Read ``¹²`` as 12 when entry 12 exists, else as 1 and 2 when those exist."""
    ascii_text = marker.translate(_SUP_TO_ASCII).replace(" ", "")
    parts: list[str] = []
    for part in re.split(r"([,\-–—‐‑‒−])", ascii_text):
        if (
            part.isdigit()
            and len(part) > 1
            and part.lstrip("0") not in labels
            and all(digit in labels for digit in part)
        ):
            parts.append(",".join(part))
            continue
        parts.append(part)
    return expand_numbers("".join(parts))


def _scan_paren_author_date(prose: str) -> Iterator[_Found]:
    """``(Smith, 2020)``, ``(Smith & Jones, 2020; Lee et al., 2019a)``, ``(see Smith, 2020, p. 4)``."""
    for match in _PAREN_GROUP.finditer(prose):
        keys: list[tuple[str, str, str | None]] = []
        for source in re.split(r"\s*;\s*", match.group(1)):
            parsed = _SOURCE().match(source)
            if parsed is None:
                if keys:
                    continue  # a stray note beside real sources ("; unpublished data")
                break
            first = parsed.group("first") or parsed.group("org")
            if not _is_family(first):
                break
            for year in re.split(r"\s*,\s*", parsed.group("years")):
                keys.append((first, year, parsed.group("second")))
        if keys:
            targets = _dedupe(tuple(f"{family} {year}" for family, year, _ in keys))
            yield _Found(match.start(), match.end(), "author-date", targets, tuple(keys))


def _narrative_candidates(prose: str) -> Iterator[_Found]:
    """``Smith et al. (2020)``, ``Smith and Jones (2020)``, ``Smith (2020)``: every one
    whose first name could be a family name, linked or not.

    The matches of ``_NARRATIVE().finditer(prose)``, found by searching only the stretch
    before each parenthesised year back to the nearest bracket or ``;``/``:`` (no match
    crosses one), not the whole prose.
    """
    floor = 0
    for year in _YEAR_PAREN.finditer(prose):
        start = floor
        for barrier in _NARRATIVE_BARRIERS:
            start = max(start, prose.rfind(barrier, floor, year.start()) + 1)
        floor = year.end()
        match = _NARRATIVE().search(prose, start, year.end())
        if match is None:
            continue
        first, second = match.group("first"), match.group("second")
        if not _is_family(first):
            continue
        key = (first, match.group("years"), second)
        found_at = match.start("authors")
        yield _Found(found_at, match.end(), "author-date", (f"{first} {key[1]}",), (key,))


def _scan_narrative(
    candidates: Sequence[_Found], linker: _AuthorDateIndex, *, numbered: bool
) -> Iterator[_Found]:
    """The narrative markers kept: weaker evidence than a bracket, one is kept only when
    it links to an entry, or (in an author-date article) when its name is a cited author.
    """
    for found in candidates:
        key = found.keys[0]
        if not linker.link(key) and (numbered or not linker.knows(key[0])):
            continue
        yield found


def _plausible_numbers(targets: tuple[str, ...], labels: set[str]) -> bool:
    """Reject bracketed years ("[2019]") and zeros unless the list really has such labels."""
    for target in targets:
        if target in labels:
            continue
        number = int(target)
        if number == 0 or number >= 1000:
            return False
    return True


def _non_overlapping(found: Iterator[_Found]) -> list[_Found]:
    """Keep the first of any overlapping markers, in position order."""
    starts: list[int] = []  # kept markers never overlap, so starts and ends sort alike
    kept: list[_Found] = []
    for item in found:
        i = bisect.bisect_left(starts, item.start)
        if i > 0 and kept[i - 1].end > item.start:
            continue
        if i < len(kept) and kept[i].start < item.end:
            continue
        starts.insert(i, item.start)
        kept.insert(i, item)
    return kept


def _is_family(name: str) -> bool:
    """True when a capitalised word could be an author's family name."""
    words = name.split()
    return bool(words) and words[-1].lower().strip(".") not in _NOT_FAMILY


def _dedupe(items: Sequence[str]) -> tuple[str, ...]:
    """Items in first-seen order without repeats."""
    return tuple(dict.fromkeys(items))


# --------------------------------------------------------------------------- linking


fold_name = name_key


_ENTRY_FAMILY = re.compile(rf"^\s*(?P<family>(?:{PARTICLE}\s+)*[^\s,.(]+(?:[ -][^\s,.(]+)?)\s*,")
# The entry's first word when initials follow it: "Blackburn EH,", "Blackburn E.H.,", "Blackburn, E".
_FIRST_WORD = re.compile(
    rf"^\s*(?P<family>(?:{PARTICLE}\s+)*[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’-]+)"
    r"(?=,?\s+(?:[A-Z]{1,3}\b|[A-Z]\.))"
)
_ENTRY_YEAR = re.compile(rf"\b(?P<year>{_YEAR})(?P<suffix>[a-z]?)\b")


class _AuthorDateIndex:
    """Entries keyed by first author's family name and year, for author-date markers.

    Built as it is asked: a numbered article's narrative candidates ("Smith (2020)") need
    only the entries of their years, so the family names (the costly part) are read for
    those entries alone; :meth:`knows` reads them all.
    """

    def __init__(self, references: Sequence[Reference]) -> None:
        self._references = references
        self._by_parsed_year: dict[str, list[int]] | None = None
        self._unparsed: list[int] = []
        self._by_key: dict[tuple[str, str], list[Reference]] = {}
        self._years_keyed: set[str] = set()
        self._families: set[str] | None = None

    def _of_year(self, year: str) -> list[tuple[Reference, str]]:
        """The entries whose year (:func:`_entry_year`) is ``year``, with their suffix, in
        list order.

        An entry's year is its parsed one when it has one, else the first year its text
        holds: only entries parsed with ``year``, or unparsed ones whose text holds it, are
        read (reading every entry's text for its year is what a numbered article's few
        narrative candidates cost most).
        """
        if self._by_parsed_year is None:
            self._by_parsed_year = {}
            for i, reference in enumerate(self._references):
                parsed = reference.fields.year
                if parsed:
                    self._by_parsed_year.setdefault(str(parsed), []).append(i)
                else:
                    self._unparsed.append(i)
        held = [i for i in self._unparsed if year in self._references[i].text]
        found = []
        for i in sorted([*self._by_parsed_year.get(year, ()), *held]):
            entry_year, suffix = _entry_year(self._references[i])
            if entry_year == year:
                found.append((self._references[i], suffix))
        return found

    def _keyed(self, year: str) -> dict[tuple[str, str], list[Reference]]:
        """Entries by (family, year[suffix]), with the entries of ``year`` in."""
        if year not in self._years_keyed:
            self._years_keyed.add(year)
            by_key = self._by_key
            for reference, suffix in self._of_year(year):
                for family in _entry_families(reference):
                    by_key.setdefault((family, year), []).append(reference)
                    if suffix:
                        by_key.setdefault((family, year + suffix), []).append(reference)
        return self._by_key

    def knows(self, family: str) -> bool:
        """True when some entry's first author has this family name."""
        if self._families is None:
            self._families = {f for r in self._references for f in _entry_families(r)}
        families = self._families
        return _last_name_key(family) in families or fold_name(family) in families

    def link(self, key: tuple[str, str, str | None]) -> str:
        """The label of the entry ``(family, year[suffix], second author)`` names, or ``""``."""
        family, year_text, second = key
        parsed = _YEAR_SPLIT.fullmatch(year_text)
        if parsed is None:
            return ""
        year, suffix = parsed.group("year"), parsed.group("suffix")
        by_key = self._keyed(year)
        for name in dict.fromkeys((fold_name(family), _last_name_key(family))):
            exact = by_key.get((name, year + suffix)) if suffix else None
            if exact:
                return exact[0].label
            candidates = by_key.get((name, year), [])
            if second and len(candidates) > 1:
                folded = fold_name(second)
                narrowed = [r for r in candidates if _has_author(r, folded)]
                candidates = narrowed or candidates
            if suffix:
                # "2020b" is the second entry for that author and year, in list order.
                position = ord(suffix) - ord("a")
                if position < len(candidates):
                    return candidates[position].label
                continue
            if candidates:
                return candidates[0].label
        return ""


def _last_name_key(family: str) -> str:
    """The last word of a family name, folded ("van der Berg" -> "berg")."""
    return fold_name(family.split()[-1]) if family.split() else ""


def _entry_year(reference: Reference) -> tuple[str, str]:
    """(year, suffix) of an entry: the year read from its text ("2020", "a" for 2020a)
    when it agrees with the parsed one (or none was parsed), else the parsed year.
    """
    fields = reference.fields
    year = str(fields.year) if fields.year else ""
    suffix = ""
    text_year = _ENTRY_YEAR.search(reference.text)
    if text_year and (not year or text_year.group("year") == year):
        year, suffix = text_year.group("year"), text_year.group("suffix")
    return year, suffix


def _entry_families(reference: Reference) -> tuple[str, ...]:
    """Folded first-author family names of an entry, from its parsed fields and its text.

    The family is read both ways, from the parsed first author and from the entry's first
    word, so an entry whose author list was misread ("Blackburn EH, Rowley JD: Title")
    still links to "Blackburn and Rowley (2004)".
    """
    families: list[str] = []
    if reference.fields.authors:
        families.append(fold_name(reference.fields.authors[0].family))
    found = _ENTRY_FAMILY.match(reference.text)
    if found:
        families.append(fold_name(found.group("family")))
    first = _FIRST_WORD.match(reference.text)
    if first:
        families.append(fold_name(first.group("family")))
    return tuple(dict.fromkeys(f for f in families if f))


def _has_author(reference: Reference, folded_family: str) -> bool:
    """True when the entry lists an author with this (folded) family name."""
    if any(fold_name(a.family) == folded_family for a in reference.fields.authors):
        return True
    return folded_family in fold_name(reference.text[:200])

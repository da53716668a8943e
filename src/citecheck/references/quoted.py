"""Entries with a quoted title: IEEE, MLA, Chicago notes-bibliography, Harvard."""

from __future__ import annotations

import re

from citecheck.references.authors import looks_like_authors
from citecheck.references.draft import ANY_YEAR, YEAR, Draft
from citecheck.references.locators import read_tail
from citecheck.references.styles import guess_quoted_style
from citecheck.text import lazy_pattern

# Every form opens with a quote mark (matched first, so the search skips to the marks).
_QUOTED = re.compile(
    r"[\"“‘'](?:"
    r"(?<=[\"“])(?P<title>[^\"“”]{3,}?)[,.]?[\"”]"
    # Single quotes, not after a letter: the title closes at the quote followed by a
    # comma or stop, so an apostrophe inside it ("Smokers’ Paradoxical Reactions") does
    # not end it.
    r"|(?<=[‘'])(?<!\w[‘'])(?P<title2>[^‘]{3,}?)[,.]?[’'](?=[,.](?:\s|$)|\s*$)"
    r"|(?<=[‘'])(?<!\w[‘'])(?P<title3>[^‘’']{3,}?)[,.]?[’'](?![\w])"
    r")"
)
# The patterns of what an entry with a quoted title holds compile when the first such
# entry is read (lazy_pattern): most lists have none.
_YEAR_AT_END = lazy_pattern(r"\(?(?P<year>" + YEAR + r")[a-z]?\)?\.?$")
_YEAR_ONLY = lazy_pattern(YEAR)
# "Morris, J. E. (2019). When “Patient-Centered” is Not Enough": an author-date title
# that quotes a phrase, not a quoted title.
_YEAR_THEN_TITLE = lazy_pattern(r"\(" + YEAR + r"[a-z]?\)\.?\s+\S")
# "‘After the stroke’: patients' and carers' experiences": a title that opens with a
# quotation goes on after the closing quote, so the quote is not the whole title.
_TITLE_GOES_ON = lazy_pattern(r"\s*[:?!-]\s*[\w‘'“\"]")
_FINAL_INITIAL = re.compile(r"(?:^|[\s.-])[A-Z][a-z]?\.$")
_PAREN_ISSUE = lazy_pattern(r"\b\d+\s*\((?P<v>[^()]{1,12})\)")
_VOLUME = lazy_pattern(r"\b[Vv]ol\.\s*(?P<v>\w+)")
_ISSUE = lazy_pattern(r"\b[Nn]o\.\s*(?P<v>\w+)")
_PAGES = lazy_pattern(r"\bpp?\.\s*(?P<v>[A-Za-z]{0,2}\d+[\w.]*(?:-[A-Za-z]{0,2}\d+\w*)?)")
_COLON_PAGES = lazy_pattern(r":\s*(?P<v>[A-Za-z]{0,2}\d+[\w.]*(?:-[A-Za-z]{0,2}\d+\w*)?)")
_BARE_NUMBER_VOLUME = lazy_pattern(r"^[^\d]*?\s(?P<v>\d+)\s*(?:\((?P<i>[^()]+)\))?\s*[,:(]")
# The journal runs up to ", vol.", ", 77", " 77 (4):" or the end: "J. Clin. Psychiatry, vol. 77".
_JOURNAL_HEAD = lazy_pattern(
    r"^\s*(?:[Ii]n:?\s+)?(?P<j>[^\d(]+?)\s*"
    r"(?:,\s*(?=vol\b|no\b|pp?\b|\d|[A-Z][a-z]{2}\.?\s+\d)|\s+(?=\d+\s*(?:[,(:]|$))|\(|$)"
)


def read_quoted(rest: str) -> Draft | None:
    """Entries with a quoted title: IEEE, MLA, Chicago notes-bibliography, Harvard."""
    match = _QUOTED.search(rest)
    if match is None:
        return None
    before = _strip_end(rest[: match.start()])
    if _YEAR_THEN_TITLE().search(before) or _TITLE_GOES_ON().match(rest, match.end()):
        return None
    after = rest[match.end() :].strip().lstrip(".,").strip()
    year: int | None = None
    year_in_head = _YEAR_AT_END().search(before)
    if year_in_head:
        year = int(year_in_head.group("year"))
        before = _strip_end(before[: year_in_head.start()])
    if before and not looks_like_authors(before):
        return None
    if year is None:
        years = ANY_YEAR.findall(after)
        year = int(years[-1]) if years else None
    title = match.group("title") or match.group("title2") or match.group("title3")
    draft = Draft(
        style=guess_quoted_style(before, after, year_in_head.group(0) if year_in_head else ""),
        parsed=False,
        authors_text=before,
        year=year,
        title=title.strip().rstrip(",."),
    )
    return _read_source(draft, after)


def _strip_end(text: str) -> str:
    """Drop closing commas and full stops, keeping the stop of a final initial ("G.")."""
    text = text.strip().rstrip(",").strip()
    if _FINAL_INITIAL.search(text):
        return text
    return text.rstrip(".,").strip()


def _read_source(draft: Draft, source: str) -> Draft:
    """Journal, volume, issue and pages from the part after a quoted title."""
    head = _JOURNAL_HEAD().match(source)
    journal = head.group("j") if head else None
    volume = _first(_VOLUME(), source)
    issue = _first(_ISSUE(), source)
    pages = _first(_PAGES(), source) or _first(_COLON_PAGES(), source)
    bare = _BARE_NUMBER_VOLUME().match(source)
    if volume is None and bare and not _YEAR_ONLY().fullmatch(bare.group("v")):
        volume = bare.group("v")
        issue = issue or bare.group("i")
    if issue is None:
        paren = _PAREN_ISSUE().search(source)
        if paren and not _YEAR_ONLY().fullmatch(paren.group("v")):
            issue = paren.group("v")
    if pages is None:
        tail = read_tail(source)
        pages = tail.pages if tail else None
    parsed = bool(journal and draft.year and (volume or pages))
    return Draft(
        style=draft.style,
        parsed=parsed,
        authors_text=draft.authors_text,
        year=draft.year,
        title=draft.title,
        journal=journal,
        volume=volume,
        issue=issue,
        pages=pages,
        nlm=draft.nlm,
    )


def _first(pattern: re.Pattern[str], text: str) -> str | None:
    """The first capture ``v`` of ``pattern`` in ``text``."""
    match = pattern.search(text)
    return match.group("v") if match else None

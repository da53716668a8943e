"""One reference entry -> style and fields (authors, year, title, journal, locator, identifiers)."""

from __future__ import annotations

import re
from collections.abc import Callable

from citecheck.model import ReferenceFields, Style
from citecheck.references.authors import looks_like_authors, split_authors
from citecheck.references.draft import ANY_YEAR, YEAR, Draft
from citecheck.references.identifiers import extract_identifiers
from citecheck.references.linked import plain_links
from citecheck.references.locators import (
    first_sentence,
    read_tail,
    read_vancouver_locator,
    split_title_journal,
)
from citecheck.references.quick import collapsed
from citecheck.references.quoted import read_quoted
from citecheck.references.styles import guess_author_year_style
from citecheck.text import lazy_pattern

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")
# Compiled when first needed (lazy_pattern): for an entry with markup in it, a title
# ending in a short word, a book, a leftover; most entries are none of them.
_MARKUP = lazy_pattern(r"</?(?:i|em|b|strong|sup|sub|span)>|\*+|(?<!\w)_+|_+(?!\w)")
_VANCOUVER_YEAR = re.compile(
    # "Journal. 2008;44:77" and, without the stop, "Cell Calcium 2008;44(1): 77-91"
    # (a stop, or a space after a letter, matched first so the search skips to them)
    r"[.\s](?:(?<=\.)|(?<=[A-Za-z]\s))\s*(?P<year>"
    + YEAR
    + r")[a-z]?(?:\s+[A-Z][a-z]{2}(?:\s*\d{1,2})?(?:\s*-\s*[A-Z][a-z]{2})?)?"
    r"\s*;\s*(?P<locator>[^;]*?)(?:\.\s|\.?$)"
)
_PAREN_YEAR = re.compile(
    r"\((?P<year>" + YEAR + r"|n\.\s?d)[a-z]?(?:,[^()]*)?\.?\)(?P<dot>\.?)", re.IGNORECASE
)
# "Hinton, Geoffrey. 2015. Title" (Chicago) and "Hinton, G., 2015. Title" (Harvard).
_BARE_YEAR = re.compile(r"[.,]\s+(?P<year>" + YEAR + r")[a-z]?\.\s+")
_INNER_STOP = re.compile(r"\w\.\s")
_SHORT_LAST_WORD = lazy_pattern(r"(?:^|\s)[A-Z][a-z]{0,3}\.$")
_NUMBERS_ONLY = lazy_pattern(r"[\d\s.;:()-]+")
_IN_PRESS = lazy_pattern(r"[.,]?\s*\b(?:in press|forthcoming|accepted)\b\.?\s*$", re.IGNORECASE)
_PUBLISHER = lazy_pattern(
    r"[,:]|\b(?:Press|Publish\w*|Inc|Ltd|LLC|Books?|Wiley|Springer|Elsevier|Routledge|Sage|"
    r"Norton|Penguin|Random House|Thesis|Dissertation|University|Available)\b",
    re.IGNORECASE,
)


def parse_entry(text: str) -> tuple[Style, bool, ReferenceFields]:
    """Read one reference entry: its style, whether it parsed fully, and the fields found."""
    written = _unmarked(text)
    clean = written if written.isascii() else _DASHES.sub("-", written)
    ids = extract_identifiers(clean)
    draft = _read(ids.rest)
    authors, et_al = split_authors(draft.authors_text) if draft.authors_text else ((), False)
    style = Style.AMA if draft.nlm and _is_ama(clean, draft.pages) else draft.style
    fields = ReferenceFields(
        authors=authors,
        et_al=et_al,
        year=draft.year,
        title=_tidy(_as_written(draft.title, clean, written)),
        journal=_tidy_journal(draft.journal),
        volume=_tidy(draft.volume),
        issue=_tidy(draft.issue),
        pages=_tidy(draft.pages.replace(" ", "")) if draft.pages else None,
        doi=ids.doi,
        pmid=ids.pmid,
        pmcid=ids.pmcid,
        url=ids.url,
    )
    return style, draft.parsed, fields


def clean_entry(text: str) -> str:
    """Markup links as ``text <url>``; drop emphasis markup, unify dashes to '-', collapse whitespace."""
    text = _unmarked(text)
    return text if text.isascii() else _DASHES.sub("-", text)


def _unmarked(text: str) -> str:
    """The entry without markup and with whitespace collapsed, its dashes as written."""
    text = plain_links(text)
    if "*" in text or "_" in text or "<" in text:
        text = _MARKUP().sub("", text)
    return collapsed(text)


def _as_written(value: str | None, clean: str, written: str) -> str | None:
    """A field read from the dash-unified entry, with its dashes as the entry wrote them.

    Unifying dashes is one character for one, so the field sits at the same offsets.
    """
    if not value or clean == written:
        return value
    start = clean.find(value)
    return written[start : start + len(value)] if start != -1 else value


def _tidy(value: str | None) -> str | None:
    """Strip spaces and stray punctuation around a field; empty becomes None."""
    if value is None:
        return None
    value = value.strip(" ,;:").strip()
    if value.endswith(".") and not value.endswith(("”.", '".')):
        value = value[:-1]
    return value or None


def _tidy_journal(value: str | None) -> str | None:
    """Like :func:`_tidy`, but an abbreviated name keeps its last stop ("Mach. Intell.")."""
    if value is None:
        return None
    value = value.strip(" ,;:").strip()
    if value.endswith(".") and (_INNER_STOP.search(value) or _SHORT_LAST_WORD().search(value)):
        return value
    return _tidy(value)


def _read(rest: str) -> Draft:
    """Try each style reader in turn; keep what can be found when none fits."""
    readers: tuple[Callable[[str], Draft | None], ...] = (
        read_quoted,
        _read_vancouver,
        _read_author_year,
    )
    for reader in readers:
        draft = reader(rest)
        if draft is not None:
            return draft
    return _read_leftover(rest)


def _read_vancouver(rest: str) -> Draft | None:
    """``Authors. Title. Journal. YEAR;VOL(ISSUE):PAGES.`` (Vancouver/NLM and AMA)."""
    match = _VANCOUVER_YEAR.search(rest) if ";" in rest else None
    if match is None:
        return None
    head = rest[: match.start()]
    # Vancouver initials carry no full stops, so the first one ends the author list.
    authors_text, _, body = head.partition(". ")
    if not body or not looks_like_authors(authors_text):
        return None
    title, journal = split_title_journal(body)
    locator = read_vancouver_locator(match.group("locator"))
    pages = locator.pages
    return Draft(
        style=Style.VANCOUVER,
        nlm=True,
        parsed=bool(title and journal),
        authors_text=authors_text,
        year=int(match.group("year")),
        title=title,
        journal=journal,
        volume=locator.volume,
        issue=locator.issue,
        pages=pages,
    )


def _is_ama(rest: str, pages: str | None) -> bool:
    """AMA writes ``doi:10.`` and full page ranges ("1032-1039"); NLM shortens ("1032-9")."""
    if "doi:10." in rest:
        return True
    if "doi: 10." in rest or not pages or "-" not in pages:
        return False
    first, last = pages.split("-", 1)
    return (
        len(first) == len(last) > 1 and first.isdigit() and last.isdigit() and first[0] == last[0]
    )


def _read_author_year(rest: str) -> Draft | None:
    """``Authors (YEAR). Title. Journal, VOL(ISSUE), PAGES.`` and its PLOS/Harvard/Chicago kin."""
    match = _PAREN_YEAR.search(rest) or _BARE_YEAR.search(rest)
    if match is None:
        return None
    authors_text = rest[: match.start()].strip().rstrip(",")
    if not authors_text or not looks_like_authors(authors_text):
        return None
    body = rest[match.end() :].strip().lstrip(".,").strip()
    style = guess_author_year_style(authors_text, match.group(0))
    year = int(match.group("year")) if match.group("year")[0].isdigit() else None  # "n.d."
    tail = read_tail(body)
    if tail is None:
        # A book, a chapter, a web page, or an article without its locator.
        book_title, more = first_sentence(body)
        more = _IN_PRESS().sub("", more).strip().rstrip(".")
        # Only the PLOS author-year form drops the locator of a journal article; in
        # APA, Harvard and Chicago text after the title without one is a publisher.
        plain = (
            style is Style.VANCOUVER
            and bool(more)
            and len(more) < 80
            and not _PUBLISHER().search(more)
        )
        chapter = more.startswith("In")
        return Draft(
            style=style,
            parsed=bool(book_title) and not chapter,
            authors_text=authors_text,
            year=year,
            title=book_title or None,
            journal=more if plain and not chapter else None,
        )
    title, journal = split_title_journal(body[: tail.start])
    return Draft(
        style=style,
        parsed=bool(title and journal),
        authors_text=authors_text,
        year=year,
        title=title,
        journal=journal,
        volume=tail.volume,
        issue=tail.issue,
        pages=tail.pages,
    )


def _read_leftover(rest: str) -> Draft:
    """No style fits: keep a year and a plausible author segment and title, unparsed."""
    years = ANY_YEAR.findall(rest)
    head, body = first_sentence(rest)
    authors_text = head if body and looks_like_authors(head) and len(head) < 200 else ""
    title = None
    if authors_text:
        title, _ = first_sentence(body)
        title = title if len(title) > 3 and not _NUMBERS_ONLY().fullmatch(title) else None
    return Draft(
        style=Style.UNKNOWN,
        parsed=False,
        authors_text=authors_text,
        year=int(years[0]) if years else None,
        title=title,
    )

"""The reference entry against the matched record, field by field."""

from __future__ import annotations

import re

from rapidfuzz import fuzz

from citecheck import journals
from citecheck.compare.cited import year_severity, years_text
from citecheck.compare.claims import NAME_TYPO
from citecheck.compare.codes import Code, E, W, entry_finding
from citecheck.model import Finding, Reference, Resolution, Status, Work
from citecheck.text import family_key, padded_words, shortens_title, title_similarity

# Title similarity (0..1) at or above which titles agree, and below which they clash.
_TITLE_SAME = 0.90
_TITLE_CLASH = 0.60


def entry_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    """The entry's fields and DOI against the resolution (suggestions are attached later)."""
    if resolution is None:
        return []
    found = _doi_findings(ref, resolution)
    work = resolution.work
    if resolution.status == Status.MATCHED and work is not None and ref.parsed:
        found.extend(
            f
            for f in (
                _entry_year(ref, work),
                _entry_journal(ref, work),
                _entry_title(ref, work),
                _entry_authors(ref, work),
                _entry_plain(ref, "volume", ref.fields.volume, work.volume),
                _entry_plain(ref, "issue", ref.fields.issue, work.issue),
                _entry_pages(ref, work),
            )
            if f is not None
        )
    if work is not None:
        found = [f for f in found if not _written_in_entry(ref, f.field, work)]
    return found


_LINK = re.compile(r"(?:https?://\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+)", re.IGNORECASE)


def _written_in_entry(ref: Reference, field: str | None, work: Work) -> bool:
    """True when the entry's own text already gives the record's value for ``field``.

    The disagreement is then in how citecheck read an unusual entry (a dotted
    abbreviation, an apostrophe in a quoted title, a compound surname, "13,771-13,794"),
    not in what the author wrote: never accuse on it. Years, issues and short volumes
    are left out, as they can turn up by coincidence.
    """
    values: list[str | None]
    if field == "journal":
        values = [work.journal, *work.short_journals]
    elif field == "title":
        values = [work.title, work.full_title]
    elif field == "authors":
        return _gives_authors_in_order(ref.text, [a.family for a in work.authors[:3]])
    elif field == "pages":
        values = [work.pages]
    elif field == "volume" and work.volume and not work.volume.isdigit():
        # Only a volume that is not a plain number ("130-134", "Suppl 2"): a plain number
        # turns up elsewhere in an entry by coincidence (a year, a last page).
        values = [work.volume]
    else:
        return False
    text = padded_words(_LINK.sub(" ", ref.text))
    return any(v and len(padded_words(v)) > 3 and padded_words(v) in text for v in values)


def _gives_authors_in_order(text: str, families: list[str]) -> bool:
    """True when ``text`` names each of ``families`` in that order.

    All the names in another order ("Smith B, Müller A" for Müller and Smith) is the
    entry's error, a wrong first author, not a misread of it.
    """
    padded = padded_words(text)
    position = 0
    for family in families:
        found = padded.find(padded_words(family), position)
        if found < 0:
            return False
        position = found + 1
    return bool(families)


def _doi_findings(ref: Reference, resolution: Resolution) -> list[Finding]:
    stated = ref.fields.doi
    if not stated:
        return []
    if resolution.doi_status == "not_found":
        message = f"The DOI given for reference [{ref.label}] ({stated}) is not registered."
        return [entry_finding(Code.REF_DOI_NOT_FOUND, ref, message, field="doi", stated=stated)]
    work = resolution.work
    if resolution.status == Status.MATCHED and work and work.doi.casefold() != stated.casefold():
        elsewhere = resolution.doi_work
        points = (
            f' "{elsewhere.full_title}"' if elsewhere and elsewhere.full_title else " another work"
        )
        message = f"The DOI given for reference [{ref.label}] points to{points}; the cited work is doi:{work.doi}."
        return [
            entry_finding(
                Code.REF_DOI_MISMATCH, ref, message, field="doi", stated=stated, actual=work.doi
            )
        ]
    return []


def _entry_year(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.year
    severity = year_severity(stated, work.years) if stated else None
    if severity is None:
        return None
    actual = years_text(work)
    message = f"Reference [{ref.label}] gives the year {stated}; the record says {actual}."
    return entry_finding(
        Code.REF_YEAR, ref, message, severity, field="year", stated=str(stated), actual=actual
    )


def _entry_journal(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.journal
    if not stated or not work.journal or journals.matches_work(stated, work):
        return None
    message = f"Reference [{ref.label}] names the journal {stated}; the record says {work.journal}."
    return entry_finding(
        Code.REF_JOURNAL, ref, message, field="journal", stated=stated, actual=work.journal
    )


def _entry_title(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.title
    if not stated or not work.title:
        return None
    if ref.fields.url and not ref.fields.authors and shortens_title(stated, work):
        # A link-only entry: its title is link text, often the record's title cut short.
        return None
    score = title_similarity(stated, work)
    if score is None or score >= _TITLE_SAME:
        return None
    severity = E if score < _TITLE_CLASH else W
    actual = work.full_title or work.title
    message = f'Reference [{ref.label}] gives the title differently from the record ("{actual}").'
    return entry_finding(
        Code.REF_TITLE, ref, message, severity, field="title", stated=stated, actual=actual
    )


def _entry_authors(ref: Reference, work: Work) -> Finding | None:
    stated, actual = ref.fields.authors, work.authors
    if not stated or not actual:
        return None
    first, real = stated[0].family, actual[0].family
    if family_key(first) != family_key(real):
        if fuzz.ratio(family_key(first), family_key(real)) >= NAME_TYPO:
            message = (
                f"Reference [{ref.label}] spells the first author {first}; the record says {real}."
            )
            return entry_finding(
                Code.REF_AUTHORS, ref, message, W, field="authors", stated=first, actual=real
            )
        message = f"Reference [{ref.label}] gives {first} as first author; the record says {real}."
        return entry_finding(
            Code.REF_AUTHORS, ref, message, E, field="authors", stated=first, actual=real
        )
    keys = [family_key(a.family) for a in actual]
    known = [
        a for a in stated if any(fuzz.ratio(family_key(a.family), k) >= NAME_TYPO for k in keys)
    ]
    if len(stated) >= 3 and len(known) * 2 < len(stated):
        names = ", ".join(a.family for a in stated)
        real_names = ", ".join(a.family for a in actual[: len(stated)])
        message = f"Reference [{ref.label}] lists authors the record does not ({names}; the record has {real_names})."
        return entry_finding(
            Code.REF_AUTHORS, ref, message, field="authors", stated=names, actual=real_names
        )
    return None


def _plain_key(value: str) -> str:
    return re.sub(r"^0+(?=\w)", "", re.sub(r"\s+", "", value).casefold())


def _entry_plain(
    ref: Reference, field: str, stated: str | None, actual: str | None
) -> Finding | None:
    if not stated or not actual or _plain_key(stated) == _plain_key(actual):
        return None
    message = f"Reference [{ref.label}] gives {field} {stated}; the record says {actual}."
    return entry_finding(
        Code(f"ref-{field}"), ref, message, field=field, stated=stated, actual=actual
    )


def page_range(pages: str) -> tuple[str, str | None]:
    """First and last page of "401-409", "401-9", "e471–e477", "104717" (last None when absent)."""
    text = re.sub(r"^\s*(?:pp?\.?\s*)", "", pages.strip(), flags=re.IGNORECASE).casefold()
    parts = [p.strip() for p in re.split(r"\s*[-\u2010-\u2015\u2212]+\s*", text, maxsplit=1)]
    first = parts[0]
    if len(parts) == 1 or not parts[1]:
        return first, None
    last = parts[1]
    # "401-9" abbreviates the last page: take the missing leading digits from the first.
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def _numbered_by_doi(stated: str, doi: str) -> bool:
    """An article number the DOI itself carries ("8347120" of 10.1155/2018/8347120), where the
    record gives only a page count ("1-6"): the entry cites the work by its number.
    """
    number = stated.strip().lower().removeprefix("e")
    tail = re.split(r"[/.]", doi.lower())[-1] if doi else ""
    return len(number) >= 4 and number.isdigit() and number == tail


def _entry_pages(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.pages
    actual = work.pages or work.article_number
    if not stated or not actual:
        return None
    if work.article_number and _plain_key(stated) == _plain_key(work.article_number):
        return None
    if _numbered_by_doi(stated, work.doi):
        return None
    s_first, s_last = page_range(stated)
    a_first, a_last = page_range(actual)
    # Some publishers deposit the first page only: then only the first page can be judged.
    agrees = s_first == a_first and (a_last is None or s_last is None or s_last == a_last)
    if agrees:
        return None
    message = f"Reference [{ref.label}] gives pages {stated}; the record says {actual}."
    return entry_finding(Code.REF_PAGES, ref, message, field="pages", stated=stated, actual=actual)

"""Crossref work records (the ``message`` of ``/works/{doi}``) and CSL-JSON -> :class:`Work`."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from citecheck.model import Author, Update, Work
from citecheck.text import normalise_doi, strip_markup

__all__ = ["normalise_doi", "strip_markup", "work_from_csl", "work_from_record", "works_from_list"]


def _first(value: Any) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    text = strip_markup(str(value))
    return text or None


def _strings(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        value = [value] if value else []
    return tuple(s for s in (strip_markup(str(v)) for v in value) if s)


def _year(record: Mapping[str, Any], key: str) -> int | None:
    parts = record.get(key)
    if not isinstance(parts, Mapping):
        return None
    date_parts: Any = parts.get("date-parts")
    try:
        year = date_parts[0][0]
        return int(year) if year else None
    except (TypeError, IndexError, KeyError, ValueError):
        return None


def _authors(value: Any) -> tuple[Author, ...]:
    authors = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, Mapping):
            continue
        family = item.get("family") or item.get("name") or item.get("literal")
        if family:
            authors.append(
                Author(family=str(family).strip(), given=str(item.get("given") or "").strip())
            )
    return tuple(authors)


def _updates(value: Any) -> tuple[Update, ...]:
    updates = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, Mapping) or not item.get("DOI"):
            continue
        updates.append(
            Update(
                type=str(item.get("type") or "").lower().replace("-", "_"),
                doi=normalise_doi(str(item["DOI"])),
                source=item.get("source"),
                year=_year(item, "updated"),
            )
        )
    return tuple(updates)


def _str(value: Any) -> str | None:
    if value is None or value == "":
        return None
    return str(value).strip() or None


def work_from_record(record: Mapping[str, Any]) -> Work:
    """A normalised :class:`Work` from a Crossref work record (or a whole ``work`` envelope)."""
    if record.get("message-type") == "work" and isinstance(record.get("message"), Mapping):
        record = record["message"]
    year_print = _year(record, "published-print")
    year_online = _year(record, "published-online")
    year = _year(record, "issued") or _year(record, "published") or year_print or year_online
    article_number = _str(record.get("article-number"))
    abstract = record.get("abstract")
    return Work(
        doi=normalise_doi(str(record.get("DOI") or "")),
        type=_str(record.get("type")),
        subtype=_str(record.get("subtype")),
        title=_first(record.get("title")),
        subtitle=_first(record.get("subtitle")),
        authors=_authors(record.get("author")),
        journal=_first(record.get("container-title")),
        short_journals=_strings(record.get("short-container-title")),
        issns=tuple(str(i).upper() for i in record.get("ISSN") or [] if i),
        year=year,
        year_print=year_print,
        year_online=year_online,
        volume=_str(record.get("volume")),
        issue=_str(record.get("issue")),
        pages=_str(record.get("page")) or article_number,
        article_number=article_number,
        publisher=_str(record.get("publisher")),
        abstract=strip_markup(abstract) if isinstance(abstract, str) else None,
        updated_by=_updates(record.get("updated-by")),
        update_to=_updates(record.get("update-to")),
        raw=dict(record),
    )


def work_from_csl(item: Mapping[str, Any]) -> Work:
    """A :class:`Work` from CSL-JSON (DOI content negotiation, DataCite/mEDRA DOIs)."""

    def csl_year(key: str) -> int | None:
        return _year(item, key)

    container = item.get("container-title")
    return Work(
        doi=normalise_doi(str(item.get("DOI") or "")),
        type=_str(item.get("type")),
        title=_first(item.get("title")),
        subtitle=_first(item.get("subtitle")),
        authors=_authors(item.get("author")),
        journal=_first(container),
        short_journals=_strings(item.get("container-title-short")),
        issns=_strings(item.get("ISSN")),
        year=csl_year("issued"),
        year_print=csl_year("published-print"),
        year_online=csl_year("published-online"),
        volume=_str(item.get("volume")),
        issue=_str(item.get("issue")),
        pages=_str(item.get("page")),
        publisher=_str(item.get("publisher")),
        raw=dict(item),
    )


def works_from_list(envelope: Mapping[str, Any]) -> Sequence[tuple[Work, float | None]]:
    """Works and raw scores from a ``work-list`` envelope (or its ``message``)."""
    message = envelope.get("message", envelope)
    items = message.get("items") if isinstance(message, Mapping) else None
    result = []
    for item in items if isinstance(items, list) else []:
        if isinstance(item, Mapping) and item.get("DOI"):
            score = item.get("score")
            result.append((work_from_record(item), float(score) if score is not None else None))
    return result

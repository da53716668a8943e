"""RIS records (DOI content negotiation, ``application/x-research-info-systems``) -> CSL-JSON.

Crossref, DataCite and mEDRA all answer content negotiation with RIS. citecheck asks for
RIS through habanero (whose CSL-JSON path ignores the base URL it is given) and turns the
answer into the CSL-JSON shape the rest of the resolver and the cache already read.
"""

from __future__ import annotations

import re
from typing import Any

from citecheck.text import RECORD_YEAR

_LINE = re.compile(r"^(?P<tag>[A-Z][A-Z0-9])  -(?: (?P<value>.*))?$")
_TYPES = {
    "JOUR": "article-journal",
    "EJOUR": "article-journal",
    "DATA": "dataset",
    "BOOK": "book",
    "CHAP": "chapter",
    "CONF": "paper-conference",
    "CPAPER": "paper-conference",
    "RPRT": "report",
    "THES": "thesis",
    "GEN": "article",
}
_YEAR = re.compile(rf"\b({RECORD_YEAR})\b")


def parse_ris(text: str) -> dict[str, list[str]]:
    """Tag -> values for the first record in ``text`` (continuation lines joined)."""
    fields: dict[str, list[str]] = {}
    last: str | None = None
    for raw in text.replace("\r\n", "\n").split("\n"):
        match = _LINE.match(raw.rstrip())
        if match is None:
            if last and raw.strip():
                fields[last][-1] = f"{fields[last][-1]} {raw.strip()}".strip()
            continue
        tag, value = match.group("tag"), (match.group("value") or "").strip()
        if tag == "ER":
            break
        fields.setdefault(tag, []).append(value)
        last = tag
    return fields


def _first(fields: dict[str, list[str]], *tags: str) -> str | None:
    for tag in tags:
        for value in fields.get(tag, []):
            if value:
                return value
    return None


def _author(name: str) -> dict[str, str]:
    family, _, given = name.partition(",")
    if not given and " " in family.strip():
        # "Given Family" written without a comma
        given, _, family = family.strip().rpartition(" ")
    return {"family": family.strip(), "given": given.strip()}


def csl_from_ris(text: str) -> dict[str, Any] | None:
    """A CSL-JSON item from an RIS record; None when the text holds no record."""
    fields = parse_ris(text)
    if not fields or not _first(fields, "TY", "TI", "T1", "DO"):
        return None
    item: dict[str, Any] = {}
    kind = _first(fields, "TY")
    if kind:
        item["type"] = _TYPES.get(kind.upper(), kind.lower())
    simple = {
        "DOI": ("DO",),
        "title": ("TI", "T1"),
        "container-title": ("T2", "JF", "JO", "JA"),
        "volume": ("VL",),
        "issue": ("IS",),
        "publisher": ("PB",),
    }
    for key, tags in simple.items():
        value = _first(fields, *tags)
        if value:
            item[key] = value
    short = _first(fields, "J2", "JA")
    if short and short != item.get("container-title"):
        item["container-title-short"] = short
    authors = [_author(a) for a in fields.get("AU", []) + fields.get("A1", []) if a.strip()]
    if authors:
        item["author"] = authors
    first_page, last_page = _first(fields, "SP"), _first(fields, "EP")
    if first_page:
        item["page"] = f"{first_page}-{last_page}" if last_page else first_page
    date = _first(fields, "PY", "Y1", "DA")
    year = _YEAR.search(date or "")
    if year:
        item["issued"] = {"date-parts": [[int(year.group(1))]]}
    issns = [v for v in fields.get("SN", []) if v]
    if issns:
        item["ISSN"] = issns
    return item

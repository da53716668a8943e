"""Table-driven tests: one reference string in, the fields a reader of that style sees, out.

The table lives in ``tests/fixtures/references/entries.json``. Each row is a real
publication rendered in one style (APA, AMA, Vancouver, Harvard, Chicago, IEEE, MLA):
most rows render Crossref records from the shared snapshot by each style's rules; the
rest are real entries as printed in published reference lists, plus books, a web page
and garbage lines. A field given as ``null`` must come back as ``None``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from citecheck.model import Style
from citecheck.references import parse_entry

TABLE = Path(__file__).parent / "fixtures" / "references" / "entries.json"
ROWS: list[dict[str, Any]] = json.loads(TABLE.read_text(encoding="utf-8"))
FIELDS = ("year", "title", "journal", "volume", "issue", "pages", "doi")


def _id(row: dict[str, Any]) -> str:
    return f"{row['style']}:{row['text'][:40]}"


def test_table_is_big_and_varied() -> None:
    styles = {row["style"] for row in ROWS}
    assert len(ROWS) >= 100
    assert {"apa", "ama", "vancouver", "harvard", "chicago", "ieee", "mla"} <= styles


@pytest.mark.parametrize("row", ROWS, ids=_id)
def test_entry_fields(row: dict[str, Any]) -> None:
    style, parsed, fields = parse_entry(row["text"])
    got = {name: getattr(fields, name) for name in FIELDS}
    want = {name: row[name] for name in FIELDS}
    assert got == want
    first = fields.authors[0].family if fields.authors else ""
    assert first == row["first_author"]
    if not row.get("style_any"):
        assert style == Style(row["style"])
    if row["parsed"] is not None:
        assert parsed is row["parsed"]


@pytest.mark.parametrize("row", [r for r in ROWS if len(r) > 11], ids=_id)
def test_entry_extras(row: dict[str, Any]) -> None:
    _, _, fields = parse_entry(row["text"])
    if "et_al" in row:
        assert fields.et_al is row["et_al"]
    if "authors" in row:
        assert len(fields.authors) == row["authors"]
    if "pmid" in row:
        assert fields.pmid == row["pmid"]
    if "url" in row:
        assert fields.url == row["url"]
    if "first_given" in row:
        assert fields.authors[0].given == row["first_given"]
    if "second_author" in row:
        assert fields.authors[1].family == row["second_author"]
    if "last_author" in row:
        assert fields.authors[-1].family == row["last_author"]

"""``citecheck parse --format json`` writes documents one at a time: the same text as all at once."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.model import Document, InputError, ParsedDocument
from citecheck.parsing import parse, parse_all, read_all
from citecheck.report import render_parse
from citecheck.report.jsonout import parse_chunks, parse_chunks_utf8

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.mark.parametrize("count", [0, 1, 3])
def test_chunks_are_the_whole_compact_rendering(count: int) -> None:
    documents, _ = read_all([str(p) for p in sorted(EXAMPLES.glob("*.md"))][:count])
    parsed = [parse(d) for d in documents]
    assert "".join(parse_chunks(iter(parsed))) == render_parse(parsed, "json")
    utf8 = parse_chunks_utf8(iter(parsed))
    written = b"".join(p if isinstance(p, bytes) else p.encode("utf-8") for p in utf8)
    assert written == render_parse(parsed, "json").encode("utf-8")


def test_parse_all_gives_documents_and_errors_in_input_order(tmp_path: Path) -> None:
    (tmp_path / "empty.md").write_text("")
    good = sorted(EXAMPLES.glob("*.md"))[0]
    paths = [str(tmp_path / "missing.md"), str(good), str(tmp_path / "empty.md")]
    items = list(parse_all(paths))
    assert [type(i) for i in items] == [InputError, ParsedDocument, InputError]
    assert isinstance(items[1], ParsedDocument)
    assert items[1].document.path == str(good)


def test_utf8_chunks_give_text_where_orjson_refuses() -> None:
    """A lone surrogate orjson refuses comes as the standard library's text, as before."""
    document = Document("odd\ud800.md", "text", (1,), "markdown")
    parsed = [ParsedDocument(document, (), ())]
    pieces = list(parse_chunks_utf8(iter(parsed)))
    assert all(isinstance(p, str) for p in pieces)
    assert "".join(pieces) == "".join(parse_chunks(iter(parsed)))

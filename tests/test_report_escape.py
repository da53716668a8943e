"""Text from articles and Crossref is never read as markup or terminal control codes."""

from __future__ import annotations

import csv as csvlib
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from citecheck.compare import CODES
from citecheck.model import DocumentReport, Finding, Report, Severity
from citecheck.report import RENDERERS, render, render_parse
from citecheck.report.csv import cell
from citecheck.report.github import escape_data, escape_property
from citecheck.report.markdown import escape
from citecheck.report.serialize import clean
from test_report_golden import FINDINGS, HOSTILE, build_report

FORBIDDEN = ("\x1b", "\x07", "\x9b", "\u202e", "\x00")


@pytest.mark.parametrize(
    ("text", "keep", "expected"),
    [
        ("plain", False, "plain"),
        ("a\x1b[31mb", False, "a[31mb"),
        ("a\x9b31mb", False, "a31mb"),
        ("line\nnext\tcol", False, "line next col"),
        ("line\nnext", True, "line\nnext"),
        ("rtl\u202eoverride\u2066", False, "rtloverride"),
        ("bell\x07 del\x7f nul\x00", False, "bell del nul"),
        ("Zoë – ketamine’s", False, "Zoë – ketamine’s"),
    ],
)
def test_clean(text: str, keep: bool, expected: str) -> None:
    assert clean(text, keep_newlines=keep) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "' =1"),
        ("\x1b=1", "'=1"),
        ("  =1", "'  =1"),
        ("Smith", "Smith"),
        (None, ""),
        (42, "42"),
    ],
)
def test_csv_cell(value: object, expected: str) -> None:
    assert cell(value) == expected


@pytest.mark.parametrize(
    ("text", "data", "prop"),
    [
        ("50% off", "50%25 off", "50%25 off"),
        ("a\r\nb", "a%0D%0Ab", "a%0D%0Ab"),
        ("a:b,c", "a:b,c", "a%3Ab%2Cc"),
    ],
)
def test_github_escapes(text: str, data: str, prop: str) -> None:
    assert escape_data(text) == data
    assert escape_property(text) == prop


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<script>alert(1)</script>", "&lt;script&gt;alert\\(1\\)&lt;/script&gt;"),
        ("*bold* _it_ `code` [a](b)", "\\*bold\\* \\_it\\_ \\`code\\` \\[a\\]\\(b\\)"),
        ("a | b", "a \\| b"),
        ("ping @octocat", "ping &#64;octocat"),
        ("Tom & Jerry", "Tom &amp; Jerry"),
        (None, ""),
    ],
)
def test_markdown_escape(text: str | None, expected: str) -> None:
    assert escape(text) == expected


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_no_control_characters_in_any_format(fmt: str) -> None:
    out = render(build_report(), fmt)
    for bad in FORBIDDEN:
        assert bad not in out


def test_table_does_not_interpret_rich_markup_even_in_colour(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    out = render(build_report(), "table", color=True)
    assert "\x1b[" in out  # our own styling is there
    assert "[bold red]X[/]" in out
    assert "\x1b[31m =cmd" not in out


def test_table_honours_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert "\x1b" not in render(build_report(), "table", color=True)


def test_table_summary_line() -> None:
    last = render(build_report(), "table").splitlines()[-1]
    assert last == "5 errors, 3 warnings, 1 unverified; 4 references checked in 1 document"


def test_markdown_has_no_raw_html() -> None:
    out = render(build_report(), "markdown")
    assert "<script>" not in out
    assert "&lt;script&gt;" in out


def test_junit_keeps_hostile_text_as_text() -> None:
    root = ET.fromstring(render(build_report(), "junit").split("\n", 1)[1])
    assert root.find(".//script") is None
    outs = [e.text or "" for e in root.iter("system-out")]
    assert any("<script>" in text for text in outs)
    suite = root.find("testsuite")
    assert suite is not None
    assert suite.get("tests") == "5"
    assert suite.get("failures") == "2"


def test_json_is_versioned_and_round_trips_hostile_title() -> None:
    data = json.loads(render(build_report(), "json"))
    assert data["version"] == 1
    record = data["documents"][0]["references"][1]["record"]
    assert record["title"] == clean(HOSTILE)
    assert data["summary"]["errors"] == 5
    assert [f["code"] for f in data["documents"][0]["findings"]] == [f.code for f in FINDINGS]


def test_parse_json_has_no_resolution_keys() -> None:
    report = build_report()
    data = json.loads(render_parse([report.documents[0].parsed], "json"))
    assert set(data) == {"version", "documents"}
    reference = data["documents"][0]["references"][0]
    assert "resolution" not in reference and "record" not in reference
    assert "findings" not in data["documents"][0]


def test_sarif_rules_and_locations() -> None:
    log = json.loads(render(build_report(), "sarif"))
    run = log["runs"][0]
    assert log["version"] == "2.1.0"
    assert [r["id"] for r in run["tool"]["driver"]["rules"]] == list(CODES)
    assert len(run["results"]) == len(FINDINGS)
    first = run["results"][0]
    assert first["level"] == "error"
    assert first["locations"][0]["physicalLocation"] == {
        "artifactLocation": {"uri": "articles/sample.md"},
        "region": {"startLine": 5},
    }
    levels = {r["ruleId"]: r["level"] for r in run["results"]}
    assert levels["unverified"] == "note"


def test_github_one_line_per_finding_even_with_newlines() -> None:
    finding = Finding("ref-title", Severity.WARNING, "two\nlines", "a,b:c.md", "1", 3)
    report = build_report()
    document = DocumentReport(report.documents[0].parsed, {}, (finding,))
    out = render(Report((document,)), "github")
    assert out == "::warning file=a%2Cb%3Ac.md,line=3,title=ref-title::two lines\n"


def test_csv_rows() -> None:
    rows = list(csvlib.reader(io.StringIO(render(build_report(), "csv"))))
    assert rows[0][:5] == ["path", "label", "line", "severity", "code"]
    assert len(rows) == len(FINDINGS) + 1
    assert rows[5][6].startswith("'=")


def test_unknown_format() -> None:
    with pytest.raises(ValueError, match="unknown format"):
        render(build_report(), "yaml")


def test_schema_doc_lists_every_code() -> None:
    doc = (Path(__file__).parent.parent / "docs" / "json-schema.md").read_text("utf-8")
    documented = re.findall(r"^\| `([a-z-]+)` \| (error|warning|info)", doc, re.MULTILINE)
    assert dict(documented) == {code: sev.value for code, (sev, _) in CODES.items()}


def test_checked_reference_without_resolution_has_null_keys() -> None:
    report = build_report()
    document = DocumentReport(report.documents[0].parsed, {}, ())
    reference = json.loads(render(Report((document,)), "json"))["documents"][0]["references"][0]
    assert reference["resolution"] is None and reference["record"] is None


def _html_tree(out: str):  # type: ignore[no-untyped-def]
    html5lib = pytest.importorskip("html5lib")
    # strict: any HTML5 parse error (a stray tag, a bad attribute) fails the test
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(out)


def test_html_keeps_hostile_text_as_text() -> None:
    out = render(build_report(), "html")
    tree = _html_tree(out)
    assert [e.tag for e in tree.iter("script")] == ["script"]  # only our own filter script
    text = "".join(tree.itertext())
    assert clean(HOSTILE) in text  # "<script>" and rich markup, shown as written
    for element in tree.iter():
        assert not any(name.startswith("on") for name in element.attrib), element.tag
        assert "src" not in element.attrib
        href = element.get("href")
        assert href is None or href.startswith(("https://doi.org/", "#")), href


def test_html_escapes_attributes_and_doi_links() -> None:
    from citecheck.report.html import doi_link, esc

    assert esc('"><img src=x onerror=alert(1)>') == "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;"
    link = doi_link('10.1000/a"b<c> d')
    assert link.startswith('<a href="https://doi.org/10.1000/a%22b')
    assert "%20d" in link and 'a"b' not in link
    assert doi_link(None) == ""


def test_clean_skips_only_text_without_anything_to_remove() -> None:
    """The printable-text shortcut gives what the two substitutions give, for every character."""
    import sys

    from citecheck.report.serialize import _CONTROL, _NEWLINES, clean

    # Every character up to U+2100 (all the ones removed are there), a sample beyond.
    for code in [*range(0x2100), *range(0x2100, sys.maxunicode, 101)]:
        text = f"a{chr(code)}b\t{chr(code + 1)}"
        assert clean(text) == _NEWLINES().sub(" ", _CONTROL().sub("", text))
        assert clean(text, keep_newlines=True) == _CONTROL().sub("", text)


def test_compact_json_is_the_standard_librarys() -> None:
    """The parse JSON, written by orjson, is the text json.dumps writes: every character
    up to U+3000 and a sample beyond, a lone surrogate and a huge integer (both of which
    orjson refuses and the standard library writes)."""
    import json
    import sys

    from citecheck.report.jsonout import _compact

    texts = [chr(c) for c in [*range(0x3000), *range(0x3000, sys.maxunicode, 97)]]
    values = [{"text": f"a{t}b", "list": [t, None, True, 3]} for t in texts]
    values += [{"lone": "\ud800"}, {"big": 10**30}, {"nested": [[], {}, [{"k": ""}]]}]
    for value in values:
        assert _compact(value) == json.dumps(value, separators=(",", ":"), ensure_ascii=False)

"""``--format html``: a valid, self-contained HTML5 page, ranked, filterable, in a real browser."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from citecheck import studytype
from citecheck.report import render
from test_report_golden import build_archive, build_report, stub_classify

html5lib = pytest.importorskip("html5lib")
CHROMIUM = os.environ.get("CITECHECK_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def parse(text: str):  # type: ignore[no-untyped-def]
    return html5lib.HTMLParser(strict=True, namespaceHTMLElements=False).parse(text)


def test_the_page_is_valid_html5_with_documents_ranked_by_errors() -> None:
    tree = parse(render(build_archive(), "html"))
    rows = [r for r in tree.iter("tr") if r.get("class") == "docrow"]
    paths = ["".join(r.find("td").itertext()) for r in rows]
    assert paths == ["articles/sample.md", "articles/clean.md"]  # worst first
    cells = ["".join(td.itertext()) for td in rows[0].findall("td")]
    assert cells[1:6] == ["5", "3", "1", "1", "4"]  # errors, warnings, info, unverified, refs
    assert "claim-year" in cells[6]


def test_each_finding_row_carries_what_the_filters_read() -> None:
    report = build_report()
    tree = parse(render(report, "html"))
    findings = [r for r in tree.iter("tr") if r.get("class") == "finding"]
    expected = [(f.code, f.severity.value) for f in report.documents[0].findings]
    assert [(r.get("data-code"), r.get("data-severity")) for r in findings] == expected
    options = {o.get("value") for o in tree.iter("option")}
    assert {f.code for f in report.documents[0].findings} <= options
    assert {"error", "warning", "info"} <= options


def test_findings_link_to_the_record_doi() -> None:
    tree = parse(render(build_report(), "html"))
    hrefs = {a.get("href") for a in tree.iter("a")}
    assert "https://doi.org/10.4088/jcp.17m11731" in hrefs


def test_nothing_is_fetched_from_anywhere() -> None:
    out = render(build_archive(), "html")
    tree = parse(out)
    assert not [e for e in tree.iter() if e.tag in ("link", "img", "iframe", "object")]
    assert not [e for e in tree.iter("script") if e.get("src")]
    assert "default-src 'none'" in out


def _browser():  # type: ignore[no-untyped-def]
    sync_api = pytest.importorskip("playwright.sync_api")
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.skip(f"no Chromium at {CHROMIUM}")
    return sync_api


def test_in_a_real_browser_from_file_filters_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    sync_api = _browser()
    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    page_path = tmp_path / "report.html"
    page_path.write_text(render(build_archive(), "html"), encoding="utf-8")
    fetched: list[str] = []
    with sync_api.sync_playwright() as playwright:
        try:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        except Exception as exc:  # noqa: BLE001 - a broken browser install is a skip, not a failure
            pytest.skip(f"Chromium does not start: {exc}")
        try:
            page = browser.new_page(viewport={"width": 1100, "height": 700})
            errors: list[str] = []
            page.on("pageerror", lambda error: errors.append(str(error)))
            page.on("request", lambda request: fetched.append(request.url))
            page.goto(page_path.as_uri())
            assert page.inner_text("#shown") == "9 findings shown"
            assert page.locator("tr.docrow").count() == 2

            page.select_option("#f-code", "claim-year")
            assert page.inner_text("#shown") == "1 finding shown"
            assert page.locator("tr.finding:visible").count() == 1
            assert page.locator("tr.docrow:visible").count() == 1  # the clean post is hidden

            page.select_option("#f-code", "")
            page.select_option("#f-severity", "warning")
            assert page.inner_text("#shown") == "3 findings shown"

            page.select_option("#f-severity", "")
            page.fill("#f-doc", "clean")
            assert page.inner_text("#shown") == "0 findings shown"
            assert page.locator("section.doc[data-path]:visible").count() == 1

            page.fill("#f-doc", "")
            shot = tmp_path / "report.png"
            page.screenshot(path=str(shot))
            assert shot.stat().st_size > 1000
            assert errors == []
        finally:
            browser.close()
    assert all(url.startswith("file://") for url in fetched), fetched

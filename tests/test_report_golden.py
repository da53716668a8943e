"""Golden files for every output format over one small report built from model objects.

Regenerate after an intended change with::

    UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_report_golden.py

and review the diff of tests/golden/ before committing.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from citecheck import studytype
from citecheck.model import (
    Author,
    Candidate,
    Citation,
    Claim,
    Classification,
    Document,
    DocumentReport,
    Finding,
    InputError,
    ParsedDocument,
    Reference,
    ReferenceFields,
    Report,
    Resolution,
    Severity,
    Status,
    StudyType,
    Style,
    Work,
)
from citecheck.report import PARSE_RENDERERS, RENDERERS, render, render_parse

GOLDEN = Path(__file__).parent / "golden"
HOSTILE = "[bold red]X[/] <script>\x1b[31m =cmd|' /C calc'!A0"

WORK_1 = Work(
    doi="10.4088/jcp.17m11731",
    type="journal-article",
    title="Acute and Longer-Term Outcomes Using Ketamine as a Clinical Treatment at the Yale Psychiatric Hospital",
    authors=(Author("Wilkinson", "Samuel T."), Author("Katz", "Rachel B.")),
    journal="The Journal of Clinical Psychiatry",
    year=2018,
    year_online=2018,
    volume="79",
    issue="4",
)
WORK_2 = Work(
    doi="10.1000/hostile.1",
    type="journal-article",
    title=HOSTILE,
    authors=(Author("O'Brien, Jr.", "A\u202eB"),),
    journal="Journal of <b>Things</b> & Stuff",
    year=2020,
    volume="3",
    pages="1-9",
)
NEAR = Work(doi="10.1016/j.biopsych.2011.12.010", title="Replication of an add-on trial", year=2012)

REFERENCES = (
    Reference(
        "1",
        20,
        "Wilkinson, S. T., & Katz, R. B. (2016). Acute and longer-term outcomes. The Journal of Clinical Psychiatry, 77(4), e471-e477.",
        Style.APA,
        True,
        ReferenceFields(
            authors=(Author("Wilkinson", "S. T."), Author("Katz", "R. B.")),
            year=2016,
            title="Acute and longer-term outcomes",
            journal="The Journal of Clinical Psychiatry",
            volume="77",
            issue="4",
            pages="e471-e477",
        ),
    ),
    Reference(
        "2",
        22,
        f"Doe, J. (2020). {HOSTILE}. Journal of Things, 3, 1-9.",
        Style.APA,
        True,
        ReferenceFields(
            authors=(Author("Doe", "J."),),
            year=2020,
            title=HOSTILE,
            journal="Journal of Things",
            volume="3",
            pages="1-9",
        ),
    ),
    Reference(
        "3",
        24,
        "Nobody, A. (2021). A paper that does not exist. Journal of Psychiatric Research, 137, 243-250.",
        Style.APA,
        True,
        ReferenceFields(
            authors=(Author("Nobody", "A."),), year=2021, title="A paper that does not exist"
        ),
    ),
    Reference("4", 26, "Somebody. Something, somewhere", Style.UNKNOWN, False),
)

CLAIMS = (
    Claim(
        5,
        "A 2016 study in the Journal of Affective Disorders [1].",
        ("1",),
        2016,
        "Journal of Affective Disorders",
        StudyType.STUDY,
    ),
    Claim(7, "A trial showed it [2].", ("2",), None, None, StudyType.TRIAL),
)

CITATIONS = (
    Citation(5, "[1]", 0, 3, ("1",), ("1",)),
    Citation(7, "[2]", 0, 3, ("2",), ("2",)),
    Citation(9, "[3]", 0, 3, ("3",), ("3",)),
    Citation(11, "[4]", 0, 3, ("4",), ("4",)),
    Citation(13, "[9]", 0, 3, (), ("9",)),
)

SUGGESTION = (
    "Wilkinson, S. T., & Katz, R. B. (2018). Acute and Longer-Term Outcomes Using Ketamine as a Clinical "
    "Treatment at the Yale Psychiatric Hospital. The Journal of Clinical Psychiatry, 79(4). "
    "https://doi.org/10.4088/jcp.17m11731"
)
PATH = "articles/sample.md"

FINDINGS = (
    Finding(
        "claim-journal",
        Severity.ERROR,
        "The text says this study appeared in Journal of Affective Disorders; the record says The Journal of Clinical Psychiatry.",
        PATH,
        "1",
        5,
        "journal",
        "Journal of Affective Disorders",
        "The Journal of Clinical Psychiatry",
    ),
    Finding(
        "claim-year",
        Severity.ERROR,
        "The text says this study was published in 2016; the record says 2018.",
        PATH,
        "1",
        5,
        "year",
        "2016",
        "2018",
    ),
    Finding(
        "ref-year",
        Severity.ERROR,
        "Reference [1] gives the year 2016; the record says 2018.",
        PATH,
        "1",
        20,
        "year",
        "2016",
        "2018",
        SUGGESTION,
    ),
    Finding(
        "ref-volume",
        Severity.ERROR,
        "Reference [1] gives volume 77; the record says 79.",
        PATH,
        "1",
        20,
        "volume",
        "77",
        "79",
        SUGGESTION,
    ),
    Finding(
        "ref-title",
        Severity.WARNING,
        f'Reference [2] gives the title differently from the record ("{HOSTILE}").',
        PATH,
        "2",
        22,
        "title",
        "=1+1 " + HOSTILE,
        HOSTILE,
        "Doe, J. (2020). " + HOSTILE,
    ),
    Finding(
        "not-found",
        Severity.ERROR,
        'No published work matches reference [3]; the nearest records are "Replication of an add-on trial", 2012 (doi:10.1016/j.biopsych.2011.12.010).',
        PATH,
        "3",
        24,
        None,
        "Nobody, 2021, A paper that does not exist",
    ),
    Finding(
        "unparsed-reference",
        Severity.WARNING,
        "Reference [4] could not be read into author, year, title and journal.",
        PATH,
        "4",
        26,
        None,
        "Somebody. Something, somewhere",
    ),
    Finding(
        "unverified",
        Severity.INFO,
        "Reference [4] could not be checked (timeout); nothing is known to be wrong with it.",
        PATH,
        "4",
        26,
        None,
        None,
        "timeout",
    ),
    Finding(
        "citation-without-reference",
        Severity.WARNING,
        "The citation [9] points to no entry in the reference list (9).",
        PATH,
        None,
        13,
        None,
        "[9]",
    ),
)


def build_parsed() -> ParsedDocument:
    """The sample article, parsed."""
    return ParsedDocument(Document(PATH, "", ()), REFERENCES, CITATIONS, CLAIMS)


def build_report() -> Report:
    """One document with matched, hostile, not-found, unparsed and unverified references."""
    resolutions = {
        "1": Resolution(
            Status.MATCHED,
            WORK_1,
            0.97,
            "search",
            (Candidate(WORK_1, 0.97, {"title": 0.95, "year": 0.0}),),
        ),
        "2": Resolution(Status.MATCHED, WORK_2, 0.9, "doi"),
        "3": Resolution(
            Status.NOT_FOUND, None, 0.0, "search", (Candidate(NEAR, 0.31, {"title": 0.4}),)
        ),
        "4": Resolution(Status.UNVERIFIED, reason="timeout"),
    }
    document = DocumentReport(build_parsed(), resolutions, FINDINGS)
    return Report((document,), (InputError("missing.docx", "no such file"),))


def build_archive() -> Report:
    """Two documents: the sample article, and a clean one listed first (ranked below)."""
    sample = build_report()
    clean_parsed = ParsedDocument(Document("articles/clean.md", "", ()), REFERENCES[:1], (), ())
    resolutions = {"1": sample.documents[0].resolutions["1"]}
    clean_doc = DocumentReport(clean_parsed, resolutions, ())
    return Report((clean_doc, *sample.documents), sample.errors)


def stub_classify(work: Work) -> Classification:
    """A fixed design so golden files do not move with the classifier."""
    return Classification(StudyType.STUDY, 0.0)


SUFFIX = {
    "table": "txt",
    "json": "json",
    "sarif": "sarif",
    "github": "txt",
    "junit": "xml",
    "markdown": "md",
    "csv": "csv",
    "html": "html",
}


def check_golden(name: str, text: str) -> None:
    """Compare ``text`` with tests/golden/``name``, or rewrite it when UPDATE_GOLDEN is set."""
    path = GOLDEN / name
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
        return
    assert path.exists(), f"missing golden file {path}; run with UPDATE_GOLDEN=1"
    assert text == path.read_bytes().decode("utf-8")


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_golden_report(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    monkeypatch.delenv("NO_COLOR", raising=False)
    check_golden(f"report.{fmt}.{SUFFIX[fmt]}", render(build_report(), fmt))


@pytest.mark.parametrize("fmt", sorted(PARSE_RENDERERS))
def test_golden_parse(fmt: str) -> None:
    check_golden(f"parse.{fmt}.{SUFFIX[fmt]}", render_parse([build_parsed()], fmt, indent=2))


def test_parse_json_is_compact_unless_indented() -> None:
    compact = render_parse([build_parsed()], "json")
    assert compact.count("\n") == 1
    assert json.loads(compact) == json.loads(render_parse([build_parsed()], "json", indent=2))


def test_every_format_has_a_golden_file() -> None:
    assert set(SUFFIX) == set(RENDERERS)


@pytest.mark.parametrize("fmt", ["table", "markdown", "html"])
def test_golden_archive(fmt: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """Several documents: a table of them, worst first; at most 3 findings each in text."""
    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    monkeypatch.delenv("NO_COLOR", raising=False)
    text = render(build_archive(), fmt, max_findings=3)
    check_golden(f"archive.{fmt}.{SUFFIX[fmt]}", text)


@pytest.mark.parametrize("build", [build_report, build_archive, lambda: Report(())])
def test_json_built_per_document_is_the_whole_dump(build, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    from citecheck.report.serialize import report_dict

    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    report = build()
    whole = json.dumps(report_dict(report), indent=2, ensure_ascii=False) + "\n"
    assert render(report, "json") == whole


@pytest.mark.parametrize(
    ("anchor", "expected"),
    [
        ("Feder and colleagues", '[link-1] link "Feder and colleagues" https://doi.org/10.1/x'),
        # A long anchor is cut at a word, and says so: the writer's text did not end there.
        (
            "2016 randomized controlled trial in the American Journal of Psychiatry",
            '[link-1] link "2016 randomized controlled trial in the American Journal of…" '
            "https://doi.org/10.1/x",
        ),
        ("x" * 70, f'[link-1] link "{"x" * 59}…" https://doi.org/10.1/x'),
    ],
)
def test_a_link_is_named_by_its_anchor_shortened_at_a_word(anchor: str, expected: str) -> None:
    from citecheck.model import Reference, ReferenceFields, ReferenceKind, Style
    from citecheck.report.serialize import reference_title

    fields = ReferenceFields(url="https://doi.org/10.1/x")
    link = Reference("link-1", 3, anchor, Style.UNKNOWN, True, fields, kind=ReferenceKind.LINK)
    assert reference_title(link) == expected

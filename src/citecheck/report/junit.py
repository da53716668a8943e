"""``--format junit``: JUnit XML, one test case per reference; error findings fail it."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from citecheck.model import DocumentReport, Finding, Report, Severity, Status
from citecheck.report.serialize import by_reference, clean, reference_title


def _line(finding: Finding) -> str:
    where = f"line {finding.line}: " if finding.line else ""
    return clean(f"{where}{finding.severity.value} {finding.code}: {finding.message}")


def _testcase(
    suite: ET.Element, path: str, name: str, findings: list[Finding], skipped: str | None
) -> bool:
    case = ET.SubElement(suite, "testcase", {"classname": clean(path), "name": clean(name)})
    errors = [f for f in findings if f.severity == Severity.ERROR]
    if errors:
        failure = ET.SubElement(
            case, "failure", {"type": errors[0].code, "message": clean(errors[0].message)}
        )
        failure.text = "\n".join(_line(f) for f in errors)
    elif skipped is not None:
        ET.SubElement(case, "skipped", {"message": clean(skipped)})
    others = [f for f in findings if f.severity != Severity.ERROR]
    if others:
        ET.SubElement(case, "system-out").text = "\n".join(_line(f) for f in others)
    return bool(errors)


def _suite(root: ET.Element, document: DocumentReport) -> None:
    suite = ET.SubElement(root, "testsuite", {"name": clean(document.path)})
    groups = by_reference(document)
    failures = skipped = tests = 0
    for reference in document.parsed.references:
        resolution = document.resolutions.get(reference.label)
        reason = None
        if resolution is not None and resolution.status == Status.UNVERIFIED:
            reason = resolution.reason or "unverified"
        failed = _testcase(
            suite,
            document.path,
            reference_title(reference),
            groups.get(reference.label, []),
            reason,
        )
        tests += 1
        failures += failed
        skipped += reason is not None and not failed
    loose = [
        f
        for label, fs in groups.items()
        if label not in {r.label for r in document.parsed.references}
        for f in fs
    ]
    if loose:
        tests += 1
        failures += _testcase(suite, document.path, "citations", loose, None)
    suite.attrib.update(
        {"tests": str(tests), "failures": str(failures), "errors": "0", "skipped": str(skipped)}
    )


def render(report: Report, **_options: Any) -> str:
    """The report as JUnit XML: a test suite per document."""
    root = ET.Element("testsuites", {"name": "citecheck"})
    for document in report.documents:
        _suite(root, document)
    for error in report.errors:
        suite = ET.SubElement(
            root,
            "testsuite",
            {"name": clean(error.path), "tests": "1", "failures": "0", "errors": "1"},
        )
        case = ET.SubElement(suite, "testcase", {"classname": clean(error.path), "name": "read"})
        ET.SubElement(case, "error", {"message": clean(error.message)})
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"

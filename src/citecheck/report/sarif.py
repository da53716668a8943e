"""``--format sarif``: SARIF 2.1.0 for code-scanning dashboards."""

from __future__ import annotations

import json
from typing import Any

from citecheck import __version__
from citecheck.compare import CODES
from citecheck.model import Finding, Report, Severity
from citecheck.report.serialize import clean

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
LEVELS = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rules() -> list[dict[str, Any]]:
    """One SARIF rule per finding code, in CODES order."""
    return [
        {
            "id": code,
            "name": "".join(part.title() for part in code.split("-")),
            "shortDescription": {"text": description},
            "defaultConfiguration": {"level": LEVELS[severity]},
        }
        for code, (severity, description) in CODES.items()
    ]


def _uri(path: str) -> str:
    return clean(path).replace("\\", "/")


def result(finding: Finding, path: str, index: dict[str, int]) -> dict[str, Any]:
    """One finding as a SARIF result with its file and line."""
    region = {"startLine": finding.line} if finding.line else {}
    location: dict[str, Any] = {"artifactLocation": {"uri": _uri(finding.path or path)}}
    if region:
        location["region"] = region
    data: dict[str, Any] = {
        "ruleId": finding.code,
        "level": LEVELS[finding.severity],
        "message": {"text": clean(finding.message)},
        "locations": [{"physicalLocation": location}],
    }
    if finding.code in index:
        data["ruleIndex"] = index[finding.code]
    props = {
        k: clean(v)
        for k, v in (
            ("label", finding.label),
            ("field", finding.field),
            ("stated", finding.stated),
            ("actual", finding.actual),
            ("suggestion", finding.suggestion),
        )
        if v is not None
    }
    if props:
        data["properties"] = props
    return data


def render(report: Report, **_options: Any) -> str:
    """The report as a SARIF 2.1.0 log with one run."""
    index: dict[str, int] = {code: i for i, code in enumerate(CODES)}
    results = [result(f, d.path, index) for d in report.documents for f in d.findings]
    log: dict[str, Any] = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "citecheck",
                        "version": __version__,
                        "informationUri": "https://github.com/citecheck/citecheck",
                        "rules": rules(),
                    }
                },
                "results": results,
            }
        ],
    }
    if report.errors:
        # Inputs that could not be read: the run did not check everything it was given.
        log["runs"][0]["invocations"] = [
            {
                "executionSuccessful": False,
                "toolExecutionNotifications": [
                    {
                        "level": "error",
                        "message": {"text": clean(f"{error.path}: {error.message}")},
                        "locations": [
                            {"physicalLocation": {"artifactLocation": {"uri": _uri(error.path)}}}
                        ],
                    }
                    for error in report.errors
                ],
            }
        ]
    return json.dumps(log, indent=2, ensure_ascii=False) + "\n"

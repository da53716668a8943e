"""Baselines: accepted findings stay quiet, new ones do not; line moves do not matter."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from citecheck import baseline
from citecheck.errors import ConfigError
from citecheck.model import Finding, Severity

FINDING = Finding(
    code="claim-year",
    severity=Severity.ERROR,
    message="The text says 2016; the record says 2018.",
    path="posts/ketamine.md",
    label="1",
    line=12,
    field="year",
    stated="2016",
    actual="2018",
)


def test_fingerprint_ignores_line_and_message() -> None:
    moved = replace(FINDING, line=40, message="reworded")
    assert baseline.fingerprint(moved) == baseline.fingerprint(FINDING)


@pytest.mark.parametrize(
    "change", [{"code": "ref-year"}, {"label": "2"}, {"actual": "2019"}, {"path": "other.md"}]
)
def test_fingerprint_changes_with_identity(change: dict[str, str]) -> None:
    assert baseline.fingerprint(replace(FINDING, **change)) != baseline.fingerprint(FINDING)  # type: ignore[arg-type]


def test_write_then_load(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    assert baseline.write(str(path), [FINDING]) == 1
    assert baseline.load(str(path)) == {baseline.fingerprint(FINDING)}
    data = json.loads(path.read_text())
    assert data["version"] == 1 and data["findings"][0]["code"] == "claim-year"


def test_bad_baseline_is_a_usage_error(tmp_path: Path) -> None:
    path = tmp_path / "baseline.json"
    path.write_text("not json")
    with pytest.raises(ConfigError, match="not a citecheck baseline"):
        baseline.load(str(path))
    with pytest.raises(ConfigError, match="no such baseline file"):
        baseline.load(str(tmp_path / "missing.json"))

"""The hand-labelled title set: well formed, and the classifier still meets its targets."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

from citecheck.model import StudyType

BENCHMARK = Path(__file__).resolve().parents[1] / "benchmarks" / "studytype_accuracy.py"
LABELS = BENCHMARK.parent / "data" / "studytype_labels.jsonl"


def _benchmark() -> ModuleType:
    spec = importlib.util.spec_from_file_location("studytype_accuracy", BENCHMARK)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_labels_are_well_formed() -> None:
    rows = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(rows) >= 200
    labels = {t.value for t in StudyType} - {"trial", "review"}
    for row in rows:
        assert ("doi" in row) != ("source" in row)
        assert row["title"].strip()
        assert row["label"] in labels
        assert isinstance(row["names_design"], bool)
        if row["label"] == "study":
            assert not row["names_design"]  # a title that names no design
    assert sum(row["label"] == "study" for row in rows) >= 100


def test_classifier_meets_targets() -> None:
    module = _benchmark()
    assert module.measure(module.load(LABELS), show_errors=False)

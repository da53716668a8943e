"""Every example article gives its expected report (examples/expected/<name>.txt).

Regenerate with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_examples.py``.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import cli

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
ARTICLES = sorted(
    p
    for p in EXAMPLES.iterdir()
    if p.suffix in (".md", ".html", ".typ", ".adoc") and p.stem != "README"
)


@pytest.mark.parametrize("article", ARTICLES, ids=[p.name for p in ARTICLES])
def test_example_report(article: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # In process: these check what each example reads and reports; the real command as a
    # subprocess is tests/test_readme.py's and tests/test_e2e.py's.
    monkeypatch.chdir(ROOT)
    args = ["check", f"examples/{article.name}", "--records", "examples/records.jsonl"]
    args += ["--pubmed-records", "examples/pubmed.xml"]
    invoked = CliRunner().invoke(cli.main, args, env={"NO_COLOR": "1", "COLUMNS": "100"})
    result = subprocess.CompletedProcess(args, invoked.exit_code, invoked.stdout, invoked.stderr)
    assert result.returncode == 1, result.stderr  # every example is wrong on purpose
    expected = EXAMPLES / "expected" / f"{article.stem}.txt"
    if os.environ.get("UPDATE_GOLDEN"):
        expected.write_text(result.stdout, encoding="utf-8")
    assert result.stdout == expected.read_text(encoding="utf-8")


def test_every_example_has_an_expected_report() -> None:
    expected = {p.stem for p in (EXAMPLES / "expected").glob("*.txt")}
    assert expected == {p.stem for p in ARTICLES}

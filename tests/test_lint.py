"""The code stays clean: ruff (lint and format) and mypy --strict, as part of the test run."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def tool(name: str) -> str:
    """The tool installed beside this interpreter (the test extra installs them).

    A missing tool fails the test: ruff and mypy are test dependencies, and a lint test
    that skips would pass without checking anything.
    """
    path = Path(sys.executable).with_name(name)
    found = str(path) if path.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: pip install -e '.[test]' installs it")
    return found


def test_a_missing_tool_fails(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(sys, "executable", str(tmp_path / "python"))
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(pytest.fail.Exception, match="ruff is not installed"):
        tool("ruff")


@pytest.mark.parametrize(
    "args",
    [
        ("ruff", "check", "src", "tests", "benchmarks", "tools"),
        ("ruff", "format", "--check", "src", "tests", "benchmarks", "tools"),
        pytest.param(("mypy",), marks=pytest.mark.slow),
    ],
    ids=["ruff-check", "ruff-format", "mypy-strict"],
)
def test_clean(args: tuple[str, ...]) -> None:
    result = subprocess.run(
        [tool(args[0]), *args[1:]], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout + result.stderr

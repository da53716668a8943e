"""Bad input, end to end: one clear line per bad file, the rest still processed, exit 2.

The command runs in this process (tests/clirun.py): the same arguments, readers, output
and exit codes as the console script, and an uncaught exception fails the test.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from clirun import invoke

GOOD = """A 2014 randomized clinical trial in JAMA Psychiatry tested ketamine for PTSD [1].

References

[1] Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., ... & Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder: a randomized clinical trial. JAMA Psychiatry, 71(6), 681-688.
"""


@pytest.fixture()
def folder(tmp_path: Path) -> Path:
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (tmp_path / "corrupt.docx").write_bytes(b"PK\x03\x04 this is not really a zip archive")
    (tmp_path / "nothing-here").mkdir()
    (tmp_path / "nothing-here" / "image.png").write_bytes(b"\x89PNG\r\n")
    return tmp_path


@pytest.mark.parametrize(
    ("name", "cause"),
    [
        ("missing.md", "no such file"),
        ("empty.txt", "empty"),
        ("binary.txt", "binary"),
        ("corrupt.docx", "docx"),
        ("nothing-here", "no articles"),
    ],
)
def test_each_bad_input_is_one_line_and_the_rest_goes_on(
    folder: Path, name: str, cause: str
) -> None:
    result = invoke("parse", name, "good.md", "--format", "json", cwd=folder)
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert name in lines[0] and cause in lines[0].lower()
    assert "Traceback" not in result.stderr
    documents = json.loads(result.stdout)["documents"]
    assert [d["path"] for d in documents] == ["good.md"]


def test_debug_shows_more_but_still_exits_2(folder: Path) -> None:
    result = invoke("parse", "missing.md", "--debug", cwd=folder)
    assert result.returncode == 2


def test_stdin(folder: Path) -> None:
    result = invoke("parse", "-", "--format", "json", cwd=folder, stdin=GOOD.encode())
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert document["path"] == "-"
    assert [r["label"] for r in document["references"]] == ["1"]


def test_output_never_overwrites_an_input(folder: Path) -> None:
    result = invoke("parse", "good.md", "--output", "good.md", cwd=folder)
    assert result.returncode == 2
    assert "refusing to overwrite" in result.stderr
    assert (folder / "good.md").read_text(encoding="utf-8") == GOOD


def test_unknown_option_is_a_usage_error(folder: Path) -> None:
    result = invoke("check", "good.md", "--no-such-option", cwd=folder)
    assert result.returncode == 2

"""The CLI layer itself: exit codes for bugs, verbose logging, codes listing."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import cli
from citecheck.compare import CODES


def test_a_bug_exits_4_with_a_request_to_report(capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> int:
        raise ZeroDivisionError("division by zero")

    with pytest.raises(SystemExit) as info:
        cli._run(broken, debug=False)
    assert info.value.code == cli.EXIT_INTERNAL
    err = capsys.readouterr().err
    assert "internal error" in err and "report" in err and "Traceback" not in err


def test_debug_shows_the_traceback(capsys: pytest.CaptureFixture[str]) -> None:
    def broken() -> int:
        raise KeyError("x")

    with pytest.raises(SystemExit):
        cli._run(broken, debug=True)
    assert "Traceback" in capsys.readouterr().err


def test_codes_lists_every_code() -> None:
    result = CliRunner().invoke(cli.main, ["codes"])
    assert result.exit_code == 0
    for code in CODES:
        assert code in result.output


def test_version() -> None:
    result = CliRunner().invoke(cli.main, ["--version"])
    assert result.exit_code == 0 and "citecheck" in result.output


def test_a_markdown_check_to_json_loads_only_what_it_uses(tmp_path: Path) -> None:
    """The command starts for every test and every file in CI: a Markdown check written as
    JSON never imports python-docx, lxml.html, rich, habanero or cattrs."""
    root = Path(__file__).resolve().parents[1]
    script = (
        "import sys\n"
        "from citecheck import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    example, records = (
        root / "examples" / "ketamine-therapy.md",
        root / "examples" / "records.jsonl",
    )
    args = ["check", str(example), "--records", str(records), "--format", "json"]
    result = subprocess.run(
        [sys.executable, "-c", script, *args], capture_output=True, text=True, cwd=tmp_path
    )
    assert '"claim-year"' in result.stdout, result.stderr
    loaded = set(result.stderr.split())
    assert not {"docx", "lxml.html", "rich", "habanero", "cattrs"} & loaded


def test_parse_loads_none_of_the_checking_stages(tmp_path: Path) -> None:
    """``citecheck parse`` imports the offline stages only: not the comparison, the
    resolvers, the results file or rapidfuzz; nor pycountry's package, even when a claim
    asks about a place (its ISO 3166 data files are read directly)."""
    root = Path(__file__).resolve().parents[1]
    script = (
        "import sys\n"
        "from citecheck import cli\n"
        "try:\n"
        "    cli.main(sys.argv[1:])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
    )
    example = root / "examples" / "ketamine-therapy.md"
    result = subprocess.run(
        [sys.executable, "-c", script, "parse", str(example), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert '"references"' in result.stdout, result.stderr
    loaded = set(result.stderr.split())
    unwanted = {"citecheck.compare", "citecheck.resolve", "citecheck.results", "rapidfuzz"}
    assert not unwanted & loaded
    assert "citecheck.places" in loaded
    assert "pycountry" not in loaded

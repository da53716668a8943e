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


ROOT = Path(__file__).resolve().parents[1]
# Runs the command in process, then prints every module it imported to stderr.
_LOADED_SCRIPT = (
    "import sys\n"
    "from citecheck import cli\n"
    "try:\n"
    "    cli.main(sys.argv[1:])\n"
    "except SystemExit:\n"
    "    pass\n"
    "print(' '.join(sorted(sys.modules)), file=sys.stderr)\n"
)


def _run_listing_modules(args: list[str], cwd: Path) -> tuple[str, set[str]]:
    """The command's stdout and the names of the modules it loaded."""
    result = subprocess.run(
        [sys.executable, "-c", _LOADED_SCRIPT, *args], capture_output=True, text=True, cwd=cwd
    )
    return result.stdout, set(result.stderr.split())


def test_a_markdown_check_to_json_loads_only_what_it_uses(tmp_path: Path) -> None:
    """The command starts for every test and every file in CI: a Markdown check written as
    JSON never imports python-docx, lxml.html, rich, habanero or cattrs."""
    example, records = (
        ROOT / "examples" / "ketamine-therapy.md",
        ROOT / "examples" / "records.jsonl",
    )
    stdout, loaded = _run_listing_modules(
        ["check", str(example), "--records", str(records), "--format", "json"], tmp_path
    )
    assert '"claim-year"' in stdout, loaded
    assert not {"docx", "lxml.html", "rich", "habanero", "cattrs"} & loaded


def test_a_check_against_local_records_loads_no_http_client(tmp_path: Path) -> None:
    """A check answered by local Crossref and PubMed records sends no request, so it never
    imports requests (and urllib3 with it: a tenth of a second at every start), nor the
    email package that reads a Retry-After date."""
    example = ROOT / "examples" / "ketamine-therapy.md"
    records, pubmed = ROOT / "examples" / "records.jsonl", ROOT / "examples" / "pubmed.xml"
    args = ["check", str(example), "--records", str(records), "--pubmed-records", str(pubmed)]
    stdout, loaded = _run_listing_modules([*args, "--format", "json", "--no-cache"], tmp_path)
    assert '"claim-year"' in stdout, loaded
    assert not {"requests", "urllib3", "email.utils"} & loaded


def test_parse_loads_none_of_the_checking_stages(tmp_path: Path) -> None:
    """``citecheck parse`` imports the offline stages only: not the comparison, the
    resolvers, the results file, the checking stages' data types or rapidfuzz; nor
    pycountry's package, even when a claim asks about a place (its ISO 3166 data files are
    read directly)."""
    example = ROOT / "examples" / "ketamine-therapy.md"
    stdout, loaded = _run_listing_modules(["parse", str(example), "--format", "json"], tmp_path)
    assert '"references"' in stdout, loaded
    unwanted = {"citecheck.compare", "citecheck.resolve", "citecheck.results", "rapidfuzz"}
    unwanted |= {"citecheck.model_check"}
    assert not unwanted & loaded
    assert "citecheck.places" in loaded
    assert "pycountry" not in loaded

"""The README stays true: its usage text is `--help`, its codes are CODES, its report is real.

Regenerate the blocks with ``UPDATE_GOLDEN=1 .venv/bin/python -m pytest tests/test_readme.py``.
"""

from __future__ import annotations

import os
import re
import shlex
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.compare import CODES
from clirun import invoke

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"
UPDATE = bool(os.environ.get("UPDATE_GOLDEN"))
# The reports are run in this process (tests/clirun.py), as printed to a 100-column
# terminal without colour.
README_TERMINAL = {"NO_COLOR": "1", "COLUMNS": "100"}


def block(name: str, text: str | None = None) -> str:
    """The text between ``<!-- name:begin -->`` and ``<!-- name:end -->``; or replace it."""
    readme = README.read_text(encoding="utf-8")
    pattern = re.compile(rf"(<!-- {name}:begin -->\n)(.*?)(<!-- {name}:end -->)", re.S)
    match = pattern.search(readme)
    assert match, f"README has no {name} block"
    if text is not None:
        README.write_text(
            readme[: match.start(2)] + text + readme[match.end(2) :], encoding="utf-8"
        )
        return text
    return match.group(2)


def check_block(name: str, expected: str) -> None:
    """Compare a README block with what it should say (or rewrite it under UPDATE_GOLDEN)."""
    if UPDATE:
        block(name, expected)
    assert block(name) == expected, f"README {name} block is stale: UPDATE_GOLDEN=1 regenerates it"


def help_text(*args: str) -> str:
    result = CliRunner().invoke(main, [*args, "--help"], terminal_width=100)
    assert result.exit_code == 0
    return result.output.replace("Usage: main", "Usage: citecheck")


def test_usage_matches_help() -> None:
    expected = "```text\n$ citecheck check --help\n" + help_text("check") + "```\n"
    check_block("usage", expected)


def test_codes_match_the_comparator() -> None:
    lines = ["| code | default severity | what it means |", "|---|---|---|"]
    for code, (severity, description) in CODES.items():
        lines.append(f"| `{code}` | {severity.value} | {description} |")
    check_block("codes", "\n".join(lines) + "\n")


def test_first_command_and_report_are_real() -> None:
    readme = README.read_text(encoding="utf-8")
    first = re.search(
        r"```sh\n(python3 -m venv .venv && .venv/bin/pip install -q \. && .+)\n```", readme
    )
    assert first, "the README must open with the install-and-run command"
    command = shlex.split(first.group(1).split("&&")[-1].strip())
    assert command[:2] == [".venv/bin/citecheck", "check"]
    result = invoke(*command[1:], cwd=ROOT, env=README_TERMINAL)
    assert result.returncode == 1, result.stderr
    shown = "$ " + " ".join(["citecheck", *command[1:]]) + "\n" + result.stdout
    check_block("report", "```console\n" + shown.rstrip("\n") + "\n```\n")


def test_second_command_is_what_ci_runs() -> None:
    readme = README.read_text(encoding="utf-8")
    commands = re.findall(r"```sh\n(python3 -m venv .+)\n```", readme)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert len(commands) >= 2 and commands[1] in ci


@pytest.mark.parametrize("command", [("parse",), ("cache", "info"), ("codes",)])
def test_every_command_has_help(command: tuple[str, ...]) -> None:
    assert help_text(*command).startswith("Usage: citecheck")


def test_link_cited_page_report_is_real() -> None:
    command = [
        "check",
        "examples/ketamine-links.md",
        "--records",
        "examples/records.jsonl",
        "--pubmed-records",
        "examples/pubmed.xml",
    ]
    result = invoke(*command, cwd=ROOT, env=README_TERMINAL)
    assert result.returncode == 1, result.stderr
    shown = "$ citecheck " + " ".join(command) + "\n" + result.stdout
    check_block("links-report", "```console\n" + shown + "```\n")

"""Run the ``citecheck`` command the way the end-to-end tests need it.

``invoke`` runs the real click command in this process: the same argument parsing,
configuration lookup (from ``cwd``), readers, resolvers, renderers, output files and exit
codes as the console script, without paying the interpreter start-up and the imports
(about 0.3 s) for every run. ``subprocess_run`` runs the installed console script in a
new process, for what only a process shows: signals, the console-script entry point,
bytecode-free environments. Both return a :class:`subprocess.CompletedProcess` so a test
reads the same either way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Mapping
from pathlib import Path

from click.testing import CliRunner

from citecheck import cli

# A run that forgets --pubmed-url/--no-pubmed reaches a closed port here, never NCBI.
DEAD_PUBMED = "http://127.0.0.1:9/entrez/eutils"


def command_line() -> list[str]:
    """The installed console script next to this interpreter, else ``python -m citecheck``."""
    script = Path(sys.executable).with_name("citecheck")
    if script.exists():
        return [str(script)]
    found = shutil.which("citecheck")
    return [found] if found else [sys.executable, "-m", "citecheck"]


def environment(env: Mapping[str, str] | None = None) -> dict[str, str]:
    """The caller's environment without any CITECHECK_ setting, never pointing at NCBI."""
    full = {k: v for k, v in os.environ.items() if not k.startswith("CITECHECK_")}
    full.update({"NO_COLOR": "1", "CITECHECK_PUBMED_URL": DEAD_PUBMED, **(env or {})})
    return full


def subprocess_run(
    *args: str,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    stdin: str | None = None,
    timeout: float = 300,
) -> subprocess.CompletedProcess[str]:
    """The installed command in a new process."""
    return subprocess.run(
        [*command_line(), *args],
        cwd=cwd,
        env=environment(env),
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def invoke(
    *args: str,
    cwd: Path,
    env: Mapping[str, str] | None = None,
    stdin: str | bytes | None = None,
) -> subprocess.CompletedProcess[str]:
    """The command in this process, from ``cwd``, with the environment ``subprocess_run`` gives.

    An exception the command did not turn into an exit code is raised here: in a new
    process it would be a traceback and exit 1, which a test expecting exit 1 (findings)
    could mistake for a pass.
    """
    wanted = environment(env)
    overlay: dict[str, str | None] = {k: None for k in os.environ if k not in wanted}
    overlay.update(wanted)
    before = Path.cwd()
    os.chdir(cwd)
    try:
        result = CliRunner().invoke(cli.main, list(args), input=stdin, env=overlay)
    finally:
        os.chdir(before)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return subprocess.CompletedProcess(
        ["citecheck", *args], result.exit_code, result.stdout, result.stderr
    )

"""The distribution: a built wheel installs the ``citecheck`` command, which checks the example.

The distribution is named ``citecheck-audit`` (``citecheck`` itself, ``citecheck-cli`` and
``citecheck-refs`` belong to other projects on the package index); the command and the
import package stay ``citecheck``. No network: the wheel is built by the project's build
backend in this environment (no build isolation) and installed with ``--no-index --no-deps``
into a fresh venv that borrows the test environment's installed dependencies through a
``.pth`` line.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DISTRIBUTION = "citecheck-audit"


def test_the_distribution_name_is_ours() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["name"] == DISTRIBUTION
    assert project["scripts"] == {"citecheck": "citecheck.cli:main"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"pipx install {DISTRIBUTION}" in readme and f"pip install {DISTRIBUTION}" in readme


def copy_source(target: Path) -> Path:
    """What a build reads (pyproject.toml, its readme, the packages under src/), copied so
    that the build's build/ and egg-info folders are never left in the checkout."""
    target.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, target / name)
    shutil.copytree(
        ROOT / "src", target / "src", ignore=shutil.ignore_patterns("__pycache__", "*.egg-info")
    )
    return target


def own_bytecode() -> dict[str, str]:
    """This environment without the tests' bytecode prefix (conftest.py), writing none:
    setuptools, pip and the installed wheel run from the bytecode their installs wrote
    instead of compiling themselves again into the prefix (2-3 s on a fresh checkout)."""
    environment = {k: v for k, v in os.environ.items() if k != "PYTHONPYCACHEPREFIX"}
    return {**environment, "PYTHONDONTWRITEBYTECODE": "1"}


def build_wheel(source: Path, wheels: Path) -> subprocess.CompletedProcess[str]:
    """Build a wheel of ``source`` with the backend its pyproject.toml names, as PEP 517
    frontends do without build isolation: `pip wheel` would start pip and then two more
    interpreters (metadata, then the wheel), about 2 s more for the same wheel."""
    backend = tomllib.loads((source / "pyproject.toml").read_text(encoding="utf-8"))
    hook = "import importlib, sys; print(importlib.import_module(sys.argv[1]).build_wheel(sys.argv[2]))"
    return subprocess.run(
        [sys.executable, "-c", hook, backend["build-system"]["build-backend"], str(wheels)],
        capture_output=True,
        text=True,
        cwd=source,
        env=own_bytecode(),
    )


@pytest.mark.slow
@pytest.mark.skipif(sys.platform == "win32", reason="POSIX venv layout")
def test_a_built_wheel_installs_a_working_command(tmp_path: Path) -> None:
    pytest.importorskip("setuptools", minversion="70.1")  # bdist_wheel built in
    wheels = tmp_path / "wheels"
    build = build_wheel(copy_source(tmp_path / "source"), wheels)
    assert build.returncode == 0, build.stderr
    (wheel,) = wheels.glob("citecheck_audit-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "citecheck/data/journal_abbreviations.tsv" in names and "citecheck/py.typed" in names
    assert any(n.endswith("entry_points.txt") for n in names)

    fresh = tmp_path / "fresh"
    venv.create(fresh, with_pip=False)
    python = fresh / "bin" / "python"
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
        env=own_bytecode(),
    ).stdout.strip()
    # The dependencies (click, rich, lxml...) come from this environment, never the network.
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    # This environment's pip, run by the fresh interpreter (it is on the borrowed path):
    # `pip --python` would start a second pip there.
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "-q", "--no-index", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
        env={**own_bytecode(), "PIP_NO_INPUT": "1"},
    )
    assert install.returncode == 0, install.stderr

    command = fresh / "bin" / "citecheck"
    example = ROOT / "examples" / "ketamine-therapy.md"
    records = ROOT / "examples" / "records.jsonl"
    run = subprocess.run(
        [str(command), "check", str(example), "--records", str(records), "--format", "json"],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={k: v for k, v in own_bytecode().items() if k != "PYTHONPATH"},
    )
    assert run.returncode == 1, run.stderr  # the example is wrong on purpose
    assert '"claim-year"' in run.stdout
    where = subprocess.run(
        [str(python), "-c", "import citecheck; print(citecheck.__file__)"],
        capture_output=True,
        text=True,
        check=True,
        env=own_bytecode(),
    ).stdout
    assert where.startswith(str(fresh)), where  # the wheel's copy, not the checkout's

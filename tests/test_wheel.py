"""The distribution: a built wheel installs the ``citecheck`` command, which checks the example.

The distribution is named ``citecheck-audit`` (``citecheck`` itself, ``citecheck-cli`` and
``citecheck-refs`` belong to other projects on the package index); the command and the
import package stay ``citecheck``. No network: the wheel is built without build isolation
and installed with ``--no-index --no-deps`` into a fresh venv that borrows the test
environment's installed dependencies through a ``.pth`` line.
"""

from __future__ import annotations

import os
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


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX venv layout")
def test_a_built_wheel_installs_a_working_command(tmp_path: Path) -> None:
    pytest.importorskip("setuptools", minversion="70.1")  # bdist_wheel built in
    wheels = tmp_path / "wheels"
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index"]
        + ["-q", "-w", str(wheels), str(ROOT)],
        capture_output=True,
        text=True,
        env={**os.environ, "PIP_NO_INPUT": "1"},
        cwd=tmp_path,  # never leave a build/ folder in the checkout
    )
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
    ).stdout.strip()
    # The dependencies (click, rich, lxml...) come from this environment, never the network.
    Path(site, "borrowed.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "-q"]
        + ["--no-index", "--no-deps", str(wheel)],
        capture_output=True,
        text=True,
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
        env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"},
    )
    assert run.returncode == 1, run.stderr  # the example is wrong on purpose
    assert '"claim-year"' in run.stdout
    where = subprocess.run(
        [str(python), "-c", "import citecheck; print(citecheck.__file__)"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert where.startswith(str(fresh)), where  # the wheel's copy, not the checkout's

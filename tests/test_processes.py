"""Helper processes: a helper killed mid-run costs time, never a result or the run."""

from __future__ import annotations

import json
import logging
import os
import signal
import subprocess
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import pytest

from citecheck import processes
from clirun import invoke
from test_results import RECORDS, archive


def _square_or_die(number: int, parent: int) -> int:
    """``number`` squared; a helper ends (SIGKILL, as the OOM killer sends) at its first job."""
    if os.getpid() != parent:
        os.kill(os.getpid(), signal.SIGKILL)
    time.sleep(0.005)  # slower here than a helper: the helper surely gets jobs
    return number * number


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_helper_killed_at_work_leaves_its_jobs_to_this_process(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every job done, in order, one warning, and no thread's traceback (an exception no
    thread handled fails the test).
    """
    monkeypatch.setattr(processes, "cores", lambda: 2)
    jobs = [(number, os.getpid()) for number in range(40)]
    with processes.helping(processes.HELPED_FROM) as helper, caplog.at_level(logging.WARNING):
        assert helper is not None
        done = list(processes.ordered(helper, _square_or_die, jobs, 8))
        again = list(processes.ordered(helper, _square_or_die, jobs, 8))  # broken from the start
    assert done == again == [number * number for number in range(40)]
    told = [r.getMessage() for r in caplog.records if r.name == "citecheck.processes"]
    assert told == [
        "the helper process ended before its work was done; "
        "this process does that work instead (the results are the same)"
    ]


def _killed(workers: int) -> ProcessPoolExecutor:
    """A started pool whose helper is then killed, as the OOM killer would."""
    pool = processes.pool(workers)
    pool.submit(int).result()  # started and at work
    for pid in list(pool._processes):  # noqa: SLF001 - the only way to name a pool's processes
        os.kill(pid, signal.SIGKILL)
    return pool


def test_a_check_whose_helper_is_killed_reports_as_one_without(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check and its JSON report (both use the helper) come out the same, with the
    same exit code, and one warning line on stderr; the results file is whole.
    """
    archive(tmp_path / "posts", 30)
    monkeypatch.setattr(processes, "cores", lambda: 2)
    runs = []
    for helped_from, start in ((10_000, processes.started), (2, _killed)):
        monkeypatch.setattr(processes, "HELPED_FROM", helped_from)
        monkeypatch.setattr(processes, "started", start)
        target = tmp_path / f"run-{helped_from}.jsonl"
        args = ("check", "posts", "--records", str(RECORDS), "--results", str(target))
        runs.append((invoke(*args, "--format", "json", "--quiet", cwd=tmp_path), target))
    (alone, alone_file), (killed, killed_file) = runs
    assert killed.returncode == alone.returncode == 1, killed.stderr
    assert json.loads(killed.stdout) == json.loads(alone.stdout)
    assert len(killed_file.read_text().splitlines()) == 30
    told = [line for line in killed.stderr.splitlines() if "helper process" in line]
    assert len(told) == 1
    assert "Traceback" not in killed.stderr


_KILLED_RUN = """
import os, signal
from citecheck import processes
helper = processes.started(1)
helper.submit(int).result()
os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer ends a run
"""


def test_a_run_killed_with_its_helper_leaves_nothing_on_stderr() -> None:
    """The resource tracker still removes the helper's semaphores, without a warning."""
    run = subprocess.run(
        [sys.executable, "-c", _KILLED_RUN], capture_output=True, text=True, timeout=60
    )
    assert run.returncode == -signal.SIGKILL
    assert run.stderr == ""

"""Progress of a check on stderr: a rich bar on a terminal, a plain line a minute elsewhere.

Both show documents done of the total, references checked, how many are unverified, the
time elapsed and an estimate of the time left. ``--quiet`` shows neither.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable
from typing import Any, TextIO

from citecheck.model import Status
from citecheck.pipeline import Checked, Event

LINE_INTERVAL = 60.0  # seconds between plain progress lines


class Counts:
    """What a run has done so far; the ETA counts only documents checked in this run."""

    def __init__(self, total: int, clock: Callable[[], float] = time.monotonic) -> None:
        self.total = total
        self.done = 0  # checked, skipped (already in the results file) or unreadable
        self.checked = 0
        self.references = 0
        self.unverified = 0
        self.clock = clock
        self.started = clock()

    def add(self, event: Event) -> None:
        """Count one event of the pipeline."""
        self.done += 1
        if isinstance(event, Checked):
            self.checked += 1
            self.references += len(event.report.parsed.references)
            self.unverified += sum(
                1 for r in event.report.resolutions.values() if r.status == Status.UNVERIFIED
            )

    def elapsed(self) -> float:
        """Seconds since the run started."""
        return self.clock() - self.started

    def eta(self) -> float | None:
        """Seconds left at this run's pace, or None before the first document is checked."""
        if not self.checked:
            return None
        return self.elapsed() / self.checked * max(0, self.total - self.done)

    def line(self) -> str:
        """ "412/1000 documents, 4120 references, 3 unverified, 6m12s elapsed, ETA 8m51s"."""
        eta = self.eta()
        return (
            f"{self.done}/{self.total} documents, {self.references} references, "
            f"{self.unverified} unverified, {duration(self.elapsed())} elapsed, "
            f"ETA {duration(eta) if eta is not None else 'unknown'}"
        )


def duration(seconds: float) -> str:
    """ "45s", "6m12s", "2h05m"."""
    seconds = round(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class Display:
    """No progress at all (``--quiet``, or nothing worth showing)."""

    def __init__(self, counts: Counts) -> None:
        self.counts = counts

    def update(self, event: Event) -> None:
        """Take one pipeline event into account."""
        self.counts.add(event)

    def close(self) -> None:
        """Stop showing progress."""

    def __enter__(self) -> Display:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class LineDisplay(Display):
    """One plain line on stderr per ``interval`` seconds, for cron jobs and CI logs."""

    def __init__(
        self, counts: Counts, stream: TextIO | None = None, interval: float = LINE_INTERVAL
    ) -> None:
        super().__init__(counts)
        self.stream = stream
        self.interval = interval
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="citecheck-progress", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stop.wait(self.interval):
            self.say()

    def say(self) -> None:
        """Write the progress line now."""
        stream = self.stream or sys.stderr
        stream.write(f"citecheck: progress: {self.counts.line()}\n")
        stream.flush()

    def close(self) -> None:
        """Stop the timer."""
        self._stop.set()


class BarDisplay(Display):
    """A rich progress bar on a terminal: counts, elapsed time and ETA."""

    def __init__(self, counts: Counts, console: Any) -> None:
        super().__init__(counts)
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeElapsedColumn,
            TimeRemainingColumn,
        )

        self._bar = Progress(
            TextColumn("Checking"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("documents, {task.fields[references]} references,"),
            TextColumn("{task.fields[unverified]} unverified"),
            TimeElapsedColumn(),
            TextColumn("ETA"),
            TimeRemainingColumn(),
            console=console,
            transient=True,
        )
        self._task = self._bar.add_task("check", total=counts.total, references=0, unverified=0)
        self._bar.start()

    def update(self, event: Event) -> None:
        """Advance the bar."""
        super().update(event)
        self._bar.update(
            self._task,
            completed=self.counts.done,
            references=self.counts.references,
            unverified=self.counts.unverified,
        )

    def close(self) -> None:
        """Remove the bar."""
        self._bar.stop()


def display(total: int, *, quiet: bool, console: Any, stream: TextIO | None = None) -> Display:
    """The right progress display for stderr: a bar, plain lines, or nothing."""
    counts = Counts(total)
    if quiet or total < 2:
        return Display(counts)
    if (stream or sys.stderr).isatty():
        return BarDisplay(counts, console)
    return LineDisplay(counts, stream)

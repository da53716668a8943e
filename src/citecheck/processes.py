"""Processes that work beside a run (parsing an archive's documents, rendering its report).

They are spawned, not forked: the run's process holds threads (look-ups, the fsync), and
a fork would copy the locks they hold. So the main module must be safe to import, as
the ``citecheck`` command's is. A helper ignores Ctrl-C, which reaches the whole process
group (the run's own process handles it), and ends as soon as the run's process does
(finished, interrupted, killed), never left waiting for work that will not come.
"""

from __future__ import annotations

import os
import signal
import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor


HELPED_FROM = 100  # documents: for fewer, a helper's start costs more than it saves


def helpers(documents: int) -> int:
    """How many helper processes to give a run of ``documents``: one for an archive, when
    there is another core for it (a helper starts in a fraction of a second, on that
    core); none for a few files. One is enough: it keeps up with the run's own process,
    and a second would import citecheck and compile its patterns again.
    """
    return 1 if documents >= HELPED_FROM and cores() > 1 else 0


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` helper processes, started as work is given them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_started)


def cores() -> int:
    """The cores this process may run on."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def _started() -> None:
    import multiprocessing

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    parent = multiprocessing.parent_process()
    if parent is not None:
        threading.Thread(target=_end_with, args=(parent.sentinel,), daemon=True).start()


def _end_with(sentinel: int) -> None:
    from multiprocessing.connection import wait

    wait([sentinel])
    os._exit(0)

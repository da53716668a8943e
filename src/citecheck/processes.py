"""Processes that work beside a run (parsing an archive's documents, rendering its report).

They are spawned, not forked: the run's process holds threads (look-ups, the fsync), and
a fork would copy the locks they hold. So the main module must be safe to import, as
the ``citecheck`` command's is. A helper ignores Ctrl-C, which reaches the whole process
group (the run's own process handles it), and ends as soon as the run's process does
(finished, interrupted, killed), never left waiting for work that will not come.
"""

from __future__ import annotations

import contextlib
import itertools
import os
import signal
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_R = TypeVar("_R")
_Job = tuple[Any, ...]


HELPED_FROM = 100  # documents: for fewer, a helper's start costs more than it saves


def helpers(documents: int) -> int:
    """How many helper processes to give a run of ``documents``: one for an archive, when
    there is another core for it (a helper starts in a fraction of a second, on that
    core); none for a few files. One is enough: it keeps up with the run's own process,
    and a second would import citecheck and compile its patterns again.
    """
    return 1 if documents >= HELPED_FROM and cores() > 1 else 0


@contextlib.contextmanager
def helping(documents: int) -> Iterator[ProcessPoolExecutor | None]:
    """The helpers a run of ``documents`` gets (:func:`helpers`; None for none), started
    at once and shut down when it ends, what they had not begun dropped. Shut down before
    the interpreter exits, not left to it: an interrupted run leaves at once (os._exit)
    while threads are busy, and a pool still open then would leave its queues' semaphores
    for the resource tracker to warn about.
    """
    if not helpers(documents):
        yield None
        return
    helper = started(1)
    try:
        yield helper
    finally:
        helper.shutdown(wait=True, cancel_futures=True)


def started(workers: int) -> ProcessPoolExecutor:
    """:func:`pool` with its processes started now; from the main thread, with Ctrl-C
    ignored from their first instruction (a Ctrl-C while one imports citecheck would
    otherwise end it with a traceback).
    """
    helpers = pool(workers)
    main = threading.current_thread() is threading.main_thread()
    before = signal.signal(signal.SIGINT, signal.SIG_IGN) if main else None
    try:
        for _ in range(workers):
            helpers.submit(int)  # each submission starts a process while none is idle
    finally:
        if main:
            signal.signal(signal.SIGINT, before)
    return helpers


def pool(workers: int) -> ProcessPoolExecutor:
    """A pool of ``workers`` helper processes, started as work is given them."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_started)


def ordered(
    pool: ProcessPoolExecutor,
    work: Callable[..., _R],
    jobs: Iterable[_Job],
    ahead: int,
    *,
    here_only: Callable[[_Job], bool] | None = None,
) -> Iterator[_R]:
    """``work(*job)`` for each of ``jobs``, in order: given to ``pool`` ``ahead`` jobs ahead
    of what is taken, and whenever the next is not ready, done here instead: that one if
    no helper has begun it, else the last that none has (a pending future is cancelled).
    The first jobs are given last to last first, so this process works from the front
    while the helpers start and they from the back; and it takes a share whenever they
    are the slower side. ``here_only`` names jobs that must be done here (standard input).
    """

    def here(job: _Job) -> Future[_R]:
        future: Future[_R] = Future()
        future.set_result(work(*job))
        return future

    def give(job: _Job) -> tuple[_Job, Future[_R]]:
        local = here_only is not None and here_only(job)
        return job, here(job) if local else pool.submit(work, *job)

    queued = iter(jobs)
    pending = deque(give(job) for job in reversed(list(itertools.islice(queued, ahead))))
    pending.reverse()
    while pending:
        _take_over(pending, here)
        _, first = pending.popleft()
        pending.extend(give(job) for job in itertools.islice(queued, 1))
        yield first.result()


def _take_over(pending: deque[tuple[_Job, Future[_R]]], here: Callable[[_Job], Future[_R]]) -> None:
    """While the first of ``pending`` is not ready, do here the first if no helper has
    begun it, else the last one none has begun.
    """
    for at in (0, *range(len(pending) - 1, 0, -1)):
        if pending[0][1].done():
            return
        job, future = pending[at]
        if future.cancel():
            pending[at] = job, here(job)


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

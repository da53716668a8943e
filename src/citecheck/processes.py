"""Processes that work beside a run (parsing an archive's documents, rendering its report).

They are spawned, not forked: the run's process holds threads (look-ups, the fsync), and
a fork would copy the locks they hold. So the main module must be safe to import, as
the ``citecheck`` command's is. A helper ignores Ctrl-C, which reaches the whole process
group (the run's own process handles it), and ends as soon as the run's process does
(finished, interrupted, killed), never left waiting for work that will not come. A
helper that ends before the run does (killed by the OOM killer, say) costs only time:
the run's process does the work it had and would have had (:func:`ordered`).
"""

from __future__ import annotations

import contextlib
import itertools
import logging
import os
import signal
import sys
import threading
import weakref
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

_R = TypeVar("_R")
_Job = tuple[Any, ...]


log = logging.getLogger(__name__)

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
        with _quiet_when_broken():
            yield helper
    finally:
        helper.shutdown(wait=True, cancel_futures=True)


@contextlib.contextmanager
def _quiet_when_broken() -> Iterator[None]:
    """No traceback for the error Python 3.11's pool makes of a helper's death.

    Finding its helper dead, the pool fails each job it had with set_exception, which
    raises for one :func:`ordered` had cancelled (to do it here): the pool's managing
    thread ends with a traceback on stderr, the rest of its jobs never told
    (:func:`_result` sees the pool broken). That one error is expected, and quiet; any
    other exception of any thread is shown as before. Python 3.12 ignores it itself.
    """
    from concurrent.futures import InvalidStateError
    from concurrent.futures.process import _ExecutorManagerThread

    before = threading.excepthook

    def hook(args: threading.ExceptHookArgs) -> None:
        if not (
            isinstance(args.exc_value, InvalidStateError)
            and isinstance(args.thread, _ExecutorManagerThread)
        ):
            before(args)

    threading.excepthook = hook
    try:
        yield
    finally:
        threading.excepthook = before


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

    if _QUIET_TRACKER not in sys.warnoptions:
        sys.warnoptions.append(_QUIET_TRACKER)
    context = multiprocessing.get_context("spawn")
    return ProcessPoolExecutor(workers, mp_context=context, initializer=_started)


# The pool's queues hold semaphores that multiprocessing's resource tracker (a process
# of its own) removes if the run's process is killed first (SIGKILL, the OOM killer);
# it then warns of "leaked semaphore objects" on the run's stderr, two lines a user can
# do nothing about, after the shell's own "Killed". The tracker and the helpers start
# with this process's -W options: this one keeps the tracker quiet, and cleaning.
_QUIET_TRACKER = "ignore::UserWarning:multiprocessing.resource_tracker"


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

    If a helper ends before its work is done (killed), the pool is broken: every job it
    had or would have had is done here instead, in the same order, after one warning.
    """
    from concurrent.futures.process import BrokenProcessPool

    broken = False

    def give(job: _Job) -> tuple[_Job, Future[_R] | None]:
        nonlocal broken
        if broken or (here_only is not None and here_only(job)):
            return job, None  # done here when it is taken
        try:
            return job, pool.submit(work, *job)
        except BrokenProcessPool:
            broken = _lost(pool)
            return job, None

    queued = iter(jobs)
    pending = deque(give(job) for job in reversed(list(itertools.islice(queued, ahead))))
    pending.reverse()
    while pending:
        if not broken:
            _take_over(pending, work)
        job, first = pending.popleft()
        pending.extend(give(job) for job in itertools.islice(queued, 1))
        if first is not None:
            try:
                result = _result(pool, first)
            except BrokenProcessPool:
                broken = _lost(pool)
            else:
                yield result
                continue
        yield work(*job)


def _result(pool: ProcessPoolExecutor, future: Future[_R]) -> _R:
    """``future``'s result, or BrokenProcessPool once ``pool`` is broken though ``future``
    was never told: on Python 3.11, a job given while the pool finds its helper dead can
    be missed when it fails the rest, and would be waited for forever.
    """
    from concurrent.futures import TimeoutError as Waited
    from concurrent.futures.process import BrokenProcessPool

    while True:
        try:
            return future.result(timeout=_LOOK_AGAIN)
        except Waited:
            if getattr(pool, "_broken", False):  # the only sign the pool gives of it
                raise BrokenProcessPool(pool._broken) from None  # noqa: SLF001


_LOOK_AGAIN = 0.25  # seconds between looks at whether a job's pool still works


def _take_over(pending: deque[tuple[_Job, Future[_R] | None]], work: Callable[..., _R]) -> None:
    """While the first of ``pending`` is not ready, do here the first if no helper has
    begun it, else the last one none has begun.
    """
    for at in (0, *range(len(pending) - 1, 0, -1)):
        if pending[0][1] is None or pending[0][1].done():
            return
        job, future = pending[at]
        if future is not None and future.cancel():
            done: Future[_R] = Future()
            done.set_result(work(*job))
            pending[at] = job, done


# The pools whose loss was told: one warning a run, though its check and its report
# both find the helper gone.
_told: weakref.WeakSet[ProcessPoolExecutor] = weakref.WeakSet()


def _lost(pool: ProcessPoolExecutor) -> bool:
    """Say once that ``pool``'s helper has ended and its work is done here; True."""
    if pool not in _told:
        _told.add(pool)
        log.warning(
            "the helper process ended before its work was done; "
            "this process does that work instead (the results are the same)"
        )
    return True


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

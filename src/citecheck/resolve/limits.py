"""Pacing for the Crossref REST API: rate limits, concurrency, retries and backoff.

One :class:`Pacer` is shared by every worker thread of a run. It keeps two token
buckets (single-record requests and list/query requests), a resizable concurrency
limit, a shared "not before" time that a 429 pushes forward for every worker, and the
retry allowances of one request (failures, and 429 waits); a run-wide retry cap is
optional and off by default, so a storm early in a run never starves later references. Clock, sleep and randomness are injectable so tests run instantly.
"""

from __future__ import annotations

import math
import random
import re
import threading
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Literal

Kind = Literal["single", "list"]


@dataclass(frozen=True)
class Limits:
    """Requests per second for each kind of request, and how many may run at once."""

    single_rate: float
    list_rate: float
    concurrency: int


POLITE = Limits(single_rate=10.0, list_rate=3.0, concurrency=3)
PUBLIC = Limits(single_rate=5.0, list_rate=1.0, concurrency=1)

_INTERVAL = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h)?\s*$", re.IGNORECASE)
_UNIT_SECONDS = {"ms": 0.001, "s": 1.0, "m": 60.0, "h": 3600.0}


def parse_interval(value: str) -> float | None:
    """Seconds in an ``x-rate-limit-interval`` value such as ``"1s"`` (None if unreadable)."""
    match = _INTERVAL.match(value)
    if not match:
        return None
    seconds = float(match.group(1)) * _UNIT_SECONDS[(match.group(2) or "s").lower()]
    return seconds if seconds > 0 else None


def parse_retry_after(value: str | None, now: float | None = None) -> float | None:
    """Seconds to wait from a ``Retry-After`` header: delta-seconds or an HTTP-date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    import email.utils  # an HTTP-date is rare: email's package costs every start milliseconds

    try:
        when = email.utils.parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    wall = time.time() if now is None else now
    return max(0.0, when.timestamp() - wall)


class TokenBucket:
    """A thread-safe pacer that hands out send times no closer than ``1/rate`` apart.

    A rate change (read from a response's headers) re-times the slots not yet due: the
    callers waiting for them are woken (:meth:`wait`) and take new slots at the new
    spacing, counted from the last slot that was due. So the look-ups queued at the start
    of a run, before the first response announced the limits, follow what the server
    announced rather than the guess they were queued under.
    """

    def __init__(self, rate: float, clock: Callable[[], float]) -> None:
        self._rate = rate
        self._clock = clock
        self._next = 0.0
        self._epoch = 0
        self._changed = threading.Condition(threading.Lock())

    @property
    def rate(self) -> float:
        """Requests per second."""
        return self._rate

    @property
    def epoch(self) -> int:
        """How many times the rate has changed: a slot reserved in an older epoch is void."""
        return self._epoch

    def set_rate(self, rate: float) -> None:
        """Change the rate (from response headers); wake the callers waiting for a slot."""
        if rate <= 0 or rate == self._rate:
            return
        with self._changed:
            old, self._rate = 1.0 / self._rate, rate
            if self._next:
                # The last slot that is due now (the later ones are void: their callers
                # take new ones), and the next free slot at the new spacing after it.
                now = self._clock()
                due = self._next - old
                if due > now:
                    due -= old * math.ceil((due - now) / old - 1e-9)
                self._next = due + 1.0 / rate
            self._epoch += 1
            self._changed.notify_all()

    def reserve(self) -> float:
        """Reserve the next send slot; return how long the caller must wait for it."""
        return self.reserve_slot()[0]

    def reserve_slot(self) -> tuple[float, int]:
        """Reserve the next send slot: how long to wait for it, and the epoch it belongs to."""
        with self._changed:
            now = self._clock()
            # Virtual scheduling: slots are handed out in order, so waiting threads never
            # race each other and the long-run rate is exact.
            slot = max(now, self._next)
            self._next = slot + 1.0 / self._rate
            return slot - now, self._epoch

    def wait(self, seconds: float, epoch: int) -> None:
        """Wait up to ``seconds`` in real time, returning early once the rate changes."""
        with self._changed:
            self._changed.wait_for(lambda: self._epoch != epoch, timeout=seconds)


class Gate:
    """A counting semaphore whose size can change while threads hold it."""

    def __init__(self, size: int) -> None:
        self._size = max(1, size)
        self._held = 0
        self._cond = threading.Condition()

    @property
    def size(self) -> int:
        """How many holders are allowed at once."""
        return self._size

    def resize(self, size: int) -> None:
        """Allow ``size`` holders from now on (current holders keep their place)."""
        with self._cond:
            self._size = max(1, size)
            self._cond.notify_all()

    def acquire(self) -> None:
        """Block until a place is free, then take it."""
        with self._cond:
            while self._held >= self._size:
                self._cond.wait()
            self._held += 1

    def release(self) -> None:
        """Give a place back."""
        with self._cond:
            self._held -= 1
            self._cond.notify()


class Pacer:
    """Shared rate limit, concurrency limit, 429 pause and retry budget for one run."""

    def __init__(
        self,
        limits: Limits = PUBLIC,
        *,
        max_retries: int = 3,
        max_waits: int = 6,
        retry_budget: int | None = None,
        base_delay: float = 0.5,
        max_delay: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
        jitter: Callable[[], float] = random.random,
    ) -> None:
        self.max_retries = max_retries
        self.max_waits = max_waits
        self._budget = retry_budget  # None: no run-wide cap, each request has its own
        self._base_delay = base_delay
        self._max_delay = max_delay
        self._clock = clock
        self._sleep = sleep
        self._jitter = jitter
        self._buckets: dict[Kind, TokenBucket] = {
            "single": TokenBucket(limits.single_rate, clock),
            "list": TokenBucket(limits.list_rate, clock),
        }
        self._gate = Gate(limits.concurrency)
        self._not_before = 0.0
        self._lock = threading.Lock()

    @property
    def limits(self) -> Limits:
        """The limits currently in force (as last read from the server)."""
        return Limits(self._buckets["single"].rate, self._buckets["list"].rate, self._gate.size)

    @contextmanager
    def slot(self, kind: Kind, stop: threading.Event | None = None) -> Iterator[bool]:
        """Wait for any shared pause, a concurrency place and a rate token; hold the place.

        Yields True when the request may go. Once ``stop`` is set (the service was found
        down or blocked while this caller queued), it yields False at once: no rate token
        is reserved and nothing is slept, so the callers queued behind a dead service do
        not each wait out a token they will never use.
        """
        self._wait_pause()
        self._gate.acquire()
        try:
            if stop is not None and stop.is_set():
                yield False
                return
            self._wait_pause()
            self._wait_token(self._buckets[kind])
            yield True
        finally:
            self._gate.release()

    def _wait_token(self, bucket: TokenBucket) -> None:
        """Wait for a rate token; take a new one if the rate changes while waiting."""
        while True:
            wait, epoch = bucket.reserve_slot()
            if wait <= 0:
                return
            if self._sleep is time.sleep:
                bucket.wait(wait, epoch)  # woken early by a rate change
            else:
                self._sleep(wait)  # an injected clock: one sleep, as before
            if bucket.epoch == epoch:
                return

    def _wait_pause(self) -> None:
        while True:
            with self._lock:
                wait = self._not_before - self._clock()
            if wait <= 0:
                return
            self._sleep(wait)

    def update(self, kind: Kind, headers: Mapping[str, str]) -> None:
        """Re-read the limits a response announces (``x-rate-limit-*``, ``x-concurrency-limit``)."""
        limit = _number(headers.get("x-rate-limit-limit"))
        interval_text = headers.get("x-rate-limit-interval")
        interval = parse_interval(interval_text) if interval_text else 1.0
        if limit and interval:
            self._buckets[kind].set_rate(limit / interval)
        concurrency = _number(headers.get("x-concurrency-limit"))
        if concurrency and concurrency >= 1 and int(concurrency) != self._gate.size:
            self._gate.resize(int(concurrency))

    def pause(self, seconds: float) -> None:
        """Hold back every worker for ``seconds`` (after a 429)."""
        with self._lock:
            self._not_before = max(self._not_before, self._clock() + seconds)

    def backoff(self, attempt: int) -> float:
        """Exponential backoff with jitter for retry number ``attempt`` (0-based)."""
        ceiling = min(self._max_delay, self._base_delay * 2.0**attempt)
        return ceiling / 2 + self._jitter() * ceiling / 2

    def wait(self, seconds: float) -> None:
        """Sleep this worker only (between retries of a failed request)."""
        if seconds > 0:
            self._sleep(seconds)

    def allow_retry(self, attempt: int) -> bool:
        """Whether retry number ``attempt`` (0-based) of one request after a failure (5xx,
        transport error, broken body) may go ahead; each request has its own budget.
        """
        if attempt >= self.max_retries:
            return False
        return self._spend()

    def allow_wait(self, waits: int) -> bool:
        """Whether a request refused with 429 ``waits`` times already may wait and try
        again: 429 says "slow down", not "failed", so its allowance is larger.
        """
        return waits < self.max_waits and self._spend()

    def _spend(self) -> bool:
        if self._budget is None:
            return True
        with self._lock:
            if self._budget <= 0:
                return False
            self._budget -= 1
            return True


def _number(value: str | None) -> float | None:
    if value is None:
        return None
    try:
        number: float = float(value.strip())
    except ValueError:
        return None
    return number if number > 0 else None

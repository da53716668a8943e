"""The shared pacer: header parsing, token spacing, shared pauses, retry budget."""

from __future__ import annotations

import threading
import time

import pytest

from citecheck.resolve.limits import (
    POLITE,
    PUBLIC,
    Gate,
    Limits,
    Pacer,
    TokenBucket,
    parse_interval,
    parse_retry_after,
)
from conftest import FakeTime


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("1s", 1.0),
        ("60s", 60.0),
        ("1m", 60.0),
        ("500ms", 0.5),
        ("2", 2.0),
        ("soon", None),
        ("0s", None),
    ],
)
def test_parse_interval(value: str, seconds: float | None) -> None:
    assert parse_interval(value) == seconds


@pytest.mark.parametrize(
    ("value", "seconds"),
    [
        ("7", 7.0),
        ("0", 0.0),
        (" 2.5 ", 2.5),
        ("Thu, 01 Jan 1970 00:01:40 GMT", 40.0),  # 100 s after the epoch, "now" is 60
        ("Thu, 01 Jan 1970 00:00:10 GMT", 0.0),  # in the past
        ("later", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_retry_after(value: str | None, seconds: float | None) -> None:
    assert parse_retry_after(value, now=60.0) == seconds


def test_bucket_spaces_send_times(fake_time: FakeTime) -> None:
    bucket = TokenBucket(10.0, fake_time.clock)
    waits = [bucket.reserve() for _ in range(4)]
    assert waits == pytest.approx([0.0, 0.1, 0.2, 0.3])
    fake_time.now += 0.15  # the slots at 0.0 and 0.1 are due; 0.2 and 0.3 are not yet
    bucket.set_rate(2.0)  # the new spacing counts from the last slot that was due
    assert bucket.reserve() == pytest.approx(0.6 - 0.15)
    assert bucket.reserve() == pytest.approx(1.1 - 0.15)


def test_callers_waiting_under_a_guessed_rate_follow_the_announced_one() -> None:
    # Real time: three look-ups queue behind a 1-per-second guess; the first response
    # announces 500 per second, and the two still waiting go at once instead of at 1 s
    # and 2 s.
    pacer = Pacer(Limits(single_rate=10.0, list_rate=1.0, concurrency=3))
    started = time.monotonic()
    sent: list[float] = []

    def look_up() -> None:
        with pacer.slot("list"):
            sent.append(time.monotonic() - started)

    with pacer.slot("list"):
        waiting = [threading.Thread(target=look_up) for _ in range(2)]
        for thread in waiting:
            thread.start()
        time.sleep(0.05)  # both are now waiting for tokens at 1 s and 2 s
        pacer.update("list", {"x-rate-limit-limit": "500", "x-rate-limit-interval": "1s"})
    for thread in waiting:
        thread.join()
    assert len(sent) == 2 and max(sent) < 0.5, sent


def test_a_repeated_announcement_wakes_no_one(fake_time: FakeTime) -> None:
    bucket = TokenBucket(3.0, fake_time.clock)
    bucket.reserve()
    epoch = bucket.epoch
    bucket.set_rate(3.0)
    assert bucket.epoch == epoch


def test_a_faster_rate_applies_to_the_next_slot(fake_time: FakeTime) -> None:
    bucket = TokenBucket(3.0, fake_time.clock)
    assert bucket.reserve() == 0.0
    bucket.set_rate(100.0)
    assert bucket.reserve() == pytest.approx(0.01)


@pytest.mark.parametrize(
    ("headers", "kind", "expected"),
    [
        (
            {"x-rate-limit-limit": "5", "x-rate-limit-interval": "1s", "x-concurrency-limit": "1"},
            "single",
            Limits(5.0, 3.0, 1),
        ),
        ({"x-rate-limit-limit": "1", "x-rate-limit-interval": "1s"}, "list", Limits(10.0, 1.0, 3)),
        (
            {"x-rate-limit-limit": "50", "x-rate-limit-interval": "10s"},
            "single",
            Limits(5.0, 3.0, 3),
        ),
        ({"x-rate-limit-limit": "junk", "x-concurrency-limit": "0"}, "single", POLITE),
        ({}, "list", POLITE),
    ],
)
def test_limits_are_reread_from_headers(
    headers: dict[str, str], kind: str, expected: Limits
) -> None:
    pacer = Pacer(POLITE)
    pacer.update(kind, headers)  # type: ignore[arg-type]
    assert pacer.limits == expected


def test_slot_waits_for_rate_tokens(fake_time: FakeTime) -> None:
    pacer = Pacer(PUBLIC, clock=fake_time.clock, sleep=fake_time.sleep)
    for _ in range(3):
        with pacer.slot("list"):
            pass
    assert fake_time.sleeps == pytest.approx([1.0, 1.0])


def test_pause_holds_back_every_thread(fake_time: FakeTime) -> None:
    pacer = Pacer(POLITE, clock=fake_time.clock, sleep=fake_time.sleep)
    pacer.pause(20)

    def work() -> None:
        with pacer.slot("single"):
            pass

    thread = threading.Thread(target=work)
    thread.start()
    thread.join()
    assert fake_time.sleeps[0] == pytest.approx(20)


@pytest.mark.parametrize(
    ("attempt", "jitter", "delay"),
    [(0, 0.0, 0.25), (0, 1.0, 0.5), (2, 0.0, 1.0), (2, 1.0, 2.0), (20, 1.0, 10.0)],
)
def test_backoff_is_exponential_with_jitter(attempt: int, jitter: float, delay: float) -> None:
    assert Pacer(jitter=lambda: jitter).backoff(attempt) == pytest.approx(delay)


def test_retry_budget_is_shared() -> None:
    pacer = Pacer(max_retries=3, retry_budget=4)
    assert [pacer.allow_retry(a) for a in (0, 1, 2, 3)] == [True, True, True, False]
    assert [pacer.allow_retry(a) for a in (0, 0)] == [True, False]


def test_gate_limits_holders_and_resizes() -> None:
    gate = Gate(2)
    gate.acquire()
    gate.acquire()
    acquired = threading.Event()

    def third() -> None:
        gate.acquire()
        acquired.set()

    thread = threading.Thread(target=third)
    thread.start()
    assert not acquired.wait(0.05)
    gate.resize(3)
    thread.join()
    assert acquired.is_set()

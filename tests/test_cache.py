"""The SQLite cache and CachedSource: hits cost no request, expiry, offline, corruption, sharing."""

from __future__ import annotations

import logging
import multiprocessing
import sqlite3
import threading
from pathlib import Path

import pytest

from cacheworker import write_many
from citecheck.resolve.base import Fetch
from citecheck.resolve.cache import DAY, Cache, CachedSource, default_cache_dir, query_key
from citecheck.resolve.crossref import CrossrefSource
from citecheck.resolve.limits import POLITE, Pacer
from citecheck.resolve.offline import OfflineSource
from conftest import FakeTime
from fakecrossref import FakeCrossref, Fault

KNOWN = ["10.4088/jcp.17m11731", "10.1093/ijnp/pyu039"]
MISSING = "10.9999/none"


def make_cached(
    fake: FakeCrossref, cache: Cache | None, fake_time: FakeTime, **options: object
) -> CachedSource:
    pacer = Pacer(POLITE, clock=fake_time.clock, sleep=fake_time.sleep)
    inner = CrossrefSource(fake.url, "team@example.org", cn_url=fake.url, limiter=pacer)
    return CachedSource(inner, cache, **options)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("query", "key"),
    [("  Smith  J.\tKetamine\n2018 ", "smith j. ketamine 2018"), ("ABC", "abc")],
)
def test_query_key(query: str, key: str) -> None:
    assert query_key(query) == key


def test_default_cache_dir_is_the_platform_one(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert default_cache_dir() == tmp_path / "xdg" / "citecheck"


def test_second_lookup_costs_no_request(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    source = make_cached(fake_crossref, Cache(cache_dir), fake_time)
    first = source.works([k.upper() for k in KNOWN] + [MISSING])
    sent = len(fake_crossref.requests)
    second = source.works(KNOWN + [MISSING])
    assert len(fake_crossref.requests) == sent
    assert {k: f.status for k, f in second.items()} == {
        KNOWN[0]: "ok",
        KNOWN[1]: "ok",
        MISSING: "not_found",
    }
    assert second[KNOWN[1]].work == first[KNOWN[1]].work  # the raw record round-trips
    # Search, agency and negotiation are cached too.
    for call in (lambda: source.search("Ketamine  Yale "), lambda: source.agency(KNOWN[0])):
        call()
        sent = len(fake_crossref.requests)
        call()
        assert len(fake_crossref.requests) == sent
    assert source.search("ketamine yale").hits == source.search("KETAMINE YALE").hits
    negotiated = source.negotiate(KNOWN[0])
    sent = len(fake_crossref.requests)
    assert source.negotiate(KNOWN[0]) == negotiated
    assert len(fake_crossref.requests) == sent


def test_cache_is_shared_across_sources_and_keys_ignore_mailto(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    make_cached(fake_crossref, Cache(cache_dir), fake_time).works(KNOWN)
    sent = len(fake_crossref.requests)
    other = CachedSource(CrossrefSource(fake_crossref.url, "someone@else.org"), Cache(cache_dir))
    assert {f.status for f in other.works(KNOWN).values()} == {"ok"}
    assert len(fake_crossref.requests) == sent


@pytest.mark.parametrize(
    ("doi", "age_days", "max_age", "fresh"),
    [
        (KNOWN[0], 13, None, True),
        (KNOWN[0], 15, None, False),  # works: 14 days
        (MISSING, 6, None, True),
        (MISSING, 8, None, False),  # not found: 7 days
        (KNOWN[0], 2, 1 * DAY, False),  # max_age overrides
        (KNOWN[0], 20, 30 * DAY, True),
    ],
)
def test_expiry(
    fake_crossref: FakeCrossref,
    cache_dir: Path,
    fake_time: FakeTime,
    doi: str,
    age_days: float,
    max_age: float | None,
    fresh: bool,
) -> None:
    cache = Cache(cache_dir, clock=fake_time.clock)
    make_cached(fake_crossref, cache, fake_time).works([doi])
    fake_time.now += age_days * DAY
    sent = len(fake_crossref.requests)
    make_cached(fake_crossref, cache, fake_time, max_age=max_age).works([doi])
    assert (len(fake_crossref.requests) == sent) is fresh


def test_search_expires_after_thirty_days(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    cache = Cache(cache_dir, clock=fake_time.clock)
    source = make_cached(fake_crossref, cache, fake_time)
    source.search("ketamine")
    fake_time.now += 29 * DAY
    source.search("ketamine")
    assert fake_crossref.counts()["search"] == 1
    fake_time.now += 2 * DAY
    source.search("ketamine")
    assert fake_crossref.counts()["search"] == 2


def test_refresh_ignores_but_rewrites(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    cache = Cache(cache_dir)
    make_cached(fake_crossref, cache, fake_time).works(KNOWN)
    make_cached(fake_crossref, cache, fake_time, refresh=True).works(KNOWN)
    assert fake_crossref.counts()["batch"] == 2
    make_cached(fake_crossref, cache, fake_time).works(KNOWN)
    assert fake_crossref.counts()["batch"] == 2


def test_unverified_is_never_cached(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    fake_crossref.add_fault(r"^/works", Fault(503), times=None)
    source = make_cached(fake_crossref, Cache(cache_dir), fake_time)
    assert {f.status for f in source.works(KNOWN).values()} == {"unverified"}
    fake_crossref.clear()
    assert {f.status for f in source.works(KNOWN).values()} == {"ok"}
    assert Cache(cache_dir).info()["entries"] == {"work": 2}


def test_offline_answers_only_from_cache(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    cache = Cache(cache_dir)
    make_cached(fake_crossref, cache, fake_time).works(KNOWN[:1])
    fake_crossref.clear()
    offline = make_cached(fake_crossref, cache, fake_time, offline=True)
    results = offline.works(KNOWN + [MISSING])
    assert results[KNOWN[0]].status == "ok"
    assert results[KNOWN[1]] == Fetch("unverified", reason="offline")
    assert results[MISSING] == Fetch("unverified", reason="offline")
    assert offline.search("ketamine").reason == "offline"
    assert offline.agency(KNOWN[1]).reason == "offline"
    assert offline.negotiate(KNOWN[1]).reason == "offline"
    assert fake_crossref.requests == []


def test_offline_source_without_cache() -> None:
    source = CachedSource(OfflineSource(), None, offline=True)
    assert source.works(["10.1/X"]) == {"10.1/x": Fetch("unverified", reason="offline")}
    assert OfflineSource().search("x").status == "unverified"


@pytest.mark.parametrize("garbage", [b"this is not a database at all" * 100, b"\x00\xff" * 3000])
def test_corrupt_cache_is_moved_aside_and_rebuilt(
    cache_dir: Path, garbage: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    (cache_dir / "cache.sqlite3").write_bytes(garbage)
    with caplog.at_level(logging.WARNING):
        cache = Cache(cache_dir)
    assert "moved to" in caplog.text
    [aside] = cache_dir.glob("cache.sqlite3.corrupt-*")
    assert aside.read_bytes() == garbage
    cache.put("work", "10.1/x", "not_found", None)
    assert cache.get("work", "10.1/x") is not None


def test_info_and_clear(cache_dir: Path, fake_time: FakeTime) -> None:
    cache = Cache(cache_dir, clock=fake_time.clock)
    cache.put("work", "10.1/a", "ok", "{}")
    fake_time.now += 10
    cache.put("work", "10.1/b", "not_found", None)
    cache.put("search", "5:x", "ok", "[]")
    info = cache.info()
    assert info["path"] == str(cache_dir / "cache.sqlite3")
    assert info["size"] > 0
    assert info["entries"] == {"work": 2, "search": 1}
    assert (info["oldest"], info["newest"]) == (1000.0, 1010.0)
    assert cache.clear() == 3
    assert cache.info()["entries"] == {}


def test_threads_share_one_cache(cache_dir: Path) -> None:
    cache = Cache(cache_dir)

    def write(n: int) -> None:
        for i in range(50):
            cache.put("work", f"10.1/{n}-{i}", "not_found", None)

    threads = [threading.Thread(target=write, args=(n,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert cache.info()["entries"] == {"work": 200}


@pytest.mark.slow
def test_two_processes_share_a_cache(cache_dir: Path) -> None:
    Cache(cache_dir).close()
    context = multiprocessing.get_context("spawn")
    processes = [context.Process(target=write_many, args=(str(cache_dir), n)) for n in (0, 1)]
    for process in processes:
        process.start()
    for process in processes:
        process.join(120)
    assert [p.exitcode for p in processes] == [0, 0]
    connection = sqlite3.connect(cache_dir / "cache.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    assert connection.execute("SELECT count(*) FROM entries").fetchone() == (400,)
    assert Cache(cache_dir).get("work", "10.1/1-199") is not None

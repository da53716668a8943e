"""A cache never stops a run: unwritable places, read-only mounts, damaged rows."""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sqlite3
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck.cli import main
from citecheck.model import Author, Update, Work
from citecheck.resolve.cache import Cache, CachedSource, default_cache_dir
from citecheck.resolve.compact import decode_work, encode_work
from citecheck.resolve.crossref import CrossrefSource
from citecheck.resolve.limits import POLITE, Pacer
from conftest import FakeTime
from fakecrossref import FakeCrossref
from test_e2e import EXAMPLE, online, run

KNOWN = "10.4088/jcp.17m11731"
QUERY = "Wilkinson Acute and longer-term outcomes using ketamine Yale Psychiatric Hospital"


@contextlib.contextmanager
def read_only(directory: Path) -> Iterator[None]:
    """Make ``directory`` read-only for this process: a read-only bind mount as root
    (permission bits do not stop root), else permission bits."""
    mounted = False
    if os.geteuid() == 0:
        bind = subprocess.run(["mount", "--bind", str(directory), str(directory)], check=False)
        if bind.returncode == 0:
            mounted = True
            remount = ["mount", "-o", "remount,ro,bind", str(directory)]
            if subprocess.run(remount, check=False).returncode != 0:
                subprocess.run(["umount", str(directory)], check=False)
                mounted = False
    modes = {p: p.stat().st_mode for p in (directory, *directory.iterdir())}
    if not mounted:
        for path in modes:
            path.chmod(0o555 if path.is_dir() else 0o444)
    try:
        probe = directory / ".probe"
        try:
            probe.write_text("x")
        except OSError:
            pass
        else:
            probe.unlink()
            pytest.skip("cannot make a directory read-only here")
        yield
    finally:
        if mounted:
            subprocess.run(["umount", str(directory)], check=False)
        else:
            for path, mode in modes.items():
                path.chmod(mode)


def flat(text: str) -> str:
    """Text with line wrapping undone (log lines are wrapped to the terminal width)."""
    return " ".join(text.split())


def warnings_in(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if "WARNING" in line or "warning:" in line]


def cache_warnings(stderr: str) -> list[str]:
    return [line for line in warnings_in(stderr) if "cache" in line]


def make_cached(fake: FakeCrossref, cache: Cache, fake_time: FakeTime) -> CachedSource:
    pacer = Pacer(POLITE, clock=fake_time.clock, sleep=fake_time.sleep)
    return CachedSource(CrossrefSource(fake.url, "t@example.org", limiter=pacer), cache)


# -- unwritable places: one warning, the run goes on ---------------------------------


def test_a_cache_dir_that_cannot_be_made_is_one_warning(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    cache = tmp_path / "a-file" / "cache"
    result = run("check", str(EXAMPLE), "--format", "json", *online(crossref, cache), cwd=tmp_path)
    assert result.returncode == 1, result.stderr  # the findings, not an internal error
    assert json.loads(result.stdout)["documents"][0]["references"]
    assert len(cache_warnings(result.stderr)) == 1
    assert "continuing without a cache" in flat(result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr


@pytest.mark.parametrize("xdg", [True, False])
def test_an_unusable_default_place_is_no_cache(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, xdg: bool
) -> None:
    monkeypatch.delenv("CITECHECK_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", "/dev/null/nowhere")
    with caplog.at_level(logging.WARNING):
        cache = Cache(default_cache_dir() if xdg else Path("/dev/null/c"))
        assert cache.get("work", "10.1/x") is None
        cache.put("work", "10.1/x", "not_found", None)
    assert not cache.usable
    assert len(caplog.records) == 1 and "continuing without a cache" in caplog.text


def test_a_read_only_cache_dir_without_a_cache(crossref: FakeCrossref, tmp_path: Path) -> None:
    empty = tmp_path / "ro"
    empty.mkdir()
    with read_only(empty):
        result = run("check", str(EXAMPLE), *online(crossref, empty), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    assert len(cache_warnings(result.stderr)) == 1
    assert "internal error" not in result.stderr


def test_a_valid_cache_on_a_read_only_mount_is_read_not_moved(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    cache = tmp_path / "c"
    first = run("check", str(EXAMPLE), "--format", "json", *online(crossref, cache), cwd=tmp_path)
    assert first.returncode == 1
    files = sorted(p.name for p in cache.iterdir())
    with read_only(cache):
        offline = run(
            "check", str(EXAMPLE), "--format", "json", "--offline", "--no-pubmed", "--cache-dir", str(cache),
            cwd=tmp_path,
        )  # fmt: skip
        assert sorted(p.name for p in cache.iterdir()) == files  # nothing moved aside
        info = run("cache", "info", "--cache-dir", str(cache), cwd=tmp_path)
        cleared = run("cache", "clear", "--cache-dir", str(cache), cwd=tmp_path)
    statuses = {
        r["resolution"]["status"] for r in json.loads(offline.stdout)["documents"][0]["references"]
    }
    assert "unverified" not in statuses, offline.stderr  # the cache was still read
    assert len(cache_warnings(offline.stderr)) == 1 and "read-only" in flat(offline.stderr)
    assert info.returncode == 0 and "total" in info.stdout
    assert cleared.returncode == 2 and "read-only" in cleared.stderr
    assert "internal error" not in cleared.stderr + offline.stderr


def test_writes_that_fail_warn_once(cache_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    cache = Cache(cache_dir)
    cache.put("work", "10.1/a", "not_found", None)
    connection = cache._connect()
    connection.execute("PRAGMA query_only=ON")  # every write now fails inside SQLite
    with caplog.at_level(logging.WARNING):
        for n in range(20):
            cache.put("work", f"10.1/{n}", "not_found", None)
    assert len(caplog.records) == 1 and "storing nothing more" in caplog.text
    assert cache.get("work", "10.1/a") is not None  # reading goes on


# -- damaged rows: misses, rewritten ------------------------------------------------


def _corrupt(cache: Cache, kind: str, key: str, body: object, stored: object = None) -> None:
    connection = sqlite3.connect(cache.path)
    with connection:
        if stored is None:
            connection.execute(
                "UPDATE entries SET body = ? WHERE kind = ? AND key = ?", (body, kind, key)
            )
        else:
            connection.execute(
                "UPDATE entries SET stored = ? WHERE kind = ? AND key = ?", (stored, kind, key)
            )
    connection.close()


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        "[1, 2, 3]",
        '{"v": 1, "doi": 7}',
        '{"v": 1, "doi": "10.4088/jcp.17m11731", "authors": "Wilkinson"}',
        '{"v": 1, "doi": "10.4088/jcp.17m11731", "year": "twenty"}',
        '{"title": ["no DOI here"]}',
        "",
        "null",
    ],
)
def test_a_damaged_work_row_is_a_miss_and_is_rewritten(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime, body: str
) -> None:
    cache = Cache(cache_dir)
    make_cached(fake_crossref, cache, fake_time).works([KNOWN])
    _corrupt(cache, "work", KNOWN, body)
    again = make_cached(fake_crossref, cache, fake_time).works([KNOWN])
    assert again[KNOWN].status == "ok" and again[KNOWN].work is not None
    assert len(fake_crossref.requests) == 2  # looked up again
    third = make_cached(fake_crossref, cache, fake_time).works([KNOWN])
    assert third[KNOWN] == again[KNOWN]
    assert len(fake_crossref.requests) == 2  # and the row was repaired


@pytest.mark.parametrize(
    "body",
    [
        "{not json",
        '{"a": 1}',
        "[[1, 2]]",
        '[[{"v": 1, "doi": "10.1/x"}, "high"]]',  # a non-numeric score
        '[[{"v": 1, "doi": "10.1/x"}, true]]',
        '[[{"v": 1, "doi": "10.1/x"}]]',
        '[{"v": 1, "doi": "10.1/x"}]',
    ],
)
def test_a_damaged_search_row_is_a_miss_and_is_rewritten(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime, body: str
) -> None:
    cache = Cache(cache_dir)
    first = make_cached(fake_crossref, cache, fake_time).search(QUERY)
    assert first.status == "ok" and first.hits
    _corrupt(cache, "search", f"5:{QUERY.lower()}", body)
    again = make_cached(fake_crossref, cache, fake_time).search(QUERY)
    assert again == first
    assert fake_crossref.counts()["search"] == 2
    assert make_cached(fake_crossref, cache, fake_time).search(QUERY) == first
    assert fake_crossref.counts()["search"] == 2


def test_a_row_with_a_damaged_timestamp_is_a_miss(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    cache = Cache(cache_dir)
    make_cached(fake_crossref, cache, fake_time).works([KNOWN])
    _corrupt(cache, "work", KNOWN, None, stored="yesterday")
    assert make_cached(fake_crossref, cache, fake_time).works([KNOWN])[KNOWN].status == "ok"
    assert len(fake_crossref.requests) == 2


def test_a_damaged_row_never_crashes_a_run(crossref: FakeCrossref, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    args = ["check", str(EXAMPLE), "--format", "json", *online(crossref, cache)]
    assert CliRunner().invoke(main, args).exit_code == 1
    connection = sqlite3.connect(cache / "cache.sqlite3")
    with connection:
        connection.execute('UPDATE entries SET body = \'[[{"v": 1, "doi": "10.1/x"}, "x"]]\'')
    connection.close()
    crossref.requests.clear()
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 1, result.output
    statuses = [
        r["resolution"]["status"] for r in json.loads(result.stdout)["documents"][0]["references"]
    ]
    assert "unverified" not in statuses
    assert crossref.counts()["search"] == 5  # every damaged search asked again


# -- compact rows ---------------------------------------------------------------------


def test_the_compact_form_round_trips_what_citecheck_compares() -> None:
    work = Work(
        doi="10.1/x",
        type="journal-article",
        title="A randomized trial",
        authors=(Author("Smith", "J."), Author("World Health Organization")),
        journal="Journal",
        short_journals=("J",),
        year=2020,
        year_online=2019,
        volume="3",
        pages="1-9",
        updated_by=(Update("retraction", "10.1/r", "publisher", 2021),),
        abstract="Background. Patients were randomized to ketamine or placebo. Results...",
    )
    decoded = decode_work(json.loads(json.dumps(encode_work(work))))
    assert decoded == Work(**{**work.__dict__, "abstract": "were randomized"})
    from citecheck.studytype import classify_work

    assert classify_work(decoded) == classify_work(work)


def test_a_cached_reference_stays_small(
    fake_crossref: FakeCrossref, cache_dir: Path, fake_time: FakeTime
) -> None:
    cache = Cache(cache_dir)
    source = make_cached(fake_crossref, cache, fake_time)
    source.works([KNOWN])
    source.search(QUERY)
    connection = sqlite3.connect(cache.path)
    sizes = dict(connection.execute("SELECT kind, sum(length(body)) FROM entries GROUP BY kind"))
    assert sizes["search"] + sizes["work"] < 5000, sizes

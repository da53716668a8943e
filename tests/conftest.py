"""Shared fixtures: the stand-in Crossref server and a temporary cache directory."""

from __future__ import annotations

import atexit
import functools
import os
import shutil
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from fakecrossref import FakeCrossref, SearchFn, load_records
from fakepubmed import Article, FakePubmed, load_articles

FIXTURES = Path(__file__).parent / "fixtures"
CROSSREF_FIXTURES = FIXTURES / "crossref"
PUBMED_FIXTURES = FIXTURES / "pubmed"


def pytest_configure(config: pytest.Config) -> None:
    """Let the ``citecheck`` subprocesses the tests start reuse compiled bytecode, and give
    each test process (each xdist worker) a user cache of its own.

    With PYTHONDONTWRITEBYTECODE set (as some environments do) every subprocess compiles
    the whole package again, about 0.2 s each; the bytecode goes to a temporary prefix,
    never into the source tree. Only the processes that run tests (each xdist worker, or
    pytest itself without workers) turn this on, for their children and for what they
    import from here on (the test modules, citecheck): a worker starts as the environment
    says, so it reads the bytecode pip wrote for pytest, xdist and hypothesis instead of
    compiling them again into an empty prefix (about 2 s a worker on a fresh checkout).

    A run that names no ``--cache-dir`` uses the platform's user cache: point it at a
    temporary folder per process, so tests never share one (nor the developer's).
    """
    if runs_tests(config) and os.environ.pop("PYTHONDONTWRITEBYTECODE", None) is not None:
        prefix = Path(tempfile.gettempdir()) / f"citecheck-tests-pycache-{os.getuid()}"
        os.environ.setdefault("PYTHONPYCACHEPREFIX", str(prefix))
        sys.pycache_prefix = os.environ["PYTHONPYCACHEPREFIX"]
        sys.dont_write_bytecode = False
    home = tempfile.mkdtemp(prefix="citecheck-tests-xdg-")
    atexit.register(shutil.rmtree, home, ignore_errors=True)
    os.environ["XDG_CACHE_HOME"] = home


def runs_tests(config: pytest.Config) -> bool:
    """Whether this process runs the tests: an xdist worker, or pytest without workers
    (the xdist controller only starts the workers, which inherit its environment)."""
    return hasattr(config, "workerinput") or config.getoption("dist", "no") == "no"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Start the tests marked slow first, the rest in their order: xdist hands the tests
    out in order, and one that takes seconds at the end of a worker's share would leave the
    other worker idle that long."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


@pytest.fixture(scope="session")
def crossref_records() -> list[dict]:
    """The hand-built records for the sample article plus one real recorded envelope."""
    paths = sorted((CROSSREF_FIXTURES / "constructed").glob("*.json"))
    paths += sorted((CROSSREF_FIXTURES / "envelopes").glob("*.json"))
    return load_records(paths)


@pytest.fixture
def fake_crossref(crossref_records: list[dict]) -> Iterator[FakeCrossref]:
    """A stand-in Crossref API on 127.0.0.1 serving ``crossref_records``."""
    with FakeCrossref(crossref_records) as fake:
        yield fake


@pytest.fixture(scope="session")
def pubmed_articles() -> list[Article]:
    """The recorded efetch articles plus the constructed ones for the sample's works."""
    paths = sorted((PUBMED_FIXTURES / "real").glob("*pubmed*.xml"))
    return load_articles([*paths, PUBMED_FIXTURES / "constructed" / "seed-works.xml"])


@pytest.fixture
def fake_pubmed(pubmed_articles: list[Article]) -> Iterator[FakePubmed]:
    """A stand-in E-utilities on 127.0.0.1 serving ``pubmed_articles``."""
    with FakePubmed(pubmed_articles) as fake:
        yield fake


@pytest.fixture(scope="session")
def records() -> list[dict[str, Any]]:
    """Hand-built records for the example's five works plus real recorded distractors."""
    paths = sorted((CROSSREF_FIXTURES / "constructed").glob("*.json"))
    return load_records([*paths, CROSSREF_FIXTURES / "distractors.jsonl.gz"])


@pytest.fixture(scope="session")
def records_search(records: list[dict[str, Any]]) -> SearchFn:
    """A ranking of ``records`` like a real search engine's, built once: searching only
    reads the index (a few hundred records, 25 ms to index each time otherwise)."""
    from citecheck.resolve.records import RecordsIndex

    return RecordsIndex.from_records(records).search


@pytest.fixture
def crossref(records: list[dict[str, Any]], records_search: SearchFn) -> Iterator[FakeCrossref]:
    """The stand-in Crossref, ranking searches like a real search engine would, with
    generous rate limits so command-line runs do not wait out real pacing."""
    with FakeCrossref(records, search=records_search, pool="fast") as fake:
        yield fake


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    """An empty directory for a citecheck cache."""
    path = tmp_path / "cache"
    path.mkdir()
    return path


class FakeTime:
    """A clock that only moves when someone sleeps: pacing tests run instantly."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []
        self._lock = threading.Lock()

    def clock(self) -> float:
        """The current fake time."""
        with self._lock:
            return self.now

    def sleep(self, seconds: float) -> None:
        """Advance the fake time instead of waiting."""
        with self._lock:
            self.sleeps.append(seconds)
            self.now += max(0.0, seconds)


@pytest.fixture
def fake_time() -> FakeTime:
    """Injectable clock and sleep for pacers and caches."""
    return FakeTime()


@pytest.fixture
def fake_pacing(monkeypatch: pytest.MonkeyPatch, fake_time: FakeTime) -> FakeTime:
    """The Crossref and PubMed pacers a command run in this process makes sleep on
    ``fake_time``: their backoff and pacing are counted (``fake_time.sleeps``), not waited.

    Only the waiting changes: the retries, budgets and down-marking are the same code.
    """
    from citecheck.resolve import crossref, pubmed
    from citecheck.resolve.limits import Pacer

    paced = functools.partial(Pacer, clock=fake_time.clock, sleep=fake_time.sleep)
    monkeypatch.setattr(crossref, "Pacer", paced)
    monkeypatch.setattr(pubmed, "Pacer", paced)
    return fake_time

"""The fault matrix: the real ``citecheck check`` against the stand-in Crossref under each fault.

    python benchmarks/faults.py [--quick] [--only NAME ...]

Two articles: the clinic blog post (a copy of ../shared/samples/ketamine-kap-blog.txt when
present, else the bundled examples/ketamine-therapy.md) and a long article of 56 correct
references written from recorded Crossref records (a third with DOIs). Each runs once
with no fault (the baseline), then once per fault: 503s, broken JSON bodies, cut
connections, 429 storms, 3 s latency, the server killed mid-run, a closed port, an
unwritable cache, a read-only cache directory holding a cache, damaged cache rows, a zip
bomb beside the article. Per run it prints the exit code, wall time, reference statuses and
"false accusations: N" -- error findings the baseline run does not have (a fault must
never turn "could not check" into "wrong"). Targets: 0 crashes (exit 4 or a
traceback), 0 hangs (a run killed at the time limit), 0 false accusations, and the closed
port under 10 s for the 56-reference article.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from citecheck.resolve.records import RecordsIndex  # noqa: E402
from fakecrossref import FakeCrossref, Fault, load_records  # noqa: E402

SHARED_SAMPLE = ROOT.parent / "shared" / "samples" / "ketamine-kap-blog.txt"
BUNDLED_SAMPLE = ROOT / "examples" / "ketamine-therapy.md"
FIXTURES = ROOT / "tests" / "fixtures" / "crossref"
MAILTO = "benchmark@example.org"
HANG_LIMIT = 240.0  # seconds: a run still going then is a hang


@dataclass
class Outcome:
    """One run of the command."""

    code: int | None  # None: killed at the time limit
    wall: float
    statuses: Counter[str] = field(default_factory=Counter)
    errors: set[tuple[str, str]] = field(default_factory=set)  # (label, code) at error level
    crashed: bool = False
    stderr: str = ""


@dataclass(frozen=True)
class Scenario:
    """A fault: how to script the stand-in, and what else the run gets."""

    name: str
    script: Callable[[FakeCrossref], None] = lambda fake: None
    latency: float = 0.0
    kill_after: int | None = None  # stop the server after this many requests
    closed_port: bool = False
    cache: str = "fresh"  # fresh | under-a-file | read-only | damaged
    extra: tuple[str, ...] = ()


SCENARIOS = (
    Scenario("503 one in three", lambda f: f.add_fault(r".*", Fault(503), None, every=3)),
    Scenario(
        "broken JSON one in three",
        lambda f: f.add_fault(r"^/works", Fault(200, '{"status": "ok", "mess'), None, every=3),
    ),
    Scenario("cut connections one in four", lambda f: f.add_fault(r".*", Fault(cut=True), None, 4)),
    Scenario(
        "429 storm (Retry-After: 1)",
        lambda f: f.add_fault(r".*", Fault(429, headers={"Retry-After": "1"}), 30, every=2),
    ),
    Scenario("429 storm (no Retry-After)", lambda f: f.add_fault(r".*", Fault(429), 40)),
    Scenario("3 s latency", latency=3.0),
    Scenario("server killed mid-run", kill_after=3),
    Scenario("closed port", closed_port=True),
    Scenario("unwritable cache dir", cache="under-a-file"),
    Scenario("read-only cache mount", cache="read-only"),
    Scenario("damaged cache rows", cache="damaged"),
    Scenario("zip bomb beside the article", extra=("bomb.docx",)),
)


# -- the articles ---------------------------------------------------------------------


def usable(record: dict[str, Any]) -> bool:
    """A journal article with what a reference list prints."""
    issued = (record.get("issued") or {}).get("date-parts") or [[None]]
    return bool(
        record.get("type") == "journal-article"
        and record.get("title")
        and record.get("container-title")
        and record.get("author")
        and record.get("volume")
        and record.get("page")
        and issued[0]
        and issued[0][0]
        and all(isinstance(a, dict) and a.get("family") for a in record["author"][:6])
    )


def long_article(records: list[dict[str, Any]], count: int = 56) -> str:
    """An article citing ``count`` works correctly (Vancouver, a third with DOIs)."""
    chosen = [r for r in records if usable(r)][:count]
    prose, entries = [], []
    for n, record in enumerate(chosen, 1):
        year = record["issued"]["date-parts"][0][0]
        prose.append(f"A study published in {year} is relevant here [{n}].")
        names = ", ".join(
            f"{a['family']} {''.join(p[0] for p in str(a.get('given', '')).split() if p)}".strip()
            for a in record["author"][:6]
        )
        etal = ", et al" if len(record["author"]) > 6 else ""
        entry = (
            f"{n}. {names}{etal}. {record['title'][0]}. {record['container-title'][0]}. "
            f"{year};{record['volume']}:{record['page']}."
        )
        if n % 3 == 0:
            entry += f" doi:{str(record['DOI']).lower()}"
        entries.append(entry)
    paragraphs = [" ".join(prose[i : i + 4]) for i in range(0, len(prose), 4)]
    return "\n\n".join(paragraphs) + "\n\nReferences\n\n" + "\n".join(entries) + "\n"


def zip_bomb(path: Path, size: int = 10**9) -> None:
    """A .docx-looking zip whose document.xml inflates to ``size`` bytes."""
    chunk = b" " * (8 * 2**20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        with archive.open("word/document.xml", "w", force_zip64=True) as member:
            written = 0
            while written < size:
                member.write(chunk[: size - written])
                written += len(chunk)


# -- running ----------------------------------------------------------------------------


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def read_only(directory: Path) -> Iterator[bool]:
    """A read-only bind mount of ``directory`` (root only); yields whether it worked."""
    ok = False
    if os.geteuid() == 0:
        bound = subprocess.run(["mount", "--bind", str(directory), str(directory)], check=False)
        if bound.returncode == 0:
            remount = ["mount", "-o", "remount,ro,bind", str(directory)]
            ok = subprocess.run(remount, check=False).returncode == 0
            if not ok:
                subprocess.run(["umount", str(directory)], check=False)
    try:
        yield ok
    finally:
        if ok:
            subprocess.run(["umount", str(directory)], check=False)


def command() -> list[str]:
    script = Path(sys.executable).with_name("citecheck")
    return [str(script)] if script.exists() else [sys.executable, "-m", "citecheck"]


def run_check(article: Path, url: str, cache: Path, extra: tuple[str, ...]) -> Outcome:
    """``citecheck check`` on one article; never waits past HANG_LIMIT."""
    args = [
        *command(), "check", str(article), *extra, "--format", "json", "--crossref-url", url,
        "--doi-url", url, "--mailto", MAILTO, "--cache-dir", str(cache), "--no-pubmed",
    ]  # fmt: skip
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITECHECK_")}
    env["NO_COLOR"] = "1"
    start = time.perf_counter()
    try:
        done = subprocess.run(
            args, capture_output=True, text=True, timeout=HANG_LIMIT, env=env, cwd=article.parent
        )
    except subprocess.TimeoutExpired:
        return Outcome(None, time.perf_counter() - start, crashed=False, stderr="hang")
    wall = time.perf_counter() - start
    outcome = Outcome(done.returncode, wall, stderr=done.stderr)
    outcome.crashed = done.returncode == 4 or "Traceback" in done.stderr
    try:
        report = json.loads(done.stdout)
    except ValueError:
        outcome.crashed = True
        return outcome
    for document in report.get("documents", []):
        for reference in document["references"]:
            outcome.statuses[reference["resolution"]["status"]] += 1
        for finding in document["findings"]:
            if finding["severity"] == "error":
                outcome.errors.add((str(finding.get("label")), finding["code"]))
    return outcome


def prepare_cache(kind: str, base: Path, warm: Path | None) -> Path:
    """The cache folder a scenario runs with."""
    if kind == "under-a-file":
        (base / "a-file").write_text("not a folder")
        return base / "a-file" / "cache"
    cache = base / "cache"
    if kind in ("read-only", "damaged") and warm is not None:
        shutil.copytree(warm, cache)
        if kind == "damaged":
            connection = sqlite3.connect(cache / "cache.sqlite3")
            with connection:
                rows = list(connection.execute("SELECT kind, key FROM entries"))
                for n, (entry_kind, key) in enumerate(rows):
                    body = ("{not json", '[[{"v": 1, "doi": "10.1/x"}, "high"]]', "[1]")[n % 3]
                    connection.execute(
                        "UPDATE entries SET body = ? WHERE kind = ? AND key = ?",
                        (body, entry_kind, key),
                    )
            connection.close()
        return cache
    cache.mkdir(exist_ok=True)
    return cache


def scenario_run(
    scenario: Scenario,
    article: Path,
    records: list[dict[str, Any]],
    search: Any,
    pool: str,
    warm: Path | None,
) -> Outcome:
    """Run one article under one fault, on a fresh stand-in."""
    with tempfile.TemporaryDirectory() as tmp:
        base = Path(tmp)
        cache = prepare_cache(scenario.cache, base, warm)
        extra = []
        for name in scenario.extra:
            target = article.parent / name
            if name.endswith(".docx") and not target.exists():
                zip_bomb(target)
            extra.append(str(target))
        if scenario.closed_port:
            return run_check(article, f"http://127.0.0.1:{closed_port()}", cache, tuple(extra))
        fake = FakeCrossref(records, search=search, latency=scenario.latency, pool=pool).start()
        scenario.script(fake)
        stop = threading.Event()
        if scenario.kill_after is not None:
            limit = scenario.kill_after

            def killer() -> None:
                while not stop.is_set():
                    if len(fake.requests) >= limit:
                        fake.stop()
                        return
                    time.sleep(0.005)

            threading.Thread(target=killer, daemon=True).start()
        try:
            if scenario.cache == "read-only":
                with read_only(cache) as ok:
                    if not ok:
                        return Outcome(0, 0.0, stderr="skipped: no read-only mount here")
                    return run_check(article, fake.url, cache, tuple(extra))
            return run_check(article, fake.url, cache, tuple(extra))
        finally:
            stop.set()
            fake.stop()


def warm_cache(article: Path, records: list[dict[str, Any]], search: Any, pool: str) -> Path:
    """A cache filled by a clean run of ``article`` (kept for the cache scenarios)."""
    folder = Path(tempfile.mkdtemp(prefix="citecheck-faults-warm-"))
    with FakeCrossref(records, search=search, pool=pool) as fake:
        run_check(article, fake.url, folder, ())
    return folder


def false_accusations(outcome: Outcome, baseline: Outcome) -> int:
    """Error findings the fault added to the baseline's (a not-found among them, say)."""
    return len(outcome.errors - baseline.errors)


def describe(outcome: Outcome) -> str:
    statuses = ", ".join(f"{k} {v}" for k, v in sorted(outcome.statuses.items()))
    code = "HANG" if outcome.code is None else str(outcome.code)
    return f"exit {code:>4}  {outcome.wall:6.1f} s  {statuses or '-'}"


def main(argv: list[str] | None = None) -> int:
    """Run the matrix; exit 1 when a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="generous rate limits (no pacing)")
    parser.add_argument("--only", nargs="*", default=None, help="scenario names to run")
    args = parser.parse_args(argv)
    pool = "fast" if args.quick else "polite"

    records = load_records(
        [*sorted((FIXTURES / "constructed").glob("*.json")), FIXTURES / "distractors.jsonl.gz"]
    )
    search = RecordsIndex.from_records(records).search
    workdir = Path(tempfile.mkdtemp(prefix="citecheck-faults-"))
    sample_source = SHARED_SAMPLE if SHARED_SAMPLE.exists() else BUNDLED_SAMPLE
    sample = workdir / ("sample" + sample_source.suffix)
    shutil.copy(sample_source, sample)
    long = workdir / "long-article.md"
    long.write_text(long_article(records), encoding="utf-8")
    articles = {"sample": sample, "long (56 refs)": long}
    print(f"sample: {sample_source.name}; stand-in pool: {pool}; hang limit {HANG_LIMIT:.0f} s")

    ok = True
    totals = Counter[str]()
    for label, article in articles.items():
        baseline = scenario_run(Scenario("baseline"), article, records, search, pool, None)
        warm = warm_cache(article, records, search, pool)
        print(f"\n{label}: baseline  {describe(baseline)}  ({len(baseline.errors)} errors)")
        for scenario in SCENARIOS:
            if args.only and not any(o.lower() in scenario.name.lower() for o in args.only):
                continue
            outcome = scenario_run(scenario, article, records, search, pool, warm)
            if outcome.stderr.startswith("skipped"):
                print(f"  {scenario.name:32} {outcome.stderr}")
                continue
            accused = false_accusations(outcome, baseline)
            notes = []
            if outcome.crashed:
                notes.append("CRASH")
                totals["crashes"] += 1
            if outcome.code is None:
                notes.append("HANG")
                totals["hangs"] += 1
            totals["false accusations"] += accused
            if scenario.closed_port and article is long and outcome.wall >= 10.0:
                notes.append("MISS: closed port took 10 s or more")
                ok = False
            warnings = len(re.findall(r"WARNING|warning:", outcome.stderr))
            print(
                f"  {scenario.name:32} {describe(outcome)}  false accusations: {accused}"
                f"  warnings: {warnings}  {' '.join(notes)}"
            )
        shutil.rmtree(warm, ignore_errors=True)
    shutil.rmtree(workdir, ignore_errors=True)
    print(
        f"\ncrashes: {totals['crashes']}, hangs: {totals['hangs']}, "
        f"false accusations: {totals['false accusations']}"
    )
    ok = ok and not any(totals.values())
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Audit an archive: N blog posts checked against the stand-in Crossref, killed halfway, resumed.

    python benchmarks/archive.py [--articles 1000] [--references 400] [--latency 0.2]

Generates N blog-style Markdown posts (default 1,000) whose ten references each are drawn
from a pool of real Crossref records (../shared/crossref/works.jsonl.gz; 60% of entries
give a DOI, the rest must be searched; 10% of the claims state a wrong year). Runs the real
``citecheck check DIR`` command against the stand-in server (tests/fakecrossref.py) with
latency and the polite pool's rate limits, stops it with SIGTERM once half the documents
are saved, resumes with ``--resume``, and prints: wall time against the bound the rate
limits set, requests per distinct reference, peak RSS of each run, cache bytes per
distinct reference, and documents lost across the interruption (target 0).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))
sys.path.insert(0, str(HERE))

from fakecrossref import FakeCrossref, load_records  # noqa: E402
from lookup_load import bound, usable  # noqa: E402
from machine import describe  # noqa: E402

MAILTO = "benchmark@example.org"
RSS_TARGET_MB = 300
RATIO_TARGET = 1.15
REQUESTS_TARGET = 1.1
CACHE_TARGET = 5 * 1024
_WORDS = (
    "patients clinic treatment outcomes weeks therapy careful evidence sessions trial response "
    "symptoms team plan follow-up effects mild supervised dose people results"
)
# The citecheck command, reporting its own peak RSS at exit. VmHWM belongs to the process's
# memory map since exec; ru_maxrss would include the benchmark's own memory from the fork.
_MEASURED = """
import atexit, sys
def _peak():
    with open('/proc/self/status') as status:
        for line in status:
            if line.startswith('VmHWM:'):
                sys.stderr.write('benchmark-peak-rss-kib ' + line.split()[1] + '\\n')
atexit.register(_peak)
sys.argv = ['citecheck', *sys.argv[1:]]
from citecheck.cli import main
main()
"""
PEAK = "benchmark-peak-rss-kib "


def entry(record: dict[str, Any], with_doi: bool) -> str:
    """A Vancouver-style reference entry written from a record."""
    authors = [a for a in record["author"][:6] if a.get("family")]
    names = ", ".join(
        f"{a['family']} {''.join(p[0] for p in str(a.get('given', '')).split() if p)}".strip()
        for a in authors
    ) or str(record["author"][0].get("name", "Anonymous"))
    year = record["issued"]["date-parts"][0][0]
    text = f"{names}. {record['title'][0]}. {record['container-title'][0]}. {year}"
    if record.get("volume"):
        text += f";{record['volume']}"
    if record.get("page"):
        text += f":{record['page']}"
    text += "."
    if with_doi:
        text += f" doi:{str(record['DOI']).lower()}"
    return text


def post(number: int, cited: list[tuple[dict[str, Any], str]], rng: random.Random) -> str:
    """One blog post citing ``cited`` (record, entry) in order, a claim per reference."""
    lines = [f"# Notes from the clinic, part {number}", ""]
    for label, (record, _) in enumerate(cited, 1):
        year = record["issued"]["date-parts"][0][0]
        if rng.random() < 0.1:
            year += rng.choice((-2, -1, 1, 2))  # a planted error for the report to show
        filler = " ".join(rng.choice(_WORDS.split()) for _ in range(rng.randint(25, 60)))
        lines.append(
            f"A {year} study in {record['container-title'][0]} looked at this [{label}]. "
            f"{filler.capitalize()}."
        )
        lines.append("")
    lines += ["## References", ""]
    lines += [f"{label}. {text}" for label, (_, text) in enumerate(cited, 1)]
    return "\n".join(lines) + "\n"


def build_archive(
    records: list[dict[str, Any]], folder: Path, articles: int, distinct: int, seed: int
) -> int:
    """Write the posts; return how many distinct reference entries they cite."""
    rng = random.Random(seed)
    pool = [r for r in records if usable(r) and r.get("author") and r["author"][0]]
    rng.shuffle(pool)
    chosen = pool[:distinct]
    # Each record is always cited with the same entry text: one distinct reference each.
    entries = [(r, entry(r, with_doi=i % 5 < 3)) for i, r in enumerate(chosen)]
    folder.mkdir()
    used: set[int] = set()
    for number in range(articles):
        picks = rng.sample(range(len(entries)), 10)
        used.update(picks)
        text = post(number, [entries[i] for i in picks], rng)
        (folder / f"post-{number:04d}.md").write_text(text, encoding="utf-8")
    return len(used)


def _hwm(pid: int) -> int:
    """The process's peak RSS so far in KiB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _descendants(pid: int) -> list[int]:
    """The processes ``pid`` started (its helper, the resource tracker), and theirs."""
    found: list[int] = []
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as children:
            direct = [int(child) for child in children.read().split()]
    except OSError:
        return found
    for child in direct:
        found += [child, *_descendants(child)]
    return found


class _Lines:
    """Counts the lines of a growing file, reading only what was added since the last count.

    Reading the whole results file (tens of MB) every 50 ms would hold this process's
    GIL, and so delay the stand-in server that runs in it, for milliseconds at a time.
    """

    def __init__(self, path: Path) -> None:
        self._path = path
        self._offset = 0
        self._lines = 0

    def count(self) -> int:
        try:
            with self._path.open("rb") as handle:
                handle.seek(self._offset)
                added = handle.read()
        except FileNotFoundError:
            return 0
        self._offset += len(added)
        self._lines += added.count(b"\n")
        return self._lines


def run(
    command: list[str], stop_at: int | None, results: Path
) -> tuple[float, float, int, int, int, str]:
    """Run ``command``; with ``stop_at``, send SIGTERM once that many documents are saved.
    Returns wall and CPU seconds (the processes it started included), exit code, peak RSS
    (KiB) of the command's own process and of the processes it started (their peaks
    summed: a bound on what they held at once), and its last line on stderr."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak = 0
    helpers: dict[int, int] = {}
    stopping = stop_at is not None
    saved = _Lines(results)
    while True:
        peak = max(peak, _hwm(process.pid))
        for helper in _descendants(process.pid):
            helpers[helper] = max(helpers.get(helper, 0), _hwm(helper))
        pid, status, usage = os.wait4(process.pid, os.WNOHANG)
        if pid:
            process.returncode = os.waitstatus_to_exitcode(status)
            break
        if stopping and saved.count() >= (stop_at or 0):
            process.send_signal(signal.SIGTERM)
            stopping = False
        time.sleep(0.05)
    wall = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    assert process.stderr is not None
    said = []
    for line in process.stderr.read().decode("utf-8", "replace").splitlines():
        if line.startswith(PEAK):
            peak = max(peak, int(line[len(PEAK) :]))
        elif line.strip():
            said.append(line)
    return wall, cpu, process.returncode, peak, sum(helpers.values()), said[-1] if said else ""


def folder_bytes(folder: Path) -> int:
    """Total size of the files under ``folder``."""
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print its figures; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--records", default=str(HERE.parent.parent / "shared/crossref/works.jsonl.gz")
    )
    parser.add_argument("--articles", type=int, default=1000)
    parser.add_argument("--references", type=int, default=400, help="distinct references")
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--html", type=Path, help="also write the HTML report here")
    args = parser.parse_args(argv)

    print(describe())
    records = load_records([args.records])
    with (
        tempfile.TemporaryDirectory() as tmp,
        FakeCrossref(records, latency=args.latency, pool="polite") as fake,
    ):
        root = Path(tmp)
        posts, cache, results = root / "posts", root / "cache", root / "audit.jsonl"
        distinct = build_archive(records, posts, args.articles, args.references, args.seed)
        print(
            f"{args.articles} posts, 10 references each, {distinct} distinct references "
            f"(60% with a DOI) from {len(records):,} records; stand-in latency "
            f"{args.latency * 1000:.0f} ms, polite pool limits"
        )
        command = [sys.executable, "-c", _MEASURED, "check", str(posts)]
        command += ["--crossref-url", fake.url, "--doi-url", fake.url, "--mailto", MAILTO]
        command += ["--cache-dir", str(cache), "--format", "json", "--no-pubmed"]

        wall1, cpu1, code1, rss1, helped1, said = run(
            [*command, "--results", str(results)], args.articles // 2, results
        )
        saved = results.read_bytes().count(b"\n")
        print(
            f"run 1: stopped with SIGTERM after {wall1:.1f} s ({cpu1:.1f} s CPU), exit {code1}, "
            f"{saved} documents saved"
        )
        print(f"  it said: {said}")
        wall2, cpu2, code2, rss2, helped2, _ = run(
            [*command, "--resume", str(results), "-q"], None, results
        )
        print(f"run 2 (--resume): {wall2:.1f} s ({cpu2:.1f} s CPU), exit {code2}")

        lines = [json.loads(line) for line in results.read_text(encoding="utf-8").splitlines()]
        paths = [line["path"] for line in lines if line["kind"] == "document"]
        lost = args.articles - len(set(paths))
        twice = len(paths) - len(set(paths))
        counts = dict(fake.counts())
        sent = sum(counts.values())
        limit = bound(counts, args.latency)
        wall = wall1 + wall2
        cache_size = (
            folder_bytes(cache) - folder_bytes(cache / "runs")
            if (cache / "runs").exists()
            else folder_bytes(cache)
        )
        rss = max(rss1 + helped1, rss2 + helped2) / 1024
        print(f"requests: {sent} {dict(sorted(counts.items()))}")
        figures = [
            (
                "wall time / rate-limit bound",
                wall / limit,
                RATIO_TARGET,
                f"{wall:.1f} s / {limit:.1f} s",
            ),
            (
                "requests per distinct reference",
                sent / distinct,
                REQUESTS_TARGET,
                f"{sent} / {distinct}",
            ),
            (
                "peak RSS (MB), its helpers included",
                rss,
                RSS_TARGET_MB,
                f"run 1 {rss1 / 1024:.0f} + {helped1 / 1024:.0f}, run 2 {rss2 / 1024:.0f} + {helped2 / 1024:.0f}",
            ),
            (
                "cache bytes per reference",
                cache_size / distinct,
                CACHE_TARGET,
                f"{cache_size:,} bytes",
            ),
            ("documents lost across the interruption", lost, 0, f"{twice} checked twice"),
        ]
        ok = True
        for name, value, target, detail in figures:
            met = value <= target
            ok &= met
            print(
                f"  {name:<40}{value:>10,.2f}   target <= {target:<8,}  met: {'yes' if met else 'NO'}   ({detail})"
            )
        if args.html:
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "citecheck",
                    "report",
                    str(results),
                    "--format",
                    "html",
                    "-o",
                    str(args.html),
                ],
                check=False,
            )
            print(f"HTML report: {args.html}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Resolve 1,000 references against the stand-in Crossref server under the polite pool's limits.

    python benchmarks/lookup_load.py [--records ../shared/crossref/works.jsonl.gz] [--invented 0]

600 references carry a DOI (5% of them a DOI Crossref does not know; ``--invented 0``
for a corpus where every reference is known), 400 do not; 10% of the 1,000 repeat an
earlier one. The server answers after 200 ms and announces the
polite pool (3 concurrent, 10/s single, 3/s list). Prints the requests sent per kind,
the wall time, and the wall time over the bound the limits set:
``max(list requests / 3, single requests / 10, latency * requests / 3)``, the requests
per distinct reference (target <= 1.1 when every reference is known), and the cache's
bytes per distinct reference (target < 5 KB). A second run through the same (now warm)
cache must send no request at all.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from citecheck.model import Author, Reference, ReferenceFields  # noqa: E402
from citecheck.resolve.cache import Cache, CachedSource  # noqa: E402
from citecheck.resolve.crossref import CrossrefSource  # noqa: E402
from citecheck.resolve.limits import POLITE  # noqa: E402
from citecheck.resolve.resolver import WorkResolver  # noqa: E402
from fakecrossref import FakeCrossref, load_records  # noqa: E402

MAILTO = "benchmark@example.org"
LIST_KINDS = ("batch", "search")
SINGLE_KINDS = ("single", "agency", "negotiate")


def usable(record: dict[str, Any]) -> bool:
    """A journal article with the fields a reference list prints."""
    return bool(
        record.get("type") == "journal-article"
        and record.get("title")
        and record.get("container-title")
        and record.get("author")
        and (record.get("issued") or {}).get("date-parts", [[None]])[0][0]
    )


def reference_for(record: dict[str, Any], label: int, *, doi: str | None) -> Reference:
    """A Vancouver-style entry (and its parsed fields) written from a record."""
    authors = tuple(
        Author(family=str(a.get("family") or a.get("name")), given=str(a.get("given") or ""))
        for a in record["author"][:6]
        if a.get("family") or a.get("name")
    )
    title = str(record["title"][0])
    journal = str(record["container-title"][0])
    year = int(record["issued"]["date-parts"][0][0])
    volume, pages = record.get("volume"), record.get("page")
    names = ", ".join(f"{a.family} {''.join(p[0] for p in a.given.split() if p)}" for a in authors)
    text = f"{names}. {title}. {journal}. {year}"
    if volume:
        text += f";{volume}"
    if pages:
        text += f":{pages}"
    text += "."
    if doi:
        text += f" doi:{doi}"
    fields = ReferenceFields(
        authors=authors,
        year=year,
        title=title,
        journal=journal,
        volume=volume,
        pages=pages,
        doi=doi,
    )
    return Reference(label=str(label), line=label, text=text, parsed=True, fields=fields)


def build_references(
    records: list[dict[str, Any]], total: int, seed: int = 7, invented: float = 0.05
) -> tuple[list[Reference], int, int]:
    """``total`` references: 60% with DOIs, 40% without, 10% repeats; and the distinct counts."""
    rng = random.Random(seed)
    pool = [r for r in records if usable(r)]
    rng.shuffle(pool)
    distinct_doi = round(total * 0.6 * 0.9)
    distinct_text = round(total * 0.4 * 0.9)
    references: list[Reference] = []
    for n, record in enumerate(pool[:distinct_doi]):
        # A DOI Crossref does not know costs an agency look-up and a search as well.
        made_up = invented > 0 and n % round(1 / invented) == 0
        doi = f"10.99999/invented.{n}" if made_up else str(record["DOI"]).lower()
        references.append(reference_for(record, len(references) + 1, doi=doi))
    for record in pool[distinct_doi : distinct_doi + distinct_text]:
        references.append(reference_for(record, len(references) + 1, doi=None))
    with_doi = [r for r in references if r.fields.doi]
    without = [r for r in references if not r.fields.doi]
    repeats = rng.sample(with_doi, round(total * 0.6) - distinct_doi)
    repeats += rng.sample(without, round(total * 0.4) - distinct_text)
    references += repeats
    rng.shuffle(references)
    return references, distinct_doi, distinct_text


def bound(counts: dict[str, int], latency: float) -> float:
    """The least wall time the polite pool's limits allow for these requests."""
    listed = sum(counts.get(k, 0) for k in LIST_KINDS)
    single = sum(counts.get(k, 0) for k in SINGLE_KINDS)
    total = listed + single
    return max(
        listed / POLITE.list_rate,
        single / POLITE.single_rate,
        latency * total / POLITE.concurrency,
    )


def run(fake: FakeCrossref, cache: Cache, references: list[Reference], jobs: int) -> float:
    """Resolve ``references`` once through a fresh resolver; return the wall time."""
    fake.clear()
    source = CachedSource(CrossrefSource(fake.url, MAILTO, cn_url=fake.url), cache)
    resolver = WorkResolver(source, jobs=jobs)
    start = time.perf_counter()
    resolutions = resolver.resolve(references)
    elapsed = time.perf_counter() - start
    statuses: dict[str, int] = {}
    for resolution in resolutions:
        statuses[str(resolution.status)] = statuses.get(str(resolution.status), 0) + 1
    print(f"  resolutions: {dict(sorted(statuses.items()))}")
    return elapsed


def report(label: str, fake: FakeCrossref, elapsed: float, latency: float) -> dict[str, int]:
    """Print one run's figures."""
    counts = dict(fake.counts())
    sent = sum(counts.values())
    print(f"{label}: {sent} requests {dict(sorted(counts.items()))}")
    print(f"  max in flight: {fake.max_in_flight}")
    if sent:
        limit = bound(counts, latency)
        print(f"  wall {elapsed:.1f} s, bound {limit:.1f} s, ratio {elapsed / limit:.3f}")
    else:
        print(f"  wall {elapsed:.2f} s")
    return counts


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit 1 if a target is missed."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", default="../shared/crossref/works.jsonl.gz")
    parser.add_argument("--references", type=int, default=1000)
    parser.add_argument("--latency", type=float, default=0.2)
    parser.add_argument("--jobs", type=int, default=4)
    parser.add_argument(
        "--invented", type=float, default=0.05, help="share of DOIs Crossref does not know"
    )
    args = parser.parse_args(argv)

    records = load_records([args.records])
    references, distinct_doi, distinct_text = build_references(
        records, args.references, invented=args.invented
    )
    print(
        f"{len(references)} references ({distinct_doi} distinct with DOI, "
        f"{distinct_text} distinct without) over {len(records)} records; "
        f"latency {args.latency * 1000:.0f} ms; driven through WorkResolver(jobs={args.jobs})"
    )
    ok = True
    with (
        tempfile.TemporaryDirectory() as directory,
        FakeCrossref(records, latency=args.latency, pool="polite") as fake,
    ):
        cache = Cache(directory)
        elapsed = run(fake, cache, references, args.jobs)
        counts = report("cold cache", fake, elapsed, args.latency)
        ratio = elapsed / bound(counts, args.latency)
        distinct = distinct_doi + distinct_text
        per_reference = sum(counts.values()) / distinct
        print(f"  requests per distinct reference: {per_reference:.3f}")
        cache.close()  # folds the write-ahead log in: the size a user's disk keeps
        size = cache.info()["size"]
        print(f"  cache: {size / distinct:.0f} bytes per distinct reference ({size} bytes)")
        if args.invented == 0 and per_reference > 1.1:
            print("  MISS: more than 1.1 requests per distinct reference (every one is known)")
            ok = False
        if size / distinct >= 5000:
            print("  MISS: the cache holds 5 KB or more per distinct reference")
            ok = False
        searches = counts.get("search", 0)
        if searches > distinct_text + distinct_doi:
            print(f"  MISS: {searches} searches for {distinct_text} distinct text-only references")
            ok = False
        if ratio > 1.15:
            print(f"  MISS: wall time {ratio:.2f}x the bound (target 1.15x)")
            ok = False
        elapsed = run(fake, cache, references, args.jobs)
        warm = report("warm cache", fake, elapsed, args.latency)
        if sum(warm.values()):
            print("  MISS: a warm cache still sent requests")
            ok = False
        print(f"cache: {cache.info()['entries']}")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())

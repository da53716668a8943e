"""How often the resolver finds the right record, and how often it is fooled.

Draws journal articles from real Crossref records, renders each one as a reference in
several styles with citecheck's own formatter (DOI left out, so every entry must be
found by search), adds degraded variants (no title, abbreviated journal, typos, wrong
year) and fabricated references (author, title and journal recombined from different
records), parses every string with the entry parser, resolves them all through the
stand-in Crossref server, and prints precision and recall of the matched DOI.

    python benchmarks/match_accuracy.py [--records ../shared/crossref/works.jsonl.gz]
        [--n 1000] [--seed 1] [--jobs 8] [--direct] [--show 5]

``--direct`` skips the HTTP server and resolves against the records in memory.
"""

from __future__ import annotations

import argparse
import random
import re
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from citecheck.formatter import render_reference
from citecheck.model import Reference, Resolution, Status, Style, Work
from citecheck.references import parse_entry
from citecheck.resolve.base import WorkSource
from citecheck.resolve.records import RecordsIndex, RecordsSource
from citecheck.resolve.resolver import WorkResolver

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RECORDS = ROOT.parent / "shared" / "crossref" / "works.jsonl.gz"
STYLES = (Style.APA, Style.AMA, Style.VANCOUVER, Style.IEEE, Style.HARVARD, Style.CHICAGO)
INTACT_STYLES = 4  # styles each drawn article is rendered in, intact
DEGRADATIONS = ("no-title", "abbreviated-journal", "typos", "wrong-year")
NOTICE = re.compile(r"(?:correction|erratum|corrigendum|retraction)\b", re.IGNORECASE)
_STOP = frozenset({"of", "the", "and", "for", "in", "on", "&"})


@dataclass(frozen=True)
class Case:
    """One reference string and the DOI it should resolve to (None: a fabrication)."""

    kind: str  # "intact", a degradation name, or "fabricated"
    style: Style
    text: str
    expected: str | None


def usable(work: Work) -> bool:
    """A journal article with the fields a reference needs."""
    return bool(
        work.type == "journal-article"
        and work.title
        and len(work.title.split()) >= 3
        and work.authors
        and work.authors[0].given
        and work.journal
        and work.year
        and not work.update_to  # correction notices are not what reference lists cite
        and not NOTICE.match(work.title)
    )


def abbreviate(journal: str) -> str:
    """A crude ISO-4-like abbreviation: drop small words, cut long words to four letters."""
    words = [w for w in re.split(r"\s+", journal) if w.lower() not in _STOP]
    return " ".join(w if len(w) <= 5 else w[:4] for w in words)


def add_typos(text: str, rng: random.Random, count: int = 2) -> str:
    """Swap ``count`` pairs of neighbouring letters inside words."""
    chars = list(text)
    spots = [i for i in range(len(chars) - 1) if chars[i].isalpha() and chars[i + 1].isalpha()]
    for i in rng.sample(spots, min(count, len(spots))):
        chars[i], chars[i + 1] = chars[i + 1], chars[i]
    return "".join(chars)


def degrade(work: Work, how: str, rng: random.Random) -> Work:
    """A variant of ``work`` with one realistic citation fault."""
    if how == "no-title":
        return replace(work, title=None, subtitle=None)
    if how == "abbreviated-journal":
        return replace(work, journal=abbreviate(work.journal or ""), short_journals=())
    if how == "typos":
        return replace(work, title=add_typos(work.title or "", rng))
    year = (work.year or 2000) + rng.choice((-3, -2, 2, 3))
    return replace(work, year=year, year_print=None, year_online=None)


def fabricate(a: Work, b: Work, c: Work) -> Work:
    """Authors of ``a``, title of ``b``, journal and locators of ``c``: a work that isn't."""
    return replace(c, doi="", authors=a.authors, title=b.title, subtitle=b.subtitle)


def build_cases(works: Sequence[Work], n: int, rng: random.Random) -> list[Case]:
    """Intact, degraded and fabricated reference strings for ``n`` drawn articles."""
    drawn = rng.sample(list(works), min(n, len(works)))
    cases: list[Case] = []
    for i, work in enumerate(drawn):
        plain = replace(work, doi="")  # no DOI: the entry must be found by search
        for k in range(INTACT_STYLES):
            style = STYLES[(i + k) % len(STYLES)]
            cases.append(Case("intact", style, render_reference(plain, style), work.doi))
        how = DEGRADATIONS[i % len(DEGRADATIONS)]
        style = rng.choice(STYLES)
        text = render_reference(degrade(plain, how, rng), style)
        cases.append(Case(how, style, text, work.doi))
    for i in range(len(drawn)):
        a, b, c = drawn[i], drawn[(i + 1) % len(drawn)], drawn[(i + 2) % len(drawn)]
        families = {w.authors[0].family.lower() for w in (a, b, c)}
        if len(families) < 3 or len({a.journal, b.journal, c.journal}) < 2:
            continue  # a recombination that could be a real paper is no fabrication
        style = STYLES[i % len(STYLES)]
        cases.append(Case("fabricated", style, render_reference(fabricate(a, b, c), style), None))
    return cases


def to_reference(number: int, case: Case) -> Reference:
    """Parse a case's string as the pipeline would."""
    style, parsed, fields = parse_entry(case.text)
    return Reference(
        label=str(number), line=number, text=case.text, style=style, parsed=parsed, fields=fields
    )


def served_source(index: RecordsIndex, stack: list[Callable[[], None]]) -> WorkSource:
    """CrossrefSource talking to the stand-in server, which answers from ``index``."""
    sys.path.insert(0, str(ROOT / "tests"))
    from citecheck.resolve.crossref import CrossrefSource
    from citecheck.resolve.limits import POLITE, Pacer
    from fakecrossref import FakeCrossref

    records = [index.record(doi) for doi in index.dois()]
    fake = FakeCrossref([r for r in records if r], search=index.search, pool="polite").start()
    stack.append(fake.stop)
    pacer = Pacer(POLITE, sleep=lambda seconds: None)  # a local server: no pacing needed
    return CrossrefSource(fake.url, "benchmark@example.org", cn_url=fake.url, limiter=pacer)


def report(cases: Sequence[Case], resolutions: Sequence[Resolution], show: int) -> None:
    """Print precision/recall per kind of case and the fate of the fabrications."""
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    misses: dict[str, list[tuple[Case, Resolution]]] = defaultdict(list)
    for case, resolution in zip(cases, resolutions, strict=True):
        tally = by_kind[case.kind]
        tally["total"] += 1
        tally[resolution.status.value] += 1
        matched = (
            resolution.work.doi if resolution.status == Status.MATCHED and resolution.work else None
        )
        if case.expected is None:
            if matched:
                misses[case.kind].append((case, resolution))
            continue
        if matched == case.expected:
            tally["correct"] += 1
        else:
            if matched:
                tally["wrong"] += 1
            misses[case.kind].append((case, resolution))
    print(f"{'kind':<22}{'n':>6}{'precision':>11}{'recall':>9}{'wrong':>7}  statuses")
    for kind in ("intact", *DEGRADATIONS):
        t = by_kind[kind]
        matched = t["correct"] + t["wrong"]
        precision = t["correct"] / matched if matched else 1.0
        recall = t["correct"] / t["total"] if t["total"] else 0.0
        statuses = ", ".join(
            f"{s} {t[s]}" for s in ("matched", "ambiguous", "not_found", "unverified")
        )
        print(
            f"{kind:<22}{t['total']:>6}{precision:>11.2%}{recall:>9.2%}{t['wrong']:>7}  {statuses}"
        )
    degraded = Counter[str]()
    for kind in DEGRADATIONS:
        degraded.update(by_kind[kind])
    matched = degraded["correct"] + degraded["wrong"]
    print(
        f"{'degraded (all)':<22}{degraded['total']:>6}"
        f"{(degraded['correct'] / matched if matched else 1.0):>11.2%}"
        f"{(degraded['correct'] / max(1, degraded['total'])):>9.2%}{degraded['wrong']:>7}"
    )
    f = by_kind["fabricated"]
    total = max(1, f["total"])
    print(
        f"fabricated: {f['total']} -> not_found/ambiguous {(f['not_found'] + f['ambiguous']) / total:.2%}"
        f", matched {f['matched'] / total:.2%}, unverified {f['unverified'] / total:.2%}"
    )
    for kind, items in misses.items():
        for case, resolution in items[:show]:
            top = resolution.candidates[0] if resolution.candidates else None
            print(
                f"\n[{kind}/{case.style.value}] expected {case.expected} got {resolution.status.value}"
            )
            print(f"  {case.text}")
            if top:
                print(f"  top {top.work.doi} {top.confidence:.3f} {dict(top.evidence)}")


def accusations(
    cases: Sequence[Case], references: Sequence[Reference], resolutions: Sequence[Resolution]
) -> None:
    """Print how often a correct entry still draws an error, and how often a planted
    wrong year is caught, among references matched to the right record."""
    from citecheck.compare import compare
    from citecheck.model import Document, ParsedDocument

    correct = ("intact", "abbreviated-journal")  # nothing wrong: any error accuses
    checked, accused, planted, caught = 0, 0, 0, 0
    codes: Counter[str] = Counter()
    examples: list[str] = []
    for case, reference, resolution in zip(cases, references, resolutions, strict=True):
        work = resolution.work
        if work is None or work.doi != case.expected:
            continue
        parsed = ParsedDocument(Document("bench.md", case.text, (1,)), (reference,), ())
        errors = [
            f
            for f in compare(parsed, {reference.label: resolution})
            if f.severity.value == "error" and f.code != "reference-not-cited"
        ]
        if case.kind in correct:
            checked += 1
            accused += bool(errors)
            codes.update(f.code for f in errors)
            if errors and len(examples) < 5:
                examples.append(f"  {errors[0].code}: {errors[0].stated!r} vs {errors[0].actual!r}")
        elif case.kind == "wrong-year":
            planted += 1
            caught += any(f.code == "ref-year" for f in errors)
    print(
        f"false accusations: {accused} of {checked} correct, correctly matched references "
        f"draw an error ({accused / max(1, checked):.2%}; target < 1%)"
    )
    if codes:
        print("  by code: " + ", ".join(f"{c} {n}" for c, n in codes.most_common()))
        print("\n".join(examples))
    print(
        f"planted wrong years caught: {caught} of {planted} ({caught / max(1, planted):.2%}; "
        "target >= 95%)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--records", type=Path, default=DEFAULT_RECORDS)
    parser.add_argument("--n", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--jobs", type=int, default=8)
    parser.add_argument("--direct", action="store_true", help="no HTTP server: RecordsSource")
    parser.add_argument("--show", type=int, default=0, help="print this many misses per kind")
    args = parser.parse_args(argv)

    started = time.perf_counter()
    index = RecordsIndex.load(args.records)
    loaded = time.perf_counter()
    works = [w for w in (index.work(d) for d in index.dois()) if w and usable(w)]
    rng = random.Random(args.seed)
    cases = build_cases(works, args.n, rng)
    references = [to_reference(i, case) for i, case in enumerate(cases, start=1)]
    parsed = time.perf_counter()
    stack: list[Callable[[], None]] = []
    try:
        source: Any = RecordsSource(index=index) if args.direct else served_source(index, stack)
        resolutions = WorkResolver(source, jobs=args.jobs).resolve(references)
    finally:
        for stop in stack:
            stop()
    resolved = time.perf_counter()
    print(
        f"{len(index)} records indexed in {loaded - started:.2f}s; {len(works)} usable articles; "
        f"{len(cases)} reference strings parsed in {parsed - loaded:.1f}s; resolved "
        f"{'directly' if args.direct else 'through the stand-in Crossref server'} "
        f"in {resolved - parsed:.1f}s"
    )
    report(cases, resolutions, args.show)
    accusations(cases, references, resolutions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Planted-error benchmark: how many planted errors `check` catches, how often it accuses.

Builds articles from real Crossref records (``../shared/crossref/works.jsonl.gz`` by
default): each cited work gets a claim sentence ("A 2016 study published in the Journal
of X found ... [3]") and an APA reference entry rendered by citecheck's own formatter.
Most references then get exactly one planted error of a known kind; the rest are left
correct. Every article goes through the whole pipeline (parse, claims, resolve against
the records, compare), and the script prints, per kind, the share of planted errors
reported with the expected finding code at error severity, and the share of correct
references that drew any error (a false accusation).

Targets (from the project brief): catch >= 95%, accuse < 1%.

A second part cites correct references in real-prose sentences that state nothing
checkable about the cited work, or state it right in ways template prose never does:
the citing article speaking of itself, topic nouns, places, organisms, tables, bodies,
method names, the senior author named, years that are not publication years, a name
discussed in passing. Target: 0 accusations from them.

    python benchmarks/check_accuracy.py [--records PATH] [--articles 40] [--seed 3]
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from citecheck.compare import compare
from citecheck.formatter import render_reference
from citecheck.model import Document, Severity, StudyType, Style, Work
from citecheck.pipeline import parse
from citecheck.resolve.records import RecordsIndex, RecordsSource
from citecheck.resolve.resolver import WorkResolver
from citecheck.studytype import classify_work

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RECORDS = ROOT.parent / "shared" / "crossref" / "works.jsonl.gz"
PER_ARTICLE = 8
# kind -> the finding code that must report it
KINDS = {
    "ref-year": "ref-year",
    "ref-volume": "ref-volume",
    "ref-pages": "ref-pages",
    "ref-journal": "ref-journal",
    "ref-doi": "ref-doi-mismatch",
    "fabricated": "not-found",
    "claim-year": "claim-year",
    "claim-journal": "claim-journal",
    "claim-study-type": "claim-study-type",
}
CLEAN_SHARE = 0.3
DESIGN_WORDS = {
    StudyType.META_ANALYSIS: "meta-analysis",
    StudyType.RANDOMIZED_CONTROLLED_TRIAL: "randomized controlled trial",
    StudyType.ANIMAL: "animal study",
    StudyType.CASE_REPORT: "case report",
    StudyType.COHORT: "cohort study",
}
WRONG_DESIGN = {
    StudyType.META_ANALYSIS: "randomized controlled trial",
    StudyType.RANDOMIZED_CONTROLLED_TRIAL: "meta-analysis",
    StudyType.ANIMAL: "trial in patients",
    StudyType.CASE_REPORT: "meta-analysis",
    StudyType.COHORT: "meta-analysis",
}


@dataclass(frozen=True)
class Planted:
    """One cited work in a generated article and what was done to it."""

    kind: str  # a KINDS key, or "clean"
    work: Work  # the record the citation should resolve to
    entry: Work  # what the reference entry says
    claim_year: int
    claim_journal: str
    claim_design: str


def usable(work: Work) -> bool:
    """A journal article with everything an APA entry and a claim need."""
    return bool(
        work.type == "journal-article"
        and work.title
        and len(work.title) > 25
        and work.authors
        and work.journal
        and work.year
        and work.volume
        and work.volume.isdigit()
        and work.pages
        and "-" in work.pages
        and not work.update_to
    )


def shift_pages(pages: str, by: int) -> str:
    """A page range moved by ``by`` pages."""
    first, _, last = pages.partition("-")
    try:
        return f"{int(first) + by}-{int(last) + by}"
    except ValueError:
        return f"{by}{pages}"


def wrong_year(work: Work, rng: random.Random) -> int:
    """A year at least two away from every year the record gives (print, online, issued)."""
    year = work.year or 2000
    choices = [year + d for d in (-4, -3, -2, 2, 3, 4)]
    return rng.choice([y for y in choices if all(abs(y - r) >= 2 for r in work.years)])


def plant(kind: str, work: Work, pool: Sequence[Work], rng: random.Random) -> Planted:
    """Apply one planted error of ``kind`` (or none) to a cited work."""
    year = work.year or 2000
    design = DESIGN_WORDS.get(classify_work(work).study_type, "study")
    entry, claim_year, claim_journal = work, year, work.journal or ""
    other = rng.choice([w for w in pool if w.journal != work.journal][:50])
    if kind == "ref-year":
        entry = replace(work, year=wrong_year(work, rng), year_print=None, year_online=None)
        claim_year = entry.year or year
    elif kind == "ref-volume":
        entry = replace(work, volume=str(int(work.volume or "1") + rng.randint(2, 9)))
    elif kind == "ref-pages":
        entry = replace(work, pages=shift_pages(work.pages or "", rng.randint(30, 300)))
    elif kind == "ref-journal":
        entry = replace(work, journal=other.journal, short_journals=())
        claim_journal = other.journal or ""
    elif kind == "ref-doi":
        entry = replace(work, doi=other.doi)
    elif kind == "fabricated":
        donor = rng.choice(pool)
        entry = replace(work, title=donor.title, subtitle=None, doi="")
    elif kind == "claim-year":
        claim_year = wrong_year(work, rng)
    elif kind == "claim-journal":
        claim_journal = other.journal or ""
    elif kind == "claim-study-type":
        design = WRONG_DESIGN.get(classify_work(work).study_type, design)
    return Planted(kind, work, entry, claim_year, claim_journal, design)


def article(planted: Sequence[Planted]) -> str:
    """An article in the team's own template prose citing every planted work."""
    lines = ["# Notes from the literature", ""]
    for number, p in enumerate(planted, 1):
        lines.append(
            f"A {p.claim_year} {p.claim_design} published in {p.claim_journal} found that "
            f"the approach deserves a closer look [{number}]."
        )
        lines.append("")
    lines += ["## References", ""]
    for number, p in enumerate(planted, 1):
        entry = render_reference(p.entry, Style.APA)
        if not p.entry.doi:
            entry = entry.split(" https://doi.org/")[0]
        lines.append(f"[{number}] {entry}")
        lines.append("")
    return "\n".join(lines)


# Real-prose sentences in our own words. {first}/{last}: the cited work's first and last
# authors' family names; {old}: a year well before publication; {other}: the first author
# of another work cited in the same sentence as [{m}].
PROSE = {
    "self": "This review explores what is known about the question [{n}].",
    "self-we": "We searched three databases for randomised trials on the question [{n}].",
    "self-our": "Our cohort was recruited in {old} from two towns, as before [{n}].",
    "topic": "The checklist helps appraise qualitative research for inclusion in systematic reviews [{n}].",
    "topic-guideline": "Standards for reporting randomized trials and meta-analyses were followed [{n}].",
    "place": "Similar cases were reported in England and in Scotland [{n}].",
    "place-country": "Prevalence is highest in the United States of America [{n}].",
    "organism": "The same gene delays flowering in *Arabidopsis* [{n}].",
    "table": "The primer pairs are listed in the supplement (Table S4) [{n}].",
    "body": "The species is listed by the International Union for the Conservation of Nature [{n}].",
    "method": "Survival was estimated with the Kaplan-Meier method and compared by Cox models [{n}].",
    "method-author": "We used the segmentation method of {first} et al. [{n}] on every scan.",
    "senior-author": "{last} and colleagues [{n}] described the same pattern.",
    "senior-lab": "The {last} lab [{n}] mapped the same pathway.",
    "database": "Papers published in PubMed or indexed in Web of Science were screened [{n}].",
    "country-code": "The handbook was first published in the USA [{n}].",
    "discipline": "Interest in Science education has grown quickly [{n}].",
    "counted": "{first} et al. [{n}] pooled twelve trials of the drug.",
    "instrument": "Quality was rated with the Newcastle-Ottawa scale for cohort studies [{n}].",
    "year-place": "Outbreaks were reported in England in {old} [{n}].",
    "year-since": "The scale has been used widely since appearing in {old} [{n}].",
    "year-event": "In {old}, the first such operation was carried out in Cape Town [{n}].",
    "name-in-passing": "Unlike the prior methods of {other} et al. [{m}], our pipeline traces every branch [{n}].",
    "name-possessive": "We fitted each model on {other} et al.'s dataset and compared them [{n}], [{m}].",
}


def prose_article(works: Sequence[Work], rng: random.Random) -> tuple[str, dict[str, str]]:
    """An article of real-prose sentences citing correct entries; label -> sentence kind."""
    lines = ["# Background", ""]
    cited: list[Work] = []
    kinds: dict[str, str] = {}
    for kind, template in PROSE.items():
        work, other = rng.sample(list(works), 2)
        cited += [work, other]
        n, m = len(cited) - 1, len(cited)
        year = work.year or 2000
        lines.append(
            template.format(
                n=n,
                m=m,
                first=work.authors[0].family,
                last=work.authors[-1].family,
                old=year - rng.randint(12, 40),
                other=other.authors[0].family,
            )
        )
        lines.append("")
        kinds[str(n)] = kind
        if "{m}" not in template:
            lines.append(f"Related work is summarised elsewhere [{m}].")
            lines.append("")
    lines += ["## References", ""]
    for number, work in enumerate(cited, 1):
        lines.append(f"[{number}] {render_reference(work, Style.APA)}")
        lines.append("")
    return "\n".join(lines), kinds


def prose_accusations(
    works: Sequence[Work], resolver: WorkResolver, rng: random.Random, rounds: int
) -> tuple[int, Counter[str], list[str]]:
    """Sentences checked, accusations per kind, and what was said."""
    accused: Counter[str] = Counter()
    said: list[str] = []
    checked = 0
    for _ in range(rounds):
        text, kinds = prose_article(works, rng)
        document = Document("prose.md", text, tuple(range(1, text.count("\n") + 2)))
        parsed = parse(document)
        resolutions = dict(
            zip(
                (r.label for r in parsed.references),
                resolver.resolve(parsed.references),
                strict=True,
            )
        )
        findings = compare(parsed, resolutions)
        checked += len(kinds)
        for f in findings:
            if f.severity == Severity.ERROR and f.code.startswith("claim-") and f.label:
                kind = kinds.get(f.label, "other reference")
                accused[kind] += 1
                said.append(f"{kind}: {f.code} {f.stated!r} vs {f.actual!r}")
    return checked, accused, said


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("--records", type=Path, default=DEFAULT_RECORDS)
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--show", type=int, default=0, help="print this many misses per kind")
    args = parser.parse_args(argv)
    if not args.records.exists():
        print(f"records not found: {args.records} (pass --records PATH)", file=sys.stderr)
        return 2

    started = time.perf_counter()
    index = RecordsIndex.load(args.records)
    works = [w for w in (index.work(d) for d in index.dois()) if w and usable(w)]
    rng = random.Random(args.seed)
    resolver = WorkResolver(RecordsSource(index=index), jobs=4)
    planted_kinds = list(KINDS)
    caught: Counter[str] = Counter()
    total: Counter[str] = Counter()
    accused: Counter[str] = Counter()
    misses: dict[str, list[str]] = {}
    designed = [w for w in works if classify_work(w).study_type in WRONG_DESIGN]
    for _ in range(args.articles):
        planted = []
        for _ in range(PER_ARTICLE):
            kind = "clean" if rng.random() < CLEAN_SHARE else rng.choice(planted_kinds)
            # Only a work of a known design can be misdescribed as another design.
            work = rng.choice(designed if kind == "claim-study-type" else works)
            planted.append(plant(kind, work, works, rng))
        parsed = parse(Document("bench.md", article(planted), ()))
        document = Document(
            "bench.md", parsed.document.text, tuple(range(1, parsed.document.text.count("\n") + 2))
        )
        parsed = parse(document)
        resolutions = dict(
            zip(
                (r.label for r in parsed.references),
                resolver.resolve(parsed.references),
                strict=True,
            )
        )
        findings = compare(parsed, resolutions)
        for number, p in enumerate(planted, 1):
            label = str(number)
            errors = {f.code for f in findings if f.label == label and f.severity == Severity.ERROR}
            total[p.kind] += 1
            if p.kind == "clean":
                if errors:
                    accused["clean"] += 1
                    misses.setdefault("clean", []).append(
                        f"{sorted(map(str, errors))} {p.work.doi}"
                    )
                continue
            expected = KINDS[p.kind]
            # A design planted on the wrong population ("trial in patients" for a rat
            # study) is reported as claim-population since that code exists.
            if expected in errors or (
                p.kind == "claim-study-type" and "claim-population" in errors
            ):
                caught[p.kind] += 1
            else:
                resolution = resolutions.get(label)
                status = resolution.status.value if resolution else "?"
                misses.setdefault(p.kind, []).append(
                    f"{status} {sorted(map(str, errors))} {p.work.doi} (claim: {p.claim_journal!r})"
                )
            # Errors of other kinds on a reference with one planted error are accusations.
            others = errors - {expected, "ref-year" if p.kind == "claim-year" else ""}
            others -= {"claim-population"} if p.kind == "claim-study-type" else set()
            if p.kind == "fabricated":
                others -= {"not-found"}
            if others - {"claim-year", "claim-journal"} and p.kind.startswith("ref-"):
                accused["extra"] += 1
    elapsed = time.perf_counter() - started

    print(f"{args.articles} articles, {sum(total.values())} references, {elapsed:.1f}s")
    print(f"{'planted error':<20}{'n':>6}{'caught':>9}")
    planted_total = caught_total = 0
    for kind in planted_kinds:
        if total[kind]:
            print(f"{kind:<20}{total[kind]:>6}{caught[kind] / total[kind]:>9.1%}")
            planted_total += total[kind]
            caught_total += caught[kind]
    print(
        f"{'all planted':<20}{planted_total:>6}{caught_total / max(1, planted_total):>9.1%}"
        "   target >= 95%"
    )
    clean = total["clean"]
    print(
        f"{'correct references':<20}{clean:>6}   accused {accused['clean'] / max(1, clean):.1%}"
        "   target < 1%"
    )
    for kind, items in misses.items():
        for item in items[: args.show]:
            print(f"  miss [{kind}] {item}")

    authored = [w for w in works if len(w.authors) >= 2 and w.authors[-1].family.isalpha()]
    checked, prose_accused, said = prose_accusations(authored, resolver, rng, args.articles // 4)
    print(
        f"{'real-prose sentences':<20}{checked:>6}   accusations {sum(prose_accused.values())}"
        f" ({len(PROSE)} kinds)   target 0"
    )
    for kind, count in sorted(prose_accused.items()):
        print(f"  {kind:<18}{count:>4}")
    for line in said[: args.show]:
        print(f"  accused: {line}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Claim errors on published prose: real articles read offline, claims against their records.

Published, peer-reviewed prose is nearly always right about the works it cites, so
every claim finding on it is counted as a claim error (a false accusation, or at best a
pedantry). Each article (``*.txt``, default ``../shared/samples/plos``, or any folder
given) is checked twice without the network:

* ``offline``: as ``citecheck check --offline`` with an empty cache; claims are checked
  against the reference entries themselves, and nothing may be ``not-found``;
* ``records``: when a ``.gold.json`` of the publisher's reference metadata sits beside
  the article, against Crossref-style records built from it (as ``--records``), so
  claims meet the records' full author lists.

Prints references read, claim findings per 1,000 references (errors and warnings), and
the ``not-found`` count offline. Targets (issue 9): <= 2 claim errors per 1,000
references, 0 ``not-found`` offline.

    python benchmarks/prose_accuracy.py [FOLDER ...] [--show N]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from citecheck.compare import compare
from citecheck.model import Finding, ParsedDocument, Severity
from citecheck.pipeline import parse
from citecheck.readers import read
from citecheck.resolve.offline import OfflineSource
from citecheck.resolve.records import RecordsIndex, RecordsSource
from citecheck.resolve.resolver import WorkResolver

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "samples" / "plos"
CLAIM_CODES = ("claim-year", "claim-journal", "claim-study-type", "claim-author")
TARGET_PER_1000 = 2.0


def gold_records(gold: Mapping[str, Any], stem: str) -> list[dict[str, Any]]:
    """Crossref-style work records from a ``.gold.json`` (the publisher's reference data)."""
    records = []
    for ref in gold.get("references", []):
        if not ref.get("article_title") or ref.get("publication_type") not in (None, "journal"):
            continue
        authors = []
        for name in ref.get("authors") or []:
            family, _, given = str(name).rpartition(" ")
            if not family:
                family, given = given, ""
            authors.append({"family": family, "given": given})
        record: dict[str, Any] = {
            "DOI": ref.get("doi") or f"10.9999/gold.{stem}.{ref.get('label')}",
            "type": "journal-article",
            "title": [ref["article_title"]],
            "author": authors,
            "container-title": [ref.get("source") or ""],
        }
        year = re.match(r"\d{4}", str(ref.get("year") or ""))
        if year:
            record["issued"] = {"date-parts": [[int(year.group(0))]]}
        if ref.get("volume"):
            record["volume"] = str(ref["volume"])
        pages = "-".join(p for p in (ref.get("fpage"), ref.get("lpage")) if p)
        if pages:
            record["page"] = pages
        records.append(record)
    return records


def claim_findings(findings: Sequence[Finding]) -> list[Finding]:
    """The findings about claims."""
    return [f for f in findings if f.code in CLAIM_CODES]


def describe(finding: Finding, parsed: ParsedDocument) -> str:
    """One line: where, what, and the claim's text."""
    claim = next(
        (
            c
            for c in parsed.claims
            if c.line == finding.line and finding.label and finding.label in c.references
        ),
        None,
    )
    text = " ".join(claim.text.split())[:220] if claim else ""
    return (
        f"  {Path(parsed.path).name}:{finding.line} [{finding.label}] {finding.code} "
        f"{finding.severity.value}: {finding.stated!r} vs {finding.actual!r}\n      {text}"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("folders", nargs="*", type=Path, default=[DEFAULT_FOLDER])
    parser.add_argument("--show", type=int, default=0, help="print this many claim findings")
    args = parser.parse_args(argv)
    paths = sorted(p for folder in args.folders for p in Path(folder).glob("*.txt"))
    if not paths:
        print(f"no articles (*.txt) in {', '.join(map(str, args.folders))}", file=sys.stderr)
        return 2

    started = time.perf_counter()
    offline = WorkResolver(OfflineSource(), jobs=1)
    references = 0
    with_gold = 0
    counts: dict[str, Counter[str]] = {"offline": Counter(), "records": Counter()}
    not_found: Counter[str] = Counter()
    shown: list[str] = []
    for path in paths:
        parsed = parse(read(str(path)))
        references += len(parsed.references)
        runs = [("offline", offline)]
        gold_path = path.with_suffix(".gold.json")
        if gold_path.exists():
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            index = RecordsIndex.from_records(gold_records(gold, path.stem))
            runs.append(("records", WorkResolver(RecordsSource(index=index), jobs=1)))
            with_gold += len(parsed.references)
        for mode, resolver in runs:
            resolutions = dict(
                zip(
                    (r.label for r in parsed.references),
                    resolver.resolve(parsed.references),
                    strict=True,
                )
            )
            findings = compare(parsed, resolutions)
            not_found[mode] += sum(f.code == "not-found" for f in findings)
            for finding in claim_findings(findings):
                counts[mode][f"{finding.code} {finding.severity.value}"] += 1
                if len(shown) < args.show:
                    shown.append(f"{mode}:" + describe(finding, parsed))
    elapsed = time.perf_counter() - started

    print(f"{len(paths)} articles, {references} references read, {elapsed:.1f}s")
    met = True
    for mode, total in (("offline", references), ("records", with_gold)):
        if not total:
            continue
        errors = sum(n for key, n in counts[mode].items() if key.endswith(Severity.ERROR.value))
        warnings = sum(n for key, n in counts[mode].items() if key.endswith("warning"))
        rate = 1000 * errors / total
        met = met and rate <= TARGET_PER_1000
        print(
            f"{mode:8} {total:5} refs  claim errors {errors:3} ({rate:.1f} per 1,000; "
            f"target <= {TARGET_PER_1000:g})  claim warnings {warnings:3} "
            f"({1000 * warnings / total:.1f} per 1,000)  not-found {not_found[mode]}"
            + ("" if mode == "offline" else " (entries the gold data holds no record for)")
        )
        for key, n in sorted(counts[mode].items()):
            print(f"           {key:28} {n}")
    met = met and not_found["offline"] == 0
    print(f"not-found offline: {not_found['offline']} (target 0)")
    print(f"targets met: {'yes' if met else 'no'}")
    for line in shown:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Build src/citecheck/data/journal_abbreviations.tsv from Crossref records.

Usage::

    python tools/build_journal_abbreviations.py [WORKS_JSONL_GZ] [OUT_TSV]

Each Crossref work record names its journal in ``container-title`` and, usually, its
abbreviations in ``short-container-title``. Every distinct (full title, abbreviation)
pair is written as one ``full<TAB>abbreviation`` line. Pairs that add nothing (the
abbreviation normalises to the full title) are dropped, and so is every abbreviation
that Crossref gives for more than one journal (titles that differ only by a leading
part, "JAMA: The Journal of ..." and "Journal of ...", count as one), because it could
not tell them apart.
"""

from __future__ import annotations

import gzip
import html
import json
import sys
from collections import defaultdict
from pathlib import Path

from citecheck.journals import normalise

DEFAULT_WORKS = Path(__file__).resolve().parents[2] / "shared" / "crossref" / "works.jsonl.gz"
DEFAULT_OUT = (
    Path(__file__).resolve().parents[1] / "src" / "citecheck" / "data" / "journal_abbreviations.tsv"
)


def read_pairs(path: Path) -> dict[str, set[str]]:
    """Abbreviation -> every full title it was given for, as written in the records."""
    fulls_by_abbreviation: dict[str, set[str]] = defaultdict(set)
    with gzip.open(path, "rt", encoding="utf-8") as lines:
        for line in lines:
            record = json.loads(line)
            titles = record.get("container-title") or []
            if not titles:
                continue
            full = " ".join(html.unescape(titles[0]).split())
            for short in record.get("short-container-title") or []:
                abbreviation = " ".join(html.unescape(short).split())
                if abbreviation and normalise(abbreviation) != normalise(full):
                    fulls_by_abbreviation[abbreviation].add(full)
    return fulls_by_abbreviation


def unambiguous(fulls_by_abbreviation: dict[str, set[str]]) -> list[tuple[str, str]]:
    """The (full, abbreviation) pairs whose abbreviation names one journal only."""
    by_key: dict[str, set[str]] = defaultdict(set)
    for abbreviation, fulls in fulls_by_abbreviation.items():
        by_key[normalise(abbreviation)].update(normalise(f) for f in fulls)
    pairs: set[tuple[str, str]] = set()
    for abbreviation, fulls in fulls_by_abbreviation.items():
        if _one_journal(by_key[normalise(abbreviation)]):
            pairs.update((full, abbreviation) for full in fulls)
    return sorted(pairs, key=lambda p: (p[0].lower(), p[1].lower(), p))


def _one_journal(titles: set[str]) -> bool:
    """True when normalised titles are one journal's names: each pair nested as a suffix.

    ("JAMA: The Journal of the American Medical Association" and "Journal of the
    American Medical Association" are one journal.)
    """
    ordered = sorted(titles, key=len)
    return all(long.endswith(short) for i, short in enumerate(ordered) for long in ordered[i:])


def main(argv: list[str]) -> int:
    """Write the TSV and say how many pairs it holds."""
    works = Path(argv[1]) if len(argv) > 1 else DEFAULT_WORKS
    out = Path(argv[2]) if len(argv) > 2 else DEFAULT_OUT
    pairs = unambiguous(read_pairs(works))
    header = "# full title\tabbreviation (from Crossref container-title / short-container-title)\n"
    out.write_text(header + "".join(f"{full}\t{abbr}\n" for full, abbr in pairs), encoding="utf-8")
    print(f"{len(pairs)} pairs -> {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))

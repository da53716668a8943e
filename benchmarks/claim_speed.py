"""Claim-reading speed on long documents: the shared PLOS articles joined end to end.

Reads the articles (default ``../shared/samples/plos``, or any folder given), joins them
``--copies`` times into one long document, finds its references and citations, then
times ``extract_claims`` (CPU time) and counts the regular-expression calls it makes
per citation (through cProfile). Issue 12, point 6: claim reading must stay linear in
the text, with a small fixed number of searches per claim.

    python benchmarks/claim_speed.py [FOLDER] [--copies 16]
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from citecheck.citations import find_citations
from citecheck.claims import extract_claims
from citecheck.model import Document
from citecheck.references import find_references

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_FOLDER = ROOT.parent / "shared" / "samples" / "plos"
_REGEX_CALLS = ("search", "finditer", "match", "fullmatch")


def regex_calls(profile: cProfile.Profile) -> int:
    """How many times compiled patterns were searched or matched."""
    stats = pstats.Stats(profile)
    total = 0
    for (_, _, name), row in stats.stats.items():  # type: ignore[attr-defined]
        if any(name == f"<method '{m}' of 're.Pattern' objects>" for m in _REGEX_CALLS):
            total += row[1]
    return int(total)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the benchmark and print its figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else "")
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_FOLDER)
    parser.add_argument("--copies", type=int, default=16)
    args = parser.parse_args(argv)
    paths = sorted(args.folder.glob("*.txt"))
    if not paths:
        print(f"no articles (*.txt) in {args.folder}", file=sys.stderr)
        return 2
    one = "\n\n".join(p.read_text(encoding="utf-8") for p in paths)
    for copies in sorted({1, max(1, args.copies // 4), args.copies}):
        text = "\n\n".join([one] * copies)
        document = Document("long.txt", text, tuple(range(1, text.count("\n") + 2)))
        citations = find_citations(document, find_references(document))
        extract_claims(document, citations[:50])  # warm up (lazy tables)
        started = time.process_time()
        claims = extract_claims(document, citations)
        seconds = time.process_time() - started
        profile = cProfile.Profile()
        profile.enable()
        extract_claims(document, citations)
        profile.disable()
        calls = regex_calls(profile)
        per = 1000 * seconds / max(1, len(citations))
        print(
            f"{len(text) / 1e6:5.1f} MB  {len(citations):6} citations  {len(claims):6} claims  "
            f"{seconds:6.2f} s CPU  {per:.2f} ms/citation  "
            f"{calls / max(1, len(citations)):.1f} regex calls/citation"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How well reference lists are found and entries read, measured on the PLOS gold set.

Usage: python benchmarks/parse_accuracy.py [--samples DIR] [--show-failures FIELD]

References are aligned to gold by label (by position when the publisher deposited none).
Values are compared after trivial normalisation (case, whitespace, dash types, trailing
punctuation). A field counts only where gold has it; the journal is asked only of
journal articles, since gold puts a book's own title in ``source``.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

from citecheck.model import Document, Reference
from citecheck.references import find_references

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples" / "plos"
if not DEFAULT_SAMPLES.is_dir():  # a git worktree beside the main checkout
    DEFAULT_SAMPLES = REPO.parent.parent / "shared" / "samples" / "plos"
TARGETS = {"found": 0.99, "year": 0.99}
FIELD_TARGET = 0.97
_DASHES = re.compile(r"[\u2010-\u2015\u2212]")


def normalise(value: object) -> str:
    """Compare modulo case, whitespace, dash types and trailing punctuation."""
    text = _DASHES.sub("-", str(value or "")).lower()
    text = " ".join(text.split())
    return text.strip(" .,;:")


def first_family(gold_author: str) -> str:
    """Family part of a gold author such as ``"Loffler G"`` or ``"van der Meulen MJ"``."""
    parts = gold_author.split()
    if len(parts) > 1 and re.fullmatch(r"[A-Z][A-Za-z-]{0,5}", parts[-1]):
        return " ".join(parts[:-1])
    return gold_author


Getter = Callable[[Reference], object]
FIELDS: dict[str, tuple[Callable[[dict[str, object]], object], Getter]] = {
    "year": (lambda g: g.get("year"), lambda r: r.fields.year),
    # Gold puts a book's own title in ``source``; a journal is only asked of articles.
    "journal": (
        lambda g: g.get("source") if g.get("publication_type") == "journal" else None,
        lambda r: r.fields.journal,
    ),
    "title": (lambda g: g.get("article_title"), lambda r: r.fields.title),
    "first author": (
        lambda g: first_family(str(g["authors"][0])) if g.get("authors") else None,  # type: ignore[index]
        lambda r: r.fields.authors[0].family if r.fields.authors else None,
    ),
    "volume": (lambda g: g.get("volume"), lambda r: r.fields.volume),
    "first page": (
        lambda g: g.get("fpage"),
        lambda r: re.split(r"-", r.fields.pages)[0] if r.fields.pages else None,
    ),
    "doi": (lambda g: g.get("doi"), lambda r: r.fields.doi),
}


def read_document(path: Path) -> Document:
    """Read a sample as a plain-text Document (one text line per file line)."""
    text = path.read_text(encoding="utf-8")
    count = text.count("\n") + 1
    return Document(str(path), text, tuple(range(1, count + 1)))


def main(argv: list[str] | None = None) -> int:
    """Run the parser over every sample and print per-field accuracy against gold."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--show-failures", metavar="FIELD", default=None)
    args = parser.parse_args(argv)
    samples: Path = args.samples
    golds = sorted(samples.glob("*.gold.json")) if samples.is_dir() else []
    if not golds:
        print(f"no gold samples in {samples} (expected *.txt with *.gold.json)", file=sys.stderr)
        return 2
    found = total = 0
    right = dict.fromkeys(FIELDS, 0)
    counted = dict.fromkeys(FIELDS, 0)
    for gold_path in golds:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        references = {r.label: r for r in find_references(read_document(txt)).references}
        for position, entry in enumerate(gold["references"], start=1):
            total += 1
            # Some publishers deposit no labels; their lists are numbered in order.
            ref = references.get(str(entry["label"] or position))
            if ref is None:
                if args.show_failures == "found":
                    print(f"{txt.name} [{entry['label']}] not found")
                continue
            found += 1
            for name, (want, got) in FIELDS.items():
                expected = want(entry)
                if expected in (None, "", []):
                    continue
                counted[name] += 1
                if normalise(expected) == normalise(got(ref)):
                    right[name] += 1
                elif args.show_failures == name:
                    print(f"{txt.name} [{entry['label']}] want {expected!r} got {got(ref)!r}")
                    print(f"    {ref.text}")
    rows = [("found", found, total, TARGETS["found"])]
    rows += [(n, right[n], counted[n], TARGETS.get(n, FIELD_TARGET)) for n in FIELDS]
    print(f"{'field':<14}{'right':>7}{'of':>7}{'share':>9}{'target':>9}  met")
    all_met = True
    for name, good, denominator, target in rows:
        share = good / denominator if denominator else 1.0
        met = share >= target
        all_met &= met
        print(
            f"{name:<14}{good:>7}{denominator:>7}{share:>9.1%}{target:>9.0%}  {'yes' if met else 'NO'}"
        )
    print(f"all targets met: {'yes' if all_met else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

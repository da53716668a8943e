"""Measure the title classifier against a hand-labelled set of real titles.

Usage::

    python benchmarks/studytype_accuracy.py [--labels PATH] [--errors]

Each line of the labels file is ``{"doi" or "source", "title", "label", "names_design"}``:
the study type a reader gets from the title alone (``"study"`` when the title names
no design) and whether the title names its design. Labelling conventions:
"retrospective study" is a chart review; "longitudinal study" is a cohort; a scoping
or umbrella review is a systematic review; a paper with in vitro and in vivo (animal)
experiments is an animal study; letters, replies, comments and book reviews are
editorials; a "trial" without "randomised" names no specific design.

Prints precision and recall per label, then the targets: precision of every
non-generic label, and recall over the titles that name their design.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

from citecheck.studytype import classify_title

DEFAULT_LABELS = Path(__file__).parent / "data" / "studytype_labels.jsonl"
PRECISION_TARGET = 0.97
RECALL_TARGET = 0.85


def load(path: Path) -> list[dict[str, object]]:
    """The labelled titles, one JSON object a line."""
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def measure(rows: list[dict[str, object]], show_errors: bool) -> bool:
    """Print the figures; True when both targets are met."""
    predicted_counts: Counter[str] = Counter()
    true_counts: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    named = named_hits = 0
    for row in rows:
        label = str(row["label"])
        guess = classify_title(str(row["title"])).study_type.value
        predicted_counts[guess] += 1
        true_counts[label] += 1
        if guess == label:
            correct[label] += 1
        if row["names_design"]:
            named += 1
            named_hits += guess == label
        if show_errors and guess != label:
            print(f"  want {label:28} got {guess:28} {row['title']}")
    print(f"{'label':28} {'n':>4} {'pred':>5} {'precision':>9} {'recall':>7}")
    ok = True
    for label in sorted(set(true_counts) | set(predicted_counts)):
        precision = correct[label] / predicted_counts[label] if predicted_counts[label] else 1.0
        recall = correct[label] / true_counts[label] if true_counts[label] else 1.0
        flag = ""
        if label != "study" and precision < PRECISION_TARGET:
            ok, flag = False, "  < target"
        print(
            f"{label:28} {true_counts[label]:4} {predicted_counts[label]:5} "
            f"{precision:9.1%} {recall:7.1%}{flag}"
        )
    accuracy = sum(correct.values()) / len(rows)
    named_recall = named_hits / named if named else 1.0
    print(f"\noverall accuracy {accuracy:.1%} over {len(rows)} titles")
    print(f"recall on titles that name their design {named_recall:.1%} ({named_hits}/{named})")
    ok = ok and named_recall >= RECALL_TARGET
    print(f"targets (precision >= {PRECISION_TARGET:.0%}, recall >= {RECALL_TARGET:.0%}):", end=" ")
    print("met" if ok else "NOT met")
    return ok


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; exit status 0 when the targets are met."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labels", type=Path, default=DEFAULT_LABELS)
    parser.add_argument("--errors", action="store_true", help="list every wrong title")
    args = parser.parse_args(argv)
    return 0 if measure(load(args.labels), args.errors) else 1


if __name__ == "__main__":
    sys.exit(main())

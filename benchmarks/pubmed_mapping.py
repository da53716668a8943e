"""Accuracy of the PubMed mapping: publication types and MeSH -> study type and population.

    python benchmarks/pubmed_mapping.py [--table benchmarks/data/pubmed_mapping.tsv]

Each row of the table is a record as PubMed indexes it (publication types, MeSH
headings, title) with the study type and population a reader of the record assigns by
hand. The real and constructed records of tests/fixtures/pubmed are rows too. Prints
accuracy for design and population, precision and recall per label, and every miss.
``tests/test_pubmed_index.py`` asserts every row.
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from citecheck.model import PubmedRecord, Work
from citecheck.resolve.pubmed_index import mesh_population
from citecheck.studytype import classify_work

TABLE = Path(__file__).resolve().parent / "data" / "pubmed_mapping.tsv"


@dataclass(frozen=True)
class Row:
    """One hand-labelled record."""

    types: tuple[str, ...]
    mesh: tuple[str, ...]
    title: str
    study_type: str
    population: str  # "" for none
    note: str


def load(path: Path = TABLE) -> list[Row]:
    """The labelled rows (comment lines start with #)."""
    rows = []
    with path.open(encoding="utf-8") as handle:
        for fields in csv.reader(handle, delimiter="\t"):
            if not fields or fields[0].startswith("#"):
                continue
            types, mesh, title, design, population, note = (fields + [""] * 6)[:6]
            rows.append(
                Row(
                    tuple(t for t in types.split(";") if t),
                    tuple(m for m in mesh.split(";") if m),
                    title,
                    design,
                    population,
                    note,
                )
            )
    return rows


def predict(row: Row) -> tuple[str, str]:
    """(study type, population) citecheck assigns the row's record."""
    record = PubmedRecord(pmid="1", publication_types=row.types, mesh_headings=row.mesh)
    found = classify_work(Work(doi="10.1/x", title=row.title, pubmed=record))
    return found.study_type.value, found.population.value if found.population else ""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--table", type=Path, default=TABLE)
    args = parser.parse_args(argv)
    rows = load(args.table)
    design_ok = population_ok = 0
    predicted: Counter[str] = Counter()
    correct: Counter[str] = Counter()
    labelled: Counter[str] = Counter()
    misses = []
    for row in rows:
        design, population = predict(row)
        labelled[row.study_type] += 1
        predicted[design] += 1
        if design == row.study_type:
            design_ok += 1
            correct[design] += 1
        if population == row.population:
            population_ok += 1
        if (design, population) != (row.study_type, row.population):
            misses.append((row, design, population))
    print(f"rows: {len(rows)}")
    print(f"study type accuracy: {design_ok / len(rows):.1%} ({design_ok}/{len(rows)})")
    print(f"population accuracy: {population_ok / len(rows):.1%} ({population_ok}/{len(rows)})")
    populations = Counter(mesh_population(r.mesh) or "none" for r in rows)
    print(
        "MeSH populations in the table: "
        + ", ".join(f"{k} {v}" for k, v in sorted(populations.items()))
    )
    print(f"{'label':30} {'rows':>4} {'precision':>9} {'recall':>7}")
    for label in sorted(labelled | predicted):
        precision = correct[label] / predicted[label] if predicted[label] else 1.0
        recall = correct[label] / labelled[label] if labelled[label] else 1.0
        print(f"{label:30} {labelled[label]:4} {precision:9.0%} {recall:7.0%}")
    for row, design, population in misses:
        print(
            f"MISS {row.note}: expected {row.study_type}/{row.population}, got {design}/{population}"
        )
    return 0 if not misses else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Requests per reference with PubMed on: a 50-reference article, end to end.

    python benchmarks/pubmed_requests.py [--references 50]

Writes an article citing N real works (recorded Crossref records from
tests/fixtures/crossref, every entry with its DOI, plus one reference known only by its
PMID and one only by its PMCID), serves the works from the stand-in Crossref and a
PubMed record for each (built from the Crossref record, placeholder PMIDs 1000000+) from
the stand-in E-utilities, and runs ``citecheck check`` three times into one cache:
PubMed off, PubMed on (cold cache for PubMed), PubMed on again (warm). Prints the
requests each server received and the extra requests per reference PubMed costs.
Target: at most 0.2 extra requests per reference on a 50-reference article.
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from html import escape
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from click.testing import CliRunner  # noqa: E402

from citecheck.cli import main  # noqa: E402
from fakecrossref import FakeCrossref, load_records  # noqa: E402
from fakepubmed import Article, FakePubmed  # noqa: E402

FIXTURES = ROOT / "tests" / "fixtures" / "crossref"
TARGET = 0.2


def usable(record: dict[str, Any]) -> bool:
    """A journal article with the fields a reference list prints."""
    return bool(
        record.get("type") == "journal-article"
        and record.get("title")
        and record.get("container-title")
        and record.get("author")
        and record.get("DOI")
        and (record.get("issued") or {}).get("date-parts", [[None]])[0][0]
    )


def year_of(record: dict[str, Any]) -> int:
    return int(record["issued"]["date-parts"][0][0])


def entry(record: dict[str, Any], doi: bool = True) -> str:
    """An APA-like entry written from a record."""
    authors = ", ".join(
        f"{a.get('family') or a.get('name')}, {(a.get('given') or 'X')[0]}."
        for a in record["author"][:3]
    )
    parts = [f"{authors} ({year_of(record)}). {record['title'][0]}. {record['container-title'][0]}"]
    if record.get("volume"):
        parts.append(f", {record['volume']}")
    if record.get("page"):
        parts.append(f", {record['page']}")
    text = "".join(parts) + "."
    return f"{text} https://doi.org/{record['DOI']}" if doi else text


def article_xml(record: dict[str, Any], pmid: str, pmcid: str) -> str:
    """A minimal PubmedArticle for a Crossref record (placeholder PMID)."""
    authors = "".join(
        f"<Author><LastName>{escape(str(a.get('family') or a.get('name')))}</LastName></Author>"
        for a in record["author"][:3]
    )
    return (
        "<PubmedArticle><MedlineCitation><PMID>"
        f"{pmid}</PMID><Article><Journal><JournalIssue><Volume>{escape(str(record.get('volume') or ''))}"
        f"</Volume><PubDate><Year>{year_of(record)}</Year></PubDate></JournalIssue>"
        f"<Title>{escape(record['container-title'][0])}</Title></Journal>"
        f"<ArticleTitle>{escape(record['title'][0])}.</ArticleTitle><AuthorList>{authors}</AuthorList>"
        "<PublicationTypeList><PublicationType>Journal Article</PublicationType>"
        "</PublicationTypeList></Article><MeshHeadingList><MeshHeading><DescriptorName>Humans"
        "</DescriptorName></MeshHeading></MeshHeadingList></MedlineCitation><PubmedData>"
        f'<ArticleIdList><ArticleId IdType="pubmed">{pmid}</ArticleId>'
        f'<ArticleId IdType="doi">{escape(record["DOI"])}</ArticleId>'
        f'<ArticleId IdType="pmc">{pmcid}</ArticleId></ArticleIdList></PubmedData></PubmedArticle>'
    )


def run(
    path: Path, crossref: FakeCrossref, pubmed: FakePubmed, cache: Path, *extra: str
) -> dict[str, Any]:
    args = ["check", str(path), "--format", "json", "--crossref-url", crossref.url]
    args += ["--doi-url", crossref.url, "--pubmed-url", pubmed.url, "--mailto", "b@example.org"]
    args += ["--cache-dir", str(cache), "--quiet", *extra]
    result = CliRunner().invoke(main, args)
    if result.exit_code not in (0, 1, 3):
        raise SystemExit(f"citecheck failed ({result.exit_code}): {result.output}")
    document: dict[str, Any] = json.loads(result.stdout)["documents"][0]
    return document


def main_(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--references", type=int, default=50)
    args = parser.parse_args(argv)
    with gzip.open(FIXTURES / "distractors.jsonl.gz", "rt", encoding="utf-8") as handle:
        pool = [r for r in map(json.loads, handle) if usable(r)]
    records = pool[: args.references]
    if len(records) < args.references:
        raise SystemExit(f"only {len(records)} usable records")
    articles = [
        Article(
            str(1000000 + n),
            r["DOI"].lower(),
            f"PMC{2000000 + n}",
            article_xml(r, str(1000000 + n), f"PMC{2000000 + n}"),
        )
        for n, r in enumerate(records)
    ]
    lines = ["# A benchmark article", ""]
    for n, record in enumerate(records, 1):
        lines.append(f"A {year_of(record)} study found something [{n}].")
    lines += ["", "## References", ""]
    for n, record in enumerate(records, 1):
        if n == len(records) - 1:
            lines.append(f"[{n}] {entry(record, doi=False)} PMID: {1000000 + n - 1}.")
        elif n == len(records):
            lines.append(f"[{n}] {entry(record, doi=False)} PMCID: PMC{2000000 + n - 1}.")
        else:
            lines.append(f"[{n}] {entry(record)}")
        lines.append("")
    all_records = load_records(sorted((FIXTURES / "constructed").glob("*.json"))) + pool
    with (
        tempfile.TemporaryDirectory() as folder,
        FakeCrossref(all_records, pool="polite") as crossref,
        FakePubmed(articles) as pubmed,
    ):
        path = Path(folder) / "article.md"
        path.write_text("\n".join(lines), encoding="utf-8")
        cache = Path(folder) / "cache"
        run(path, crossref, pubmed, Path(folder) / "nopubmed", "--no-pubmed")
        crossref_alone = len(crossref.requests)
        crossref.clear()
        cold = run(path, crossref, pubmed, cache)
        cold_pubmed, cold_crossref = dict(pubmed.counts()), len(crossref.requests)
        pubmed.clear()
        crossref.clear()
        run(path, crossref, pubmed, cache)
        warm = len(pubmed.requests)
    extra = sum(cold_pubmed.values())
    per_reference = extra / args.references
    print(
        f"references: {args.references} ({args.references - 2} with a DOI, 1 PMID only, 1 PMCID only)"
    )
    print(f"Crossref requests, PubMed off: {crossref_alone}; PubMed on: {cold_crossref}")
    print(f"PubMed requests, cold cache: {extra} {cold_pubmed}")
    print(f"extra requests per reference: {per_reference:.3f} (target <= {TARGET})")
    print(f"PubMed requests, warm cache: {warm}")
    references = cold["references"]
    indexed = sum(1 for r in references if (r.get("record") or {}).get("pmid"))
    by_id = [r for r in references[-2:] if r["resolution"]["status"] == "matched"]
    print(f"records with their PubMed record attached: {indexed}/{len(references)}")
    print(f"PMID-only and PMCID-only references matched through PubMed: {len(by_id)}/2")
    ok = per_reference <= TARGET and warm == 0 and len(by_id) == 2
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main_())

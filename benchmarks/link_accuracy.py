"""Link citations: 20 blog pages that cite only by hyperlink, with planted errors.

    python benchmarks/link_accuracy.py [--records ../shared/crossref/works.jsonl.gz] [--pages 20]

Each page (half HTML, half Markdown) cites 12 real works from the shared Crossref records
by link, in the URL forms blogs use (doi.org, dx.doi.org percent-encoded, publisher
``/doi/`` paths, bare ``doi:`` text), with anchor texts a blog writes ("Smith et al.
2019", "a 2019 study in the Journal of X", "Smith and colleagues found"), one work linked
twice, links by Elsevier PII (``sciencedirect.com/.../pii/S...``, looked up through
Crossref's ``alternative-id`` filter) for half the works that have one, and links to
ordinary web pages. About a third of the links carry one planted
error:

* a wrong year in an author-date anchor ("Smith et al. 2015" for 2019)   -> claim-year
* a wrong year in a described anchor ("a 2012 study in ...")             -> claim-year
* a wrong journal ("... in the Journal of Y" for X)                      -> claim-journal
* another work's authors and year on the link                            -> ref-doi-mismatch
* another work's title, quoted, as the anchor                             -> ref-doi-mismatch
* an unregistered DOI                                                     -> ref-doi-not-found

The pages are checked in one run against the stand-in Crossref (``tests/fakecrossref.py``)
serving every shared record. Printed: planted errors caught, correct links accused (any
error or warning), and requests per link and per distinct identifier.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from citecheck.config import Config  # noqa: E402
from citecheck.model import Severity  # noqa: E402
from citecheck.pipeline import check  # noqa: E402
from citecheck.resolve.crossref import CrossrefSource  # noqa: E402
from citecheck.resolve.records import RecordsIndex  # noqa: E402
from citecheck.resolve.resolver import WorkResolver  # noqa: E402
from fakecrossref import FakeCrossref, load_records  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_RECORDS = (
    next(
        (
            p
            for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared", Path("/work/shared"))
            if (p / "crossref" / "works.jsonl.gz").exists()
        ),
        ROOT.parent / "shared",
    )
    / "crossref"
    / "works.jsonl.gz"
)
MAILTO = "benchmark@example.org"
LINKS_PER_PAGE = 12
WEB_PAGES = (
    "https://www.nhs.uk/conditions/",
    "https://en.wikipedia.org/wiki/Placebo",
    "https://www.who.int/news-room/fact-sheets",
)
PLANTS = ("year-author", "year-described", "journal", "mismatch", "title", "dead")


@dataclass
class Planted:
    """One link on a page and the finding code it must (or must not) get."""

    doi: str
    expected: str | None  # None: a correct link, never to be accused


@dataclass
class Page:
    """A rendered page and its links, in order of first appearance."""

    name: str
    text: str
    links: list[Planted] = field(default_factory=list)


def usable(record: dict[str, Any]) -> bool:
    """A journal article with authors, a year, a title and a journal."""
    authors = record.get("author") or []
    return bool(
        record.get("type") == "journal-article"
        and record.get("title")
        and record.get("container-title")
        and authors
        and authors[0].get("family")
        and (record.get("issued") or {}).get("date-parts", [[None]])[0][0]
        and "<" not in record["DOI"]
    )


def year_of(record: dict[str, Any]) -> int:
    return int(record["issued"]["date-parts"][0][0])


def author_date(record: dict[str, Any], year: int | None = None) -> str:
    authors = record["author"]
    first = authors[0]["family"]
    names = f"{first} et al." if len(authors) > 2 else first
    if len(authors) == 2 and authors[1].get("family"):
        names = f"{first} and {authors[1]['family']}"
    return f"{names} {year or year_of(record)}"


def url_for(doi: str, rng: random.Random, pii: str | None = None) -> str:
    """A link to a DOI in one of the forms blogs use (an Elsevier page when it has a PII)."""
    if pii and rng.random() < 0.5:
        return f"https://www.sciencedirect.com/science/article/pii/{pii}"
    form = rng.randrange(4)
    if form == 0:
        return f"https://doi.org/{doi}"
    if form == 1:
        return f"https://dx.doi.org/{quote(doi, safe='')}"
    if form == 2:
        return f"https://www.example-publisher.org/doi/full/{doi}"
    return f"http://doi.org/{doi.upper()}"


def render(
    number: int, works: list[dict[str, Any]], others: list[dict[str, Any]], rng: random.Random
) -> Page:
    """One page: a sentence per link, some wrong on purpose."""
    html = number % 2 == 0
    name = f"post-{number:02d}.{'html' if html else 'md'}"
    page = Page(name, "")
    sentences: list[str] = []

    def link(anchor: str, url: str) -> str:
        if html:
            return f'<a href="{url}">{anchor}</a>'
        return f"[{anchor}]({url})"

    for index, record in enumerate(works):
        doi = record["DOI"].lower()
        pii = next((str(a) for a in record.get("alternative-id") or () if str(a)[:1] == "S"), None)
        year = year_of(record)
        journal = record["container-title"][0]
        plant = PLANTS[rng.randrange(len(PLANTS))] if rng.random() < 0.35 else None
        target = doi
        if plant == "year-author":
            anchor = author_date(record, year - rng.choice((3, 4, 5, 6)))
            sentence = f"As {link(anchor, url_for(doi, rng, pii))} reported, the effect held up."
        elif plant == "year-described":
            anchor = f"a {year - rng.choice((3, 4, 5))} study in {journal}"
            sentence = f"We also read {link(anchor, url_for(doi, rng, pii))} with interest."
        elif plant == "journal":
            wrong = next(
                o["container-title"][0]
                for o in others
                if o["container-title"][0].lower() != journal.lower()
                and "journal" in o["container-title"][0].lower()
            )
            anchor = f"a {year} study in {wrong}"
            sentence = f"Then came {link(anchor, url_for(doi, rng, pii))}, widely shared."
        elif plant == "mismatch":
            other = next(
                o
                for o in others
                if abs(year_of(o) - year) > 1
                and not {a.get("family") for a in o["author"]}
                & {a.get("family") for a in record["author"]}
            )
            anchor = author_date(other)
            sentence = f"The idea goes back to {link(anchor, url_for(doi, rng))} at least."
        elif plant == "title":
            other = next(
                o
                for o in others
                if len(o["title"][0].split()) >= 5
                and not set(o["title"][0].lower().split())
                & set(record["title"][0].lower().split())
                - {"a", "an", "the", "of", "in", "and", "for", "on", "with", "to"}
            )
            anchor = f"“{other['title'][0]}”"
            sentence = f"Everyone quotes {link(anchor, url_for(doi, rng, pii))} on this."
        elif plant == "dead":
            target = f"10.99999/link-benchmark.{number}.{index}"
            anchor = author_date(record)
            sentence = f"A follow-up by {link(anchor, url_for(target, rng))} is often quoted."
        else:
            form = rng.randrange(4)
            if form == 0:
                anchor = author_date(record)
                sentence = (
                    f"Work by {link(anchor, url_for(doi, rng, pii))} is the usual starting point."
                )
            elif form == 1:
                anchor = f"a {year} study in {journal}"
                sentence = f"The numbers come from {link(anchor, url_for(doi, rng, pii))}."
            elif form == 2:
                anchor = f"{record['author'][0]['family']} and colleagues"
                sentence = (
                    f"{link(anchor, url_for(doi, rng, pii))} looked at this question closely."
                )
            else:
                sentence = f"The paper itself is at doi:{doi} for anyone who wants it."
        page.links.append(Planted(target, plant_code(plant)))
        sentences.append(sentence)
        if index == 3:  # one work linked a second time: the same reference, no new look-up
            again = link("the same paper", f"https://doi.org/{doi}")
            sentences.append(f"(See {again} again for the methods.)")
        if index % 4 == 1:
            web = WEB_PAGES[index % len(WEB_PAGES)]
            sentences.append(f"Background reading: {link('this overview', web)}.")
    body = "\n\n".join(sentences)
    if html:
        paragraphs = "\n".join(f"<p>{s}</p>" for s in sentences)
        page.text = (
            f"<html><body><article><h1>Post {number}</h1>\n{paragraphs}\n</article></body></html>\n"
        )
    else:
        page.text = f"# Post {number}\n\n{body}\n"
    return page


def plant_code(plant: str | None) -> str | None:
    return {
        None: None,
        "year-author": "claim-year",
        "year-described": "claim-year",
        "journal": "claim-journal",
        "mismatch": "ref-doi-mismatch",
        "title": "ref-doi-mismatch",
        "dead": "ref-doi-not-found",
    }[plant]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=Path, default=DEFAULT_RECORDS)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--verbose", action="store_true", help="print each accusation")
    args = parser.parse_args()
    records = load_records([args.records])
    pool = [r for r in records if usable(r)]
    rng = random.Random(args.seed)
    rng.shuffle(pool)
    pages = []
    for number in range(args.pages):
        works = pool[number * LINKS_PER_PAGE : (number + 1) * LINKS_PER_PAGE]
        others = pool[-200:]
        pages.append(render(number, works, others, rng))
    with tempfile.TemporaryDirectory() as folder:
        paths = []
        for page in pages:
            path = Path(folder) / page.name
            path.write_text(page.text, encoding="utf-8")
            paths.append(str(path))
        search = RecordsIndex.from_records(records).search
        with FakeCrossref(records, search=search, pool="fast") as fake:
            source = CrossrefSource(fake.url, MAILTO, cn_url=fake.url)
            report = check(paths, Config(), WorkResolver(source, jobs=4))
            counts = fake.counts()
    planted = accused = caught = correct = 0
    missed: Counter[str] = Counter()
    false: Counter[str] = Counter()
    links = sum(d.parsed.citations.__len__() for d in report.documents)
    scholarly = sum(1 for d in report.documents for c in d.parsed.citations if c.url)
    distinct = len({p.doi for page in pages for p in page.links})
    for page, document in zip(pages, report.documents, strict=True):
        labels = _labels(document)
        for item in page.links:
            label = labels.get(item.doi)
            codes = {
                f.code
                for f in document.findings
                if f.label == label and f.severity in (Severity.ERROR, Severity.WARNING)
            }
            if item.expected is None:
                correct += 1
                if codes:
                    accused += 1
                    false.update(codes)
                    if args.verbose:
                        for f in document.findings:
                            if f.label == label:
                                print(f"  accused {page.name} {label}: {f.message}")
            else:
                planted += 1
                if item.expected in codes:
                    caught += 1
                else:
                    missed[item.expected] += 1
                    if args.verbose:
                        got = sorted(str(c) for c in codes) or "nothing"
                        print(
                            f"  missed {page.name} {label} {item.doi}: {item.expected}, got {got}"
                        )
    requests = sum(counts.values())
    print(
        f"pages: {len(pages)}  citations: {links}  scholarly links: {scholarly}  distinct works: {distinct}"
    )
    print(f"planted errors caught: {caught}/{planted} ({100 * caught / max(planted, 1):.1f}%)")
    if missed:
        print(f"  missed: {dict(missed)}")
    print(f"correct links accused: {accused}/{correct} ({100 * accused / max(correct, 1):.1f}%)")
    if false:
        print(f"  accusations: {dict(false)}")
    piis = sum(
        1 for d in report.documents for c in d.parsed.citations if c.url and "/pii/" in c.url
    )
    print(f"links by Elsevier PII (Crossref alternative-id): {piis}")
    print(f"requests: {requests} {dict(sorted(counts.items()))}")
    print(f"requests per scholarly link: {requests / max(scholarly, 1):.3f}")
    print(f"requests per distinct identifier: {requests / max(distinct, 1):.3f}")


def _labels(document: Any) -> dict[str, str]:
    """DOI -> label of the link reference (or entry) the page's links cite.

    A link by Elsevier PII has no DOI of its own: the DOI of the record it resolved to.
    """
    out: dict[str, str] = {}
    for reference in document.parsed.references:
        resolution = document.resolutions.get(reference.label)
        doi = reference.fields.doi or (
            resolution.work.doi if resolution and resolution.work else ""
        )
        if doi:
            out.setdefault(doi.lower(), reference.label)
    return out


if __name__ == "__main__":
    main()

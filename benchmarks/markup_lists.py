"""Reference lists in any markup: the PLOS gold lists rewritten in each syntax, then read back.

Usage: python benchmarks/markup_lists.py [--samples DIR]

Each shared PLOS article's reference list is rewritten under a heading (or as footnotes,
or as a list of DOI links) in every markup citecheck claims to read: Markdown, AsciiDoc,
Typst, Org, reStructuredText, LaTeX, a bold-caps heading and a compound heading, with
blank lines between entries. A short prose paragraph cites every entry. The figures are
the share of entries found with the same label and year as the plain-text list gives,
and the share of citations linked to their entry. The target is 100% for every markup.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path

from citecheck import readers
from citecheck.model import Document
from citecheck.pipeline import parse
from citecheck.references import find_references

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples" / "plos"
if not DEFAULT_SAMPLES.is_dir():  # a git worktree beside the main checkout
    DEFAULT_SAMPLES = REPO.parent.parent / "shared" / "samples" / "plos"

Entry = tuple[str, str, str | None]  # label, entry text, DOI
Render = Callable[[list[Entry]], tuple[str, str]]  # entries -> (file name, document)


def prose(entries: list[Entry], marker: Callable[[str], str]) -> str:
    """One sentence per ten entries, citing each entry once."""
    sentences = []
    for start in range(0, len(entries), 10):
        group = entries[start : start + 10]
        sentences.append("Earlier work agreed " + " ".join(marker(e[0]) for e in group) + ".")
    return "\n".join(sentences)


def numbered(heading: str, name: str, bullet: Callable[[str], str] = lambda n: f"{n}.") -> Render:
    def render(entries: list[Entry]) -> tuple[str, str]:
        body = "\n\n".join(f"{bullet(label)} {text}" for label, text, _ in entries)
        return name, f"{prose(entries, lambda n: f'[{n}]')}\n\n{heading}\n\n{body}\n"

    return render


def footnotes(entries: list[Entry]) -> tuple[str, str]:
    body = "\n".join(f"[^{label}]: {text}" for label, text, _ in entries)
    return "post.md", f"{prose(entries, lambda n: f'[^{n}]')}\n\n{body}\n"


def latex(entries: list[Entry]) -> tuple[str, str]:
    items = "\n".join(f"\\bibitem{{r{label}}} {text}" for label, text, _ in entries)
    cites = prose(entries, lambda n: f"\\cite{{r{n}}}")
    return "paper.tex", (
        f"{cites}\n\n\\begin{{thebibliography}}{{99}}\n{items}\n\\end{{thebibliography}}\n"
    )


def typst_links(entries: list[Entry]) -> tuple[str, str]:
    linked = [e for e in entries if e[2]]
    body = "\n".join(f'+ #link("https://doi.org/{doi}")[Work {label}]' for label, _, doi in linked)
    renumbered = [(str(i), text, doi) for i, (_, text, doi) in enumerate(linked, 1)]
    return "links.typ", f"{prose(renumbered, lambda n: f'[{n}]')}\n\n== Sources\n\n{body}\n"


RENDERS: dict[str, Render] = {
    "markdown ## References": numbered("## References", "a.md"),
    "asciidoc == CITATIONS AND SOURCES": numbered("== CITATIONS AND SOURCES", "a.adoc"),
    "typst = Bibliography, + items": numbered("= Bibliography", "a.typ", lambda n: "+"),
    "org * References": numbered("* References", "a.org"),
    "rst underlined": numbered("References\n==========", "a.rst", lambda n: f".. [{n}]"),
    "bold caps **REFERENCES**": numbered("**REFERENCES**", "a.txt", lambda n: f"[{n}]"),
    "compound Sources & further reading": numbered("Sources & further reading", "a.txt"),
    "latex thebibliography": latex,
    "markdown footnotes": footnotes,
}


def read_document(path: Path) -> Document:
    text = path.read_text(encoding="utf-8")
    return Document(str(path), text, tuple(range(1, text.count("\n") + 2)))


def main(argv: list[str] | None = None) -> int:
    """Rewrite every gold list in each markup and print how much of it is read back."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    args = parser.parse_args(argv)
    golds = sorted(args.samples.glob("*.gold.json")) if args.samples.is_dir() else []
    if not golds:
        print(f"no gold samples in {args.samples}", file=sys.stderr)
        return 2
    lists: list[list[tuple[Entry, int | None]]] = []
    for gold_path in golds:
        txt = gold_path.with_name(gold_path.name.replace(".gold.json", ".txt"))
        refs = find_references(read_document(txt)).references
        lists.append(
            [((str(i), r.text, r.fields.doi), r.fields.year) for i, r in enumerate(refs, 1)]
        )
    print(f"{'markup':<38}{'entries':>9}{'found':>8}{'cited':>8}")
    all_met = True
    for name, render in [*RENDERS.items(), ("typst link-only == Sources (DOIs)", typst_links)]:
        total = found = cited = 0
        for entries in lists:
            file_name, text = render([entry for entry, _ in entries])
            parsed = parse(readers.read_bytes(text.encode(), file_name))
            by_position = list(parsed.references)
            wanted = entries if render is not typst_links else [e for e in entries if e[0][2]]
            total += len(wanted)
            cited_labels = {label for c in parsed.citations for label in c.references}
            for position, ((_, _, doi), year) in enumerate(wanted):
                if position >= len(by_position):
                    break
                got = by_position[position].fields
                # a link-only entry is read by its DOI; an entry by its year (and DOI if any)
                if (got.year == year or render is typst_links) and got.doi == doi:
                    found += 1
                    cited += by_position[position].label in cited_labels
        met = found == total and cited == total
        all_met &= met
        print(f"{name:<38}{total:>9}{found / total:>8.1%}{cited / total:>8.1%}")
    print(f"every markup read in full: {'yes' if all_met else 'no'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

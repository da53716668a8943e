"""The Markdown reader (markdown-it-py): lines stay on their source lines, links are recorded,
footnotes become references and their markers citations."""

from __future__ import annotations

import pytest

from citecheck import readers
from citecheck.model import Document, ReferenceKind
from citecheck.pipeline import parse


def read(source: str) -> Document:
    return readers.read_bytes(source.encode(), "post.md")


@pytest.mark.parametrize(
    ("source", "line", "text"),
    [
        ("# A heading #", 1, "A heading"),
        ("Setext heading\n==============", 1, "Setext heading"),
        ("Setext heading\n==============", 2, ""),
        ("> quoted *words* and **strong** ones", 1, "quoted words and strong ones"),
        ("1. First entry\n2. Second entry", 2, "2. Second entry"),
        ("- a bullet\n- another", 2, "- another"),
        ("1. entry\n\n   wrapped after a blank", 3, "wrapped after a blank"),
        ("A note.[^1]\n\n[^1]: Smith J. A title. 2020.", 1, "A note.[^1]"),
        ("A note.[^1]\n\n[^1]: Smith J. A title. 2020.", 3, "[^1]: Smith J. A title. 2020."),
        ("[^lone]: Never referenced, still kept.", 1, "[^lone]: Never referenced, still kept."),
        ("[^1]: First line\n    continued.\n\nA[^1]", 2, "continued."),
        ("see [the trial](https://doi.org/10.1/x)", 1, "see the trial <https://doi.org/10.1/x>"),
        ("see [ref][t]\n\n[t]: https://x.org/a", 1, "see ref <https://x.org/a>"),
        ("see <https://x.org/a>", 1, "see https://x.org/a"),
        ("see https://x.org/a.", 1, "see https://x.org/a."),
        ("cited [1](#ref-1).", 1, "cited [1]."),
        ("an ![alt text](a.png) image", 1, "an alt text image"),
        ("x<sup>2,3</sup> and <b>bold</b>", 1, "x<sup>2,3</sup> and bold"),
        ('<a href="https://x.org/h">html link</a>', 1, "html link <https://x.org/h>"),
        ("| a | b |\n|---|---|\n| 1 | 2 |", 3, "1 | 2"),
        ("```\n[code](kept)\n```", 2, "[code](kept)"),
        ("<!-- hidden\nstill hidden --> shown", 2, " shown"),
        ("escaped \\[1\\] bracket", 1, "escaped [1] bracket"),
    ],
)
def test_lines(source: str, line: int, text: str) -> None:
    document = read(source)
    assert document.line_numbers == tuple(range(1, source.count("\n") + 2))
    assert dict(document.lines())[line] == text


@pytest.mark.parametrize(
    ("source", "url", "anchor"),
    [
        ("see [the trial](https://doi.org/10.1/x) now", "https://doi.org/10.1/x", "the trial"),
        ("see [ref][t]\n\n[t]: https://x.org/a", "https://x.org/a", "ref"),
        ("see <https://x.org/a> now", "https://x.org/a", ""),
        (
            "bare https://pubmed.ncbi.nlm.nih.gov/28041993/, then",
            "https://pubmed.ncbi.nlm.nih.gov/28041993/",
            "",
        ),
        ("first line\nsee (https://x.org/a_(b)) here", "https://x.org/a_(b)", ""),
        ('html <a href="https://x.org/h">anchor</a>', "https://x.org/h", "anchor"),
    ],
)
def test_links_are_recorded(source: str, url: str, anchor: str) -> None:
    document = read(source)
    [link] = document.links
    assert (link.url, link.text) == (url, anchor)
    assert document.text[link.start : link.end] == (anchor or url)
    assert link.line == document.line_at(link.start)


def test_links_in_document_order_with_lines() -> None:
    document = read("one [a](https://a.org)\n\ntwo [b](https://b.org) and https://c.org")
    assert [(link.url, link.line) for link in document.links] == [
        ("https://a.org", 1),
        ("https://b.org", 3),
        ("https://c.org", 3),
    ]


POST = """\
# Ketamine and fear memories

Ketamine eased chronic PTSD symptoms in a randomized trial.[^feder] In mice it sped up
the extinction of fear memories.[^2] A clinic page explains the sessions.[^3]

[^feder]: Feder A, Parides MK, Murrough JW, et al. Efficacy of intravenous ketamine for
    treatment of chronic posttraumatic stress disorder: a randomized clinical trial.
    JAMA Psychiatry. 2014;71(6):681-8.
[^2]: [Ketamine accelerates fear extinction via mTORC1 signaling](https://doi.org/10.1016/j.nbd.2016.12.026)
[^3]: [What a ketamine session looks like](https://www.example-clinic.org/sessions)
"""


def test_footnotes_are_references_and_markers_citations() -> None:
    parsed = parse(read(POST))
    refs = {r.label: r for r in parsed.references}
    assert list(refs) == ["feder", "2", "3"]
    assert refs["feder"].fields.journal == "JAMA Psychiatry"
    assert refs["feder"].line == 6
    assert refs["2"].fields.doi == "10.1016/j.nbd.2016.12.026"
    assert refs["2"].fields.title == "Ketamine accelerates fear extinction via mTORC1 signaling"
    assert refs["3"].kind is ReferenceKind.WEB
    assert [(c.marker, c.references, c.line) for c in parsed.citations] == [
        ("[^feder]", ("feder",), 3),
        ("[^2]", ("2",), 4),
        ("[^3]", ("3",), 4),
    ]
    assert parsed.uncited() == ()


def test_inline_notes_take_labels_the_author_did_not_use() -> None:
    """Pandoc's ``^[...]`` beside ``[^1]`` footnotes: numbered on, each defined once."""
    source = (
        "Mood lifted within a day^[Berman RM. Ketamine in depressed patients.\n"
        "*Biol Psychiatry*. 2000;47(4):351-354.], as later work found[^1].\n\n"
        "A second trial agreed.^[Zarate CA. A randomized trial of ketamine. 2006.]\n\n"
        "[^1]: Murrough JW. Rapid antidepressant effects of ketamine. 2013.\n"
    )
    document = read(source)
    parsed = parse(document)
    assert [(r.label, r.fields.year, r.line) for r in parsed.references] == [
        ("1", 2013, 6),
        ("2", 2000, 1),
        ("3", 2006, 4),
    ]
    assert [(c.marker, c.line) for c in parsed.citations] == [
        ("[^2]", 1),
        ("[^1]", 1),
        ("[^3]", 4),
    ]
    assert parsed.uncited() == ()
    assert "Biol Psychiatry. 2000" in document.text  # the note's emphasis goes, as in prose


def test_deeply_nested_quotes_and_lists_keep_their_text() -> None:
    """markdown-it's default stops at 20 levels and drops what is deeper, unsaid."""
    quoted = "> " * 30 + "A reply deep in a thread cites Smith [1]."
    outline = "\n".join("  " * level + f"- point {level}" for level in range(15))
    document = read(f"{quoted}\n\n{outline}\n")
    assert "A reply deep in a thread cites Smith [1]." in document.text
    assert "- point 14" in document.text

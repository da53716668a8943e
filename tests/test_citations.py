"""Inline citation markers: table of prose -> (marker, targets, linked labels)."""

from __future__ import annotations

import pytest

from citecheck.citations import expand_numbers, find_citations
from citecheck.model import (
    Author,
    Document,
    ParsedDocument,
    Reference,
    ReferenceFields,
    ReferenceList,
)


def _document(text: str) -> Document:
    return Document("article.txt", text, tuple(range(1, text.count("\n") + 2)))


def _numbered(count: int) -> tuple[Reference, ...]:
    return tuple(
        Reference(str(i), 100 + i, f"Author{i} A. Title {i}.") for i in range(1, count + 1)
    )


def _author_date() -> tuple[Reference, ...]:
    def entry(label: str, text: str, families: tuple[str, ...], year: int) -> Reference:
        fields = ReferenceFields(authors=tuple(Author(f) for f in families), year=year)
        return Reference(label, 100, text, fields=fields)

    return (
        entry("1", "Smith, J. (2020a). First title. J Test, 1, 1-2.", ("Smith",), 2020),
        entry("2", "Smith, J. (2020b). Second title. J Test, 1, 3-4.", ("Smith",), 2020),
        entry(
            "3", "Lee, A., Kim, B., & Park, C. (2019). Third. J Test.", ("Lee", "Kim", "Park"), 2019
        ),
        entry("4", "Müller, K., & Jones, P. (2018). Fourth. J Test.", ("Müller", "Jones"), 2018),
        entry("5", "van der Berg, H. (2017). Fifth. J Test.", ("van der Berg",), 2017),
        entry("6", "Smith, R., & Okafor, N. (2021). Sixth.", ("Smith", "Okafor"), 2021),
        entry("7", "Smith, T., & Adams, L. (2021). Seventh.", ("Smith", "Adams"), 2021),
        entry(
            "8", "World Health Organization. (2022). Eighth.", ("World Health Organization",), 2022
        ),
        entry("9", "WHO. (2016). Ninth.", ("WHO",), 2016),
    )


def _find(
    text: str, references: tuple[Reference, ...]
) -> list[tuple[str, tuple[str, ...], tuple[str, ...]]]:
    reference_list = ReferenceList(references, len(text), len(text))
    return [
        (c.marker, c.targets, c.references) for c in find_citations(_document(text), reference_list)
    ]


NUMBERED_CASES = [
    # (prose, how many numbered entries, expected (marker, targets, linked labels))
    ("Ketamine lifted mood quickly [1].", 5, [("[1]", ("1",), ("1",))]),
    ("Two trials agreed [1, 2].", 5, [("[1, 2]", ("1", "2"), ("1", "2"))]),
    ("Several reports [1-3] agree.", 5, [("[1-3]", ("1", "2", "3"), ("1", "2", "3"))]),
    ("Several reports [1–3] agree.", 5, [("[1–3]", ("1", "2", "3"), ("1", "2", "3"))]),
    ("Mixed list [1,3-5].", 5, [("[1,3-5]", ("1", "3", "4", "5"), ("1", "3", "4", "5"))]),
    ("Semicolons too [2; 4].", 5, [("[2; 4]", ("2", "4"), ("2", "4"))]),
    ("Adjacent markers [1][2].", 5, [("[1]", ("1",), ("1",)), ("[2]", ("2",), ("2",))]),
    ("A missing entry [7].", 5, [("[7]", ("7",), ())]),
    ("Partly missing [4-6].", 5, [("[4-6]", ("4", "5", "6"), ("4", "5"))]),
    ("Parenthesised numbers (1, 2) cite too.", 5, [("(1, 2)", ("1", "2"), ("1", "2"))]),
    ("A single one (3).", 5, [("(3)", ("3",), ("3",))]),
    ("Superscript digits work¹.", 5, [("¹", ("1",), ("1",))]),
    ("Two superscripts¹² with five entries.", 5, [("¹²", ("1", "2"), ("1", "2"))]),
    ("Twelve is one label¹² with twelve.", 12, [("¹²", ("12",), ("12",))]),
    ("Comma superscripts¹,² here.", 5, [("¹,²", ("1", "2"), ("1", "2"))]),
    ("A superscript range¹⁻³ here.", 5, [("¹⁻³", ("1", "2", "3"), ("1", "2", "3"))]),
    ("Tagged<sup>1,2</sup> here.", 5, [("<sup>1,2</sup>", ("1", "2"), ("1", "2"))]),
    ("Tagged range<sup>1-3</sup> here.", 5, [("<sup>1-3</sup>", ("1", "2", "3"), ("1", "2", "3"))]),
    ("Tagged brackets<sup>[4]</sup> here.", 5, [("<sup>[4]</sup>", ("4",), ("4",))]),
    # False positives: none of these is a citation.
    ("He wrote it [sic] that way.", 5, []),
    ("This needs a source [citation needed].", 5, []),
    ("See [the guide](https://example.org/1) for details.", 5, []),
    ("A Markdown link [1](https://example.org) is not a marker.", 5, []),
    ("A link to the entry [2](#ref-2) is a marker.", 5, [("[2]", ("2",), ("2",))]),
    ("A reference-style link [the guide][1] is not.", 5, []),
    ("The weights were [0.5, 1.0] in the model.", 5, []),
    ("A study (2019) of adults (n = 12) found little.", 5, []),
    ("Cases of COVID-19 rose in 2020.", 5, []),
    ("It was the 2nd and 3rd visit.", 5, []),
    ("She came 1<sup>st</sup> in the trial.", 5, []),
    ("An area of 5 m² and 10⁶ cells and R² of 0.9.", 5, []),
    ("An area of 5 m<sup>2</sup> was cleared.", 5, []),
    ("A bracketed year [2019] is not a label.", 5, []),
    ("The steps were (1) recruit and (2) treat.", 5, []),
    ("Drugs (1) and talk (2) both help.", 5, [("(1)", ("1",), ("1",)), ("(2)", ("2",), ("2",))]),
    ("(1) Recruit participants first.", 5, []),
    ("Parentheses cite only with entries (1).", 0, []),
    ("Years in parentheses (2019, 2020) are not markers.", 5, []),
]


@pytest.mark.parametrize(("text", "count", "expected"), NUMBERED_CASES)
def test_numbered_markers(
    text: str, count: int, expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    assert _find(text, _numbered(count)) == expected


AUTHOR_DATE_CASES = [
    ("Mood improved (Smith, 2020a).", [("(Smith, 2020a)", ("Smith 2020a",), ("1",))]),
    ("Mood improved (Smith 2020b).", [("(Smith 2020b)", ("Smith 2020b",), ("2",))]),
    (
        "Both agree (Smith, 2020a; Lee et al., 2019).",
        [("(Smith, 2020a; Lee et al., 2019)", ("Smith 2020a", "Lee 2019"), ("1", "3"))],
    ),
    ("As shown (Muller & Jones, 2018).", [("(Muller & Jones, 2018)", ("Muller 2018",), ("4",))]),
    (
        "Accents fold (MÜLLER and Jones, 2018).",
        [("(MÜLLER and Jones, 2018)", ("MÜLLER 2018",), ("4",))],
    ),
    (
        "With a page (see Smith, 2020a, p. 4).",
        [("(see Smith, 2020a, p. 4)", ("Smith 2020a",), ("1",))],
    ),
    (
        "Particles (van der Berg, 2017) count.",
        [("(van der Berg, 2017)", ("van der Berg 2017",), ("5",))],
    ),
    (
        "Second author decides (Smith & Adams, 2021).",
        [("(Smith & Adams, 2021)", ("Smith 2021",), ("7",))],
    ),
    ("A wrong year (Lee et al., 2015).", [("(Lee et al., 2015)", ("Lee 2015",), ())]),
    ("Nobody listed (Garcia, 2016).", [("(Garcia, 2016)", ("Garcia 2016",), ())]),
    (
        "Organisations cite too (World Health Organization, 2022).",
        [("(World Health Organization, 2022)", ("World Health Organization 2022",), ("8",))],
    ),
    ("Acronyms as well (WHO, 2016).", [("(WHO, 2016)", ("WHO 2016",), ("9",))]),
    ("Without a comma (Lee et al. 2019).", [("(Lee et al. 2019)", ("Lee 2019",), ("3",))]),
    ("With e.g. (e.g., Smith, 2020b).", [("(e.g., Smith, 2020b)", ("Smith 2020b",), ("2",))]),
    (
        "Two years (Smith, 2020a, 2020b).",
        [("(Smith, 2020a, 2020b)", ("Smith 2020a", "Smith 2020b"), ("1", "2"))],
    ),
    ("Lee et al. (2019) showed it.", [("Lee et al. (2019)", ("Lee 2019",), ("3",))]),
    ("Muller and Jones (2018) agreed.", [("Muller and Jones (2018)", ("Muller 2018",), ("4",))]),
    ("Smith (2020a) was first.", [("Smith (2020a)", ("Smith 2020a",), ("1",))]),
    (
        "Smith (2016) is not listed (Lee et al., 2019).",
        [("Smith (2016)", ("Smith 2016",), ()), ("(Lee et al., 2019)", ("Lee 2019",), ("3",))],
    ),
    # Not author-date citations.
    ("A trial (2019) and the Lancet (2018) piece.", []),
    ("Since 2010 (Table 2) rates rose.", []),
    ("Unknown Person (2015) said so.", []),
]


@pytest.mark.parametrize(("text", "expected"), AUTHOR_DATE_CASES)
def test_author_date_markers(
    text: str, expected: list[tuple[str, tuple[str, ...], tuple[str, ...]]]
) -> None:
    assert _find(text, _author_date()) == expected


def test_narrative_marker_in_numbered_article_needs_a_matching_entry() -> None:
    assert _find("Jones et al. (2019) said so [1].", _numbered(3)) == [("[1]", ("1",), ("1",))]


def test_only_prose_before_the_reference_list_is_searched() -> None:
    text = "A claim [1].\n\nReferences\n[1] Smith J. A title [2]. 2020."
    start = text.index("References")
    citations = find_citations(_document(text), ReferenceList(_numbered(2), start, len(text)))
    assert [c.marker for c in citations] == ["[1]"]


def test_offsets_and_lines() -> None:
    text = "First line.\nSecond line cites [2].\n"
    (citation,) = find_citations(_document(text), ReferenceList(_numbered(2), len(text), len(text)))
    assert text[citation.start : citation.end] == "[2]"
    assert citation.line == 2


def test_dangling_and_uncited_follow_from_links() -> None:
    text = "Cited [1] and missing [9] and half [2-4]."
    references = _numbered(3)
    document = _document(text)
    citations = find_citations(document, ReferenceList(references, len(text), len(text)))
    parsed = ParsedDocument(document, references, citations)
    assert [c.marker for c in parsed.dangling()] == ["[9]", "[2-4]"]
    assert parsed.uncited() == ()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1", ("1",)),
        ("1, 2", ("1", "2")),
        ("1-3", ("1", "2", "3")),
        ("3-1", ("3", "1")),
        ("2,2", ("2",)),
        ("1–2; 5", ("1", "2", "5")),
    ],
)
def test_expand_numbers(text: str, expected: tuple[str, ...]) -> None:
    assert expand_numbers(text) == expected


# Narrative markers are searched for only before each parenthesised year, and "(1)" is
# searched for from its "(": both must find exactly what a search of the whole prose finds.
SCAN_TEXTS = [
    "As Smith et al. (2020) and Jones and Lee (2019a) showed; Brown (2018) did not.",
    "In (Smith (2020)) and [Smith (2020)] and: Smith (2020); Lee, Kim, and Park (2001).",
    "The study (2020) by van der Berg (2015), O'Brien’s (2012) and Müller’s (2011) work.",
    "Smith\net al. (2020), Smith et al.(2020), Smith et al. ( 2020), Smith et al. (2020b)c",
    "Table (2020) The (2019) Since Smith (1999) a(1) )(2) (1) (1, 2) ( 3 ) (1-3) x (4)",
    "See [the trial][1], [a]\n[2], [1, 2][3], [x] [4], [[5]][6] and []\n\n[7].",
    "",
]


@pytest.mark.parametrize("text", SCAN_TEXTS)
def test_quick_scans_match_a_full_scan(text: str) -> None:
    import re

    from citecheck import citations

    full = [
        (m.start("authors"), m.end())
        for m in citations._NARRATIVE().finditer(text)
        if citations._is_family(m.group("first"))
    ]
    assert [(f.start, f.end) for f in citations._narrative_candidates(text)] == full
    paren = re.compile(rf"(?<![\w)])\(\s*({citations._NUM_LIST})\s*\)")
    expected = [(m.span(), m.group(1)) for m in paren.finditer(text)]
    assert [(m.span(), m.group(1)) for m in citations._PAREN_NUMERIC.finditer(text)] == expected
    for start in range(len(text) + 1):
        window = citations._LINK_TEXT_BEFORE().search(text, max(0, start - 200), start)
        assert citations._after_link_text(text, start) is (window is not None)

"""Finding the reference list and splitting it into entries: headings, labels, leftovers."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Document, ReferenceList, Style
from citecheck.references import find_references, parse_entry

SHARED_SAMPLE = Path(__file__).resolve().parents[2] / "shared" / "samples" / "ketamine-kap-blog.txt"

# The five entries of the ketamine post (publication facts), as that post prints them.
KETAMINE_ENTRIES = (
    "Wilkinson, S. T., Katz, R. B., Toprak, M., Webler, R., Ostroff, R. B., & Sanacora, G. "
    "(2016). Acute and longer-term outcomes using ketamine as a clinical treatment at the Yale "
    "Psychiatric Hospital. The Journal of Clinical Psychiatry, 77(4), e471-e477.",
    "Singh, J. B., Fedgchin, M., Daly, E. J., De Boer, P., Cooper, K., Lim, P., ... & Drevets, "
    "W. C. (2019). A double-blind, randomized, placebo-controlled, dose-frequency study of "
    "intravenous ketamine in patients with treatment-resistant depression. The American Journal "
    "of Psychiatry, 176(5), 401-409.",
    "Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., ... & "
    "Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of chronic "
    "posttraumatic stress disorder: a randomized clinical trial. JAMA psychiatry, 71(6), 681-688.",
    "Girgenti, M. J., Ghosal, S., LoPresto, D., Taylor, J. R., & Duman, R. S. (2020). Ketamine "
    "accelerates fear extinction via mTORC1 signaling. Neurobiology of Disease, 136, 104717.",
    "Niciu, M. J., Luckenbaugh, D. A., Ionescu, D. F., Richards, E. M., Vande Voort, J. L., "
    "Ballard, E. D., ... & Zarate Jr, C. A. (2021). Ketamine\u2019s antidepressant efficacy "
    "extends to bipolar depression. Journal of Psychiatric Research, 137, 243-250.",
)

# Our own short post: invented prose, the five entries with no heading, then page furniture.
OWN_POST = "\n".join(
    [
        "top of page",
        "",
        "Why we keep reading the research",
        "",
        "Our therapists meet every month to go through new papers on anaesthetic medicines used",
        "alongside talk therapy. This note lists the ones we discussed this spring. [1] [2]",
        "",
        "A few of them looked at trauma and at mood disorders more broadly [3] [4] [5].",
        "",
        *[line for i, entry in enumerate(KETAMINE_ENTRIES, 1) for line in (f"[{i}] {entry}", "")],
        "87 views2 comments",
        "",
        "  \u2022 LinkedIn",
        "  \u2022 Facebook",
        "Back to top",
        "\u00a9 2024 An Invented Clinic. All rights reserved.",
        "bottom of page",
    ]
)

EXPECTED = [
    # label, year, journal, first author, volume, issue, pages, et_al
    ("1", 2016, "The Journal of Clinical Psychiatry", "Wilkinson", "77", "4", "e471-e477", False),
    ("2", 2019, "The American Journal of Psychiatry", "Singh", "176", "5", "401-409", True),
    ("3", 2014, "JAMA psychiatry", "Feder", "71", "6", "681-688", True),
    ("4", 2020, "Neurobiology of Disease", "Girgenti", "136", None, "104717", False),
    ("5", 2021, "Journal of Psychiatric Research", "Niciu", "137", None, "243-250", True),
]


def document(text: str, first_line: int = 1) -> Document:
    """A plain-text Document, one text line per file line."""
    count = text.count("\n") + 1
    return Document("post.txt", text, tuple(range(first_line, first_line + count)))


def read_sample(path: Path) -> Document:
    """The shared sample, through the readers when they exist, else as plain text."""
    try:
        from citecheck.readers import read
    except ImportError:
        return document(path.read_text(encoding="utf-8"))
    return read(str(path))


def check_ketamine(found: ReferenceList, text: str) -> None:
    """The five references of the ketamine post, read as the issue asks."""
    refs = found.references
    assert [r.label for r in refs] == ["1", "2", "3", "4", "5"]
    for ref, (label, year, journal, first, volume, issue, pages, et_al) in zip(
        refs, EXPECTED, strict=True
    ):
        assert ref.label == label
        assert ref.parsed and ref.style is Style.APA
        f = ref.fields
        assert (f.year, f.journal, f.authors[0].family) == (year, journal, first)
        assert (f.volume, f.issue, f.pages, f.et_al) == (volume, issue, pages, et_al)
        assert ref.study_type is None
    last = refs[4].fields.authors[-1]
    assert (last.family, last.given) == ("Zarate", "C. A. Jr")  # a suffix is not a family name
    tail = text[found.end :]
    assert "views" in tail and "Niciu" not in tail
    assert text[: found.end].rstrip().endswith("243-250.")


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="shared samples not present")
def test_shared_ketamine_sample() -> None:
    doc = read_sample(SHARED_SAMPLE)
    found = find_references(doc)
    check_ketamine(found, doc.text)
    assert all(
        doc.text.split("\n")[doc.line_numbers.index(r.line)].startswith(f"[{r.label}]")
        for r in found.references
    )


def test_own_post_without_heading() -> None:
    doc = document(OWN_POST)
    found = find_references(doc)
    check_ketamine(found, OWN_POST)
    lines = OWN_POST.split("\n")
    for ref in found.references:
        assert lines[ref.line - 1].startswith(f"[{ref.label}] ")
        assert not ref.text.startswith("[")
    assert "LinkedIn" not in OWN_POST[found.start : found.end]


def test_line_numbers_follow_the_document() -> None:
    found = find_references(document(OWN_POST, first_line=40))
    assert found.references[0].line == 40 + OWN_POST.split("\n").index(f"[1] {KETAMINE_ENTRIES[0]}")


ENTRY_A = "Ioannidis JPA. Why most published research findings are false. PLoS Med. 2005;2(8):e124."
ENTRY_B = "Bland JM, Altman DG. Cronbach's alpha. BMJ. 1997;314(7080):572."


@pytest.mark.parametrize(
    "heading",
    [
        "References",
        "REFERENCES",
        "## References",
        "**References**",
        "REFERENCES:",
        "Sources",
        "Bibliography",
        "Works Cited",
        "Literature Cited",
        "Citations",
        "Notes",
        "Reference List",
        "### Reference list",
        "__Sources__",
    ],
)
def test_heading_variants(heading: str) -> None:
    text = f"Some words of a post about evidence.\n\n{heading}\n\n1. {ENTRY_A}\n2. {ENTRY_B}\n"
    found = find_references(document(text))
    assert [r.label for r in found.references] == ["1", "2"]
    assert found.start == text.index(heading)
    assert found.references[1].fields.journal == "BMJ"


@pytest.mark.parametrize(
    ("first", "second", "labels"),
    [
        (f"[1] {ENTRY_A}", f"[2] {ENTRY_B}", ["1", "2"]),
        (f"1. {ENTRY_A}", f"2. {ENTRY_B}", ["1", "2"]),
        (f"1) {ENTRY_A}", f"2) {ENTRY_B}", ["1", "2"]),
        (f"(1) {ENTRY_A}", f"(2) {ENTRY_B}", ["1", "2"]),
        (f"\u00b9 {ENTRY_A}", f"\u00b2 {ENTRY_B}", ["1", "2"]),
        (f"<sup>1</sup> {ENTRY_A}", f"<sup>2</sup> {ENTRY_B}", ["1", "2"]),
        (f"- [1] {ENTRY_A}", f"- [2] {ENTRY_B}", ["1", "2"]),
        (f"[^1]: {ENTRY_A}", f"[^2]: {ENTRY_B}", ["1", "2"]),
        (f"12. {ENTRY_A}", f"13. {ENTRY_B}", ["12", "13"]),
    ],
)
def test_numbered_labels(first: str, second: str, labels: list[str]) -> None:
    text = f"## References\n{first}\n{second}\n"
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == labels
    assert [r.fields.year for r in refs] == [2005, 1997]
    assert refs[0].text == ENTRY_A


def test_wrapped_entries_are_joined_with_a_space() -> None:
    text = (
        "References\n"
        "1. Ioannidis JPA. Why most published research findings\n"
        "   are false. PLoS Med. 2005;2(8):e124.\n"
        "2. Bland JM, Altman DG. Cronbach's alpha. BMJ.\n"
        "1997;314(7080):572.\n"
    )
    refs = find_references(document(text)).references
    assert [r.text for r in refs] == [ENTRY_A, ENTRY_B]
    assert [r.line for r in refs] == [2, 4]
    assert refs[0].fields.title == "Why most published research findings are false"


APA_1 = (
    "Kahneman, D., & Tversky, A. (1979). Prospect theory: An analysis of decision under risk. "
    "Econometrica, 47(2), 263-291. https://doi.org/10.2307/1914185"
)
APA_2 = (
    "Tversky, A., & Kahneman, D. (1974). Judgment under uncertainty: Heuristics and biases. "
    "Science, 185(4157), 1124-1131. https://doi.org/10.1126/science.185.4157.1124"
)


@pytest.mark.parametrize(
    "body",
    [
        f"{APA_1}\n\n{APA_2}\n",  # one per paragraph
        f"{APA_1}\n{APA_2}\n",  # one per line
        f"- {APA_1}\n- {APA_2}\n",  # a bulleted list
        # wrapped, with the author list broken over lines
        "Kahneman, D., &\nTversky, A. (1979). Prospect theory: An analysis of decision under\n"
        "risk. Econometrica, 47(2), 263-291. https://doi.org/10.2307/1914185\n"
        "Tversky, A., & Kahneman, D. (1974). Judgment under uncertainty: Heuristics and\n"
        "biases. Science, 185(4157), 1124-1131. https://doi.org/10.1126/science.185.4157.1124\n",
    ],
)
def test_unnumbered_apa(body: str) -> None:
    text = f"A paragraph of our own.\n\nWorks Cited\n\n{body}\nShare this:\n\u2022 Facebook\n"
    found = find_references(document(text))
    refs = found.references
    assert [r.label for r in refs] == ["1", "2"]
    assert [r.fields.doi for r in refs] == ["10.2307/1914185", "10.1126/science.185.4157.1124"]
    assert [r.fields.authors[0].family for r in refs] == ["Kahneman", "Tversky"]
    assert "Share" not in text[found.start : found.end]


@pytest.mark.parametrize(
    "leftover",
    [
        "354 views0 comments",
        "12 views",
        "\u2022 LinkedIn",
        "Twitter",
        "bottom of page",
        "Back to top",
        "\u00a9 2023 Example Clinic",
        "Copyright 2021 Example Ltd.",
        "Share this post",
        "Recent Posts",
        "3 min read",
    ],
)
def test_page_leftovers_end_the_list(leftover: str) -> None:
    text = f"References\n[1] {ENTRY_A}\n[2] {ENTRY_B}\n{leftover}\n[3] not a reference 2020\n"
    found = find_references(document(text))
    assert [r.label for r in found.references] == ["1", "2"]
    assert found.end == text.index(ENTRY_B) + len(ENTRY_B)


def test_prose_after_a_numbered_list_is_not_an_entry() -> None:
    text = (
        f"References\n1. {ENTRY_A}\n2. {ENTRY_B}\n\n"
        "About the author: she writes about evidence in 2024 and beyond.\n"
    )
    found = find_references(document(text))
    assert len(found.references) == 2


def test_no_list_at_all() -> None:
    text = "Just a post.\n\n1. Take a breath.\n2. Drink water.\n"
    found = find_references(document(text))
    assert found.references == ()
    assert found.start == found.end == len(text)


def test_last_heading_with_entries_wins() -> None:
    text = f"Notes\nThe clinic opened in 2019.\n\nSome prose here.\n\nReferences\n1. {ENTRY_A}\n"
    refs = find_references(document(text)).references
    assert [r.fields.year for r in refs] == [2005]


def test_garbage_entry_is_kept_unparsed() -> None:
    text = f"References\n1. {ENTRY_A}\n2. Click here for more.\n3. {ENTRY_B}\n"
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == ["1", "2", "3"]
    assert [r.parsed for r in refs] == [True, False, True]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_parse_entry_never_raises(text: str) -> None:
    style, parsed, fields = parse_entry(text)
    assert isinstance(style, Style) and isinstance(parsed, bool)
    assert fields.year is None or 1500 <= fields.year <= 2099


# The alphabet of st.text()'s default, every character UTF-8 encodes (all but the
# surrogates), named by category: from the codec, hypothesis would first encode all 1.1M
# code points to find that set, 2-3 s in each worker of a fresh checkout.
UTF8 = st.characters(exclude_categories=("Cs",))
_PIECES = st.sampled_from(
    [
        "References",
        "## Sources",
        "[1] ",
        "2. ",
        "\u00b3 ",
        "<sup>4</sup>",
        ENTRY_A,
        APA_1,
        "Smith, J. (2020). ",
        "\n",
        "\n\n",
        " ",
        "354 views0 comments",
        "\u2022 LinkedIn",
        "(2019)",
        "doi:10.1000/x(1)",
        "...",
        "et al.",
        "Vol. 3",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_PIECES, st.text(UTF8, max_size=20)), max_size=30), st.integers(1, 50))
def test_find_references_never_raises(pieces: list[str], first_line: int) -> None:
    text = "".join(pieces)
    doc = document(text, first_line)
    found = find_references(doc)
    assert 0 <= found.start <= found.end <= len(text)
    for ref in found.references:
        assert first_line <= ref.line < first_line + len(doc.line_numbers)
        assert ref.label.isdigit()


def test_unnumbered_lines_with_a_group_author() -> None:
    text = (
        "References\n"
        "American Psychiatric Association. (2013). Diagnostic and statistical manual of mental "
        "disorders (5th ed.).\n"
        f"{APA_1}\n"
        "World Health Organization. (n.d.). Depression. https://www.who.int/health-topics/depression\n"
    )
    refs = find_references(document(text)).references
    assert [r.fields.authors[0].family for r in refs] == [
        "American Psychiatric Association",
        "Kahneman",
        "World Health Organization",
    ]
    assert [r.fields.year for r in refs] == [2013, 1979, None]


def test_footnotes_after_the_references_do_not_replace_them() -> None:
    text = (
        f"References\n1. {ENTRY_A}\n2. {ENTRY_B}\n\n"
        "Notes\n1. The clinic changed its name last spring.\n2. Thanks to our readers.\n"
    )
    refs = find_references(document(text)).references
    assert [r.fields.journal for r in refs] == ["PLoS Med", "BMJ"]


@pytest.mark.parametrize(
    "section", ["Acknowledgements", "## Appendix", "**Funding**", "About the author"]
)
def test_next_section_ends_the_list(section: str) -> None:
    text = f"References\n1. {ENTRY_A}\n2. {ENTRY_B}\n{section}\nWe thank the 2024 readers.\n"
    refs = find_references(document(text)).references
    assert [r.text for r in refs] == [ENTRY_A, ENTRY_B]

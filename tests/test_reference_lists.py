"""Reference lists in any markup: one table row per heading syntax, list shape and link form.

The entries are real works (the ketamine records in the shared Crossref snapshot) in
entries written for these tests; the prose around them is invented.
"""

from __future__ import annotations

import pytest

from citecheck.model import Document, ReferenceKind
from citecheck.references import find_references
from citecheck.references.headings import is_heading

FEDER = (
    "Feder A, Parides MK, Murrough JW, Perez AM, Morgan JE, Saxena S, et al. Efficacy of "
    "intravenous ketamine for treatment of chronic posttraumatic stress disorder: a randomized "
    "clinical trial. JAMA Psychiatry. 2014;71(6):681-8."
)
GIRGENTI = (
    "Girgenti MJ, Ghosal S, LoPresto D, Taylor JR, Duman RS. Ketamine accelerates fear "
    "extinction via mTORC1 signaling. Neurobiol Dis. 2017;100:1-8."
)
PROSE = "Two small studies changed how our clinic thinks about ketamine [1], [2].\n\n"


def document(text: str) -> Document:
    """A plain-text Document, one text line per file line."""
    return Document("chapter.txt", text, tuple(range(1, text.count("\n") + 2)))


def journals(text: str) -> list[str | None]:
    return [r.fields.journal for r in find_references(document(text)).references]


@pytest.mark.parametrize(
    "heading",
    [
        "# References",  # Markdown
        "== References",  # AsciiDoc, Typst level 2
        "= Bibliography",  # Typst level 1
        "=== Sources ===",  # AsciiDoc with closing marks
        "* References",  # Org
        "** Works cited",  # Org level 2
        "**REFERENCES**",  # bold caps
        "*References*",  # Typst bold
        "_Sources:_",
        "REFERENCES",
        "References:",
        "7. References",  # numbered section
        "VI. REFERENCES",
        "\\section*{References}",  # LaTeX
        "\\section{Bibliography}",
        "\\subsection*{Sources consulted}",
        "#heading[References]",  # Typst function form
        "== CITATIONS AND SOURCES",  # compound, caps
        "Sources & further reading",
        "References and notes",
        "Citations and sources",
        "Notes and references",
        "Sources, notes and further reading",
        "Selected references",
        "Scientific sources",
        "Literature cited",
        "Studies cited",
        "## Further reading and references",
        "Research & sources",
        "Works cited & consulted",
        "\U0001f4da Sources",  # decorated with an emoji
        "Sources and image credits",
    ],
)
def test_heading_syntaxes(heading: str) -> None:
    assert is_heading(heading)
    text = f"{PROSE}{heading}\n\n1. {FEDER}\n2. {GIRGENTI}\n"
    found = find_references(document(text))
    assert [r.label for r in found.references] == ["1", "2"]
    assert found.start == text.index(heading)
    assert journals(text) == ["JAMA Psychiatry", "Neurobiol Dis"]


@pytest.mark.parametrize(
    "line",
    [
        "Further reading",  # a section that follows a list, not a list
        "References to this idea appear in older work.",
        "== Results and discussion",
        "Acknowledgements",
        "Sources of funding were public",
        "# Notes on method",
        "Data sources",  # a methods section
        "Research",
    ],
)
def test_not_headings(line: str) -> None:
    assert not is_heading(line)


@pytest.mark.parametrize(
    ("title", "underline"),
    [("References", "=========="), ("Bibliography", "------------"), ("Sources", "~~~~~~~")],
)
def test_restructuredtext_underlined_heading(title: str, underline: str) -> None:
    text = f"{PROSE}{title}\n{underline}\n\n1. {FEDER}\n2. {GIRGENTI}\n"
    assert journals(text) == ["JAMA Psychiatry", "Neurobiol Dis"]


@pytest.mark.parametrize(
    ("entries", "labels"),
    [
        # numbered, blank lines between the entries (the ebook chapter's layout)
        (f"1. {FEDER}\n\n2. {GIRGENTI}\n", ["1", "2"]),
        (f"[1] {FEDER}\n\n\n[2] {GIRGENTI}\n", ["1", "2"]),
        # Typst and AsciiDoc auto-numbered lists
        (f"+ {FEDER}\n+ {GIRGENTI}\n", ["1", "2"]),
        (f". {FEDER}\n\n. {GIRGENTI}\n", ["1", "2"]),
        # LaTeX bibliography items and AsciiDoc anchors keep their keys
        (
            f"\\bibitem{{feder2014}} {FEDER}\n\\bibitem{{girgenti2017}} {GIRGENTI}\n",
            ["feder2014", "girgenti2017"],
        ),
        (f"- [[[feder]]] {FEDER}\n- [[[girgenti]]] {GIRGENTI}\n", ["feder", "girgenti"]),
        # reStructuredText citations, Markdown footnotes
        (f".. [1] {FEDER}\n.. [2] {GIRGENTI}\n", ["1", "2"]),
        (f"[^1]: {FEDER}\n[^ptsd]: {GIRGENTI}\n", ["1", "ptsd"]),
    ],
)
def test_list_shapes(entries: str, labels: list[str]) -> None:
    text = f"{PROSE}== Sources\n\n{entries}"
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == labels
    assert [r.fields.journal for r in refs] == ["JAMA Psychiatry", "Neurobiol Dis"]


def test_latex_thebibliography() -> None:
    text = (
        "Ketamine calmed fear memories in mice \\cite{girgenti2017}.\n\n"
        "\\begin{thebibliography}{9}\n"
        f"\\bibitem{{feder2014}} {FEDER}\n\n"
        f"\\bibitem{{girgenti2017}} {GIRGENTI}\n"
        "\\end{thebibliography}\n"
        "\\end{document}\n"
    )
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == ["feder2014", "girgenti2017"]
    assert refs[1].text == GIRGENTI


def test_footnote_definitions_without_a_heading() -> None:
    text = (
        "Ketamine eased chronic PTSD in one trial.[^1] In mice it sped up fear extinction.[^2]\n\n"
        f"[^1]: {FEDER}\n\n[^2]: {GIRGENTI}\n"
    )
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == ["1", "2"]
    assert refs[0].fields.year == 2014


def test_labels_past_999_stay_apart() -> None:
    from citecheck.citations import find_citations

    entries = "\n".join(
        f"{n}. Author{n} A. Title number {n}. J Test. 2001;{n}:1-2." for n in range(995, 1006)
    )
    text = f"{PROSE}References\n{entries}\n"
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == [str(n) for n in range(995, 1006)]
    assert refs[-1].fields.volume == "1005"
    citing = document(text.replace("[1], [2]", "[1003], [999-1001]"))
    cited = find_citations(citing, find_references(citing))
    assert [c.references for c in cited] == [("1003",), ("999", "1000", "1001")]


def test_a_year_at_a_line_start_is_not_a_long_label() -> None:
    text = f"{PROSE}References\n1. Smith J. A wrapped entry whose year falls on the next line\n2019. Some Journal 4:1-2.\n2. {GIRGENTI}\n"
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == ["1", "2"]
    assert refs[0].text.endswith("2019. Some Journal 4:1-2.")


PMC = "https://pmc.ncbi.nlm.nih.gov/articles/PMC8733716/"
DOI_URL = "https://doi.org/10.1016/j.nbd.2016.12.026"
TITLE = "Ketamine accelerates fear extinction via mTORC1 signaling"


@pytest.mark.parametrize(
    ("entry", "title", "ids"),
    [
        (
            f'#link("{PMC}")[Ketamine for PTSD: a review]',
            "Ketamine for PTSD: a review",
            ("pmcid", "PMC8733716"),
        ),
        (f'#link("{DOI_URL}")', None, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"[{TITLE}]({DOI_URL})", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"{TITLE} <{DOI_URL}>", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"{DOI_URL}", None, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"{DOI_URL}[{TITLE}]", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"link:{PMC}[A review]", "A review", ("pmcid", "PMC8733716")),
        (f"[[{DOI_URL}][{TITLE}]]", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"`{TITLE} <{DOI_URL}>`_", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"\\href{{{DOI_URL}}}{{{TITLE}}}", TITLE, ("doi", "10.1016/j.nbd.2016.12.026")),
        (f"{TITLE}: https://pubmed.ncbi.nlm.nih.gov/28041993/", TITLE, ("pmid", "28041993")),
        ("doi:10.1016/j.nbd.2016.12.026", None, ("doi", "10.1016/j.nbd.2016.12.026")),
    ],
)
def test_link_only_entries_take_their_identifier_from_the_link(
    entry: str, title: str | None, ids: tuple[str, str]
) -> None:
    text = f"{PROSE}== Sources\n\n- {entry}\n- {entry}\n"
    ref = find_references(document(text)).references[0]
    assert ref.kind is ReferenceKind.ENTRY
    assert ref.fields.title == title
    assert getattr(ref.fields, ids[0]) == ids[1]


@pytest.mark.parametrize(
    "entry",
    [
        '#link("https://www.nimh.nih.gov/health/topics/depression")[Depression basics]',
        "[Ketamine clinics explained](https://www.example-clinic.org/blog/ketamine)",
        "https://en.wikipedia.org/wiki/Ketamine",
        "Mayo Clinic: Esketamine - https://www.mayoclinic.org/esketamine",
    ],
)
def test_links_to_other_sites_are_web_references(entry: str) -> None:
    text = f"{PROSE}Sources\n\n1. {entry}\n2. {entry}\n"
    ref = find_references(document(text)).references[0]
    assert ref.kind is ReferenceKind.WEB
    assert ref.fields.url and ref.fields.url.startswith("https://")
    assert (ref.fields.doi, ref.fields.pmid, ref.fields.pmcid) == (None, None, None)


def test_a_citation_with_a_link_is_still_an_entry() -> None:
    text = f"{PROSE}Sources\n\n1. {GIRGENTI} {DOI_URL}\n2. World Health Organization. (n.d.). Depression. https://www.who.int/x\n"
    refs = find_references(document(text)).references
    assert [r.kind for r in refs] == [ReferenceKind.ENTRY, ReferenceKind.ENTRY]
    assert refs[0].fields.journal == "Neurobiol Dis"
    assert refs[0].fields.doi == "10.1016/j.nbd.2016.12.026"


@pytest.mark.parametrize(
    ("stated", "shortened"),
    [
        ("Epidemiology and heritability of major depressive disorder in Generation Scotland", True),
        ("Ketamine accelerates fear extinction", True),
        ("Fear memories in rats", False),  # too few of the record's words
        ("Depression", False),  # too short to say
    ],
)
def test_link_text_may_shorten_the_record_title(stated: str, shortened: bool) -> None:
    from citecheck.model import Work
    from citecheck.text import shortens_title

    work = Work(
        doi="10.1/x",
        title="Epidemiology and Heritability of Major Depressive Disorder in Generation Scotland, "
        "and Ketamine accelerates fear extinction",
    )
    assert shortens_title(stated, work) is shortened


APA_FEDER = (
    "Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., ... & "
    "Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of chronic "
    "posttraumatic stress disorder: A randomized clinical trial. JAMA Psychiatry, 71(6), 681-688."
)
APA_GIRGENTI = (
    "Girgenti, M. J., Ghosal, S., LoPresto, D., Taylor, J. R., & Duman, R. S. (2017). Ketamine "
    "accelerates fear extinction via mTORC1 signaling. Neurobiology of Disease, 100, 1-8."
)


@pytest.mark.parametrize(
    ("tail", "count"),
    [
        (f"{APA_FEDER}\n\n{APA_GIRGENTI}\n", 2),  # author-year entries, no heading
        (f"- {APA_FEDER}\n- {APA_GIRGENTI}\n\nShare this post\n", 2),
        (f"- [{TITLE}]({DOI_URL})\n- https://doi.org/10.1001/jamapsychiatry.2014.62\n", 2),
        # a closing list of related posts is not a reference list
        (
            "- [Our new clinic](https://example.org/a)\n- [Meet the team](https://example.org/b)\n",
            0,
        ),
    ],
)
def test_lists_with_no_heading(tail: str, count: int) -> None:
    text = f"We read two studies this month (Feder et al., 2014; Girgenti et al., 2017).\n\n{tail}"
    assert len(find_references(document(text)).references) == count


def test_a_link_the_text_does_not_show_still_decides_the_kind() -> None:
    from citecheck import readers

    page = (
        "<html><body><p>Ketamine eased PTSD [1] and fear in rats [2].</p><h2>Sources</h2><ol>"
        f'<li><a href="{DOI_URL}">{TITLE}</a></li>'
        '<li><a href="https://www.nimh.nih.gov/health/topics/ptsd">NIMH: PTSD</a></li>'
        "</ol></body></html>"
    )
    refs = find_references(readers.read_bytes(page.encode(), "page.html")).references
    assert [r.kind for r in refs] == [ReferenceKind.ENTRY, ReferenceKind.WEB]
    assert refs[0].fields.doi == "10.1016/j.nbd.2016.12.026"
    assert refs[1].fields.url == "https://www.nimh.nih.gov/health/topics/ptsd"
    assert refs[1].text == "NIMH: PTSD"


def test_restructuredtext_citation_references_cite_their_entries() -> None:
    from citecheck.citations import find_citations

    text = (
        "Chapter 3\n=========\n\n"
        "A single infusion eased chronic PTSD [Feder2014]_, and in rats it sped up fear "
        "extinction [Girgenti2017]_. The footnote form [1]_ reads as before; [Nobody2001]_ "
        "names no entry.\n\n"
        "References\n==========\n\n"
        f".. [Feder2014] {FEDER}\n\n.. [Girgenti2017] {GIRGENTI}\n\n.. [1] {FEDER}\n"
    )
    doc = document(text)
    cited = find_citations(doc, find_references(doc))
    assert [(c.marker, c.references) for c in cited] == [
        ("[Feder2014]_", ("Feder2014",)),
        ("[Girgenti2017]_", ("Girgenti2017",)),
        ("[1]", ("1",)),
    ]


@pytest.mark.parametrize(
    "notes",
    [
        # one cited work beside an aside: the work is still read
        "[^1]: {feder}\n[^2]: Thanks to the night nurses on ward 7, who read a draft.\n",
        # an aside among works is a note, never a reference to look up
        "[^1]: {feder}\n[^2]: Thanks to the night nurses on ward 7, who read a draft.\n"
        "[^3]: {girgenti}\n",
        # asides only: no references, and their markers are no dangling citations
        "[^1]: Our clinic moved in the spring.\n[^2]: Thanks to the night nurses.\n",
    ],
)
def test_footnotes_that_cite_nothing_are_notes(notes: str) -> None:
    from citecheck.compare.document import document_findings
    from citecheck.parsing import parse

    text = (
        "One infusion eased chronic PTSD.[^1] We owe a lot to our colleagues.[^2]"
        + (" In rats, fear faded faster.[^3]" if "[^3]" in notes else "")
        + "\n\n"
        + notes.format(feder=FEDER, girgenti=GIRGENTI)
    )
    parsed = parse(document(text))
    works = [w for w in ("1", "3") if "{" + ("feder" if w == "1" else "girgenti") in notes]
    assert [r.label for r in parsed.references] == works
    assert [c.references for c in parsed.citations] == [(w,) for w in works]
    assert document_findings(parsed) == []


def test_an_undated_work_in_footnotes_is_still_a_reference() -> None:
    text = (
        "The statistics followed a guide[^1] and a trial.[^2]\n\n"
        "[^1]: Ender PhB. Statistical Computing and Consulting.\n"
        f"[^2]: {FEDER}\n"
    )
    refs = find_references(document(text)).references
    assert [r.label for r in refs] == ["1", "2"]


def test_a_footnote_aside_does_not_hide_the_numbered_citation_of_the_same_number() -> None:
    from citecheck.parsing import parse

    text = (
        "One infusion eased chronic PTSD [1].[^1]\n\n## References\n\n"
        f"1. {FEDER}\n\n[^1]: Thanks to the night nurses on ward 7, who read a draft.\n"
    )
    parsed = parse(document(text))
    assert [r.label for r in parsed.references] == ["1"]
    assert [(c.marker, c.references) for c in parsed.citations] == [("[1]", ("1",))]


def test_a_numbered_link_definition_is_not_a_citation() -> None:
    from citecheck import readers
    from citecheck.parsing import parse

    text = (
        "The gatifloxacin trial ([Pandit et al., 2007][3]) is still the one to read.\n\n"
        "[3]: https://journals.plos.org/plosone/article?id=10.1371/journal.pone.0000542\n"
    )
    parsed = parse(readers.read_bytes(text.encode(), "post.md"))
    assert "[3]" not in [c.marker for c in parsed.citations]
    assert [r.fields.doi for r in parsed.references] == ["10.1371/journal.pone.0000542"]
    assert parsed.dangling() == ()

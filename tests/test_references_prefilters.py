"""The entry parser's quick paths answer as the plain patterns they stand in for.

Each test holds the pattern as it was before a quick path replaced it, and compares the
two on random text drawn from the characters and words that pattern is about.
"""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck.model import Link
from citecheck.references import (
    authors,
    headings,
    identifiers,
    linked,
    locators,
    parse,
    quick,
    quoted,
    section,
    split,
)
from citecheck.text import NAME_SUFFIXES


def _texts(*pieces: str, max_size: int = 16) -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(pieces), max_size=max_size).map("".join)


_DOI_BEFORE = re.compile(
    r"(?:https?://(?:dx\.)?doi\.org/|\bdoi\s*:?\s*)?"
    r"(?P<doi>10\.\d{4,9}/(?:[^\s\"<>]|<[^\s\"<>]*>)+)",
    re.IGNORECASE,
)
_DOUBLE_STOP_BEFORE = re.compile(r"(?<=\.)(?:\s+\.(?!\.)|\s*;)+")
_SEPARATOR = re.compile(r"\s*[,;]\s*")
_FINAL_INITIAL = re.compile(r"(?:^|[\s.-])[A-Z][a-z]?\.$")
_QUOTED_BEFORE = re.compile(
    r"[\"“](?P<title>[^\"“”]{3,}?)[,.]?[\"”]"
    r"|(?<![\w])[‘'](?P<title2>[^‘]{3,}?)[,.]?[’'](?=[,.](?:\s|$)|\s*$)"
    r"|(?<![\w])[‘'](?P<title3>[^‘’']{3,}?)[,.]?[’'](?![\w])"
)
_VANCOUVER_YEAR_BEFORE = re.compile(
    r"(?:\.|(?<=[A-Za-z])\s)\s*(?P<year>(?:1[5-9]|20)\d{2})[a-z]?"
    r"(?:\s+[A-Z][a-z]{2}(?:\s*\d{1,2})?(?:\s*-\s*[A-Z][a-z]{2})?)?"
    r"\s*;\s*(?P<locator>[^;]*?)(?:\.\s|\.?$)"
)
_LOWER_WORD_BEFORE = re.compile(r"(?<![\w'’-])[a-z]{4,}\b")
_LINK_YEAR_BEFORE = re.compile(r"(?<![\d/.])(?:1[6-9]|20)\d{2}(?![\d/])|\bn\.\s?d\.", re.IGNORECASE)
_BOUNDARY_BEFORE = re.compile(
    r"(?<=[^\s.])[.?!][”\"’]?\s+(?=[^\s a-z])|(?<=[a-z]{3})\.(?=[A-Z][a-z])"
)


@settings(max_examples=200, deadline=None)
@given(
    _texts(
        "doi", "DOI", ":", " ", "  ", "\t", "10.", "1234", "5", "/", "x", "https://", "http://",
        "dx.", "doi.org/", "<", ">", '"', "a", "xdoi",
    )
)  # fmt: skip
def test_doi_found_as_the_full_pattern_finds_it(text: str) -> None:
    text += " doi: 10.1234/x" if len(text) % 3 == 0 else ""
    match = _DOI_BEFORE.search(text)
    expected = (match.start(), match.end(), match.group("doi")) if match else None
    assert identifiers._find_doi(text) == expected


@settings(max_examples=200, deadline=None)
@given(_texts(".", " ", ";", "a", "\t", "..."))
def test_double_stops_removed_as_before(text: str) -> None:
    assert identifiers._DOUBLE_STOP.sub(".", text) == _DOUBLE_STOP_BEFORE.sub("", text)


@settings(max_examples=200, deadline=None)
@given(_texts("PMID", "pmid", "PubMed", "pub", "med", "x", " ", ":", "123", "İ", "ı", "_"))
def test_pmid_searched_from_its_first_word(text: str) -> None:
    start = quick.first_of(quick.folded(text), "pmid", "pubmed")
    found = identifiers._search_from(identifiers._PMID, text, start)
    expected = identifiers._PMID.search(text)
    assert (found and found.span()) == (expected and expected.span())


@settings(max_examples=200, deadline=None)
@given(_texts(
    "Smith", " J", ",", " ", ";", "\t", "et al", "ET AL.", "et  al", "etal", "...", "…", "a",
    "Jr", "II", "III", "2nd", ".", "\n",
))  # fmt: skip
def test_author_quick_paths(text: str) -> None:
    assert authors._split(text) == _SEPARATOR.split(text)
    start = authors._et_al_from(text)
    assert quick.sub_from(authors._ET_AL, ", ", text, start) == authors._ET_AL.subn(", ", text)
    assert quick.collapsed(text) == " ".join(text.split())
    match = authors._SUFFIX_AT_END().search(text)
    if match is None or match.start() == 0:
        expected = (text, "")
    else:
        expected = (
            text[: match.start()].rstrip(" ,"),
            match.group("word") or match.group("roman"),
        )
    assert authors._cut_suffix(text) == expected


@settings(max_examples=300, deadline=None)
@given(
    _texts("A", "B", "C", "Th", "a", ".", "-", " ", "\n", "Smith", "Jr", "III", "2nd", max_size=6)
)
def test_author_token_tests_skip_only_what_cannot_match(text: str) -> None:
    if not authors._may_be_initials(text):
        assert authors._INITIALS.match(text) is None
    if len(text) > 4:
        assert text.lower().removesuffix(".") not in NAME_SUFFIXES


@settings(max_examples=200, deadline=None)
@given(_texts('"', "“", "”", "‘", "’", "'", "a", "Title", " ", ",", ".", "x'", "9"))
def test_quoted_titles_found_as_before(text: str) -> None:
    new, old = quoted._QUOTED.search(text), _QUOTED_BEFORE.search(text)
    assert (new and (new.span(), new.groupdict())) == (old and (old.span(), old.groupdict()))


@settings(max_examples=200, deadline=None)
@given(_texts(".", "?", "!", "”", '"', "’", " ", "\t", "abc", "a", "J", "Ab", "x.", "9"))
def test_sentence_ends_found_as_before(text: str) -> None:
    new = [(m.span(), m.group(0)) for m in locators._BOUNDARY.finditer(text)]
    old = [(m.span(), m.group(0)) for m in _BOUNDARY_BEFORE.finditer(text)]
    assert new == old


@settings(max_examples=200, deadline=None)
@given(_texts(
    "#link(", '"', "https://x.org/a", ")", "[", "]", "[[", "\\href{", "}", "{", "\\url{", "`",
    " <", ">", "`_", "(", "link:", "doi:10.1/x", "text", " ",
))  # fmt: skip
def test_markup_links_rewritten_as_every_pattern_would(text: str) -> None:
    expected = text
    if "http" in text or "doi:" in text or "www." in text:
        for pattern in linked._MARKUP_LINKS:
            expected = pattern().sub(linked._as_plain, expected)
    assert linked.plain_links(text) == expected


def test_space_before_stop_needs_a_space_or_an_unprintable_character() -> None:
    for text in ("a .b", "a ,", "a ;", "a\t.", "a\u00a0.", "a\u2003,", "a.b", "a. b"):
        needs = not text.isprintable() or " ." in text or " ," in text or " ;" in text
        assert needs or not identifiers._SPACE_BEFORE_STOP().search(text)


@settings(max_examples=200, deadline=None)
@given(_texts("<", ">", "(", ")", "[", "]", " ", "\t", "\u00a0", "[Internet]", "[ınternet]", "a"))
def test_empty_brackets_checked_for_first(text: str) -> None:
    if not identifiers._may_hold_empty_brackets(text):
        assert identifiers._EMPTY_BRACKETS().search(text) is None


def _read_linked_before(text: str) -> object:
    """read_linked as it was: every URL found from the start, then the year looked for."""
    plain = linked.plain_links(text)
    urls = [linked._url_of(m) for m in linked._URL().finditer(plain)]
    if len(urls) != 1:
        return None
    rest = linked._URL().sub(" ", plain)
    if _LINK_YEAR_BEFORE.search(rest) or linked._AUTHOR_LIST().match(rest.strip()):
        return None
    return linked.read_linked(text)  # the rest of the reader is unchanged


@settings(max_examples=300, deadline=None)
@given(_texts(
    "https://doi.org/10.1/a", "http://x.org/2019", "www.", "WWW.", "doi:", "DOİ:", "doi:10.5/b",
    " ", "<", ">", "x", "2019", "1999.", "Smith J, ", "Title", ". ", "(", ")", "/", "n.d.",
))  # fmt: skip
def test_link_entries_read_as_before(text: str) -> None:
    assert linked.read_linked(text) == _read_linked_before(text)


@settings(max_examples=200, deadline=None)
@given(_texts("Smith", " ", "J", ".", "-", "A", "b", ";", "T."))
def test_final_initial_searched_in_the_last_characters(text: str) -> None:
    token = text.strip(" ;")
    expected = (
        token.rstrip(".") if token.endswith(".") and not _FINAL_INITIAL.search(token) else token
    )
    assert authors._trim(text) == expected


@settings(max_examples=200, deadline=None)
@given(_texts("Stroke", " ", "1234", "e12345", ".", "\n", ";", "5", "a", ":", "(3)", ","))
def test_tail_patterns_checked_for_first(text: str) -> None:
    if ";" not in text:
        assert locators._TAIL_SEMICOLON().search(text) is None
    if not locators._ends_in_digit(text):
        assert locators._TAIL_ARTICLE_NUMBER().search(text) is None


@settings(max_examples=200, deadline=None)
@given(_texts("A", "b", "İ", "ı", "\u212a", "ſ", "é", "Ω", " "))
def test_folding_is_one_character_for_one(text: str) -> None:
    special = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
    assert quick.folded(text) == text.translate(special).lower()
    assert len(quick.folded(text)) == len(text)


@settings(max_examples=200, deadline=None)
@given(_texts(
    ".", " ", "\t", "a", "J", "2008", "1999", "19", ";", "44", ":", "(1)", "Jan", " 12", "-",
    "Feb", "x", "n.d.", "N. D.", "nd", "/", "é",
))  # fmt: skip
def test_year_patterns_match_as_before(text: str) -> None:
    for new, old in (
        (parse._VANCOUVER_YEAR, _VANCOUVER_YEAR_BEFORE),
        (linked._YEAR, _LINK_YEAR_BEFORE),
    ):
        found, expected = new.search(text), old.search(text)
        assert (found and (found.span(), found.groupdict())) == (
            expected and (expected.span(), expected.groupdict())
        )


@settings(max_examples=200, deadline=None)
@given(_texts("Smith", "and", "with", "the", "study", " ", ",", "-", "'", "’", "é", "_", "abcd"))
def test_lower_words_found_as_before(text: str) -> None:
    assert authors._LOWER_WORD.findall(text) == _LOWER_WORD_BEFORE.findall(text)


@settings(max_examples=200, deadline=None)
@given(_texts(
    "PMCID", "PMC", "pmc", "1234567", "PubMed", " Central", " ", ";", ":", ".", "x", "İ", "_",
))  # fmt: skip
def test_pmcid_cut_from_its_first_word(text: str) -> None:
    first = quick.first_of(quick.folded(text), "pmc", "pubmed")
    start = quick.back_over(text, first, ";") if first != -1 else -1
    assert quick.sub_from(identifiers._PMCID(), " ", text, start)[0] == identifiers._PMCID().sub(
        " ", text
    )


_SPLIT_YEAR_BEFORE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)|\bn\.d\.")
_SECTION_YEAR_BEFORE = re.compile(r"(?<!\d)(?:1[6-9]|20)\d{2}(?!\d)")


@settings(max_examples=200, deadline=None)
@given(_texts("1", "2", "0", "16", "20", "19", "99", "n", "n.d.", ".d.", "an", " ", "-", "*", "•"))
def test_list_patterns_match_as_before(text: str) -> None:
    for new, old in ((split._YEAR(), _SPLIT_YEAR_BEFORE), (section._YEAR, _SECTION_YEAR_BEFORE)):
        found, expected = new.search(text), old.search(text)
        assert (found and found.span()) == (expected and expected.span())
    assert quick.bullet_end(text, split._BULLET) == split._BULLET.sub("", text)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(0, 30), max_size=12), st.integers(0, 30), st.integers(0, 30))
def test_links_found_by_start_as_by_walking_them(starts: list[int], start: int, stop: int) -> None:
    links = [Link(f"https://x.org/{n}", "", at, at + 1, 1) for n, at in enumerate(starts)]
    expected = [link for link in links if start <= link.start < stop]
    assert section._LinksByStart(links).starting_in(start, stop) == expected


@settings(max_examples=200, deadline=None)
@given(_texts(
    "References", "REFERENCES", "Reference", " list", " cited", "Works", "Sources", "Notes",
    "Bibliography", "BİBLİOGRAPHY", "Further reading", "Literature", "Citations", "## ", "== ",
    "**", ":", " & ", " and ", "1. ", "\\section*{", "}", "\\begin{thebibliography}", "Data",
    "Resources", " used", " consulted", "x", max_size=6,
))  # fmt: skip
def test_heading_words_checked_for_first(line: str) -> None:
    words = headings.heading_words(line)
    plain = (
        len(line) < headings.MAX_LENGTH
        and bool(line.strip())
        and (
            bool(headings._THEBIBLIOGRAPHY.match(line))
            or (
                bool(words)
                and bool(headings._PHRASE.match(words))
                and bool(headings._HAS_MAIN.search(words))
            )
        )
    )
    assert headings.is_heading(line) == plain

"""Property tests: no input makes a reader raise anything but ReadError, and line numbers stay in range."""

from __future__ import annotations

import io

import docx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import readers
from citecheck.errors import ReadError
from citecheck.model import Document
from citecheck.readers.encoding import decode

TEXT_FORMATS = ("text", "markdown", "html")
NAMES = {"text": "a.txt", "markdown": "a.md", "html": "a.html", "docx": "a.docx"}
# The alphabet of st.text()'s default, every character UTF-8 encodes (all but the
# surrogates), named by category: from the codec, hypothesis would first encode all 1.1M
# code points to find that set, 2-3 s in each worker of a fresh checkout.
UTF8 = st.characters(exclude_categories=("Cs",))

HTML_PIECES = st.sampled_from(
    [
        "<p>", "</p>", "<div>", "</div>", "<sup>", "</sup>", "<br>", "<li>", "<ol start='x'>",
        "<ul>", "</ol>", "<a href='https://doi.org/10.1000/x1'>", "<a href='doi:10.1/x'>",
        "</a>", "<script>", "</script>", "<nav>", "</nav>", "<pre>", "</pre>", "<td>", "<tr>",
        "<table>", "&amp;", "&#0;", "&bogus;", "<!--", "-->", "<?xml version='1.0'?>", "\n",
        "\r\n", " ", "text", "Smith 2020", "<header>", "<article>", "<", ">", "\x00", "é",
    ]
)  # fmt: skip
MARKDOWN_PIECES = st.sampled_from(
    [
        "# ", "## ", "[", "]", "(", ")", "![", "[^1]", "\\", "*", "**", "_", "`", "```", "~~~",
        "<!--", "-->", "<sup>", "</sup>", "<a href='https://doi.org/10.1000/x'>", "</a>",
        "> ", "---", "\n", "\r", " ", "text", "https://doi.org/10.1000/(x)", "[id]: url", "é",
    ]
)  # fmt: skip


def assert_well_formed(document: Document, input_lines: int) -> None:
    """One line number per text line, each within the input's lines, never going back."""
    numbers = document.line_numbers
    assert len(numbers) == document.text.count("\n") + 1
    assert all(1 <= number <= input_lines for number in numbers)
    assert list(numbers) == sorted(numbers)


def check(data: bytes, fmt: str) -> None:
    """Read ``data`` as ``fmt``: a well-formed Document or a ReadError, nothing else."""
    try:
        document = readers.read_bytes(data, NAMES[fmt], fmt)
    except ReadError as error:
        assert error.path == NAMES[fmt] and error.cause
        return
    assert document.text.strip()
    assert_well_formed(document, decode(data).count("\n") + 1)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400), fmt=st.sampled_from(TEXT_FORMATS))
def test_arbitrary_bytes(data: bytes, fmt: str) -> None:
    check(data, fmt)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(UTF8, max_size=300),
    fmt=st.sampled_from(TEXT_FORMATS),
    encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig"]),
)
def test_arbitrary_text(text: str, fmt: str, encoding: str) -> None:
    check(text.encode(encoding, errors="surrogatepass"), fmt)


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(HTML_PIECES, max_size=60))
def test_html_like_input(pieces: list[str]) -> None:
    check("".join(pieces).encode(), "html")


@settings(max_examples=200, deadline=None)
@given(pieces=st.lists(MARKDOWN_PIECES, max_size=60))
def test_markdown_like_input(pieces: list[str]) -> None:
    data = "".join(pieces).encode()
    check(data, "markdown")
    try:
        document = readers.read_bytes(data, "a.md")
    except ReadError:
        return
    assert document.line_numbers == tuple(range(1, decode(data).count("\n") + 2))


def test_an_image_whose_alt_text_runs_over_lines() -> None:
    # Found by test_markdown_like_input: the alt text's newline made the text a line longer
    # than its line numbers.
    check(b"[![\n]()", "markdown")


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=400), zipped=st.booleans())
def test_docx_arbitrary_bytes_raise_read_error(data: bytes, zipped: bool) -> None:
    data = b"PK\x03\x04" + data if zipped else data
    try:
        readers.read_bytes(data, "a.docx")
    except ReadError as error:
        assert error.path == "a.docx" and error.cause
    else:
        raise AssertionError("arbitrary bytes read as a .docx")


XML_SAFE = st.characters(
    blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"
) | st.sampled_from(["\n", "\t"])


@pytest.mark.slow
@settings(max_examples=25, deadline=None)  # each example builds a .docx (50 ms)
@given(
    paragraphs=st.lists(
        st.tuples(
            st.text(XML_SAFE, max_size=30),
            st.booleans(),
            st.sampled_from([None, "List Number", "List Bullet"]),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_docx_line_numbers_are_paragraph_numbers(
    paragraphs: list[tuple[str, bool, str | None]],
) -> None:
    made = docx.Document()
    for text, superscript, style in paragraphs:
        made.add_paragraph(style=style).add_run(text).font.superscript = superscript
    buffer = io.BytesIO()
    made.save(buffer)
    try:
        document = readers.read_bytes(buffer.getvalue(), "a.docx")
    except ReadError as error:
        assert error.cause == "no text in this .docx file"
        assert not any(text.strip() for text, _, _ in paragraphs)
        return
    assert_well_formed(document, len(paragraphs))
    assert set(document.line_numbers) == set(range(1, len(paragraphs) + 1))


URL_PIECES = st.sampled_from(
    [
        "http", "https", "HTTP", "://", "www", "WWW", ".", "doi", "DOI", ":", " ", "\t", "10",
        "10.", "1000", "/", "x", "@", "-", "\u017f", "\u0130", "\u0131", "<", ">", "[", "]", "\n", "w", "h",
    ]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(URL_PIECES, max_size=40).map("".join))
def test_bare_url_scan_matches_a_full_scan(text: str) -> None:
    """The quick scan for bare URLs finds what trying every position finds."""
    from citecheck.readers.text import _BARE, bare_urls

    expected = [match.span() for match in _BARE.finditer(text)]
    assert [match.span() for match in bare_urls(text)] == expected


@settings(max_examples=300, deadline=None)
@given(st.lists(URL_PIECES, max_size=40).map("".join))
def test_bare_url_starts_are_the_opening_patterns(text: str) -> None:
    """The places found by their colons and stops are where the opening pattern matches."""
    from citecheck.readers.text import _BARE_START, bare_starts

    assert bare_starts(text) == [match.start() for match in _BARE_START.finditer(text)]

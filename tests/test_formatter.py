"""The team's reference formatter: one journal article in every style."""

from __future__ import annotations

import pytest

from citecheck.formatter import initials, render_reference
from citecheck.model import Author, Style, Work

TWO = Work(
    doi="10.1000/fish.2019.12",
    title="Fish swimming in circles",
    authors=(Author("Pérez", "Ana María"), Author("van der Berg", "Jan-Willem")),
    journal="Journal of Fish Biology",
    short_journals=("J. Fish Biol.",),
    year=2019,
    volume="12",
    issue="3",
    pages="101-110",
)
ONE_ARTICLE_NUMBER = Work(
    doi="10.1371/journal.pone.0000001",
    title="Does salt help?",
    authors=(Author("Lee", "Min"),),
    journal="PLOS ONE",
    year=2021,
    volume="16",
    issue="1",
    pages="e0000001",
    article_number="e0000001",
)
SEVEN = Work(
    doi="10.1/seven",
    title="Many hands",
    authors=tuple(Author(f"Author{n}", "Q. R.") for n in "ABCDEFG"),
    journal="Science Letters",
    year=2020,
    volume="5",
    pages="1-9",
)


@pytest.mark.parametrize(
    ("style", "work", "expected"),
    [
        (
            Style.APA,
            TWO,
            "Pérez, A. M., & van der Berg, J.-W. (2019). Fish swimming in circles. "
            "Journal of Fish Biology, 12(3), 101–110. https://doi.org/10.1000/fish.2019.12",
        ),
        (
            Style.APA,
            ONE_ARTICLE_NUMBER,
            "Lee, M. (2021). Does salt help? PLOS ONE, 16(1), Article e0000001. "
            "https://doi.org/10.1371/journal.pone.0000001",
        ),
        (
            Style.AMA,
            TWO,
            "Pérez AM, van der Berg JW. Fish swimming in circles. J. Fish Biol. "
            "2019;12(3):101-110. doi:10.1000/fish.2019.12",
        ),
        (
            Style.AMA,
            SEVEN,
            "AuthorA QR, AuthorB QR, AuthorC QR, et al. Many hands. Science Letters. "
            "2020;5:1-9. doi:10.1/seven",
        ),
        (
            Style.VANCOUVER,
            TWO,
            "Pérez AM, van der Berg JW. Fish swimming in circles. J Fish Biol. "
            "2019;12(3):101-110. doi:10.1000/fish.2019.12",
        ),
        (
            Style.VANCOUVER,
            SEVEN,
            "AuthorA QR, AuthorB QR, AuthorC QR, AuthorD QR, AuthorE QR, AuthorF QR, et al. "
            "Many hands. Science Letters. 2020;5:1-9. doi:10.1/seven",
        ),
        (
            Style.HARVARD,
            TWO,
            "Pérez, A.M. and van der Berg, J.-W. (2019) 'Fish swimming in circles', "
            "Journal of Fish Biology, 12(3), pp. 101–110. doi:10.1000/fish.2019.12.",
        ),
        (
            Style.CHICAGO,
            TWO,
            "Pérez, Ana María, and Jan-Willem van der Berg. 2019. “Fish swimming in circles.” "
            "Journal of Fish Biology 12 (3): 101–110. https://doi.org/10.1000/fish.2019.12",
        ),
        (
            Style.IEEE,
            TWO,
            "A. M. Pérez and J.-W. van der Berg, “Fish swimming in circles,” Journal of Fish "
            "Biology, vol. 12, no. 3, pp. 101–110, 2019, doi: 10.1000/fish.2019.12.",
        ),
        (
            Style.IEEE,
            SEVEN,
            "Q. R. AuthorA et al., “Many hands,” Science Letters, vol. 5, pp. 1–9, 2020, "
            "doi: 10.1/seven.",
        ),
        (
            Style.MLA,
            TWO,
            "Pérez, Ana María, and Jan-Willem van der Berg. “Fish swimming in circles.” "
            "Journal of Fish Biology, vol. 12, no. 3, 2019, pp. 101-110. "
            "https://doi.org/10.1000/fish.2019.12",
        ),
        (
            Style.MLA,
            SEVEN,
            "AuthorA, Q. R., et al. “Many hands.” Science Letters, vol. 5, 2020, pp. 1-9. "
            "https://doi.org/10.1/seven",
        ),
        # An unknown style falls back to APA.
        (
            Style.UNKNOWN,
            ONE_ARTICLE_NUMBER,
            "Lee, M. (2021). Does salt help? PLOS ONE, 16(1), Article e0000001. "
            "https://doi.org/10.1371/journal.pone.0000001",
        ),
        (
            "no-such-style",
            ONE_ARTICLE_NUMBER,
            "Lee, M. (2021). Does salt help? PLOS ONE, 16(1), Article e0000001. "
            "https://doi.org/10.1371/journal.pone.0000001",
        ),
    ],
)
def test_render_reference(style: Style | str, work: Work, expected: str) -> None:
    assert render_reference(work, style) == expected


def test_organisation_author_and_missing_fields() -> None:
    work = Work(doi="", title="Guidance", authors=(Author("World Health Organization"),))
    assert render_reference(work, Style.APA) == "World Health Organization (n.d.). Guidance."
    assert render_reference(work, Style.VANCOUVER) == "World Health Organization. Guidance."


@pytest.mark.parametrize(
    ("given", "dotted", "bare"),
    [
        ("Ana María", "A. M.", "AM"),
        ("Jan-Willem", "J.-W.", "JW"),
        ("S. T.", "S. T.", "ST"),
        ("", "", ""),
    ],
)
def test_initials(given: str, dotted: str, bare: str) -> None:
    assert initials(given) == dotted
    assert initials(given, dots=False) == bare


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        (Style.IEEE, "A. M. Pérez and J.-W. van der Berg, Journal of Fish Biology, vol. 12"),
        (Style.HARVARD, "Pérez, A.M. and van der Berg, J.-W. (2019) Journal of Fish Biology"),
        (Style.CHICAGO, "Pérez, Ana María, and Jan-Willem van der Berg. 2019. Journal of Fish"),
        (Style.MLA, "Pérez, Ana María, and Jan-Willem van der Berg. Journal of Fish Biology"),
        (Style.AMA, "Pérez AM, van der Berg JW. J. Fish Biol. 2019;12(3):101-110."),
    ],
)
def test_a_missing_title_leaves_no_empty_quotes(style: Style, expected: str) -> None:
    untitled = Work(**{**TWO.__dict__, "title": None, "raw": {}})
    assert render_reference(untitled, style).startswith(expected)

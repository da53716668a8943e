"""The shared text helpers: one definition each, used by every stage."""

from __future__ import annotations

import html

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import text
from citecheck.compare import CODES, Code
from citecheck.model import Work


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Müller", "muller"),
        ("ÅSTRÖM", "astrom"),
        ("Теория", "теория"),  # other scripts are kept, only accents go
        ("plain", "plain"),
    ],
)
def test_fold(raw: str, expected: str) -> None:
    assert text.fold(raw) == expected


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("https://doi.org/10.1000/ABC.", "10.1000/abc"),
        ("doi: 10.1016/0042-6989(93)90156-Q", "10.1016/0042-6989(93)90156-q"),
        ("10.1000/xyz)", "10.1000/xyz"),
        ("http://dx.doi.org/10.1/A", "10.1/a"),
    ],
)
def test_normalise_doi(raw: str, expected: str) -> None:
    assert text.normalise_doi(raw) == expected


def test_name_key_and_markup() -> None:
    assert text.name_key("O’Brien-Smith") == "obriensmith"
    assert text.strip_markup("<i>Ketamine</i> &amp; mood") == "Ketamine & mood"
    assert text.normalise_text("The <b>Lancet</b>: Psychiatry") == "the lancet psychiatry"


def test_title_similarity_ignores_markup_and_order() -> None:
    work = Work(doi="10.1/x", title="Ketamine for <i>depression</i>: a trial")
    assert text.title_similarity("ketamine for depression a trial", work) == 1.0
    assert text.title_similarity("", work) is None


def test_codes_are_a_str_enum() -> None:
    assert all(isinstance(code, Code) for code in CODES)
    assert Code.CLAIM_YEAR == "claim-year" and f"{Code.NOT_FOUND}" == "not-found"
    assert CODES["claim-year"] == CODES[Code.CLAIM_YEAR]


_DESIGN_WORDS = (  # noqa: SIM905
    "study studies trial RCT review meta-analysis cohort case-control cross-sectional survey "
    "randomized randomised double-blind placebo-controlled open-label narrative systematic "
    "scoping chart records retrospective qualitative focus group interview guideline consensus "
    "statement editorial commentary opinion piece protocol in rats mice cells cell lines "
    "ſtudy İnterview of with using the a 2019 animal model experiments research lab in-vitro"
).split()


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_DESIGN_WORDS), max_size=12))
def test_phrase_prefilter_changes_nothing(words: list[str]) -> None:
    from citecheck import studytype

    text = " ".join(words)
    expected = None
    for rule in studytype.PHRASE_RULES:
        match = rule.pattern.search(text)
        if match:
            expected = (rule.study_type, match.start(), match.end())
            break
    found = studytype.find_phrase(text)
    assert (found and (found[0].study_type, found[1], found[2])) == expected or (
        found is None and expected is None
    )


def test_lazy_pattern_compiles_once_when_first_used() -> None:
    import re

    from citecheck.text import lazy_pattern

    pattern = lazy_pattern(r"(?P<word>[a-z]+)\d", re.IGNORECASE)
    assert pattern() is pattern()
    found = pattern().search("-- Abc1 --")
    assert found is not None
    assert found.group("word") == "Abc"


def test_unescape_is_the_html_modules() -> None:
    for sample in ("Ketamine &amp; mood", "Caf&eacute; &#233; &#x2013;", "no entity", "&", ""):
        assert text.unescape(sample) == html.unescape(sample)

"""The cheap tests that let claim readers skip patterns never change what they find.

Each reader is run twice on generated claims: as shipped, and with every skip disabled
(each pattern searched over the whole claim); the answers must be the same.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citecheck import studytype
from citecheck.claims import authors, designs, journals, read_claim, sentences
from citecheck.claims import words as claim_words

_WORDS = (  # noqa: SIM905
    "study studies trial trials RCT review meta-analysis cohort case-control cross-sectional "
    "survey surveys randomized randomised double-blind placebo-controlled open-label narrative "
    "systematic scoping umbrella chart medical records record retrospective prospective "
    "longitudinal follow-up qualitative focus group interview guideline consensus statement "
    "editorial commentary opinion piece protocol in rats mice dogs animals animal preclinical "
    "cells cell lines culture organoids in-vitro vitro lab laboratory model experiments "
    "research patients people adults children symptoms disorder healthy man volunteers "
    "ſtudy İnterview Kelvin\u212a of with using the a an our we this 2019 (2019) (Lee, 2018) "
    "published appeared in from by Journal journal J. Am. Med. Nature Lancet Cell Cell2 eLife "
    "eLifestyle PLoS PLoSx Science Reports Neuron *Nature* _Brain_ “Cell” <i>Gut</i> "
    "Smith Lee Chan van der Berg et al. al et and & colleagues co-workers team group lab's "
    "Smith's The the Smith team 's ’s Jr , . ; : [1] ¹"
).split()
# Phrases the patterns are written for, so generated claims hit them often.
_PHRASES = (
    "a longitudinal study",
    "prospective studies",
    "a follow-up study",
    "a cohort",
    "a case-control analysis",
    "a case series",
    "a case study",
    "a medical record review",
    "a chart review",
    "a retrospective analysis",
    "a randomized controlled trial",
    "an open-label trial",
    "a non-randomised study",
    "a double-blind trial",
    "an animal study",
    "a trial in dogs",
    "studies using cell lines",
    "in vitro experiments",
    "a lab study",
    "a systematic review and meta-analysis",
    "a scoping review",
    "a narrative review",
    "a qualitative interview study",
    "focus groups",
    "a consensus statement",
    "an opinion piece",
    "a cross-sectional survey",
    "a national survey of nurses",
    "published in the Journal of Sleep Research",
    "appeared in Nature",
    "printed in The Lancet",
    "featured in Cell",
    "in the Journal of Affective Disorders",
    "in eLife",
    "from PLoS Medicine",
    "a Lancet study",
    "a 2019 JAMA trial",
    "in *Neuron*",
    "in “Cell Reports”",
    "Smith et al.",
    "Smith et al",
    "Lee et al, 2019",
    "Smith Jr et al.'s",
    "Lee and colleagues",
    "van der Berg and co-workers",
    "Chan's group",
    "Lee and coworkers",
    "Lee and coauthors",
    "the Smith laboratory",
    "published online in Brain",
    "the Smith lab",
    "Lee and Chan (2019)",
    "Lee and Chan reported",
    "Lee, Chan and Smith found",
    "Lee & Chan's trial",
    "However,",
    "Smith (2020)",
    "in healthy man",
    "guidelines for reporting",
    "a checklist for",
    "methods of",
    "to appraise",
    "used in",
    "planning for",
    "we recruited",
    "our study",
    "the present study",
    "here we",
    "this review",
    "the present meta-analysis",
    "in this large cohort",
    "our two pilot trials",
    "guidelines for the reporting of",
    "protocols for",
    "search filters for",
    "included 1,200",
    "included 12 trials",
    "a review of three cohort studies",
    "across several trials",
    "in patients with symptoms",
)
_TEXTS = st.lists(st.sampled_from([*_WORDS, *_PHRASES]), max_size=30).map(" ".join)


class _Everything(frozenset[bytes]):
    """A word set that meets every other: no word test can skip a pattern."""

    def isdisjoint(self, _other: object) -> bool:
        return False

    def __and__(self, other: object) -> frozenset[bytes]:
        assert isinstance(other, frozenset)
        return other


def _disable_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every skip disabled: each pattern is searched over the whole claim."""
    always = re.compile("")
    monkeypatch.setattr(claim_words.Words, "runs", property(lambda _self: _Everything()))
    monkeypatch.setattr(claim_words.Words, "any_part", lambda _self, _parts: True)
    monkeypatch.setattr(journals, "_MARKS", ("",))
    monkeypatch.setattr(designs, "_CUT_TAILS", False)
    monkeypatch.setattr(authors, "_AUTHOR_CORES", ((always,),) * len(authors._AUTHOR_CORES))
    monkeypatch.setattr(authors, "_CORE_WORDS", (("",),) * len(authors._AUTHOR_CORES))
    monkeypatch.setattr(journals, "_FOLDED_AFTER_NAME", ("",))
    monkeypatch.setattr(studytype, "_words", lambda _folded: _Everything())
    monkeypatch.setattr(studytype, "_IN_VITRO_STEMS", ("",))
    monkeypatch.setattr(studytype, "_search_at", lambda pattern, text, _f, _s: pattern.search(text))
    rules = len(studytype.PHRASE_RULES)
    monkeypatch.setattr(studytype, "_stemmed_rules", lambda _f, _r: (1 << rules) - 1)
    # Every bit set: every rule's stems and needs held, every population's words named.
    monkeypatch.setattr(studytype, "run_features", lambda _runs: -1)
    monkeypatch.setattr(studytype, "_PHRASE_NEEDS", tuple(() for _ in range(rules)))


def _read(text: str) -> tuple[object, ...]:
    markers = [(len(text) // 2, len(text) // 2 + 3)]
    return (
        journals.find_journal(text),
        authors.find_authors(text),
        authors.find_authors(text, markers),
        designs.stated_design(text),
        designs.stated_population(text),
        studytype.find_phrase(text),
        studytype.population_of(text),
        read_claim(text),
    )


@settings(max_examples=400, deadline=None)
@given(_TEXTS)
def test_skipping_patterns_changes_nothing(text: str) -> None:
    expected = _read(text)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _disable_skips(monkeypatch)
        assert _read(text) == expected


def test_skips_are_disabled_in_the_test() -> None:
    # The comparison above is only worth something if the skips really are switched off.
    text = "a 2019 randomised trial in patients"
    with pytest.MonkeyPatch.context() as monkeypatch:
        _disable_skips(monkeypatch)
        assert claim_words.Words(text).any_word(frozenset({b"absent"}))
        assert studytype._PHRASE_NEEDS[0] == ()
        assert claim_words.Words("").features & studytype._IMPLIED_HUMAN_BIT


def test_sentence_stop_token() -> None:
    # The stop's token is read from the window before it ("Fig." is an abbreviation).
    text = "As shown in Fig. 2 the effect held. Next one."
    assert sentences.split_sentences(text, 0, len(text)) == [(0, 35), (35, len(text))]

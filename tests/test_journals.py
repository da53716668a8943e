"""Journal names: the same journal however it is written, different journals kept apart."""

from __future__ import annotations

from dataclasses import replace

import pytest

from citecheck.journals import abbreviates, matches_work, normalise, same_issn, same_journal
from citecheck.model import PubmedRecord, Work

SAME = [
    ("J Affect Disord", "Journal of Affective Disorders"),
    ("Am J Psychiatry", "The American Journal of Psychiatry"),
    ("Neurobiol Dis", "Neurobiology of Disease"),
    ("JAMA psychiatry", "JAMA Psychiatry"),
    ("J. Clin. Psychiatry", "The Journal of Clinical Psychiatry"),
    ("J Clin Psychiatry", "The Journal of Clinical Psychiatry"),
    ("N Engl J Med", "The New England Journal of Medicine"),
    ("Proc Natl Acad Sci USA", "Proceedings of the National Academy of Sciences"),
    ("Proc. Natl. Acad. Sci. U.S.A.", "Proceedings of the National Academy of Sciences"),
    ("Int J Neuropsychopharmacol", "International Journal of Neuropsychopharmacology"),
    ("Biol Psychiatry", "Biological Psychiatry"),
    ("Arch Gen Psychiatry", "Archives of General Psychiatry"),
    ("Psychopharmacology (Berl)", "Psychopharmacology"),
    ("Alimentary Pharmacology & Therapeutics", "Alimentary pharmacology and therapeutics"),
    ("Revista Médica de Chile", "Revista Medica de Chile"),
    ("PLoS ONE", "PLOS ONE"),
    ("PLoS Med", "PLOS Medicine"),
    ("Psycho-Oncology", "Psychooncology"),
    ("Psychopharmacol", "Psychopharmacology"),
    ("Arch Otolaryngol Head Neck Surg", "Archives of Otolaryngology–Head & Neck Surgery"),
    ("Tijdschr Geneesk", "Tijdschrift voor Geneeskunde"),
    ("Zeitschrift für Angewandte Mathematik", "Zeitschrift fur angewandte Mathematik"),
    ("Lancet", "The Lancet"),
    ("Br J Psychiatry", "British Journal of Psychiatry"),
    ("Br Dent J", "British Dental Journal"),
    # Only the Crossref pairs in data/journal_abbreviations.tsv link these.
    ("Arch NeurPsych", "Archives of Neurology & Psychiatry"),
    ("JAMA", "JAMA: The Journal of the American Medical Association"),
    ("Phys Rev A", "Physical Review A"),
    ("JAMA Netw Open", "JAMA Network Open"),
    ("Jpn J Psychiatry Neurol", "Japanese Journal of Psychiatry and Neurology"),
    ("BMC Oral Health", "BMC oral health"),
    ("Psychiatry Res", "Psychiatry Research"),
    ("J Psychopharmacol", "Journal of Psychopharmacology"),
    ("J Psychiatr Res", "Journal of Psychiatric Research"),
]

DIFFERENT = [
    ("Journal of Psychopharmacology", "Psychopharmacology"),
    ("J Psychopharmacol", "Psychopharmacology"),
    ("Journal of Psychiatric Research", "Psychiatry Research"),
    ("J Psychiatr Res", "Psychiatry Res"),
    ("Biological Psychiatry", "Biological Psychology"),
    ("Biol Psychiatry", "Biol Psychol"),
    ("Neurology", "Neurology Research"),
    ("Cell", "Cells"),
    ("Chem", "ChemInform"),
    ("Physical Review A", "Physical Review Applied"),
    ("E-Journal of Chemistry", "Journal of Chemistry"),
    ("The Journal of Physical Chemistry", "The Journal of Physical Chemistry A"),
    ("Nature", "Nature Medicine"),
    ("JAMA Psychiatry", "JAMA Neurology"),
    ("American Journal of Psychiatry", "British Journal of Psychiatry"),
    ("Journal of Affective Disorders", "Journal of Anxiety Disorders"),
    ("Neurobiology of Disease", "Neurobiology of Aging"),
    ("Psychological Medicine", "Psychosomatic Medicine"),
    ("", "Neurology"),
]


@pytest.mark.parametrize(("a", "b"), SAME)
def test_same_journal(a: str, b: str) -> None:
    assert same_journal(a, b)
    assert same_journal(b, a)


@pytest.mark.parametrize(("a", "b"), DIFFERENT)
def test_different_journals(a: str, b: str) -> None:
    assert not same_journal(a, b)
    assert not same_journal(b, a)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("The Journal of Clinical Psychiatry", "journal of clinical psychiatry"),
        ("Alimentary Pharmacology &amp; Therapeutics", "alimentary pharmacology and therapeutics"),
        ("Revista Médica", "revista medica"),
        ("J. Clin. Psychiatry", "j clin psychiatry"),
        ("Psychopharmacology (Berl)", "psychopharmacology"),
    ],
)
def test_normalise(name: str, expected: str) -> None:
    assert normalise(name) == expected


@pytest.mark.parametrize(
    ("short", "long", "expected"),
    [
        ("j", "journal", True),
        ("psychiatr", "psychiatry", True),
        ("natl", "national", True),
        ("jpn", "japanese", True),
        ("cell", "cells", False),
        ("psychol", "psychopathology", False),
        ("res", "reviews", False),
        ("psychiatry", "psychology", False),
    ],
)
def test_abbreviates(short: str, long: str, expected: bool) -> None:
    assert abbreviates(short, long) is expected


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("0165-0327", "01650327", True),
        ("1573-2517", "1573-2517", True),
        ("0006-322x", "0006-322X", True),
        ("0165-0327", "0165-0328", False),
        ("not an issn", "not an issn", False),
    ],
)
def test_same_issn(a: str, b: str, expected: bool) -> None:
    assert same_issn(a, b) is expected


WORK = Work(
    doi="10.1016/j.nbd.2016.12.026",
    journal="Neurobiology of Disease",
    short_journals=("Neurobiology of Disease",),
)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Neurobiol Dis", True),
        ("Neurobiology of Disease", True),
        ("Neurobiology of Aging", False),
        ("Biological Psychiatry", False),
    ],
)
def test_matches_work(name: str, expected: bool) -> None:
    assert matches_work(name, WORK) is expected


def test_matches_work_by_short_title() -> None:
    work = Work(doi="10.1/x", journal="Some Very Long Name", short_journals=("SVLN Abbrev",))
    assert matches_work("SVLN Abbrev", work)
    assert not matches_work("Other", Work(doi="10.1/y"))


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        (
            "Теоретические основы химической технологии",
            "Теоретические основы химической технологии",
            True,
        ),
        ("Теор. основы хим. технол.", "Теоретические основы химической технологии", True),
        ("Теоретические основы химической технологии", "Журнал физической химии", False),
        ("Acta Médica Portuguesa", "Acta Medica Portuguesa", True),
    ],
)
def test_names_in_any_script(a: str, b: str, same: bool) -> None:
    assert same_journal(a, b) is same


# Crossref holds Transplantation (ISSN 0041-1337) as "Transplantation Journal" (real
# record 10.1097/00007890-201007272-00364); PubMed names the journal "Transplantation".
TRANSPLANTATION = Work(
    doi="10.1097/00007890-201007272-00364",
    journal="Transplantation Journal",
    short_journals=("Transplantation Journal",),
    issns=("0041-1337",),
)
BREAST_JOURNAL = Work(
    doi="10.1111/tbj.12212",
    journal="The Breast Journal",
    short_journals=("Breast J",),
    issns=("1075-122X",),
)


def _indexed(work: Work, journal: str, abbreviation: str, issns: tuple[str, ...]) -> Work:
    record = PubmedRecord(
        pmid="1", doi=work.doi, journal=journal, journal_abbreviation=abbreviation, issns=issns
    )
    return replace(work, pubmed=record)


@pytest.mark.parametrize(
    ("name", "work", "expected"),
    [
        # Names alone cannot tell a journal's Crossref quirk from another journal.
        ("Transplantation", TRANSPLANTATION, False),
        ("The Breast", BREAST_JOURNAL, False),
        # PubMed's name for the same work, with the record's ISSN, is the journal's name.
        (
            "Transplantation",
            _indexed(
                TRANSPLANTATION, "Transplantation", "Transplantation", ("1534-6080", "0041-1337")
            ),
            True,
        ),
        # ... but not when PubMed's ISSN is another journal's, and not a name PubMed
        # does not give ("The Breast" for The Breast Journal stays apart).
        (
            "Transplantation",
            _indexed(TRANSPLANTATION, "Transplantation", "Transplantation", ("0960-9776",)),
            False,
        ),
        (
            "The Breast",
            _indexed(BREAST_JOURNAL, "The breast journal", "Breast J", ("1075-122X", "1524-4741")),
            False,
        ),
        (
            "Breast Journal",
            _indexed(BREAST_JOURNAL, "The breast journal", "Breast J", ("1075-122X",)),
            True,
        ),
    ],
)
def test_matches_work_by_pubmed_name(name: str, work: Work, expected: bool) -> None:
    assert matches_work(name, work) is expected

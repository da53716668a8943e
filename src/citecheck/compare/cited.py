"""The cited work a claim is checked against: the matched record, or the entry itself."""

from __future__ import annotations

from dataclasses import dataclass

from citecheck import studytype
from citecheck.compare.codes import E, W
from citecheck.model import Classification, Reference, Resolution, Severity, Status, Work


@dataclass(frozen=True)
class Cited:
    """What a claim is checked against: the record, or the entry when there is none."""

    work: Work
    source: str  # "the record" or "the reference list"
    classification: Classification
    complete: bool = True  # the author list is whole (an entry's "et al." is not)


def cited_work(ref: Reference, resolution: Resolution | None) -> Cited:
    """What ``ref`` cites: the matched record, or else the entry's own fields."""
    if resolution is not None and resolution.status == Status.MATCHED and resolution.work:
        work = resolution.work
        return Cited(work, "the record", studytype.classify_work(work))
    work = entry_work(ref)
    if ref.study_type is not None:
        classification = Classification(ref.study_type, 0.5)
    else:
        classification = studytype.classify_title(work.title or "")
    return Cited(work, "the reference list", classification, not ref.fields.et_al)


def entry_work(ref: Reference) -> Work:
    """The reference entry's own fields as a Work, for comparisons with no record."""
    f = ref.fields
    return Work(
        doi=f.doi or "",
        title=f.title,
        authors=f.authors,
        journal=f.journal,
        year=f.year,
        volume=f.volume,
        issue=f.issue,
        pages=f.pages,
    )


def year_severity(stated: int, years: frozenset[int]) -> Severity | None:
    """None when ``stated`` is one of the record's years; a warning when one year off, else an error."""
    if not years or stated in years:
        return None
    # One year off any of the record's dates is usually online-first versus print.
    if any(abs(stated - year) == 1 for year in years):
        return W
    return E


def years_text(work: Work) -> str:
    """The record's year for a message, with its other dates in brackets."""
    years = sorted(work.years)
    if work.year and len(years) > 1:
        others = ", ".join(str(y) for y in years if y != work.year)
        return f"{work.year} (also {others})"
    return str(work.year or (years[0] if years else ""))

"""The finding codes, their default severities and descriptions, and how findings are made.

A code is stable: reports, baselines, ``--ignore`` and the SARIF rules name it.
"""

from __future__ import annotations

from enum import StrEnum

from citecheck.model import Finding, Reference, Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO


class Code(StrEnum):
    """A finding code ("claim-year", "ref-volume", ...); a ``str`` like the text it names."""

    CLAIM_YEAR = "claim-year"
    CLAIM_JOURNAL = "claim-journal"
    CLAIM_STUDY_TYPE = "claim-study-type"
    CLAIM_POPULATION = "claim-population"
    CLAIM_AUTHOR = "claim-author"
    REF_YEAR = "ref-year"
    REF_JOURNAL = "ref-journal"
    REF_TITLE = "ref-title"
    REF_AUTHORS = "ref-authors"
    REF_VOLUME = "ref-volume"
    REF_ISSUE = "ref-issue"
    REF_PAGES = "ref-pages"
    REF_DOI_MISMATCH = "ref-doi-mismatch"
    REF_DOI_NOT_FOUND = "ref-doi-not-found"
    NOT_FOUND = "not-found"
    AMBIGUOUS = "ambiguous"
    RETRACTED = "retracted"
    EXPRESSION_OF_CONCERN = "expression-of-concern"
    CORRECTED = "corrected"
    UNVERIFIED = "unverified"
    CITATION_WITHOUT_REFERENCE = "citation-without-reference"
    REFERENCE_NOT_CITED = "reference-not-cited"
    UNPARSED_REFERENCE = "unparsed-reference"


CODES: dict[Code, tuple[Severity, str]] = {
    Code.CLAIM_YEAR: (E, "The year the text gives differs from the cited work's year."),
    Code.CLAIM_JOURNAL: (E, "The journal the text names is not the cited work's journal."),
    Code.CLAIM_STUDY_TYPE: (
        E,
        "The study design or population the text states does not fit the cited work.",
    ),
    Code.CLAIM_POPULATION: (
        E,
        "The text says the study was in people and the cited work studied animals, or the reverse.",
    ),
    Code.CLAIM_AUTHOR: (E, "The author the text names is not an author of the cited work."),
    Code.REF_YEAR: (E, "The reference entry's year differs from the record."),
    Code.REF_JOURNAL: (E, "The reference entry's journal differs from the record."),
    Code.REF_TITLE: (W, "The reference entry's title differs from the record."),
    Code.REF_AUTHORS: (W, "The reference entry's authors differ from the record."),
    Code.REF_VOLUME: (E, "The reference entry's volume differs from the record."),
    Code.REF_ISSUE: (W, "The reference entry's issue differs from the record."),
    Code.REF_PAGES: (E, "The reference entry's pages differ from the record."),
    Code.REF_DOI_MISMATCH: (
        E,
        "The reference entry's DOI, or a link's target, belongs to a different work.",
    ),
    Code.REF_DOI_NOT_FOUND: (E, "The reference entry's (or link's) DOI is not registered."),
    Code.NOT_FOUND: (E, "No published work matches the reference."),
    Code.AMBIGUOUS: (W, "Several published works match the reference equally well."),
    Code.RETRACTED: (
        E,
        "The cited work has been retracted (Crossref or PubMed), or the DOI is a retraction notice.",
    ),
    Code.EXPRESSION_OF_CONCERN: (W, "The cited work carries an expression of concern."),
    Code.CORRECTED: (N, "The cited work has a published correction."),
    Code.UNVERIFIED: (N, "The reference could not be checked (network, rate limit, offline)."),
    Code.CITATION_WITHOUT_REFERENCE: (W, "An inline citation points to no reference entry."),
    Code.REFERENCE_NOT_CITED: (N, "A reference entry is never cited in the text."),
    Code.UNPARSED_REFERENCE: (W, "A reference entry could not be read into fields."),
}


def finding(
    code: Code,
    message: str,
    severity: Severity | None = None,
    *,
    label: str | None = None,
    line: int | None = None,
    field: str | None = None,
    stated: str | None = None,
    actual: str | None = None,
) -> Finding:
    """A finding with ``code``'s default severity unless ``severity`` is given."""
    return Finding(
        code=code,
        severity=severity or CODES[code][0],
        message=message,
        label=label,
        line=line,
        field=field,
        stated=stated,
        actual=actual,
    )


def entry_finding(
    code: Code,
    ref: Reference,
    message: str,
    severity: Severity | None = None,
    *,
    field: str,
    stated: str,
    actual: str | None = None,
) -> Finding:
    """A finding about a reference entry, placed at the entry."""
    return finding(
        code,
        message,
        severity,
        label=ref.label,
        line=ref.line,
        field=field,
        stated=stated,
        actual=actual,
    )

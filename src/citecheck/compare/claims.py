"""Claims against the cited work: year, journal, design and population, authors."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from rapidfuzz import fuzz

from citecheck import journals
from citecheck.compare.cited import Cited, year_severity, years_text
from citecheck.compare.codes import Code, W, finding
from citecheck.compare.designs import population_finding, study_finding
from citecheck.model import Author, Claim, Finding, Reference, Severity, Work
from citecheck.text import family_core, name_key, padded_words

# Family-name similarity that counts as a spelling slip rather than another person.
NAME_TYPO = 80.0


def claim_findings(
    ref: Reference, claims: Iterable[Claim], cited: Mapping[str, Cited]
) -> list[Finding]:
    """Findings for every prose claim citing ``ref`` that no cited work bears out."""
    found: list[Finding] = []
    for claim in claims:
        if ref.label not in claim.references:
            continue
        # A claim citing several works is only wrong about a field when none of them agrees.
        others = [
            cited[label] for label in claim.references if label in cited and label != ref.label
        ]
        found.extend(_claim_against(ref.label, claim, cited[ref.label], others))
    return found


def _claim_against(
    label: str, claim: Claim, target: Cited, others: Sequence[Cited]
) -> list[Finding]:
    found: list[Finding] = []
    work = target.work
    if claim.year is not None:
        severity = year_severity(claim.year, work.years)
        if severity and all(year_severity(claim.year, o.work.years) for o in others):
            actual = years_text(work)
            message = f"The text says this study was published in {claim.year}; {target.source} says {actual}."
            found.append(
                finding(
                    Code.CLAIM_YEAR,
                    message,
                    severity,
                    field="year",
                    stated=str(claim.year),
                    actual=actual,
                    label=label,
                    line=claim.line,
                )
            )
    if (
        claim.journal
        and work.journal
        and not _named_in(claim.text, work)
        and _journal_disagrees(claim.journal, work, others)
    ):
        message = f"The text says this study appeared in {claim.journal}; {target.source} says {work.journal}."
        found.append(
            finding(
                Code.CLAIM_JOURNAL,
                message,
                field="journal",
                stated=claim.journal,
                actual=work.journal,
                label=label,
                line=claim.line,
            )
        )
    study = study_finding(claim, target, others)
    if study:
        found.append(replace(study, label=label, line=claim.line))
    population = population_finding(claim, target, others)
    if population:
        found.append(replace(population, label=label, line=claim.line))
    if claim.authors and work.authors:
        found.extend(
            replace(author, label=label, line=claim.line)
            for author in _author_findings(claim, target, others)
        )
    return found


def _author_findings(claim: Claim, target: Cited, others: Sequence[Cited]) -> list[Finding]:
    """A claim-author finding for each name the claim credits that the cited work lacks.

    Names listed together ("Garcia and Lopez reported ...") are a credit the record can
    contradict only when one of them is its author (a near spelling counts): two names
    of which neither is an author may be no people at all ("Pfizer and Moderna
    reported"). Names dated as an author-date citation ("Zhou and Baker (2019)") are
    people whatever the record says.
    """
    found: list[Finding | None] = []
    for name in dict.fromkeys(claim.authors):
        author = _author_finding(name, target.work.authors, target.source, complete=target.complete)
        if author and any(
            o.work.authors and not _author_finding(name, o.work.authors, "") for o in others
        ):
            author = None  # another work the claim cites lists the name
        found.append(author)
    unknown = [f for f in found if f is not None and f.severity is Severity.ERROR]
    if len(found) > 1 and len(unknown) == len(found) and not _dated(claim):
        return []
    return [f for f in found if f is not None]


def _dated(claim: Claim) -> bool:
    """True when the credited names are followed by the claim's year ("Lee and Park (2019)")."""
    if claim.year is None:
        return False
    last = re.escape(claim.authors[-1])
    return bool(re.search(rf"{last}[\s,]*\(?{claim.year}\b", claim.text))


def _named_in(text: str, work: Work) -> bool:
    """True when the sentence names the record's journal in full, whatever was extracted.

    Names with a colon, dash or comma ("Nonlinear Analysis: Hybrid Systems") may be read
    short; the sentence still says the right thing, so it is not an error.
    """
    names = [n for n in (work.journal, *work.short_journals) if n and len(padded_words(n)) > 6]
    return any(padded_words(n) in padded_words(text) for n in names)


def _journal_disagrees(name: str, work: Work, others: Sequence[Cited]) -> bool:
    if journals.matches_work(name, work):
        return False
    return not any(o.work.journal and journals.matches_work(name, o.work) for o in others)


_DASHES = re.compile(r"[-\u2010-\u2015]")


def _author_finding(
    stated: str, authors: Sequence[Author], source: str, *, complete: bool = True
) -> Finding | None:
    """A claim-author finding when ``stated`` is on no author of the cited work.

    Any author counts, first or last ("Tedder and colleagues" for a paper whose senior
    author is Tedder); a near spelling of an author is a warning; a list cut short ("et
    al.") cannot show that someone is missing from it.
    """
    first = family_core(authors[0].family)
    key = name_key(family_core(stated))
    if any(key == name_key(family_core(a.family)) for a in authors):
        return None
    # A compound family name ("Ortega Morell", "Sadigh Behzadi") is often cut to one part.
    parts = {name_key(p) for a in authors for p in _DASHES.sub(" ", a.family).split() if len(p) > 2}
    if key in parts:
        return None
    if fuzz.ratio(key, name_key(first)) >= NAME_TYPO:
        message = f"The text names the first author {stated}; {source} spells it {first}."
        return finding(Code.CLAIM_AUTHOR, message, W, field="authors", stated=stated, actual=first)
    near = [
        a.family
        for a in authors[1:]
        if fuzz.ratio(key, name_key(family_core(a.family))) >= NAME_TYPO
    ]
    if near:  # "Teder and colleagues" for a senior author Tedder
        message = f"The text names the author {stated}; {source} spells it {near[0]}."
        return finding(
            Code.CLAIM_AUTHOR, message, W, field="authors", stated=stated, actual=near[0]
        )
    if not complete:
        return None
    message = f"The text names {stated} as an author; {source} does not list {stated} among its authors (first author {first})."
    return finding(Code.CLAIM_AUTHOR, message, field="authors", stated=stated, actual=first)

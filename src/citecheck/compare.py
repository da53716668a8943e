"""Field-by-field comparison of claims, reference entries and records -> findings.

For every reference, two comparisons are made:

* the claim(s) citing it against the cited work (the matched record, or the entry
  itself when nothing was matched), and
* the entry against the matched record.

Every disagreement becomes a :class:`~citecheck.model.Finding` with a stable code from
:data:`CODES`.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from rapidfuzz import fuzz

from citecheck import journals, studytype
from citecheck.formatter import render_reference
from citecheck.model import (
    Author,
    Candidate,
    Claim,
    Classification,
    Finding,
    ParsedDocument,
    Population,
    Reference,
    Resolution,
    Severity,
    Status,
    StudyType,
    Style,
    Work,
)

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO

CODES: dict[str, tuple[Severity, str]] = {
    "claim-year": (E, "The year the text gives differs from the cited work's year."),
    "claim-journal": (E, "The journal the text names is not the cited work's journal."),
    "claim-study-type": (
        E,
        "The study design or population the text states does not fit the cited work.",
    ),
    "claim-author": (E, "The author the text names is not an author of the cited work."),
    "ref-year": (E, "The reference entry's year differs from the record."),
    "ref-journal": (E, "The reference entry's journal differs from the record."),
    "ref-title": (W, "The reference entry's title differs from the record."),
    "ref-authors": (W, "The reference entry's authors differ from the record."),
    "ref-volume": (E, "The reference entry's volume differs from the record."),
    "ref-issue": (W, "The reference entry's issue differs from the record."),
    "ref-pages": (E, "The reference entry's pages differ from the record."),
    "ref-doi-mismatch": (E, "The reference entry's DOI belongs to a different work."),
    "ref-doi-not-found": (E, "The reference entry's DOI is not registered."),
    "not-found": (E, "No published work matches the reference."),
    "ambiguous": (W, "Several published works match the reference equally well."),
    "retracted": (E, "The cited work has been retracted, or the DOI is a retraction notice."),
    "expression-of-concern": (W, "The cited work carries an expression of concern."),
    "corrected": (N, "The cited work has a published correction."),
    "unverified": (N, "The reference could not be checked (network, rate limit, offline)."),
    "citation-without-reference": (W, "An inline citation points to no reference entry."),
    "reference-not-cited": (N, "A reference entry is never cited in the text."),
    "unparsed-reference": (W, "A reference entry could not be read into fields."),
}

# Title similarity (0..100) at or above which titles agree, and below which they clash.
_TITLE_SAME = 90.0
_TITLE_CLASH = 60.0
# Family-name similarity that counts as a spelling slip rather than another person.
_NAME_TYPO = 80.0
_NEAREST = 3


@dataclass(frozen=True)
class _Cited:
    """What a claim is checked against: the record, or the entry when there is none."""

    work: Work
    source: str  # "the record" or "the reference list"
    classification: Classification


def compare(parsed: ParsedDocument, resolutions: Mapping[str, Resolution]) -> tuple[Finding, ...]:
    """Every disagreement between the prose, the reference entries and the records."""
    cited = {ref.label: _cited(ref, resolutions.get(ref.label)) for ref in parsed.references}
    findings: list[Finding] = []
    for ref in parsed.references:
        resolution = resolutions.get(ref.label)
        found = [
            *_status_findings(ref, resolution),
            *_update_findings(ref, resolution),
            *_claim_findings(ref, parsed.claims, cited),
            *_entry_findings(ref, resolution),
        ]
        findings.extend(_with_path(f, parsed.path) for f in found)
    findings.extend(_with_path(f, parsed.path) for f in _parse_findings(parsed))
    return tuple(findings)


def _with_path(finding: Finding, path: str) -> Finding:
    return replace(finding, path=path)


def _finding(
    code: str,
    message: str,
    severity: Severity | None = None,
    *,
    label: str | None = None,
    line: int | None = None,
    field: str | None = None,
    stated: str | None = None,
    actual: str | None = None,
) -> Finding:
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


# --------------------------------------------------------------------------- cited work


def _cited(ref: Reference, resolution: Resolution | None) -> _Cited:
    if resolution is not None and resolution.status == Status.MATCHED and resolution.work:
        work = resolution.work
        return _Cited(work, "the record", studytype.classify_work(work))
    work = entry_work(ref)
    if ref.study_type is not None:
        classification = Classification(ref.study_type, 0.5)
    else:
        classification = studytype.classify_title(work.title or "")
    return _Cited(work, "the reference list", classification)


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


# --------------------------------------------------------------------------- resolution


def _status_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    if resolution is None:
        return []
    if resolution.status == Status.NOT_FOUND:
        nearest = _describe_candidates(resolution.candidates)
        message = f"No published work matches reference [{ref.label}]"
        message += f"; the nearest records are {nearest}." if nearest else "."
        return [
            _finding("not-found", message, stated=_short_entry(ref), label=ref.label, line=ref.line)
        ]
    if resolution.status == Status.AMBIGUOUS:
        listed = _describe_candidates(resolution.candidates) or "several records"
        message = f"Reference [{ref.label}] could be any of {listed}; add its DOI to settle it."
        return [
            _finding("ambiguous", message, stated=_short_entry(ref), label=ref.label, line=ref.line)
        ]
    if resolution.status == Status.UNVERIFIED:
        reason = resolution.reason or "no reason given"
        message = f"Reference [{ref.label}] could not be checked ({reason}); nothing is known to be wrong with it."
        return [_finding("unverified", message, actual=reason, label=ref.label, line=ref.line)]
    return []


def _describe_candidates(candidates: Sequence[Candidate]) -> str:
    parts = []
    for candidate in candidates[:_NEAREST]:
        work = candidate.work
        title = work.full_title or "untitled"
        year = f", {work.year}" if work.year else ""
        parts.append(f'"{title}"{year} (doi:{work.doi})')
    return "; ".join(parts)


def _short_entry(ref: Reference) -> str:
    f = ref.fields
    first = f.authors[0].family if f.authors else None
    bits = [b for b in (first, str(f.year) if f.year else None, f.title) if b]
    return ", ".join(bits) if bits else ref.text


# --------------------------------------------------------------------------- updates


def _update_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    if resolution is None or resolution.status != Status.MATCHED or resolution.work is None:
        return []
    work = resolution.work

    def where(code: str, message: str) -> Finding:
        return _finding(code, message, label=ref.label, line=ref.line, field="doi", actual=work.doi)

    found: dict[str, Finding] = {}
    for update in work.updated_by:
        kind = _update_kind(update.type)
        if kind == "retracted":
            message = (
                f"The work cited as [{ref.label}] has been retracted (notice doi:{update.doi})."
            )
        elif kind == "expression-of-concern":
            message = f"The work cited as [{ref.label}] carries an expression of concern (doi:{update.doi})."
        elif kind == "corrected":
            message = (
                f"The work cited as [{ref.label}] has a published correction (doi:{update.doi})."
            )
        else:
            continue
        found.setdefault(kind, where(kind, message))
    for update in work.update_to:
        if _update_kind(update.type) == "retracted":
            message = f"The DOI cited as [{ref.label}] is a retraction notice, not the work itself (it retracts doi:{update.doi})."
            found.setdefault("retracted", where("retracted", message))
        elif _update_kind(update.type) == "corrected":
            message = f"The DOI cited as [{ref.label}] is a correction notice (it corrects doi:{update.doi}), not the work itself."
            found.setdefault("corrected", where("corrected", message))
    if re.match(r"\s*retracted\s*[:.]", work.title or "", re.IGNORECASE):
        message = f"The record of the work cited as [{ref.label}] is titled as retracted."
        found.setdefault("retracted", where("retracted", message))
    return list(found.values())


def _update_kind(kind: str) -> str | None:
    kind = kind.lower().replace("-", "_").replace(" ", "_")
    if kind in {"retraction", "withdrawal", "removal"}:
        return "retracted"
    if kind in {"expression_of_concern", "concern"}:
        return "expression-of-concern"
    if kind in {"correction", "erratum", "corrigendum", "addendum", "clarification"}:
        return "corrected"
    return None


# --------------------------------------------------------------------------- claims


def _claim_findings(
    ref: Reference, claims: Iterable[Claim], cited: Mapping[str, _Cited]
) -> list[Finding]:
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
    label: str, claim: Claim, target: _Cited, others: Sequence[_Cited]
) -> list[Finding]:
    found: list[Finding] = []
    work = target.work
    if claim.year is not None:
        severity = _year_severity(claim.year, work.years)
        if severity and all(_year_severity(claim.year, o.work.years) for o in others):
            actual = _years_text(work)
            message = f"The text says this study was published in {claim.year}; {target.source} says {actual}."
            found.append(
                _finding(
                    "claim-year",
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
            _finding(
                "claim-journal",
                message,
                field="journal",
                stated=claim.journal,
                actual=work.journal,
                label=label,
                line=claim.line,
            )
        )
    study = _study_finding(claim, target, others)
    if study:
        found.append(replace(study, label=label, line=claim.line))
    if claim.authors and work.authors:
        author = _author_finding(claim.authors[0], work.authors, target.source)
        if author and not any(
            o.work.authors and not _author_finding(claim.authors[0], o.work.authors, "")
            for o in others
        ):
            found.append(replace(author, label=label, line=claim.line))
    return found


def _year_severity(stated: int, years: frozenset[int]) -> Severity | None:
    if not years or stated in years:
        return None
    # One year off any of the record's dates is usually online-first versus print.
    if any(abs(stated - year) == 1 for year in years):
        return W
    return E


def _years_text(work: Work) -> str:
    years = sorted(work.years)
    if work.year and len(years) > 1:
        others = ", ".join(str(y) for y in years if y != work.year)
        return f"{work.year} (also {others})"
    return str(work.year or (years[0] if years else ""))


def _named_in(text: str, work: Work) -> bool:
    """True when the sentence names the record's journal in full, whatever was extracted.

    Names with a colon, dash or comma ("Nonlinear Analysis: Hybrid Systems") may be read
    short; the sentence still says the right thing, so it is not an error.
    """
    names = [n for n in (work.journal, *work.short_journals) if n and len(_words(n)) > 6]
    return any(_words(n) in _words(text) for n in names)


def _journal_agrees(name: str, work: Work) -> bool:
    return journals.matches_work(name, work)


def _journal_disagrees(name: str, work: Work, others: Sequence[_Cited]) -> bool:
    if _journal_agrees(name, work):
        return False
    return not any(o.work.journal and _journal_agrees(name, o.work) for o in others)


def _study_finding(claim: Claim, target: _Cited, others: Sequence[_Cited]) -> Finding | None:
    actual = target.classification
    if actual.study_type == StudyType.STUDY or (
        claim.study_type is None and claim.population is None
    ):
        return None

    def fits(c: Classification) -> bool:
        if c.study_type == StudyType.STUDY:
            return True
        if claim.study_type is not None and not studytype.compatible(
            claim.study_type, c.study_type
        ):
            return False
        return studytype.population_compatible(claim.population, c.population)

    if fits(actual) or any(fits(o.classification) for o in others):
        return None
    severity = E if actual.confidence >= 0.5 else W
    if _preclinical(claim) and actual.study_type in _PRECLINICAL:
        # Animal work and cell work often share one paper (rats and myotubes alike):
        # telling them apart from a title is a hint, not an accusation.
        severity = W
    actual_text = design_name(actual.study_type, actual.population)
    if claim.study_type is not None and not studytype.compatible(
        claim.study_type, actual.study_type
    ):
        stated = claim.study_type_phrase or design_name(claim.study_type)
        message = f"The text calls this {_a(stated)}; {target.source} describes {_a(actual_text)}."
    else:
        stated = _POPULATIONS.get(claim.population, "") if claim.population else ""
        message = (
            f"The text presents this as a study in {stated}; "
            f"{target.source} describes {_a(actual_text)}."
        )
    return _finding(
        "claim-study-type", message, severity, field="study_type", stated=stated, actual=actual_text
    )


_PRECLINICAL = (StudyType.ANIMAL, StudyType.IN_VITRO)


def _preclinical(claim: Claim) -> bool:
    """The claim speaks of animals or cells (by design word or by population)."""
    return claim.study_type in _PRECLINICAL or claim.population in (
        Population.ANIMAL,
        Population.IN_VITRO,
    )


_DESIGNS = {
    StudyType.COHORT: "cohort study",
    StudyType.CASE_CONTROL: "case-control study",
    StudyType.CROSS_SECTIONAL: "cross-sectional study",
    StudyType.QUALITATIVE: "qualitative study",
    StudyType.ANIMAL: "animal study",
    StudyType.IN_VITRO: "in-vitro study",
    StudyType.PROTOCOL: "study protocol",
    StudyType.META_ANALYSIS: "meta-analysis",
    StudyType.CASE_REPORT: "case report",
}
_POPULATIONS = {
    Population.HUMAN: "people",
    Population.ANIMAL: "animals",
    Population.IN_VITRO: "cells",
}


def design_name(design: StudyType, population: Population | None = None) -> str:
    """A study design in words: "randomized controlled trial", "cohort study (in animals)"."""
    text = _DESIGNS.get(design, design.value.replace("_", " ").replace("non ", "non-"))
    if population in (Population.ANIMAL, Population.IN_VITRO) and design not in (
        StudyType.ANIMAL,
        StudyType.IN_VITRO,
    ):
        text += f" (in {_POPULATIONS[population]})"
    return text


def _a(phrase: str) -> str:
    return ("an " if phrase[:1] and phrase[0].lower() in "aeio" else "a ") + phrase


def _author_finding(stated: str, authors: Sequence[Author], source: str) -> Finding | None:
    first = authors[0].family
    if _name_key(stated) == _name_key(first):
        return None
    if fuzz.ratio(_name_key(stated), _name_key(first)) >= _NAME_TYPO:
        message = f"The text names the first author {stated}; {source} spells it {first}."
        return _finding("claim-author", message, W, field="authors", stated=stated, actual=first)
    if any(_name_key(stated) == _name_key(a.family) for a in authors[1:]):
        message = (
            f"The text names {stated}, who is not the first author; {source} lists {first} first."
        )
        return _finding("claim-author", message, W, field="authors", stated=stated, actual=first)
    message = f"The text names {stated} as the author; {source} gives {first} as first author."
    return _finding("claim-author", message, field="authors", stated=stated, actual=first)


def _name_key(name: str) -> str:
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().casefold()
    return re.sub(r"[^a-z]", "", text)


# --------------------------------------------------------------------------- entry vs record


def _entry_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    if resolution is None:
        return []
    found = _doi_findings(ref, resolution)
    work = resolution.work
    if resolution.status == Status.MATCHED and work is not None and ref.parsed:
        found.extend(
            f
            for f in (
                _entry_year(ref, work),
                _entry_journal(ref, work),
                _entry_title(ref, work),
                _entry_authors(ref, work),
                _entry_plain(ref, "volume", ref.fields.volume, work.volume),
                _entry_plain(ref, "issue", ref.fields.issue, work.issue),
                _entry_pages(ref, work),
            )
            if f is not None
        )
    if work is not None:
        found = [f for f in found if not _written_in_entry(ref, f.field, work)]
    if not found or work is None:
        return found
    suggestion = suggest(work, ref.style)
    return [replace(f, suggestion=suggestion) for f in found]


_LINK = re.compile(r"(?:https?://\S+|\bdoi:\s*\S+|\b10\.\d{4,9}/\S+)", re.IGNORECASE)
_NON_WORD = re.compile(r"[\W_]+")


def _words(text: str) -> str:
    """Text as lower-case words separated by single spaces, for containment tests."""
    return " " + _NON_WORD.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip() + " "


def _written_in_entry(ref: Reference, field: str | None, work: Work) -> bool:
    """True when the entry's own text already gives the record's value for ``field``.

    The disagreement is then in how citecheck read an unusual entry (a dotted
    abbreviation, an apostrophe in a quoted title, a compound surname, "13,771-13,794"),
    not in what the author wrote: never accuse on it. Years, issues and short volumes
    are left out, as they can turn up by coincidence.
    """
    values: list[str | None]
    if field == "journal":
        values = [work.journal, *work.short_journals]
    elif field == "title":
        values = [work.title, work.full_title]
    elif field == "authors":
        families = [a.family for a in work.authors[:3]]
        return bool(families) and all(_words(f) in _words(ref.text) for f in families)
    elif field == "pages":
        values = [work.pages]
    elif field == "volume" and work.volume and not work.volume.isdigit():
        # Only a volume that is not a plain number ("130-134", "Suppl 2"): a plain number
        # turns up elsewhere in an entry by coincidence (a year, a last page).
        values = [work.volume]
    else:
        return False
    text = _words(_LINK.sub(" ", ref.text))
    return any(v and len(_words(v)) > 3 and _words(v) in text for v in values)


def _ref(
    code: str,
    ref: Reference,
    message: str,
    severity: Severity | None = None,
    *,
    field: str,
    stated: str,
    actual: str | None = None,
) -> Finding:
    return _finding(
        code,
        message,
        severity,
        label=ref.label,
        line=ref.line,
        field=field,
        stated=stated,
        actual=actual,
    )


def _doi_findings(ref: Reference, resolution: Resolution) -> list[Finding]:
    stated = ref.fields.doi
    if not stated:
        return []
    if resolution.doi_status == "not_found":
        message = f"The DOI given for reference [{ref.label}] ({stated}) is not registered."
        return [_ref("ref-doi-not-found", ref, message, field="doi", stated=stated)]
    work = resolution.work
    if resolution.status == Status.MATCHED and work and work.doi.casefold() != stated.casefold():
        elsewhere = resolution.doi_work
        points = (
            f' "{elsewhere.full_title}"' if elsewhere and elsewhere.full_title else " another work"
        )
        message = f"The DOI given for reference [{ref.label}] points to{points}; the cited work is doi:{work.doi}."
        return [_ref("ref-doi-mismatch", ref, message, field="doi", stated=stated, actual=work.doi)]
    return []


def _entry_year(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.year
    severity = _year_severity(stated, work.years) if stated else None
    if severity is None:
        return None
    actual = _years_text(work)
    message = f"Reference [{ref.label}] gives the year {stated}; the record says {actual}."
    return _ref("ref-year", ref, message, severity, field="year", stated=str(stated), actual=actual)


def _entry_journal(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.journal
    if not stated or not work.journal or _journal_agrees(stated, work):
        return None
    message = f"Reference [{ref.label}] names the journal {stated}; the record says {work.journal}."
    return _ref("ref-journal", ref, message, field="journal", stated=stated, actual=work.journal)


def _title_key(text: str) -> str:
    text = re.sub(r"<[^>]+>", " ", text)
    text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().casefold()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def title_similarity(stated: str, work: Work) -> float:
    """Similarity 0..100 of a stated title to the record's title or title plus subtitle."""
    options = {t for t in (work.title, work.full_title) if t}
    return max(
        (fuzz.token_sort_ratio(_title_key(stated), _title_key(t)) for t in options), default=100.0
    )


def _entry_title(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.title
    if not stated or not work.title:
        return None
    score = title_similarity(stated, work)
    if score >= _TITLE_SAME:
        return None
    severity = E if score < _TITLE_CLASH else W
    actual = work.full_title or work.title
    message = f'Reference [{ref.label}] gives the title differently from the record ("{actual}").'
    return _ref("ref-title", ref, message, severity, field="title", stated=stated, actual=actual)


def _entry_authors(ref: Reference, work: Work) -> Finding | None:
    stated, actual = ref.fields.authors, work.authors
    if not stated or not actual:
        return None
    first, real = stated[0].family, actual[0].family
    if _name_key(first) != _name_key(real):
        if fuzz.ratio(_name_key(first), _name_key(real)) >= _NAME_TYPO:
            message = (
                f"Reference [{ref.label}] spells the first author {first}; the record says {real}."
            )
            return _ref("ref-authors", ref, message, W, field="authors", stated=first, actual=real)
        message = f"Reference [{ref.label}] gives {first} as first author; the record says {real}."
        return _ref("ref-authors", ref, message, E, field="authors", stated=first, actual=real)
    keys = [_name_key(a.family) for a in actual]
    known = [
        a for a in stated if any(fuzz.ratio(_name_key(a.family), k) >= _NAME_TYPO for k in keys)
    ]
    if len(stated) >= 3 and len(known) * 2 < len(stated):
        names = ", ".join(a.family for a in stated)
        real_names = ", ".join(a.family for a in actual[: len(stated)])
        message = f"Reference [{ref.label}] lists authors the record does not ({names}; the record has {real_names})."
        return _ref("ref-authors", ref, message, field="authors", stated=names, actual=real_names)
    return None


def _plain_key(value: str) -> str:
    return re.sub(r"^0+(?=\w)", "", re.sub(r"\s+", "", value).casefold())


def _entry_plain(
    ref: Reference, field: str, stated: str | None, actual: str | None
) -> Finding | None:
    if not stated or not actual or _plain_key(stated) == _plain_key(actual):
        return None
    message = f"Reference [{ref.label}] gives {field} {stated}; the record says {actual}."
    return _ref(f"ref-{field}", ref, message, field=field, stated=stated, actual=actual)


def page_range(pages: str) -> tuple[str, str | None]:
    """First and last page of "401-409", "401-9", "e471–e477", "104717" (last None when absent)."""
    text = re.sub(r"^\s*(?:pp?\.?\s*)", "", pages.strip(), flags=re.IGNORECASE).casefold()
    parts = [p.strip() for p in re.split(r"\s*[-\u2010-\u2015\u2212]+\s*", text, maxsplit=1)]
    first = parts[0]
    if len(parts) == 1 or not parts[1]:
        return first, None
    last = parts[1]
    # "401-9" abbreviates the last page: take the missing leading digits from the first.
    if first.isdigit() and last.isdigit() and len(last) < len(first):
        last = first[: len(first) - len(last)] + last
    return first, last


def _entry_pages(ref: Reference, work: Work) -> Finding | None:
    stated = ref.fields.pages
    actual = work.pages or work.article_number
    if not stated or not actual:
        return None
    if work.article_number and _plain_key(stated) == _plain_key(work.article_number):
        return None
    s_first, s_last = page_range(stated)
    a_first, a_last = page_range(actual)
    # Some publishers deposit the first page only: then only the first page can be judged.
    agrees = s_first == a_first and (a_last is None or s_last is None or s_last == a_last)
    if agrees:
        return None
    message = f"Reference [{ref.label}] gives pages {stated}; the record says {actual}."
    return _ref("ref-pages", ref, message, field="pages", stated=stated, actual=actual)


# --------------------------------------------------------------------------- parse level


def _parse_findings(parsed: ParsedDocument) -> list[Finding]:
    found: list[Finding] = []
    for citation in parsed.dangling():
        missing = [t for t in citation.targets if t not in {r.label for r in parsed.references}]
        what = ", ".join(missing) if missing else citation.marker
        message = (
            f"The citation {citation.marker} points to no entry in the reference list ({what})."
        )
        found.append(
            _finding(
                "citation-without-reference", message, line=citation.line, stated=citation.marker
            )
        )
    for ref in parsed.uncited():
        message = f"Reference [{ref.label}] is never cited in the text."
        found.append(_finding("reference-not-cited", message, label=ref.label, line=ref.line))
    for ref in parsed.references:
        if not ref.parsed:
            message = (
                f"Reference [{ref.label}] could not be read into author, year, title and journal."
            )
            found.append(
                _finding(
                    "unparsed-reference", message, label=ref.label, line=ref.line, stated=ref.text
                )
            )
    return found


# --------------------------------------------------------------------------- suggestions


def suggest(work: Work, style: Style) -> str:
    """The reference rebuilt from the record, in the entry's own style."""
    return render_reference(work, style)

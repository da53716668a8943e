"""Findings on link references: the link shown, its anchor corrected, its DOI judged.

The comparator treats a link reference like any entry (its claims are compared with the
record the same way). This stage then speaks of links as links:

* every finding on a link names it: the anchor text and the URL;
* a wrong claim gets the corrected anchor text as its suggestion ("Wilkinson et al.,
  2018" for "Wilkinson et al. 2016", "a 2016 randomized controlled trial" for "a 2019
  meta-analysis");
* a link whose anchor names other authors *and* another year than the record its DOI
  points to is ``ref-doi-mismatch`` (the link is wrong, not two facts about the work);
* a DOI that is not registered is ``ref-doi-not-found``, with the nearest records the
  anchor text finds;
* an entry-style "not found" is never raised for a link: a link is looked up by its
  identifier, so it is either that record, unregistered, or unverified.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace

from citecheck import studytype
from citecheck.compare.designs import design_name
from citecheck.compare.resolution import describe_nearest
from citecheck.link_citations import anchor_in, anchors, read_anchor
from citecheck.model import (
    Citation,
    Claim,
    Finding,
    ParsedDocument,
    Reference,
    ReferenceKind,
    Resolution,
    Severity,
    Status,
    StudyType,
    Work,
)
from citecheck.text import name_key, title_similarity

_CLAIM_CODES = frozenset(
    ("claim-year", "claim-journal", "claim-author", "claim-study-type", "claim-population")
)
_REPLACED = frozenset(("not-found", "ref-doi-not-found", "ref-doi-mismatch", "ambiguous"))


def link_findings(
    findings: Iterable[Finding],
    parsed: ParsedDocument,
    resolutions: Mapping[str, Resolution],
) -> tuple[Finding, ...]:
    """``findings`` with those on link references restated for links (see module doc)."""
    links = {r.label: r for r in parsed.references if r.kind is ReferenceKind.LINK}
    written = anchors(parsed.document, parsed.citations)
    if not written and not links:
        return tuple(findings)
    out: list[Finding] = []
    mismatched: set[tuple[str, int | None]] = set()
    for label, reference in links.items():
        resolution = resolutions.get(label)
        for finding in _doi_findings(reference, resolution, parsed, written):
            out.append(replace(finding, path=parsed.path))
            if finding.code == "ref-doi-mismatch":
                mismatched.add((label, finding.line))
    claims = {(c.line, label): c for c in parsed.claims for label in c.references}
    entries = {r.label: r for r in parsed.references}
    for finding in findings:
        label = finding.label or ""
        claim = claims.get((finding.line or 0, label))
        anchor = anchor_in(claim, label, written) if claim else None
        linked = links.get(label)
        if linked is None:
            # An entry cited by a link: its wrong claim is corrected in the anchor text.
            resolution = resolutions.get(label)
            work = resolution.work if resolution and resolution.status == Status.MATCHED else None
            if anchor and work and finding.code in _CLAIM_CODES and label in entries:
                fixed = corrected_anchor(anchor, claim, work, _population(finding))
                finding = replace(finding, suggestion=fixed or finding.suggestion)
            out.append(finding)
            continue
        reference = linked
        if finding.code in _REPLACED:
            continue
        if finding.code in ("claim-year", "claim-author") and (
            (finding.label, finding.line) in mismatched
        ):
            continue  # said once, as the wrong link it is
        resolution = resolutions.get(reference.label)
        work = resolution.work if resolution and resolution.status == Status.MATCHED else None
        suggestion = finding.suggestion
        if finding.code in _CLAIM_CODES and work is not None:
            fixed = corrected_anchor(anchor or reference.text, claim, work, _population(finding))
            suggestion = fixed or suggestion
        name = describe(reference, anchor)
        message = f"{name}: {finding.message}"
        if finding.code == "unverified":
            reason = finding.actual or "no reason given"
            message = (
                f"The {name} could not be checked ({reason}); nothing is known to be wrong with it."
            )
        out.append(replace(finding, message=message, suggestion=suggestion))
    return tuple(_in_order(out, parsed))


def _in_order(findings: list[Finding], parsed: ParsedDocument) -> list[Finding]:
    """Findings grouped by reference in document order (as the comparator gives them)."""
    order = {r.label: i for i, r in enumerate(parsed.references)}
    return sorted(
        findings, key=lambda f: (order.get(f.label or "", len(order)), _rank(f.code), f.line or 0)
    )


def _rank(code: str) -> int:
    return 0 if code.startswith("ref-doi") or code == "unverified" else 1


def describe(reference: Reference, anchor: str | None = None) -> str:
    """How a report names a link: ``link "anchor text" (url)``, or the bare URL."""
    url = reference.fields.url or ""
    text = reference.text if anchor is None else anchor
    if not url or not text or text == url:
        return f"link {url}"
    return f'link "{text}" ({url})'


def _doi_findings(
    reference: Reference,
    resolution: Resolution | None,
    parsed: ParsedDocument,
    written: Mapping[str, list[str]],
) -> list[Finding]:
    if resolution is None:
        return []
    doi = reference.fields.doi
    line = _first_citation_line(parsed.citations, reference)
    if doi and resolution.doi_status == "not_found":
        nearest = describe_nearest(resolution.candidates)
        message = f"The {describe(reference)} points to the DOI {doi}, which is not registered"
        message += f"; the nearest records are {nearest}." if nearest else "."
        return [
            Finding(
                code="ref-doi-not-found",
                severity=Severity.ERROR,
                message=message,
                label=reference.label,
                line=line,
                field="doi",
                stated=doi,
                suggestion=f"nearest records: {nearest}" if nearest else None,
            )
        ]
    if resolution.status == Status.NOT_FOUND and (reference.fields.pmid or reference.fields.pmcid):
        named = reference.fields.pmid or reference.fields.pmcid
        return [
            Finding(
                code="not-found",
                severity=Severity.ERROR,
                message=f"The {describe(reference)} names {named}, which PubMed does not hold.",
                label=reference.label,
                line=line,
                field="pmid" if reference.fields.pmid else "pmcid",
                stated=named,
            )
        ]
    work = resolution.work if resolution.status == Status.MATCHED else None
    if work is None:
        return []
    for claim in parsed.claims:
        if reference.label not in claim.references:
            continue
        anchor = anchor_in(claim, reference.label, written) or ""
        clash = anchor_clash(anchor, work)
        if clash is None:
            continue
        stated, actual = clash
        message = (
            f"The {describe(reference, anchor)} points to another work than its text "
            f"describes ({stated}): {actual}, "
            f'"{work.full_title or "untitled"}" (doi:{work.doi}).'
        )
        return [
            Finding(
                code="ref-doi-mismatch",
                severity=Severity.ERROR,
                message=message,
                label=reference.label,
                line=claim.line,
                field="doi",
                stated=stated,
                actual=actual,
                suggestion=_author_date(work)
                if read_anchor(anchor)
                else f"“{work.full_title or work.title}”",
            )
        ]
    return []


def anchor_clash(anchor: str, work: Work) -> tuple[str, str] | None:
    """``(stated, actual)`` when the anchor names other authors and another year than the record.

    One disagreement is a wrong fact about the right work (claim-year, claim-author);
    both at once mean the link points to a different work.
    """
    stated = read_anchor(anchor)
    if stated is None:
        return _title_clash(anchor, work)
    if not work.authors or not work.years:
        return None
    names, year = stated
    families = {_key(a.family) for a in work.authors}
    if _key(names[0]) in families or year in work.years:
        return None
    return anchor, _author_date(work) or work.doi


_QUOTED = re.compile(r"^[\"“‘'«](?P<title>.{12,}?)[\"”’'»]\.?$")
_TITLE_WORD = re.compile(r"[^\W\d_]{4,}")


def _title_clash(anchor: str, work: Work) -> tuple[str, str] | None:
    """An anchor that quotes a title ("“Ketamine for bipolar depression”") of another work.

    Only a quoted title, or a title-shaped anchor (a colon, six words or more), is read
    as a title: descriptions ("a 2014 randomized trial in JAMA Psychiatry") never are.
    The record's title must share almost no word with it.
    """
    if not work.title:
        return None
    quoted = _QUOTED.match(anchor.strip())
    text = quoted.group("title") if quoted else anchor
    if not quoted and not _title_shaped(anchor):
        return None
    ours = {w.casefold() for w in _TITLE_WORD.findall(text)}
    theirs = {w.casefold() for w in _TITLE_WORD.findall(work.full_title or work.title)}
    similarity = title_similarity(text, work)
    if len(ours) < 3 or (similarity is not None and similarity >= 0.5):
        return None
    if len(ours & theirs) * 3 > len(ours):
        return None
    return anchor, _author_date(work) or work.doi


def _title_shaped(anchor: str) -> bool:
    """A title with a subtitle ("Ketamine in bipolar depression: a crossover trial"), not a
    description ("a 2002 study in Physica C: Superconductivity").
    """
    words = anchor.split()
    return (
        ":" in anchor
        and len(words) >= 6
        and words[0].casefold() not in _DETERMINERS
        and not re.search(r"\b(?:1[89]|20)\d\d\b", anchor)
    )


_DETERMINERS = frozenset(
    ["a", "an", "the", "this", "that", "these", "those", "one", "our", "their", "his", "her", "its"]
)


def _population(finding: Finding) -> str | None:
    """Who the record says was studied ("rats", "people"), for a claim-population finding."""
    return finding.actual if finding.code == "claim-population" else None


def corrected_anchor(
    anchor: str, claim: Claim | None, work: Work, population: str | None = None
) -> str | None:
    """The anchor text rewritten with the record's facts, when it states any."""
    if read_anchor(anchor) is not None:
        return _author_date(work)
    if claim is None or not anchor:
        return None
    base = claim.text.find(anchor)
    if base < 0:
        return None
    replacements: list[tuple[int, int, str]] = []
    year_span = claim.spans.get("year")
    if year_span and work.year and claim.year not in work.years:
        replacements.append((year_span.start, year_span.end, str(work.year)))
    journal_span = claim.spans.get("journal")
    if journal_span and work.journal:
        replacements.append((journal_span.start, journal_span.end, work.journal))
    population_span = claim.spans.get("population")
    design_span = claim.spans.get("study_type")
    if design_span and claim.study_type is not None:
        actual = studytype.classify_work(work)
        if actual.study_type is not StudyType.STUDY and not studytype.compatible(
            claim.study_type, actual.study_type
        ):
            design: StudyType = actual.study_type
            if population_span and population and design in (StudyType.ANIMAL, StudyType.IN_VITRO):
                design = StudyType.STUDY  # who was studied is said once, by the population
            replacements.append((design_span.start, design_span.end, design_name(design)))
    if population_span and population:
        replacements.append((population_span.start, population_span.end, population))
    inside = [
        (start - base, end - base, text)
        for start, end, text in replacements
        if base <= start and end <= base + len(anchor)
    ]
    if not inside:
        return None
    for start, end, text in sorted(inside, reverse=True):
        before = anchor[:start]
        if text == work.journal and before.lower().endswith("the ") and not _TAKES_THE.search(text):
            before = before[:-4]  # "in the Journal of X" -> "in Neurobiology of Disease"
        anchor = before + text + anchor[end:]
    return _fix_article(anchor)


_TAKES_THE = re.compile(r"^(?:the\s)|\b(?:journal|annals|lancet|archives|proceedings)\b", re.I)


def _fix_article(text: str) -> str:
    """ "a animal study" -> "an animal study" after a replacement."""
    return re.sub(
        r"\b([Aa])n?(\s+)(?=([A-Za-z]))",
        lambda m: m.group(1) + ("n" if m.group(3).lower() in "aeio" else "") + m.group(2),
        text,
    )


def _author_date(work: Work) -> str | None:
    """ "Wilkinson et al., 2018", "Feder & Charney, 2014", "Singh, 2016"."""
    if not work.authors or not work.year:
        return None
    first = work.authors[0].family
    if len(work.authors) == 2:
        return f"{first} & {work.authors[1].family}, {work.year}"
    if len(work.authors) > 2:
        return f"{first} et al., {work.year}"
    return f"{first}, {work.year}"


def _first_citation_line(citations: Sequence[Citation], reference: Reference) -> int:
    return next((c.line for c in citations if reference.label in c.references), reference.line)


_key = name_key

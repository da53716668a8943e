"""Findings from how a reference resolved: not found, ambiguous, unverified."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from citecheck.compare.codes import Code, finding
from citecheck.model import Candidate, Finding, Reference, Resolution, Status
from citecheck.resolve.matching import plausibly_meant

_NEAREST = 3


def status_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    """Findings for a reference that matched no record, or several."""
    if resolution is None:
        return []
    if resolution.status == Status.NOT_FOUND:
        nearest = describe_nearest(resolution.candidates)
        message = f"No published work matches reference [{ref.label}]"
        message += f"; the nearest records are {nearest}." if nearest else "."
        return [
            finding(
                Code.NOT_FOUND, message, stated=_short_entry(ref), label=ref.label, line=ref.line
            )
        ]
    if resolution.status == Status.AMBIGUOUS:
        listed = describe_nearest(resolution.candidates) or "several records"
        message = f"Reference [{ref.label}] could be any of {listed}; add its DOI to settle it."
        return [
            finding(
                Code.AMBIGUOUS, message, stated=_short_entry(ref), label=ref.label, line=ref.line
            )
        ]
    if resolution.status == Status.UNVERIFIED:
        reason = resolution.reason or "no reason given"
        message = f"Reference [{ref.label}] could not be checked ({reason}); nothing is known to be wrong with it."
        return [finding(Code.UNVERIFIED, message, actual=reason, label=ref.label, line=ref.line)]
    return []


def describe_nearest(candidates: Sequence[Candidate]) -> str:
    """The nearest records (at most three) that plausibly are the work meant, or "".

    A search returns records for any words; naming one that shares nothing with the
    entry sends an editor after it (:func:`citecheck.resolve.matching.plausibly_meant`).
    """
    parts = []
    plausible = (c for c in candidates if plausibly_meant(c))
    for candidate in itertools.islice(plausible, _NEAREST):
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

"""Findings from how a reference resolved: not found, ambiguous, unverified."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck.compare.codes import Code, finding
from citecheck.model import Candidate, Finding, Reference, Resolution, Status

_NEAREST = 3


def status_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    """Findings for a reference that matched no record, or several."""
    if resolution is None:
        return []
    if resolution.status == Status.NOT_FOUND:
        nearest = _describe_candidates(resolution.candidates)
        message = f"No published work matches reference [{ref.label}]"
        message += f"; the nearest records are {nearest}." if nearest else "."
        return [
            finding(
                Code.NOT_FOUND, message, stated=_short_entry(ref), label=ref.label, line=ref.line
            )
        ]
    if resolution.status == Status.AMBIGUOUS:
        listed = _describe_candidates(resolution.candidates) or "several records"
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

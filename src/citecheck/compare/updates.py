"""Findings from the record's update notices: retracted, expression of concern, corrected."""

from __future__ import annotations

import re

from citecheck.compare.codes import Code, finding
from citecheck.model import Finding, Reference, Resolution, Status


def update_findings(ref: Reference, resolution: Resolution | None) -> list[Finding]:
    """Findings for a matched work since retracted, corrected or given an expression of concern."""
    if resolution is None or resolution.status != Status.MATCHED or resolution.work is None:
        return []
    work = resolution.work

    def where(code: Code, message: str) -> Finding:
        return finding(code, message, label=ref.label, line=ref.line, field="doi", actual=work.doi)

    found: dict[Code, Finding] = {}
    for update in work.updated_by:
        kind = _update_kind(update.type)
        if kind == Code.RETRACTED:
            message = (
                f"The work cited as [{ref.label}] has been retracted (notice doi:{update.doi})."
            )
        elif kind == Code.EXPRESSION_OF_CONCERN:
            message = f"The work cited as [{ref.label}] carries an expression of concern (doi:{update.doi})."
        elif kind == Code.CORRECTED:
            message = (
                f"The work cited as [{ref.label}] has a published correction (doi:{update.doi})."
            )
        else:
            continue
        found.setdefault(kind, where(kind, message))
    for update in work.update_to:
        if _update_kind(update.type) == Code.RETRACTED:
            message = f"The DOI cited as [{ref.label}] is a retraction notice, not the work itself (it retracts doi:{update.doi})."
            found.setdefault(Code.RETRACTED, where(Code.RETRACTED, message))
        elif _update_kind(update.type) == Code.CORRECTED:
            message = f"The DOI cited as [{ref.label}] is a correction notice (it corrects doi:{update.doi}), not the work itself."
            found.setdefault(Code.CORRECTED, where(Code.CORRECTED, message))
    if work.pubmed is not None and "Retracted Publication" in work.pubmed.publication_types:
        message = (
            f"The work cited as [{ref.label}] has been retracted: PubMed indexes it as a "
            f"Retracted Publication (PMID {work.pubmed.pmid})."
        )
        found.setdefault(Code.RETRACTED, where(Code.RETRACTED, message))
    if re.match(r"\s*retracted\s*[:.]", work.title or "", re.IGNORECASE):
        message = f"The record of the work cited as [{ref.label}] is titled as retracted."
        found.setdefault(Code.RETRACTED, where(Code.RETRACTED, message))
    return list(found.values())


def _update_kind(kind: str) -> Code | None:
    kind = kind.lower().replace("-", "_").replace(" ", "_")
    if kind in {"retraction", "withdrawal", "removal"}:
        return Code.RETRACTED
    if kind in {"expression_of_concern", "concern"}:
        return Code.EXPRESSION_OF_CONCERN
    if kind in {"correction", "erratum", "corrigendum", "addendum", "clarification"}:
        return Code.CORRECTED
    return None

"""Findings about the document as a whole: dangling citations, uncited and unread entries."""

from __future__ import annotations

from citecheck.compare.codes import Code, finding
from citecheck.model import Finding, ParsedDocument, ReferenceKind


def document_findings(parsed: ParsedDocument) -> list[Finding]:
    """Findings about the document itself: dangling citations, uncited entries."""
    found: list[Finding] = []
    for citation in parsed.dangling():
        missing = [t for t in citation.targets if t not in {r.label for r in parsed.references}]
        what = ", ".join(missing) if missing else citation.marker
        message = (
            f"The citation {citation.marker} points to no entry in the reference list ({what})."
        )
        found.append(
            finding(
                Code.CITATION_WITHOUT_REFERENCE, message, line=citation.line, stated=citation.marker
            )
        )
    for ref in parsed.uncited():
        message = f"Reference [{ref.label}] is never cited in the text."
        found.append(finding(Code.REFERENCE_NOT_CITED, message, label=ref.label, line=ref.line))
    for ref in parsed.references:
        if not ref.parsed and ref.kind is not ReferenceKind.WEB:  # a web page has no such fields
            message = (
                f"Reference [{ref.label}] could not be read into author, year, title and journal."
            )
            found.append(
                finding(
                    Code.UNPARSED_REFERENCE,
                    message,
                    label=ref.label,
                    line=ref.line,
                    stated=ref.text,
                )
            )
    return found

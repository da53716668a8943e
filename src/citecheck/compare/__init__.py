"""Field-by-field comparison of claims, reference entries and records -> findings.

For every reference, two comparisons are made:

* the claim(s) citing it against the cited work (the matched record, or the entry
  itself when nothing was matched) -- ``claims``, ``designs``, against ``cited``, and
* the entry against the matched record -- ``entry``,

besides what the resolution itself says (``resolution``: not found, ambiguous,
unverified), the record's update notices (``updates``) and the document as a whole
(``document``); findings on links are restated for links (``links``). Every disagreement becomes a :class:`~citecheck.model.Finding` with a
stable :class:`Code` from :data:`CODES` (``codes``); entry findings carry the corrected
reference (``suggestions``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from citecheck.compare.cited import cited_work, entry_work
from citecheck.compare.claims import claim_findings
from citecheck.compare.codes import CODES, Code
from citecheck.compare.designs import design_name
from citecheck.compare.document import document_findings
from citecheck.compare.entry import entry_findings, page_range
from citecheck.compare.links import link_findings
from citecheck.compare.resolution import status_findings
from citecheck.compare.suggestions import suggest, with_suggestion
from citecheck.compare.updates import update_findings
from citecheck.model import Finding, ParsedDocument, Resolution
from citecheck.text import title_similarity

__all__ = [
    "CODES",
    "Code",
    "compare",
    "design_name",
    "entry_work",
    "page_range",
    "suggest",
    "title_similarity",
]


def compare(parsed: ParsedDocument, resolutions: Mapping[str, Resolution]) -> tuple[Finding, ...]:
    """Every disagreement between the prose, the reference entries and the records."""
    cited = {ref.label: cited_work(ref, resolutions.get(ref.label)) for ref in parsed.references}
    findings: list[Finding] = []
    for ref in parsed.references:
        resolution = resolutions.get(ref.label)
        work = resolution.work if resolution is not None else None
        found = [
            *status_findings(ref, resolution),
            *update_findings(ref, resolution),
            *claim_findings(ref, parsed.claims, cited),
            *with_suggestion(entry_findings(ref, resolution), work, ref.style),
        ]
        findings.extend(replace(f, path=parsed.path) for f in found)
    findings.extend(replace(f, path=parsed.path) for f in document_findings(parsed))
    # Findings on links speak of links: the link named, its anchor text corrected.
    return link_findings(findings, parsed, resolutions)

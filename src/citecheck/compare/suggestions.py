"""The corrected reference a finding suggests: the record rebuilt in the entry's style.

Suggestions are attached here and nowhere else (the pipeline may later swap the text for
the registry's own rendering, see ``pipeline.cite_suggestions``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from citecheck.formatter import render_reference
from citecheck.model import Finding, Style, Work


def suggest(work: Work, style: Style) -> str:
    """The reference rebuilt from the record, in the entry's own style."""
    return render_reference(work, style)


def with_suggestion(findings: Sequence[Finding], work: Work | None, style: Style) -> list[Finding]:
    """``findings`` about one entry, each carrying the entry rebuilt from ``work``."""
    if not findings or work is None:
        return list(findings)
    suggestion = suggest(work, style)
    return [replace(f, suggestion=suggestion) for f in findings]

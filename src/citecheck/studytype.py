"""One taxonomy of study designs (STUB: being replaced by the full module)."""

from __future__ import annotations

from citecheck.model import Classification, Population, StudyType, Work


def classify_title(title: str) -> Classification:
    """Study type read from a title."""
    return Classification(StudyType.STUDY, 0.0)


def classify_phrase(text: str) -> Classification | None:
    """Study type stated by a claim's words ("a 2019 meta-analysis"), or None."""
    return None


def classify_work(work: Work) -> Classification:
    """Study type of a Crossref record (type, subtype, title, subtitle, abstract)."""
    return Classification(StudyType.STUDY, 0.0)


def compatible(stated: StudyType, actual: StudyType) -> bool:
    """True when a claim's stated design is consistent with the actual design."""
    return stated == StudyType.STUDY or actual == StudyType.STUDY or stated == actual


def population_compatible(stated: Population | None, actual: Population | None) -> bool:
    """True when a claim's stated population fits the study's actual population."""
    return stated is None or actual is None or stated == actual

"""Study designs and populations in words, and the claim-study-type finding."""

from __future__ import annotations

from collections.abc import Sequence

from citecheck import studytype
from citecheck.compare.cited import Cited
from citecheck.compare.codes import Code, E, W, finding
from citecheck.model import Claim, Classification, Finding, Population, StudyType


def study_finding(claim: Claim, target: Cited, others: Sequence[Cited]) -> Finding | None:
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
    return finding(
        Code.CLAIM_STUDY_TYPE,
        message,
        severity,
        field="study_type",
        stated=stated,
        actual=actual_text,
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

"""Study designs and populations in words, and the claim-study-type finding."""

from __future__ import annotations

import re
from collections.abc import Sequence

from citecheck import studytype
from citecheck.compare.cited import Cited
from citecheck.compare.codes import Code, E, W, finding
from citecheck.model import Claim, Classification, Finding, Population, StudyType


def study_finding(claim: Claim, target: Cited, others: Sequence[Cited]) -> Finding | None:
    """A finding when the claim's study type or population fits none of the cited works."""
    actual = target.classification
    if claim.study_type is None and claim.population is None:
        return None
    if actual.study_type == StudyType.STUDY:
        return _observational_finding(claim, target, others)

    def fits(c: Classification) -> bool:
        if c.study_type == StudyType.STUDY or _pooled(claim, c):
            return True
        if claim.study_type is not None and not studytype.compatible(
            claim.study_type, c.study_type
        ):
            return False
        return studytype.population_compatible(claim.population, c.population)

    if fits(actual) or any(fits(o.classification) for o in others):
        return None
    design_fits = claim.study_type is None or studytype.compatible(
        claim.study_type, actual.study_type
    )
    animal_design = StudyType.ANIMAL in (claim.study_type, actual.study_type)
    if (design_fits or animal_design) and _people_versus_animals(
        claim.population, actual.population
    ):
        return None  # people versus animals is claim-population's, with its evidence
    severity = E if actual.confidence >= 0.5 else W
    if _preclinical(claim) and actual.study_type in _PRECLINICAL:
        # Animal work and cell work often share one paper (rats and myotubes alike):
        # telling them apart from a title is a hint, not an accusation.
        severity = W
    actual_text = design_name(actual.study_type, actual.population)
    evidence = f"{target.source} describes {_a(actual_text)}"
    if actual.source == "pubmed" and actual.cues:
        evidence = f"PubMed indexes it as {_a(actual.cues[0])}"
        if actual.study_type in _PRECLINICAL:
            evidence = f"PubMed indexes it as {_a(actual_text)} ({mesh_evidence(target)})"
    if not design_fits:
        stated = claim.study_type_phrase or design_name(claim.study_type or StudyType.STUDY)
        message = f"The text calls this {_a(stated)}; {evidence}."
    else:
        stated = _POPULATIONS.get(claim.population, "") if claim.population else ""
        message = f"The text presents this as a study in {stated}; {evidence}."
    return finding(
        Code.CLAIM_STUDY_TYPE,
        message,
        severity,
        field="study_type",
        stated=stated,
        actual=actual_text,
    )


# Designs an original observational study can never be.
_NOT_OBSERVATIONAL = frozenset(
    (
        StudyType.META_ANALYSIS,
        StudyType.SYSTEMATIC_REVIEW,
        StudyType.RANDOMIZED_CONTROLLED_TRIAL,
    )
)


def _observational_finding(claim: Claim, target: Cited, others: Sequence[Cited]) -> Finding | None:
    """claim-study-type for a meta-analysis, systematic review or randomised trial that
    PubMed indexes as an original observational study ("Retrospective Studies"), although
    neither its types nor its title name the design.
    """
    record = target.work.pubmed
    if claim.study_type not in _NOT_OBSERVATIONAL or record is None:
        return None
    from citecheck.resolve import pubmed_index

    cue = pubmed_index.observational(record)
    if cue is None:
        return None
    stated = claim.study_type_phrase or design_name(claim.study_type)
    if any(
        o.classification.study_type == StudyType.STUDY
        or studytype.compatible(claim.study_type, o.classification.study_type)
        for o in others
        if not (o.work.pubmed and pubmed_index.observational(o.work.pubmed))
    ):
        return None
    kind = "publication type" if cue == pubmed_index.OBSERVATIONAL_TYPE else "MeSH"
    message = (
        f"The text calls this {_a(stated)}; PubMed indexes it as an original observational "
        f"study ({kind}: {cue}), not {_a(design_name(claim.study_type))}."
    )
    return finding(
        Code.CLAIM_STUDY_TYPE,
        message,
        E,
        field="study_type",
        stated=stated,
        actual="observational study",
    )


_PRECLINICAL = (StudyType.ANIMAL, StudyType.IN_VITRO)
_REVIEWS = frozenset(
    (StudyType.META_ANALYSIS, StudyType.SYSTEMATIC_REVIEW, StudyType.NARRATIVE_REVIEW)
)
_PLURAL_DESIGN = re.compile(r"(?:trials|studies|analyses|experiments)$", re.IGNORECASE)


def _pooled(claim: Claim, actual: Classification) -> bool:
    """True when the claim names, in the plural, the kind of studies a cited review pooled.

    "Wang and colleagues combined observational studies with randomised trials [1]" says
    what the review brought together, not that the one work cited is a trial.
    """
    phrase = claim.study_type_phrase or ""
    return actual.study_type in _REVIEWS and bool(_PLURAL_DESIGN.search(phrase.strip()))


_PEOPLE_AND_ANIMALS = frozenset({Population.HUMAN, Population.ANIMAL})


def _people_versus_animals(stated: Population | None, actual: Population | None) -> bool:
    """The claim says people and the work studied animals, or the reverse."""
    return stated != actual and {stated, actual} == _PEOPLE_AND_ANIMALS


def mesh_evidence(target: Cited) -> str:
    """The MeSH check tags behind a population: "MeSH: Animals, Rats; not Humans"."""
    from citecheck.resolve import pubmed_index

    record = target.work.pubmed
    if record is None:
        return ""
    headings = set(record.mesh_headings)
    tags = [t for t in (pubmed_index.HUMANS, pubmed_index.ANIMALS) if t in headings]
    named = [
        h
        for h in record.mesh_headings
        if h in pubmed_index.SPECIES or h in pubmed_index.CELL_HEADINGS
    ]
    text = "MeSH: " + ", ".join(tags + named[:3])
    if pubmed_index.ANIMALS in headings and pubmed_index.HUMANS not in headings:
        text += "; not Humans"
    return text


def population_finding(claim: Claim, target: Cited, others: Sequence[Cited]) -> Finding | None:
    """claim-population: people in the text, animals in the work (or the reverse)."""
    actual = target.classification
    if not _people_versus_animals(claim.population, actual.population):
        return None
    if any(
        o.classification.population is None or o.classification.population == claim.population
        for o in others
    ):
        return None  # another work the sentence cites may be the one it describes
    span = claim.spans.get("population")
    said = span.text if span else _POPULATIONS[claim.population or Population.HUMAN]
    quoted = f' ("{span.text}")' if span else ""
    record = target.work.pubmed
    from citecheck.resolve import pubmed_index

    if record is not None and pubmed_index.mesh_population(record.mesh_headings) in (
        "human",
        "animal",
    ):
        kind = "an animal study" if actual.population is Population.ANIMAL else "a study in people"
        evidence = f"PubMed indexes it as {kind} ({mesh_evidence(target)})"
    else:
        kind = "animals" if actual.population is Population.ANIMAL else "people"
        cue = f' ("{actual.cues[0]}")' if actual.cues else ""
        evidence = f"{target.source} describes a study in {kind}{cue}"
    who = "people" if claim.population is Population.HUMAN else "animals"
    message = f"The text says this study was in {who}{quoted}; {evidence}."
    severity = E if actual.confidence >= 0.5 else W
    actual_text = "animals" if actual.population is Population.ANIMAL else "people"
    if record is not None:
        named = pubmed_index.species(record.mesh_headings)
        if named and actual.population is Population.ANIMAL:
            actual_text = ", ".join(named)
    return finding(
        Code.CLAIM_POPULATION,
        message,
        severity,
        field="population",
        stated=said,
        actual=actual_text,
    )


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

"""PubMed's indexing read as citecheck's taxonomy: publication types and MeSH check tags.

Two tables, each tested row by row (``tests/test_pubmed_index.py``) and measured by
``benchmarks/pubmed_mapping.py``:

* :data:`PUBLICATION_TYPES`: a PubMed publication type -> the study design it states.
  Types that name no design (Journal Article, Comparative Study, Research Support...)
  are absent. When a record carries several, the most decisive wins
  (:data:`PRECEDENCE`): a "Meta-Analysis" that is also a "Review" is a meta-analysis,
  a "Randomized Controlled Trial" that is also a "Clinical Trial, Phase III" an RCT.
* :data:`SPECIES`: a MeSH descriptor (or the first part of one: "Rats, Wistar") -> the
  species named in words ("rats").

The population follows MEDLINE's check tags: ``animal`` is the Animals tag without
Humans, ``human`` Humans without Animals, ``human_and_animal`` both. ``in_vitro`` is a
record whose cell-culture headings ("Cells, Cultured", "Cell Line", "In Vitro
Techniques") come without the age and sex check tags that every study of people gets
(cells from human donors are tagged Humans too). No tag at all (PubMed-not-MEDLINE,
in-process records) is ``None``: PubMed does not say.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from citecheck.model import Classification, Population, PubmedRecord, StudyType

S = StudyType

# Why the less obvious rows are as they are:
# - "Review" is any review (PubMed gave systematic reviews only "Review" before 2019):
#   the umbrella REVIEW, which fits "a systematic review" and "a meta-analysis" alike.
# - "Controlled Clinical Trial" is NLM's type for trials whose allocation is not
#   random (randomised ones are indexed "Randomized Controlled Trial").
# - "Clinical Trial" and its phases say trial, not how it was allocated: TRIAL.
# - "Letter" is absent: research letters report studies of every design.
# - "Observational Study" is absent: it spans cohort, case-control and cross-sectional
#   designs, which the taxonomy keeps apart; the title decides among them.
PUBLICATION_TYPES: Mapping[str, StudyType] = {
    "Meta-Analysis": S.META_ANALYSIS,
    "Network Meta-Analysis": S.META_ANALYSIS,
    "Systematic Review": S.SYSTEMATIC_REVIEW,
    "Scoping Review": S.SYSTEMATIC_REVIEW,
    "Practice Guideline": S.GUIDELINE,
    "Guideline": S.GUIDELINE,
    "Consensus Development Conference": S.GUIDELINE,
    "Consensus Development Conference, NIH": S.GUIDELINE,
    "Clinical Trial Protocol": S.PROTOCOL,
    "Randomized Controlled Trial": S.RANDOMIZED_CONTROLLED_TRIAL,
    "Randomized Controlled Trial, Veterinary": S.RANDOMIZED_CONTROLLED_TRIAL,
    "Equivalence Trial": S.TRIAL,
    "Pragmatic Clinical Trial": S.TRIAL,
    "Adaptive Clinical Trial": S.TRIAL,
    "Controlled Clinical Trial": S.NON_RANDOMIZED_TRIAL,
    "Clinical Trial": S.TRIAL,
    "Clinical Trial, Phase I": S.TRIAL,
    "Clinical Trial, Phase II": S.TRIAL,
    "Clinical Trial, Phase III": S.TRIAL,
    "Clinical Trial, Phase IV": S.TRIAL,
    "Clinical Trial, Veterinary": S.TRIAL,
    "Case Reports": S.CASE_REPORT,
    "Review": S.REVIEW,
    "Editorial": S.EDITORIAL,
    "Comment": S.EDITORIAL,
    "News": S.EDITORIAL,
    "Newspaper Article": S.EDITORIAL,
}

# Most decisive first: the first design a record's types give is its design.
PRECEDENCE: tuple[StudyType, ...] = (
    S.PROTOCOL,
    S.META_ANALYSIS,
    S.SYSTEMATIC_REVIEW,
    S.GUIDELINE,
    S.RANDOMIZED_CONTROLLED_TRIAL,
    S.NON_RANDOMIZED_TRIAL,
    S.TRIAL,
    S.CASE_REPORT,
    S.REVIEW,
    S.EDITORIAL,
)

RETRACTED = "Retracted Publication"
RETRACTION_NOTICE = "Retraction of Publication"

# MeSH descriptor (or its part before the first comma) -> the species in words.
SPECIES: Mapping[str, str] = {
    "Rats": "rats",
    "Mice": "mice",
    "Swine": "pigs",
    "Sus scrofa": "pigs",
    "Dogs": "dogs",
    "Cats": "cats",
    "Rabbits": "rabbits",
    "Sheep": "sheep",
    "Cattle": "cattle",
    "Goats": "goats",
    "Horses": "horses",
    "Guinea Pigs": "guinea pigs",
    "Cricetinae": "hamsters",
    "Mesocricetus": "hamsters",
    "Gerbillinae": "gerbils",
    "Ferrets": "ferrets",
    "Macaca": "macaques",
    "Macaca mulatta": "macaques",
    "Macaca fascicularis": "macaques",
    "Callithrix": "marmosets",
    "Primates": "primates",
    "Chickens": "chickens",
    "Zebrafish": "zebrafish",
    "Drosophila": "fruit flies",
    "Drosophila melanogaster": "fruit flies",
    "Caenorhabditis elegans": "nematodes",
}

HUMANS = "Humans"
ANIMALS = "Animals"
# Check tags given to every study of people (age groups and sex).
_PEOPLE_TAGS = frozenset(
    {
        "Male",
        "Female",
        "Adult",
        "Young Adult",
        "Middle Aged",
        "Aged",
        "Aged, 80 and over",
        "Adolescent",
        "Child",
        "Child, Preschool",
        "Infant",
        "Infant, Newborn",
        "Pregnancy",
    }
)
CELL_HEADINGS = frozenset(
    {
        "Cells, Cultured",
        "Cell Line",
        "Cell Line, Tumor",
        "Cell Line, Transformed",
        "In Vitro Techniques",
        "Organoids",
        "Induced Pluripotent Stem Cells",
        "HEK293 Cells",
        "HeLa Cells",
    }
)

MESH_POPULATIONS = ("human", "animal", "human_and_animal", "in_vitro")

# What says a record is an original observational study, though not which design: the
# publication type, and the design headings NLM gives an article for its own design
# (the "as Topic" headings are for articles about such studies). Cohort, prospective,
# longitudinal and follow-up headings are left out: trials and pooled analyses of
# cohorts carry them too.
OBSERVATIONAL_TYPE = "Observational Study"
OBSERVATIONAL_HEADINGS = (
    "Retrospective Studies",
    "Case-Control Studies",
    "Cross-Sectional Studies",
)
# Headings that leave a trial or a review possible after all: a nested case-control
# study in trial cohorts ("Randomized Controlled Trials as Topic"), blinding, pooling.
_TRIAL_OR_REVIEW_HEADINGS = frozenset(
    {
        "Random Allocation",
        "Double-Blind Method",
        "Single-Blind Method",
        "Placebos",
        "Cross-Over Studies",
        "Meta-Analysis as Topic",
        "Network Meta-Analysis as Topic",
        "Systematic Reviews as Topic",
        "Review Literature as Topic",
    }
)


def design_of(publication_types: Sequence[str]) -> tuple[StudyType, str] | None:
    """The design the publication types state, with the type that states it, or None."""
    found: dict[StudyType, str] = {}
    for name in publication_types:
        design = PUBLICATION_TYPES.get(name.strip())
        if design is not None:
            found.setdefault(design, name.strip())
    for design in PRECEDENCE:
        if design in found:
            return design, found[design]
    return None


def observational(record: PubmedRecord) -> str | None:
    """The publication type or MeSH heading that makes the record an original observational
    study (neither a trial nor a review), or None when PubMed does not say so clearly.
    """
    if design_of(record.publication_types) is not None:
        return None  # the types name a design: classify() uses it
    headings = [h.strip() for h in record.mesh_headings]
    if any("Trial" in h or h in _TRIAL_OR_REVIEW_HEADINGS for h in headings):
        return None
    if OBSERVATIONAL_TYPE in (t.strip() for t in record.publication_types):
        return OBSERVATIONAL_TYPE
    return next((h for h in OBSERVATIONAL_HEADINGS if h in headings), None)


def mesh_population(headings: Sequence[str]) -> str | None:
    """``human``, ``animal``, ``human_and_animal``, ``in_vitro`` or None (MeSH does not say)."""
    names = {h.strip() for h in headings}
    human, animal = HUMANS in names, ANIMALS in names
    cells = bool(names & CELL_HEADINGS)
    if human and animal:
        return "human_and_animal"
    if animal:
        return "animal"
    if cells and not names & _PEOPLE_TAGS:
        return "in_vitro"
    if human:
        return "human"
    return None


def species(headings: Sequence[str]) -> tuple[str, ...]:
    """The species MeSH names ("rats", "mice"...), in heading order, each once."""
    found: list[str] = []
    for heading in headings:
        name = heading.strip()
        word = SPECIES.get(name) or SPECIES.get(name.split(",")[0].strip())
        if word and word not in found:
            found.append(word)
    return tuple(found)


_POPULATION = {
    "human": Population.HUMAN,
    "animal": Population.ANIMAL,
    "in_vitro": Population.IN_VITRO,
}


def population(record: PubmedRecord) -> Population | None:
    """The record's population as the taxonomy's :class:`Population` (None for both or none)."""
    return _POPULATION.get(mesh_population(record.mesh_headings) or "")


def retracted(record: PubmedRecord) -> bool:
    """PubMed indexes the work as a Retracted Publication."""
    return RETRACTED in record.publication_types


def classify(record: PubmedRecord, title: Classification) -> Classification:
    """The record's design: the publication types first, the title second.

    The population comes from MeSH when MeSH gives one, else from the title. A title
    that states no design, on a record MeSH indexes as animal or in vitro work, makes
    it an animal (in vitro) study, as such a title would ("... in rats").
    """
    who = population(record)
    mesh_says = mesh_population(record.mesh_headings) is not None
    found = design_of(record.publication_types)
    if found is not None:
        design, name = found
        return Classification(
            design, 0.9, (name,), who if mesh_says else title.population, "pubmed"
        )
    if mesh_says and title.study_type in (S.STUDY, S.ANIMAL, S.IN_VITRO):
        if who is Population.HUMAN and title.study_type is not S.STUDY:
            return Classification(S.STUDY, 0.5, (HUMANS,), who, "pubmed")
        if who is Population.ANIMAL:
            return Classification(S.ANIMAL, 0.9, (ANIMALS,), who, "pubmed")
        if who is Population.IN_VITRO:
            return Classification(S.IN_VITRO, 0.8, ("in vitro",), who, "pubmed")
    if mesh_says:
        return Classification(title.study_type, title.confidence, title.cues, who, title.source)
    return title

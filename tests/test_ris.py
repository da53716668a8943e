"""RIS from DOI content negotiation -> CSL-JSON -> Work."""

from __future__ import annotations

import pytest

from citecheck.resolve.ris import csl_from_ris
from citecheck.resolve.works import work_from_csl

# The shape doi.org returns for a Crossref DOI (Niciu et al. 2015, a real record).
CROSSREF_RIS = """TY  - JOUR
DO  - 10.1093/ijnp/pyu039
UR  - http://dx.doi.org/10.1093/ijnp/pyu039
TI  - Ketamine’s Antidepressant Efficacy Is Extended for at Least Four Weeks in Subjects
      with a Family History of an Alcohol Use Disorder
T2  - International Journal of Neuropsychopharmacology
AU  - Niciu, Mark J.
AU  - Luckenbaugh, David A.
PY  - 2014
DA  - 2014/10/31
PB  - Oxford University Press (OUP)
VL  - 18
IS  - 1
SP  - pyu039
SN  - 1469-5111
ER  -
"""

DATACITE_RIS = """TY  - DATA
T1  - Data from: a field survey of pollinators
AU  - Doe, Jane
DO  - 10.5061/dryad.abc
PY  - 2019
PB  - Dryad
ER  -
"""


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            CROSSREF_RIS,
            {
                "doi": "10.1093/ijnp/pyu039",
                "type": "article-journal",
                "journal": "International Journal of Neuropsychopharmacology",
                "year": 2014,
                "volume": "18",
                "issue": "1",
                "pages": "pyu039",
                "first_author": "Niciu",
                "title_start": "Ketamine’s Antidepressant Efficacy Is Extended for at Least Four Weeks in",
            },
        ),
        (
            DATACITE_RIS,
            {
                "doi": "10.5061/dryad.abc",
                "type": "dataset",
                "journal": None,
                "year": 2019,
                "volume": None,
                "issue": None,
                "pages": None,
                "first_author": "Doe",
                "title_start": "Data from: a field survey",
            },
        ),
    ],
)
def test_ris_to_work(text: str, expected: dict[str, object]) -> None:
    item = csl_from_ris(text)
    assert item is not None
    work = work_from_csl(item)
    assert work.doi == expected["doi"]
    assert work.type == expected["type"]
    assert work.journal == expected["journal"]
    assert work.year == expected["year"]
    assert (work.volume, work.issue, work.pages) == (
        expected["volume"],
        expected["issue"],
        expected["pages"],
    )
    assert work.authors[0].family == expected["first_author"]
    assert work.title is not None and work.title.startswith(str(expected["title_start"]))


@pytest.mark.parametrize("text", ["", "Resource not found.", "<html>not ris</html>"])
def test_not_ris_is_none(text: str) -> None:
    assert csl_from_ris(text) is None

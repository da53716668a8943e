"""Place names (countries, their subdivisions, continents), so prose about a place is
not read as a journal ("reported in England", "rates in the United States of America").

Countries and subdivisions come from ISO 3166 through pycountry; loaded on first use.
"""

from __future__ import annotations

import re
from functools import lru_cache

from citecheck.text import fold

_REGIONS = (
    "Europe",
    "Africa",
    "Asia",
    "Oceania",
    "Antarctica",
    "North America",
    "South America",
    "Latin America",
    "Central America",
    "the Americas",
    "Scandinavia",
    "the Middle East",
    "Sub-Saharan Africa",
    "the Caribbean",
    "Great Britain",
    "Britain",
    "Wales",
    "Scotland",
    "England",
    "Northern Ireland",
    "Siberia",
)
# Short forms writers use that ISO 3166 does not list as names.
_ABBREVIATIONS = ("UK", "US", "U.S.", "U.K.", "EU", "UAE", "PRC", "DRC", "ROK")
_NON_WORD = re.compile(r"[\W_]+")


def _key(name: str) -> str:
    return " ".join(_NON_WORD.sub(" ", fold(name)).split())


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    # Imported here: pycountry's import alone (importlib.metadata, email) costs a run that
    # never asks about a place tens of milliseconds.
    import pycountry

    names: set[str] = set(_REGIONS)
    for country in pycountry.countries:
        for attribute in ("name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                names.add(value)
    for subdivision in pycountry.subdivisions:
        names.add(subdivision.name)
    names.update(country.alpha_3 for country in pycountry.countries)
    names.update(_ABBREVIATIONS)
    keys = {_key(n) for n in names}
    keys |= {k.removeprefix("the ") for k in keys}
    return frozenset(k for k in keys if k)


@lru_cache(maxsize=4096)
def is_place(name: str) -> bool:
    """True when ``name`` is a place, or places joined ("England and Wales")."""
    key = _key(name).removeprefix("the ")
    places = _places()
    if key in places:
        return True
    parts = [p for p in re.split(r"\s+(?:and|&)\s+|\s*,\s*", key) if p]
    return len(parts) > 1 and all(p.removeprefix("the ") in places for p in parts)

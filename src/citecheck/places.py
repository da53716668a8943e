"""Place names (countries, their subdivisions, continents), so prose about a place is
not read as a journal ("reported in England", "rates in the United States of America").

Countries and subdivisions come from ISO 3166 through pycountry's data; loaded on first use.
"""

from __future__ import annotations

import importlib.util
import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import orjson

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
    # fold() of ASCII is its casefold: asked here for the thousands of ISO 3166 names.
    folded = name.casefold() if name.isascii() else fold(name)
    return " ".join(_NON_WORD.sub(" ", folded).split())


# Every ASCII byte that is not a word character (nor a newline) as a space (the table
# runs to 256; only the ASCII half is used).
_ASCII_NON_WORD_TO_SPACE = bytes(
    c if (c < 128 and chr(c).isalnum()) or c == 10 else 32 for c in range(256)
)
_SPACES = re.compile("  +")
_NON_WORD_BUT_NEWLINE = re.compile(r"(?:[^\w\n]|_)+")


def _keys(names: set[str]) -> set[str]:
    """``{_key(n) for n in names}``, made on all the names at once.

    Each step of :func:`_key` goes character by character, so it can go over the names
    joined by newlines (which no name holds, and no step makes or removes): a few calls
    on one text instead of a few for each of the ~5,500 ISO 3166 names, most of the cost
    of the place set. The ASCII names take the quicker way: lower case (their casefold),
    bytes translated, runs of spaces collapsed.
    """
    if any("\n" in name for name in names):
        return {_key(n) for n in names}
    plain = "\n".join(n for n in names if n.isascii()).lower()
    spaced = _SPACES.sub(" ", plain.encode().translate(_ASCII_NON_WORD_TO_SPACE).decode())
    # fold(): accents stripped (NFKD, combining characters dropped), then case folded.
    beyond = [n for n in names if not n.isascii()]
    if beyond:
        other = unicodedata.normalize("NFKD", "\n".join(beyond))
        marks = "".join(c for c in set(other) if unicodedata.combining(c))
        if marks:
            other = re.sub(f"[{re.escape(marks)}]+", "", other)
        spaced += "\n" + _NON_WORD_BUT_NEWLINE.sub(" ", other.casefold())
    # Every run of non-word characters is one space now: only a name's ends can be one.
    return {key.strip(" ") for key in spaced.split("\n")}


Entry = dict[str, str]


def iso3166() -> tuple[list[Entry], list[Entry]]:
    """ISO 3166 countries and subdivisions, as pycountry ships them (its JSON databases).

    The two files are read directly: importing pycountry (importlib.metadata, email) and
    building its objects costs a run about a tenth of a second, for the same names. When
    the files are not where pycountry keeps them, its API gives the entries.
    """
    spec = importlib.util.find_spec("pycountry")
    folders = list(spec.submodule_search_locations or ()) if spec else []
    if folders:
        databases = Path(folders[0]) / "databases"
        try:
            # orjson reads the half-megabyte subdivision file several times faster.
            countries = orjson.loads((databases / "iso3166-1.json").read_bytes())
            subdivisions = orjson.loads((databases / "iso3166-2.json").read_bytes())
            return list(countries["3166-1"]), list(subdivisions["3166-2"])
        except (OSError, ValueError, KeyError, TypeError):
            pass
    return iso3166_from_api()


def iso3166_from_api() -> tuple[list[Entry], list[Entry]]:
    """The same entries through pycountry's API."""
    import pycountry

    return [dict(c) for c in pycountry.countries], [dict(s) for s in pycountry.subdivisions]


@lru_cache(maxsize=1)
def _places() -> frozenset[str]:
    countries, subdivisions = iso3166()
    names: set[str] = set(_REGIONS)
    for country in countries:
        for attribute in ("name", "official_name", "common_name"):
            value = country.get(attribute)
            if value:
                names.add(value)
    for subdivision in subdivisions:
        names.add(subdivision["name"])
    names.update(country["alpha_3"] for country in countries)
    names.update(_ABBREVIATIONS)
    keys = _keys(names)
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

"""Place names come from ISO 3166 as pycountry ships it, read without importing pycountry."""

from __future__ import annotations

import pytest

from citecheck import places


def test_the_data_files_give_what_pycountry_gives() -> None:
    """Names read from pycountry's JSON files are the ones its API gives."""
    countries, subdivisions = places.iso3166()
    api_countries, api_subdivisions = places.iso3166_from_api()
    fields = ("name", "official_name", "common_name", "alpha_3")
    assert [tuple(c.get(f) for f in fields) for c in countries] == [
        tuple(c.get(f) for f in fields) for c in api_countries
    ]
    assert [s["name"] for s in subdivisions] == [s["name"] for s in api_subdivisions]
    assert len(subdivisions) > 4000


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("France", True),
        ("the United States of America", True),
        ("Ontario", True),
        ("England and Wales", True),
        ("Journal of Psychiatry", False),
        ("Lancet", False),
    ],
)
def test_is_place(name: str, expected: bool) -> None:
    assert places.is_place(name) is expected


def test_the_keys_of_all_names_at_once_are_each_names_key() -> None:
    """_keys (the names joined) gives what _key gives name by name, on every ISO 3166 name
    and on names that try its edges: accents, a combining mark first, dotted capital I,
    underscores, punctuation at either end, runs of spaces, a name holding a newline.
    """
    countries, subdivisions = places.iso3166()
    names = {s["name"] for s in subdivisions} | {c["name"] for c in countries}
    edges = {"Côte d'Ivoire", "\u0301Åland", "İstanbul", "a_b__c", "(Saint) Kitts.", "  x  y "}
    for tried in (names | edges, edges, {"ASCII only", "U.S."}, {"two\nlines", "Ñ"}):
        assert places._keys(tried) == {places._key(n) for n in tried}

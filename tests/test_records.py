"""Local Crossref records: loading every file shape, DOI look-ups and BM25 search."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from citecheck.resolve.records import (
    RecordsIndex,
    RecordsSource,
    index_text,
    tokenize,
    without_references,
)

CROSSREF = Path(__file__).parent / "fixtures" / "crossref"
CONSTRUCTED = CROSSREF / "constructed"
DISTRACTORS = CROSSREF / "distractors.jsonl.gz"

RECORD = {
    "DOI": "10.1000/ABC",
    "title": ["Fish <i>swimming</i> in circles"],
    "author": [{"given": "Ana", "family": "Pérez"}],
    "container-title": ["Journal of Fish Biology"],
    "issued": {"date-parts": [[2019, 3]]},
    "volume": "12",
    "page": "101-110",
    "reference": [{"key": "r1", "unstructured": "odd text with }] inside"}],
}


@pytest.mark.parametrize(
    ("text", "tokens"),
    [
        ("The Journal of Clinical Psychiatry", ["journal", "clinical", "psychiatry"]),
        ("Pérez, A. (2019) e471–e477", ["perez", "2019", "e471", "e477"]),
    ],
)
def test_tokenize(text: str, tokens: list[str]) -> None:
    assert tokenize(text) == tokens


def test_index_text_holds_the_bibliographic_fields() -> None:
    assert tokenize(index_text(RECORD)) == [
        "fish",
        "swimming",
        "circles",
        "perez",
        "journal",
        "fish",
        "biology",
        "2019",
        "12",
        "101",
    ]


def _write(path: Path, lines: list[str]) -> Path:
    data = "\n".join(lines).encode()
    path.write_bytes(gzip.compress(data) if path.name.endswith(".gz") else data)
    return path


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("records.jsonl", json.dumps(RECORD)),
        ("records.jsonl.gz", json.dumps(RECORD)),
        ("envelope.json", json.dumps({"message-type": "work", "message": RECORD})),
        (
            "list.json",
            json.dumps({"message-type": "work-list", "message": {"items": [RECORD]}}),
        ),
        ("bare.json", json.dumps([RECORD])),
        ("envelopes.jsonl", json.dumps({"message-type": "work", "message": RECORD})),
    ],
)
def test_every_file_shape_loads(tmp_path: Path, name: str, content: str) -> None:
    index = RecordsIndex.load(_write(tmp_path / name, [content, "", "not json"]))
    assert len(index) == 1
    record = index.record("https://doi.org/10.1000/abc")
    assert record is not None and record["reference"][0]["key"] == "r1"  # full record kept
    work = index.work("10.1000/ABC")
    assert work is not None and work.title == "Fish swimming in circles"


def test_directory_of_constructed_records() -> None:
    index = RecordsIndex.load(CONSTRUCTED)
    assert len(index) == 7
    work = index.work("10.4088/JCP.17m11731")
    assert work is not None and work.journal == "The Journal of Clinical Psychiatry"


@pytest.fixture(scope="module")
def source() -> RecordsSource:
    return RecordsSource([CONSTRUCTED, DISTRACTORS])


def test_source_works_agency_negotiate(source: RecordsSource) -> None:
    found = source.works(["10.1093/IJNP/pyu039", "10.9999/nothing"])
    assert found["10.1093/ijnp/pyu039"].status == "ok"
    assert found["10.9999/nothing"].status == "not_found"
    assert source.agency("10.1093/ijnp/pyu039").agency == "crossref"
    # A local file cannot tell whether a DOI it lacks is registered: never an accusation.
    assert source.agency("10.9999/nothing").status == "unverified"
    assert source.negotiate("10.1093/ijnp/pyu039").status == "not_found"


@pytest.mark.parametrize(
    ("query", "top"),
    [
        (
            "Girgenti, M. J. (2020). Ketamine accelerates fear extinction via mTORC1 "
            "signaling. Neurobiology of Disease, 136, 104717.",
            "10.1016/j.nbd.2016.12.026",
        ),
        (
            "Singh JB, Fedgchin M. A double-blind, randomized, placebo-controlled, "
            "dose-frequency study of intravenous ketamine. Am J Psychiatry. 2016;173(8):816",
            "10.1176/appi.ajp.2016.16010037",
        ),
    ],
)
def test_search_ranks_the_right_record_first(source: RecordsSource, query: str, top: str) -> None:
    result = source.search(query, rows=5)
    assert result.status == "ok"
    assert result.hits[0].work.doi == top
    scores = [h.score or 0.0 for h in result.hits]
    assert scores == sorted(scores, reverse=True) and len(scores) == 5


def test_index_search_returns_records_and_scores(source: RecordsSource) -> None:
    hits = source.index.search("ketamine bipolar depression Zarate", rows=3)
    assert hits[0][0]["DOI"] == "10.1016/j.biopsych.2011.12.010"
    assert all(isinstance(score, float) for _, score in hits)
    assert source.index.search("", rows=3) == []


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        (
            b'{"DOI": "10.1/a", "reference": [{"key": "r1"}, {"key": "r2"}], "volume": "3"}',
            b'{"DOI": "10.1/a", "reference": [], "volume": "3"}',
        ),
        # An empty list is left alone: cutting to a later "}]" would lose real fields.
        (
            b'{"reference": [], "author": [{"family": "Lee"}]}',
            b'{"reference": [], "author": [{"family": "Lee"}]}',
        ),
        (b'{"DOI": "10.1/b"}', b'{"DOI": "10.1/b"}'),
    ],
)
def test_without_references(line: bytes, expected: bytes) -> None:
    assert without_references(line) == expected

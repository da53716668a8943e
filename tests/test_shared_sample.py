"""Optional: the real clinic blog post in ../shared, against all the shared Crossref records.

Skipped when ../shared is not beside the checkout (the suite must pass without it). The
article is read from ../shared, never copied into the project.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from citecheck.resolve.records import RecordsIndex
from conftest import FakeTime
from fakecrossref import FakeCrossref, Fault, load_records
from fakepubmed import FakePubmed, load_articles
from test_e2e import DOIS, EXPECTED, codes_by_label, online, run

SHARED = Path(__file__).resolve().parents[2] / "shared"
SAMPLE = SHARED / "samples" / "ketamine-kap-blog.txt"
WORKS = SHARED / "crossref" / "works.jsonl.gz"
PUBMED = SHARED / "pubmed"

pytestmark = pytest.mark.skipif(not SAMPLE.exists(), reason="../shared is not beside the checkout")


@pytest.fixture(scope="module")
def shared_records() -> list[dict[str, Any]]:
    """works.jsonl.gz plus the hand-built records for the sample's references."""
    return load_records([WORKS, *sorted((SHARED / "crossref" / "constructed").glob("*.json"))])


@pytest.fixture(scope="module")
def shared_crossref(shared_records: list[dict[str, Any]]) -> Iterator[FakeCrossref]:
    """The stand-in Crossref serving every shared record, with generous rate limits (as
    the ``crossref`` fixture's) so command-line runs do not wait out real pacing."""
    index = RecordsIndex.from_records(shared_records)
    with FakeCrossref(shared_records, search=index.search, pool="fast") as fake:
        yield fake


def test_parse_reads_five_references_and_five_claims(tmp_path: Path) -> None:
    result = run("parse", str(SAMPLE), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    references = document["references"]
    assert [r["label"] for r in references] == ["1", "2", "3", "4", "5"]
    assert [r["fields"]["year"] for r in references] == [2016, 2019, 2014, 2020, 2021]
    assert [r["fields"]["volume"] for r in references] == ["77", "176", "71", "136", "137"]
    assert [r["fields"]["authors"][0]["family"] for r in references] == [
        "Wilkinson",
        "Singh",
        "Feder",
        "Girgenti",
        "Niciu",
    ]
    claims = {c["references"][0]: c for c in document["claims"]}
    assert [claims[label]["year"] for label in "12345"] == [2016, 2019, 2019, 2020, 2021]
    assert claims["2"]["study_type"] == "meta_analysis"
    assert {claims[label]["population"] for label in "12345"} == {"human"}
    assert references[1]["study_type"] == "randomized_controlled_trial"
    assert references[2]["study_type"] == "randomized_controlled_trial"


def test_check_against_all_shared_records(shared_crossref: FakeCrossref, tmp_path: Path) -> None:
    result = run(
        "check",
        str(SAMPLE),
        "--format",
        "json",
        *online(shared_crossref, tmp_path / "c"),
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    references = {r["label"]: r for r in document["references"]}
    for label, doi in DOIS.items():
        assert references[label]["resolution"]["doi"] == doi
    five = references["5"]["resolution"]
    assert five["status"] == "not_found"
    assert {"10.1093/ijnp/pyu039", "10.1016/j.biopsych.2011.12.010"} <= {
        c["doi"] for c in five["candidates"]
    }
    found = codes_by_label(document)
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))
    assert found["3"] == {"claim-year"}


@pytest.fixture(scope="module")
def shared_pubmed() -> Iterator[FakePubmed]:
    """The stand-in E-utilities serving every shared PubMed record (real and constructed)."""
    paths = [
        *sorted((PUBMED / "real").glob("*pubmed*.xml")),
        PUBMED / "constructed" / "seed-works.xml",
    ]
    with FakePubmed(load_articles(paths)) as fake:
        yield fake


def test_check_against_both_stand_ins(
    shared_crossref: FakeCrossref, shared_pubmed: FakePubmed, tmp_path: Path
) -> None:
    options = online(shared_crossref, tmp_path / "c", pubmed=shared_pubmed)
    result = run("check", str(SAMPLE), "--format", "json", *options, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    found = codes_by_label(document)
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))
    findings = {(f["label"], f["code"]): f for f in document["findings"]}
    # [4]: the prose says patients; PubMed says Animals, Rats, no Humans.
    population = findings[("4", "claim-population")]
    assert population["stated"] == "patients" and population["actual"] == "rats"
    assert "MeSH: Animals, Rats; not Humans" in population["message"]
    # [2]: the design finding cites PubMed's publication type.
    design = findings[("2", "claim-study-type")]
    assert "PubMed indexes it as a Randomized Controlled Trial" in design["message"]
    assert {label for label, code in findings if code == "claim-population"} == {"4"}
    assert shared_pubmed.counts() == {"esearch": 1, "efetch": 1}


def test_records_option_agrees(tmp_path: Path) -> None:
    result = run(
        "check",
        str(SAMPLE),
        "--format",
        "json",
        "--records",
        str(WORKS),
        "--records",
        str(SHARED / "crossref" / "constructed"),
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    found = codes_by_label(json.loads(result.stdout)["documents"][0])
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))


def test_all_503_means_all_unverified(
    shared_crossref: FakeCrossref, tmp_path: Path, fake_pacing: FakeTime
) -> None:
    shared_crossref.add_fault(r".*", Fault(status=503), times=None)
    try:
        result = run(
            "check",
            str(SAMPLE),
            "--format",
            "json",
            "--max-retries",
            "1",
            *online(shared_crossref, tmp_path / "c"),
            cwd=tmp_path,
        )
    finally:
        shared_crossref.clear()
    document = json.loads(result.stdout)["documents"][0]
    assert {r["resolution"]["status"] for r in document["references"]} == {"unverified"}
    assert "not-found" not in {f["code"] for f in document["findings"]}

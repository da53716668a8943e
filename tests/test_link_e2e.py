"""The link-citation examples, checked by the real command against the stand-ins.

Every planted error is caught, no correct link is accused, an unregistered DOI is
``ref-doi-not-found`` (naming no record when nothing of the link is like one), and each
distinct identifier is looked up once (requests counted on the stand-in Crossref).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from fakecrossref import FakeCrossref
from fakepubmed import FakePubmed
from test_e2e import codes_by_label, online, run

ROOT = Path(__file__).resolve().parents[1]


# What each example must give: codes per label; every other reference gets nothing.
EXPECTED = {
    "ketamine-links.md": {
        "link-1": {"claim-year"},  # Wilkinson et al. 2016 for the 2018 paper
        "link-2": {"claim-year", "claim-study-type"},  # a 2019 meta-analysis: a 2016 RCT
        "link-4": {"unverified"},  # a journal page without a DOI
        "link-5": {"claim-year", "claim-journal", "claim-study-type"},  # the rat study
        "link-6": {"claim-population"},  # "a study in patients" by PubMed link: rats
        "link-9": {"ref-doi-mismatch"},  # Diazgranados et al. 2010 -> Niciu 2014
        "link-10": {"ref-doi-not-found"},  # a dead DOI
    },
    "ketamine-link-page.html": {
        "1": {"claim-year"},  # the link to entry 1's DOI says 2016
        "link-1": {"claim-year", "claim-study-type"},
        "link-2": {"claim-year", "claim-journal", "claim-study-type"},
        "link-3": {"claim-population"},
        "link-5": {"ref-doi-mismatch"},
        "link-6": {"ref-doi-not-found"},
        "link-7": {"unverified"},
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_link_example_against_the_stand_ins(
    name: str, crossref: FakeCrossref, fake_pubmed: FakePubmed, tmp_path: Path
) -> None:
    result = run(
        "check",
        f"examples/{name}",
        "--format",
        "json",
        *online(crossref, tmp_path / "cache", pubmed=fake_pubmed),
        cwd=ROOT,
    )
    assert result.returncode == 1, result.stderr
    (document,) = json.loads(result.stdout)["documents"]
    assert codes_by_label(document) == EXPECTED[name]
    dead = next(f for f in document["findings"] if f["code"] == "ref-doi-not-found")
    # "a 2021 follow-up" gives a search nothing to go on: no record is named as near.
    assert dead["message"].endswith("which is not registered.")
    # One look-up per distinct DOI: a batch, then singly only what the batch lacked.
    dois = {
        (r["fields"]["doi"] or "").lower() for r in document["references"] if r["fields"]["doi"]
    } | {
        (r["record"] or {}).get("doi")
        for r in document["references"]
        if r["kind"] == "link" and r["fields"]["pmid"] and r["record"]
    }
    counts = crossref.counts()
    assert counts["batch"] == 1
    assert counts["single"] <= 1  # only the unregistered DOI is asked for again
    assert counts["search"] <= 1  # only the unregistered DOI is searched, for its neighbours
    assert len(dois) >= 6


def test_no_correct_link_is_accused(crossref: FakeCrossref, tmp_path: Path) -> None:
    page = tmp_path / "correct.md"
    page.write_text(
        "Ketamine eased PTSD in [a 2014 randomized trial in JAMA Psychiatry]"
        "(https://doi.org/10.1001/jamapsychiatry.2014.62), as "
        "[Feder et al. 2014](https://jamanetwork.com/doi/10.1001/jamapsychiatry.2014.62) "
        "reported; [Singh et al. (2016)](https://doi.org/10.1176/appi.ajp.2016.16010037) "
        "ran a randomized trial of dosing, and [Girgenti et al. 2017]"
        "(https://doi.org/10.1016/j.nbd.2016.12.026) worked in rats.\n",
        encoding="utf-8",
    )
    result = run(
        "check", str(page), "--format", "json", *online(crossref, tmp_path / "c"), cwd=ROOT
    )
    assert result.returncode == 0, result.stdout
    report: dict[str, Any] = json.loads(result.stdout)
    assert report["documents"][0]["findings"] == []
    assert report["summary"]["links"] == 4 and report["summary"]["links_checked"] == 4
    assert crossref.counts()["batch"] == 1 and crossref.counts()["search"] == 0


def test_an_elsevier_pii_link_is_found_by_crossref_alternative_id(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    page = tmp_path / "pii.md"
    page.write_text(
        "As [Yu et al. 2015](https://www.sciencedirect.com/science/article/pii/S0361923016303252) "
        "showed in Brain Research Bulletin, and again [here]"
        "(https://linkinghub.elsevier.com/retrieve/pii/S0361923016303252).\n",
        encoding="utf-8",
    )
    result = run(
        "check", str(page), "--format", "json", *online(crossref, tmp_path / "c"), cwd=ROOT
    )
    document = json.loads(result.stdout)["documents"][0]
    (reference,) = document["references"]
    assert reference["resolution"]["status"] == "matched"
    assert reference["resolution"]["doi"] == "10.1016/j.brainresbull.2017.02.009"
    assert codes_by_label(document) == {"link-1": {"claim-year"}}  # the work is from 2017
    assert crossref.counts()["batch"] == 1  # both links, one alternative-id look-up


def test_a_pubmed_link_pubmed_does_not_hold_is_not_found(
    crossref: FakeCrossref, fake_pubmed: FakePubmed, tmp_path: Path
) -> None:
    page = tmp_path / "pmid.md"
    page.write_text(
        "A [2019 trial](https://pubmed.ncbi.nlm.nih.gov/99999999/) is often quoted.\n",
        encoding="utf-8",
    )
    options = online(crossref, tmp_path / "c", pubmed=fake_pubmed)
    result = run("check", str(page), "--format", "json", *options, cwd=ROOT)
    document = json.loads(result.stdout)["documents"][0]
    assert codes_by_label(document) == {"link-1": {"not-found"}}
    (finding,) = document["findings"]
    assert "99999999" in finding["message"] and "pubmed.ncbi.nlm.nih.gov" in finding["message"]
    assert crossref.counts()["search"] == 0  # the anchor text is never searched


def test_a_link_keeps_its_corrected_anchor_when_the_registry_formats_references(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    page = tmp_path / "anchors.md"
    page.write_text(
        "After one infusion, [Feder and colleagues (2016)]"
        "(https://doi.org/10.1001/jamapsychiatry.2014.62) saw PTSD symptoms ease within a "
        "day.\n\nIn bipolar depression the effect came back in an add-on trial [1].\n\n"
        "## References\n\n1. Zarate CA, Brutsche NE, Ibrahim L, et al. Replication of "
        "ketamine's antidepressant efficacy in bipolar depression: a randomized controlled "
        "add-on trial. Biol Psychiatry. 2010;71(11):939-946.\n",
        encoding="utf-8",
    )
    result = run(
        "check", str(page), "--format", "json", *online(crossref, tmp_path / "c"), cwd=ROOT
    )
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    suggestions = {(f["label"], f["code"]): f["suggestion"] for f in findings}
    # The anchor, corrected, is what a writer pastes back into the link.
    assert suggestions["link-1", "claim-year"] == "Feder and colleagues (2014)"
    # A reference entry still gets the registry's own rendering of the record.
    assert suggestions["1", "ref-year"].startswith("[american-medical-association] Zarate")
    negotiated = [r for r in crossref.requests if r.kind == "negotiate"]
    assert len(negotiated) == 1  # the entry's; the anchor needs no formatted reference

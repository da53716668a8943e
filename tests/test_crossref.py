"""CrossrefSource against the stand-in Crossref server on 127.0.0.1."""

from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from citecheck.resolve.crossref import (
    DOWN_AFTER,
    UNREACHABLE,
    CrossrefSource,
    batchable,
    quote_doi,
    tls_context,
    user_agent,
)
from citecheck.resolve.limits import POLITE, Pacer
from conftest import CROSSREF_FIXTURES, FakeTime
from fakecrossref import FakeCrossref, Fault

KNOWN = [
    "10.4088/jcp.17m11731",
    "10.1176/appi.ajp.2016.16010037",
    "10.1001/jamapsychiatry.2014.62",
    "10.1016/j.nbd.2016.12.026",
    "10.1093/ijnp/pyu039",
    "10.1016/j.biopsych.2011.12.010",
    "10.1001/archgenpsychiatry.2010.90",
]
ERROR_500 = (CROSSREF_FIXTURES / "errors" / "500-exception.json").read_text()
ERROR_400 = (CROSSREF_FIXTURES / "errors" / "400-validation.json").read_text()
NOT_FOUND = (CROSSREF_FIXTURES / "errors" / "404-not-found.txt").read_text()


def make_source(
    fake: FakeCrossref,
    fake_time: FakeTime,
    *,
    mailto: str | None = "team@example.org",
    **kw: object,
) -> CrossrefSource:
    pacer = Pacer(POLITE, clock=fake_time.clock, sleep=fake_time.sleep, jitter=lambda: 0.5)
    return CrossrefSource(fake.url, mailto, cn_url=fake.url, limiter=pacer, **kw)  # type: ignore[arg-type]


# -- pure helpers ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("doi", "quoted"),
    [
        ("10.1000/abc#frag", "10.1000/abc%23frag"),
        ("10.1000/a;b?c", "10.1000/a%3Bb%3Fc"),
        ("10.1002/(sici)1097<1>", "10.1002/%28sici%291097%3C1%3E"),
        ("10.1000/with space", "10.1000/with%20space"),
        ("10.4088/jcp.17m11731", "10.4088/jcp.17m11731"),
    ],
)
def test_quote_doi(doi: str, quoted: str) -> None:
    assert quote_doi(doi) == quoted


@pytest.mark.parametrize(
    ("doi", "ok"),
    [
        ("10.4088/jcp.17m11731", True),
        ("10.1000/abc#frag", True),
        ("10.1890/0012-9615(1999)069[0569:edilsa]2.0.co;2", False),
        ("10.1002/(sici)1097-4636(199602)30:2<273::aid-jbm17>3.0.co;2-m", False),
        ("10.1000/a,b", False),
    ],
)
def test_batchable(doi: str, ok: bool) -> None:
    assert batchable(doi) is ok


@pytest.mark.parametrize(
    ("mailto", "expected"),
    [
        (
            "me@example.org",
            "citecheck/0.1.0 (https://github.com/citecheck/citecheck; mailto:me@example.org)",
        ),
        (None, "citecheck/0.1.0 (https://github.com/citecheck/citecheck)"),
    ],
)
def test_user_agent(mailto: str | None, expected: str) -> None:
    assert user_agent(mailto) == expected


# -- works -------------------------------------------------------------------------------


def test_known_dois_come_in_one_batch_with_rows(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    source = make_source(fake_crossref, fake_time)
    results = source.works([d.upper() for d in KNOWN])
    assert {k: v.status for k, v in results.items()} == {d: "ok" for d in KNOWN}
    assert results["10.1093/ijnp/pyu039"].work.year_print == 2015  # type: ignore[union-attr]
    [request] = fake_crossref.requests
    assert request.kind == "batch"
    assert request.query["rows"] == str(len(KNOWN))
    assert request.query["filter"].split(",") == [f"doi:{d}" for d in KNOWN]


def test_batches_hold_at_most_fifty(fake_crossref: FakeCrossref, fake_time: FakeTime) -> None:
    unknown = [f"10.9999/none.{n}" for n in range(113)]
    source = make_source(fake_crossref, fake_time)
    results = source.works(KNOWN + unknown)
    batches = [r for r in fake_crossref.requests if r.kind == "batch"]
    assert [b.query["rows"] for b in batches] == ["50", "50", "20"]
    assert fake_crossref.counts()["single"] == 0  # what a batch did not return is not registered
    assert sum(f.status == "not_found" for f in results.values()) == len(unknown)
    assert sum(f.status == "ok" for f in results.values()) == len(KNOWN)


def test_odd_dois_go_singly_and_percent_encoded(
    crossref_records: list[dict], fake_time: FakeTime
) -> None:
    odd = [
        {"DOI": "10.1000/abc#frag", "title": ["Fragment"]},
        {"DOI": "10.1002/(sici)1097<1>;2-x", "title": ["Sici"]},
        {"DOI": "10.1000/q?x", "title": ["Question"]},
    ]
    with FakeCrossref(crossref_records + odd) as fake:
        source = make_source(fake, fake_time)
        sici = source.works(["10.1002/(SICI)1097<1>;2-X"])
        single = source.work("10.1000/abc#frag")
        question = source.work("10.1000/q?x")
        logged = [(r.kind, r.path) for r in fake.requests]
    assert sici["10.1002/(sici)1097<1>;2-x"].work.title == "Sici"  # type: ignore[union-attr]
    assert single.work.title == "Fragment"  # type: ignore[union-attr]
    assert question.work.title == "Question"  # type: ignore[union-attr]
    assert logged == [
        ("single", "/works/10.1002/(sici)1097<1>;2-x"),
        ("single", "/works/10.1000/abc#frag"),
        ("single", "/works/10.1000/q?x"),
    ]


@pytest.mark.parametrize(
    ("status", "body", "content_type"),
    [
        (404, NOT_FOUND, "text/plain"),
        (404, NOT_FOUND, "application/json;charset=utf-8"),  # mislabelled, as Crossref does
    ],
)
def test_404_is_not_found(
    fake_crossref: FakeCrossref, fake_time: FakeTime, status: int, body: str, content_type: str
) -> None:
    fake_crossref.add_fault(r"^/works/10\.1/x$", Fault(status, body, content_type=content_type))
    assert make_source(fake_crossref, fake_time).work("10.1/x").status == "not_found"


@pytest.mark.parametrize(
    ("fault", "reason"),
    [
        (Fault(503, ""), "http 503"),
        (Fault(500, ERROR_500), "http 500"),
        (Fault(cut=True), "connection failed"),
        (Fault(429, ""), "rate limited (HTTP 429)"),
    ],
)
def test_persistent_failures_are_unverified_never_not_found(
    fake_crossref: FakeCrossref, fake_time: FakeTime, fault: Fault, reason: str
) -> None:
    fake_crossref.add_fault(r"^/works", fault, times=None)
    source = make_source(fake_crossref, fake_time, max_retries=3)
    results = source.works(KNOWN[:2] + ["10.9999/none"])
    assert {f.status for f in results.values()} == {"unverified"}
    if fault.cut:  # five connection attempts in a row reached no server: Crossref is down
        assert {f.reason for f in results.values()} <= {reason, UNREACHABLE}
        assert source.down and len(fake_crossref.requests) == DOWN_AFTER
        assert source.search("anything").reason == UNREACHABLE
        assert len(fake_crossref.requests) == DOWN_AFTER  # nothing more is sent
        return
    assert {f.reason for f in results.values()} == {reason}
    batches = [r for r in fake_crossref.requests if r.kind == "batch"]
    attempts = 1 + (6 if fault.status == 429 else 3)  # 429s wait longer than failures retry
    assert len(batches) == attempts  # then each DOI of the failed batch singly
    assert len(fake_crossref.requests) == attempts * 4
    assert source.search("anything").reason == reason


@pytest.mark.parametrize(
    ("fault", "expected_sleep"),
    [
        (Fault(429, "", headers={"Retry-After": "7"}), 7.0),
        (Fault(429, "", headers={"Retry-After": "Wed, 21 Oct 2015 07:28:00 GMT"}), 0.0),
        (Fault(429, ""), 0.375),  # backoff: base 0.5, jitter 0.5 -> 0.25 + 0.125
        (Fault(503, ERROR_500), 0.375),
        (Fault(cut=True), 0.375),
        (Fault(200, '{"status": "ok", "message-type": "wo'), 0.375),  # a broken body, as a 5xx
    ],
)
def test_transient_failure_then_success(
    fake_crossref: FakeCrossref, fake_time: FakeTime, fault: Fault, expected_sleep: float | None
) -> None:
    fake_crossref.add_fault(r"^/works/10\.4088/jcp\.17m11731$", fault, times=1)
    fetch = make_source(fake_crossref, fake_time).work(KNOWN[0])
    if expected_sleep is None:
        assert (fetch.status, fetch.reason) == ("unverified", "invalid response")
        return
    assert fetch.status == "ok"
    assert len(fake_crossref.requests) == 2
    if expected_sleep:
        assert expected_sleep in fake_time.sleeps
    else:  # a Retry-After date in the past: no pause at all
        assert max(fake_time.sleeps, default=0.0) < 1.0


def test_429_pause_is_shared_by_workers(fake_crossref: FakeCrossref, fake_time: FakeTime) -> None:
    fake_crossref.add_fault(r"^/works/10\.4088", Fault(429, "", headers={"Retry-After": "30"}))
    pacer = Pacer(POLITE, max_waits=0, clock=fake_time.clock, sleep=fake_time.sleep)
    # Two sources sharing one pacer stand for two workers of one run.
    first = CrossrefSource(fake_crossref.url, "a@example.org", limiter=pacer)
    second = CrossrefSource(fake_crossref.url, "a@example.org", limiter=pacer)
    assert first.work(KNOWN[0]).reason == "rate limited (HTTP 429)"
    assert fake_time.sleeps == []
    assert second.work(KNOWN[1]).status == "ok"
    assert fake_time.sleeps[0] == pytest.approx(30)


def test_400_names_the_validation_message(fake_crossref: FakeCrossref, fake_time: FakeTime) -> None:
    fake_crossref.add_fault(r"query\.bibliographic", Fault(400, ERROR_400))
    result = make_source(fake_crossref, fake_time).search("x")
    assert result.status == "unverified"
    assert result.reason is not None and "less than or equal to 100" in result.reason
    assert len(fake_crossref.requests) == 1


def test_403_stops_every_later_request(fake_crossref: FakeCrossref, fake_time: FakeTime) -> None:
    fake_crossref.add_fault(r"^/works", Fault(403, "Forbidden", content_type="text/plain"))
    source = make_source(fake_crossref, fake_time)
    first = source.works(KNOWN[:3])
    assert {f.status for f in first.values()} == {"unverified"}
    assert "403" in str(first[KNOWN[0]].reason)
    assert source.blocked
    assert source.search("ketamine").status == "unverified"
    assert source.agency(KNOWN[0]).status == "unverified"
    assert source.negotiate(KNOWN[0]).reason == first[KNOWN[0]].reason
    assert len(fake_crossref.requests) == 1


def test_slow_response_times_out_as_unverified(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    fake_crossref.add_fault(r"^/works/10\.4088", Fault(200, "{}", delay=1.0), times=None)
    source = make_source(fake_crossref, fake_time, timeout=(1.0, 0.1), max_retries=1)
    fetch = source.work(KNOWN[0])
    assert (fetch.status, fetch.reason) == ("unverified", "timeout")


@pytest.mark.parametrize("mailto", ["team@example.org", None])
def test_mailto_only_in_user_agent(
    fake_crossref: FakeCrossref, fake_time: FakeTime, mailto: str | None
) -> None:
    source = make_source(fake_crossref, fake_time, mailto=mailto)
    source.works(KNOWN[:2] + ["10.9999/none"])
    source.search("ketamine depression")
    source.agency(KNOWN[0])
    source.negotiate(KNOWN[0])
    assert len(fake_crossref.requests) == 4  # a batch, a search, an agency, a negotiation
    for request in fake_crossref.requests:
        if request.kind != "negotiate":  # habanero sends its own User-Agent to doi.org
            assert request.headers["User-Agent"] == user_agent(mailto)
        assert "mailto" not in json.dumps(request.query)
        assert "example.org" not in request.path + json.dumps(request.query)


def test_limits_follow_the_pool_the_server_announces(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    source = CrossrefSource(fake_crossref.url, "team@example.org")
    assert source.limiter.limits == POLITE
    fake_crossref.pool = "public"
    source.works(KNOWN[:2])
    source.work(KNOWN[0])
    limits = source.limiter.limits
    assert (limits.single_rate, limits.list_rate, limits.concurrency) == (5.0, 1.0, 1)


def test_concurrent_workers_respect_the_concurrency_limit(crossref_records: list[dict]) -> None:
    with FakeCrossref(crossref_records, latency=0.05, pool="fast") as fake:
        source = CrossrefSource(fake.url, "team@example.org")
        with ThreadPoolExecutor(8) as pool:
            results = list(pool.map(source.work, KNOWN * 3))
        assert {r.status for r in results} == {"ok"}
        assert fake.max_in_flight <= 3


# -- search, agency, negotiation ---------------------------------------------------------


def test_search_returns_ranked_hits_with_raw_scores(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    result = make_source(fake_crossref, fake_time).search(
        "Feder A, et al. Efficacy of intravenous ketamine for chronic posttraumatic stress "
        "disorder. JAMA Psychiatry. 2014;71(6):681-688.",
        rows=3,
    )
    assert result.status == "ok"
    assert len(result.hits) == 3
    assert result.hits[0].work.doi == "10.1001/jamapsychiatry.2014.62"
    assert all(h.score is not None for h in result.hits)
    assert fake_crossref.requests[0].query["rows"] == "3"
    assert fake_crossref.requests[0].query["query.bibliographic"].startswith("Feder A, et al.")


def test_search_delegates_to_a_pluggable_ranking(
    crossref_records: list[dict], fake_time: FakeTime
) -> None:
    chosen = crossref_records[2]
    with FakeCrossref(crossref_records, search=lambda q, rows: [(chosen, 42.5)]) as fake:
        result = make_source(fake, fake_time).search("whatever")
    assert [(h.work.doi, h.score) for h in result.hits] == [(chosen["DOI"].lower(), 42.5)]


@pytest.mark.parametrize(
    ("doi", "status", "agency"),
    [
        ("10.4088/JCP.17m11731", "ok", "crossref"),
        ("10.5061/dryad.abc", "ok", "datacite"),
        ("10.1400/22888", "ok", "medra"),
        ("10.9999/none", "not_found", None),
    ],
)
def test_agency(
    crossref_records: list[dict], fake_time: FakeTime, doi: str, status: str, agency: str | None
) -> None:
    agencies = {"10.5061/dryad.abc": "datacite", "10.1400/22888": "medra"}
    with FakeCrossref(crossref_records, agencies=agencies) as fake:
        result = make_source(fake, fake_time).agency(doi)
    assert (result.status, result.agency) == (status, agency)


@pytest.mark.parametrize(
    ("doi", "status", "title", "year"),
    [
        ("10.1093/ijnp/pyu039", "ok", "Ketamine’s Antidepressant Efficacy Is Extended", 2014),
        ("10.5061/dryad.abc", "ok", "A DataCite data set", 2019),
        ("10.9999/none", "not_found", None, None),
    ],
)
def test_negotiate_through_habanero(
    crossref_records: list[dict],
    fake_time: FakeTime,
    doi: str,
    status: str,
    title: str | None,
    year: int | None,
) -> None:
    csl = {
        "10.5061/dryad.abc": {
            "DOI": "10.5061/dryad.abc",
            "type": "dataset",
            "title": "A DataCite data set",
            "issued": {"date-parts": [[2019, 3]]},
            "author": [{"family": "Doe", "given": "J."}],
        }
    }
    with FakeCrossref(crossref_records, csl=csl) as fake:
        fetch = make_source(fake, fake_time).negotiate(doi)
        [request] = fake.requests
    assert fetch.status == status
    assert request.kind == "negotiate"
    # Through habanero, as RIS: its CSL-JSON path ignores the base URL.
    assert request.headers["Accept"] == "application/x-research-info-systems"
    assert "habanero" in request.headers["User-Agent"]
    if title is not None:
        assert fetch.work is not None and fetch.work.title is not None
        assert fetch.work.title.startswith(title)
        assert fetch.work.year == year


def test_content_negotiation_builds_its_tls_context_once(
    crossref_records: list[dict], fake_time: FakeTime, monkeypatch: pytest.MonkeyPatch
) -> None:
    """habanero's client would load its certificate bundle again for every request."""
    import httpx2

    built: list[object] = []
    create = httpx2.create_ssl_context
    monkeypatch.setattr(httpx2, "create_ssl_context", lambda: built.append(1) or create())
    tls_context.cache_clear()
    with FakeCrossref(crossref_records) as fake:
        source = make_source(fake, fake_time)
        assert source.negotiate(KNOWN[4]).status == "ok"
        assert source.negotiate(KNOWN[0]).status == "ok"
        source.cite(KNOWN[4], "apa")
        assert [r.kind for r in fake.requests] == ["negotiate"] * 3
    assert len(built) == 1
    tls_context.cache_clear()


def test_fixture_records_load(crossref_records: list[dict]) -> None:
    dois = {r["DOI"].lower() for r in crossref_records}
    assert set(KNOWN) <= dois
    assert Path(CROSSREF_FIXTURES / "constructed").is_dir()


def test_a_retry_after_far_away_is_unverified_not_a_wait(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    fake_crossref.add_fault(r"^/works/10\.4088", Fault(429, headers={"Retry-After": "3600"}))
    fetch = make_source(fake_crossref, fake_time).work(KNOWN[0])
    assert (fetch.status, fetch.reason) == (
        "unverified",
        "rate limited (HTTP 429, retry after 3600 s)",
    )
    assert max(fake_time.sleeps, default=0.0) < 60


def test_429s_never_spend_a_budget_other_requests_need(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    fake_crossref.add_fault(r"^/works/10\.4088", Fault(429), times=None)
    source = make_source(fake_crossref, fake_time)
    for _ in range(30):  # a storm on one reference...
        assert source.work(KNOWN[0]).status == "unverified"
    fake_crossref.add_fault(r"^/works/10\.1176", Fault(429), times=3)
    assert source.work(KNOWN[1]).status == "ok"  # ...leaves the next one its own retries

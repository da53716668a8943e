"""WorkResolver: DOI checks, searches, fallbacks and the sample article's five references."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from citecheck.model import Author, Reference, ReferenceFields, ReferenceKind, Status, Style, Work
from citecheck.resolve.base import Agency, Fetch, Search
from citecheck.resolve.offline import OfflineSource
from citecheck.resolve.records import RecordsIndex, RecordsSource
from citecheck.resolve.resolver import WorkResolver, agrees, search_text
from citecheck.resolve.works import normalise_doi

CROSSREF = Path(__file__).parent / "fixtures" / "crossref"
SHARED_SAMPLE = Path(__file__).parents[2] / "shared" / "samples" / "ketamine-kap-blog.txt"

WILKINSON = "10.4088/jcp.17m11731"
SINGH = "10.1176/appi.ajp.2016.16010037"
FEDER = "10.1001/jamapsychiatry.2014.62"
GIRGENTI = "10.1016/j.nbd.2016.12.026"
NICIU_2015 = "10.1093/ijnp/pyu039"
ZARATE_2012 = "10.1016/j.biopsych.2011.12.010"


def _authors(*names: str) -> tuple[Author, ...]:
    return tuple(Author(*name.split(", ")) for name in names)


# The sample article's five APA entries, as the entry parser reads them.
SAMPLE = [
    (
        "Wilkinson, S. T., Katz, R. B., Toprak, M., Webler, R., Ostroff, R. B., & Sanacora, G. "
        "(2016). Acute and longer-term outcomes using ketamine as a clinical treatment at the "
        "Yale Psychiatric Hospital. The Journal of Clinical Psychiatry, 77(4), e471-e477.",
        ReferenceFields(
            authors=_authors("Wilkinson, S. T.", "Katz, R. B.", "Toprak, M.", "Sanacora, G."),
            year=2016,
            title="Acute and longer-term outcomes using ketamine as a clinical treatment at "
            "the Yale Psychiatric Hospital",
            journal="The Journal of Clinical Psychiatry",
            volume="77",
            issue="4",
            pages="e471-e477",
        ),
    ),
    (
        "Singh, J. B., Fedgchin, M., Daly, E. J., De Boer, P., Cooper, K., Lim, P., ... & "
        "Drevets, W. C. (2019). A double-blind, randomized, placebo-controlled, dose-frequency "
        "study of intravenous ketamine in patients with treatment-resistant depression. The "
        "American Journal of Psychiatry, 176(5), 401-409.",
        ReferenceFields(
            authors=_authors("Singh, J. B.", "Fedgchin, M.", "De Boer, P.", "Drevets, W. C."),
            et_al=True,
            year=2019,
            title="A double-blind, randomized, placebo-controlled, dose-frequency study of "
            "intravenous ketamine in patients with treatment-resistant depression",
            journal="The American Journal of Psychiatry",
            volume="176",
            issue="5",
            pages="401-409",
        ),
    ),
    (
        "Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., "
        "... & Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of "
        "chronic posttraumatic stress disorder: a randomized clinical trial. JAMA psychiatry, "
        "71(6), 681-688.",
        ReferenceFields(
            authors=_authors("Feder, A.", "Parides, M. K.", "Charney, D. S."),
            et_al=True,
            year=2014,
            title="Efficacy of intravenous ketamine for treatment of chronic posttraumatic "
            "stress disorder: a randomized clinical trial",
            journal="JAMA psychiatry",
            volume="71",
            issue="6",
            pages="681-688",
        ),
    ),
    (
        "Girgenti, M. J., Ghosal, S., LoPresto, D., Taylor, J. R., & Duman, R. S. (2020). "
        "Ketamine accelerates fear extinction via mTORC1 signaling. Neurobiology of Disease, "
        "136, 104717.",
        ReferenceFields(
            authors=_authors("Girgenti, M. J.", "Ghosal, S.", "Duman, R. S."),
            year=2020,
            title="Ketamine accelerates fear extinction via mTORC1 signaling",
            journal="Neurobiology of Disease",
            volume="136",
            pages="104717",
        ),
    ),
    (
        "Niciu, M. J., Luckenbaugh, D. A., Ionescu, D. F., Richards, E. M., Vande Voort, J. L., "
        "Ballard, E. D., ... & Zarate Jr, C. A. (2021). Ketamine's antidepressant efficacy "
        "extends to bipolar depression. Journal of Psychiatric Research, 137, 243-250.",
        ReferenceFields(
            authors=_authors("Niciu, M. J.", "Vande Voort, J. L.", "Zarate Jr, C. A."),
            et_al=True,
            year=2021,
            title="Ketamine's antidepressant efficacy extends to bipolar depression",
            journal="Journal of Psychiatric Research",
            volume="137",
            pages="243-250",
        ),
    ),
]
EXPECTED = [
    (Status.MATCHED, WILKINSON),
    (Status.MATCHED, SINGH),
    (Status.MATCHED, FEDER),
    (Status.MATCHED, GIRGENTI),
    (Status.NOT_FOUND, None),
]


def _references(entries: Sequence[tuple[str, ReferenceFields]]) -> list[Reference]:
    return [
        Reference(label=str(i), line=i, text=text, style=Style.APA, parsed=True, fields=fields)
        for i, (text, fields) in enumerate(entries, start=1)
    ]


@dataclass
class FakeSource:
    """An in-memory WorkSource over local records that counts its calls."""

    records: RecordsSource
    agencies: Mapping[str, str] = field(default_factory=dict)
    negotiated: Mapping[str, Work] = field(default_factory=dict)
    calls: Counter[str] = field(default_factory=Counter)
    batches: list[list[str]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def _count(self, kind: str) -> None:
        with self.lock:
            self.calls[kind] += 1

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        self._count("works")
        self.batches.append(list(dois))
        return self.records.works(dois)

    def search(self, query: str, rows: int = 5) -> Search:
        self._count("search")
        return self.records.search(query, rows)

    def agency(self, doi: str) -> Agency:
        self._count("agency")
        doi = normalise_doi(doi)
        if doi in self.agencies:
            return Agency("ok", self.agencies[doi])
        # Plays Crossref, for which a DOI no agency knows is unregistered.
        known = self.records.agency(doi)
        return known if known.status == "ok" else Agency("not_found")

    def negotiate(self, doi: str) -> Fetch:
        self._count("negotiate")
        work = self.negotiated.get(normalise_doi(doi))
        return Fetch("ok", work) if work else Fetch("not_found")


class BrokenSource:
    """A source that breaks its promise and raises."""

    def works(self, dois: Sequence[str]) -> Mapping[str, Fetch]:
        raise ConnectionError("boom")

    def search(self, query: str, rows: int = 5) -> Search:
        raise TimeoutError("slow")

    def agency(self, doi: str) -> Agency:
        raise ConnectionError("boom")

    def negotiate(self, doi: str) -> Fetch:
        raise ConnectionError("boom")


@pytest.fixture(scope="module")
def records() -> RecordsSource:
    """The constructed records plus a few hundred real ones as distractors."""
    return RecordsSource([CROSSREF / "constructed", CROSSREF / "distractors.jsonl.gz"])


@pytest.fixture
def source(records: RecordsSource) -> FakeSource:
    return FakeSource(records)


def _check_sample(resolutions: Sequence[object]) -> None:
    for resolution, (status, doi) in zip(resolutions, EXPECTED, strict=True):
        assert resolution.status == status  # type: ignore[attr-defined]
        work = resolution.work  # type: ignore[attr-defined]
        assert (work.doi if work else None) == doi
    fifth = resolutions[4]
    dois = {c.work.doi for c in fifth.candidates}  # type: ignore[attr-defined]
    assert {NICIU_2015, ZARATE_2012} <= dois
    assert all(c.evidence for c in fifth.candidates)  # type: ignore[attr-defined]


def test_sample_references_by_hand(source: FakeSource) -> None:
    resolutions = WorkResolver(source, jobs=3).resolve(_references(SAMPLE))
    _check_sample(resolutions)
    assert resolutions[1].via == "search"
    assert source.calls == Counter(search=5)  # no DOIs: no works() call


@pytest.mark.skipif(not SHARED_SAMPLE.exists(), reason="shared sample not present")
def test_sample_article_through_the_entry_parser(source: FakeSource) -> None:
    from citecheck.references import parse_entry

    lines = SHARED_SAMPLE.read_text(encoding="utf-8").splitlines()
    entries = []
    for line in lines:
        if line.startswith("[") and "] " in line:
            text = line.split("] ", 1)[1]
            entries.append((text, parse_entry(text)[2]))
    assert len(entries) == 5
    _check_sample(WorkResolver(source).resolve(_references(entries)))


@pytest.mark.parametrize("unverified", [OfflineSource(), BrokenSource()])
def test_unverified_source_gives_unverified_never_not_found(unverified: object) -> None:
    entries = [*SAMPLE, (SAMPLE[0][0], ReferenceFields(doi=WILKINSON))]
    resolutions = WorkResolver(unverified).resolve(_references(entries))  # type: ignore[arg-type]
    assert [r.status for r in resolutions] == [Status.UNVERIFIED] * 6
    assert all(r.reason for r in resolutions)


def _with_doi(index: int, doi: str) -> Reference:
    text, fields = SAMPLE[index]
    return Reference(
        label="1",
        line=1,
        text=f"{text} https://doi.org/{doi}",
        style=Style.APA,
        parsed=True,
        fields=ReferenceFields(**{**fields.__dict__, "doi": doi}),
    )


def test_doi_that_agrees_is_matched_via_doi(source: FakeSource) -> None:
    [resolution] = WorkResolver(source).resolve([_with_doi(2, FEDER.upper())])
    assert resolution.status == Status.MATCHED and resolution.via == "doi"
    assert resolution.work is not None and resolution.work.doi == FEDER
    assert resolution.doi_status == "ok"
    assert source.calls == Counter(works=1)


def test_doi_pointing_to_another_paper_is_a_mismatch(source: FakeSource) -> None:
    # Singh's entry carrying Girgenti's DOI: the commonest fabrication.
    [resolution] = WorkResolver(source).resolve([_with_doi(1, GIRGENTI)])
    assert resolution.doi_status == "mismatch"
    assert resolution.doi_work is not None and resolution.doi_work.doi == GIRGENTI
    assert resolution.status == Status.MATCHED and resolution.via == "search"
    assert resolution.work is not None and resolution.work.doi == SINGH


def test_unknown_doi_is_searched(source: FakeSource) -> None:
    [resolution] = WorkResolver(source).resolve([_with_doi(3, "10.9999/made.up")])
    assert resolution.doi_status == "not_found"
    assert resolution.status == Status.MATCHED
    assert resolution.work is not None and resolution.work.doi == GIRGENTI
    assert source.calls == Counter(works=1, agency=1, search=1)


def test_other_agency_doi_goes_through_content_negotiation(records: RecordsSource) -> None:
    girgenti = records.index.work(GIRGENTI)
    assert girgenti is not None
    datacite = Work(**{**girgenti.__dict__, "doi": "10.5061/dryad.x", "raw": {}})
    source = FakeSource(
        records,
        agencies={"10.5061/dryad.x": "datacite"},
        negotiated={"10.5061/dryad.x": datacite},
    )
    [resolution] = WorkResolver(source).resolve([_with_doi(3, "10.5061/dryad.x")])
    assert resolution.status == Status.MATCHED
    assert resolution.via == "content-negotiation"
    assert resolution.doi_status == "other-agency"


def test_one_request_per_distinct_reference(source: FakeSource) -> None:
    references = _references(SAMPLE) * 3 + [_with_doi(2, FEDER), _with_doi(2, FEDER)]
    resolver = WorkResolver(source, jobs=4)
    resolutions = resolver.resolve(references)
    assert len(resolutions) == len(references)
    assert source.calls == Counter(search=5, works=1)
    resolver.resolve(_references(SAMPLE))  # a second document citing the same works
    assert source.calls == Counter(search=5, works=1)


def test_all_dois_in_one_works_call(source: FakeSource) -> None:
    WorkResolver(source).resolve([_with_doi(0, WILKINSON), _with_doi(2, FEDER)])
    assert source.batches == [[WILKINSON, FEDER]]


def test_unparsed_scrap_is_searched_with_its_text(source: FakeSource) -> None:
    scrap = Reference(
        label="9",
        line=9,
        text="Ketamine accelerates fear extinction via mTORC1 signaling Girgenti 2017",
    )
    [resolution] = WorkResolver(source).resolve([scrap])
    assert source.calls["search"] == 1
    assert resolution.candidates and resolution.candidates[0].work.doi == GIRGENTI


@pytest.mark.parametrize(
    ("evidence", "expected"),
    [
        ({"title": 0.97, "author": 0.0}, True),
        ({"title": 0.4, "author": 1.0, "year": 1.0}, False),
        ({"author": 0.0, "year": 1.0}, False),
        ({}, True),  # nothing to disagree with: the DOI stands
        ({"year": 0.0, "journal": 0.2}, False),
    ],
)
def test_agrees(evidence: dict[str, float], expected: bool) -> None:
    from citecheck.model import Candidate

    candidate = Candidate(work=Work(doi="10.1/x"), confidence=0.1, evidence=evidence)
    assert agrees(candidate) is expected


def test_search_text_drops_doi_and_urls() -> None:
    reference = Reference(
        label="1",
        line=1,
        text="Smith J. A title. J Fish. 2020;1:2. doi:10.1000/xyz https://x.org/a",
    )
    assert search_text(reference) == "Smith J. A title. J Fish. 2020;1:2."


def test_through_the_stand_in_crossref_server(records: RecordsSource) -> None:
    fakecrossref = pytest.importorskip("fakecrossref")
    crossref = pytest.importorskip("citecheck.resolve.crossref")
    limits = pytest.importorskip("citecheck.resolve.limits")
    index: RecordsIndex = records.index
    raw = [index.record(doi) for doi in index.dois()]
    with fakecrossref.FakeCrossref(raw, search=index.search, pool="polite") as fake:
        pacer = limits.Pacer(limits.POLITE, sleep=lambda seconds: None)
        source = crossref.CrossrefSource(
            fake.url, "tests@example.org", cn_url=fake.url, limiter=pacer
        )
        references = [*_references(SAMPLE), _with_doi(2, FEDER)]
        resolutions = WorkResolver(source, jobs=3).resolve(references)
    _check_sample(resolutions[:5])
    assert resolutions[5].via == "doi" and resolutions[5].status == Status.MATCHED


@pytest.mark.parametrize(
    ("reference", "reason"),
    [
        (
            Reference(
                label="1",
                line=1,
                text="https://www.example-clinic.org/ketamine",
                fields=ReferenceFields(url="https://www.example-clinic.org/ketamine"),
                kind=ReferenceKind.WEB,
            ),
            "not a scholarly identifier",
        ),
        (
            Reference(label="2", line=2, text="https://www.who.int/ <>"),
            "nothing to search",
        ),
    ],
)
def test_nothing_to_look_up_is_unverified_never_not_found(
    source: FakeSource, reference: Reference, reason: str
) -> None:
    [resolution] = WorkResolver(source).resolve([reference])
    assert (resolution.status, resolution.reason) == (Status.UNVERIFIED, reason)
    assert source.calls["search"] == 0


def test_a_link_only_entry_is_searched_by_its_link_text(source: FakeSource) -> None:
    text = '#link("https://www.example.org/x")[Ketamine accelerates fear extinction via mTORC1 signaling]'
    reference = Reference(label="1", line=1, text=text)
    assert search_text(reference) == "Ketamine accelerates fear extinction via mTORC1 signaling"

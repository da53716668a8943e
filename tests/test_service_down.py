"""A service that cannot be reached is marked down: the rest is unverified at once, never a wait
per reference, never an accusation. Broken bodies are retried like a 5xx."""

from __future__ import annotations

import json
import socket
from pathlib import Path

from citecheck.model import Reference, ReferenceFields, Status
from citecheck.resolve.crossref import DOWN_AFTER, UNREACHABLE, CrossrefSource
from citecheck.resolve.limits import POLITE, Pacer
from citecheck.resolve.resolver import WorkResolver
from conftest import FakeTime
from fakecrossref import FakeCrossref, Fault
from test_e2e import run


def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (connections are refused at once)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def article(count: int) -> str:
    """An article citing ``count`` references, a third of them with DOIs."""
    prose = " ".join(f"Finding {n} was reported in 2019 [{n}]." for n in range(1, count + 1))
    entries = []
    for n in range(1, count + 1):
        doi = f" doi:10.5555/study.{n}" if n % 3 == 0 else ""
        entries.append(
            f"{n}. Author{n} A, Writer B. A study of ketamine number {n} in adults. "
            f"J Invented Psych. 2019;{n}:{n * 10}-{n * 10 + 9}.{doi}"
        )
    return prose + "\n\nReferences\n\n" + "\n".join(entries) + "\n"


def references(count: int) -> list[Reference]:
    result = []
    for n in range(1, count + 1):
        doi = f"10.5555/study.{n}" if n % 3 == 0 else None
        text = f"Author{n} A. A study of ketamine number {n}. J Invented Psych. 2019;{n}:1-9."
        fields = ReferenceFields(title=f"A study of ketamine number {n}", year=2019, doi=doi)
        result.append(Reference(label=str(n), line=n, text=text, parsed=True, fields=fields))
    return result


def source_at(url: str, fake_time: FakeTime, **options: object) -> CrossrefSource:
    pacer = Pacer(POLITE, clock=fake_time.clock, sleep=fake_time.sleep)
    return CrossrefSource(url, "t@example.org", cn_url=url, limiter=pacer, **options)  # type: ignore[arg-type]


def test_a_closed_port_marks_crossref_down_after_a_few_attempts(fake_time: FakeTime) -> None:
    source = source_at(f"http://127.0.0.1:{closed_port()}", fake_time)
    resolutions = WorkResolver(source, jobs=4).resolve(references(56))
    assert source.down
    assert {r.status for r in resolutions} == {Status.UNVERIFIED}
    reasons = [r.reason for r in resolutions]
    assert reasons.count(UNREACHABLE) >= 50, reasons
    # Backoff and pacing were slept only before Crossref was found down, not once per
    # reference: each of the 4 workers may be mid-request (paced, then backing off) when the
    # fifth failure in a row marks it down, so allow two sleeps per worker beyond DOWN_AFTER.
    assert len(fake_time.sleeps) <= DOWN_AFTER + 2 * 4, fake_time.sleeps


def test_one_answer_resets_the_count(fake_crossref: FakeCrossref, fake_time: FakeTime) -> None:
    fake_crossref.add_fault(r"^/works/10\.1/a", Fault(cut=True), times=3)
    source = source_at(fake_crossref.url, fake_time)
    assert source.work("10.1/a").status == "not_found"  # three cuts, then an answer
    fake_crossref.add_fault(r"^/works/10\.1/b", Fault(cut=True), times=3)
    assert source.work("10.1/b").status == "not_found"
    assert not source.down


def test_a_server_killed_mid_run_leaves_the_rest_unverified(
    crossref_records: list[dict], fake_time: FakeTime
) -> None:
    fake = FakeCrossref(crossref_records).start()
    source = source_at(fake.url, fake_time)
    first = WorkResolver(source, jobs=2).resolve(references(6))
    assert {r.status for r in first} <= {Status.NOT_FOUND, Status.AMBIGUOUS, Status.MATCHED}
    fake.stop()
    later = WorkResolver(source, jobs=2).resolve(references(40)[6:])
    assert {r.status for r in later} == {Status.UNVERIFIED}
    assert source.down


def test_broken_bodies_are_retried_like_a_5xx(
    fake_crossref: FakeCrossref, fake_time: FakeTime
) -> None:
    broken = Fault(200, '{"status": "ok", "message-type": "work-li')
    fake_crossref.add_fault(r"query\.bibliographic", broken, times=2)
    fake_crossref.add_fault(r"filter=doi", broken, times=2)
    source = source_at(fake_crossref.url, fake_time)
    assert source.search("ketamine depression").status == "ok"
    results = source.works(["10.4088/jcp.17m11731", "10.1093/ijnp/pyu039"])
    assert {f.status for f in results.values()} == {"ok"}
    assert fake_crossref.counts() == {"search": 3, "batch": 3}


def test_closed_port_from_the_command_line(tmp_path: Path, fake_pacing: FakeTime) -> None:
    (tmp_path / "long.md").write_text(article(56), encoding="utf-8")
    url = f"http://127.0.0.1:{closed_port()}"
    result = run(
        "check", "long.md", "--format", "json", "--crossref-url", url, "--doi-url", url,
        "--no-pubmed", "--no-cache", "--max-retries", "1", "--mailto", "tests@example.org",
        cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 3, result.stderr  # nothing checked, nothing accused
    document = json.loads(result.stdout)["documents"][0]
    assert len(document["references"]) == 56
    assert {r["resolution"]["status"] for r in document["references"]} == {"unverified"}
    assert "Crossref unreachable" in " ".join(result.stderr.split())
    assert not {"not-found", "ref-doi-not-found"} & {f["code"] for f in document["findings"]}
    # Paced and backed off only until Crossref was found down (as in the first test, with
    # the command's four workers), never once per reference.
    assert len(fake_pacing.sleeps) <= DOWN_AFTER + 2 * 4, fake_pacing.sleeps

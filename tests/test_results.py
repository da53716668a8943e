"""The results file: streamed, fsynced lines; --resume skips what is done; report renders it."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import CliRunner

from citecheck import cli, pipeline, processes, results, studytype
from citecheck.model import Document, DocumentReport, InputError
from citecheck.pipeline import Checked, Skipped
from citecheck.progress import Counts, duration
from citecheck.report import RENDERERS, render
from fakecrossref import FakeCrossref, Fault
from test_report_golden import build_report, stub_classify

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "ketamine-therapy.md"
RECORDS = ROOT / "examples" / "records.jsonl"


def archive(folder: Path, count: int) -> list[Path]:
    """``count`` posts, each the example article with a line of its own (distinct content)."""
    folder.mkdir(exist_ok=True)
    text = EXAMPLE.read_text(encoding="utf-8")
    paths = []
    for number in range(count):
        path = folder / f"post-{number:03d}.md"
        path.write_text(f"Post number {number}.\n\n{text}", encoding="utf-8")
        paths.append(path)
    return paths


def lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_a_results_file_renders_every_format_as_the_run_did(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    report = build_report()
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        for document in report.documents:
            writer.write_document(document, "d1")
        for error in report.errors:
            writer.write_error(error)
    loaded = results.load(target)
    assert render(loaded, fmt) == render(report, fmt)


def test_a_name_that_is_not_utf8_and_text_that_is_not_ascii_read_back_as_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # orjson writes the lines; a lone surrogate (a file name that is not UTF-8, as Python
    # reads it) is beyond it, and such a line is written escaped by the standard library.
    monkeypatch.setattr(studytype, "classify_work", stub_classify)
    report = build_report()
    first = report.documents[0]
    named = [
        replace(first, parsed=replace(first.parsed, document=replace(doc, path=path)))
        for path, doc in (
            ("caf\udce9-post.md", first.parsed.document),
            ("café-post.md", first.parsed.document),
        )
    ]
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        for document in named:
            writer.write_document(document, "d1")
    raw = target.read_bytes().splitlines()
    assert b"\\udce9" in raw[0] and "café".encode() in raw[1]
    loaded = results.load(target)
    assert [d.path for d in loaded.documents] == ["caf\udce9-post.md", "café-post.md"]
    assert [d.findings for d in loaded.documents] == [first.findings, first.findings]


def test_release_drops_the_text_and_raw_records() -> None:
    document = build_report().documents[0]
    released = results.release(document)
    assert released.parsed.document.text == "" and released.parsed.document.line_numbers == ()
    assert all(not r.work.raw for r in released.resolutions.values() if r.work)
    assert released.findings == document.findings


def test_a_line_cut_short_by_a_kill_is_dropped_on_resume(tmp_path: Path) -> None:
    document = build_report().documents[0]
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        writer.write_document(document, "d1")
    with target.open("a", encoding="utf-8") as handle:
        handle.write('{"format": 1, "kind": "docu')
    with results.Writer(target, resume=True) as writer:
        assert writer.done() == {document.path: "d1"}
        writer.write_error(InputError("gone.md", "no such file"))
    assert [line["kind"] for line in lines(target)] == ["document", "input-error"]


def test_not_a_results_file_is_one_clear_error(tmp_path: Path) -> None:
    bogus = tmp_path / "notes.jsonl"
    bogus.write_text('{"hello": "world"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["report", str(bogus)])
    assert result.exit_code == cli.EXIT_USAGE
    assert "not a citecheck results file" in result.output
    newer = tmp_path / "newer.jsonl"
    newer.write_text('{"format": 2, "kind": "document", "path": "a.md"}\n', encoding="utf-8")
    result = CliRunner().invoke(cli.main, ["report", str(newer)])
    assert result.exit_code == cli.EXIT_USAGE
    assert "a results file of another citecheck version (format 2," in result.output
    missing = CliRunner().invoke(cli.main, ["report", str(tmp_path / "none.jsonl")])
    assert missing.exit_code == cli.EXIT_USAGE and "no such results file" in missing.output


def test_digest_follows_content_not_path() -> None:
    a = Document("a.md", "text", (1,), "markdown")
    assert results.digest(a) == results.digest(Document("b.md", "text", (1,), "markdown"))
    assert results.digest(a) != results.digest(Document("a.md", "text!", (1,), "markdown"))


def test_check_writes_each_document_and_report_renders_it(tmp_path: Path) -> None:
    posts = archive(tmp_path / "posts", 3)
    target = tmp_path / "run.jsonl"
    runner = CliRunner()
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "-q"]
    direct = runner.invoke(cli.main, [*args, "--format", "json", "--results", str(target)])
    assert direct.exit_code == cli.EXIT_FINDINGS, direct.output
    assert [line["path"] for line in lines(target)] == [str(p) for p in posts]
    for fmt in ("json", "table", "markdown"):
        again = runner.invoke(cli.main, [*args, "--format", fmt, "--results", str(target)])
        later = runner.invoke(cli.main, ["report", str(target), "--format", fmt])
        assert later.exit_code == cli.EXIT_FINDINGS
        assert later.output == again.output


def test_resume_skips_documents_done_and_unchanged(tmp_path: Path) -> None:
    posts = archive(tmp_path / "posts", 3)
    target = tmp_path / "run.jsonl"
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "-q", "--format", "json"]
    first = CliRunner().invoke(cli.main, [*args, "--resume", str(target)])  # a new file
    assert first.exit_code == cli.EXIT_FINDINGS
    posts[1].write_text(posts[1].read_text(encoding="utf-8") + "\nEdited.\n", encoding="utf-8")
    second = CliRunner().invoke(cli.main, [*args, "--resume", str(target)])
    assert second.exit_code == cli.EXIT_FINDINGS
    assert [line["path"] for line in lines(target)] == [str(p) for p in [*posts, posts[1]]]
    report = json.loads(second.output)
    assert [d["path"] for d in report["documents"]] == [str(p) for p in posts]
    assert report == json.loads(first.output) | {"documents": report["documents"]}


def test_results_and_resume_together_are_refused(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        cli.main,
        ["check", str(EXAMPLE), "--records", str(RECORDS), "--results", "a", "--resume", "b"],
    )
    assert result.exit_code == cli.EXIT_USAGE and "not both" in result.output


def test_a_batch_run_saves_results_in_the_cache_folder_by_default(tmp_path: Path) -> None:
    archive(tmp_path / "posts", 2)
    cache = tmp_path / "cache"
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "--cache-dir", str(cache)]
    assert CliRunner().invoke(cli.main, [*args, "-q"]).exit_code == cli.EXIT_FINDINGS
    saved = list((cache / "runs").glob("*.jsonl"))
    assert len(saved) == 1 and len(lines(saved[0])) == 2


class _Interrupting:
    """A resolver that is stopped (as by SIGTERM) on its ``calls``-th look-up."""

    def __init__(self, inner: object, calls: int) -> None:
        self.inner, self.calls = inner, calls

    def resolve(self, references: list) -> list:
        self.calls -= 1
        if self.calls == 0:
            raise cli._Stop(signal.SIGTERM)
        return self.inner.resolve(references)  # type: ignore[attr-defined]


def test_an_interrupted_run_says_what_is_saved_and_how_to_go_on(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = archive(tmp_path / "posts", 4)
    target = tmp_path / "run.jsonl"
    build = pipeline.build_resolver
    monkeypatch.setattr(pipeline, "WINDOW", 1)
    monkeypatch.setattr(
        pipeline, "build_resolver", lambda config: (_Interrupting(build(config)[0], 3), None)
    )
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "--format", "json"]
    stopped = CliRunner().invoke(cli.main, [*args, "--results", str(target)])
    assert stopped.exit_code == cli.EXIT_TERMINATED
    assert "interrupted (SIGTERM): 2 of 4 documents done" in stopped.output
    assert f"--resume {target}" in stopped.output and "--results" not in stopped.output
    assert len(lines(target)) == 2
    monkeypatch.setattr(pipeline, "build_resolver", build)
    resumed = CliRunner().invoke(cli.main, [*args, "--resume", str(target), "-q"])
    assert resumed.exit_code == cli.EXIT_FINDINGS
    assert [d["path"] for d in json.loads(resumed.output)["documents"]] == [str(p) for p in posts]
    assert len(lines(target)) == 4


def test_the_exit_code_and_warnings_of_a_results_file_are_counted_without_reading_it_back(
    tmp_path: Path,
) -> None:
    from dataclasses import replace

    from citecheck.model import Report, Resolution, Status

    sample = build_report().documents[0]
    offline = Resolution(Status.UNVERIFIED, reason="offline", pubmed="unverified")
    unreachable = Resolution(
        Status.MATCHED, sample.resolutions["1"].work, pubmed="unverified", pubmed_reason="timeout"
    )
    other = replace(
        sample,
        resolutions={**sample.resolutions, "4": offline, "5": unreachable},
        findings=sample.findings[:1],
    )
    clean = replace(sample, findings=())

    def moved(document: DocumentReport, path: str) -> DocumentReport:
        parsed = document.parsed
        return replace(
            document, parsed=replace(parsed, document=replace(parsed.document, path=path))
        )

    documents = (sample, moved(other, "other.md"), moved(clean, "clean.md"))
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        written = [writer.write_document(d, "d") for d in documents]
    expected = pipeline.tally(Report(documents))
    assert expected.unverified and expected.pubmed_unreachable and expected.worst > 0
    # As the run counts them (entries just written) and as a later report does (read back).
    assert pipeline.tally(Report(results.Stored(target, written))) == expected
    loaded = results.load(target)
    assert isinstance(loaded.documents, results.Stored) and loaded.documents.facts()
    assert pipeline.tally(loaded) == expected
    for fail_on in ("error", "warning", "info", "never"):
        assert pipeline.exit_code(loaded, fail_on) == pipeline.exit_code(Report(documents), fail_on)


def test_every_line_is_fsynced_and_a_failed_fsync_stops_the_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import errno

    from citecheck.errors import CitecheckError

    synced: list[int] = []  # the file's size at each fsync
    failing = False

    def fsync(fileno: int) -> None:
        if failing:
            synced.append(-1)
            raise OSError(errno.EIO, "Input/output error")
        synced.append(os.fstat(fileno).st_size)

    monkeypatch.setattr(os, "fsync", fsync)
    document = build_report().documents[0]
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        for _ in range(3):
            writer.write_document(document, "d")
    assert synced and max(synced) == target.stat().st_size
    failing = True
    writer = results.Writer(target, resume=True)
    writer.write_document(document, "d")
    deadline = time.monotonic() + 10
    while -1 not in synced and time.monotonic() < deadline:
        time.sleep(0.01)
    with pytest.raises(CitecheckError, match="cannot write results"):
        writer.write_document(document, "d")
    writer.close()


def test_a_resumed_run_skips_unchanged_files_without_reading_them(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    posts = archive(tmp_path / "posts", 3)
    target = tmp_path / "run.jsonl"
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "--format", "json"]
    first = CliRunner().invoke(cli.main, [*args, "--results", str(target), "-q"])
    assert first.exit_code == cli.EXIT_FINDINGS
    assert all(line["source"] for line in lines(target))
    posts[1].write_text(posts[1].read_text(encoding="utf-8") + "\nMore.\n", encoding="utf-8")
    read_as_documents: list[str] = []
    real = pipeline.read_bytes

    def read_bytes(data: bytes, path: str, input_format: str | None) -> Document:
        read_as_documents.append(path)
        return real(data, path, input_format)

    monkeypatch.setattr(pipeline, "read_bytes", read_bytes)
    resumed = CliRunner().invoke(cli.main, [*args, "--resume", str(target), "-q"])
    assert resumed.exit_code == cli.EXIT_FINDINGS
    assert read_as_documents == [str(posts[1])]  # only the changed one
    assert [d["path"] for d in json.loads(resumed.output)["documents"]] == [str(p) for p in posts]
    assert [line["path"] for line in lines(target)][3:] == [str(posts[1])]  # checked again


def test_check_files_skips_only_unchanged_documents(tmp_path: Path) -> None:
    posts = archive(tmp_path / "posts", 2)
    from citecheck.config import Config

    config = Config(records=(str(RECORDS),))
    resolver, _ = pipeline.build_resolver(config)
    first = list(pipeline.check_files([str(p) for p in posts], config, resolver))
    assert all(isinstance(e, Checked) for e in first)
    done = {e.report.path: e.digest for e in first if isinstance(e, Checked)}
    posts[0].write_text("changed\n", encoding="utf-8")
    second = list(pipeline.check_files([str(p) for p in posts], config, resolver, done=done))
    # Skipped documents are told at once, checked ones when their window is done.
    assert [(type(e), e.report.path if isinstance(e, Checked) else e.path) for e in second] == [
        (Skipped, str(posts[1])),
        (Checked, str(posts[0])),
    ]


def test_progress_counts_and_eta() -> None:
    now = [100.0]
    counts = Counts(10, clock=lambda: now[0])
    assert counts.line().endswith("ETA unknown")
    document = build_report().documents[0]
    for _ in range(2):
        counts.add(Checked(document, "d"))
    counts.add(Skipped("x.md", "d"))
    now[0] += 90
    assert counts.line() == ("3/10 documents, 8 references, 2 unverified, 1m30s elapsed, ETA 5m15s")
    assert duration(7300) == "2h01m"


@pytest.mark.slow
def test_sigterm_mid_run_loses_no_document(
    tmp_path: Path, crossref: FakeCrossref, cache_dir: Path
) -> None:
    """A real SIGTERM (as `timeout` sends) while a look-up hangs, then --resume.

    The stand-in with generous limits: the first window's look-ups are not paced, so the
    signal goes as soon as that window's documents are in the results file."""
    fake_crossref = crossref
    posts = archive(tmp_path / "posts", pipeline.WINDOW + 1)
    slow = posts[-1]
    slow.write_text(
        slow.read_text(encoding="utf-8").replace("Ketamine's", "Zyzzyva ketamine's"),
        encoding="utf-8",
    )
    fake_crossref.add_fault("Zyzzyva", Fault(status=200, delay=30.0), times=None)
    target = tmp_path / "run.jsonl"
    command = [sys.executable, "-m", "citecheck", "check", str(tmp_path / "posts")]
    command += ["--crossref-url", fake_crossref.url, "--doi-url", fake_crossref.url]
    command += ["--cache-dir", str(cache_dir), "--format", "json", "--mailto", "t@example.org"]
    command += ["--no-pubmed"]  # never NCBI (nor the retries of an unreachable PubMed)
    env = {**os.environ, "NO_COLOR": "1", "PYTHONFAULTHANDLER": "1"}
    process = subprocess.Popen(
        [*command, "--results", str(target)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        if target.exists() and target.read_text(encoding="utf-8").count("\n") >= pipeline.WINDOW:
            break
        time.sleep(0.01)
    process.send_signal(signal.SIGTERM)
    try:
        _, err = process.communicate(timeout=10)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGABRT)
        _, err = process.communicate(timeout=10)
        print(err)
        raise
    assert process.returncode == cli.EXIT_TERMINATED, err
    assert f"{pipeline.WINDOW} of {len(posts)} documents done" in err
    assert "--resume" in err
    fake_crossref.clear()
    resumed = subprocess.run(
        [*command, "--resume", str(target), "-q"], capture_output=True, text=True, env=env
    )
    assert resumed.returncode == cli.EXIT_FINDINGS, resumed.stderr
    documents = json.loads(resumed.stdout)["documents"]
    assert [d["path"] for d in documents] == [str(p) for p in posts]
    assert len(lines(target)) == len(posts)


def test_a_reader_that_leaves_ends_the_run_quietly(tmp_path: Path) -> None:
    """`citecheck parse DIR --format json | head -c 1`: no "internal error", exit 141 (as a
    command ended by SIGPIPE), whatever was left unwritten."""
    archive(tmp_path / "posts", 40)  # some 250 KB of JSON, more than a pipe holds
    command = [sys.executable, "-m", "citecheck", "parse", str(tmp_path / "posts")]
    process = subprocess.Popen(
        [*command, "--format", "json"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "NO_COLOR": "1"},
    )
    assert process.stdout is not None and process.stderr is not None
    assert process.stdout.read(1) == b"{"
    process.stdout.close()
    err = process.stderr.read().decode()
    assert process.wait(timeout=60) == cli.EXIT_PIPE
    assert err == ""


@pytest.mark.skipif(shutil.which("true") is None, reason="needs a POSIX shell")
def test_verbose_lines_are_not_wrapped_in_a_file(tmp_path: Path) -> None:
    import logging

    log = tmp_path / "err.log"
    with log.open("w") as handle:
        old = sys.stderr
        sys.stderr = handle
        try:
            cli._configure_logging(verbose=True, debug=False)
            logging.getLogger("citecheck.test").info("x" * 200)
        finally:
            sys.stderr = old
            logging.getLogger().handlers.clear()
    text = log.read_text()
    assert ("x" * 200) in text and text.count("\n") == 1


def test_report_renders_html_and_caps_findings_per_document(tmp_path: Path) -> None:
    archive(tmp_path / "posts", 2)
    target = tmp_path / "run.jsonl"
    page = tmp_path / "audit.html"
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "-q"]
    args += ["--results", str(target), "--format", "html", "-o", str(page)]
    assert CliRunner().invoke(cli.main, args).exit_code == cli.EXIT_FINDINGS
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    capped = CliRunner().invoke(
        cli.main,
        ["report", str(target), "--format", "markdown", "--max-findings-per-document", "2"],
    )
    assert capped.output.count("more findings in this document") == 2
    assert "| Document | Errors |" in capped.output


def test_off_a_terminal_progress_is_a_plain_line_per_interval() -> None:
    import io
    import threading

    from citecheck.progress import LineDisplay

    stream = io.StringIO()
    counts = Counts(4)
    said = threading.Event()

    class Once(LineDisplay):
        def say(self) -> None:
            super().say()
            said.set()

    display = Once(counts, stream, interval=0.01)
    try:
        display.update(Checked(build_report().documents[0], "d"))
        said.clear()
        assert said.wait(10)  # a line written after the update
    finally:
        display.close()
    first = stream.getvalue().splitlines()[-1]
    assert first.startswith("citecheck: progress: 1/4 documents, 4 references, 1 unverified, ")
    assert "elapsed, ETA " in first


def test_quiet_or_a_single_document_shows_no_progress() -> None:
    import io

    from citecheck.progress import Display, display

    assert type(display(100, quiet=True, console=None, stream=io.StringIO())) is Display
    assert type(display(1, quiet=False, console=None, stream=io.StringIO())) is Display


def test_an_unwritable_default_results_folder_only_warns(tmp_path: Path) -> None:
    archive(tmp_path / "posts", 2)
    blocked = tmp_path / "cache"
    blocked.mkdir()
    (blocked / "runs").write_text("a file, not a folder", encoding="utf-8")  # even as root
    args = ["check", str(tmp_path / "posts"), "--records", str(RECORDS), "--format", "json"]
    result = CliRunner().invoke(cli.main, [*args, "--cache-dir", str(blocked), "--no-cache"])
    assert result.exit_code == cli.EXIT_FINDINGS, result.output
    assert "cannot keep results there" in result.output


def test_documents_parsed_in_a_process_are_checked_as_on_the_thread(tmp_path: Path) -> None:
    """An archive's documents parsed in a parser process (the first window on the thread
    while it starts): the same events, in the same order, skipped and unreadable ones too.
    """
    from citecheck.config import Config

    posts = archive(tmp_path / "posts", pipeline.WINDOW + 3)
    files = [str(p) for p in posts]
    files.insert(pipeline.WINDOW + 1, str(tmp_path / "missing.md"))
    config = Config(records=(str(RECORDS),))
    resolver, _ = pipeline.build_resolver(config)
    before = [files[0], files[1], files[-2], files[-1]]  # two on the thread, two apart
    first = list(pipeline.check_files(before, config, resolver))
    done = {e.report.path: e.digest for e in first if isinstance(e, Checked)}
    sources = {e.report.path: e.source for e in first if isinstance(e, Checked) and e.source}
    for path in (files[1], files[-1]):
        sources.pop(path)  # read again as a document: skipped by its content digest
    on_thread = list(pipeline.check_files(files, config, resolver, done=done, sources=sources))
    with processes.started(1) as helper:
        apart = list(
            pipeline.check_files(
                files, config, resolver, done=done, sources=sources, parsers=helper
            )
        )
    assert apart == on_thread
    assert [type(e) for e in apart].count(Skipped) == 4
    assert InputError(str(tmp_path / "missing.md"), "no such file") in apart


def test_an_archive_has_a_helper_process_when_there_is_a_core_for_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(processes, "cores", lambda: 2)
    assert processes.helpers(processes.HELPED_FROM - 1) == 0
    assert processes.helpers(processes.HELPED_FROM) == 1
    monkeypatch.setattr(processes, "cores", lambda: 1)
    assert processes.helpers(10_000) == 0  # one core: nothing to work beside


_LEFT_BEHIND = """
import multiprocessing, os, sys
from citecheck import pipeline
from citecheck.config import Config
files = sys.argv[1:]
config = Config(records=(files.pop(),))
resolver, _ = pipeline.build_resolver(config)
from citecheck import processes
events = pipeline.check_files(files, config, resolver, parsers=processes.started(1))
next(events)
print(*[p.pid for p in multiprocessing.active_children()], flush=True)
os._exit(0)  # as an interrupted run leaves, with the parser busy
"""


def test_a_parser_process_ends_when_the_run_does(tmp_path: Path) -> None:
    posts = archive(tmp_path / "posts", pipeline.WINDOW * 3)
    run = subprocess.run(
        [sys.executable, "-c", _LEFT_BEHIND, *map(str, posts), str(RECORDS)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    pids = [int(pid) for pid in run.stdout.split()]
    assert pids
    deadline = time.monotonic() + 30
    while pids and time.monotonic() < deadline:
        pids = [pid for pid in pids if _alive(pid)]
        time.sleep(0.05)
    assert not pids


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_a_results_file_renders_the_same_json_with_a_helper_process(tmp_path: Path) -> None:
    from citecheck.report import jsonout

    documents = build_report().documents
    target = tmp_path / "run.jsonl"
    with results.Writer(target, resume=False) as writer:
        for number in range(5):  # odd: this process renders the last one alone
            document = documents[number % len(documents)]
            writer.write_document(document, f"d{number}")
    loaded = results.load(target)
    with processes.started(1) as helper:
        assert "".join(jsonout.chunks(loaded, helpers=helper)) == "".join(jsonout.chunks(loaded))


@pytest.mark.parametrize(
    ("name", "content", "cause"),
    [
        ("post.md", "# My post\n\nKetamine helped [1].\n", "not a citecheck results file"),
        ("notes.jsonl", "not json\n", "not a citecheck results file"),
        ("old.jsonl", '{"format": 7, "kind": "document", "path": "a.md"}\n', "(format 7,"),
    ],
)
@pytest.mark.parametrize("option", ["--results", "--resume"])
def test_a_file_citecheck_did_not_write_is_never_overwritten_or_cut(
    tmp_path: Path, option: str, name: str, content: str, cause: str
) -> None:
    """Named by mistake (or written by another version): refused in one line, untouched."""
    from clirun import invoke

    target = tmp_path / name
    target.write_text(content, encoding="utf-8")
    shutil.copy(EXAMPLE, tmp_path / "a.md")
    result = invoke("check", "a.md", "--records", str(RECORDS), option, name, cwd=tmp_path)
    assert result.returncode == cli.EXIT_USAGE
    (line,) = result.stderr.strip().splitlines()
    assert line.startswith(f"citecheck: error: {name}: ") and line.endswith("; left as it is")
    assert cause in line
    assert target.read_text(encoding="utf-8") == content


def test_a_results_file_cut_in_its_first_line_is_resumed(tmp_path: Path) -> None:
    target = tmp_path / "run.jsonl"
    target.write_text('{"format": 1, "kind": "docu', encoding="utf-8")
    with results.Writer(target, resume=True) as writer:
        assert writer.done() == {}
        writer.write_error(InputError("gone.md", "no such file"))
    assert [line["kind"] for line in lines(target)] == ["input-error"]


@pytest.mark.parametrize("option", ["--results", "--resume"])
def test_an_output_that_is_the_results_file_is_refused_before_the_run(
    tmp_path: Path, option: str
) -> None:
    from clirun import invoke

    shutil.copy(EXAMPLE, tmp_path / "a.md")
    saved = tmp_path / "run.jsonl"
    with results.Writer(saved, resume=False) as writer:
        writer.write_document(build_report().documents[0], "d1")
    before = saved.read_bytes()
    args = ("check", "a.md", "--records", str(RECORDS), option, "run.jsonl")
    result = invoke(*args, "--output", "./run.jsonl", cwd=tmp_path)
    assert result.returncode == cli.EXIT_USAGE
    assert result.stderr == (
        f"citecheck: error: ./run.jsonl: --output and {option} name the same file; "
        "the report would replace the results\n"
    )
    assert saved.read_bytes() == before


def test_the_report_of_a_run_before_in_the_folder_checked_is_not_read_again(
    tmp_path: Path,
) -> None:
    from clirun import invoke

    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(EXAMPLE, site / "a.md")
    args = ("check", "site", "--records", str(RECORDS), "--format", "html")
    first = invoke(*args, "--output", "site/report.html", cwd=tmp_path)
    report = (site / "report.html").read_text(encoding="utf-8")
    again = invoke(*args, "--output", "site/report.html", cwd=tmp_path)
    assert first.returncode == again.returncode == cli.EXIT_FINDINGS, again.stderr
    assert (site / "report.html").read_text(encoding="utf-8") == report
    assert "site/report.html" not in report

"""Hostile inputs: special files, oversized files, zip bombs; every report format still written."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree

import pytest
from click.testing import CliRunner

from citecheck import cli
from citecheck import config as configuration
from citecheck.errors import ConfigError, ReadError
from citecheck.readers import describe_size, load, parse_size, read
from citecheck.readers import docx as docx_reader
from clirun import invoke

GOOD = """A 2014 randomized clinical trial in JAMA Psychiatry tested ketamine for PTSD [1].

References

[1] Feder, A., Parides, M. K., Murrough, J. W., Perez, A. M., Morgan, J. E., Saxena, S., ... & Charney, D. S. (2014). Efficacy of intravenous ketamine for treatment of chronic posttraumatic stress disorder: a randomized clinical trial. JAMA Psychiatry, 71(6), 681-688.
"""
RECORDS = Path(__file__).resolve().parents[1] / "examples" / "records.jsonl"


def run(*args: str, cwd: Path, stdin: bytes | None = None) -> subprocess.CompletedProcess[bytes]:
    """The real command; a hang fails the test instead of the suite."""
    return subprocess.run(
        [sys.executable, "-m", "citecheck", *args],
        cwd=cwd,
        input=stdin,
        capture_output=True,
        timeout=60,
        env={**os.environ, "NO_COLOR": "1"},
    )


def error_lines(
    result: subprocess.CompletedProcess[bytes] | subprocess.CompletedProcess[str],
) -> list[str]:
    stderr = result.stderr if isinstance(result.stderr, str) else result.stderr.decode()
    return [line for line in stderr.splitlines() if "error:" in line]


# -- only regular files are read ----------------------------------------------------


def test_a_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.md"
    os.mkfifo(fifo)
    with pytest.raises(ReadError, match="not a regular file \\(a FIFO\\)"):
        load(str(fifo))


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null", "/dev/urandom"])
def test_a_device_is_refused_unread(device: str) -> None:
    if not os.path.exists(device) or not stat.S_ISCHR(os.stat(device).st_mode):
        pytest.skip(f"no {device} device here")  # a sandbox may make it a plain file
    with pytest.raises(ReadError, match="not a regular file \\(a device\\)"):
        load(device)


def test_special_files_are_one_line_each_and_the_run_goes_on(tmp_path: Path) -> None:
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "good.md").write_text(GOOD, encoding="utf-8")
    os.mkfifo(tmp_path / "posts" / "stuck.md")  # inside a scanned directory
    os.mkfifo(tmp_path / "named.txt")  # and named on the command line
    result = run(
        "check", "posts", "named.txt", "/dev/zero", "--records", str(RECORDS),
        "--format", "json", cwd=tmp_path,
    )  # fmt: skip
    assert result.returncode == 2, result.stderr
    lines = error_lines(result)
    assert len(lines) == 3, lines
    assert {"stuck.md", "named.txt", "/dev/zero"} == {
        name for name in ("stuck.md", "named.txt", "/dev/zero") for line in lines if name in line
    }
    assert all("not a regular file" in line for line in lines)
    report = json.loads(result.stdout)
    assert [Path(d["path"]).name for d in report["documents"]] == ["good.md"]


# -- a size cap -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "size"),
    [("25MB", 25_000_000), ("500k", 500_000), ("1.5G", 1_500_000_000), ("2MiB", 2 * 2**20),
     ("100", 100), (4096, 4096)],
)  # fmt: skip
def test_parse_size(text: str | int, size: int) -> None:
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "big", "-5", "0", "12 parsecs"])
def test_parse_size_refuses_nonsense(text: str) -> None:
    with pytest.raises(ValueError):
        parse_size(text)


def test_a_file_over_the_cap_is_refused_unread(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text(GOOD * 10, encoding="utf-8")
    assert read(str(path)).lines  # the default is generous
    with pytest.raises(ReadError, match="larger than the input size limit \\(1 KB"):
        read(str(path), max_bytes=1000)


def test_the_cap_is_an_option_and_a_config_key(tmp_path: Path) -> None:
    """In this process (tests/clirun.py): regular files only, nothing that could hang."""
    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    (tmp_path / "big.md").write_text(GOOD * 20, encoding="utf-8")
    args = ("check", "good.md", "big.md", "--records", str(RECORDS), "--format", "json")
    capped = invoke(*args, "--max-input-size", "2KB", cwd=tmp_path)
    assert capped.returncode == 2
    [line] = error_lines(capped)
    assert "big.md" in line and "input size limit (2 KB" in line
    assert len(json.loads(capped.stdout)["documents"]) == 1
    (tmp_path / "citecheck.toml").write_text('max-input-size = "2KB"\n')
    assert "big.md" in error_lines(invoke(*args, cwd=tmp_path))[0]
    assert invoke(*args, "--max-input-size", "1MB", cwd=tmp_path).returncode != 2  # option wins
    wrong = invoke(*args, "--max-input-size", "huge", cwd=tmp_path)
    assert wrong.returncode == 2 and "--max-input-size" in wrong.stderr


def test_a_bad_size_in_the_config_file(tmp_path: Path) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text('max-input-size = "lots"\n')
    with pytest.raises(ConfigError, match="max-input-size"):
        configuration.load(str(path))
    path.write_text("max-input-size = 4096\n")
    assert configuration.load(str(path)).max_input_size == 4096


def test_endless_standard_input_is_capped(tmp_path: Path) -> None:
    with open("/dev/zero", "rb") as zero:
        result = subprocess.run(
            [sys.executable, "-m", "citecheck", "parse", "-"],
            stdin=zero,
            capture_output=True,
            timeout=60,
            cwd=tmp_path,
        )
    assert result.returncode == 2
    assert b"input size limit" in result.stderr and b"Traceback" not in result.stderr


# -- .docx zip bombs --------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def test_a_zip_bomb_is_refused_before_it_is_inflated() -> None:
    filler = b"<w:t>" + b"a" * (20 * 10**6) + b"</w:t>"
    bomb = _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": filler})
    assert len(bomb) < 100_000
    with pytest.raises(ReadError, match="word/document.xml would inflate .*-fold .*zip bomb"):
        docx_reader.read(bomb, "bomb.docx")


def test_a_package_too_large_unpacked_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_reader, "MAX_UNPACKED_BYTES", 1000)
    package = _zip({"a.xml": os.urandom(600), "b.xml": os.urandom(600)})
    with pytest.raises(ReadError, match="would unpack to 1.2 KB, more than 1 KB"):
        docx_reader.read(package, "big.docx")


def test_describe_size() -> None:
    assert [describe_size(n) for n in (90, 2048, 25 * 10**6, 3 * 10**9)] == [
        "90 bytes",
        "2.05 KB",
        "25 MB",
        "3 GB",
    ]


# -- a report in every format, even when nothing could be read --------------------------


@pytest.mark.parametrize("fmt", ["sarif", "json", "junit", "csv", "github", "markdown", "table"])
def test_every_format_is_written_when_no_document_could_be_read(
    tmp_path: Path, fmt: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    out = tmp_path / f"report.{fmt}"
    # In process (what each format writes); the subprocess runs are the tests above.
    monkeypatch.chdir(tmp_path)
    args = ["check", "empty.txt", "--records", str(RECORDS), "--format", fmt, "--output", str(out)]
    result = CliRunner().invoke(cli.main, args, env={"NO_COLOR": "1"})
    assert result.exit_code == 2
    assert len([line for line in result.stderr.splitlines() if "error:" in line]) == 1
    text = out.read_text(encoding="utf-8")
    if fmt == "sarif":
        log = json.loads(text)
        assert log["version"] == "2.1.0" and log["runs"][0]["results"] == []
        [invocation] = log["runs"][0]["invocations"]
        assert invocation["executionSuccessful"] is False
        [note] = invocation["toolExecutionNotifications"]
        assert "empty.txt" in note["message"]["text"] and note["level"] == "error"
    elif fmt == "json":
        report = json.loads(text)
        assert report["documents"] == [] and report["input_errors"][0]["path"] == "empty.txt"
    elif fmt == "junit":
        assert "empty.txt" in ElementTree.fromstring(text).find(".//testsuite").get("name", "")
    elif fmt == "csv":
        assert next(csv.reader(io.StringIO(text)))[0] == "path"
    else:
        assert "empty.txt" in text


def test_output_to_a_fifo_is_written_to_never_replaced(tmp_path: Path) -> None:
    """As ``-o /dev/null`` must be: replacing a device with a file broke a whole machine."""
    import stat
    import threading

    (tmp_path / "good.md").write_text(GOOD, encoding="utf-8")
    fifo = tmp_path / "report.fifo"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()), daemon=True)
    reader.start()
    result = run(
        "check", "good.md", "--records", str(RECORDS), "--format", "json", "-o", str(fifo),
        cwd=tmp_path,
    )  # fmt: skip
    reader.join(30)
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert json.loads(received[0])["documents"]
    assert not list(tmp_path.glob(".report.fifo*"))

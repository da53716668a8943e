"""Configuration: file discovery, validation, precedence."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from citecheck.config import ENVIRONMENT, Config, find_config_file, from_environment, load
from citecheck.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for var in ENVIRONMENT:
        monkeypatch.delenv(var, raising=False)
    config = load()
    assert config == Config()


def test_pyproject_table_found_upward(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.citecheck]\nfail-on = "warning"\nmailto = "ed@example.org"\n'
        'ignore = ["reference-not-cited"]\nrecords = ["data/works.jsonl"]\n'
    )
    nested = tmp_path / "posts" / "2024"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    config = load()
    assert config.fail_on == "warning"
    assert config.mailto == "ed@example.org"
    assert config.ignore == ("reference-not-cited",)
    assert config.records == (str(tmp_path / "data" / "works.jsonl"),)
    assert config.source == str(tmp_path / "pyproject.toml")


def test_pyproject_without_table_is_skipped(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "blog"\n')
    assert find_config_file(tmp_path) is None


def test_citecheck_toml_wins_over_pyproject_in_same_folder(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[tool.citecheck]\nfail-on = "info"\n')
    (tmp_path / "citecheck.toml").write_text('fail-on = "never"\n')
    assert find_config_file(tmp_path) == tmp_path / "citecheck.toml"


def test_command_line_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "citecheck.toml").write_text('fail-on = "never"\njobs = 2\n')
    monkeypatch.chdir(tmp_path)
    config = load(None, {"fail_on": "warning", "jobs": None, "records": ()})
    assert config.fail_on == "warning"
    assert config.jobs == 2


@pytest.mark.parametrize(
    ("cli", "env", "file", "expected"),
    [
        ("http://cli", "http://env", "http://file", "http://cli"),
        (None, "http://env", "http://file", "http://env"),
        (None, None, "http://file", "http://file"),
        (None, None, None, "https://api.crossref.org"),
        ("http://cli", None, "http://file", "http://cli"),
        (None, "", "http://file", "http://file"),  # an empty variable is unset
    ],
)
def test_precedence_command_line_environment_file_defaults(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    cli: str | None,
    env: str | None,
    file: str | None,
    expected: str,
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("CITECHECK_CROSSREF_URL", raising=False)
    if env is not None:
        monkeypatch.setenv("CITECHECK_CROSSREF_URL", env)
    if file is not None:
        (tmp_path / "citecheck.toml").write_text(f'crossref-url = "{file}"\n')
    assert load(None, {"crossref_url": cli}).crossref_url == expected
    assert load().crossref_url == (env or file or "https://api.crossref.org")


def test_every_variable_is_read_in_one_place(monkeypatch: pytest.MonkeyPatch) -> None:
    values = {var: f"value of {var}" for var in ENVIRONMENT}
    assert from_environment(values) == {
        name: f"value of {var}" for var, name in ENVIRONMENT.items()
    }
    reading = re.compile(r"environ\b[^\n]*(?:CITECHECK_|NCBI_API_KEY)|getenv\(|envvar=")
    readers = sorted(
        p.name
        for p in (Path(__file__).parents[1] / "src" / "citecheck").rglob("*.py")
        if reading.search(p.read_text(encoding="utf-8"))
    )
    assert readers == [], readers  # config.load reads them through ENVIRONMENT, no one else


def test_the_command_line_and_config_load_agree(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The case of issue 8: the variable set and the file naming another URL."""
    from click.testing import CliRunner

    from citecheck.cli import main

    (tmp_path / "citecheck.toml").write_text('crossref-url = "http://127.0.0.1:9/file"\n')
    (tmp_path / "a.md").write_text("Nothing cited here.\n")
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("CITECHECK_CROSSREF_URL", "http://127.0.0.1:9/env")
    seen: list[str] = []

    def build(config: Config) -> object:
        seen.append(config.crossref_url)
        raise SystemExit(0)

    monkeypatch.setattr("citecheck.pipeline.build_resolver", build)
    CliRunner().invoke(main, ["check", "a.md"])
    assert seen == ["http://127.0.0.1:9/env"] == [load().crossref_url]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("fail-on = 3\n", "'fail-on' must be a string"),
        ('colour = "yes"\n', "unknown setting 'colour'"),
        ("offline = 1\n", "'offline' must be true or false"),
        ("jobs = 0\n", "'jobs' must be a positive integer"),
        ('ignore = "x" = 1\n', "invalid TOML"),
        ('[severity]\n"ref-pages" = "fatal"\n', "'severity' maps codes"),
        ('fail-on = "sometimes"\n', "fail-on must be one of"),
    ],
)
def test_bad_configuration_is_one_clear_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, text: str, message: str
) -> None:
    path = tmp_path / "citecheck.toml"
    path.write_text(text)
    monkeypatch.chdir(tmp_path)
    with pytest.raises(ConfigError, match=message.replace("(", r"\(")) as info:
        load()
    assert "\n" not in str(info.value)


def test_missing_explicit_config(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="no such configuration file"):
        load(str(tmp_path / "nope.toml"))

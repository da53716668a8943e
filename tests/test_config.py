"""Configuration: file discovery, validation, precedence."""

from __future__ import annotations

from pathlib import Path

import pytest

from citecheck.config import Config, find_config_file, load
from citecheck.errors import ConfigError


def test_defaults_without_a_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    for var in ("CITECHECK_CROSSREF_URL", "CITECHECK_MAILTO", "CITECHECK_CACHE_DIR"):
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


def test_environment_is_below_the_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITECHECK_MAILTO", "env@example.org")
    monkeypatch.chdir(tmp_path)
    assert load().mailto == "env@example.org"
    (tmp_path / "citecheck.toml").write_text('mailto = "file@example.org"\n')
    assert load().mailto == "file@example.org"


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

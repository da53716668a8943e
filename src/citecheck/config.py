"""One frozen Config, from ``[tool.citecheck]`` in pyproject.toml or from citecheck.toml.

The file is found upward from the working directory (the first ``citecheck.toml``, or
``pyproject.toml`` with a ``[tool.citecheck]`` table); ``--config FILE`` names one
directly. Each setting comes from the first of: the command line, the environment
(``ENVIRONMENT``), the config file, the defaults; :func:`load` is the one place that
reads them.
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from citecheck.errors import ConfigError
from citecheck.readers import MAX_INPUT_BYTES, parse_size

FAIL_ON = ("error", "warning", "info", "never")
DEFAULT_CROSSREF_URL = "https://api.crossref.org"
DEFAULT_CN_URL = "https://doi.org"
DEFAULT_PUBMED_URL = "https://eutils.ncbi.nlm.nih.gov/entrez/eutils"


@dataclass(frozen=True)
class Config:
    """Every setting of a run. Built from defaults, then the config file, then the CLI."""

    format: str = "table"
    output: str | None = None
    fail_on: str = "error"
    crossref_url: str = DEFAULT_CROSSREF_URL
    content_negotiation_url: str = DEFAULT_CN_URL
    mailto: str | None = None
    records: tuple[str, ...] = ()
    no_pubmed: bool = False
    pubmed_url: str = DEFAULT_PUBMED_URL
    ncbi_api_key: str | None = None
    pubmed_records: tuple[str, ...] = ()
    offline: bool = False
    cache_dir: str | None = None
    no_cache: bool = False
    max_age_days: float | None = None
    refresh: bool = False
    jobs: int = 4
    max_retries: int = 3  # per request, for 5xx, timeouts, cut connections and 429
    input_format: str | None = None
    max_input_size: int = MAX_INPUT_BYTES  # bytes; larger inputs are refused unread
    ignore: tuple[str, ...] = ()  # finding codes
    ignore_references: tuple[str, ...] = ()  # "3", "path.md:3" or a DOI
    severity: Mapping[str, str] = field(default_factory=dict)  # code -> error|warning|info
    baseline: str | None = None
    max_findings_per_document: int | None = None  # text formats show at most this many
    source: str | None = None  # the file the settings came from, for messages


_KEYS = {f.name.replace("_", "-"): f.name for f in fields(Config)} | {
    f.name: f.name for f in fields(Config)
}
# Environment variables, read here and nowhere else (the options' help names them).
ENVIRONMENT: Mapping[str, str] = {
    "CITECHECK_CROSSREF_URL": "crossref_url",
    "CITECHECK_DOI_URL": "content_negotiation_url",
    "CITECHECK_MAILTO": "mailto",
    "CITECHECK_CACHE_DIR": "cache_dir",
    "CITECHECK_PUBMED_URL": "pubmed_url",
    "NCBI_API_KEY": "ncbi_api_key",
}
_TUPLES = {"records", "pubmed_records", "ignore", "ignore_references"}


def find_config_file(start: Path | None = None) -> Path | None:
    """The nearest citecheck.toml, or pyproject.toml with [tool.citecheck], upward from start."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "citecheck.toml"
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and _table(pyproject, required=False) is not None:
            return pyproject
    return None


def _table(path: Path, *, required: bool) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read configuration ({exc})") from exc
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from exc
    if path.name == "pyproject.toml":
        table = data.get("tool", {}).get("citecheck")
        if table is None and required:
            raise ConfigError(f"{path}: no [tool.citecheck] table")
        return table if isinstance(table, dict) else None
    citecheck_table = data.get("tool", {}).get("citecheck")
    return citecheck_table if isinstance(citecheck_table, dict) else data


def _coerce(path: Path, key: str, value: Any) -> Any:
    name = _KEYS[key]
    if name in _TUPLES:
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"{path}: '{key}' must be a list of strings")
        return tuple(value)
    if name == "severity":
        if not isinstance(value, dict) or not all(
            v in ("error", "warning", "info") for v in value.values()
        ):
            raise ConfigError(f"{path}: 'severity' maps codes to error, warning or info")
        return dict(value)
    expected = {f.name: f.type for f in fields(Config)}[name]
    if "bool" in str(expected) and not isinstance(value, bool):
        raise ConfigError(f"{path}: '{key}' must be true or false")
    if name == "jobs" and (not isinstance(value, int) or value < 1):
        raise ConfigError(f"{path}: 'jobs' must be a positive integer")
    if name == "max_retries" and (not isinstance(value, int) or value < 0):
        raise ConfigError(f"{path}: 'max-retries' must be a whole number")
    if name == "max_findings_per_document" and (not isinstance(value, int) or value < 1):
        raise ConfigError(f"{path}: 'max-findings-per-document' must be a positive integer")
    if name == "max_input_size":
        try:
            return parse_size(value)
        except ValueError as exc:
            raise ConfigError(f"{path}: 'max-input-size' {exc}") from exc
    if name == "max_age_days" and not isinstance(value, int | float):
        raise ConfigError(f"{path}: 'max-age-days' must be a number")
    if "str" in str(expected) and not isinstance(value, str):
        raise ConfigError(f"{path}: '{key}' must be a string")
    return value


def load_file(path: Path) -> dict[str, Any]:
    """Settings from one config file, validated; paths made relative to the file's folder."""
    table = _table(path, required=True) or {}
    settings: dict[str, Any] = {}
    for key, value in table.items():
        if key not in _KEYS:
            raise ConfigError(f"{path}: unknown setting '{key}'")
        settings[_KEYS[key]] = _coerce(path, key, value)
    base = path.parent
    for key in ("records", "pubmed_records"):
        if key in settings:
            settings[key] = tuple(str(base / p) for p in settings[key])
    for key in ("cache_dir", "baseline"):
        if settings.get(key):
            settings[key] = str(base / settings[key])
    settings["source"] = str(path)
    return settings


def from_environment(environ: Mapping[str, str] | None = None) -> dict[str, str]:
    """The settings the environment gives (empty values count as unset)."""
    source = os.environ if environ is None else environ
    return {name: source[var] for var, name in ENVIRONMENT.items() if source.get(var)}


def load(config_path: str | None = None, overrides: Mapping[str, Any] | None = None) -> Config:
    """The one place settings are read, each from the first of: the command line
    (``overrides``; None means unset), the environment, the config file, the defaults.
    """
    settings: dict[str, Any] = {}
    path = Path(config_path) if config_path else find_config_file()
    if config_path and not Path(config_path).is_file():
        raise ConfigError(f"{config_path}: no such configuration file")
    if path is not None:
        settings.update(load_file(path))
    settings.update(from_environment())
    for key, value in (overrides or {}).items():
        if value is None or value == ():
            continue
        settings[key] = value
    config = replace(Config(), **settings)
    if config.fail_on not in FAIL_ON:
        raise ConfigError(f"fail-on must be one of {', '.join(FAIL_ON)}, not '{config.fail_on}'")
    return config

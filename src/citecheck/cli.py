"""The command line: options -> Config, run the pipeline, render, exit code."""

from __future__ import annotations

import os
import shutil
import sys
import traceback
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from citecheck import __version__
from citecheck.errors import CitecheckError
from citecheck.readers import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNVERIFIED, EXIT_INTERNAL = 0, 1, 2, 3, 4
CHECK_FORMATS = ("table", "json", "sarif", "github", "junit", "markdown", "csv")
PARSE_FORMATS = ("table", "json")
INPUT_FORMATS = tuple(FORMATS)


def _stderr(message: str) -> None:
    click.echo(f"citecheck: {message}", err=True)


def _run(debug: bool, body: Callable[[], int]) -> None:
    """Run a command body; user errors are one line (exit 2), bugs exit 4."""
    try:
        code = body()
    except CitecheckError as exc:
        if debug:
            traceback.print_exc()
        _stderr(f"error: {exc}")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        _stderr("interrupted")
        code = 130
    except Exception as exc:  # noqa: BLE001 - the last line of defence: exit 4, not a traceback
        if debug:
            traceback.print_exc()
        _stderr(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in citecheck; "
            "please report it with the output of --debug."
        )
        code = EXIT_INTERNAL
    sys.exit(code)


def _write(text: str, output: str | None, inputs: Sequence[str]) -> None:
    """Print, or write to --output without ever overwriting one of the inputs."""
    if not output or output == "-":
        click.echo(text, nl=not text.endswith("\n"))
        return
    target = Path(output)
    for path in inputs:
        same = path != "-" and target.exists() and Path(path).exists()
        if same and target.resolve() == Path(path).resolve():
            raise CitecheckError(f"{output}: refusing to overwrite an input file")
    tmp = target.with_name(f".{target.name}.citecheck-tmp")
    try:
        tmp.write_text(text if text.endswith("\n") else text + "\n", encoding="utf-8")
        os.replace(tmp, target)
    except OSError as exc:
        raise CitecheckError(f"{output}: cannot write output ({exc.strerror})") from exc


def _debug_option(func: F) -> F:
    return click.option("--debug", is_flag=True, help="Show tracebacks for errors.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Check that an article's citations are true: prose claims, reference entries and the
    published record (Crossref)."""


@main.command()
@click.argument("files", nargs=-1, required=True)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(PARSE_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Read inputs as this format instead of guessing from the extension.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write to FILE.")
@_debug_option
def parse(
    files: tuple[str, ...], fmt: str, input_format: str | None, output: str | None, debug: bool
) -> None:
    """Show the references, citations and claims read from FILES (no network)."""

    def body() -> int:
        from citecheck.pipeline import parse as parse_document
        from citecheck.pipeline import read_all
        from citecheck.report import render_parse

        documents, errors = read_all(files, input_format)
        for error in errors:
            _stderr(f"error: {error}")
        parsed = [parse_document(d) for d in documents]
        if parsed or not errors:
            _write(render_parse(parsed, fmt, color=_color(output)), output, files)
        return EXIT_USAGE if errors else EXIT_OK

    _run(debug, body)


def _color(output: str | None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set."""
    if output and output != "-":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option(
    "--format", "fmt", type=click.Choice(CHECK_FORMATS), help="Output format.  [default: table]"
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning", "info", "never")),
    help="Exit 1 when a finding is at least this severe.  [default: error]",
)
@click.option(
    "--crossref-url",
    envvar="CITECHECK_CROSSREF_URL",
    show_envvar=True,
    help="Crossref REST API base URL.  [default: https://api.crossref.org]",
)
@click.option(
    "--doi-url",
    "content_negotiation_url",
    envvar="CITECHECK_DOI_URL",
    show_envvar=True,
    help="DOI resolver for content negotiation.  [default: https://doi.org]",
)
@click.option(
    "--mailto",
    envvar="CITECHECK_MAILTO",
    show_envvar=True,
    help="Your e-mail, sent to Crossref for its polite pool.",
)
@click.option(
    "--records",
    multiple=True,
    type=click.Path(),
    help="Resolve against local Crossref records (JSONL, JSONL.gz) instead of the API.",
)
@click.option(
    "--offline",
    is_flag=True,
    default=None,
    help="Use only the cache; what is not cached is unverified.",
)
@click.option(
    "--cache-dir",
    envvar="CITECHECK_CACHE_DIR",
    show_envvar=True,
    type=click.Path(file_okay=False),
    help="Where to keep the lookup cache.",
)
@click.option("--no-cache", is_flag=True, default=None, help="Neither read nor write the cache.")
@click.option(
    "--refresh", is_flag=True, default=None, help="Look everything up again, refreshing the cache."
)
@click.option(
    "--max-age", "max_age_days", type=float, help="Treat cached entries older than DAYS as stale."
)
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    help="Read settings from this file instead of the nearest citecheck.toml or pyproject.toml.",
)
@click.option(
    "--baseline",
    type=click.Path(dir_okay=False),
    help="Ignore findings recorded in this baseline file.",
)
@click.option(
    "--write-baseline",
    type=click.Path(dir_okay=False),
    help="Record every current finding in FILE and exit 0.",
)
@click.option("--ignore", multiple=True, help="Ignore a finding code (repeatable).")
@click.option(
    "--input-format",
    type=click.Choice(INPUT_FORMATS),
    help="Read inputs as this format instead of guessing from the extension.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 32),
    help="Parallel look-ups (Crossref's limits still apply).  [default: 4]",
)
@click.option(
    "--max-retries",
    type=click.IntRange(0, 10),
    help="Retries per request after a timeout, 5xx or 429.  [default: 3]",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress bar, no summary on stderr.")
@click.option("--verbose", "-v", is_flag=True, help="Log each look-up on stderr.")
@_debug_option
def check(
    paths: tuple[str, ...],
    config_path: str | None,
    write_baseline: str | None,
    quiet: bool,
    verbose: bool,
    debug: bool,
    **options: Any,
) -> None:
    """Check the citations in PATHS (files, directories, globs, or - for stdin)."""

    def body() -> int:
        from citecheck import baseline as baselines
        from citecheck import config as configuration
        from citecheck.pipeline import build_resolver, exit_code
        from citecheck.pipeline import check as run_check
        from citecheck.report import render

        options["format"] = options.pop("fmt")
        if options.get("records"):
            options["records"] = tuple(options["records"])
        if options.get("ignore"):
            options["ignore"] = tuple(options["ignore"])
        _configure_logging(verbose, debug)
        config = configuration.load(config_path, options)
        resolver, cite = build_resolver(config)
        with _progress(quiet) as progress:
            report = run_check(paths, config, resolver, progress, cite)
        for error in report.errors:
            _stderr(f"error: {error}")
        if not quiet:
            _say_unverified(report)
        if write_baseline:
            count = baselines.write(write_baseline, report.findings())
            if not quiet:
                _stderr(f"wrote {count} findings to the baseline {write_baseline}")
            return EXIT_USAGE if report.errors else EXIT_OK
        if report.documents or not report.errors:
            width = shutil.get_terminal_size((100, 24)).columns
            text = render(report, config.format, color=_color(config.output), width=width)
            _write(text, config.output, paths)
        return exit_code(report, config.fail_on)

    _run(debug, body)


def _say_unverified(report: Any) -> None:
    """One line on stderr when references could not be checked, with the commonest reason."""
    from collections import Counter

    reasons = Counter(
        r.reason or "unknown"
        for doc in report.documents
        for r in doc.resolutions.values()
        if r.status == "unverified"
    )
    if reasons:
        reason, _ = reasons.most_common(1)[0]
        count = sum(reasons.values())
        noun = "reference" if count == 1 else "references"
        _stderr(
            f"warning: {count} {noun} could not be verified ({reason}); nothing is assumed wrong with them"
        )


def _configure_logging(verbose: bool, debug: bool) -> None:
    import logging

    from rich.logging import RichHandler

    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler = RichHandler(console=_err_console(), show_time=False, show_path=False)
    logging.basicConfig(level=level, format="%(message)s", handlers=[handler], force=True)


def _err_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))


class _progress:
    """A rich progress bar on stderr when it is a terminal; silent otherwise."""

    def __init__(self, quiet: bool) -> None:
        self._enabled = not quiet and sys.stderr.isatty()
        self._bar: Any = None
        self._tasks: dict[str, Any] = {}

    def __enter__(self) -> Callable[[str, int, int], None] | None:
        if not self._enabled:
            return None
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        self._bar = Progress(
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=_err_console(),
            transient=True,
        )
        self._bar.start()
        return self._update

    def _update(self, stage: str, done: int, total: int) -> None:
        if total < 2:
            return
        labels = {"read": "Reading articles", "resolve": "Checking references"}
        if stage not in self._tasks:
            self._tasks[stage] = self._bar.add_task(labels.get(stage, stage), total=total)
        self._bar.update(self._tasks[stage], completed=done, total=total)

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()


@main.group()
def cache() -> None:
    """Inspect or clear the lookup cache."""


def _open_cache(cache_dir: str | None) -> Any:
    from citecheck.resolve.cache import Cache, default_cache_dir

    return Cache(cache_dir or default_cache_dir())


_cache_dir_option = click.option(
    "--cache-dir",
    envvar="CITECHECK_CACHE_DIR",
    type=click.Path(file_okay=False),
    help="The cache folder.",
)


@cache.command("info")
@_cache_dir_option
@_debug_option
def cache_info(cache_dir: str | None, debug: bool) -> None:
    """Where the cache is, how big, what it holds."""

    def body() -> int:
        for key, value in _open_cache(cache_dir).info().items():
            click.echo(f"{key}: {value}")
        return EXIT_OK

    _run(debug, body)


@cache.command("clear")
@_cache_dir_option
@_debug_option
def cache_clear(cache_dir: str | None, debug: bool) -> None:
    """Delete every cached record and search."""

    def body() -> int:
        click.echo(f"cleared {_open_cache(cache_dir).clear()} cached entries")
        return EXIT_OK

    _run(debug, body)


@main.command()
def codes() -> None:
    """List the finding codes with their default severities."""
    from citecheck.compare import CODES

    for code, (severity, description) in CODES.items():
        click.echo(f"{code:28} {severity.value:8} {description}")

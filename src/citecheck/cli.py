"""The command line: options -> Config, run the pipeline, render, exit code."""

from __future__ import annotations

import itertools
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

import click

from citecheck import __version__
from citecheck.errors import CitecheckError
from citecheck.readers import FORMATS

F = TypeVar("F", bound=Callable[..., Any])

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE, EXIT_UNVERIFIED, EXIT_INTERNAL = 0, 1, 2, 3, 4
EXIT_INTERRUPTED, EXIT_TERMINATED = 130, 143  # 128 + SIGINT, 128 + SIGTERM
EXIT_PIPE = 141  # 128 + SIGPIPE: what a shell reports for a command whose reader left
CHECK_FORMATS = ("table", "json", "sarif", "github", "junit", "markdown", "csv", "html")
PARSE_FORMATS = ("table", "json")
INPUT_FORMATS = tuple(FORMATS)


def _stderr(message: str) -> None:
    click.echo(f"citecheck: {message}", err=True)


def _print_traceback() -> None:
    import traceback  # --debug only: not imported at every start

    traceback.print_exc()


def _terminal_width() -> int:
    import shutil

    return shutil.get_terminal_size((100, 24)).columns


def _run(body: Callable[[], int], *, debug: bool) -> None:
    """Run a command body; user errors are one line (exit 2), bugs exit 4."""
    try:
        code = body()
        sys.stdout.flush()  # a closed pipe shows here, not in the interpreter's exit
    except BrokenPipeError:
        # The reader of standard output went away ("| head"): stop writing, quietly, as
        # a command killed by SIGPIPE would. Standard output now points at /dev/null so
        # that the interpreter's own flush at exit does not fail again.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
        code = EXIT_PIPE
    except CitecheckError as exc:
        if debug:
            _print_traceback()
        _stderr(f"error: {exc}")
        code = EXIT_USAGE
    except KeyboardInterrupt:
        _stderr("interrupted")
        code = EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - the last line of defence: exit 4, not a traceback
        if debug:
            _print_traceback()
        _stderr(
            f"internal error: {type(exc).__name__}: {exc}. This is a bug in citecheck; "
            "please report it with the output of --debug."
        )
        code = EXIT_INTERNAL
    if code in (EXIT_INTERRUPTED, EXIT_TERMINATED, EXIT_PIPE):
        _forget_lookups()
        if _busy_threads():
            # Look-ups still in flight would hold the exit until they time out: leave now
            # (the results file is flushed line by line, the cache commits each answer).
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(code)
    sys.exit(code)


def _forget_lookups() -> None:
    """Let an interrupted run exit without waiting for look-ups still in flight.

    concurrent.futures joins every pool worker at exit, daemon or not; the workers of the
    streaming check are daemon threads (started from the pipeline's own), so dropping
    that registry lets the interpreter leave them. No such registry: nothing to do.
    """
    from concurrent.futures import thread

    registry = getattr(thread, "_threads_queues", None)
    if registry is not None:
        registry.clear()


def _busy_threads() -> bool:
    import threading

    return any(
        t.is_alive() and not t.daemon
        for t in threading.enumerate()
        if t is not threading.main_thread()
    )


def _write(
    text: str | Iterable[str] | Iterable[bytes | str], output: str | None, inputs: Sequence[str]
) -> None:
    """Print, or write to --output without ever overwriting one of the inputs. ``text``
    may come in pieces (a long report streamed), written as they come; pieces already
    encoded (bytes, UTF-8) go to standard output's bytes as they are.
    """
    pieces = [text] if isinstance(text, str) else text
    if not output or output == "-":
        ends_line = False
        for piece in pieces:
            if piece:
                click.echo(piece, nl=False)
                ends_line = (
                    piece.endswith("\n") if isinstance(piece, str) else piece.endswith(b"\n")
                )
        if not ends_line:
            click.echo("")
        return
    target = Path(output)
    for path in inputs:
        same = path != "-" and target.exists() and Path(path).exists()
        if same and target.resolve() == Path(path).resolve():
            raise CitecheckError(f"{output}: refusing to overwrite an input file")
    # A regular file is replaced whole (no half-written report); /dev/null, a FIFO or a
    # terminal is written to, never replaced by a file.
    special = target.exists() and not target.is_file()
    tmp = target if special else target.with_name(f".{target.name}.citecheck-tmp")
    try:
        with tmp.open("w", encoding="utf-8") as handle:
            last = ""
            for piece in pieces:
                if piece:
                    last = piece if isinstance(piece, str) else piece.decode("utf-8")
                    handle.write(last)
            if not last.endswith("\n"):
                handle.write("\n")
        if not special:
            os.replace(tmp, target)
    except OSError as exc:
        raise CitecheckError(f"{output}: cannot write output ({exc.strerror})") from exc


def _size(ctx: click.Context, param: click.Parameter, value: str | None) -> int | None:
    """A size option (``25MB``, ``500KB``, bytes) in bytes, or a usage error naming it."""
    from citecheck.readers import parse_size

    if value is None:
        return None
    try:
        return parse_size(value)
    except ValueError as exc:
        raise click.BadParameter(str(exc), ctx, param) from exc


def _debug_option(func: F) -> F:
    return click.option("--debug", is_flag=True, help="Show tracebacks for errors.")(func)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, prog_name="citecheck")
def main() -> None:
    """Check that an article's citations are true: prose claims, reference entries and the
    published record (Crossref, PubMed).
    """


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
@click.option(
    "--indent",
    type=click.IntRange(0, 8),
    help="Indent JSON by N spaces (default: compact, one line).",
)
@_debug_option
def parse(
    *,
    files: tuple[str, ...],
    fmt: str,
    input_format: str | None,
    output: str | None,
    indent: int | None,
    debug: bool,
) -> None:
    """Show the references, citations and claims read from FILES (no network)."""

    def body() -> int:
        from citecheck.parsing import parse as parse_document
        from citecheck.parsing import read_all
        from citecheck.report import render_parse

        _spare_the_collector()
        if fmt == "json" and indent is None:
            return _parse_to_json(files, input_format, output)
        documents, errors = read_all(files, input_format)
        for error in errors:
            _stderr(f"error: {error}")
        parsed = [parse_document(d) for d in documents]
        if parsed or not errors:
            text = render_parse(parsed, fmt, color=_color(output), indent=indent)
            _write(text, output, files)
        return EXIT_USAGE if errors else EXIT_OK

    _run(body, debug=debug)


def _spare_the_collector() -> None:
    """Keep the cycle collector off the objects imported at start (the compiled patterns,
    tables and classes, which live to the end) and let it run less often: a parsed
    document's objects form few cycles and are freed by reference counting as the next is
    read, so young collections found almost nothing to free.
    """
    import gc

    gc.freeze()
    gc.set_threshold(10_000, 20, 20)


def _parse_to_json(files: Sequence[str], input_format: str | None, output: str | None) -> int:
    """``citecheck parse --format json`` one document at a time: each is read, parsed and
    written before the next is read, so neither memory nor the collector's work grows with
    the number of documents. The same text as rendering them all at once.
    """
    from citecheck.model import InputError, ParsedDocument
    from citecheck.parsing import parse_all
    from citecheck.report.jsonout import parse_chunks, parse_chunks_utf8

    failed = read_one = False

    def documents() -> Iterator[ParsedDocument]:
        nonlocal failed, read_one
        for item in parse_all(files, input_format):
            if isinstance(item, InputError):
                _stderr(f"error: {item}")
                failed = True
            else:
                read_one = True
                yield item

    # Standard output that writes UTF-8 takes orjson's bytes as they are (the same bytes).
    to_utf8 = (not output or output == "-") and _writes_utf8(sys.stdout)
    pieces = parse_chunks_utf8(documents()) if to_utf8 else parse_chunks(documents())
    first = next(pieces)  # after the first document, or all inputs failing
    if read_one or not failed:
        _write(itertools.chain([first], pieces), output, files)
    return EXIT_USAGE if failed else EXIT_OK


def _writes_utf8(stream: Any) -> bool:
    """True when text written to ``stream`` is encoded as UTF-8 (and it has bytes to write)."""
    import codecs

    encoding = getattr(stream, "encoding", None)
    if not isinstance(encoding, str) or getattr(stream, "buffer", None) is None:
        return False
    try:
        return codecs.lookup(encoding).name == "utf-8"
    except LookupError:
        return False


def _color(output: str | None) -> bool:
    """Colour only for a terminal, and never when NO_COLOR is set."""
    if output and output != "-":
        return False
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR")


_max_findings_option = click.option(
    "--max-findings-per-document",
    type=click.IntRange(min=1),
    help="Show at most N findings per document in table and markdown (the worst first).",
)


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
    help="Crossref REST API base URL.  [default: https://api.crossref.org]  [env var: CITECHECK_CROSSREF_URL]",
)
@click.option(
    "--doi-url",
    "content_negotiation_url",
    help="DOI resolver for content negotiation.  [default: https://doi.org]  [env var: CITECHECK_DOI_URL]",
)
@click.option(
    "--pubmed-url",
    help="NCBI E-utilities base URL.  [default: https://eutils.ncbi.nlm.nih.gov/entrez/eutils]  [env var: CITECHECK_PUBMED_URL]",
)
@click.option(
    "--ncbi-api-key",
    help="NCBI API key: PubMed allows 10 requests/s instead of 3.  [env var: NCBI_API_KEY]",
)
@click.option(
    "--no-pubmed",
    is_flag=True,
    default=None,
    help="Do not ask PubMed (publication types, MeSH, PMIDs).",
)
@click.option(
    "--mailto",
    help="Your e-mail, sent to Crossref (polite pool) and to PubMed.  [env var: CITECHECK_MAILTO]",
)
@click.option(
    "--records",
    multiple=True,
    type=click.Path(),
    help="Resolve against local Crossref records (JSONL, JSONL.gz) instead of the API.",
)
@click.option(
    "--pubmed-records",
    multiple=True,
    type=click.Path(),
    help="Read PubMed records from a local efetch XML file instead of E-utilities.",
)
@click.option(
    "--offline",
    is_flag=True,
    default=None,
    help="Use only the cache; what is not cached is unverified.",
)
@click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="Where to keep the lookup cache.  [env var: CITECHECK_CACHE_DIR]",
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
@_max_findings_option
@click.option(
    "--max-input-size",
    callback=_size,
    metavar="SIZE",
    help="Refuse inputs larger than SIZE (e.g. 500KB, 25MB).  [default: 25MB]",
)
@click.option(
    "--results",
    "results_path",
    type=click.Path(dir_okay=False),
    help="Save each document to FILE (JSON Lines) as soon as it is checked.  "
    "[default: for several files, a file in the cache folder]",
)
@click.option(
    "--resume",
    "resume_path",
    type=click.Path(dir_okay=False),
    help="Go on with the run saved in FILE: documents checked and unchanged are skipped.",
)
@click.option("--quiet", "-q", is_flag=True, help="No progress, no summary on stderr.")
@click.option("--verbose", "-v", is_flag=True, help="Log each look-up on stderr.")
@_debug_option
def check(
    *,
    paths: tuple[str, ...],
    config_path: str | None,
    write_baseline: str | None,
    results_path: str | None,
    resume_path: str | None,
    quiet: bool,
    verbose: bool,
    debug: bool,
    **options: Any,
) -> None:
    """Check the citations in PATHS (files, directories, globs, or - for stdin)."""

    def body() -> int:
        from citecheck import baseline as baselines
        from citecheck import config as configuration
        from citecheck.inputs import expand
        from citecheck.model import Report
        from citecheck.pipeline import build_resolver, exit_code, tally
        from citecheck.processes import helping
        from citecheck.report import render_chunks
        from citecheck.resolve.base import close_if_closable
        from citecheck.results import default_results_path

        options["format"] = options.pop("fmt")
        for key in ("records", "pubmed_records"):
            if options.get(key):
                options[key] = tuple(options[key])
        if options.get("ignore"):
            options["ignore"] = tuple(options["ignore"])
        _configure_logging(verbose=verbose, debug=debug)
        config = configuration.load(config_path, options)
        if results_path and resume_path:
            raise CitecheckError("give --results or --resume, not both (--resume FILE appends)")
        files, input_errors = expand(paths)
        target = resume_path or results_path
        files = _beside_output(files, paths, config.output, target, resume=bool(resume_path))
        if target is None and len(files) > 1:
            target = _usable(default_results_path(config, paths), quiet=quiet)
        # Started first: it imports citecheck on another core while this process sets up.
        with helping(len(files)) as helper:
            resolver, cite = build_resolver(config)
            outcome = _check_stream(
                files,
                config,
                resolver,
                cite,
                target,
                resume=bool(resume_path),
                quiet=quiet,
                helper=helper,
            )
            if isinstance(outcome, int):
                return outcome  # interrupted: _run leaves without waiting for hung look-ups
            close_if_closable(resolver)  # the idle look-up threads, the cache's connections
            report = Report(outcome.documents, (*input_errors, *outcome.errors))
            for error in report.errors:
                _stderr(f"error: {error}")
            counted = tally(report)  # one pass over the documents for the warnings and exit code
            if not quiet:
                _say_unverified(counted.unverified)
                _say_pubmed_unreachable(counted.pubmed_unreachable)
            if write_baseline:
                count = baselines.write(write_baseline, report.findings())
                if not quiet:
                    _stderr(f"wrote {count} findings to the baseline {write_baseline}")
                return EXIT_USAGE if report.errors else EXIT_OK
            # Written even when nothing could be read: CI that uploads the report needs it.
            width = _terminal_width()
            text = render_chunks(
                report,
                config.format,
                color=_color(config.output),
                width=width,
                max_findings=config.max_findings_per_document,
                helpers=helper,
            )
            _write(text, config.output, paths)
            return exit_code(report, config.fail_on, counted)

    _run(body, debug=debug)


def _beside_output(
    files: list[str],
    paths: Sequence[str],
    output: str | None,
    target: str | None,
    *,
    resume: bool,
) -> list[str]:
    """``files`` without the report file ``output`` a run before left in a folder
    checked (it is no article; an input named outright is refused when writing, as
    ever); refused at once if ``output`` would replace the results file ``target``.
    """
    if output in (None, "-", ""):
        return files
    output = str(output)
    if target:
        _refuse_same(output, target, "--resume" if resume else "--results")
    if any(_same_file(path, output) for path in paths if path != "-"):
        return files
    return [f for f in files if f == "-" or not _same_file(f, output)]


def _same_file(path: str, other: str) -> bool:
    return Path(path).resolve() == Path(other).resolve()


def _refuse_same(output: str, results_file: str, option: str) -> None:
    """Refuse, before any work, an --output that would replace the run's results file."""
    if _same_file(output, results_file):
        raise CitecheckError(
            f"{output}: --output and {option} name the same file; the report would "
            "replace the results"
        )


def _usable(path: Path, *, quiet: bool) -> str | None:
    """The default results file, or None (with a warning) where it cannot be written: a
    read-only cache folder must not stop a check nobody asked to save.
    """
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("ab"):
            pass
    except OSError as exc:
        if not quiet:
            _stderr(f"warning: {path}: cannot keep results there ({exc.strerror}); not saved")
        return None
    return str(path)


def _say_unverified(reasons: Counter[str]) -> None:
    """One line on stderr when references could not be checked, with the commonest reason."""
    if reasons:
        reason, _ = reasons.most_common(1)[0]
        count = sum(reasons.values())
        noun = "reference" if count == 1 else "references"
        _stderr(
            f"warning: {count} {noun} could not be verified ({reason}); nothing is assumed wrong with them"
        )


def _say_pubmed_unreachable(reasons: Counter[str]) -> None:
    """One line on stderr when PubMed could not be asked; the Crossref verdicts stand."""
    if reasons:
        reason, _ = reasons.most_common(1)[0]
        count = sum(reasons.values())
        noun = "reference" if count == 1 else "references"
        _stderr(
            f"warning: PubMed could not be reached for {count} {noun} ({reason}); "
            "their Crossref results stand"
        )


def _configure_logging(*, verbose: bool, debug: bool) -> None:
    import logging

    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    handler: logging.Handler
    if sys.stderr.isatty():
        from rich.logging import RichHandler

        handler = RichHandler(console=_err_console(), show_time=False, show_path=False)
    else:
        # In a file or a pipe every record is one line, never wrapped at 80 columns.
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("%(levelname)-8s %(message)s"))
    logging.basicConfig(level=level, format="%(message)s", handlers=[handler], force=True)


def _err_console() -> Any:
    from rich.console import Console

    return Console(stderr=True, no_color=bool(os.environ.get("NO_COLOR")))


class _Stop(KeyboardInterrupt):
    """SIGTERM (``timeout``, a service manager) stops a run the way Ctrl-C does."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_held: list[int] | None = None  # signals that came while a document was being saved


def _on_signal(signum: int, _frame: object) -> None:
    if _held is not None:
        _held.append(signum)  # raised once the document is saved and counted
        return
    raise _Stop(signum)


class _Saving:
    """Holds SIGINT and SIGTERM back while a document is written and counted, so the
    interrupted-run line never counts one fewer document than the results file holds.
    """

    def __enter__(self) -> None:
        global _held
        _held = []

    def __exit__(self, *exc: object) -> None:
        global _held
        held, _held = _held, None
        if held:
            raise _Stop(held[0])


def _check_stream(
    files: Sequence[str],
    config: Any,
    resolver: Any,
    cite: Any,
    target: str | None,
    *,
    resume: bool,
    quiet: bool,
    helper: Any = None,
) -> Any:
    """Run the streaming check, saving each document to ``target``; a Report, or the exit
    code of an interrupted run (after one line saying what was saved and how to go on).
    """
    import signal

    from citecheck import progress, results
    from citecheck.model import DocumentReport, InputError, Report
    from citecheck.pipeline import Checked, Skipped, check_files

    writer = results.Writer(target, resume=resume) if target else None
    # With a results file, only where each document's line is: the final report reads
    # them back one at a time (results.Stored), so memory stays flat however many.
    previous = (
        {p: e for p, e in results.latest(writer.entries).items() if e.digest} if writer else {}
    )
    saved: dict[str, results.Entry] = {}
    kept: dict[str, DocumentReport] = {}  # no results file: a few documents, held
    errors: list[InputError] = []
    # Only a terminal gets rich's bar: off one, rich is never imported.
    display = progress.display(
        len(files), quiet=quiet, console=_err_console() if sys.stderr.isatty() else None
    )
    old_handler = signal.signal(signal.SIGTERM, _on_signal)
    # Ctrl-C too, unless it is ignored (a background job): both wait for a save to finish.
    old_int = signal.getsignal(signal.SIGINT)
    if old_int is signal.default_int_handler:
        signal.signal(signal.SIGINT, _on_signal)
    try:
        with display:
            skip = writer.done() if writer else None
            sources = writer.sources() if writer else None
            events = check_files(
                files, config, resolver, cite, skip, sources=sources, parsers=helper
            )
            for event in events:
                with _Saving():
                    if isinstance(event, Checked):
                        if writer:
                            entry = writer.write_document(
                                event.report, event.digest, event.source, released=True
                            )
                            saved[event.report.path] = entry
                        else:
                            kept[event.report.path] = event.report
                    elif isinstance(event, Skipped):
                        saved[event.path] = previous[event.path]
                    else:
                        if writer:
                            writer.write_error(event)
                        errors.append(event)
                    display.update(event)
    except KeyboardInterrupt as exc:
        signum = exc.signum if isinstance(exc, _Stop) else signal.SIGINT
        _say_interrupted(signal.Signals(signum).name, display.counts, target)
        return 128 + signum
    finally:
        signal.signal(signal.SIGTERM, old_handler)
        if old_int is signal.default_int_handler:
            signal.signal(signal.SIGINT, old_int)
        if writer:
            writer.close()
    if target:
        entries = [saved[path] for path in dict.fromkeys(files) if path in saved]
        return Report(results.Stored(target, entries), tuple(errors))
    order = {path: i for i, path in enumerate(files)}
    documents = sorted(kept.values(), key=lambda d: order.get(d.path, len(order)))
    return Report(tuple(documents), tuple(errors))


def _say_interrupted(name: str, counts: Any, target: str | None) -> None:
    """The one line an interrupted run ends with: what is saved and how to go on."""
    import shlex

    done = f"{counts.done} of {counts.total} documents done"
    if not target:
        _stderr(f"interrupted ({name}): {done}; nothing saved (--results FILE keeps them)")
        return
    args = list(sys.argv[1:])
    for option in ("--results", "--resume"):
        while option in args:
            at = args.index(option)
            del args[at : at + 2]
        args = [a for a in args if not a.startswith(option + "=")]
    command = shlex.join(["citecheck", *args, "--resume", target])
    _stderr(f"interrupted ({name}): {done}, saved in {target}; to go on: {command}")


@main.command("report")
@click.argument("results_file", type=click.Path(dir_okay=False))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(CHECK_FORMATS),
    default="table",
    show_default=True,
    help="Output format.",
)
@click.option("--output", "-o", type=click.Path(dir_okay=False), help="Write the report to FILE.")
@click.option(
    "--fail-on",
    type=click.Choice(("error", "warning", "info", "never")),
    default="error",
    show_default=True,
    help="Exit 1 when a finding is at least this severe.",
)
@_max_findings_option
@_debug_option
def report_command(
    *,
    results_file: str,
    fmt: str,
    output: str | None,
    fail_on: str,
    max_findings_per_document: int | None,
    debug: bool,
) -> None:
    """Render a results file (--results, --resume) in any format, without checking again."""

    def body() -> int:
        from citecheck import results
        from citecheck.pipeline import exit_code
        from citecheck.processes import helping
        from citecheck.report import render_chunks

        report = results.load(results_file)
        width = _terminal_width()
        with helping(len(report.documents) if fmt == "json" else 0) as helper:
            text = render_chunks(
                report,
                fmt,
                color=_color(output),
                width=width,
                max_findings=max_findings_per_document,
                helpers=helper,
            )
            _write(text, output, [results_file])
        return exit_code(report, fail_on)

    _run(body, debug=debug)


@main.group()
def cache() -> None:
    """Inspect or clear the lookup cache."""


def _open_cache(cache_dir: str | None) -> Any:
    from citecheck import config as configuration
    from citecheck.resolve.cache import Cache, default_cache_dir

    # The same precedence as a check: the option, the environment, the config file.
    configured = configuration.load(None, {"cache_dir": cache_dir}).cache_dir
    return Cache(configured or default_cache_dir())


_cache_dir_option = click.option(
    "--cache-dir",
    type=click.Path(file_okay=False),
    help="The cache folder.  [env var: CITECHECK_CACHE_DIR]",
)


@cache.command("info")
@_cache_dir_option
@_debug_option
def cache_info(cache_dir: str | None, *, debug: bool) -> None:
    """Where the cache is, how big, what it holds."""

    def body() -> int:
        with _open_cache(cache_dir) as opened:
            facts = opened.info()
        for key, value in facts.items():
            click.echo(f"{key}: {value}")
        return EXIT_OK

    _run(body, debug=debug)


@cache.command("clear")
@_cache_dir_option
@_debug_option
def cache_clear(cache_dir: str | None, *, debug: bool) -> None:
    """Delete every cached record and search."""

    def body() -> int:
        with _open_cache(cache_dir) as opened:
            count = opened.clear()
        click.echo(f"cleared {count} cached entries")
        return EXIT_OK

    _run(body, debug=debug)


@main.command()
def codes() -> None:
    """List the finding codes with their default severities."""
    from citecheck.compare import CODES

    for code, (severity, description) in CODES.items():
        click.echo(f"{code:28} {severity.value:8} {description}")

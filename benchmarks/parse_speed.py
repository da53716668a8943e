"""How fast ``citecheck parse`` runs as users run it, and how fast entries parse in process.

End to end: the ``citecheck parse DIR --format json`` command, a new process pinned to one
core, on a folder of generated 1,500-word blog posts (10 references each) and on a folder
of long research articles (the shared PLOS articles when ../shared is present, ~60
references and ~8,000 words each; generated otherwise). Then, in process, the entry rate.

No two documents and (nearly) no two entries are the same text, as in a real archive: each
post's references are the sample entries with their own years, volumes, pages and first
author; each copy of a PLOS article has its entries' numbers changed and its prose
reworded in places. So no cache keyed on a document's or an entry's text can help.

The command runs as an installed one does: with its bytecode compiled (the children may
write .pyc files, under a temporary PYTHONPYCACHEPREFIX, even when PYTHONDONTWRITEBYTECODE
is set here), so start-up is not the compiling of citecheck's sources on every run.

Usage: python benchmarks/parse_speed.py [--samples DIR] [--posts N] [--articles N] [--no-bytecode]
Targets (one core): >= 200 posts/s and >= 5,000 references/s end to end on research
articles; >= 10,000 entries/s in process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from citecheck.model import Document
from citecheck.references import find_references, parse_entry
from machine import describe

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples" / "plos"
ENTRY_TARGET = 10_000
ARTICLE_TARGET = 200
REFERENCE_TARGET = 5_000

# Real publication facts, written in the styles the parser reads.
SAMPLE_ENTRIES = (
    "Wilkinson, S. T., Katz, R. B., Toprak, M., Webler, R., Ostroff, R. B., & Sanacora, G. "
    "(2016). Acute and longer-term outcomes using ketamine as a clinical treatment at the Yale "
    "Psychiatric Hospital. The Journal of Clinical Psychiatry, 77(4), e471-e477.",
    "Feder A, Parides MK, Murrough JW, et al. Efficacy of intravenous ketamine for treatment of "
    "chronic posttraumatic stress disorder: a randomized clinical trial. JAMA Psychiatry. "
    "2014;71(6):681-688. doi:10.1001/jamapsychiatry.2014.62",
    'M. J. Girgenti, S. Ghosal, D. LoPresto, J. R. Taylor, and R. S. Duman, "Ketamine '
    'accelerates fear extinction via mTORC1 signaling," Neurobiol. Dis., vol. 136, p. 104717, '
    "2020.",
    "Niciu, Mark J., et al. \"Ketamine's Antidepressant Efficacy Extends to Bipolar "
    'Depression." Journal of Psychiatric Research, vol. 137, 2021, pp. 243-250.',
    "LofflerG (2008) Perception of contours and shapes: Low and intermediate stage mechanisms. "
    "Vision Res 48: 2106-2127. doi:10.1016/j.visres.2008.03.006. PubMed: 18502467.",
)

_PROSE = (
    "the clinic team has seen patients respond to care when therapy sessions follow a careful "
    "plan and the evidence from trials suggests that outcomes improve over several weeks while "
    "side effects remain mild for most people who take part in supervised treatment"
)


def gold_entries(samples: Path) -> list[str]:
    """Entry texts from the PLOS gold files, when the shared samples are present."""
    texts: list[str] = []
    for path in sorted(samples.glob("*.gold.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        texts.extend(str(entry["text"]) for entry in gold["references"])
    return texts


# The first author's family name in each sample entry (varied per document).
_FIRST_AUTHORS = ("Wilkinson", "Feder", "Girgenti", "Niciu", "Loffler")
_SURNAMES = ("Abbott", "Baker", "Chen", "Dalton", "Evans", "Fischer", "Garcia", "Haddad", "Ito",
    "Jensen", "Kowalski", "Larsen", "Moreau", "Novak", "Okafor", "Petrov", "Quinn", "Rossi",
    "Sato", "Tanaka", "Ueda", "Varga", "Weber", "Xu", "Yilmaz", "Zhang")  # fmt: skip
# A number standing alone, or a range of pages ("173-193").
_NUMBER = re.compile(r"\b(\d+)(?:([-\u2013])(\d+))?\b")
_IDENTIFIER = re.compile(r"(?i)(?:doi:\s?|https?://)\S+|\b10\.\d{4,9}/\S+")


def _other_number(match: re.Match[str], rng: random.Random) -> str:
    """Another number like the one matched: a year stays a plausible year, a page range a
    range, other numbers keep their number of digits."""
    digits = match.group(1)
    number = int(digits)
    if match.group(3):
        first = rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1)
        return f"{first}{match.group(2)}{first + rng.randint(1, 15)}"
    if len(digits) == 4 and 1900 <= number <= 2030:
        return str(rng.randint(1990, 2024))
    if len(digits) == 1:
        return str(rng.randint(1, 9))
    return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))


def vary_numbers(text: str, rng: random.Random) -> str:
    """``text`` with its years, volumes, pages and PubMed numbers changed (not its DOIs or
    URLs, whose form the parser reads)."""
    pieces: list[str] = []
    last = 0
    for identifier in _IDENTIFIER.finditer(text):
        before = text[last : identifier.start()]
        pieces.append(_NUMBER.sub(lambda m: _other_number(m, rng), before))
        pieces.append(identifier.group(0))
        last = identifier.end()
    pieces.append(_NUMBER.sub(lambda m: _other_number(m, rng), text[last:]))
    return "".join(pieces)


def varied_entry(index: int, rng: random.Random) -> str:
    """Sample entry ``index`` with its own numbers and first author's family name."""
    entry = SAMPLE_ENTRIES[index % len(SAMPLE_ENTRIES)]
    family = _FIRST_AUTHORS[index % len(_FIRST_AUTHORS)]
    entry = entry.replace(family, rng.choice(_SURNAMES), 1)
    return vary_numbers(entry, rng)


def generated_post(seed: int = 7) -> str:
    """A typical 1,500-word blog post in invented prose, citing ten references of its own."""
    rng = random.Random(seed)
    vocabulary = _PROSE.split()
    paragraphs = []
    for number in range(1, 14):
        words = [rng.choice(vocabulary) for _ in range(100)]
        paragraphs.append(" ".join(words).capitalize() + f". [{(number % 10) + 1}]")
    references = [f"[{i}] {varied_entry(i - 1, rng)}" for i in range(1, 11)]
    leftovers = ["120 views0 comments", "• LinkedIn", "• Facebook", "bottom of page"]
    return "\n\n".join(["# A post about care", *paragraphs, "References", *references, *leftovers])


def generated_research(seed: int, entries: list[str]) -> str:
    """A long research article in invented prose: ~8,000 words, 59 references, ~70 citations."""
    rng = random.Random(seed)
    vocabulary = _PROSE.split()
    paragraphs = ["Methods and results of a study of care"]
    for _ in range(70):
        words = [rng.choice(vocabulary) for _ in range(115)]
        cited = ",".join(str(rng.randint(1, 59)) for _ in range(rng.randint(1, 2)))
        paragraphs.append(" ".join(words).capitalize() + f" [{cited}].")
    references = [
        f"{i}. {vary_numbers(entries[(seed + i) % len(entries)], rng)}" for i in range(1, 60)
    ]
    return "\n\n".join([*paragraphs, "References", "\n".join(references)])


_REFERENCES_HEADING = re.compile(r"(?im)^\s*references\s*$")
_THE = re.compile(r"\bthe\b")


def varied_copy(text: str, seed: int) -> str:
    """A copy of a real article that is no other copy's text: in its prose some "the" become
    "this", and its reference entries get other numbers (labels, DOIs and URLs kept)."""
    rng = random.Random(seed)
    headings = list(_REFERENCES_HEADING.finditer(text))
    cut = headings[-1].end() if headings else len(text)
    prose = _THE.sub(lambda m: "this" if rng.random() < 0.15 else m.group(0), text[:cut])
    lines = []
    for line in text[cut:].split("\n"):
        label, _, rest = line.partition(". ")
        if label.strip().isdigit() and rest:
            line = f"{label}. {vary_numbers(rest, rng)}"
        lines.append(line)
    return prose + "\n".join(lines)


def build_corpora(root: Path, samples: Path, posts: int, articles: int) -> tuple[Path, Path, str]:
    """A folder of blog posts and a folder of research articles (the shared PLOS articles,
    each copy varied, when present; generated otherwise)."""
    post_dir, article_dir = root / "posts", root / "articles"
    post_dir.mkdir()
    article_dir.mkdir()
    for number in range(posts):
        (post_dir / f"post-{number:04d}.md").write_text(generated_post(number), encoding="utf-8")
    plos = sorted(samples.glob("*.txt")) if samples.is_dir() else []
    if plos:
        texts = [path.read_text(encoding="utf-8") for path in plos]
        for number in range(articles):
            source = plos[number % len(plos)]
            text = varied_copy(texts[number % len(plos)], number)
            (article_dir / f"{source.stem}-{number:04d}.txt").write_text(text, encoding="utf-8")
        where = f"{len(plos)} shared PLOS articles, each copy varied"
    else:
        entries = list(SAMPLE_ENTRIES)
        for number in range(articles):
            text = generated_research(number, entries)
            (article_dir / f"article-{number:04d}.md").write_text(text, encoding="utf-8")
        where = "generated (no ../shared/samples/plos)"
    return post_dir, article_dir, where


def one_core() -> None:
    """Pin the child process to one core, as the targets are stated."""
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})


def end_to_end(folder: Path, runs: int, bytecode: Path | None) -> tuple[float, float, int, int]:
    """Best wall and CPU seconds of ``citecheck parse FOLDER --format json`` (a new process
    each time, as a user runs it), with the documents and references it printed.

    With ``bytecode``, the children keep compiled bytecode there, as an installed package
    has it (an untimed run on a small post and article writes it first); without, they run
    under this process's environment.
    """
    command = [sys.executable, "-m", "citecheck", "parse", str(folder), "--format", "json"]
    environment = dict(os.environ)
    if bytecode is not None:
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        environment["PYTHONPYCACHEPREFIX"] = str(bytecode)
        bytecode.mkdir(exist_ok=True)
        warm = [bytecode / "warm.md", bytecode / "warm.txt"]
        for path in warm:
            path.write_text(generated_post(1), encoding="utf-8")
        warm_up = [*command[:4], *map(str, warm), "--format", "json"]
        subprocess.run(warm_up, capture_output=True, env=environment, check=True)
    best_wall = best_cpu = float("inf")
    output = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            command,
            capture_output=True,
            text=True,
            preexec_fn=one_core,
            env=environment,
            check=True,
        )
        wall = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
        output = done.stdout
    data = json.loads(output)
    references = sum(len(d["references"]) for d in data["documents"])
    return best_wall, best_cpu, len(data["documents"]), references


def rate(work: Callable[[], int], seconds: float) -> float:
    """Items per second of ``work`` (which returns how many items it did), run for ``seconds``."""
    done = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        done += work()
        elapsed = time.perf_counter() - start
    return done / elapsed


def _line(name: str, value: float, target: int) -> str:
    met = "yes" if value >= target else "NO"
    return f"{name:<34}{value:>10,.0f}   target {target:>7,}   met: {met}"


def main(argv: list[str] | None = None) -> int:
    """Print end-to-end ``citecheck parse`` rates, then the in-process entry and post rates."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--seconds", type=float, default=2.0)
    parser.add_argument("--posts", type=int, default=400, help="blog posts to generate")
    parser.add_argument("--articles", type=int, default=120, help="research articles")
    parser.add_argument("--runs", type=int, default=2, help="best of N end-to-end runs")
    parser.add_argument(
        "--no-bytecode",
        action="store_true",
        help="run the command under this environment as it is (with PYTHONDONTWRITEBYTECODE "
        "set, it compiles citecheck's sources at every start)",
    )
    args = parser.parse_args(argv)

    print(describe())
    with tempfile.TemporaryDirectory() as tmp:
        posts, articles, where = build_corpora(Path(tmp), args.samples, args.posts, args.articles)
        bytecode = None if args.no_bytecode else Path(tmp) / "pycache"
        how = "bytecode compiled, as installed" if bytecode else "this environment's bytecode"
        print(
            f"end to end: citecheck parse DIR --format json, one core, best of {args.runs} ({how})"
        )
        corpora = (
            ("blog posts", posts, "posts/s", ARTICLE_TARGET),
            (f"research articles ({where})", articles, "references/s", REFERENCE_TARGET),
        )
        for name, folder, unit, target in corpora:
            wall, cpu, documents, references = end_to_end(folder, args.runs, bytecode)
            print(
                f"  {name}: {documents} documents, {references:,} references, "
                f"{wall:.2f} s wall, {cpu:.2f} s CPU"
            )
            count = documents if unit == "posts/s" else references
            print("  " + _line(f"{unit} (wall)", count / wall, target))
            print("  " + _line(f"{unit} (CPU time)", count / cpu, target))

    # Distinct entries enough for the whole timed loop: the gold and sample entries, then
    # copies of them with other numbers.
    base = [*gold_entries(args.samples), *SAMPLE_ENTRIES]
    rng = random.Random(11)
    entries = [*base, *(vary_numbers(base[i % len(base)], rng) for i in range(60_000))]
    next_entry = 0

    def parse_all() -> int:
        nonlocal next_entry
        chunk = entries[next_entry : next_entry + len(base)] or entries[: len(base)]
        next_entry += len(chunk)
        for text in chunk:
            parse_entry(text)
        return len(chunk)

    posts_in_process = [generated_post(seed) for seed in range(1_000, 2_500)]
    next_post = 0

    def read_article() -> int:
        nonlocal next_post
        post = posts_in_process[next_post % len(posts_in_process)]
        next_post += 1
        lines = post.count("\n") + 1
        document = Document("post.md", post, tuple(range(1, lines + 1)), "markdown")
        if len(find_references(document).references) != 10:
            raise SystemExit("the generated post should give ten references")
        return 1

    words = len(posts_in_process[0].split())
    print(f"in process (entries: {len(entries):,} distinct texts; posts: {words} words, distinct)")
    entry_rate = rate(parse_all, args.seconds)
    print("  " + _line("entries parsed/s", entry_rate, ENTRY_TARGET))
    if next_entry > len(entries):
        print(f"  (the entries ran out: {next_entry:,} parsed, some twice)")
    print("  " + _line("reference lists read/s", rate(read_article, args.seconds), ARTICLE_TARGET))
    if next_post > len(posts_in_process):
        print(f"  (the posts ran out: {next_post:,} read, some twice)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

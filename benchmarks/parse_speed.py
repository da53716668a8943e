"""How fast ``citecheck parse`` runs as users run it, and how fast entries parse in process.

End to end: the ``citecheck parse DIR --format json`` command, a new process pinned to one
core, on a folder of generated 1,500-word blog posts (10 references each) and on a folder
of long research articles (the shared PLOS articles when ../shared is present, ~60
references and ~8,000 words each; generated otherwise). Then, in process, the entry rate.

Usage: python benchmarks/parse_speed.py [--samples DIR] [--posts N] [--articles N]
Targets (one core): >= 200 posts/s and >= 5,000 references/s end to end on research
articles; >= 10,000 entries/s in process.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from citecheck.model import Document
from citecheck.references import find_references, parse_entry

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


def generated_post(seed: int = 7) -> str:
    """A typical 1,500-word blog post in invented prose, citing ten references."""
    rng = random.Random(seed)
    vocabulary = _PROSE.split()
    paragraphs = []
    for number in range(1, 14):
        words = [rng.choice(vocabulary) for _ in range(100)]
        paragraphs.append(" ".join(words).capitalize() + f". [{(number % 10) + 1}]")
    references = [f"[{i}] {SAMPLE_ENTRIES[(i - 1) % len(SAMPLE_ENTRIES)]}" for i in range(1, 11)]
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
    references = [f"{i}. {entries[(seed + i) % len(entries)]}" for i in range(1, 60)]
    return "\n\n".join([*paragraphs, "References", "\n".join(references)])


def build_corpora(root: Path, samples: Path, posts: int, articles: int) -> tuple[Path, Path, str]:
    """A folder of blog posts and a folder of research articles (the shared PLOS articles,
    copied round-robin, when present; generated otherwise)."""
    post_dir, article_dir = root / "posts", root / "articles"
    post_dir.mkdir()
    article_dir.mkdir()
    for number in range(posts):
        (post_dir / f"post-{number:04d}.md").write_text(generated_post(number), encoding="utf-8")
    plos = sorted(samples.glob("*.txt")) if samples.is_dir() else []
    if plos:
        for number in range(articles):
            source = plos[number % len(plos)]
            shutil.copy(source, article_dir / f"{source.stem}-{number:04d}.txt")
        where = f"{len(plos)} shared PLOS articles, copied round-robin"
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


def end_to_end(folder: Path, runs: int) -> tuple[float, float, int, int]:
    """Best wall and CPU seconds of ``citecheck parse FOLDER --format json`` (a new process
    each time, as a user runs it), with the documents and references it printed."""
    command = [sys.executable, "-m", "citecheck", "parse", str(folder), "--format", "json"]
    best_wall = best_cpu = float("inf")
    output = ""
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        start = time.perf_counter()
        done = subprocess.run(
            command, capture_output=True, text=True, preexec_fn=one_core, check=True
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
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        posts, articles, where = build_corpora(Path(tmp), args.samples, args.posts, args.articles)
        print(f"end to end: citecheck parse DIR --format json, one core, best of {args.runs}")
        corpora = (
            ("blog posts", posts, "posts/s", ARTICLE_TARGET),
            (f"research articles ({where})", articles, "references/s", REFERENCE_TARGET),
        )
        for name, folder, unit, target in corpora:
            wall, cpu, documents, references = end_to_end(folder, args.runs)
            print(
                f"  {name}: {documents} documents, {references:,} references, "
                f"{wall:.2f} s wall, {cpu:.2f} s CPU"
            )
            count = documents if unit == "posts/s" else references
            print("  " + _line(f"{unit} (wall)", count / wall, target))
            print("  " + _line(f"{unit} (CPU time)", count / cpu, target))

    entries = [*gold_entries(args.samples), *SAMPLE_ENTRIES]

    def parse_all() -> int:
        for text in entries:
            parse_entry(text)
        return len(entries)

    post = generated_post()
    lines = post.count("\n") + 1

    def read_article() -> int:
        document = Document("post.md", post, tuple(range(1, lines + 1)), "markdown")
        if len(find_references(document).references) != 10:
            raise SystemExit("the generated post should give ten references")
        return 1

    print(f"in process (entries: {len(entries)} distinct; post: {len(post.split())} words)")
    print("  " + _line("entries parsed/s", rate(parse_all, args.seconds), ENTRY_TARGET))
    print("  " + _line("reference lists read/s", rate(read_article, args.seconds), ARTICLE_TARGET))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

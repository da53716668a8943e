"""How fast entries are parsed and articles read, on one core.

Usage: python benchmarks/parse_speed.py [--samples DIR] [--seconds N]
Targets: >= 10,000 entries/s and >= 200 articles/s (a 1,500-word post with 10 references).
"""

from __future__ import annotations

import argparse
import json
import random
import time
from collections.abc import Callable
from pathlib import Path

from citecheck.model import Document
from citecheck.references import find_references, parse_entry

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SAMPLES = REPO.parent / "shared" / "samples" / "plos"
ENTRY_TARGET = 10_000
ARTICLE_TARGET = 200

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


def rate(work: Callable[[], int], seconds: float) -> float:
    """Items per second of ``work`` (which returns how many items it did), run for ``seconds``."""
    done = 0
    start = time.perf_counter()
    elapsed = 0.0
    while elapsed < seconds:
        done += work()
        elapsed = time.perf_counter() - start
    return done / elapsed


def main(argv: list[str] | None = None) -> int:
    """Print entries parsed per second and articles read per second."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--samples", type=Path, default=DEFAULT_SAMPLES)
    parser.add_argument("--seconds", type=float, default=2.0)
    args = parser.parse_args(argv)
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

    entry_rate = rate(parse_all, args.seconds)
    article_rate = rate(read_article, args.seconds)
    print(f"entries: {len(entries)} distinct, post: {len(post.split())} words")
    for name, value, target in (
        ("entries/s", entry_rate, ENTRY_TARGET),
        ("articles/s", article_rate, ARTICLE_TARGET),
    ):
        met = "yes" if value >= target else "NO"
        print(f"{name:<12}{value:>12,.0f}   target {target:>7,}   met: {met}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

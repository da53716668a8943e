"""What machine a benchmark ran on, printed first, so figures from two machines can be told apart.

The speed targets are stated per core, but a core is not a unit: the same citecheck runs
twice as fast on one machine as on another. Each benchmark therefore prints the processor,
the Python, and how long one fixed pure-Python workload takes here (best of three); two
runs' figures compare when their reference times do, and scale roughly with them otherwise.
"""

from __future__ import annotations

import os
import platform
import sys
import time

REFERENCE_LOOP = 5_000_000  # additions in the reference workload


def _processor() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


def reference_seconds() -> float:
    """Best of three timings of a fixed loop of additions in this interpreter."""
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for number in range(REFERENCE_LOOP):
            total += number
        best = min(best, time.perf_counter() - start)
    return best


def describe() -> str:
    """One line: processor, cores, Python, and the reference workload's time."""
    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    python = f"{platform.python_implementation()} {platform.python_version()}"
    return (
        f"machine: {_processor()}, {cores} cores, {python}; reference loop "
        f"({REFERENCE_LOOP:,} additions) {reference_seconds() * 1000:.0f} ms"
    )


if __name__ == "__main__":
    print(describe())
    sys.exit(0)

"""Input sizes: the cap on what is read, and sizes written for people (``25MB``)."""

from __future__ import annotations

import re

from citecheck.text import lazy_pattern

MAX_INPUT_BYTES = 25 * 10**6  # far above any article; stops /dev/zero-like inputs early


def describe_size(size: int) -> str:
    """A byte count for people: ``"25 MB"``, ``"512 KB"``, ``"90 bytes"``."""
    for unit, factor in (("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if size >= factor:
            return f"{size / factor:.3g} {unit}"
    return f"{size} bytes"


_SIZE = lazy_pattern(r"^\s*(\d+(?:\.\d+)?)\s*([kmg]i?b?|b)?\s*$", re.IGNORECASE)
_FACTORS = {"": 1, "b": 1, "k": 10**3, "m": 10**6, "g": 10**9}


def parse_size(text: str | int) -> int:
    """Bytes in ``"25MB"``, ``"500k"``, ``"1.5G"``, ``"2MiB"`` or a plain number; ValueError else."""
    if isinstance(text, int) and not isinstance(text, bool):
        if text <= 0:
            raise ValueError("a size must be positive")
        return text
    match = _SIZE().match(str(text))
    if not match:
        raise ValueError(f"not a size: {text!r} (say 25MB, 500KB or a number of bytes)")
    unit = (match.group(2) or "").lower()
    factor = _FACTORS.get(unit[:1], 1)
    if "i" in unit:
        factor = {10**3: 1024, 10**6: 1024**2, 10**9: 1024**3}.get(factor, factor)
    size = int(float(match.group(1)) * factor)
    if size <= 0:
        raise ValueError("a size must be positive")
    return size

"""Text in lower case as a case-blind pattern reads it, for quick checks before a search."""

from __future__ import annotations

# Characters that re.IGNORECASE matches to ASCII letters without lower() making them so.
_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u212a": "k", "\u017f": "s"})
_SPECIAL = "\u0130\u0131\u212a\u017f"


def folded(text: str) -> str:
    """``text`` in lower case, every letter a case-blind pattern reads as an ASCII letter
    made that letter, one character for one (offsets stay where they were).

    A word a case-blind match holds is then in the folded text, at the match's offset.
    """
    if not text.isascii() and any(c in text for c in _SPECIAL):
        text = text.translate(_TO_ASCII)  # slow for text beyond ASCII: only when needed
    return text.lower()


def first_of(lower: str, *words: str) -> int:
    """The first offset of any of ``words`` in ``lower``; -1 when none is there."""
    offsets = [at for at in map(lower.find, words) if at != -1]
    return min(offsets) if offsets else -1

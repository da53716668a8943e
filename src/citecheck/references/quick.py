"""Quick stand-ins for slower work on entry text, each giving the same answer.

Case folding for checks before a case-blind search, the first place a word occurs (a
search need not walk the text before it), and whitespace collapsing that copies nothing
when there is nothing to collapse.
"""

from __future__ import annotations

import re

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
    first = -1
    for word in words:
        at = lower.find(word)
        if at != -1 and (first == -1 or at < first):
            first = at
    return first


def bullet_end(line: str, bullet: re.Pattern[str]) -> str:
    """``bullet.sub("", line)`` for a pattern anchored at the start (``^``, no MULTILINE),
    which matches once at most: one match at the start instead of a try at every offset.
    """
    match = bullet.match(line)
    return line[match.end() :] if match else line


def sub_from(pattern: re.Pattern[str], repl: str, text: str, start: int) -> tuple[str, int]:
    r"""``pattern.subn(repl, text)`` for a pattern that cannot match before ``start`` (-1:
    nowhere) and never matches empty text; ``repl`` is plain text (no ``\1``).

    The search starts at ``start``, so the text before it is not walked; ``\b`` and
    look-behinds still see the characters before it.
    """
    if start == -1:
        return text, 0
    parts: list[str] = []
    done = 0
    for match in pattern.finditer(text, start):
        parts.append(text[done : match.start()])
        parts.append(repl)
        done = match.end()
    if not parts:
        return text, 0
    parts.append(text[done:])
    return "".join(parts), len(parts) // 2


def back_over(text: str, at: int, mark: str) -> int:
    """``at`` moved back over the spaces before it, then over one ``mark`` if it is there:
    where a match with an optional ``mark`` and spaces before a word can start.
    """
    while at > 0 and text[at - 1].isspace():
        at -= 1
    return at - 1 if at > 0 and text[at - 1] == mark else at


def collapsed(text: str) -> str:
    """``" ".join(text.split())``, without copying text that has no space to collapse.

    Every space but " " is unprintable, so printable text without a double, leading or
    trailing space is already collapsed.
    """
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text
    return " ".join(text.split())

"""Cheap word tests that let a claim skip the patterns that cannot match it.

Most claim patterns need one word of a short list ("et al", a journal word, an animal).
Scanning the claim once for its words and asking a set is much cheaper than running each
pattern over the whole claim only to learn it does not match. The tests are exact: a
claim is skipped only when no match is possible, so results never change.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# Characters case-insensitive patterns match to ASCII letters although lower() does not
# make them so ("K" Kelvin sign, dotless i, long s, dotted capital I). A text holding one
# is not tested: every pattern runs.
_FOLDED_TO_ASCII = ("\u0130", "\u0131", "\u017f", "\u212a")
_LETTER_RUN = re.compile(r"[a-z]+")


class Words:
    """The lower-case ASCII letter runs of a text ("Cell2 Reports" -> cell, reports)."""

    __slots__ = ("_runs", "lower", "text", "unsure")

    def __init__(self, text: str) -> None:
        self.text = text
        self.lower = text.lower()
        self.unsure = any(c in text for c in _FOLDED_TO_ASCII)
        self._runs: frozenset[str] | None = None

    @property
    def runs(self) -> frozenset[str]:
        """Every maximal run of ASCII letters in the lower-cased text."""
        if self._runs is None:
            self._runs = frozenset(_LETTER_RUN.findall(self.lower))
        return self._runs

    def any_word(self, words: frozenset[str]) -> bool:
        """False only when no word of ``words`` (lower-case letters) stands alone in the text.

        "Stands alone": not run on by another ASCII letter, in any letter case. A word a
        pattern needs between word boundaries, or between spaces, stands alone.
        """
        return self.unsure or not self.runs.isdisjoint(words)

    def any_part(self, parts: Iterable[str]) -> bool:
        """False only when no lower-case string of ``parts`` occurs in the text, in any case."""
        return self.unsure or any(part in self.lower for part in parts)


def words_of(text: str, words: Words | None) -> Words:
    """``words`` when it was made for ``text``, else the words of ``text``."""
    if words is not None and words.text == text:
        return words
    return Words(text)

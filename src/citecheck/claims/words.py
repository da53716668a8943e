"""A claim's words, split once, so each reader can skip the patterns that cannot match.

Most claim patterns need one word of a short list (a journal word, an animal, "trial").
Splitting the claim into its words once and asking a set is much cheaper than running
each pattern over the whole claim only to learn that it does not match. The tests are
exact: a pattern is skipped only when it cannot match, so results never change.
"""

from __future__ import annotations

from collections.abc import Iterable

from citecheck import studytype
from citecheck.model import Population

# Letters that case-blind patterns read as ASCII letters although lower() does not make
# them so (dotted capital I, dotless i, long s, Kelvin sign): folded to those letters.
_FOLD = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s", "\u212a": "k"})
_NON_LETTER_TO_SPACE = bytes(c if 97 <= c <= 122 else 32 for c in range(256))  # a-z kept


class Words:
    """A text folded to lower case (see ``_FOLD``), and its runs of ASCII letters."""

    __slots__ = ("_features", "_population", "_runs", "folded", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Each character folds to one, so offsets and word boundaries stay where they were.
        self.folded = (text if text.isascii() else text.translate(_FOLD)).lower()
        self._runs: frozenset[bytes] | None = None
        self._features: int | None = None
        self._population: tuple[tuple[Population, int, int] | None] | None = None

    @property
    def runs(self) -> frozenset[bytes]:
        """Every maximal run of ASCII letters in the folded text ("Cell2 Reports": cell, reports).

        A word a case-blind pattern needs between word boundaries is one of these.
        """
        if self._runs is None:
            # In UTF-8 every byte of a non-ASCII character is above 127: a space here.
            split = self.folded.encode().translate(_NON_LETTER_TO_SPACE).split()
            self._runs = frozenset(split)
        return self._runs

    @property
    def features(self) -> int:
        """What the runs hold for the study-type readers (:func:`studytype.run_features`)."""
        if self._features is None:
            self._features = studytype.run_features(self.runs)
        return self._features

    def population(self) -> tuple[Population, int, int] | None:
        """Who the text says was studied (:func:`studytype.population_of`), read once."""
        if self._population is None:
            found = studytype.population_of(
                self.text, self.runs, folded=self.folded, features=self.features
            )
            self._population = (found,)
        return self._population[0]

    def any_word(self, words: frozenset[bytes]) -> bool:
        """False only when no word of ``words`` is a run of the text's letters."""
        return not self.runs.isdisjoint(words)

    def any_part(self, parts: Iterable[str]) -> bool:
        """False only when no lower-case string of ``parts`` occurs in the folded text."""
        return any(map(self.folded.__contains__, parts))


def words_of(text: str, words: Words | None) -> Words:
    """``words`` when it was made for ``text``, else the words of ``text``."""
    if words is not None and words.text == text:
        return words
    return Words(text)

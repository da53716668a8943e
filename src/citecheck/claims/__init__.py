"""What the sentence carrying an inline citation says about the cited work.

For each citation the claim is the sentence (or list item) that carries it; a sentence
with markers at several places is cut at the markers so each part speaks for its own
references (``sentences``). From each claim we read the stated year (``years``),
journal (``journals``), study design and population (``designs``) and authors
(``authors``), each with the span of text it came from (``extract``). A claim that
states nothing checkable keeps empty fields: no guessing.
"""

from citecheck.claims.authors import find_authors
from citecheck.claims.extract import extract_claims, read_claim
from citecheck.claims.journals import find_journal
from citecheck.claims.sentences import split_sentences
from citecheck.claims.years import find_year

__all__ = [
    "extract_claims",
    "find_authors",
    "find_journal",
    "find_year",
    "read_claim",
    "split_sentences",
]

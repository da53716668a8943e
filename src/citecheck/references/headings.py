r"""Reference-list headings in any markup, and the headings of the sections that follow a list.

A heading is a line whose words, once its markup is peeled off, come from a small
vocabulary of reference-list words, alone or joined by "and", "&" or commas: "References",
"Sources & further reading", "== CITATIONS AND SOURCES", "**REFERENCES**". The markup
peeled off is whatever the common formats put around a heading: Markdown ``#``,
AsciiDoc/Typst ``=``, Org ``*``, bold and emphasis, a section number, LaTeX
``\section*{...}`` and a trailing colon. A reStructuredText heading is the same line
with a row of punctuation under it (and perhaps over it).
"""

from __future__ import annotations

import re

from citecheck.references.quick import folded

# The words a reference-list heading is made of. A heading needs one of the main words;
# the others ("further reading", "resources") only join them.
_MAIN = (
    r"references?(?:\s+(?:list|cited))?|reference\s+list|bibliograph(?:y|ies)"
    r"|(?:works|literature|sources|studies|research|papers)\s+(?:cited|consulted|used)"
    r"|cited\s+(?:literature|works|sources|studies|research)|literature"
    r"|sources?|citations?|notes|endnotes|footnotes"
)
_SIDE = (
    r"further\s+reading|(?:suggested|recommended|additional)\s+reading|reading\s+list"
    r"|resources|links|useful\s+links|notes|research|studies|evidence|reading|data"
    r"|(?:works\s+)?consulted|image\s+credits|credits"
)
# "Selected references", "Scientific sources", "Key citations".
_QUALIFIER = (
    r"(?:the|selected|key|main|scientific|academic|research|additional|our|all|primary|further)\s+"
)
_WORD = rf"(?:{_QUALIFIER})?(?:{_MAIN}|{_SIDE})"
_JOIN = r"\s*(?:,\s*(?:and\s+|&\s*)?|&|\band\b|\+|/)\s*"
_PHRASE = re.compile(rf"^(?:{_WORD})(?:{_JOIN}(?:{_WORD}))*$", re.IGNORECASE)
_HAS_MAIN = re.compile(rf"\b(?:{_MAIN})\b", re.IGNORECASE)

# Markup around the heading's words, peeled off in order.
_LATEX = re.compile(
    r"^\\(?:section|subsection|subsubsection|chapter|part|paragraph)\*?\s*(?:\[[^\]]*\])?"
    r"\s*\{(?P<words>[^{}]*)\}\s*$"
)
_TYPST_HEADING = re.compile(r"^#heading(?:\([^)]*\))?\[(?P<words>[^\]]*)\]\s*$")
_PREFIX = re.compile(r"^(?:#{1,6}|={1,6}|\*{1,6}(?=\s))\s+")
_SUFFIX = re.compile(r"\s+(?:#{1,6}|={1,6})$")
_WRAP = re.compile(
    r"^(?P<mark>\*\*|__|\*|_|<b>|<strong>)(?P<words>.+?)(?:\*\*|__|\*|_|</b>|</strong>)$"
)
_NUMBER = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[IVXLC]+\.|[A-Z]\.)\s+")
_UNDERLINE = re.compile(r"^\s*([=\-~^*#\"'`:.+_])\1{2,}\s*$")
# "\begin{thebibliography}{99}": LaTeX's reference list opens with no heading words.
_THEBIBLIOGRAPHY = re.compile(r"^\s*\\begin\{thebibliography\}")
_DECORATION = re.compile(r"^[^\w(\[]+|[^\w)\]]+$")
MAX_LENGTH = 80


def heading_words(line: str) -> str:
    """The words of a heading line with its markup peeled off (``"== References"`` -> ``"References"``)."""
    text = line.strip()
    for pattern in (_LATEX, _TYPST_HEADING):
        match = pattern.match(text)
        if match:
            text = match.group("words").strip()
    text = _PREFIX.sub("", text)
    text = _SUFFIX.sub("", text)
    for _ in range(2):  # "**_References_**"
        match = _WRAP.match(text)
        if match:
            text = match.group("words").strip()
    text = text.rstrip(":").strip()
    match = _WRAP.match(text)  # "**References:**" -> the colon was inside
    if match:
        text = match.group("words").strip()
    text = _NUMBER.sub("", text).rstrip(":").strip()
    # "📚 Sources", "→ References ←": symbols around the words are decoration.
    return _DECORATION.sub("", text)


def _may_name_a_list(lower: str) -> bool:
    r"""Whether a folded line holds a word every heading needs: each of the main words
    (and "\begin{thebibliography}") holds one of these.
    """
    return (
        "referenc" in lower
        or "bibliograph" in lower
        or "literature" in lower
        or "source" in lower
        or "citation" in lower
        or "notes" in lower
        or "cited" in lower
        or "consulted" in lower
        or "used" in lower
    )


def is_heading(line: str) -> bool:
    """Whether a line reads as the heading of a reference list, in any common markup."""
    if len(line) >= MAX_LENGTH or not line.strip():
        return False
    if not _may_name_a_list(folded(line)):
        return False
    if _THEBIBLIOGRAPHY.match(line):
        return True
    words = heading_words(line)
    return bool(words) and bool(_PHRASE.match(words)) and bool(_HAS_MAIN.search(words))


def is_underline(line: str) -> bool:
    """Whether a line is a reStructuredText (or setext) row of punctuation under a heading."""
    return bool(_UNDERLINE.match(line))

"""Author lists as reference styles write them: inverted, initials-first, run together."""

from __future__ import annotations

import re

from citecheck.model import Author
from citecheck.references.quick import back_over, first_of, folded, sub_from
from citecheck.text import NAME_SUFFIXES, PARTICLE, SURNAME_PARTICLES, lazy_pattern

_ET_AL = re.compile(r",?\s*(?:\bet\s*al\b\.?|\.\.\.|…)\s*,?", re.IGNORECASE)
# "et al" in lower-case text; its letters have no other case-blind forms.
_ET_AL_WORDS = re.compile(r"et\s*al")
_JOINER = re.compile(r",?\s*(?:&|\band\b)\s+")
_EDITORS = re.compile(r",?\s*\(?\b(?:eds?|editors?)\b\.?\)?\s*$", re.IGNORECASE)

# "S. T.", "J.", "A.B.", "C.-H.": initials of an inverted (APA, Harvard) author.
_INITIALS = re.compile(r"^[A-Z][a-z]?\.\s*-?\s*(?:[A-Za-z][a-z]?\.\s*-?\s*)*$|^[A-Z]{1,3}$")
# "Locker D", "Gronenschild EHBM", "Wagner HR 2nd", "List Th", "Ender PhB": Vancouver.
_VANCOUVER = re.compile(
    r"^(?P<family>\S.*?)\s+(?P<given>[A-Z][A-Z-]{0,5}|[A-Z][a-z][A-Z]?|[A-Z]-[a-z](?:-[a-z])?"
    r"|(?:[A-Z]\.\s?-?){1,4})"
    r"(?:\s+(?P<suffix>Jr|Sr|2nd|3rd|II|III|IV))?\.?$"
)
# "S. T. Wilkinson", "G. Sanacora": IEEE and natural order with initials.
_INITIALS_FIRST = lazy_pattern(
    r"^(?P<given>[A-Z][a-z]?\.\s*-?\s*(?:[A-Za-z][a-z]?\.\s*-?\s*)*)\s*(?P<family>[^\s.].*)$"
)
# "LofflerG", "FieldDJ", "PiëchV", "HoB-C": old PLOS lists dropped the space.
_RUN_TOGETHER = re.compile(r"^(?P<family>\S*[^\W\dA-Z_])(?P<given>[A-Z](?:-?[A-Z]){0,4})$")
# "Samuel T.", "Robert B.": given names after an inverted family name (MLA, Chicago).
_GIVEN_NAMES = lazy_pattern(r"^[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,3}$")
# "Robert B. Katz", "Gerard Sanacora": natural order with full given names (compiled for
# the first author that no other pattern reads, as the suffix pattern is for the first
# token ending in a suffix: most lists need neither).
_FULL_NAME = lazy_pattern(
    r"^(?P<given>[A-Z][\w'’-]*\.?(?:\s+[A-Z][\w'’-]*\.?){0,2})\s+"
    rf"(?P<family>(?:{PARTICLE}\s+)*[A-Z][\w'’-]+)$"
)
# A name suffix at the end of a token: "Mainous AG 3rd", "MainousAG3rd", "Zarate Jr".
# Roman numerals need a space before them, since "II" can be initials run together.
_SUFFIX_AT_END = lazy_pattern(
    r"(?:(?<=[A-Za-z.])\s*(?P<word>Jr|Sr|2nd|3rd|4th)|\s+(?P<roman>II|III|IV))\.?$"
)
_SUFFIX_ENDINGS = ("Jr", "Sr", "2nd", "3rd", "4th", "II", "IV")
_ORGANISATION = re.compile(
    r"\b(?:Organi[sz]ation|Association|Team|Group|Network|Consortium|Institutes?|Society|"
    r"Committee|Council|Agency|Department|Cent(?:er|re)|Foundation|University|College|Board|"
    r"Atlas|Collaboration|Program(?:me)?|Office|Ministry|Service|Administration|Initiative)\b"
)
_FINAL_INITIAL = lazy_pattern(r"(?:^|[\s.-])[A-Z][a-z]?\.$")
_SEPARATOR = re.compile(r"\s*[,;]\s*")
# A lower-case word of four letters or more (its first letter matched first).
_LOWER_WORD = re.compile(r"[a-z](?<![\w'’-][a-z])[a-z]{3,}\b")
_NAME_PARTICLES = frozenset(SURNAME_PARTICLES) | {"with", "editor", "editors", "eds"}


def _et_al_from(text: str) -> int:
    """Where the first :data:`_ET_AL` match can start (-1: there is none).

    Every match holds "et al" (spaces between allowed), "..." or "…", after an optional
    comma and spaces.
    """
    at = first_of(text, "...", "…")
    words = _ET_AL_WORDS.search(folded(text))
    if words and (at == -1 or words.start() < at):
        at = words.start()
    return back_over(text, at, ",") if at != -1 else -1


def split_authors(segment: str) -> tuple[tuple[Author, ...], bool]:
    """Read an author segment into authors in order, and whether the list was cut short."""
    text = segment.strip().rstrip(",;")
    lower = text.lower()
    text, cut = sub_from(_ET_AL, ", ", text, _et_al_from(text))
    et_al = cut > 0
    if "ed" in lower:
        text = _EDITORS.sub("", text)
    if "&" in text or "and " in lower:
        text = _JOINER.sub(", ", text)
    tokens = [_trim(t) for t in _split(text)]
    tokens = [t for t in tokens if t]
    return tuple(_pair_tokens(tokens)), et_al


def _trim(token: str) -> str:
    """Drop spaces and a closing full stop, but keep the stop of a trailing initial ("T.")."""
    token = token.strip(" ;")
    # A final initial is the last four characters at most: only they are searched.
    if token.endswith(".") and not _FINAL_INITIAL().search(token, max(0, len(token) - 4)):
        token = token.rstrip(".")
    return token


def _split(text: str) -> list[str]:
    """Split on commas (and semicolons, which some lists use between authors).

    As ``_SEPARATOR.split``: the spaces around each separator go with it, so inner parts
    lose theirs at both ends, the first part at its end and the last at its start.
    """
    parts = text.replace(";", ",").split(",")
    if len(parts) == 1:
        return parts
    return [parts[0].rstrip(), *(part.strip() for part in parts[1:-1]), parts[-1].lstrip()]


def _pair_tokens(tokens: list[str]) -> list[Author]:
    """Turn comma-separated tokens into authors, pairing family names with their initials."""
    authors: list[Author] = []
    i = 0
    n = len(tokens)
    while i < n:
        token = tokens[i]
        nxt = tokens[i + 1] if i + 1 < n else ""
        # A suffix is four characters at most ("III."), and most tokens cannot be
        # initials: the cheap tests skip the patterns for them.
        if len(token) <= 4 and token.lower().removesuffix(".") in NAME_SUFFIXES and authors:
            last = authors[-1]
            authors[-1] = Author(family=last.family, given=f"{last.given} {token}".strip())
            i += 1
            continue
        if _may_be_initials(nxt) and _INITIALS.match(nxt) and not _INITIALS.match(token):
            family, suffix = _cut_suffix(token)
            given = f"{nxt.strip()} {suffix}" if suffix else nxt.strip()
            authors.append(Author(family=family or token, given=given))
            i += 2
            continue
        if (
            i == 0
            and nxt
            and " " not in token
            and not _RUN_TOGETHER.match(_cut_suffix(token)[0])
            and not _RUN_TOGETHER.match(nxt)
            and _GIVEN_NAMES().match(nxt)
        ):
            authors.append(Author(family=token, given=nxt))
            i += 2
            continue
        authors.append(read_name(token))
        i += 1
    return authors


def _may_be_initials(token: str) -> bool:
    """Whether ``token`` can match :data:`_INITIALS`: each match holds a stop or is one to
    three capitals (and, for ``$``, perhaps a final newline).
    """
    return "." in token or 0 < len(token) <= 4


def _cut_suffix(token: str) -> tuple[str, str]:
    """``("Mainous AG", "3rd")`` from ``"MainousAG3rd"``; ``(token, "")`` when there is none."""
    # A suffix ends the token but for a stop (and, for "$", a final newline).
    end = token.removesuffix("\n").removesuffix(".")
    if not end.endswith(_SUFFIX_ENDINGS):
        return token, ""
    match = _SUFFIX_AT_END().search(token)
    if match is None or match.start() == 0:
        return token, ""
    return token[: match.start()].rstrip(" ,"), match.group("word") or match.group("roman")


def read_name(token: str) -> Author:
    """Read one author written in a single token (Vancouver, IEEE, run together, or natural).

    A name suffix (Jr, Sr, 2nd, 3rd, II-IV) goes with the given names, never the family.
    """
    rest, suffix = _cut_suffix(token)
    if suffix and rest:
        author = _read_name(rest)
        return Author(family=author.family, given=f"{author.given} {suffix}".strip())
    return _read_name(token)


def _read_name(token: str) -> Author:
    """One author token without a suffix."""
    match = _VANCOUVER.match(token)
    if match is None and " " in token and _ORGANISATION.search(token):
        return Author(family=token)
    # Initials first open with a letter or two and a stop.
    initials_first = _INITIALS_FIRST().match(token) if "." in token[1:3] else None
    if match and not initials_first:
        given = match.group("given")
        if match.group("suffix"):
            given = f"{given} {match.group('suffix')}"
        return Author(family=match.group("family"), given=given)
    match = initials_first
    if match:
        return Author(family=match.group("family").strip(), given=match.group("given").strip())
    match = _RUN_TOGETHER.match(token)
    if match:
        return Author(family=match.group("family"), given=match.group("given"))
    match = _FULL_NAME().match(token)
    if match:
        return Author(family=match.group("family"), given=match.group("given"))
    return Author(family=token)


def looks_like_authors(segment: str) -> bool:
    """Whether a segment can be an author list (no running prose, no sentence)."""
    text = sub_from(_ET_AL, ", ", segment, _et_al_from(segment))[0]
    if not text.strip() or len(text) > 1200:
        return False
    words = [w for w in _LOWER_WORD.findall(text) if w not in _NAME_PARTICLES]
    # Group authors ("World Health Organization", "American Psychiatric Association")
    # are capitalised; a lower-case word of four letters or more is prose.
    return not words

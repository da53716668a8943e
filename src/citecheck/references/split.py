"""Splitting a reference list into entries: numbered, superscript, unnumbered, wrapped."""

from __future__ import annotations

import re
from typing import NamedTuple

from citecheck.references.linked import read_linked
from citecheck.references.quick import bullet_end
from citecheck.text import lazy_pattern

_SUPERSCRIPT_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
_LABEL = re.compile(
    r"^\s*(?:[-*•]\s+)?(?:"
    r"\[\^(?P<footnote>[^\]\s]{1,40})\]:?"
    r"|\[(?P<bracket>\d+)\]:?"
    r"|(?P<number>\d+)[.)](?=\s)"
    r"|\((?P<paren>\d+)\)"
    r"|<sup>\s*(?P<sup>\d+)\s*</sup>[.)]?"
    r"|(?P<unicode>[⁰¹²³⁴⁵⁶⁷⁸⁹]+)[.)]?"
    # LaTeX "\bibitem{key}", "\bibitem[Smith(2020)]{key}"; AsciiDoc "[[[key]]]";
    # reStructuredText ".. [1]" / ".. [Smith2020]".
    r"|\\bibitem\s*(?:\[[^\]]*\])?\s*\{(?P<bibitem>[^{}]{1,60})\}"
    r"|\[\[\[(?P<anchor>[^\],]{1,60})(?:,[^\]]*)?\]\]\]"
    r"|\.\.\s+\[(?P<rst>[^\]]{1,40})\]"
    # Auto-numbered items: Typst "+ ", AsciiDoc ". ", reStructuredText "#. ".
    r"|(?P<auto>\+|\.|\#\.)(?=\s)"
    r")\s*(?=\S)"
)
# Labels of more than three digits are read only where the list has come that far.
_LONG_LABEL = 1000
_LABEL_GAP = 5
_LINK_AT_END = lazy_pattern(r"(?:https?://|doi:)\S+$")
_BULLET = re.compile(r"^\s*[-*•]\s+")
# "Wilkinson, S. T.", "De Boer, P.", "Wilkinson, Samuel": an inverted first author.
_AUTHOR_START = lazy_pattern(
    r"^(?:[A-Z][\w'’-]*\s){0,3}[A-Z][\w'’-]+,\s+[A-Z]"
    r"|^(?:[a-z]{1,3}\s){1,2}[A-Z][\w'’-]+,\s+[A-Z]"
    r"|^[A-Z][\w'’-]+(?:\s[A-Z][\w'’-]+)?\s[A-Z]{1,3}(?:[,.:]|\s(?:and|&)\s)"
    # initials first (IEEE): "E. H. Blackburn and J. D. Rowley,", "J. Smith, K. Lee,"
    r"|^(?:[A-Z]\.\s?-?){1,3}\s?[A-Z][\w'’-]+(?:,|\s(?:and|&)\s)"
    # a group author: "World Health Organization. (2023)."
    r"|^[A-Z][^.()]{1,80}\.\s\((?:(?:1[6-9]|20)\d{2}|n\.\s?d\.)"
)
# A year 1600-2099 not inside a longer number, or "n.d."; the first character is matched
# first, so the search skips to the ones, twos and n's.
_YEAR = lazy_pattern(r"[12n](?:(?<!\d[12])(?:(?<=1)[6-9]|(?<=2)0)\d{2}(?!\d)|(?<=n)(?<!\wn)\.d\.)")
_LEFTOVER = re.compile(
    r"^(?:\d[\d,.]*\s*(?:k\s*)?(?:views?|comments?|likes?|shares?)\b"
    r"|.*\bviews?\s*\d+\s*comments?"
    r"|(?:share|follow|like|tweet|pin|email|print)(?:\s+(?:this|on|us|it)\b.*)?:?$"
    r"|(?:linkedin|facebook|instagram|twitter|x|pinterest|youtube|tiktok|reddit|whatsapp|telegram"
    r"|threads|mastodon|google_my_business\w*)\b.{0,30}$"
    r"|(?:bottom|top) of page|back to top|scroll to top|return to top"
    r"|(?:©|\(c\)|copyright\b)"
    r"|all rights reserved|recent posts|related posts|see all|subscribe\b|sign up\b|log ?in\b"
    r"|tags?:|categories:|posted in\b|leave a (?:comment|reply)|previous post|next post"
    r"|\d+\s*min(?:ute)? read$)",
    re.IGNORECASE,
)

# The next part of the article: a Markdown heading or a section that follows references.
_SECTION = re.compile(
    r"^(?:#{1,6}\s+\S|={1,6}\s+\S|#heading\b"
    r"|\\(?:section|subsection|chapter|part)\*?\s*[\[{]|\\end\{thebibliography\}"
    r"|(?:\*\*|__)?(?:acknowledge?ments?|appendix|appendices|about the authors?|author contributions"
    r"|funding|conflicts? of interest|competing interests|disclosures?|further reading"
    r"|related (?:articles|posts|reading)|supplementary (?:material|information)|comments)"
    r"\b[^.]{0,40}$)",
    re.IGNORECASE,
)


class RawEntry(NamedTuple):
    """An entry as cut from the list: its label, where it starts, its text without label."""

    label: str
    offset: int
    text: str


def read_label(line: str) -> tuple[str, int] | None:
    """The label at the start of a line (``[1]``, ``1.``, ``1)``, ``¹``, ``[^a]:``) and where the text starts.

    An auto-numbered item (Typst ``+``, AsciiDoc ``.``) has the empty label: its number
    is its position in the list.
    """
    match = _LABEL.match(line)
    if match is None:
        return None
    for name in ("bracket", "number", "paren", "sup"):
        value = match.group(name)
        if value:
            return str(int(value)), match.end()
    for name in ("footnote", "bibitem", "anchor", "rst"):
        value = match.group(name)
        if value:
            return key_label(value), match.end()
    if match.group("auto"):
        return "", match.end()
    value = match.group("unicode") or ""
    return str(int(value.translate(_SUPERSCRIPT_DIGITS))), match.end()


def key_label(key: str) -> str:
    """A footnote or citation key as a label: numbers without leading zeros, other keys as written."""
    key = key.strip()
    return str(int(key)) if key.isdigit() else key


def _continues(label: str, previous: str | None) -> bool:
    """Whether a label can open the next entry: long numbers only right after their predecessor."""
    if not label.isdigit() or int(label) < _LONG_LABEL:
        return True
    if previous is None or not previous.isdigit():
        return False
    return int(previous) < int(label) <= int(previous) + _LABEL_GAP


def is_leftover(line: str) -> bool:
    """Whether a line is page furniture after an article (views, share links, copyright)."""
    text = bullet_end(line, _BULLET).strip()
    return len(text) < 120 and bool(_LEFTOVER.match(text))


def starts_entry(line: str) -> bool:
    """Whether an unnumbered line opens an entry: author-year (``Family, X. ... 2020``) or a link."""
    text = bullet_end(line, _BULLET).strip()
    if read_linked(text) is not None:
        return True
    if not _AUTHOR_START().match(text):
        return False
    # An author list wrapped before the year ends its first line with "," or "&".
    return bool(_YEAR().search(text)) or text.endswith((",", "&", " and"))


def _lines(text: str, start: int) -> list[tuple[int, str]]:
    """``(offset, line)`` pairs of ``text`` from ``start`` on."""
    out: list[tuple[int, str]] = []
    offset = start
    for line in text[start:].split("\n"):
        out.append((offset, line))
        offset += len(line) + 1
    return out


def split_entries(text: str, start: int) -> tuple[list[RawEntry], int]:
    """Cut the entries that begin at ``start``; return them and the offset just past the last."""
    entries: list[tuple[str, int, list[str]]] = []
    end = start
    numbered: bool | None = None
    blank = False
    skipped = 0
    for offset, line in _lines(text, start):
        stripped = line.strip()
        if not stripped:
            blank = True
            continue
        if is_leftover(stripped) or _SECTION.match(stripped):
            break
        label = read_label(line)
        if label is not None and not _continues(label[0], entries[-1][0] if entries else None):
            label = None
        if label is not None and numbered is not False:
            numbered = True
            entries.append((label[0] or str(len(entries) + 1), offset, [line[label[1] :].strip()]))
        elif numbered is None:
            if not starts_entry(stripped):
                # An introductory sentence under the heading; give up after a few.
                skipped += 1
                if skipped > 2:
                    break
                blank = False
                continue
            numbered = False
            entries.append((str(len(entries) + 1), offset, [bullet_end(stripped, _BULLET)]))
        elif numbered:
            if blank or not entries:
                break
            entries[-1][2].append(stripped)
        elif _opens_unnumbered(stripped, entries[-1][2][-1], after_blank=blank):
            entries.append((str(len(entries) + 1), offset, [bullet_end(stripped, _BULLET)]))
        elif blank:
            break
        else:
            entries[-1][2].append(stripped)
        blank = False
        end = offset + len(line.rstrip())
    return [RawEntry(label, offset, " ".join(parts)) for label, offset, parts in entries], end


def _opens_unnumbered(line: str, previous: str, *, after_blank: bool) -> bool:
    """A new unnumbered entry: a new paragraph with a year, or an author-year line after a full stop."""
    if after_blank:
        return starts_entry(line) or bool(_YEAR().search(line))
    if _BULLET.match(line) and (starts_entry(line) or _is_link(previous)):
        return True
    return starts_entry(line) and (previous.rstrip().endswith((".", ">")) or _is_link(previous))


def _is_link(line: str) -> bool:
    """Whether a line ends with a URL or DOI (an entry that is complete)."""
    return bool(_LINK_AT_END().search(line))

"""The team's own reference formatter: a journal article as each style prints it.

Used for "corrected reference" suggestions and by the matching benchmark. Titles are
kept as the record spells them (changing case is unsafe); authors, punctuation, journal
names, volume/issue/pages and the DOI follow each style's rules for journal articles.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from citecheck.model import Author, Style, Work

_NAME_PART = re.compile(r"[^\s.\-]+|-")
EN_DASH = "\u2013"


# --------------------------------------------------------------------------- name parts


def initials(given: str, *, dots: bool = True) -> str:
    """ "Sarah Theresa" -> "S. T." (or "ST"); "Jean-Paul" -> "J.-P." (or "JP")."""
    letters: list[str] = []
    for part in _NAME_PART.findall(given):
        if part == "-":
            if dots and letters:
                letters[-1] += "-"
            continue
        letter = part[0].upper()
        if dots:
            if letters and letters[-1].endswith("-"):
                letters[-1] += f"{letter}."
            else:
                letters.append(f"{letter}.")
        else:
            letters.append(letter)
    return " ".join(letters) if dots else "".join(letters)


def _is_organisation(author: Author) -> bool:
    return not author.given.strip()


def _inverted(author: Author, *, dots: bool = True, comma: bool = True, space: bool = True) -> str:
    """ "Family, G. G." / "Family GG" / "Family, G.G."."""
    if _is_organisation(author):
        return author.family
    ini = initials(author.given, dots=dots)
    if not space:
        ini = ini.replace(" ", "")
    return f"{author.family}, {ini}" if comma else f"{author.family} {ini}"


def _given_first(author: Author, *, full: bool) -> str:
    """ "Given Family" (full given names) or "G. G. Family" (initials)."""
    if _is_organisation(author):
        return author.family
    given = author.given.strip() if full else initials(author.given)
    return f"{given} {author.family}"


def _join_and(
    names: Sequence[str], conjunction: str, *, serial_comma: bool = True, pair_comma: bool = False
) -> str:
    """Join names with commas and a final conjunction ("A, B, and C"; "A and B")."""
    if len(names) <= 1:
        return "".join(names)
    if len(names) == 2:
        return f"{names[0]}{',' if pair_comma else ''} {conjunction} {names[1]}"
    comma = "," if serial_comma else ""
    return f"{', '.join(names[:-1])}{comma} {conjunction} {names[-1]}"


def _sentence(text: str) -> str:
    """Close a title with a full stop unless it already ends in punctuation."""
    text = text.strip()
    return text if text[-1:] in ".?!" else f"{text}."


def _pages(work: Work, dash: str) -> str:
    pages = (work.pages or "").strip()
    return re.sub(r"\s*[-\u2010-\u2015]+\s*", dash, pages)


def _is_article_number(work: Work) -> bool:
    return bool(work.article_number) and work.pages == work.article_number


def _short_journal(work: Work) -> str:
    return work.short_journals[0] if work.short_journals else (work.journal or "")


def _doi_url(work: Work) -> str:
    return f"https://doi.org/{work.doi}" if work.doi else ""


def _join(parts: Sequence[str]) -> str:
    return " ".join(p for p in parts if p).strip()


# --------------------------------------------------------------------------- styles


def render_apa(work: Work) -> str:
    """APA 7: ``Family, G. G., & Family, G. (Year). Title. Journal, Vol(Issue), pages. DOI``."""
    names = [_inverted(a) for a in work.authors]
    if len(names) > 20:
        authors = f"{', '.join(names[:19])}, . . . {names[-1]}"
    elif len(names) > 1:
        authors = f"{', '.join(names[:-1])}, & {names[-1]}"
    else:
        authors = "".join(names)
    year = f"({work.year or 'n.d.'})."
    source = work.journal or ""
    if work.volume:
        source += f", {work.volume}" + (f"({work.issue})" if work.issue else "")
    if work.pages:
        pages = _pages(work, EN_DASH)
        source += f", Article {pages}" if _is_article_number(work) else f", {pages}"
    head = f"{authors} {year}" if authors else f"{_sentence(work.full_title or '')} {year}"
    title = _sentence(work.full_title or "") if authors else ""
    return _join([head, title, f"{source}." if source else "", _doi_url(work)])


def _ama_authors(work: Work) -> str:
    names = [_inverted(a, dots=False, comma=False) for a in work.authors]
    if len(names) > 6:
        names = [*names[:3], "et al"]
    return ", ".join(names)


def _nlm_locator(work: Work) -> str:
    """The NLM source locator AMA and Vancouver share: ``Year;Vol(Issue):pages``."""
    locator = f"{work.year or ''}"
    if work.volume:
        locator += f";{work.volume}" + (f"({work.issue})" if work.issue else "")
    if work.pages:
        locator += f":{_pages(work, '-')}"
    return locator


def render_ama(work: Work) -> str:
    """AMA 11: ``Family GG, Family G. Title. Jrnl Abbrev. Year;Vol(Issue):pages. doi:...``."""
    authors = _ama_authors(work)
    journal = _short_journal(work)
    locator = _nlm_locator(work)
    return _join(
        [
            f"{authors}." if authors else "",
            _sentence(work.full_title) if work.full_title else "",
            _sentence(journal) if journal else "",
            f"{locator}." if locator else "",
            f"doi:{work.doi}" if work.doi else "",
        ]
    )


def render_vancouver(work: Work) -> str:
    """Vancouver (ICMJE/NLM): ``Family GG, Family G. Title. Journal. Year;Vol(Issue):pages.``."""
    names = [_inverted(a, dots=False, comma=False) for a in work.authors]
    if len(names) > 6:
        names = [*names[:6], "et al"]
    authors = ", ".join(names)
    journal = _short_journal(work).replace(".", "")
    locator = _nlm_locator(work)
    return _join(
        [
            f"{authors}." if authors else "",
            _sentence(work.full_title) if work.full_title else "",
            f"{journal}." if journal else "",
            f"{locator}." if locator else "",
            f"doi:{work.doi}" if work.doi else "",
        ]
    )


def render_harvard(work: Work) -> str:
    """Harvard (Cite Them Right): ``Family, G.G. and Family, G. (Year) 'Title', Journal, ...``."""
    names = [_inverted(a, space=False) for a in work.authors]
    authors = _join_and(names, "and", serial_comma=False)
    source = work.journal or ""
    if work.volume:
        source += f", {work.volume}" + (f"({work.issue})" if work.issue else "")
    if work.pages:
        pages = _pages(work, EN_DASH)
        prefix = "" if _is_article_number(work) else ("pp. " if EN_DASH in pages else "p. ")
        source += f", {prefix}{pages}"
    title = (work.full_title or "").strip()
    return _join(
        [
            authors,
            f"({work.year or 'no date'})",
            f"'{title}'," if title else "",
            f"{source}." if source else "",
            f"doi:{work.doi}." if work.doi else "",
        ]
    )


def render_chicago(work: Work) -> str:
    """Chicago author-date: ``Family, Given, and Given Family. Year. "Title." Journal Vol...``."""
    names = [
        _inverted_full(a) if i == 0 else _given_first(a, full=True)
        for i, a in enumerate(work.authors)
    ]
    if len(names) > 10:
        names = [*names[:7], "et al"]
        authors = f"{', '.join(names[:-1])}, {names[-1]}"
    else:
        authors = _join_and(names, "and", pair_comma=True)
    title = _sentence(work.full_title or "")
    source = work.journal or ""
    if work.volume:
        source += f" {work.volume}"
    if work.issue:
        source += f" ({work.issue})"
    if work.pages:
        source += f": {_pages(work, EN_DASH)}"
    return _join(
        [
            f"{authors.rstrip('.')}." if authors else "",
            f"{work.year or 'n.d.'}.",
            f"\u201c{title}\u201d" if work.full_title else "",
            f"{source}." if source else "",
            _doi_url(work),
        ]
    )


def _inverted_full(author: Author) -> str:
    if _is_organisation(author):
        return author.family
    return f"{author.family}, {author.given.strip()}"


def render_ieee(work: Work) -> str:
    """IEEE: ``G. G. Family, G. Family, and G. Family, "Title," Journal, vol. 1, ...``."""
    names = [_given_first(a, full=False) for a in work.authors]
    authors = f"{names[0]} et al." if len(names) > 6 else _join_and(names, "and")
    parts = [work.journal or ""]
    if work.volume:
        parts.append(f"vol. {work.volume}")
    if work.issue:
        parts.append(f"no. {work.issue}")
    if work.pages:
        pages = _pages(work, EN_DASH)
        if _is_article_number(work):
            parts.append(f"Art. no. {pages}")
        else:
            parts.append(f"{'pp.' if EN_DASH in pages else 'p.'} {pages}")
    if work.year:
        parts.append(str(work.year))
    if work.doi:
        parts.append(f"doi: {work.doi}")
    title = (work.full_title or "").strip()
    return _join(
        [
            f"{authors}," if authors else "",
            f"\u201c{title},\u201d" if title else "",
            f"{', '.join(p for p in parts if p)}.",
        ]
    )


def render_mla(work: Work) -> str:
    """MLA 9: ``Family, Given, et al. "Title." Journal, vol. 1, no. 2, Year, pp. 1-9. DOI``."""
    people = list(work.authors)
    if len(people) >= 3:
        authors = f"{_inverted_full(people[0])}, et al"
    elif len(people) == 2:
        authors = f"{_inverted_full(people[0])}, and {_given_first(people[1], full=True)}"
    else:
        authors = "".join(_inverted_full(a) for a in people)
    parts = [work.journal or ""]
    if work.volume:
        parts.append(f"vol. {work.volume}")
    if work.issue:
        parts.append(f"no. {work.issue}")
    if work.year:
        parts.append(str(work.year))
    if work.pages:
        pages = _pages(work, "-")
        parts.append(f"{'pp.' if '-' in pages else 'p.'} {pages}")
    title = _sentence(work.full_title or "")
    return _join(
        [
            f"{authors.rstrip('.')}." if authors else "",
            f"\u201c{title}\u201d" if work.full_title else "",
            f"{', '.join(p for p in parts if p)}.",
            _doi_url(work),
        ]
    )


RENDERERS: dict[Style, Callable[[Work], str]] = {
    Style.APA: render_apa,
    Style.AMA: render_ama,
    Style.VANCOUVER: render_vancouver,
    Style.HARVARD: render_harvard,
    Style.CHICAGO: render_chicago,
    Style.IEEE: render_ieee,
    Style.MLA: render_mla,
}


def render_reference(work: Work, style: Style | str) -> str:
    """A journal article rendered in ``style``; an unknown style falls back to APA."""
    try:
        key = Style(style)
    except ValueError:
        key = Style.APA
    return RENDERERS.get(key, render_apa)(work)

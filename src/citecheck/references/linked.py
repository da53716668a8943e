r"""Entries that are only a link, or a title and a link, in any markup.

Blogs and AI-assisted chapters often list their sources as bare links or titled links:
``#link("https://pmc.ncbi.nlm.nih.gov/articles/PMC8733716/")[Title]`` (Typst),
``[Title](https://doi.org/...)`` (Markdown), ``https://...[Title]`` (AsciiDoc),
``[[https://...][Title]]`` (Org), ```Title <https://...>`_`` (reStructuredText),
``\href{https://...}{Title}`` (LaTeX), or ``Title <https://...>`` as the Markdown and
HTML readers write a link. Such an entry names its work by the link: a DOI, PubMed or
PMC link is an identifier (read by :func:`citecheck.links.identify`) and the link text is
the title; a link to any other site is a web page, which is never looked up.
"""

from __future__ import annotations

import re

from citecheck.links import IdKind, identify
from citecheck.model import ReferenceFields, ReferenceKind
from citecheck.references.quick import first_of, folded
from citecheck.text import lazy_pattern

# The markup-link patterns, and those of an entry that may be only a link (_URL to
# _EMPTIED), compile when an entry first holds a link (lazy_pattern): most entries hold
# none, or a year before it.
_MARKUP_LINKS = (
    # Typst: #link("url")[text] and #link("url")
    lazy_pattern(r"#link\(\s*\"(?P<url>[^\"]+)\"\s*\)(?:\[(?P<text>[^\]]*)\])?"),
    # Org: [[url][text]] and [[url]]
    lazy_pattern(r"\[\[(?P<url>(?:https?://|doi:)[^\]]+)\](?:\[(?P<text>[^\]]*)\])?\]"),
    # LaTeX: \href{url}{text}, \url{url}
    lazy_pattern(r"\\href\{(?P<url>[^{}]+)\}\{(?P<text>[^{}]*)\}"),
    lazy_pattern(r"\\url\{(?P<url>[^{}]+)\}"),
    # reStructuredText: `text <url>`_ and `text <url>`__
    lazy_pattern(r"`(?P<text>[^`<]*?)\s*<(?P<url>[^<>`]+)>`_{1,2}"),
    # Markdown as written (the text reader does not rewrite it): [text](url)
    lazy_pattern(
        r"\[(?P<text>[^\[\]]*)\]\((?P<url>(?:https?://|www\.)[^()\s]*(?:\([^()\s]*\)[^()\s]*)*)\)"
    ),
    # AsciiDoc: link:url[text] and url[text]
    lazy_pattern(r"(?:link:)?(?P<url>https?://[^\s\[\]]+)\[(?P<text>[^\]]*)\]"),
)
# What every match of each markup-link pattern holds, in the same order.
_MARKUP_LINK_MARKS = ("#link(", "[[", "\\href{", "\\url{", "`", "](", "[")
_URL = lazy_pattern(
    r"<?(?P<url>(?:https?://|www\.)[^\s<>]+)>?|\bdoi:\s*(?P<doi>10\.\S+)", re.IGNORECASE
)
# A year 1600-2099 standing alone, or "n.d." ("no date"), in any case. The first
# character is matched first, so the search skips to the ones and twos and n's.
_YEAR = re.compile(
    r"[12nN](?:"
    r"(?<![\d/.][12])(?:(?<=1)[6-9]|(?<=2)0)\d{2}(?![\d/])"
    r"|(?<=[nN])(?<!\w[nN])\.\s?[dD]\."
    r")"
)
_AUTHOR_LIST = lazy_pattern(r"^[A-Z][\w'’-]+,?\s+(?:[A-Z]{1,3}|[A-Z]\.\s?(?:[A-Z]\.)?)[,.]\s")
_TRAILING = ".,;:)]}>'\"’”"
_SENTENCE_END = lazy_pattern(r"[a-z)][.!?]\s+[A-Z]")
_EMPTIED = lazy_pattern(r"\(\s*(?:[\w ]+:)?\s*\)")  # "(full text: )": a link cut out of prose
_EDGES = " \t-–—:;,.|•·\"'“”‘’«»"
_MAX_TITLE = 300
NOT_SCHOLARLY = "not a scholarly identifier"


def plain_links(text: str) -> str:
    """Rewrite markup links as ``text <url>`` (``<url>`` when the link has no text)."""
    if "http" not in text and "doi:" not in text and "www." not in text:
        return text
    for pattern, needed in zip(_MARKUP_LINKS, _MARKUP_LINK_MARKS, strict=True):
        if needed in text:
            text = pattern().sub(_as_plain, text)
    return text


def _as_plain(match: re.Match[str]) -> str:
    groups = match.groupdict()
    url = (groups.get("url") or "").strip()
    words = (groups.get("text") or "").strip()
    if not words or words == url:
        return f"<{url}>"
    return f"{words} <{url}>"


def read_linked(text: str) -> tuple[ReferenceKind, ReferenceFields] | None:
    """The fields of an entry that is only a link or a title and a link; None for any other entry.

    An entry with a year or an author list is a citation with a link in it, read as usual.
    """
    plain = plain_links(text)
    start = first_of(folded(plain), "http", "www.", "doi:")  # no URL starts before start - 1
    if start == -1:
        return None
    # A year before the first URL stays when a URL is cut out: a dated entry, whatever
    # its links (most entries end here).
    year = _YEAR.search(plain)
    if year and year.end() < start:
        return None
    matches = list(_URL().finditer(plain, max(0, start - 1)))
    if len(matches) != 1:
        return None
    urls = [_url_of(matches[0])]
    rest = plain[: matches[0].start()] + " " + plain[matches[0].end() :]  # _URL.sub(" ", plain)
    if _YEAR.search(rest) or _AUTHOR_LIST().match(rest.strip()):
        return None
    title = " ".join(rest.split()).strip(_EDGES).strip() or None
    if title is not None and (
        len(title) > _MAX_TITLE
        or not any(c.isalpha() for c in title)
        or len(_SENTENCE_END().findall(title)) > 1  # prose around a link, not a title
        or _EMPTIED().search(title)
    ):
        return None
    url = urls[0]
    found = identify(url)
    if found is None:
        return ReferenceKind.WEB, ReferenceFields(title=title, url=url)
    if found.kind is IdKind.DOI:
        return ReferenceKind.ENTRY, ReferenceFields(title=title, doi=found.value, url=url)
    if found.kind is IdKind.PMID:
        return ReferenceKind.ENTRY, ReferenceFields(title=title, pmid=found.value, url=url)
    if found.kind is IdKind.PMCID:
        return ReferenceKind.ENTRY, ReferenceFields(title=title, pmcid=found.value, url=url)
    if found.kind is IdKind.ARXIV:
        # arXiv registers a DOI for every preprint.
        doi = f"10.48550/arxiv.{found.value.lower()}"
        return ReferenceKind.ENTRY, ReferenceFields(title=title, doi=doi, url=url)
    # A publisher page without a DOI in its address (an Elsevier PII): searched by its title.
    return ReferenceKind.ENTRY, ReferenceFields(title=title, url=url)


def _url_of(match: re.Match[str]) -> str:
    if match.group("doi"):
        return "doi:" + match.group("doi").rstrip(_TRAILING)
    url = match.group("url")
    while url and url[-1] in _TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url

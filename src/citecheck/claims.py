"""What the sentence carrying an inline citation says about the cited work.

For each citation the claim is the sentence (or list item) that carries it. A sentence
with markers at several places ("A 2019 trial [1] and a 2020 cohort [2] ...") is cut at
the markers so each part speaks for its own references. From each claim we read the
stated year, journal, study design, population and authors, each with the span of text
it came from. A claim that states nothing checkable keeps empty fields: no guessing.

``Claim.line`` is the original-file line of the claim's first citation marker (not of
the sentence start), since that is where an editor looks for the citation.
"""

from __future__ import annotations

import bisect
import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from citecheck import studytype
from citecheck.model import (
    Citation,
    Claim,
    Classification,
    Document,
    LineIndex,
    Span,
)

# --------------------------------------------------------------------------- structure

# A list item ("• ", "- ", "* ", "1. ", "2) ", "(a) ") or a Markdown heading starts a block.
_ITEM_PREFIX = re.compile(r"[ \t]*(?:[•\-*–·▪◦‣]|\d{1,3}[.)]|\(?[a-z]\)|#{1,6})[ \t]+")
_LIST_LINE = re.compile(r"[ \t]*(?:[•\-*–·▪◦‣]|\d{1,3}[.)]|#{1,6})[ \t]+")
_SENTENCE_END = re.compile(r"[.!?]+[\"”’')\]]*")
_LAST_TOKEN = re.compile(r"(\S+)$")
_ABBREVIATIONS = frozenset(
    """al. e.g. i.e. eg. ie. cf. vs. v. dr. mr. mrs. ms. prof. fig. figs. no. nos. vol.
    vols. pp. p. approx. ca. jr. sr. st. inc. ltd. co. dept. univ. ref. refs. eq. eqs.
    suppl. viz. resp. ed. eds. ch. sect. ph.d. u.s. u.k. e.u. n.b. est. min. max. incl.""".split()  # noqa: SIM905
)
_SHORT_ABBREVIATION = re.compile(r"^[A-Z][a-z]{0,6}\.$")
_AUTHOR_BEFORE = re.compile(
    r"(?:\bet\s+al\b\.?|\band\s+(?:colleagues|co-?workers)|[A-Z][\w'’\-]*[a-z])\s*$"
)
_AUTHOR_LEAD = re.compile(
    r"(?<![\w'’\-])(?:(?:van|von|de|der|den|le|la|di|da|du)\s+)*[A-Z][\w'’\-]*"
    r"(?:\s+(?:and|&)\s+[A-Z][\w'’\-]*)?(?:\s+et\s+al\b\.?|\s+and\s+(?:colleagues|co-?workers))?\s*$"
)
_MARKER_GLUE = re.compile(r"[\s,;]*(?:(?:and|&)[\s,;]*)?")


_REACH = 600  # characters of a claim kept before its first and after its last marker


@dataclass(frozen=True)
class _Part:
    """A stretch of a sentence and the citations that speak for it."""

    start: int
    end: int
    citations: tuple[Citation, ...]


# --------------------------------------------------------------------------- public


def extract_claims(document: Document, citations: Sequence[Citation]) -> tuple[Claim, ...]:
    """One claim per cited sentence, or per marker-delimited part of a sentence."""
    ordered = sorted(citations, key=lambda c: c.start)
    if not ordered:
        return ()
    text = document.text
    blocks = _block_starts(text)
    marker_ends = {c.start: c.end for c in ordered}
    sentences: dict[tuple[int, int], list[Citation]] = {}
    cache: dict[int, list[tuple[int, int]]] = {}
    for citation in ordered:
        block = _block_of(blocks, len(text), citation.start)
        if block[0] not in cache:
            cache[block[0]] = split_sentences(text, block[0], block[1], marker_ends)
        sentence = _containing(cache[block[0]], citation.start)
        sentences.setdefault(sentence, []).append(citation)
    index = LineIndex(document)
    claims = []
    for (start, end), cited in sentences.items():
        for part in _split_at_markers(text, start, end, cited):
            claims.append(_claim(text, part, index.line_at(part.citations[0].start)))
    return tuple(claims)


def read_claim(
    text: str, citations: Sequence[Citation] = (), offset: int = 0, line: int = 1
) -> Claim:
    """Read the stated facts from one claim's text (its markers sit at offset minus ``offset``)."""
    masked = _mask_markers(text, citations, offset)
    spans: dict[str, Span] = {}
    journal = find_journal(masked)
    if journal:
        spans["journal"] = journal
        masked = _blank(masked, journal.start, journal.end)
    year = find_year(masked)
    if year:
        spans["year"] = year
    design = _stated_design(masked)
    if design:
        spans["study_type"] = Span(design[1], design[2], text[design[1] : design[2]])
    population = studytype.population_of(masked)
    if population:
        spans["population"] = Span(
            population[1], population[2], text[population[1] : population[2]]
        )
    authors = find_authors(masked)
    if authors:
        spans["authors"] = authors[1]
    # Spans quote the claim as written (markers included), values come from the masked text.
    spans = {k: Span(v.start, v.end, text[v.start : v.end]) for k, v in spans.items()}
    labels = tuple(dict.fromkeys(label for c in citations for label in c.references))
    return Claim(
        line=line,
        text=text,
        references=labels,
        year=int(year.text) if year else None,
        # A name wrapped over two lines of the source reads as one name.
        journal=" ".join(journal.text.split()) if journal else None,
        study_type=design[0].study_type if design else None,
        study_type_phrase=spans["study_type"].text if design else None,
        population=population[0] if population else None,
        authors=authors[0] if authors else (),
        spans=spans,
    )


def split_sentences(
    text: str, start: int, end: int, marker_ends: dict[int, int] | None = None
) -> list[tuple[int, int]]:
    """Sentence offsets within ``text[start:end]``; markers after a full stop stay with it."""
    marker_ends = marker_ends or {}
    sentences = []
    begin = start
    for match in _SENTENCE_END.finditer(text, start, end):
        if _is_abbreviation(text, begin, match.start()):
            continue
        stop = _skip_markers(text, match.end(), end, marker_ends)
        rest = text[stop:end].lstrip()
        if stop < end and not text[stop].isspace() and not _glued_start(text, match.start(), stop):
            continue  # "2.5", "e.g.the", "www.x.org": no space after the stop
        if rest and not (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"“‘'([<•*-"):
            continue
        sentences.append((begin, stop))
        begin = stop
    if begin < end:
        sentences.append((begin, end))
    return sentences


# --------------------------------------------------------------------------- blocks & sentences


def _block_starts(text: str) -> list[int]:
    """Offsets where paragraphs, list items and headings begin."""
    starts = [0]
    offset = 0
    previous_blank = True
    previous_heading = False
    for line in text.split("\n"):
        blank = not line.strip()
        starts_block = previous_blank or previous_heading or _LIST_LINE.match(line)
        if offset and not blank and starts_block:
            starts.append(offset)
        previous_heading = not blank and (
            line.lstrip().startswith("#") or (previous_blank and _looks_like_heading(line))
        )
        previous_blank = blank
        offset += len(line) + 1
    return starts


def _looks_like_heading(line: str) -> bool:
    """A short capitalised line without closing punctuation ("Methods", "The Science")."""
    stripped = line.strip()
    return (
        len(stripped) <= 80
        and len(stripped.split()) <= 8
        and stripped[:1].isupper()
        and stripped[-1:] not in ".!?:;,])"
    )


def _block_of(starts: list[int], length: int, offset: int) -> tuple[int, int]:
    """The paragraph or list item holding ``offset``, without its bullet."""
    i = bisect.bisect_right(starts, offset) - 1
    start = starts[i]
    end = starts[i + 1] if i + 1 < len(starts) else length
    return start, end


def _containing(sentences: list[tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence whose span holds ``offset`` (sentences are sorted and contiguous)."""
    i = bisect.bisect_right(sentences, (offset, len(sentences) and sentences[-1][1] + 1)) - 1
    return sentences[max(0, min(i, len(sentences) - 1))]


def _is_abbreviation(text: str, begin: int, stop: int) -> bool:
    """True when the full stop at ``stop`` ends an abbreviation, an initial or a number."""
    # Look back a bounded window so a long unsplit stretch stays linear.
    token_match = _LAST_TOKEN.search(text, max(begin, stop - 60), stop + 1)
    if token_match is None:
        return False
    token = token_match.group(1).lstrip("([\"“'")
    if token.lower() in _ABBREVIATIONS or re.fullmatch(r"[A-Z]\.", token):
        return True
    if re.fullmatch(r"(?:[A-Za-z]\.){2,}", token):
        return True  # "e.g.", "U.S."
    if _SHORT_ABBREVIATION.match(token):
        # "J. Affect. Disord.": a chain of short capitalised abbreviations.
        previous = text[max(begin, token_match.start() - 60) : token_match.start()].split()
        return bool(previous) and bool(_SHORT_ABBREVIATION.match(previous[-1]))
    return False


def _glued_start(text: str, stop: int, following: int) -> bool:
    """True for a sentence glued to the last one's stop: "... role [16].In this regard"."""
    before = text[stop - 1 : stop]
    return text[following].isupper() and (before.isalpha() or before in ")]")


def _skip_markers(text: str, position: int, end: int, marker_ends: dict[int, int]) -> int:
    """Move past citation markers that follow a sentence's full stop ("... disorder. [1]")."""
    while True:
        probe = position
        while probe < end and text[probe] in " \t":
            probe += 1
        if probe in marker_ends:
            position = marker_ends[probe]
            continue
        return position


def _split_at_markers(text: str, start: int, end: int, cited: list[Citation]) -> list[_Part]:
    """Cut a sentence so each group of adjacent markers speaks for its own part."""
    groups: list[list[Citation]] = []
    for citation in cited:
        if groups and _MARKER_GLUE.fullmatch(text, groups[-1][-1].end, citation.start):
            groups[-1].append(citation)
        else:
            groups.append([citation])
    parts: list[_Part] = []
    part_start = start
    pending: list[Citation] = []
    for group in groups:
        if _is_leading(text, group[0]):
            if pending:  # a second author-led claim begins before this one ended
                cut = max(part_start, _lead_start(text, group[0]))
                parts.append(_Part(part_start, cut, tuple(pending)))
                part_start = cut
            pending = list(group)
            continue
        if pending and not _same_works(pending, group):
            # "Brennan (2017) argued X (see also Lee, 2015)": the lead's year and names are
            # not the trailing marker's, so the trailing marker is its own (bare) claim.
            parts.append(_Part(part_start, group[0].start, tuple(pending)))
            part_start, pending = group[0].start, []
        pending.extend(group)
        parts.append(_Part(part_start, group[-1].end, tuple(pending)))
        part_start, pending = group[-1].end, []
    if pending:
        parts.append(_Part(part_start, end, tuple(pending)))
    elif parts:
        # Words after the last marker ("[2] showed benefit") belong to the last part.
        parts[-1] = _Part(parts[-1].start, end, parts[-1].citations)
    return parts


def _same_works(lead: Sequence[Citation], group: Sequence[Citation]) -> bool:
    """True when a trailing marker cites nothing beyond what the author-led marker cites."""
    named = {label for c in lead for label in c.references}
    return {label for c in group for label in c.references} <= named


def _is_narrative(citation: Citation) -> bool:
    """True for author-date markers written into the prose ("Smith et al. (2020)")."""
    return citation.marker[:1].isalpha()


def _lead_start(text: str, citation: Citation) -> int:
    """Where an author-led claim begins: at the names before a bracket ("Lee et al. [2]")."""
    if _is_narrative(citation):
        return citation.start
    window = max(0, citation.start - 80)
    found = _AUTHOR_LEAD.search(text, window, citation.start)
    return found.start() if found else citation.start


def _is_leading(text: str, citation: Citation) -> bool:
    """True when a marker opens its claim: "Smith et al. (2020) found", "Lee et al. [2] showed"."""
    if _is_narrative(citation):
        return True
    before = text[max(0, citation.start - 40) : citation.start]
    after = text[citation.end : citation.end + 20]
    return bool(_AUTHOR_BEFORE.search(before)) and bool(re.match(r"\s+[a-z]", after))


def _claim(text: str, part: _Part, line: int) -> Claim:
    """Read one part of a sentence into a Claim."""
    # A "sentence" of thousands of characters is unsplit text (a table, a run-on page):
    # keep the words near the markers so one claim never costs more than a paragraph.
    start = max(part.start, part.citations[0].start - _REACH)
    end = min(part.end, part.citations[-1].end + _REACH)
    if start > part.start:
        start = text.find(" ", start, part.citations[0].start) + 1 or start
    item = _ITEM_PREFIX.match(text, start)
    if item and (start == 0 or text[start - 1] == "\n"):
        start = item.end()
    while start < end and (text[start].isspace() or text[start] in ",;:"):
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    body = text[start:end].replace("\n", " ")
    return read_claim(body, part.citations, start, line)


def _mask_markers(text: str, citations: Sequence[Citation], offset: int) -> str:
    """Blank bracket, superscript and parenthetical markers; narrative ones are prose."""
    for citation in citations:
        if _is_narrative(citation):
            continue
        start, end = citation.start - offset, citation.end - offset
        if 0 <= start < end <= len(text):
            text = _blank(text, start, end)
    return text


def _blank(text: str, start: int, end: int) -> str:
    """``text`` with ``[start:end]`` replaced by spaces (offsets unchanged)."""
    return text[:start] + " " * (end - start) + text[end:]


# --------------------------------------------------------------------------- years

_YEAR = r"(?P<year>1[89]\d\d|20\d\d)(?![\d\-–—]|\s*[-–—]\s*\d|\s*(?:to|and)\s+(?:1[89]|20)\d\d)"
_STUDY_NOUNS = frozenset(
    """study studies trial trials review reviews meta-analysis meta-analyses analysis
    analyses paper papers report reports survey surveys cohort article articles experiment
    experiments investigation publication rct rcts audit evaluation series guideline
    guidelines statement work research findings data""".split()  # noqa: SIM905
)
_DESIGN_WORDS = frozenset(
    """randomized randomised controlled double-blind single-blind blinded placebo-controlled
    systematic narrative scoping umbrella prospective retrospective longitudinal
    observational cross-sectional cohort case-control clinical pilot open-label follow-up
    population-based national nationwide international large small landmark qualitative
    quantitative animal mouse rat rodent preclinical phase i ii iii iv and of multicenter
    multicentre multi-site multisite meta-analytic network crossover cross-over community
    registry-based retrospective case chart epidemiological experimental laboratory
    in vitro vivo human""".split()  # noqa: SIM905
)
_DETERMINED_YEAR = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Tt]his|[Tt]hat|[Oo]ne|[Tt]heir|[Hh]is|[Hh]er|[Ii]ts|[Oo]ur|\w+['’]s)"
    rf"\s+(?:(?:large|small|landmark|recent|seminal|pivotal|later|earlier|[A-Z][\w-]*)\s+)?{_YEAR}\s+"
)
_PUBLISHED_YEAR = re.compile(
    r"\b(?:published|publication|conducted|carried\s+out|reported|released|appeared|performed"
    r"|presented|completed|issued|printed|run|done)\s+(?:online\s+)?(?:in|during)\s+"
    rf"(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?{_YEAR}\b"
)
_IN_YEAR = re.compile(rf"\b[Ii]n\s+(?:(?:early|late|mid-?)\s*)?(?:[A-Z][a-z]+\s+)?{_YEAR}\b")
_PAREN_YEAR = re.compile(rf"\((?:[^()\n]{{0,80}}?,\s*)?{_YEAR}[a-z]?\)")
_NOT_STUDY_IN = re.compile(
    r"\b(?:born|died|founded|established|since|until|till|before|after|from|by|between"
    r"|aged|age|approved|launched|introduced|started|began|beginning|ending|ended)\s+$",
    re.IGNORECASE,
)
_WORD = re.compile(r"[\w][\w-]*")


def find_year(text: str) -> Span | None:
    """The study's year as the prose states it ("a 2016 study", "published in 2019", "(2019)")."""
    found: list[Span] = []
    for match in _DETERMINED_YEAR.finditer(text):
        if _followed_by_study_noun(text, match.end()):
            found.append(_year_span(match))
    for pattern in (_PUBLISHED_YEAR, _PAREN_YEAR):
        found.extend(_year_span(m) for m in pattern.finditer(text))
    for match in _IN_YEAR.finditer(text):
        if not _NOT_STUDY_IN.search(text, max(0, match.start() - 20), match.start()):
            found.append(_year_span(match))
    plausible = [s for s in found if _plausible_year(int(s.text))]
    return min(plausible, key=lambda s: s.start) if plausible else None


def _followed_by_study_noun(text: str, position: int) -> bool:
    """True when design words lead from ``position`` to a study noun ("systematic review")."""
    for match in _WORD.finditer(text, position, min(len(text), position + 80)):
        word = match.group(0)
        lower = word.lower()
        if lower in _STUDY_NOUNS or (lower.endswith("s") and lower[:-1] in _STUDY_NOUNS):
            return True
        if lower in _DESIGN_WORDS or word[:1].isupper():
            continue
        return False
    return False


def _year_span(match: re.Match[str]) -> Span:
    """The span of the ``year`` group."""
    return Span(match.start("year"), match.end("year"), match.group("year"))


def _plausible_year(year: int) -> bool:
    """A publication year: 1900 up to next year."""
    return 1900 <= year <= datetime.date.today().year + 1


# --------------------------------------------------------------------------- journals

_JOURNAL_WORDS = frozenset(
    """journal journals review reviews annals archives proceedings lancet jama bmj nejm
    nature science cell plos pnas cmaj mmwr elife bulletin letters transactions quarterly
    acta gazette j am arch ann br eur int clin med""".split()  # noqa: SIM905
)
_NOT_JOURNAL_WORDS = frozenset(
    """university hospital institute institutes center centre college school clinic clinics
    department foundation ministry agency county laboratory laboratories association society
    council office organization organisation administration government company
    january february march april may june july august september october november december
    english spanish french german chinese japanese italian portuguese russian dutch""".split()  # noqa: SIM905
)
_CAP = r"(?:[A-ZÀ-ÖØ-ÞА-Я][A-Za-zÀ-ÖØ-öø-ÿĀ-žА-яё’'\-]*\.?|PLoS|eLife|mBio|npj)"
# Lower-case words inside journal names, English and the other languages journals use:
# "Journal of ...", "Annales de ...", "Geologiska Föreningen i Stockholm Förhandlingar".
_CONNECT = (
    r"(?:(?:of|for|in|on|de|des|der|di|du|i|för|für|y|:)\s+(?:the\s+)?|(?:and|&|et)\s+(?!the\b))"
)
_NAME = rf"(?P<name>{_CAP}(?:\s+{_CONNECT}?{_CAP}){{0,12}})"
_STRONG_CUE = re.compile(
    r"\b(?:published|publishing|appeared|appearing|printed|featured|reported)\s+(?:online\s+)?"
    rf"in\s+(?:the\s+)?(?:(?:journal|periodical)\s+)?{_NAME}"
    rf"|\b[Jj]ournal\s+{_NAME.replace('?P<name>', '?P<name2>')}"
)
_WEAK_CUE = re.compile(rf"\b(?:[Ii]n|[Ff]rom|[Bb]y)\s+(?:the\s+)?{_NAME}")
_ATTRIBUTIVE = re.compile(
    rf"\b(?:[Aa]n?|[Tt]he|[Oo]ne)\s+(?:(?:1[89]|20)\d\d\s+)?{_NAME}\s+(?:(?:1[89]|20)\d\d\s+)?"
    r"(?:study|trial|paper|article|report|review|meta-analysis|analysis|survey|editorial)\b"
)
_MARKUP = re.compile(
    r"(?P<cue>\b(?:in|from)\s+(?:the\s+)?)?"
    r"(?:\*(?P<a>[^*\n]{2,100})\*|(?<!\w)_(?P<b>[^_\n]{2,100})_(?!\w)"
    r"|<(?:i|em)>(?P<c>[^<\n]{2,100})</(?:i|em)>|[“\"](?P<d>[^”\"\n]{2,100})[”\"])"
)


def find_journal(text: str) -> Span | None:
    """The journal the prose names ("published in the Journal of X", "a Lancet study")."""
    candidates: list[Span] = []
    for match in _MARKUP.finditer(text):
        group = next(g for g in "abcd" if match.group(g) is not None)
        raw = match.group(group)
        name = raw.strip()
        begin = match.start(group) + len(raw) - len(raw.lstrip())
        cued = match.group("cue") or _has_journal_word(name)
        if name[:1].isupper() and cued and not _looks_like_title(name):
            candidates.append(Span(begin, begin + len(name), name))
    for match in _STRONG_CUE.finditer(text):
        group = "name" if match.group("name") else "name2"
        candidates.extend(_name_span(match, group, need_keyword=False))
    for pattern in (_WEAK_CUE, _ATTRIBUTIVE):
        for match in pattern.finditer(text):
            candidates.extend(_name_span(match, "name", need_keyword=True))
    return min(candidates, key=lambda s: (s.start, -s.end)) if candidates else None


def _name_span(match: re.Match[str], group: str, need_keyword: bool) -> list[Span]:
    """The journal-name group of ``match`` as a span, when it can be a journal."""
    name = match.group(group)
    start = match.start(group)
    name = re.sub(r"(?:\s+(?:of|for|in|on|de|and|&|the|:))+$", "", name)
    if name.endswith(".") and name.count(".") == 1:
        name = name[:-1]
    words = [w.strip(".:").lower() for w in name.split()]
    if not words or any(w in _NOT_JOURNAL_WORDS for w in words):
        return []
    if need_keyword and not _has_journal_word(name):
        return []
    if words[0] in {"a", "an", "the", "this", "that", "these", "in", "it"}:
        return []
    return [Span(start, start + len(name), name)]


def _has_journal_word(name: str) -> bool:
    """True when a name holds a word journals are named with (Journal, Lancet, JAMA...)."""
    return any(w.strip(".:,").lower() in _JOURNAL_WORDS for w in name.split())


def _looks_like_title(name: str) -> bool:
    """True for quoted article titles and emphasis rather than a journal name."""
    words = name.split()
    small = sum(
        1
        for w in words
        if w[:1].islower() and w not in {"of", "and", "for", "the", "in", "on", "&"}
    )
    return len(words) > 12 or small > 0


# --------------------------------------------------------------------------- authors

_FAMILY = (
    r"(?<![\w'’\-])(?:(?:van|von|der|den|de|del|della|di|da|du|le|la|dos|das|ten|ter)\s+){0,3}"
    r"[A-Z\u00c0-\u024f][\w\u00c0-\u024f'’\-]*[a-z\u00df-\u024f]"
)
_YEAR_PAREN = r"\((?:1[89]|20)\d\d[a-z]?\)"
_AUTHOR_PATTERNS = (
    re.compile(rf"(?P<a>{_FAMILY})\s+et\s+al\b\.?"),
    re.compile(
        rf"(?P<a>{_FAMILY})\s+(?:and|&)\s+(?:(?:his|her|their)\s+)?"
        r"(?:colleagues|co-?workers|collaborators|associates|co-?authors|team)\b"
    ),
    re.compile(rf"(?P<a>{_FAMILY})['’]s\s+(?:research\s+)?(?:group|team|lab|laboratory)\b"),
    re.compile(rf"(?P<a>{_FAMILY})\s+(?:and|&)\s+(?P<b>{_FAMILY})\s+{_YEAR_PAREN}"),
    re.compile(rf"(?P<a>{_FAMILY})\s+{_YEAR_PAREN}"),
)
_NOT_AUTHOR = frozenset(
    """a an the in on at of by for from to this that these those our their his her its we
    they it since between during after before until and or but as see also table figure
    study studies trial trials review research data report analysis researchers scientists
    investigators authors clinicians doctors experts patients participants journal lancet
    nature science cell jama bmj nejm plos one another other recent earlier later early
    january february march april may june july august september october november december
    covid""".split()  # noqa: SIM905
)


def find_authors(text: str) -> tuple[tuple[str, ...], Span] | None:
    """Family names the prose credits ("Wilkinson et al.", "Smith and colleagues")."""
    for pattern in _AUTHOR_PATTERNS:
        for match in pattern.finditer(text):
            names = tuple(
                match.group(g) for g in ("a", "b") if g in pattern.groupindex and match.group(g)
            )
            if names and all(_is_author_name(n) for n in names):
                end = match.end("b") if len(names) > 1 else match.end("a")
                return names, Span(match.start("a"), end, text[match.start("a") : end])
    return None


def _is_author_name(name: str) -> bool:
    """True when a capitalised word can be a person's family name."""
    last = name.split()[-1]
    return last.lower() not in _NOT_AUTHOR and not last.isupper()


# --------------------------------------------------------------------------- designs & populations

# Designs the citing article claims for itself ("our study", "in this study", "the present
# meta-analysis") or the verb "to study": not a statement about the cited work.
_SELF_REFERENCE = re.compile(
    r"(?:\bto\s+|\b(?:the\s+present|the\s+current|in\s+this|our|we)\s+(?:[\w-]+\s+){0,2})$",
    re.IGNORECASE,
)


def _stated_design(text: str) -> tuple[Classification, int, int] | None:
    """The design stated for the cited work, skipping "our study", "the present meta-analysis"."""
    for _ in range(4):
        found = studytype.find_phrase(text)
        if found is None:
            return None
        if not _SELF_REFERENCE.search(text, max(0, found[1] - 40), found[1]):
            return found
        text = _blank(text, found[1], found[2])
    return None

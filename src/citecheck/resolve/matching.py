"""Deciding whether a record is the work a reference entry describes.

Every candidate is validated field by field (title, first author, year, journal, volume,
first page); each similarity in [0, 1] is kept as evidence. The similarities are turned
into log-odds contributions and summed, so a field the entry does not give neither helps
nor hurts, and a confidence in [0, 1] comes out of a logistic curve.

The weights follow one idea: title and first author identify a work; year, volume and
pages only locate it. A reference with the right title and author but a wrong year,
volume and pages is the same work cited badly (that is what citecheck reports), while a
record whose title disagrees strongly is never matched on author and year alone.
Crossref's raw search ``score`` grows with the query length and is never thresholded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence

from rapidfuzz import fuzz

from citecheck import journals
from citecheck.model import Author, Candidate, ReferenceFields, Resolution, Status, Work
from citecheck.text import NAME_SUFFIXES, SURNAME_PARTICLES, fold, strip_markup
from citecheck.text import normalise_text as normalise_text  # re-exported for the resolver
from citecheck.text import title_similarity as title_similarity

MATCH_THRESHOLD = 0.80  # confidence a candidate needs to be matched
MATCH_LEAD = 0.10  # and its lead over the runner-up (two near-equal records: ambiguous)
PLAUSIBLE = 0.50  # candidates at least this confident count towards "ambiguous"
KEEP = 5  # candidates kept with their evidence on every resolution

# Log-odds weights. PRIOR makes "title alone" or "author + year + journal alone" too weak.
PRIOR = -3.5
TITLE_AGREE = 4.0
TITLE_DISAGREE = -4.5
AUTHOR_AGREE = 2.5
AUTHOR_ELSEWHERE = -1.0  # the entry's first author is a later author of the record
AUTHOR_DISAGREE = -3.0
JOURNAL_AGREE = 1.0
JOURNAL_DISAGREE = -1.0
LOCATOR_AGREE = 1.0  # year, volume, first page: each
LOCATOR_DISAGREE = -0.75  # each, but capped: a wrong year usually drags volume and pages
LOCATOR_DISAGREE_CAP = -1.5
NOTICE_PENALTY = -3.0  # a correction/retraction notice is not the study it corrects

_NON_WORD = re.compile(r"[^\w\s]+|_")
_SPACE = re.compile(r"\s+")
_PARTICLES = frozenset(SURNAME_PARTICLES)
_SUFFIXES = NAME_SUFFIXES
_RUN_TOGETHER = re.compile(r"^(.*[a-z])([A-Z]{1,3})$")  # "WeiYH": family then initials
_NOTICE = re.compile(
    r"^(?:correction|erratum|corrigendum|retraction(?: note| notice)?|expression of concern|"
    r"notice of retraction|addendum)\b",
    re.IGNORECASE,
)
_NUMBER = re.compile(r"[A-Za-z]*\d+[A-Za-z]*")


# --------------------------------------------------------------------------- per field


def _segmented(text: str) -> str:
    """Like :func:`normalise_text`, but punctuation becomes a "|" boundary mark."""
    text = fold(strip_markup(text))
    return _SPACE.sub(" ", _NON_WORD.sub(" | ", text)).strip()


def title_in_text(text: str, work: Work) -> float | None:
    """How well the record's whole title appears as a segment of the entry text.

    For entries the parser could not split: the title must fill a stretch of the text
    between punctuation, so a record titled "Ketamine for depression" is not found
    inside an entry citing "Ketamine for depression in adolescents".
    """
    title = _segmented(work.title or "")
    if len(normalise_text(title).split()) < 4:
        return None
    haystack = _segmented(text)
    found = fuzz.partial_ratio_alignment(title, haystack)
    if found is None:
        return None
    before = haystack[: found.dest_start].rstrip()
    after = haystack[found.dest_end :].lstrip()
    bounded = (not before or before.endswith("|")) and (not after or after.startswith("|"))
    return round(found.score / 100.0, 3) if bounded else None


def family_keys(family: str) -> set[str]:
    """Comparable forms of a family name: with and without particles and suffixes."""
    match = _RUN_TOGETHER.match(family.strip())
    if match and " " not in family.strip():
        family = match.group(1)
    words = normalise_text(family).split()
    words = [w for w in words if w not in _SUFFIXES]
    if not words:
        return set()
    keys = {"".join(words), words[-1]}
    core = [w for w in words if w not in _PARTICLES]
    if core:
        keys.add("".join(core))
    return keys


def same_family(a: str, b: str) -> bool:
    """True when two family names are the same person's (particles, diacritics, typos)."""
    ka, kb = family_keys(a), family_keys(b)
    if ka & kb:
        return True
    return any(len(x) >= 5 and fuzz.ratio(x, y) >= 85 for x in ka for y in kb)


def author_similarity(authors: Sequence[Author], work: Work) -> float | None:
    """1 when the first authors agree, 0.5 when ours is a later author of the record, else 0."""
    if not authors or not authors[0].family.strip() or not work.authors:
        return None
    first = authors[0].family
    if same_family(first, work.authors[0].family):
        return 1.0
    if any(same_family(first, a.family) for a in work.authors[1:]):
        return 0.5
    return 0.0


def year_similarity(year: int | None, work: Work) -> float | None:
    """1 for any year the record gives, 0.8 one year off (online first), else 0."""
    if year is None or not work.years:
        return None
    if year in work.years:
        return 1.0
    if any(abs(year - y) == 1 for y in work.years):
        return 0.8
    return 0.0


def journal_similarity(name: str | None, work: Work) -> float | None:
    """1 when the journals module says it is the record's journal, else a fuzzy ratio."""
    if not name or not (work.journal or work.short_journals):
        return None
    if journals.matches_work(name, work):
        return 1.0
    ours = normalise_text(name)
    names = [normalise_text(n) for n in (work.journal, *work.short_journals) if n]
    if not ours or not names:
        return None
    return round(max(fuzz.ratio(ours, n) for n in names) / 100.0, 3)


def _number(value: str | None) -> str | None:
    if not value:
        return None
    match = _NUMBER.search(value)
    if match is None:
        return None
    return match.group(0).lower().lstrip("0") or "0"


def volume_similarity(volume: str | None, work: Work) -> float | None:
    """1 when the volume numbers agree, else 0."""
    ours, theirs = _number(volume), _number(work.volume)
    if ours is None or theirs is None:
        return None
    return 1.0 if ours == theirs else 0.0


def first_page(pages: str | None) -> str | None:
    """The first page (or article number) of a page field: "e471-e477" -> "e471"."""
    return _number(pages)


def page_similarity(pages: str | None, work: Work) -> float | None:
    """1 when the first page (or article number) agrees with the record's, else 0."""
    ours = first_page(pages)
    theirs = {p for p in (first_page(work.pages), first_page(work.article_number)) if p}
    if ours is None or not theirs:
        return None
    return 1.0 if ours in theirs else 0.0


# --------------------------------------------------------------------------- combining


def _title_weight(similarity: float, title_words: int) -> float:
    if similarity >= 0.95:
        weight = TITLE_AGREE
    elif similarity >= 0.8:
        weight = TITLE_AGREE * (similarity - 0.7) / 0.25
    elif similarity >= 0.55:
        weight = TITLE_DISAGREE * (0.8 - similarity) / 0.25
    else:
        weight = TITLE_DISAGREE
    if weight > 0:
        # A two-word title ("Preface", "Editorial comment") identifies nothing much.
        weight *= min(1.0, title_words / 5.0)
    return weight


def _graded(similarity: float, agree: float, disagree: float) -> float:
    return disagree + (agree - disagree) * similarity


def combine(evidence: Mapping[str, float], *, title_words: int = 5, notice: bool = False) -> float:
    """Confidence in [0, 1] from per-field similarities; absent fields contribute nothing.

    ``title_words`` is the record title's length (short titles weigh less); ``notice``
    marks a correction or retraction notice, which is not the study it corrects.
    """
    logit = PRIOR
    title = evidence.get("title")
    if title is not None:
        logit += _title_weight(title, title_words)
    author = evidence.get("author")
    if author is not None:
        logit += {1.0: AUTHOR_AGREE, 0.5: AUTHOR_ELSEWHERE}.get(author, AUTHOR_DISAGREE)
    journal = evidence.get("journal")
    if journal is not None:
        if journal >= 0.9:
            logit += JOURNAL_AGREE
        elif journal < 0.5:
            logit += JOURNAL_DISAGREE
        else:
            logit += _graded((journal - 0.5) / 0.4, JOURNAL_AGREE, JOURNAL_DISAGREE)
    penalty = 0.0
    for name in ("year", "volume", "page"):
        value = evidence.get(name)
        if value is None:
            continue
        if value >= 1.0:
            logit += LOCATOR_AGREE
        elif value >= 0.8:
            logit += LOCATOR_AGREE * 0.5
        else:
            penalty += LOCATOR_DISAGREE
    logit += max(penalty, LOCATOR_DISAGREE_CAP)
    if notice:
        logit += NOTICE_PENALTY
    return round(1.0 / (1.0 + math.exp(-logit)), 4)


def _is_journal_name(stated: str, work: Work) -> bool:
    """True when a stated "title" is the record's journal name: a parser slip, not a title.

    Also when one opens the other ("Phys. Chem. Chem", "Engineering Structures, 200").
    """
    ours = normalise_text(stated)
    if len(ours.split()) < 1:
        return False
    for name in (work.journal, *work.short_journals):
        theirs = normalise_text(name or "")
        if not theirs:
            continue
        if fuzz.ratio(ours, theirs) >= 90:
            return True
        shorter, longer = sorted((ours, theirs), key=len)
        if len(shorter.split()) >= 2 and (longer + " ").startswith(shorter + " "):
            return True
    return False


def _names_journal(fields: ReferenceFields, work: Work) -> bool:
    """True when the record's title is the name of the journal the entry cites."""
    if not fields.journal or not work.title:
        return False
    return fuzz.ratio(normalise_text(fields.journal), normalise_text(work.title)) >= 90


def _is_notice(work: Work, stated_title: str | None) -> bool:
    if stated_title and _NOTICE.match(stated_title.strip()):
        return False
    return bool(work.update_to) or bool(work.title and _NOTICE.match(work.title))


def validate(
    fields: ReferenceFields,
    work: Work,
    *,
    score: float | None = None,
    text: str | None = None,
) -> Candidate:
    """Compare an entry's fields with a record; per-field similarities become the evidence.

    ``text`` (the entry as written) stands in for the title when the parser found none.
    """
    evidence: dict[str, float] = {}
    title = None
    if fields.title and not _is_journal_name(fields.title, work):
        title = title_similarity(fields.title, work)
    if text and (title is None or title < 0.9) and not _names_journal(fields, work):
        # The parser found no title, or a mangled one: the record's whole title standing
        # as a segment of the entry text is evidence too. Only as support: an entry
        # printed without a title must not count against it.
        found = title_in_text(text, work)
        if found is not None and found >= 0.95:
            title = found
    if title is not None:
        evidence["title"] = title
    checks = (
        ("author", author_similarity(fields.authors, work)),
        ("year", year_similarity(fields.year, work)),
        ("journal", journal_similarity(fields.journal, work)),
        ("volume", volume_similarity(fields.volume, work)),
        ("page", page_similarity(fields.pages, work)),
    )
    evidence.update({name: value for name, value in checks if value is not None})
    confidence = combine(
        evidence,
        title_words=len(normalise_text(work.title or "").split()),
        notice=_is_notice(work, fields.title),
    )
    return Candidate(work=work, confidence=confidence, evidence=evidence, score=score)


def rank(candidates: Iterable[Candidate]) -> list[Candidate]:
    """Candidates best first, one per DOI (the most confident copy is kept)."""
    best: dict[str, Candidate] = {}
    for candidate in candidates:
        key = candidate.work.doi or str(id(candidate))
        if key not in best or candidate.confidence > best[key].confidence:
            best[key] = candidate
    return sorted(best.values(), key=lambda c: (-c.confidence, -(c.score or 0.0)))


NEAR_TITLE = 0.80  # title similarity that makes a record worth naming on its own
NEAR_TITLE_BY_AUTHOR = 0.50  # ... when the first author is the entry's too
SAME_AUTHOR = 0.90


def plausibly_meant(candidate: Candidate) -> bool:
    """Whether a record not matched is still worth naming as perhaps the work meant: a
    plausible candidate, one with nearly the entry's title, or one by its author with
    a title half like it.

    On 1,000 references drawn from the shared records and not found, their first three
    candidates (3,225) keep 29 of the 80 intended records, 982 of the records whose
    title a fabricated entry borrowed and 7 records of the same title; the 2,197 left
    out share neither title nor author with the entry (51 of them were the intended
    record, for an entry without a title or with a wrong year).
    """
    if candidate.confidence >= PLAUSIBLE:
        return True
    title = candidate.evidence.get("title") or 0.0
    if title >= NEAR_TITLE:
        return True
    return (
        title >= NEAR_TITLE_BY_AUTHOR and (candidate.evidence.get("author") or 0.0) >= SAME_AUTHOR
    )


def decide(candidates: Iterable[Candidate], *, via: str = "search") -> Resolution:
    """Matched (confident with a clear lead), ambiguous (several plausible) or not_found."""
    ranked = rank(candidates)
    kept = tuple(ranked[:KEEP])
    if not ranked:
        return Resolution(status=Status.NOT_FOUND, via=via, reason="no candidates")
    top = ranked[0]
    runner_up = ranked[1].confidence if len(ranked) > 1 else 0.0
    if top.confidence >= MATCH_THRESHOLD and top.confidence - runner_up >= MATCH_LEAD:
        return Resolution(
            status=Status.MATCHED,
            work=top.work,
            confidence=top.confidence,
            via=via,
            candidates=kept,
        )
    plausible = [c for c in ranked if c.confidence >= PLAUSIBLE]
    if len(plausible) >= 2:
        return Resolution(
            status=Status.AMBIGUOUS,
            confidence=top.confidence,
            via=via,
            candidates=kept,
            reason=f"{len(plausible)} plausible records",
        )
    return Resolution(
        status=Status.NOT_FOUND,
        confidence=top.confidence,
        via=via,
        candidates=kept,
        reason="no record agrees with the entry",
    )

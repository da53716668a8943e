"""Where one claim ends and the next begins, read through the real readers.

Each row is a short document in our own words (Markdown with footnotes, plain text with
numbered or superscript markers, HTML with ``<sup>``), with two real references: [1]
Singh et al. 2016 (a randomised trial in depression) and [2] Feder et al. 2014 (a
randomised trial in PTSD). The row lists every claim the document must give, exactly:
its text, the labels it cites and the facts it states (fields left out are empty). A
claim that states nothing is still listed with ``{}``; a document with no claims lists
none.
"""

from __future__ import annotations

from typing import Any

import pytest

from citecheck import readers
from citecheck.model import Claim, Population, StudyType
from citecheck.pipeline import parse

H = Population.HUMAN
S = StudyType
FIELDS = ("year", "journal", "study_type", "population", "authors")

SINGH = (
    "Singh JB, Fedgchin M, Daly EJ, et al. A double-blind, randomized, placebo-controlled,"
    " dose-frequency study of intravenous ketamine in patients with treatment-resistant"
    " depression. Am J Psychiatry. 2016;173(8):816-826."
)
FEDER = (
    "Feder A, Parides MK, Murrough JW, et al. Efficacy of intravenous ketamine for treatment"
    " of chronic posttraumatic stress disorder: a randomized clinical trial. JAMA Psychiatry."
    " 2014;71(6):681-688. doi:10.1001/jamapsychiatry.2014.62"
)


def _document(kind: str, body: str) -> bytes:
    if kind == "md":
        text = f"{body}\n\n[^1]: {SINGH}\n[^2]: {FEDER}\n"
    elif kind == "txt":
        text = f"{body}\n\nReferences\n\n1. {SINGH}\n2. {FEDER}\n"
    else:
        text = (
            f"<html><body><p>{body}</p><h2>References</h2>"
            f"<ol><li>{SINGH}</li><li>{FEDER}</li></ol></body></html>\n"
        )
    return text.encode()


def _claims(kind: str, body: str) -> list[tuple[str, tuple[str, ...], dict[str, Any]]]:
    document = readers.read_bytes(_document(kind, body), f"post.{kind}")
    return [(c.text, c.references, _fields(c)) for c in parse(document).claims]


def _fields(claim: Claim) -> dict[str, Any]:
    got = {f: getattr(claim, f) for f in FIELDS}
    return {k: v for k, v in got.items() if v}


META_2019 = {"year": 2019, "study_type": S.META_ANALYSIS}
FEDER_TRIAL = {"year": 2014, "study_type": S.TRIAL, "population": H, "authors": ("Feder",)}

# (format, prose, every claim: (text, labels, facts))
CASES: list[tuple[str, str, list[tuple[str, tuple[str, ...], dict[str, Any]]]]] = [
    # --- a full stop, then a marker, then the next sentence: two claims
    (
        "md",
        "A 2019 meta-analysis showed that repeated doses helped.[^1] Feder et al. (2014) ran a\n"
        "trial in veterans with PTSD.[^2]",
        [
            ("A 2019 meta-analysis showed that repeated doses helped.[^1]", ("1",), META_2019),
            ("Feder et al. (2014) ran a trial in veterans with PTSD.[^2]", ("2",), FEDER_TRIAL),
        ],
    ),
    (
        "txt",
        "A 2019 meta-analysis showed that repeated doses helped.[1] Feder et al. (2014) ran a\n"
        "trial in veterans with PTSD.[2]",
        [
            ("A 2019 meta-analysis showed that repeated doses helped.[1]", ("1",), META_2019),
            ("Feder et al. (2014) ran a trial in veterans with PTSD.[2]", ("2",), FEDER_TRIAL),
        ],
    ),
    (
        "txt",
        "A 2019 meta-analysis showed that repeated doses helped.¹ Feder et al. (2014) ran a\n"
        "trial in veterans with PTSD.²",
        [
            ("A 2019 meta-analysis showed that repeated doses helped.¹", ("1",), META_2019),
            ("Feder et al. (2014) ran a trial in veterans with PTSD.²", ("2",), FEDER_TRIAL),
        ],
    ),
    (
        "html",
        "A 2019 meta-analysis showed that repeated doses helped.<sup>1</sup> Feder et al. (2014)"
        " ran a trial in veterans with PTSD.<sup>2</sup>",
        [
            (
                "A 2019 meta-analysis showed that repeated doses helped.<sup>1</sup>",
                ("1",),
                META_2019,
            ),
            (
                "Feder et al. (2014) ran a trial in veterans with PTSD.<sup>2</sup>",
                ("2",),
                FEDER_TRIAL,
            ),
        ],
    ),
    # --- the full stop after an abbreviation: the narrative marker still opens its claim
    (
        "txt",
        "Doses were lower in the U.S.[1] Feder et al. (2014) ran a trial in veterans [2].",
        [
            ("Doses were lower in the U.S.[1]", ("1",), {}),
            ("Feder et al. (2014) ran a trial in veterans [2].", ("2",), FEDER_TRIAL),
        ],
    ),
    # --- a short first line of a wrapped paragraph is not a heading
    (
        "txt",
        "Repeated infusions\nhelped in a 2019 meta-analysis [1].",
        [("Repeated infusions helped in a 2019 meta-analysis [1].", ("1",), META_2019)],
    ),
    # --- the narrative claim runs on to its sentence's end and its own later marker
    (
        "md",
        "Feder et al. (2014) gave one infusion to adults\nwith chronic PTSD.[^2]",
        [
            (
                "Feder et al. (2014) gave one infusion to adults with chronic PTSD.[^2]",
                ("2",),
                {"year": 2014, "population": H, "authors": ("Feder",)},
            )
        ],
    ),
    # --- ... but not on to another work's marker, which is a bare claim of its own
    (
        "txt",
        "Feder et al. (2014) saw quick relief, as in depression [1].",
        [
            (
                "Feder et al. (2014) saw quick relief, as in depression",
                ("2",),
                {"year": 2014, "authors": ("Feder",)},
            ),
            ("[1].", ("1",), {}),
        ],
    ),
    # --- two narrative markers joined by "and" are one claim about both
    (
        "txt",
        "Singh et al. (2016) and Feder et al. (2014) both gave ketamine by vein.",
        [
            (
                "Singh et al. (2016) and Feder et al. (2014) both gave ketamine by vein.",
                ("1", "2"),
                {"year": 2016, "authors": ("Singh",)},
            )
        ],
    ),
    # --- a marker cites only its own sentence: the year and design before it are not its
    (
        "md",
        "A 2019 meta-analysis pooled many trials. Repeated doses helped.[^1]",
        [("Repeated doses helped.[^1]", ("1",), {})],
    ),
    (
        "txt",
        "One 2019 meta-analysis was cautious. Feder et al. (2014) were not.",
        [("Feder et al. (2014) were not.", ("2",), {"year": 2014, "authors": ("Feder",)})],
    ),
    # --- a planted wrong journal styled with a capital "The"
    (
        "md",
        "A 2016 trial in The Lancet tried two dosing schedules.[^1]",
        [
            (
                "A 2016 trial in The Lancet tried two dosing schedules.[^1]",
                ("1",),
                {"year": 2016, "journal": "Lancet", "study_type": S.TRIAL},
            )
        ],
    ),
    # --- a time phrase before the credited authors ("Two years later Singh and colleagues")
    (
        "md",
        "Two years later Singh and colleagues tried two schedules.[^1]",
        [
            (
                "Two years later Singh and colleagues tried two schedules.[^1]",
                ("1",),
                {"authors": ("Singh",)},
            )
        ],
    ),
    (
        "txt",
        "A decade earlier, Feder et al. asked a narrower question [2].",
        [
            (
                "A decade earlier, Feder et al. asked a narrower question [2].",
                ("2",),
                {"authors": ("Feder",)},
            )
        ],
    ),
    # --- the citing authors' own year, beside a work credited to its authors
    (
        "md",
        "Our 2020 meta-analysis protocol builds on Singh et al.[^1]",
        [
            (
                "Our 2020 meta-analysis protocol builds on Singh et al.[^1]",
                ("1",),
                {"authors": ("Singh",)},
            )
        ],
    ),
    # --- nothing cited, nothing claimed
    ("md", "A 2019 meta-analysis found that repeated doses helped.", []),
    ("txt", "Nolan (2014) is a name in passing here, not a work in the list.", []),
]


@pytest.mark.parametrize(("kind", "body", "expected"), CASES)
def test_claims_are_cut_at_their_sentences(
    kind: str, body: str, expected: list[tuple[str, tuple[str, ...], dict[str, Any]]]
) -> None:
    assert _claims(kind, body) == expected

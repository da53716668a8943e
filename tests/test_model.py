"""The model's quick constructors: the same objects the generated dataclass ones make."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from citecheck.model import (
    Author,
    Claim,
    Document,
    LineIndex,
    Reference,
    ReferenceFields,
    Span,
    Style,
)


@pytest.mark.parametrize(
    ("made", "expected"),
    [
        (Author("Feder", "A"), {"family": "Feder", "given": "A"}),
        (Author(family="Feder"), {"family": "Feder", "given": ""}),
        (Span(1, 4, "abc"), {"start": 1, "end": 4, "text": "abc"}),
        (
            Reference("1", 3, "text", Style.AMA, parsed=True),
            {
                "label": "1",
                "line": 3,
                "text": "text",
                "style": Style.AMA,
                "parsed": True,
                "fields": ReferenceFields(),
                "study_type": None,
                "kind": "entry",
            },
        ),
    ],
)
def test_fields_in_order(made: object, expected: dict[str, object]) -> None:
    """Every field, defaults filled, in declaration order (as the repr and asdict show)."""
    assert list(vars(made).items()) == list(expected.items())
    assert dataclasses.asdict(made) == dataclasses.asdict(type(made)(**expected))  # type: ignore[call-overload]


def test_frozen_and_fresh_factories() -> None:
    """Instances stay frozen; a factory default is made anew for each instance."""
    first, second = Claim(1, "a", ()), Claim(1, "a", ())
    assert first == second and hash(first.line) == hash(second.line)
    assert first.spans is not second.spans
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.line = 2  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(first)) == first
    assert dataclasses.replace(first, year=2020).year == 2020


def test_missing_argument_is_refused() -> None:
    """A required field left out is a TypeError, as with the generated constructor."""
    with pytest.raises(TypeError):
        Span(1, 2)  # type: ignore[call-arg]


def test_with_study_type_keeps_every_field() -> None:
    """with_study_type builds the Reference field by field: it must name them all."""
    from citecheck.model import ReferenceKind, StudyType
    from citecheck.parsing import with_study_type

    assert [f.name for f in dataclasses.fields(Reference)] == [
        "label", "line", "text", "style", "parsed", "fields", "study_type", "kind",
    ]  # fmt: skip
    entry = Reference(
        "7",
        12,
        "Feder A. A randomized trial. JAMA. 2014.",
        Style.VANCOUVER,
        parsed=True,
        fields=ReferenceFields(title="A randomized trial", year=2014),
        study_type=StudyType.STUDY,
        kind=ReferenceKind.LINK,
    )
    expected = dataclasses.replace(entry, study_type=StudyType.RANDOMIZED_CONTROLLED_TRIAL)
    assert with_study_type(entry) == expected


def test_line_starts_found_once_and_never_a_field() -> None:
    """A document's line starts are found once; equality, replace and pickling of the
    document are as without them."""
    document = Document(path="a.txt", text="one\n\ntwo\nthree", line_numbers=(1, 2, 4, 5))
    twin = Document(path="a.txt", text="one\n\ntwo\nthree", line_numbers=(1, 2, 4, 5))
    index = LineIndex(document)
    assert document.line_starts == [0, 4, 5, 9]
    assert LineIndex(document)._starts is document.line_starts  # the same list, not again
    assert [index.line_at(o) for o in (0, 3, 4, 5, 9, 13)] == [1, 1, 2, 4, 5, 5]
    assert document == twin and hash(document) == hash(twin)
    changed = dataclasses.replace(document, text="x\ny", line_numbers=(1, 2))
    assert changed.line_starts == [0, 2]
    assert pickle.loads(pickle.dumps(document)) == twin

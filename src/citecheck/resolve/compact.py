"""The compact form of a :class:`~citecheck.model.Work` that the cache stores.

Only the fields citecheck compares, matches and formats are kept, never the whole
Crossref record (references, licences, funders, links... are most of a record's size).
An abstract is kept only as the study-design sentence fragment it was classified by,
which classifies the same way again. Empty fields are left out; a new field on ``Work``
is stored without changes here.
"""

from __future__ import annotations

import dataclasses
import functools
import types
import typing
from collections.abc import Mapping
from typing import Any

from citecheck.model import Work
from citecheck.studytype import classify_abstract

FORMAT = 1  # bump when the stored shape changes in a way old rows cannot be read as
_SKIPPED = frozenset({"raw"})


def encode_work(work: Work) -> dict[str, Any]:
    """The compact, JSON-ready fields of ``work``."""
    data: dict[str, Any] = {"v": FORMAT}
    for item in dataclasses.fields(work):
        if item.name in _SKIPPED:
            continue
        value = getattr(work, item.name)
        if item.name == "abstract" and value:
            value = abstract_cue(value)
        if value in (None, (), "", {}):
            continue
        data[item.name] = _plain(value)
    return data


def decode_work(data: Any) -> Work:
    """A Work from :func:`encode_work`'s output; ValueError for anything else."""
    if not isinstance(data, Mapping) or data.get("v") != FORMAT:
        raise ValueError("not a compact work")
    hints = _hints(Work)
    values: dict[str, Any] = {}
    for item in dataclasses.fields(Work):
        if item.name in data and item.name not in _SKIPPED:
            values[item.name] = _typed(data[item.name], hints[item.name])
    if not isinstance(values.get("doi"), str):
        raise ValueError("a compact work needs a DOI")
    return Work(**values)


def abstract_cue(abstract: str) -> str | None:
    """The words of ``abstract`` that state its study design, or None."""
    found = classify_abstract(abstract)
    return found.cues[0] if found and found.cues else None


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            f.name: _plain(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if getattr(value, f.name) not in (None, (), "")
        }
    if isinstance(value, tuple | list):
        return [_plain(v) for v in value]
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _typed_union(value: Any, options: tuple[Any, ...]) -> Any:
    """``value`` as the first of a union's ``options`` it fits; ValueError when none does."""
    if value is None and type(None) in options:
        return None
    errors = []
    for option in options:
        if option is type(None):
            continue
        try:
            return _typed(value, option)
        except ValueError as error:
            errors.append(str(error))
    raise ValueError("; ".join(errors) or "no type fits")


def _typed(value: Any, hint: Any) -> Any:
    """``value`` (from JSON) as the type ``hint`` names; ValueError when it is not one."""
    origin = typing.get_origin(hint)
    if origin is typing.Union or origin is types.UnionType:
        return _typed_union(value, typing.get_args(hint))
    if origin is tuple:
        if not isinstance(value, list):
            raise ValueError(f"expected a list, got {type(value).__name__}")
        (inner, *_) = typing.get_args(hint) or (Any,)
        return tuple(_typed(v, inner) for v in value)
    if origin is not None and isinstance(origin, type) and issubclass(origin, Mapping):
        if not isinstance(value, Mapping):
            raise ValueError("expected a mapping")
        return dict(value)
    if hint is Any:
        return value
    if dataclasses.is_dataclass(hint) and isinstance(hint, type):
        if not isinstance(value, Mapping):
            raise ValueError(f"expected an object for {hint.__name__}")
        hints = _hints(hint)
        names = {f.name for f in dataclasses.fields(hint)}
        return hint(**{k: _typed(v, hints[k]) for k, v in value.items() if k in names})
    if hint is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if (
        isinstance(hint, type)
        and isinstance(value, hint)
        and not (hint is int and isinstance(value, bool))
    ):
        return value
    raise ValueError(f"expected {getattr(hint, '__name__', hint)}, got {type(value).__name__}")

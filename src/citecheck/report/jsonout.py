"""``--format json``: the versioned schema documented in docs/json-schema.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from citecheck.model import ParsedDocument, Report
from citecheck.report.serialize import parse_dict, report_dict


def _dump(data: dict[str, Any], indent: int | None = 2) -> str:
    # No indent means compact separators and the C encoder: several times faster.
    separators = (",", ":") if indent is None else None
    return json.dumps(data, indent=indent, separators=separators, ensure_ascii=False) + "\n"


def render(report: Report, **options: Any) -> str:
    """The report as JSON (schema version 1)."""
    return _dump(report_dict(report))


def render_parse(
    parsed_docs: Iterable[ParsedDocument], indent: int | None = None, **options: Any
) -> str:
    """What ``citecheck parse`` read, as JSON with the same schema minus resolution keys:
    compact unless ``indent`` is given."""
    return _dump(parse_dict(parsed_docs), indent)

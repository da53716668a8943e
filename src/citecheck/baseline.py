"""Baselines: accept today's findings so CI fails only on new ones.

A baseline is a JSON file of finding fingerprints. A fingerprint leaves out the line
number, so editing the prose above a reference does not resurrect its findings.
"""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path

from citecheck.errors import ConfigError
from citecheck.model import Finding

VERSION = 1


def fingerprint(finding: Finding) -> str:
    """A stable identity for a finding: file, code, reference, field and the two values."""
    parts = (
        finding.path,
        finding.code,
        finding.label,
        finding.field,
        finding.stated,
        finding.actual,
    )
    text = "\x1f".join("" if p is None else str(p) for p in parts)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def load(path: str) -> frozenset[str]:
    """The fingerprints stored in a baseline file (a usage error if it cannot be read)."""
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
        return frozenset(str(entry["fingerprint"]) for entry in data["findings"])
    except FileNotFoundError as exc:
        raise ConfigError(f"{path}: no such baseline file") from exc
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise ConfigError(f"{path}: not a citecheck baseline ({exc})") from exc


def write(path: str, findings: Iterable[Finding]) -> int:
    """Write every finding's fingerprint to ``path`` atomically; returns how many."""
    entries = sorted(
        (
            {
                "fingerprint": fingerprint(f),
                "path": f.path,
                "code": f.code,
                "label": f.label,
                "stated": f.stated,
                "actual": f.actual,
            }
            for f in findings
        ),
        key=lambda e: (e["path"] or "", e["label"] or "", e["code"], e["fingerprint"]),
    )
    text = json.dumps({"version": VERSION, "findings": entries}, indent=2, ensure_ascii=False)
    target = Path(path)
    if target.exists() and not target.is_file():  # /dev/null, a FIFO: write, never replace
        target.write_text(text + "\n", encoding="utf-8")
        return len(entries)
    handle, tmp = tempfile.mkstemp(dir=target.parent or ".", prefix=".citecheck-baseline-")
    with os.fdopen(handle, "w", encoding="utf-8") as out:
        out.write(text + "\n")
    os.replace(tmp, target)
    return len(entries)

"""Exceptions the user can act on. Each renders as one line naming the file and the cause."""

from __future__ import annotations


class CitecheckError(Exception):
    """Base of every error citecheck reports to the user without a traceback."""


class ReadError(CitecheckError):
    """An input could not be read (missing, empty, binary, corrupt...)."""

    def __init__(self, path: str, cause: str) -> None:
        super().__init__(f"{path}: {cause}")
        self.path = path
        self.cause = cause


class ConfigError(CitecheckError):
    """The configuration file or an option value is invalid (exit code 2)."""


class BlockedError(CitecheckError):
    """Crossref refused us (HTTP 403): stop looking things up, say so clearly."""

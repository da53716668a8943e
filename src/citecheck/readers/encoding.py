"""Turning an input file's bytes into text: encoding detection and newline normalisation."""

from __future__ import annotations

import codecs
import re

# Characters Python's str.splitlines() (and some editors) treat as line breaks although
# "\n" does not: left in, they would make later stages count lines differently.
_STRAY_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts the same way
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark names, with the mark's length; None without one."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name, len(bom)
    return None


_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
# Browsers read pages labelled Latin-1 or ASCII as windows-1252 (WHATWG Encoding), and so do we.
_AS_CP1252 = frozenset(("latin-1", "iso8859-1", "ascii"))


def decode(data: bytes, declared: str | None = None) -> str:
    """Decode ``data`` with LF newlines; never raises.

    Order: a byte-order mark, strict UTF-8, the ``declared`` encoding (an HTML page's
    meta charset), cp1252, and latin-1 (which accepts any byte).
    """
    found = bom_encoding(data)
    if found is not None:
        name, size = found
        text = data[size:].decode(name, errors="replace")
    else:
        text = _decode_unmarked(data, declared)
    return normalise_newlines(text)


def _decode_unmarked(data: bytes, declared: str | None) -> str:
    """Decode bytes without a BOM: strict UTF-8, the declared codec, cp1252, then latin-1."""
    for name in ("utf-8", declared, "cp1252"):
        if name is None:
            continue
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def declared_charset(data: bytes) -> str | None:
    """The Python codec an HTML page's ``<meta charset>`` names, if it names a known one."""
    match = _CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except (LookupError, UnicodeDecodeError):
        return None
    return "cp1252" if name in _AS_CP1252 else name


def normalise_newlines(text: str) -> str:
    """CRLF and lone CR become LF; other line-break characters become spaces."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # One fast scan per character (most texts have none), not str.translate, which looks
    # every character of the text up in a table: milliseconds on a long article.
    for character in _STRAY_BREAKS:
        if character in text:
            text = text.replace(character, " ")
    return text


# Every byte but the control characters looks_binary counts (tab, LF, CR and FF are text).
_NOT_CONTROL = bytes(byte for byte in range(256) if byte >= 0x20 or byte in b"\t\n\r\x0c")


def looks_binary(data: bytes) -> bool:
    """True for bytes that are not text: NUL bytes or many control characters (BOM'd UTF-16/32 is text)."""
    if bom_encoding(data) is not None:
        return False
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    if not sample:
        return False
    controls = len(sample.translate(None, _NOT_CONTROL))
    return controls / len(sample) > 0.1

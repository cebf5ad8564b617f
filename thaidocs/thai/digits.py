"""Thai ↔ Arabic digits, leaving URLs, e-mail addresses and verbatim text untouched.

A plain translation table, not pythainlp: converting digits must not pay for importing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal

Digits = Literal["thai", "arabic"]

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"
_TO_THAI = str.maketrans(_ARABIC, _THAI)
_TO_ARABIC = str.maketrans(_THAI, _ARABIC)

# Classes here treat Arabic and Thai digits alike (\w, [^\s…]), so a span found before
# conversion is found again after it and a round trip restores the text exactly.
# A Latin code with digits in it (IAP2, COVID-19, ISO 9001's "ISO9001", A4) is a name, not a
# number: its digits stay as written.
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w-])(?=[\w-]*[A-Za-z])[A-Za-z0-9๐-๙]+(?:[-.][A-Za-z0-9๐-๙]+)*",
    re.IGNORECASE,
)


def _spans(text: str, verbatim: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans whose digits must stay as written."""
    found = [m.span() for m in _PROTECTED.finditer(text)]
    for piece in verbatim:
        if piece:
            found.extend(
                (m.start(), m.start() + len(piece)) for m in re.finditer(re.escape(piece), text)
            )
    merged: list[tuple[int, int]] = []
    for start, end in sorted(found):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _convert(value: str | int, table: dict[int, int], verbatim: Iterable[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected str or int, got {type(value).__name__}")
    text = str(value)
    if text.translate(table) == text:
        return text  # no digit to convert
    parts: list[str] = []
    position = 0
    for start, end in _spans(text, verbatim):
        parts.append(text[position:start].translate(table))
        parts.append(text[start:end])
        position = end
    parts.append(text[position:].translate(table))
    return "".join(parts)


def to_thai_digits(value: str | int, *, verbatim: Iterable[str] = ()) -> str:
    """Write Arabic digits as Thai digits (๐–๙), the default for official documents.

    Digits inside URLs (http://, https://, www.), e-mail addresses, Latin codes (IAP2,
    COVID-19) and every occurrence of a `verbatim` string are kept as written.
    """
    return _convert(value, _TO_THAI, verbatim)


def to_arabic_digits(value: str | int, *, verbatim: Iterable[str] = ()) -> str:
    """Write Thai digits as Arabic digits (0–9); the inverse of `to_thai_digits`."""
    return _convert(value, _TO_ARABIC, verbatim)


def convert_digits(value: str | int, digits: Digits, *, verbatim: Iterable[str] = ()) -> str:
    """Write `value` in the digits a document's options ask for ("thai" or "arabic")."""
    if digits == "thai":
        return to_thai_digits(value, verbatim=verbatim)
    if digits == "arabic":
        return to_arabic_digits(value, verbatim=verbatim)
    raise ValueError(f"digits must be 'thai' or 'arabic', not {digits!r}")

"""Thai ↔ Arabic digits, leaving URLs, e-mail addresses and verbatim text untouched.

A plain translation table, not pythainlp: converting digits must not pay for importing it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

Digits = Literal["thai", "arabic"]

_ARABIC = "0123456789"
_THAI = "๐๑๒๓๔๕๖๗๘๙"


class _Direction(NamedTuple):
    """The digits to convert and their table. Runs of them are found first and only those
    translated: ``str.translate`` looks up every character of Thai text one at a time, and a
    paragraph holds a few digits at most."""

    digits: re.Pattern[str]
    table: dict[int, int]


_TO_THAI = _Direction(re.compile("[0-9]+"), str.maketrans(_ARABIC, _THAI))
_TO_ARABIC = _Direction(re.compile("[๐-๙]+"), str.maketrans(_THAI, _ARABIC))

# Classes here treat Arabic and Thai digits alike (\w, [^\s…]), so a span found before
# conversion is found again after it and a round trip restores the text exactly.
# A Latin code with digits in it (IAP2, COVID-19, ISO 9001's "ISO9001", A4) is a name, not a
# number: its digits stay as written.
_PROTECTED = re.compile(
    r"(?:https?://|www\.)[^\s<>\"]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w-])(?=[\w-]*[A-Za-z])[A-Za-z0-9๐-๙]+(?:[-.][A-Za-z0-9๐-๙]+)*",
    re.IGNORECASE,
)


#: what every span of ``_PROTECTED`` holds: a Latin letter (a URL, a code) or an "@" (an
#: address, which may be written in Thai); text with neither is not searched
_LATIN = re.compile("[a-z@]", re.IGNORECASE)


def _spans(text: str, verbatim: Iterable[str]) -> list[tuple[int, int]]:
    """Merged (start, end) spans whose digits must stay as written."""
    found = [m.span() for m in _PROTECTED.finditer(text)] if _LATIN.search(text) else []
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


def _convert(value: str | int, direction: _Direction, verbatim: Iterable[str]) -> str:
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise TypeError(f"expected str or int, got {type(value).__name__}")
    text = str(value)
    if direction.digits.search(text) is None:
        return text  # no digit to convert
    parts: list[str] = []
    position = 0
    for start, end in _spans(text, verbatim):
        parts.append(_translated(text[position:start], direction))
        parts.append(text[start:end])
        position = end
    parts.append(_translated(text[position:], direction))
    return "".join(parts)


def _translated(text: str, direction: _Direction) -> str:
    table = direction.table
    return direction.digits.sub(lambda run: run.group().translate(table), text)


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

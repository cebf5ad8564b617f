"""Characters the PDF font cannot draw, found before drawing and named with their field.

A character missing from the font would print as blank space (or a box) with no error, so
the text a reader sees would not be the text given. Every text field is checked against the
cmaps of the faces in use; a character counts as drawn when the font maps it, or maps every
part of its canonical decomposition, or when it draws nothing anyway (spaces, line breaks
and format characters such as U+200B ZERO WIDTH SPACE). `to_pdf` refuses such text;
`check` reports it, so that `validate` says so before a render fails.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from functools import cache
from pathlib import Path

import uharfbuzz as hb

from thaidocs.errors import Problem
from thaidocs.layout.measure import sarabun_path
from thaidocs.model import Document

#: at most this many characters are listed per field
_LISTED = 12


def font_cmap(paths: Sequence[Path] | None) -> frozenset[int]:
    """Code points every face maps: the user's ``pdf_font`` files, or the bundled Sarabun."""
    files = paths or (Path(sarabun_path()), Path(sarabun_path(bold=True)))
    return _cmap(tuple(dict.fromkeys(Path(p) for p in files)))


@cache
def _cmap(paths: tuple[Path, ...]) -> frozenset[int]:
    maps = [set(hb.Face(hb.Blob(path.read_bytes())).unicodes) for path in paths]
    return frozenset(set.intersection(*maps))


def _drawn(char: str, cmap: frozenset[int]) -> bool:
    if ord(char) in cmap or char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
        return True
    parts = unicodedata.normalize("NFD", char)
    return parts != char and all(ord(part) in cmap for part in parts)


@cache
def _unmapped(cmap: frozenset[int]) -> re.Pattern[str]:
    """Any one character the font does not map, as a pattern: a search of a document's text
    for it runs in a small fraction of the time of taking the text's distinct characters."""
    spans: list[list[int]] = []
    for code in sorted(cmap):
        if spans and spans[-1][1] == code - 1:
            spans[-1][1] = code
        else:
            spans.append([code, code])
    mapped = "".join(f"{re.escape(chr(a))}-{re.escape(chr(b))}" for a, b in spans)
    return re.compile(f"[^{mapped}]")


def undrawn(text: str, cmap: frozenset[int]) -> Iterator[re.Match[str]]:
    """Each run of characters in ``text`` that the font cannot draw."""
    if _unmapped(cmap).search(text) is None:
        return  # the usual answer
    unmapped = {chr(code) for code in set(map(ord, text)) - cmap}
    if all(_drawn(char, cmap) for char in unmapped):
        return
    missing = "".join(re.escape(c) for c in sorted(c for c in unmapped if not _drawn(c, cmap)))
    yield from re.finditer(f"[{missing}]+", text)


def describe(chars: Iterable[str]) -> str:
    """``“中文” (U+4E2D, U+6587)``: the characters, then their code points."""
    unique = list(dict.fromkeys(chars))
    shown = "".join(unique[:_LISTED])
    codes = ", ".join(f"U+{ord(c):04X}" for c in unique[:_LISTED])
    more = f" and {len(unique) - _LISTED} more" if len(unique) > _LISTED else ""
    return f"“{shown}” ({codes}{more})"


def missing_glyphs(doc: Document) -> list[Problem]:
    """One problem per field holding characters the document's PDF font cannot draw."""
    from thaidocs.proofread.walk import text_fields

    cmap = font_cmap(doc.options.pdf_font)
    fields: list[tuple[str, str]] = [(f.path, f.text) for f in text_fields(doc)]
    page_format = doc.options.spec.get("page_number_format")
    if isinstance(page_format, str):
        fields.append(("options.spec.page_number_format", page_format))
    if next(undrawn("".join(text for _, text in fields), cmap), None) is None:
        return []  # the usual answer, from one pass over all the text
    found = []
    for path, text in fields:
        runs = [match.group() for match in undrawn(text, cmap)]
        if runs:
            found.append(
                Problem(
                    path,
                    f"ฟอนต์ของ PDF ไม่มีอักษร {describe(''.join(runs))} "
                    "(the PDF font cannot draw these characters)",
                    "ลบหรือแทนด้วยอักษรไทย หรือกำหนด options.pdf_font เป็นฟอนต์ที่มีอักษรเหล่านี้ · "
                    "remove them, or set options.pdf_font to a font that has them",
                )
            )
    return found

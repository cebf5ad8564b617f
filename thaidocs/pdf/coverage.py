"""Characters the PDF font cannot draw, found before drawing and named with their field.

A character missing from the font would print as blank space (or a box) with no error, so
the text a reader sees would not be the text given. Every text field is checked against the
cmaps of the faces in use; a character counts as drawn when the font maps it, or maps every
part of its canonical decomposition, or when it draws nothing anyway (spaces, line breaks
and format characters such as U+200B ZERO WIDTH SPACE).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from functools import cache
from pathlib import Path

from thaidocs.errors import Problem
from thaidocs.model import Document
from thaidocs.pdf.fonts import FontFamily, font_data
from thaidocs.proofread.walk import text_fields

#: at most this many characters are listed per field
_LISTED = 12


@cache
def _cmap(paths: tuple[Path, ...]) -> frozenset[int]:
    """Code points every one of the faces maps."""
    maps = [set(font_data(path).hb_face.unicodes) for path in paths]
    return frozenset(set.intersection(*maps))


def _drawn(char: str, cmap: frozenset[int]) -> bool:
    if ord(char) in cmap or char.isspace() or unicodedata.category(char) in ("Cf", "Cc"):
        return True
    parts = unicodedata.normalize("NFD", char)
    return parts != char and all(ord(part) in cmap for part in parts)


def missing_glyphs(doc: Document, family: FontFamily) -> list[Problem]:
    """One problem per field holding characters no face of ``family`` can draw."""
    cmap = _cmap(tuple(dict.fromkeys((family.regular.path, family.bold.path))))
    fields: Iterable[tuple[str, str]] = ((f.path, f.text) for f in text_fields(doc))
    page_format = doc.options.spec.get("page_number_format")
    if isinstance(page_format, str):
        fields = [*fields, ("options.spec.page_number_format", page_format)]
    found = []
    for path, text in fields:
        missing = [c for c in dict.fromkeys(text) if not _drawn(c, cmap)]
        if missing:
            shown = "".join(missing[:_LISTED])
            codes = ", ".join(f"U+{ord(c):04X}" for c in missing[:_LISTED])
            more = f" and {len(missing) - _LISTED} more" if len(missing) > _LISTED else ""
            found.append(
                Problem(
                    path,
                    f"ฟอนต์ของ PDF ไม่มีอักษร “{shown}” ({codes}{more}) "
                    "(the PDF font cannot draw these characters)",
                    "ลบหรือแทนด้วยอักษรไทย หรือกำหนด options.pdf_font เป็นฟอนต์ที่มีอักษรเหล่านี้ · "
                    "remove them, or set options.pdf_font to a font that has them",
                )
            )
    return found

"""PDF objects written as ready bytes, where ReportLab's general formatting (an object per
name and number, each encoded through its codec) would cost more than what they hold: the
structure tree's hundreds of elements, and each document's font dictionaries.

``dictionary`` lays a dictionary out as ReportLab does (keys sorted, a line break after
every six entries), so a document is the same bytes whichever wrote it.
"""

from __future__ import annotations

from typing import Any

from reportlab.pdfbase import pdfdoc


class RawObject(pdfdoc.PDFObject):  # type: ignore[misc]
    """A PDF object written as it is given."""

    data = b""

    def format(self, document: Any) -> bytes:
        return self.data


def dictionary(entries: dict[str, bytes]) -> bytes:
    """A dictionary of written values, laid out as ReportLab's ``PDFDictionary`` lays it."""
    parts = [f"/{key} ".encode("ascii") + entries[key] for key in sorted(entries)]
    for at in reversed(range(6, len(parts), 6)):
        parts.insert(at, b"\n ")
    return b"<<\n" + b" ".join(parts) + b"\n>>"


def array(values: list[bytes]) -> bytes:
    """An array of written values, laid out as ReportLab's ``PDFArray`` lays it."""
    parts = list(values)
    for at in reversed(range(10, len(parts), 10)):
        parts.insert(at, b"\n ")
    return b"[ " + b" ".join(parts) + b" ]"


def object_number(document: Any, target: Any) -> int:
    """The number ``document`` gives ``target``, numbering it now if it has none yet."""
    number: int = document.idToObjectNumberAndVersion[document.Reference(target).name][0]
    return number


def reference(document: Any, target: Any) -> bytes:
    """A reference to ``target`` (ReportLab writes every object as version 0)."""
    return f"{object_number(document, target)} 0 R".encode("ascii")


def name(value: str) -> bytes:
    """A name object (its characters escaped as ReportLab escapes them)."""
    return pdfdoc.PDFName(value).encode("ascii")  # type: ignore[no-any-return]


def number(value: float) -> bytes:
    """A number as ReportLab writes it."""
    return pdfdoc.fp_str(value).encode("ascii")  # type: ignore[no-any-return]

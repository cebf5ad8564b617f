"""Empty signature fields over the signing space of each signer's block.

The PDF writer reports each block's blank space (above the name) as it draws it, in the
order the document is signed; each becomes an unsigned AcroForm signature field named
``signer-1``, ``signer-2``, … that any signing tool (pyHanko, Acrobat, Foxit) lists and
fills. The field's appearance is an empty form, so the page looks the same until signed.
"""

from __future__ import annotations

import re

from msgspec import Struct, field
from reportlab.pdfbase.pdfdoc import PDFArray, PDFDictionary, PDFName, PDFStream, PDFString
from reportlab.pdfgen.canvas import Canvas

#: field names are this prefix and the signer's place in signing order, from 1
FIELD_PREFIX = "signer-"
_FIELD_NAME = re.compile(re.escape(FIELD_PREFIX) + r"[1-9][0-9]*")

#: annotation flag Print (PDF 32000-1, table 165): shown and printed, never hidden
_PRINT = 4


def field_name(order: int) -> str:
    """The field of the ``order``-th signer (from 1) in signing order."""
    return f"{FIELD_PREFIX}{order}"


def is_signer_field(name: str) -> bool:
    return _FIELD_NAME.fullmatch(name) is not None


class FieldBox(Struct, frozen=True):
    """Where a field sits: its name, page (from 1) and rectangle in PDF points."""

    name: str
    page: int
    rect: tuple[float, float, float, float]


class SignatureFields(Struct):
    """The writer's hook: called with each signing space as it is drawn, it puts a field
    there on the current page and lists it in the document's AcroForm."""

    boxes: list[FieldBox] = field(default_factory=list)

    def __call__(self, canvas: Canvas, x: float, y: float, width: float, height: float) -> None:
        name = field_name(len(self.boxes) + 1)
        rect = (round(x, 2), round(y, 2), round(x + width, 2), round(y + height, 2))
        self.boxes.append(FieldBox(name, canvas.getPageNumber(), rect))
        # an appearance is required of every annotation in PDF/A; this one draws nothing
        blank = PDFStream(
            PDFDictionary(
                {
                    "Type": PDFName("XObject"),
                    "Subtype": PDFName("Form"),
                    "BBox": PDFArray([0, 0, rect[2] - rect[0], rect[3] - rect[1]]),
                }
            ),
            b"",
            filters=[],
        )
        widget = PDFDictionary(
            {
                "Type": PDFName("Annot"),
                "Subtype": PDFName("Widget"),
                "FT": PDFName("Sig"),
                "T": PDFString(name),
                "Rect": PDFArray(list(rect)),
                "F": _PRINT,
                "P": canvas._doc.thisPageRef(),
                "AP": PDFDictionary({"N": canvas._doc.Reference(blank)}),
            }
        )
        canvas._addAnnotation(widget, name=name)
        form = canvas.acroForm
        form.fields.append(form.getRef(widget))

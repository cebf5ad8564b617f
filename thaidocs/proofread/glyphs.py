"""Characters the PDF font cannot draw (Chinese, Arabic, emoji, Lao, ...): `to_pdf` refuses
them, so the proofreader says so first, at the place in the field."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    from thaidocs.pdf.coverage import describe, font_cmap, undrawn

    cmap = font_cmap(doc.options.pdf_font)
    for field in fields:
        for run in undrawn(field.text, cmap):
            yield Finding(
                "error",
                "pdf.missing-glyph",
                f"ฟอนต์ของ PDF ไม่มีอักษร {describe(run.group())} จะพิมพ์ออกมาเป็นช่องว่าง "
                "(the PDF font cannot draw these characters; the PDF is refused)",
                field.path,
                run.group(),
                None,
                run.start(),
            )

"""The visible stamp of a signature: who signed, as what, and when, in Thai.

Drawn by pyHanko's OpenType engine (harfbuzz) with the bundled Sarabun, so vowel and tone
marks are shaped; the text carries /ActualText, so it extracts exactly. The line spacing is
wide enough that marks above one line never touch the line below.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from functools import cache
from io import BytesIO
from typing import Any

from fontTools import subset, ttLib
from pyhanko.pdf_utils import generic, layout
from pyhanko.pdf_utils.font.opentype import (
    CIDFontType2,
    GlyphAccumulator,
    GlyphAccumulatorFactory,
)
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.stamp import TextStampStyle

from thaidocs.layout.measure import sarabun_path
from thaidocs.thai import format_date, to_thai_digits

#: Thailand keeps one offset all year
BANGKOK = timezone(timedelta(hours=7), "ICT")
#: PDF points of the stamp's text; lines are LEADING times apart
SIZE = 8
LEADING = 1.8
#: points between the stamp's text and the field's edges
MARGIN = 2


@cache
def _stamp_font() -> bytes:
    """Sarabun cut down once to what a stamp can print (Thai, Latin, digits, punctuation),
    so each signature parses a small font instead of the whole face."""
    font = ttLib.TTFont(sarabun_path())
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[*range(0x20, 0x7F), *range(0x0E01, 0x0E5C), 0xA0, 0x2013])
    subsetter.subset(font)
    out = BytesIO()
    font.save(out)
    return out.getvalue()


@cache
def _embedded_font() -> bytes:
    """The stamp font as embedded in the PDF: the same glyphs under the same ids, without
    the shaping tables a PDF reader never uses."""
    font = ttLib.TTFont(BytesIO(_stamp_font()))
    for tag in ("GSUB", "GPOS", "GDEF"):
        if tag in font:
            del font[tag]
    out = BytesIO()
    font.save(out)
    return out.getvalue()


class _EmbeddedOnce(CIDFontType2):
    """The font program written from the bytes made once, not saved again per signature."""

    def set_font_file(self, writer: BasePdfFileWriter) -> generic.IndirectObject:
        stream = generic.StreamObject(stream_data=_embedded_font())
        stream.compress()  # type: ignore[no-untyped-call]
        ref: generic.IndirectObject = writer.add_object(stream)
        self._font_descriptor[pdf_name("/FontFile2")] = ref
        return ref


class _StampFont(GlyphAccumulator):
    """pyHanko's OpenType engine over the stamp font. It neither subsets nor re-saves the
    font for each signature (fontTools takes over 100 ms for that): the small stamp font is
    embedded whole, as made once, its glyph ids unchanged, so the text shaped with it
    points at the right glyphs."""

    def __init__(self, writer: BasePdfFileWriter, **options: Any) -> None:
        super().__init__(writer, BytesIO(_stamp_font()), **options)
        name = self.cidfont_obj.name.split("+", 1)[-1]
        self.cidfont_obj = _EmbeddedOnce(self.tt, name, self.subset_prefix)

    def _extract_subset(self, options: object = None) -> None:
        """Already cut to what a stamp prints."""


class _SarabunFactory(GlyphAccumulatorFactory):
    """The factory pyHanko's text box asks for its font engine."""

    def create_font_engine(
        self, writer: BasePdfFileWriter, obj_stream: object = None
    ) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()  # type: ignore[no-untyped-call]
        return _StampFont(
            writer,
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )


@cache
def _style_font() -> _SarabunFactory:
    return _SarabunFactory(
        font_file=sarabun_path(),
        font_size=SIZE,
        ot_script_tag="thai",
        ot_language_tag="THA ",
        bcp47_lang_code="th",
    )


def stamp_lines(name: str, position: str | None, when: datetime) -> list[str]:
    """The stamp's lines: the signer, their position, and the B.E. date and time."""
    local = when.astimezone(BANGKOK)
    clock = to_thai_digits(f"{local.hour:02d}.{local.minute:02d}")
    lines = [f"ลงลายมือชื่อดิจิทัลโดย {name}"]
    if position:
        lines.append(position)
    lines.append(f"วันที่ {format_date(local.date())} เวลา {clock} น.")
    return lines


def stamp_style(lines: list[str]) -> TextStampStyle:
    text = "\n".join(lines).replace("%", "%%")
    centred = layout.SimpleBoxLayoutRule(
        x_align=layout.AxisAlignment.ALIGN_MID,
        y_align=layout.AxisAlignment.ALIGN_MID,
        margins=layout.Margins(MARGIN, MARGIN, MARGIN, MARGIN),
    )
    return TextStampStyle(
        stamp_text=text,
        border_width=0,
        inner_content_layout=centred,
        text_box_style=TextBoxStyle(
            font=_style_font(),
            font_size=SIZE,
            leading=round(SIZE * LEADING),
            box_layout_rule=centred,
        ),
    )

"""Font faces for the PDF: where the files are, their scale, and what harfbuzz knows of them.

A face's *scale* turns an official size (TH Sarabun metrics) into the PDF size of this face:
the bundled Google Sarabun draws about 1.5 times larger than TH Sarabun New at the same
point size, so official 16 pt is Sarabun 10.72 pt. The scale belongs to the face and is
applied in one place, the text engine.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from types import SimpleNamespace

import uharfbuzz as hb
from msgspec import Struct
from reportlab.pdfbase import pdfmetrics

from thaidocs.layout.measure import SARABUN_SCALE, sarabun_path
from thaidocs.pdf.sfnt import mark_advance


class FontFace(Struct, frozen=True, cache_hash=True, gc=False):
    """One font file as the PDF uses it (out of the cycle collector's reach: a face is in the
    key of every word shaped, and holds no more than a name, a path and a number)."""

    #: a name unique per file path (the regular face registers it with ReportLab)
    name: str
    path: Path
    #: PDF points per official point
    scale: float


class FontFamily(Struct, frozen=True):
    """The regular and bold faces of a document."""

    regular: FontFace
    bold: FontFace

    def face(self, bold: bool) -> FontFace:
        return self.bold if bold else self.regular


class FontData(Struct, frozen=True):
    """What the engine needs from a font file: harfbuzz objects and embedding metrics.

    Metrics are in font units; ``units`` is the font's units per em.
    """

    data: bytes
    hb_face: hb.Face
    hb_font: hb.Font
    units: int
    ascender: int
    descender: int
    postscript_name: str
    bbox: tuple[int, int, int, int]
    cap_height: int
    italic_angle: float
    glyph_count: int
    #: glyph id -> the text the glyph draws on its own: from the cmap, else from its name
    #: ("uni0E48.small" is U+0E48, "yoYingthai.less" is what "yoYingthai" is)
    natural: dict[int, str]
    #: the space's glyph (0 if none): the invisible filler of wide gaps
    space: int
    #: each glyph's advance as embedded: its own, or a nominal one if it has none (read for
    #: every glyph drawn, so read from the font once)
    advances: tuple[int, ...]


@cache
def font_data(path: Path) -> FontData:
    """Parse a font file once per process."""
    data = path.read_bytes()
    face = hb.Face(hb.Blob(data))
    font = hb.Font(face)
    extents = font.get_font_extents("ltr")
    head = face.reference_table("head").data
    x_min, y_min, x_max, y_max = struct.unpack(">4h", head[36:44])
    post = face.reference_table("post").data
    italic_angle = struct.unpack(">i", post[4:8])[0] / 65536 if len(post) >= 8 else 0.0
    cap = font.get_metric_position_with_fallback(hb.OTMetricsTag.CAP_HEIGHT)
    name = face.get_name(hb.OTNameIdPredefined.POSTSCRIPT_NAME) or path.stem
    nominal: dict[int, str] = {}
    for codepoint, glyph in sorted(_cmap(font, face.unicodes)):
        nominal.setdefault(glyph, chr(codepoint))
    natural = dict(nominal)
    for glyph in range(face.glyph_count):
        if glyph not in natural:
            text = _name_text(font, font.get_glyph_name(glyph) or "", nominal)
            if text:
                natural[glyph] = text
    return FontData(
        data=data,
        hb_face=face,
        hb_font=font,
        units=face.upem,
        ascender=extents.ascender,
        descender=extents.descender,
        postscript_name="".join(c for c in name if c.isalnum() or c in "-_") or "Font",
        bbox=(x_min, y_min, x_max, y_max),
        cap_height=int(cap),
        italic_angle=italic_angle,
        glyph_count=face.glyph_count,
        natural=natural,
        space=font.get_nominal_glyph(0x20) or 0,
        advances=tuple(
            font.get_glyph_h_advance(glyph) or mark_advance(face.upem)
            for glyph in range(face.glyph_count)
        ),
    )


def _cmap(font: hb.Font, codepoints: set[int]) -> list[tuple[int, int]]:
    pairs = []
    for codepoint in codepoints:
        glyph = font.get_nominal_glyph(codepoint)
        if glyph:
            pairs.append((codepoint, glyph))
    return pairs


def _name_text(font: hb.Font, name: str, nominal: dict[int, str]) -> str | None:
    """The text a glyph name stands for (Adobe glyph list conventions), if it says."""
    base = name.split(".", 1)[0]
    hexes = base[3:]
    if base.startswith("uni") and hexes and len(hexes) % 4 == 0:
        try:
            return "".join(chr(int(hexes[i : i + 4], 16)) for i in range(0, len(hexes), 4))
        except ValueError:
            return None
    if base != name:
        glyph = font.get_glyph_from_name(base)
        if glyph is not None:
            return nominal.get(glyph)
    return None


def _face(path: Path, scale: float) -> FontFace:
    path = path.resolve()
    digest = hashlib.sha1(str(path).encode(), usedforsecurity=False).hexdigest()[:8]
    return FontFace(name=f"thaidocs-{path.stem}-{digest}", path=path, scale=scale)


class _CanvasFont:
    """The initial font of a ReportLab canvas, registered under the regular face's name.

    A canvas starts each page by selecting its initial font, which for a built-in font writes
    unembedded Helvetica into the page (no PDF/A) and for a "dynamic" one (a TrueType font,
    embedded as it is drawn) writes nothing. The text engine draws with its own subsets and
    never through ReportLab's fonts, so this font only says it is dynamic: ReportLab's
    TTFont would parse the whole font file, in Python, at every start.
    """

    _dynamicFont = 1
    _multiByte = 0

    def __init__(self, name: str) -> None:
        self.fontName = name
        self.face = SimpleNamespace(name=name)


@cache
def _family(paths: tuple[Path, ...], scale: float) -> FontFamily:
    regular = _face(paths[0], scale)
    bold = _face(paths[1], scale) if len(paths) > 1 else regular
    if regular.name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(_CanvasFont(regular.name))
    return FontFamily(regular=regular, bold=bold)


def load_family(paths: Sequence[Path] | None = None, scale: float | None = None) -> FontFamily:
    """The bundled Sarabun (regular and bold), or the user's files ``[regular]`` or
    ``[regular, bold]`` (scale 1.0 unless given: TH Sarabun New metrics)."""
    if paths is None:
        bundled = (Path(sarabun_path()), Path(sarabun_path(bold=True)))
        return _family(bundled, SARABUN_SCALE if scale is None else scale)
    if not 1 <= len(paths) <= 2:
        raise ValueError("give one font file (regular) or two (regular, bold)")
    return _family(tuple(Path(p) for p in paths), 1.0 if scale is None else scale)

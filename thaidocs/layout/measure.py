"""Text widths at official size, for the few rules that depend on how wide a string is.

The composers need widths in three places: the tab after a letter's label ("เรื่อง",
"สิ่งที่ส่งมาด้วย"), the signature axis under a letter's closing phrase, and column widths of
simple tables. They measure with the bundled Google Sarabun, which has TH Sarabun New's
proportions at a different scale, so a width measured here is the width the official face
gives within about 1 %.
"""

from __future__ import annotations

from functools import cache
from importlib.util import find_spec
from pathlib import Path

import uharfbuzz as hb

from thaidocs.caching import bounded_cache

#: official 16 pt is Google Sarabun 10.72 pt (measured against TH Sarabun New)
SARABUN_SCALE = 0.67

_CM_PER_PT = 2.54 / 72


def sarabun_path(bold: bool = False) -> str:
    """The bundled Google Sarabun file (regular or bold) from ``fontpkg-sarabun``.

    Found from the package's own folder: ``fontpkg.path`` scans every installed entry point,
    which costs a command-line start about 40 ms.
    """
    return str(_sarabun_folder() / ("Sarabun-Bold.ttf" if bold else "Sarabun-Regular.ttf"))


@cache
def _sarabun_folder() -> Path:
    spec = find_spec("fontpkg_sarabun")
    if spec is None or spec.origin is None:
        raise ModuleNotFoundError("the bundled font needs the package fontpkg-sarabun")
    return Path(spec.origin).parent / "files"


@cache
def _font(bold: bool) -> tuple[hb.Font, int]:
    with open(sarabun_path(bold), "rb") as handle:
        face = hb.Face(hb.Blob(handle.read()))
    return hb.Font(face), face.upem


@bounded_cache(share=0.05)
def _advance(text: str, bold: bool) -> float:
    """Shaped advance of ``text`` in ems of the Sarabun face."""
    font, upem = _font(bold)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    advance: int = sum(pos.x_advance for pos in buffer.glyph_positions or ())
    return advance / upem


def text_width(text: str, size: float = 16.0, bold: bool = False) -> float:
    """Width in cm of ``text`` set on one line at official point size ``size``."""
    return _advance(text, bold) * size * SARABUN_SCALE * _CM_PER_PT

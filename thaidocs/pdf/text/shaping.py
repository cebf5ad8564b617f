"""Shaping with harfbuzz, once per distinct (face, text): Thai documents repeat their words.

Positions are kept in font units and scaled at drawing time, so one shaping serves every size.
They are kept as compact arrays of machine integers, and each glyph's characters as shared
strings, since a batch of documents keeps tens of thousands of shaped words in memory.
"""

from __future__ import annotations

import sys
from array import array
from itertools import pairwise

import uharfbuzz as hb
from msgspec import Struct

from thaidocs.caching import bounded_cache
from thaidocs.pdf.fonts import FontFace, font_data
from thaidocs.thai.segment import ZWSP, starts_cluster

try:
    from thaidocs.pdf.text import _speedups
except ImportError:  # not built: the Python of this package gives the same results
    _speedups = None  # type: ignore[assignment]

#: the C twins of ``_speedups.c`` (line breaking, TJ templates, shaped glyphs), or None
#: where it is not built
native = _speedups


class Shaped(Struct, frozen=True, gc=False):
    """One shaped piece of text, in font units of its face: a Struct, since new text makes
    one per word, which a frozen dataclass or a named tuple takes several times as long to
    make; out of the cycle collector's reach, since it only holds arrays and strings."""

    text: str
    glyphs: array[int]
    advances: array[int]
    x_offsets: array[int]
    y_offsets: array[int]
    #: the source characters each glyph stands for, in drawing order; their concatenation is
    #: ``text`` (sara am decomposed only where the font draws it as two glyphs)
    pieces: tuple[str, ...]
    #: glyph indexes where a grapheme cluster starts (index 0 excluded): where justification
    #: may add space
    gaps: array[int]
    width: int


def _shaped_bytes(shaped: Shaped) -> int:
    """About the bytes of a Shaped: five arrays of 4-byte integers, the pieces' tuple (its
    strings are shared), the text and the object."""
    glyphs = len(shaped.glyphs)
    return 560 + 36 * glyphs + sys.getsizeof(shaped.text)


@bounded_cache(share=0.33, sizeof=_shaped_bytes)
def shape(face: FontFace, text: str) -> Shaped:
    """Shape ``text`` (U+200B removed: it is never drawn) with ``face``: the key of the
    shaped text, since a face hashes once (its path would hash at every look-up)."""
    text = text.replace(ZWSP, "")
    if not text:
        return Shaped(text, array("i"), array("i"), array("i"), array("i"), (), array("i"), 0)
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font_data(face.path).hb_font, buffer, {})
    infos, positions = buffer.glyph_infos, buffer.glyph_positions
    if native is not None:
        return Shaped(text, *native.shaped_parts(text, infos, positions, starts_cluster, _pieces))
    return Shaped(text, *shaped_parts(text, infos, positions))


def shaped_parts(
    text: str, infos: list[hb.GlyphInfo], positions: list[hb.GlyphPosition]
) -> tuple[array[int], array[int], array[int], array[int], tuple[str, ...], array[int], int]:
    """A Shaped's fields after its text, from harfbuzz's glyphs of ``text``. The C twin
    (``_speedups.shaped_parts``) gives the same, where it is built."""
    clusters = [info.cluster for info in infos]
    x_offsets, y_offsets, advances, _ = zip(*[p.position for p in positions], strict=True)
    # where harfbuzz starts another cluster: a grapheme's start there is a justification gap
    firsts = [i for i in range(1, len(clusters)) if clusters[i] != clusters[i - 1]]
    return (
        array("i", [info.codepoint for info in infos]),
        array("i", advances),
        array("i", x_offsets),
        array("i", y_offsets),
        _pieces(text, clusters, firsts),
        array("i", [i for i in firsts if not clusters[i] or starts_cluster(text[clusters[i]])]),
        sum(advances),
    )


def _pieces(text: str, clusters: list[int], firsts: list[int]) -> tuple[str, ...]:
    """Split each harfbuzz cluster's characters over its glyphs, in order (``firsts``: the
    glyphs that start a cluster, the first excluded).

    Mostly each cluster has as many glyphs as characters, one character a glyph. A cluster
    drawn with more glyphs than it has characters is the font's split sara am
    (ทำ -> ท ํ า): its decomposition gives one character per glyph, which extracts as the
    source after NFKC. Extra glyphs beyond that carry nothing.
    """
    n = len(clusters)
    if n == len(text) and not clusters[0] and [clusters[i] for i in firsts] == firsts:
        return tuple(map(sys.intern, text))
    pieces: list[str] = []
    bounds = [0, *firsts, n]
    for i, j in pairwise(bounds):
        end = clusters[j] if j < n else len(text)
        chars = text[clusters[i] : end]
        count = j - i
        if count > len(chars):
            chars = chars.replace("\u0e33", "\u0e4d\u0e32")
        pieces += (chars[k : k + 1] for k in range(count - 1))
        pieces.append(chars[count - 1 :])
    return tuple(map(sys.intern, pieces))

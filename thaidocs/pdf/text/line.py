"""A laid-out line: what the engine hands the writer and draws."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from msgspec import Struct

from thaidocs.pdf.fonts import FontFace
from thaidocs.pdf.text.shaping import Shaped

if TYPE_CHECKING:
    from thaidocs.pdf.text.drawing import RunContent


@dataclass(frozen=True, slots=True)
class GlyphRun:
    """Shaped pieces in one face, size and colour, drawn as one text span.

    A dataclass, unlike the other records: its drawn ``content`` is kept on it but is no
    part of its value (``compare=False``), which a Struct cannot say of a field."""

    face: FontFace
    #: PDF points (official size × the face's scale)
    size: float
    #: RGB hex, None for black
    color: str | None
    #: pen position where the run starts, from the column's left edge, in pt
    x: float
    #: the source text the run stands for (its /ActualText)
    text: str
    pieces: tuple[Shaped, ...]
    #: justification: pt added at each grapheme-cluster start inside the run but its first
    gap: float = 0.0
    #: natural width of the pieces in pt (the gaps not counted)
    advance: float = 0.0
    #: the run's content stream, the same in every document that draws it: made at its first
    #: draw and kept here, with the run, by the layouts a batch shares (see ``drawing``)
    content: RunContent | None = field(default=None, compare=False, repr=False)


class DotLeader(Struct, frozen=True):
    """A row of dots filling a tab's space, from ``x0`` to ``x1`` (pt from the column's left)."""

    x0: float
    x1: float
    size: float
    color: str | None


class Line(Struct):
    """A laid-out line: its box, its text and the glyph runs and leaders drawn in it."""

    #: the line box, in pt
    height: float
    #: natural width of the content, in pt
    width: float
    #: the exact source text of this line
    text: str
    #: distance of the baseline below the top of the line box, in pt
    baseline: float
    runs: tuple[GlyphRun, ...] = ()
    leaders: tuple[DotLeader, ...] = ()

    def fresh(self) -> Line:
        """An equal line that is another object: a writer tells lines apart by identity."""
        return Line(self.height, self.width, self.text, self.baseline, self.runs, self.leaders)

"""Blocks measured for the page: how tall each is, where it may break, how it is drawn.

A flow is a block already laid out for its column. The page filler in ``writer`` asks a
flow for its height, splits it where the block allows a page break, and draws the pieces.
All lengths here are points; y coordinates are PDF coordinates (upwards), a flow is drawn
from its top edge down.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import Align, Emblem, Paragraph, Rule, Run, Signature, SignatureGroup
from thaidocs.pdf.text import Line, TextEngine

#: fewest lines of a paragraph left alone at the bottom or the top of a page
_MIN_LINES = 2
#: slack when comparing summed heights, far below anything visible
EPSILON = 0.01

#: told of each signer's blank signing space as it is drawn, in signing order, on the page
#: being drawn: (canvas, x, y, width, height), PDF points, (x, y) the lower left corner
SigningSpaceHook = Callable[[Canvas, float, float, float, float], None]


class Flow(ABC):
    """A measured block. ``space_before`` is dropped at the top of a page reached by a page
    break and kept at the start of a section; ``fixed_top`` (from the paper's top edge)
    pins the block's top edge on the page."""

    def __init__(self, height: float, *, space_before: float = 0.0, keep_with_next: bool = False):
        self.height = height
        self.space_before = space_before
        self.keep_with_next = keep_with_next
        self.fixed_top: float | None = None

    def min_head(self) -> float:
        """Height of the smallest piece that may end a page (the whole block if unbreakable)."""
        return self.height

    def split(
        self, avail: float, *, strict: bool = True, tail: bool = False
    ) -> tuple[Flow, Flow] | None:
        """The tallest allowed head within ``avail`` and the rest, or None.

        ``strict`` False drops the block's keep rules (for a block taller than a page);
        ``tail`` asks for a rest that is not empty.
        """
        return None

    @abstractmethod
    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        """Draw with the column's left edge at ``x`` and the block's top edge at ``y``."""


def draw_lines(
    canvas: Canvas, engine: TextEngine, lines: Sequence[Line], x: float, y: float
) -> None:
    for line in lines:
        engine.draw_line(canvas, line, x, y)
        y -= line.height


def lines_height(lines: Sequence[Line]) -> float:
    return sum(line.height for line in lines)


class LinesFlow(Flow):
    """A paragraph: breaks between lines, never leaving one line alone at either end."""

    def __init__(
        self,
        lines: Sequence[Line],
        *,
        space_before: float = 0.0,
        keep_with_next: bool = False,
        keep_together: bool = False,
    ):
        super().__init__(
            lines_height(lines), space_before=space_before, keep_with_next=keep_with_next
        )
        self.lines = tuple(lines)
        self.keep_together = keep_together

    def min_head(self) -> float:
        if self.keep_together or len(self.lines) < 2 * _MIN_LINES:
            return self.height
        return lines_height(self.lines[:_MIN_LINES])

    def split(
        self, avail: float, *, strict: bool = True, tail: bool = False
    ) -> tuple[Flow, Flow] | None:
        count = len(self.lines)
        if strict and self.keep_together:
            return None
        lowest = _MIN_LINES if strict else 1
        used = 0.0
        best = 0
        for k, line in enumerate(self.lines[:-1], start=1):
            used += line.height
            if used > avail + EPSILON:
                break
            if k >= lowest and count - k >= lowest:
                best = k
        if best == 0:
            return None
        head = LinesFlow(self.lines[:best], space_before=self.space_before)
        rest = LinesFlow(
            self.lines[best:], keep_with_next=self.keep_with_next, keep_together=self.keep_together
        )
        return head, rest

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        draw_lines(canvas, engine, self.lines, x, y)


def image_size(path: Path) -> tuple[float, float]:
    """Pixel width and height of an image file."""
    width, height = ImageReader(str(path)).getSize()
    return float(width), float(height)


def draw_image(canvas: Canvas, path: Path, x: float, y: float, width: float, height: float) -> None:
    """Draw an image with its top-left corner at (x, y)."""
    canvas.drawImage(str(path), x, y - height, width, height, mask="auto")


class EmblemFlow(Flow):
    """The Garuda, its top at a fixed distance from the paper edge, with the band's text
    (memo title, urgency mark) each vertically centred on it."""

    def __init__(self, emblem: Emblem, beside: Sequence[Sequence[Line]], column: float):
        self.emblem = emblem
        self.beside = [tuple(lines) for lines in beside]
        self.image_height = emblem.height * cm
        self.image_width = 0.0
        if emblem.image is not None:
            pixels_wide, pixels_high = image_size(emblem.image)
            self.image_width = self.image_height * pixels_wide / pixels_high
        self.column = column
        bottom = max(
            [self.image_height - emblem.overlap]
            + [(self.image_height + lines_height(b)) / 2 for b in self.beside]
        )
        super().__init__(bottom)
        self.fixed_top = emblem.top * cm

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        if self.emblem.image is not None:
            left = x + _offset(self.emblem.align, self.column, self.image_width)
            draw_image(canvas, self.emblem.image, left, y, self.image_width, self.image_height)
        for lines in self.beside:
            top = y - (self.image_height - lines_height(lines)) / 2
            draw_lines(canvas, engine, lines, x, top)


def _offset(align: Align, column: float, width: float) -> float:
    """Where a thing ``width`` wide starts in a column, by alignment."""
    if align is Align.CENTER:
        return (column - width) / 2
    if align is Align.RIGHT:
        return column - width
    return 0.0


class RuleFlow(Flow):
    """The short line under a title, centred on the column."""

    def __init__(self, rule: Rule, column: float):
        super().__init__(rule.thickness + rule.space_after, space_before=rule.space_before)
        self.rule = rule
        self.column = column

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        width = self.rule.width * cm
        left = x + (self.column - width) / 2
        middle = y - self.rule.thickness / 2
        canvas.saveState()
        canvas.setLineWidth(self.rule.thickness)
        if self.rule.dashed:
            # dash and gap in proportion to the stroke, so a thicker rule keeps its look
            canvas.setDash(3 * self.rule.thickness, 2 * self.rule.thickness)
        canvas.line(left, middle, left + width, middle)
        canvas.restoreState()


class SpaceFlow(Flow):
    """Vertical space; like any space before a block, gone at the top of a page."""

    def __init__(self, height: float):
        super().__init__(0.0, space_before=height)

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        return


@dataclass(frozen=True)
class _SignatureBox:
    signature: Signature
    caption: tuple[Line, ...]
    text: tuple[Line, ...]  # name and position lines

    @property
    def height(self) -> float:
        return lines_height(self.caption) + self.signature.signing_space + lines_height(self.text)


class SignatureFlow(Flow):
    """Signer blocks in rows; every line centred on its block's axis. Never split."""

    def __init__(
        self, group: SignatureGroup, engine: TextEngine, on_space: SigningSpaceHook | None = None
    ):
        self.on_space = on_space
        self.rows = [
            [_signature_box(signature, group.size, engine) for signature in row]
            for row in group.rows
        ]
        self.row_gap = group.row_gap
        heights = [max(box.height for box in row) for row in self.rows if row]
        super().__init__(
            sum(heights) + self.row_gap * max(len(heights) - 1, 0),
            space_before=group.space_before,
        )

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        for row in self.rows:
            if not row:
                continue
            for box in row:
                _draw_signature(canvas, engine, box, x, y, self.on_space)
            y -= max(box.height for box in row) + self.row_gap


def _centred(text: str, size: float) -> Paragraph:
    return Paragraph(runs=(Run(text),), align=Align.CENTER, size=size, role="signature")


def _signature_box(signature: Signature, size: float, engine: TextEngine) -> _SignatureBox:
    """Lay out one signer's lines in a column ``width`` wide centred on the axis."""
    width = signature.width * cm
    caption: list[Line] = []
    if signature.caption:
        caption = engine.lay_out(_centred(signature.caption, size), width)
    text = engine.lay_out(_centred(signature.name, size), width)
    for position in signature.positions:
        text += engine.lay_out(_centred(position, size), width)
    return _SignatureBox(signature, tuple(caption), tuple(text))


def _draw_signature(
    canvas: Canvas,
    engine: TextEngine,
    box: _SignatureBox,
    x: float,
    y: float,
    on_space: SigningSpaceHook | None,
) -> None:
    signature = box.signature
    width = signature.width * cm
    left = x + (signature.axis - signature.width / 2) * cm
    draw_lines(canvas, engine, box.caption, left, y)
    y -= lines_height(box.caption)
    space = signature.signing_space
    if signature.image is not None and space > 0:
        pixels_wide, pixels_high = image_size(signature.image)
        scale = min(space / pixels_high, width / pixels_wide)
        image_width, image_height = pixels_wide * scale, pixels_high * scale
        draw_image(
            canvas,
            signature.image,
            left + (width - image_width) / 2,
            y - (space - image_height) / 2,
            image_width,
            image_height,
        )
    if on_space is not None and space > 0:
        on_space(canvas, left, y - space, width, space)
    draw_lines(canvas, engine, box.text, left, y - space)

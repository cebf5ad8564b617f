"""Blocks measured for the page: how tall each is, where it may break, how it is drawn.

A flow is a block already laid out for its column. The page filler in ``writer`` asks a
flow for its height, splits it where the block allows a page break, and draws the pieces.
All lengths here are points; y coordinates are PDF coordinates (upwards), a flow is drawn
from its top edge down.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Callable, Hashable, Sequence
from pathlib import Path

from msgspec import Struct
from reportlab.lib.units import cm
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from thaidocs.caching import BoundedStore
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
        #: set at the foot of its page, after the blocks above it (the letter's contact
        #: block); ``foot_space`` is the least space kept above it there
        self.at_foot = False
        self.foot_space = 0.0

    def first_text(self) -> str | None:
        """The text of the block's first line (none for a space, a rule, the emblem)."""
        return None

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

    def first_text(self) -> str | None:
        return next((line.text for line in self.lines if line.text.strip()), None)

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        draw_lines(canvas, engine, self.lines, x, y)


def image_size(path: Path) -> tuple[float, float]:
    """Pixel width and height of an image file."""
    width, height = ImageReader(str(path)).getSize()
    return float(width), float(height)


def draw_image(canvas: Canvas, path: Path, x: float, y: float, width: float, height: float) -> None:
    """Draw an image with its top-left corner at (x, y)."""
    canvas.drawImage(str(path), x, y - height, width, height, mask="auto")


def draw_image_in(
    canvas: Canvas, path: Path, x: float, y: float, width: float, height: float
) -> None:
    """Draw an image as large as fits the box with its top-left corner at (x, y), centred in
    it, its proportions kept (a scanned signature, a photo)."""
    pixels_wide, pixels_high = image_size(path)
    scale = min(width / pixels_wide, height / pixels_high)
    shown_width, shown_height = pixels_wide * scale, pixels_high * scale
    draw_image(
        canvas,
        path,
        x + (width - shown_width) / 2,
        y - (height - shown_height) / 2,
        shown_width,
        shown_height,
    )


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


#: a signer block's content: each line with the space above it (the signing space sits
#: above the name line) and its offset from the block's left edge
SignatureLines = tuple[tuple[float, float, Line], ...]


class SignatureBox(Struct, frozen=True):
    """One signer's block, or the part of it on one page."""

    signature: Signature
    lines: SignatureLines
    #: the index in ``lines`` of the name line, whose space above holds the signature image;
    #: None when the name is on another page
    name_at: int | None

    @property
    def height(self) -> float:
        return sum(gap + line.height for gap, _, line in self.lines)

    def split(self, avail: float) -> tuple[SignatureBox, SignatureBox]:
        """The lines that fit ``avail`` and the rest."""
        used = 0.0
        count = 0
        for gap, _, line in self.lines:
            if used + gap + line.height > avail + EPSILON:
                break
            used += gap + line.height
            count += 1
        at = self.name_at
        head = SignatureBox(
            self.signature, self.lines[:count], at if at is not None and at < count else None
        )
        rest = SignatureBox(
            self.signature,
            self.lines[count:],
            at - count if at is not None and at >= count else None,
        )
        return head, rest


class SignatureFlow(Flow):
    """Signer blocks in rows; every line centred on its block's axis.

    A page breaks between rows; a row taller than a whole page (a signer with very many
    position lines) breaks between its lines.
    """

    def __init__(
        self,
        rows: Sequence[Sequence[SignatureBox]],
        *,
        row_gap: float,
        space_before: float = 0.0,
        on_space: SigningSpaceHook | None = None,
    ):
        self.rows = tuple(tuple(row) for row in rows if row)
        self.row_gap = row_gap
        self.on_space = on_space
        self.row_heights = [max(box.height for box in row) for row in self.rows]
        super().__init__(
            sum(self.row_heights) + row_gap * max(len(self.rows) - 1, 0),
            space_before=space_before,
        )

    @classmethod
    def build(
        cls, group: SignatureGroup, engine: TextEngine, on_space: SigningSpaceHook | None = None
    ) -> SignatureFlow:
        rows = [[_signature_box(s, group.size, engine) for s in row] for row in group.rows]
        return cls(rows, row_gap=group.row_gap, space_before=group.space_before, on_space=on_space)

    def _part(
        self, rows: Sequence[Sequence[SignatureBox]], *, first: bool = False
    ) -> SignatureFlow:
        return SignatureFlow(
            rows,
            row_gap=self.row_gap,
            space_before=self.space_before if first else 0.0,
            on_space=self.on_space,
        )

    def min_head(self) -> float:
        return self.row_heights[0] if self.rows else 0.0

    def first_text(self) -> str | None:
        texts = (line.text for row in self.rows for box in row for _, _, line in box.lines)
        return next((text for text in texts if text.strip()), None)

    def split(
        self, avail: float, *, strict: bool = True, tail: bool = False
    ) -> tuple[Flow, Flow] | None:
        count = 0
        used = 0.0
        for height in self.row_heights[: len(self.rows) - 1 if tail else len(self.rows)]:
            used += height + (self.row_gap if count else 0.0)
            if used > avail + EPSILON:
                break
            count += 1
        if count == len(self.rows):
            return None
        if count > 0:
            return self._part(self.rows[:count], first=True), self._part(self.rows[count:])
        if strict:
            return None
        pieces = [box.split(avail) for box in self.rows[0]]
        if not any(head.lines for head, _ in pieces):
            return None
        rest = [r for _, r in pieces if r.lines]
        return self._part([[h for h, _ in pieces]], first=True), self._part([rest, *self.rows[1:]])

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        for row, height in zip(self.rows, self.row_heights, strict=True):
            for box in row:
                draw_signature(canvas, engine, box, x, y, self.on_space)
            y -= height + self.row_gap


def _centred(text: str, size: float) -> Paragraph:
    return Paragraph(runs=(Run(text),), align=Align.CENTER, size=size, role="signature")


def _signature_box(signature: Signature, size: float, engine: TextEngine) -> SignatureBox:
    """Lay out one signer's lines in a column ``width`` wide centred on the axis."""
    width = signature.width * cm
    lines: list[tuple[float, float, Line]] = []
    if signature.caption:
        caption = engine.lay_out(_centred(signature.caption, size), width)
        lines += [(0.0, 0.0, line) for line in caption]
    name_at = len(lines)
    gap = signature.signing_space
    for text in (signature.name, *signature.positions):
        narrower, offset = balanced(engine, _centred(text, size), width)
        for line in narrower:
            lines.append((gap, offset, line))
            gap = 0.0
    return SignatureBox(signature, tuple(lines), name_at)


def balanced(engine: TextEngine, paragraph: Paragraph, width: float) -> tuple[list[Line], float]:
    """A centred paragraph's lines, as even as its breaks allow: the narrowest column that
    needs no more lines than ``width`` does and breaks only where that width breaks or at
    spaces, so a long position wraps into two like halves between words rather than leave a
    lone word or digit on its last line. Returns the lines and how far right the narrower
    column starts, so that they stay centred on the block's axis."""
    key = engine.layout_key(paragraph, width)
    with engine.trying_widths(paragraph):
        narrowest = _narrowest.get(key, lambda: _narrowest_width(engine, paragraph, width))
        return engine.lay_out(paragraph, narrowest), (width - narrowest) / 2


#: the width ``balanced`` chose, by the paragraph's layout key at its full width
_narrowest: BoundedStore[Hashable, float] = BoundedStore(share=0.01, sizeof=lambda _: 200)


def _narrowest_width(engine: TextEngine, paragraph: Paragraph, width: float) -> float:
    """Halving the width tried: the lines are only broken, not placed, until it is found."""
    lines = engine.line_texts(paragraph, width)
    if len(lines) < 2:
        return width
    text = paragraph.text
    allowed = _starts(text, lines)
    low, high = 0.0, width
    while high - low > 1.0:
        middle = (low + high) / 2
        trial = engine.line_texts(paragraph, middle)
        fits = len(trial) <= len(lines) and all(
            i in allowed or text[i - 1].isspace() for i in _starts(text, trial)
        )
        if fits:
            high = middle
        else:
            low = middle
    return high


def _starts(text: str, lines: Sequence[str]) -> set[int]:
    """Offsets in ``text`` where the lines after the first begin."""
    starts: set[int] = set()
    position = 0
    for index, line in enumerate(lines):
        position = text.find(line, position) if line else position
        if index:
            starts.add(position)
        position += len(line)
    return starts


def draw_signature(
    canvas: Canvas,
    engine: TextEngine,
    box: SignatureBox,
    x: float,
    y: float,
    on_space: SigningSpaceHook | None = None,
) -> None:
    """Draw one signer's block (its part on this page) with its top at ``y``: the lines
    centred on the axis, a scanned signature, if any, in the signing space, and the space
    reported to ``on_space``."""
    signature = box.signature
    width = signature.width * cm
    left = x + (signature.axis - signature.width / 2) * cm
    for index, (gap, offset, line) in enumerate(box.lines):
        if index == box.name_at and signature.image is not None and gap > 0:
            draw_image_in(canvas, signature.image, left, y, width, gap)
        if index == box.name_at and on_space is not None and gap > 0:
            on_space(canvas, left, y - gap, width, gap)
        y -= gap
        engine.draw_line(canvas, line, left + offset, y)
        y -= line.height

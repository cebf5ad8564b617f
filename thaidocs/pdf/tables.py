"""Tables on pages: grid, spans, shading, and header rows repeated after each page break.

Rows joined by a row span form one slab that never breaks; a single-row slab breaks
between lines only when the table allows rows to split (or when it is taller than a page).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import accumulate

from msgspec import Struct
from msgspec.structs import replace
from reportlab.lib.colors import HexColor
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import Cell, Paragraph, Table, grid_cells
from thaidocs.pdf.flows import EPSILON, Flow
from thaidocs.pdf.text import Line, TextEngine

#: width of the cell borders, in points: the hairline of official forms
BORDER = 0.5

#: a cell's content: each line with the space above it
Items = tuple[tuple[float, Line], ...]


def _items_height(items: Items) -> float:
    return sum(gap + line.height for gap, line in items)


class _Box(Struct, frozen=True):
    """One cell placed in its slab: offsets from the slab's top-left corner."""

    x: float
    y: float
    width: float
    height: float
    items: Items
    shaded: bool


class _Slab(Struct, frozen=True):
    """Rows that stay together, drawn as a unit."""

    height: float
    boxes: tuple[_Box, ...]
    #: one row without spans into it: may break between lines
    single: bool

    def split(self, avail: float) -> tuple[_Slab, _Slab] | None:
        """Break every cell at ``avail``: lines that fit stay, the others go on."""
        heads: list[_Box] = []
        rests: list[_Box] = []
        for box in self.boxes:
            used = 0.0
            count = 0
            for gap, line in box.items:
                if used + gap + line.height > avail + EPSILON:
                    break
                used += gap + line.height
                count += 1
            heads.append(replace(box, items=box.items[:count]))
            rest = box.items[count:]
            if rest:
                rest = ((0.0, rest[0][1]), *rest[1:])
            rests.append(replace(box, items=rest))
        if not any(box.items for box in heads):
            return None
        head_height = max(_items_height(box.items) for box in heads)
        rest_height = max(_items_height(box.items) for box in rests)
        return (
            _Slab(head_height, tuple(replace(b, height=head_height) for b in heads), True),
            _Slab(rest_height, tuple(replace(b, height=rest_height) for b in rests), True),
        )


class _Cells:
    """Cell contents laid out once per distinct content and width: a long table repeats
    many (empty month cells, the same level or owner on many rows)."""

    def __init__(self, engine: TextEngine):
        self.engine = engine
        self.done: dict[tuple[tuple[Paragraph, ...], float], Items] = {}

    def items(self, cell: Cell, width: float) -> Items:
        key = (cell.paragraphs, width)
        found = self.done.get(key)
        if found is None:
            lines: list[tuple[float, Line]] = []
            for paragraph in cell.paragraphs:
                gap = paragraph.space_before
                for line in self.engine.lay_out(paragraph, width):
                    lines.append((gap, line))
                    gap = 0.0
            found = self.done[key] = tuple(lines)
        return found


def _slabs(rows: Sequence[Sequence[Cell]], table: Table, engine: TextEngine) -> tuple[_Slab, ...]:
    """Place the cells on the grid, size the rows, and cut them where no span crosses.

    Linear in the number of cells: each cell is laid out, sized and boxed once.
    """
    widths = [w * cm for w in table.widths]
    lefts = list(accumulate(widths, initial=0.0))
    padding = table.cell_padding * cm
    contents = _Cells(engine)
    count = len(rows)
    placed: list[list[tuple[int, Cell, Items]]] = [[] for _ in range(count)]  # column, cell
    for r, column, cell in grid_cells(rows):
        width = lefts[column + cell.colspan] - lefts[column]
        placed[r].append((column, cell, contents.items(cell, width - 2 * padding)))
    heights = [0.0] * count
    spans: list[tuple[int, int, float]] = []  # first row, last row, content height
    span_end = list(range(count))
    for r, cells in enumerate(placed):
        for _, cell, items in cells:
            if cell.rowspan == 1:
                heights[r] = max(heights[r], _items_height(items))
            else:
                last = min(r + cell.rowspan, count) - 1
                spans.append((r, last, _items_height(items)))
                span_end[r] = max(span_end[r], last)
    # a row span taller than its rows grows its last row
    for r, last, height in sorted(spans, key=lambda s: s[1]):
        short = height - sum(heights[r : last + 1])
        if short > 0:
            heights[last] += short
    tops = list(accumulate(heights, initial=0.0))
    slabs: list[_Slab] = []
    start = 0
    reach = 0
    for r in range(count):
        reach = max(reach, span_end[r])
        if reach > r and r < count - 1:
            continue  # a span crosses the cut after row r
        end = r + 1
        boxes = tuple(
            _Box(
                x=lefts[column],
                y=tops[row] - tops[start],
                width=lefts[column + cell.colspan] - lefts[column],
                height=tops[min(row + cell.rowspan, count)] - tops[row],
                items=items,
                shaded=cell.shaded,
            )
            for row in range(start, end)
            for column, cell, items in placed[row]
        )
        single = end - start == 1 and span_end[start] == start
        slabs.append(_Slab(tops[end] - tops[start], boxes, single=single))
        start = end
    return tuple(slabs)


class TableFlow(Flow):
    """A table at the left margin; breaks between slabs and repeats the header rows."""

    def __init__(
        self,
        table: Table,
        header: tuple[_Slab, ...],
        body: tuple[_Slab, ...],
        *,
        space_before: float = 0.0,
        keep_with_next: bool = False,
    ):
        self.table = table
        self.header = header
        self.body = body
        self.header_height = sum(slab.height for slab in header)
        super().__init__(
            self.header_height + sum(slab.height for slab in body),
            space_before=space_before,
            keep_with_next=keep_with_next,
        )

    @classmethod
    def build(cls, table: Table, engine: TextEngine, *, keep_with_next: bool) -> TableFlow:
        return cls(
            table,
            _slabs(table.header, table, engine),
            _slabs(table.rows, table, engine),
            space_before=table.space_before,
            keep_with_next=keep_with_next,
        )

    def min_head(self) -> float:
        return self.header_height + (self.body[0].height if self.body else 0.0)

    def first_text(self) -> str | None:
        """The first line of each cell of the first body row, in order (the header repeats
        on every page, and a row often starts with only its number)."""
        for slab in self.body:
            texts = [box.items[0][1].text for box in slab.boxes if box.items]
            text = " ".join(t for t in texts if t.strip())
            if text:
                return text
        return None

    def split(
        self, avail: float, *, strict: bool = True, tail: bool = False
    ) -> tuple[Flow, Flow] | None:
        room = avail - self.header_height
        used = 0.0
        count = 0
        for slab in self.body[: len(self.body) - 1 if tail else len(self.body)]:
            if used + slab.height > room + EPSILON:
                break
            used += slab.height
            count += 1
        if count == len(self.body):
            return None
        if count > 0:
            return self._part(self.body[:count], first=True), self._part(self.body[count:])
        first = self.body[0]
        if not (first.single and (self.table.rows_split or not strict)):
            return None
        pieces = first.split(room)
        if pieces is None:
            return None
        head, rest = pieces
        return self._part((head,), first=True), self._part((rest, *self.body[1:]))

    def _part(self, body: tuple[_Slab, ...], *, first: bool = False) -> TableFlow:
        return TableFlow(
            self.table,
            self.header,
            body,
            space_before=self.space_before if first else 0.0,
            keep_with_next=False if first else self.keep_with_next,
        )

    def draw(self, canvas: Canvas, engine: TextEngine, x: float, y: float) -> None:
        padding = self.table.cell_padding * cm
        shade = HexColor("#" + self.table.shade_color)
        canvas.saveState()
        canvas.setLineWidth(BORDER)
        for slab in (*self.header, *self.body):
            for box in slab.boxes:
                left, top = x + box.x, y - box.y
                if box.shaded:
                    canvas.saveState()
                    canvas.setFillColor(shade)
                    canvas.rect(left, top - box.height, box.width, box.height, stroke=0, fill=1)
                    canvas.restoreState()
                line_top = top
                for gap, line in box.items:
                    line_top -= gap
                    if line.runs or line.leaders:  # an empty cell's line draws nothing
                        engine.draw_line(canvas, line, left + padding, line_top)
                    line_top -= line.height
                canvas.rect(left, top - box.height, box.width, box.height, stroke=1, fill=0)
            y -= slab.height
        canvas.restoreState()

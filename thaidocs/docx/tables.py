"""Tables written as WordprocessingML in one pass, in time linear in their cells.

python-docx rebuilds a table's whole cell grid on every ``cell()`` and ``column.cells``
call, so a table filled through it takes time quadratic in its cells (a plan of 64
activities took half a minute). Here the spans are placed once and the XML is written once;
the writer then fills each cell through the element returned for it. The XML is the one
python-docx's merge makes: ``w:gridSpan`` on a span's cell, ``w:vMerge`` restart on its top
cell and an empty continuation cell in each row below, as wide as the columns it covers.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Cm

from thaidocs.layout.tree import Cell, grid_cells

#: python-docx's table look (first row and column banding flags), kept for equal bytes
_LOOK = (
    '<w:tblLook w:firstColumn="1" w:firstRow="1" w:lastColumn="0" w:lastRow="0"'
    ' w:noHBand="0" w:noVBand="1" w:val="04A0"/>'
)


@dataclass(frozen=True)
class Slot:
    """One ``w:tc`` of a row: a cell of the tree where it starts, or an empty cell (the
    continuation of a vertical span above it, or a place no cell of the row fills)."""

    column: int
    span: int
    cell: Cell | None
    #: ``w:vMerge``: "restart" on a vertical span's top cell, "continue" below it
    merge: str | None = None


def place(rows: Sequence[Sequence[Cell]], columns: int) -> list[list[Slot]]:
    """Each row's slots from left to right, the tree's cells where :func:`grid_cells` puts
    them, a continuation below each vertical span and an empty cell in any gap."""
    starts: dict[int, dict[int, Slot]] = {}
    #: (row, column) where a vertical span continues → the columns it spans
    continuing: dict[tuple[int, int], int] = {}
    for r, c, cell in grid_cells(rows):
        starts.setdefault(r, {})[c] = Slot(
            c, cell.colspan, cell, "restart" if cell.rowspan > 1 else None
        )
        for dr in range(1, cell.rowspan):
            continuing[(r + dr, c)] = cell.colspan
    placed = []
    for r in range(len(rows)):
        slots = []
        c = 0
        while c < columns:
            span = continuing.get((r, c))
            slot = starts.get(r, {}).get(c) or Slot(
                c, span or 1, None, None if span is None else "continue"
            )
            slots.append(slot)
            c += slot.span
        placed.append(slots)
    return placed


def _twips(cm: float) -> int:
    return int(Cm(cm).twips)


def _cell_xml(slot: Slot, widths: Sequence[float], shade: str) -> str:
    columns = widths[slot.column : slot.column + slot.span]
    # a tree cell is as wide as its columns together; a continuation adds up its columns'
    # widths as python-docx does when it swallows them
    width = _twips(sum(columns)) if slot.cell else sum(_twips(w) for w in columns)
    parts = [f'<w:tc><w:tcPr><w:tcW w:type="dxa" w:w="{width}"/>']
    if slot.span > 1:
        parts.append(f'<w:gridSpan w:val="{slot.span}"/>')
    if slot.merge == "restart":
        parts.append('<w:vMerge w:val="restart"/>')
    elif slot.merge == "continue":
        parts.append("<w:vMerge/>")
    if slot.cell is not None and slot.cell.shaded:
        parts.append(f'<w:shd w:val="clear" w:color="auto" w:fill={quoteattr(shade)}/>')
    parts.append("</w:tcPr><w:p/></w:tc>")
    return "".join(parts)


def table(
    widths: Sequence[float],
    placed: Sequence[Sequence[Slot]],
    *,
    style: str | None = None,
    indent: float = 0.0,
    header_rows: int = 0,
    cant_split: bool = True,
    shade: str = "",
) -> BaseOxmlElement:
    """A ``w:tbl`` of fixed column ``widths`` (cm), ``indent`` cm from the margin, with
    one empty paragraph in each cell; its first ``header_rows`` repeat on every page."""
    parts = [f"<w:tbl {nsdecls('w')}><w:tblPr>"]
    if style is not None:
        parts.append(f"<w:tblStyle w:val={quoteattr(style)}/>")
    parts.append(f'<w:tblW w:w="{_twips(sum(widths))}" w:type="dxa"/>')
    if indent:
        parts.append(f'<w:tblInd w:w="{_twips(indent)}" w:type="dxa"/>')
    parts.append(f'<w:tblLayout w:type="fixed"/>{_LOOK}</w:tblPr><w:tblGrid>')
    parts.extend(f'<w:gridCol w:w="{_twips(width)}"/>' for width in widths)
    parts.append("</w:tblGrid>")
    for r, slots in enumerate(placed):
        parts.append("<w:tr><w:trPr>")
        if r < header_rows:
            parts.append("<w:tblHeader/>")
        if cant_split:
            parts.append("<w:cantSplit/>")
        parts.append("</w:trPr>")
        parts.extend(_cell_xml(slot, widths, shade) for slot in slots)
        parts.append("</w:tr>")
    parts.append("</w:tbl>")
    tbl: BaseOxmlElement = parse_xml("".join(parts))
    return tbl


def cells(
    tbl: BaseOxmlElement, placed: Sequence[Sequence[Slot]]
) -> Iterator[tuple[int, Slot, BaseOxmlElement]]:
    """Each slot with its row's index and its ``w:tc``, in reading order."""
    slots = ((r, slot) for r, row in enumerate(placed) for slot in row)
    for (r, slot), tc in zip(slots, tbl.iter(qn("w:tc")), strict=True):
        yield r, slot, tc

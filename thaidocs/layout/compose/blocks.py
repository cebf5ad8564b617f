"""Body blocks: paragraphs, numbered clauses and simple tables, shared by every document type.

Clause representation (both writers draw it as written)::

    Paragraph(role="clause", align=DISTRIBUTE,
              runs=(Run("๑.๑"), Run("\\t" + text)),
              left_indent=t, first_line_indent=n - t, tabs=(TabStop(t),))

``n`` is the number's position and ``t`` the text's (cm from the left margin): the first
line starts at ``n`` with the number, the tab moves to ``t``, and wrapped lines start at the
left indent ``t``, so they align under the text and not under the number. Numbers are literal
text ("๑.", "๑.๑", "(๑)", deeper "(ก)"), never a word-processor numbering list. Distributed
alignment applies to the text after the tab only.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from msgspec.structs import replace

from thaidocs.errors import InputError, Problem
from thaidocs.layout.columns import TooWide, content_widths
from thaidocs.layout.compose.context import Context
from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Align, Block, Cell, Paragraph, Run, Table, TabStop
from thaidocs.model.document import Block as InputBlock
from thaidocs.model.document import (
    Clause,
    ClauseItem,
    ClauseList,
    TableBlock,
    TableData,
    TextBlock,
)

# Thai letters used to count items, in dictionary order (ฃ and ฅ are obsolete and skipped).
THAI_LETTERS = "กขคงจฉชซฌญฎฏฐฑฒณดตถทธนบปผฝพฟภมยรลวศษสหฬอฮ"
_NUMERIC = re.compile(r"[-\d๐-๙.,/()% ]+")


def body_blocks(blocks: Sequence[InputBlock], ctx: Context, path: str = "body") -> list[Block]:
    """Blocks of the input model (``body``, a plan section's ``body``) as layout blocks;
    ``path`` is where they are in the input, for errors."""
    out: list[Block] = []
    for index, block in enumerate(blocks):
        if isinstance(block, str):
            out.append(paragraph(ctx.text(block), ctx))
        elif isinstance(block, ClauseList):
            out.extend(clauses(block.clauses, ctx))
        elif isinstance(block, TableBlock):
            table_path = f"{path}[{index}].table"
            out.append(simple_table(block.table, ctx, ctx.spec.text_width, table_path))
        elif isinstance(block, TextBlock):
            out.append(paragraph(ctx.text(block.text), ctx, indent=block.indent))
    return out


def keep_end(blocks: list[Block]) -> list[Block]:
    """``blocks`` with the last one kept with what follows (the end of the text takes the
    closing of an unsigned document, like a signature, to its page)."""
    if blocks and isinstance(blocks[-1], Paragraph):
        blocks[-1] = replace(blocks[-1], keep_with_next=True)
    return blocks


def paragraph(text: str, ctx: Context, *, indent: bool = True, role: str = "body") -> Paragraph:
    """A body paragraph: distributed, first-line indent, one line + 6 pt above."""
    spec = ctx.spec
    return Paragraph(
        runs=(Run(text),),
        align=Align.DISTRIBUTE,
        size=spec.body_size,
        first_line_indent=spec.first_line_indent if indent else 0.0,
        space_before=spec.block_space,
        role=role,
    )


def clauses(items: Sequence[ClauseItem], ctx: Context) -> list[Paragraph]:
    """Numbered clauses ๑. → ๑.๑ → (๑) → (ก), each a hanging paragraph (see module doc)."""
    return _clause_level(items, ctx, level=0, parent="", number_at=ctx.spec.clause_number_indent[0])


def _clause_level(
    items: Sequence[ClauseItem], ctx: Context, *, level: int, parent: str, number_at: float
) -> list[Paragraph]:
    spec = ctx.spec
    numbers = [_clause_number(ctx, level, parent, i) for i in range(1, len(items) + 1)]
    if level < len(spec.clause_text_indent):
        number_at = spec.clause_number_indent[level]
        text_at = spec.clause_text_indent[level]
    else:
        # deeper levels step in as the last one does, but always leave half the text width
        last = len(spec.clause_text_indent) - 1
        step = spec.clause_text_indent[last] - spec.clause_number_indent[last]
        number_at = min(number_at, spec.text_width / 2 - step)
        text_at = number_at + step
    widest = max(text_width(n, spec.body_size) for n in numbers)
    text_at = max(text_at, number_at + widest + spec.clause_gap)
    out: list[Paragraph] = []
    for number, item in zip(numbers, items, strict=True):
        text = item if isinstance(item, str) else item.text
        out.append(
            Paragraph(
                runs=(Run(number), Run("\t" + ctx.text(text))),
                align=Align.DISTRIBUTE,
                size=spec.body_size,
                left_indent=text_at,
                first_line_indent=number_at - text_at,
                tabs=(TabStop(text_at),),
                space_before=spec.block_space,
                # a clause that heads sub-clauses never ends a page
                keep_with_next=isinstance(item, Clause) and bool(item.clauses),
                role="clause",
            )
        )
        if isinstance(item, Clause) and item.clauses:
            out += _clause_level(
                item.clauses, ctx, level=level + 1, parent=number, number_at=text_at
            )
    return out


def _clause_number(ctx: Context, level: int, parent: str, n: int) -> str:
    if level == 0:
        return ctx.number(n) + "."
    if level == 1:
        return parent + ctx.number(n)
    if level == 2 or n > len(THAI_LETTERS):
        return "(" + ctx.number(n) + ")"
    return "(" + THAI_LETTERS[n - 1] + ")"


def cell(
    text: str,
    size: float,
    *,
    bold: bool = False,
    align: Align = Align.LEFT,
    colspan: int = 1,
    rowspan: int = 1,
    shaded: bool = False,
) -> Cell:
    """A table cell; each line of ``text`` is one paragraph (an empty cell keeps one, empty)."""
    lines = text.split("\n")
    return Cell(
        paragraphs=tuple(
            Paragraph(
                runs=(Run(line, bold=bold),) if line else (),
                align=align,
                size=size,
                role="cell",
            )
            for line in lines
        ),
        colspan=colspan,
        rowspan=rowspan,
        shaded=shaded,
    )


#: a table column headed with this word holds positions (ตำแหน่ง), e.g. in an order's
#: committee table
POSITION_HEADER = "ตำแหน่ง"


def data_align(text: str) -> Align:
    """Numbers (ที่, amounts, dates in digits) are centred; words read from the left."""
    return Align.CENTER if text and _NUMERIC.fullmatch(text) else Align.LEFT


def simple_table(data: TableData, ctx: Context, width: float, path: str) -> Table:
    """A body table: bold centred header row, widths given or sized by content to ``width``."""
    spec = ctx.spec
    size = spec.table_size
    columns = [ctx.text(c) for c in data.columns]
    rows = [[ctx.text(value) for value in row] for row in data.rows]
    for row in rows:
        for value in row:
            if value.startswith(spec.name_titles):
                ctx.remember_name(value)
    for index, column in enumerate(columns):
        if POSITION_HEADER in column:  # positions are document terms, kept whole like names
            ctx.remember(*(row[index] for row in rows if index < len(row) and row[index]))
    header = (tuple(cell(c, size, bold=True, align=Align.CENTER) for c in columns),)
    body = tuple(tuple(cell(v, size, align=data_align(v)) for v in row) for row in rows)
    if data.widths is not None:
        widths = tuple(data.widths)
        if sum(widths) > width + 0.005:
            raise InputError(
                [
                    Problem(
                        f"{path}.widths",
                        f"the columns add up to {sum(widths):.2f} cm, "
                        f"wider than the {width:.2f} cm of text",
                        "make them narrower, or leave widths out to size them by content",
                    )
                ]
            )
    else:
        remedy = (
            "use fewer columns (split the table), "
            "or a smaller options.spec.table_size or options.spec.cell_padding"
        )
        widths = table_widths((*header, *body), len(columns), width, ctx, path, remedy)
    return Table(
        widths=widths,
        header=header,
        rows=body,
        shade_color=spec.table_shade,
        cell_padding=spec.cell_padding,
        space_before=spec.block_space,
    )


def table_widths(
    rows: Sequence[Sequence[Cell]],
    columns: int,
    width: float,
    ctx: Context,
    path: str,
    remedy: str,
    shares: Sequence[float] | None = None,
) -> tuple[float, ...]:
    """Column widths sized by content (see ``layout.columns``), shared out by ``shares`` when
    given; a table too wide even at one letter a column is refused with the field's path, how
    much of the width its cell padding takes, and ``remedy``."""
    padding = ctx.spec.cell_padding
    try:
        return content_widths(rows, columns, width, padding, ctx.words, shares)
    except TooWide as error:
        raise InputError(
            [
                Problem(
                    path,
                    f"{columns} columns cannot fit the page: even one letter wide they need "
                    f"{error.least:.1f} cm ({2 * padding * columns:.1f} cm of it cell padding), "
                    f"the text is {width:.1f} cm wide",
                    remedy,
                )
            ]
        ) from None

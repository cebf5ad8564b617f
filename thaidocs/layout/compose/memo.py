"""บันทึกข้อความ (form 2): the internal memo."""

from __future__ import annotations

from thaidocs.layout.compose.blocks import body_blocks
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.letter import urgency_mark
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import (
    Align,
    Block,
    Emblem,
    Leader,
    Paragraph,
    Run,
    Section,
    TabStop,
)
from thaidocs.model.document import Memo


def memo(doc: Memo, ctx: Context) -> tuple[Section, ...]:
    spec = ctx.spec
    title = Paragraph(
        runs=(Run("บันทึกข้อความ", bold=True),),
        align=Align.CENTER,
        size=spec.memo_title_size,
        role="title",
    )
    # the Garuda is at the left: an urgency mark goes to the right end of the band
    urgency = (urgency_mark(ctx, doc.urgency, Align.RIGHT),) if doc.urgency else ()
    emblem = Emblem(
        image=ctx.emblem_image,
        height=spec.memo_emblem_height,
        align=Align.LEFT,
        top=spec.emblem_top,
        beside=(title, *urgency),
    )
    unit = ctx.text(doc.unit)
    to = ctx.text(doc.to)
    if doc.agency:
        ctx.remember(ctx.text(doc.agency))
    ctx.remember(unit, to)
    if doc.phone:
        unit += " โทร. " + ctx.text(doc.phone)
    to_margin = TabStop(spec.text_width, Align.RIGHT, Leader.DOT)
    to_date = TabStop(spec.memo_date_label, Align.LEFT, Leader.DOT)
    number = ctx.text(doc.number) if doc.number else ""
    blocks: list[Block] = [
        emblem,
        _header(ctx, ("ส่วนราชการ", unit), tabs=(to_margin,)),
        _header(
            ctx,
            ("ที่", number),
            ("วันที่", ctx.date(doc.date, "full")),
            tabs=(to_date, to_margin),
        ),
        _header(ctx, ("เรื่อง", ctx.text(doc.subject)), tabs=(to_margin,)),
        Paragraph(
            runs=(Run("เรียน " + to),),
            size=spec.body_size,
            space_before=spec.block_space,
            role="salutation",
        ),
    ]
    blocks += body_blocks(doc.body, ctx)
    blocks.append(signature_group(doc.signers, ctx))
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)


def _header(ctx: Context, *fields: tuple[str, str], tabs: tuple[TabStop, ...]) -> Paragraph:
    """A header line: each bold label and its value, a dotted leader after each value.

    Wrapped lines of a long value start under the first value, past the first label.
    """
    spec = ctx.spec
    runs: list[Run] = []
    for label, value in fields:
        runs.append(Run(label, bold=True, size=spec.memo_label_size))
        runs.append(Run(" " + value + "\t"))
    hang = text_width(fields[0][0], spec.memo_label_size, bold=True) + text_width(
        " ", spec.body_size
    )
    return Paragraph(
        runs=tuple(runs),
        size=spec.body_size,
        left_indent=hang,
        first_line_indent=-hang,
        tabs=tabs,
        role="header",
    )

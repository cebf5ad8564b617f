"""หนังสือภายนอก (form 1): the external letter."""

from __future__ import annotations

import math
from collections.abc import Sequence

from msgspec.structs import replace

from thaidocs.layout.compose.blocks import body_blocks
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Align, Block, Paragraph, Run, Section, TabStop
from thaidocs.model.document import Letter


def letter(doc: Letter, ctx: Context) -> tuple[Section, ...]:
    spec = ctx.spec
    size = spec.body_size
    to = ctx.text(doc.to)
    column = agency_column([ctx.text(doc.agency), *(ctx.text(line) for line in doc.address)], ctx)
    blocks: list[Block] = number_band(ctx, doc.number, doc.agency, doc.urgency, column)
    ctx.remember(to)
    blocks += [
        Paragraph(runs=(Run(ctx.text(line)),), size=size, left_indent=column, role="address")
        for line in doc.address
    ]
    blocks.append(
        Paragraph(
            runs=(Run(ctx.date(doc.date, "letter")),),
            size=size,
            left_indent=spec.letter_date_indent,
            space_before=spec.block_space,
            role="date",
        )
    )
    blocks += labelled("เรื่อง", [doc.subject], ctx)
    blocks += labelled(doc.salutation, [doc.to], ctx, role="salutation")
    blocks += labelled("อ้างถึง", doc.references, ctx, numbered=True)
    blocks += labelled("สิ่งที่ส่งมาด้วย", doc.enclosures, ctx, numbered=True)
    blocks += body_blocks(doc.body, ctx)
    closing = ctx.text(doc.closing_text)
    blocks.append(
        Paragraph(
            runs=(Run(closing),),
            size=size,
            left_indent=spec.letter_closing_indent,
            space_before=spec.block_space,
            keep_with_next=True,
            role="closing",
        )
    )
    axis = spec.letter_closing_indent + text_width(closing, size) / 2
    blocks.append(signature_group(doc.signers, ctx, axis=axis))
    blocks += contact(ctx, doc.owner_unit, phone=doc.phone, fax=doc.fax, email=doc.email)
    blocks += [
        replace(p, at_foot=True) for p in labelled("สำเนาส่ง", doc.copies, ctx, role="copies")
    ]
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)


def number_band(
    ctx: Context, number: str, agency: str, urgency: str | None, column: float
) -> list[Block]:
    """The Garuda's band: an urgency mark beside it, then "ที่ …" at the left margin and the
    agency from ``column`` (see `agency_column`) on the line at the Garuda's foot."""
    spec = ctx.spec
    beside = (urgency_mark(ctx, urgency),) if urgency else ()
    name = ctx.text(agency)
    ctx.remember(name)
    return [
        ctx.emblem(beside, overlap=spec.letter_band_lines * spec.line_height),
        Paragraph(
            runs=(Run("ที่ " + ctx.text(number)), Run("\t" + name)),
            size=spec.body_size,
            left_indent=column,
            first_line_indent=-column,
            tabs=(TabStop(column),),
            role="header",
        ),
    ]


def urgency_mark(ctx: Context, urgency: str, align: Align = Align.LEFT) -> Paragraph:
    """ด่วน, ด่วนมาก or ด่วนที่สุด: red, bold, large, on the Garuda's band."""
    spec = ctx.spec
    mark = Run(urgency, bold=True, size=spec.urgency_size, color=spec.mark_color)
    return Paragraph(runs=(mark,), align=align, size=spec.urgency_size, role="urgency")


def agency_column(lines: Sequence[str], ctx: Context) -> float:
    """Where the agency and address column starts: ``spec.letter_agency_indent``, or further
    left (as far as the middle of the line) so that the widest line ends at the right
    margin rather than wrap, as a typist moves the block for a long agency name."""
    spec = ctx.spec
    widest = max(text_width(line, spec.body_size) for line in lines)
    room = spec.text_width - widest
    return max(min(spec.letter_agency_indent, room), spec.text_width / 2)


def label_tab(label: str, ctx: Context) -> float:
    """Where a label's text starts: the next multiple of ``spec.label_tab`` past the label
    and a space."""
    step = ctx.spec.label_tab
    width = text_width(label + " ", ctx.spec.body_size)
    return round(math.ceil(width / step) * step, 3)


def labelled(
    label: str,
    items: Sequence[str],
    ctx: Context,
    *,
    numbered: bool = False,
    role: str = "label",
) -> list[Paragraph]:
    """A labelled line ("เรื่อง\\t…"): the label at the margin, the text at its tab, wrapped
    lines under the text. Several items each take a line under the first, numbered ๑. ๒. …
    when ``numbered`` (the numbers at the tab, their text at a second tab past them)."""
    if not items:
        return []
    spec = ctx.spec
    tab = label_tab(label, ctx)
    texts = [ctx.text(item) for item in items]
    stops: tuple[TabStop, ...] = (TabStop(tab),)
    if numbered and len(texts) > 1:
        numbers = [ctx.number(i) + "." for i in range(1, len(texts) + 1)]
        text_at = tab + max(text_width(n, spec.body_size) for n in numbers) + spec.clause_gap
        texts = [f"{n}\t{t}" for n, t in zip(numbers, texts, strict=True)]
        stops = (TabStop(tab), TabStop(text_at))
    else:
        text_at = tab
    out: list[Paragraph] = []
    for i, text in enumerate(texts):
        head = (Run(label),) if i == 0 else ()
        out.append(
            Paragraph(
                runs=(*head, Run("\t" + text)),
                align=Align.LEFT,
                size=spec.body_size,
                left_indent=text_at,
                first_line_indent=-text_at,
                tabs=stops,
                space_before=spec.block_space if i == 0 else 0.0,
                role=role,
            )
        )
    return out


def contact(
    ctx: Context,
    owner_unit: str | None,
    *,
    phone: str | None = None,
    fax: str | None = None,
    email: str | None = None,
) -> list[Paragraph]:
    """The owning unit and how to reach it, at the bottom left, after one blank line."""
    fields = (
        ("", owner_unit),
        ("โทร. ", phone),
        ("โทรสาร ", fax),
        ("ไปรษณีย์อิเล็กทรอนิกส์ ", email),
    )
    lines = [prefix + ctx.text(value) for prefix, value in fields if value]
    if owner_unit:
        ctx.remember(ctx.text(owner_unit))
    spec = ctx.spec
    return [
        Paragraph(
            runs=(Run(line),),
            size=spec.letter_contact_size,
            space_before=spec.line_height + spec.block_space if i == 0 else 0.0,
            keep_with_next=i < len(lines) - 1,  # the unit and its numbers stay on one page
            at_foot=True,
            role="contact",
        )
        for i, line in enumerate(lines)
    ]

"""ประกาศ (form 7) and คำสั่ง (form 4): a centred title block, the rule, body, date line."""

from __future__ import annotations

from thaidocs.layout.compose.blocks import body_blocks
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.tree import Block, Section
from thaidocs.model.document import Announcement, Order
from thaidocs.thai import be_year


def announcement(doc: Announcement, ctx: Context) -> tuple[Section, ...]:
    return _decree(doc, ctx, "ประกาศ", "ประกาศ", None)


def order(doc: Order, ctx: Context) -> tuple[Section, ...]:
    """The number line is "ที่ ๔๑๒/๒๕๖๗": orders are numbered anew each calendar year."""
    number = "ที่ " + ctx.number(doc.number) + "/" + ctx.number(be_year(doc.date))
    return _decree(doc, ctx, "คำสั่ง", "สั่ง", number)


def _decree(
    doc: Announcement | Order, ctx: Context, kind: str, verb: str, number: str | None
) -> tuple[Section, ...]:
    """``kind`` heads the title ("ประกาศ" + agency); ``verb`` the date line ("สั่ง ณ วันที่ …")."""
    agency = ctx.text(doc.agency)
    ctx.remember(agency)
    blocks: list[Block] = [
        ctx.emblem(),
        ctx.centred(kind + agency, "title", bold=ctx.spec.title_bold),
    ]
    if number is not None:
        blocks.append(ctx.centred(number, "number", bold=False))
    blocks.append(ctx.centred("เรื่อง " + ctx.text(doc.subject), "subject", bold=ctx.spec.title_bold))
    blocks.append(ctx.rule())
    blocks += body_blocks(doc.body, ctx)
    blocks.append(ctx.date_line(f"{verb} ณ วันที่ " + ctx.date(doc.date, "full")))
    blocks.append(signature_group(doc.signers, ctx))
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)

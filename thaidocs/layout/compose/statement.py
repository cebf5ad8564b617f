"""แถลงการณ์ (form 8) and ข่าว (form 9): issued in the agency's name, without a signature.

The title block is centred and bold: the kind with the agency, "เรื่อง …", and "ฉบับที่ …"
when the agency issues several on one matter. The body follows; the agency's name and the
date ("๒๕ ธันวาคม ๒๕๕๓") close it, centred, after one blank line.
"""

from __future__ import annotations

from msgspec.structs import replace

from thaidocs.layout.compose.blocks import body_blocks, keep_end
from thaidocs.layout.compose.context import Context
from thaidocs.layout.tree import Block, Section
from thaidocs.model.forms import News, Statement


def statement(doc: Statement, ctx: Context) -> tuple[Section, ...]:
    return _release(doc, ctx, "แถลงการณ์")


def news(doc: News, ctx: Context) -> tuple[Section, ...]:
    return _release(doc, ctx, "ข่าว")


def _release(doc: Statement | News, ctx: Context, kind: str) -> tuple[Section, ...]:
    spec = ctx.spec
    bold = spec.title_bold
    agency = ctx.text(doc.agency)
    ctx.remember(agency)
    blocks: list[Block] = [
        ctx.emblem(),
        ctx.centred(kind + agency, "title", bold=bold),
        ctx.centred("เรื่อง " + ctx.text(doc.subject), "subject", bold=bold),
    ]
    if doc.issue is not None:
        blocks.append(ctx.centred("ฉบับที่ " + ctx.number(doc.issue), "number", bold=bold))
    blocks.append(ctx.rule())
    blocks += keep_end(body_blocks(doc.body, ctx))
    gap = spec.line_height + spec.block_space
    blocks.append(ctx.centred(agency, "issuer", bold=False, space_before=gap))
    date = ctx.centred(ctx.date(doc.date, "letter"), "date", bold=False)
    blocks.append(replace(date, keep_with_next=False))
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)

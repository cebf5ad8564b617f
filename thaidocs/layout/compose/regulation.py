"""ระเบียบ (form 5) and ข้อบังคับ (form 6): three centred title lines, the preamble, and
clauses ข้อ ๑, ข้อ ๒ … in optional chapters (หมวด) whose numbers run on from one chapter
to the next; then "ประกาศ ณ วันที่ …" and the signature.

A clause is running text: "ข้อ ๑" at the first-line indent, its text after a space, and
wrapped lines back at the left margin, as regulations are printed. Sub-items are numbered
(๑), (๒) within their clause, then (ก), (ข).
"""

from __future__ import annotations

from collections.abc import Sequence

from thaidocs.layout.compose.blocks import THAI_LETTERS, paragraph
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.tree import Align, Block, Paragraph, Run, Section
from thaidocs.model.document import Clause, ClauseItem
from thaidocs.model.forms import Bylaw, Regulation


def regulation(doc: Regulation, ctx: Context) -> tuple[Section, ...]:
    return _rules(doc, ctx, "ระเบียบ")


def bylaw(doc: Bylaw, ctx: Context) -> tuple[Section, ...]:
    return _rules(doc, ctx, "ข้อบังคับ")


def _rules(doc: Regulation | Bylaw, ctx: Context, kind: str) -> tuple[Section, ...]:
    bold = ctx.spec.title_bold
    agency = ctx.text(doc.agency)
    ctx.remember(agency)
    blocks: list[Block] = [
        ctx.emblem(),
        ctx.centred(kind + agency, "title", bold=bold),
        ctx.centred("ว่าด้วย" + ctx.text(doc.subject), "subject", bold=bold),
        ctx.centred("พ.ศ. " + ctx.number(doc.year_of_issue), "year", bold=bold),
        ctx.rule(),
    ]
    if doc.preamble:
        blocks.append(paragraph(ctx.text(doc.preamble), ctx, role="preamble"))
    if doc.chapters:
        first = 1
        for number, chapter in enumerate(doc.chapters, start=1):
            heading = "หมวด " + ctx.number(number) + " " + ctx.text(chapter.heading)
            blocks.append(ctx.centred(heading, "chapter", bold=bold, space_before=_gap(ctx)))
            blocks += clauses(chapter.clauses, ctx, first=first)
            first += len(chapter.clauses)
    else:
        blocks += clauses(doc.clauses, ctx)
    blocks.append(ctx.date_line("ประกาศ ณ วันที่ " + ctx.date(doc.date, "full")))
    blocks.append(signature_group(doc.signers, ctx))
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)


def _gap(ctx: Context) -> float:
    """A chapter heading stands one blank line below the text before it."""
    return ctx.spec.line_height + ctx.spec.block_space


def clauses(items: Sequence[ClauseItem], ctx: Context, *, first: int = 1) -> list[Paragraph]:
    """ข้อ ``first``, ข้อ ``first + 1`` …, each followed by its sub-items."""
    return _level(items, ctx, level=0, first=first)


def _level(items: Sequence[ClauseItem], ctx: Context, *, level: int, first: int) -> list[Paragraph]:
    spec = ctx.spec
    indents = spec.regulation_clause_indent
    indent = indents[min(level, len(indents) - 1)]
    out: list[Paragraph] = []
    for n, item in enumerate(items, start=first):
        text = item if isinstance(item, str) else item.text
        out.append(
            Paragraph(
                runs=(Run(_number(ctx, level, n) + " " + ctx.text(text)),),
                align=Align.DISTRIBUTE,
                size=spec.body_size,
                first_line_indent=indent,
                space_before=spec.block_space,
                role="clause",
            )
        )
        if isinstance(item, Clause) and item.clauses:
            out += _level(item.clauses, ctx, level=level + 1, first=1)
    return out


def _number(ctx: Context, level: int, n: int) -> str:
    """ข้อ ๑ for a clause; (๑) for its items; (ก) for theirs; (๑) again further down."""
    if level == 0:
        return "ข้อ " + ctx.number(n)
    if level == 2 and n <= len(THAI_LETTERS):
        return "(" + THAI_LETTERS[n - 1] + ")"
    return "(" + ctx.number(n) + ")"

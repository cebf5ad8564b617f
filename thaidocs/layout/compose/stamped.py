"""หนังสือประทับตรา (form 3): the stamped letter, sent under the agency's stamp instead of a
signature.

The Garuda's band carries "ที่ …" and the agency as in the external letter; "ถึง" names the
addressee; after the body, the agency's name stands where the stamp goes (centred on the
signature axis) with the date under it, and the responsible officer's initials
(ลงชื่อย่อกำกับตรา) beside the stamp; the owning unit and its telephone end the page at the left.
"""

from __future__ import annotations

from thaidocs.layout.compose.blocks import body_blocks, keep_end
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.letter import agency_column, contact, labelled, number_band
from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Align, Block, Paragraph, Run, Section
from thaidocs.model.forms import Stamped


def stamped(doc: Stamped, ctx: Context) -> tuple[Section, ...]:
    spec = ctx.spec
    blocks: list[Block] = number_band(
        ctx, doc.number, doc.agency, doc.urgency, agency_column([ctx.text(doc.agency)], ctx)
    )
    ctx.remember(ctx.text(doc.to))
    blocks += labelled("ถึง", [doc.to], ctx, role="salutation")
    blocks += keep_end(body_blocks(doc.body, ctx))
    gap = spec.line_height + spec.block_space
    blocks.append(_on_axis(ctx, ctx.text(doc.agency), "stamp", space_before=gap))
    blocks.append(_on_axis(ctx, ctx.date(doc.date, "letter"), "date", keep=bool(doc.initials)))
    if doc.initials:
        initials = ctx.text(doc.initials)
        room = spec.text_width - text_width(initials, spec.body_size)
        blocks.append(
            Paragraph(
                runs=(Run(initials),),
                size=spec.body_size,
                left_indent=max(min(spec.stamp_initials_indent, room), 0.0),
                role="initials",
            )
        )
    blocks += contact(ctx, doc.owner_unit, phone=doc.phone)
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)


def _on_axis(
    ctx: Context, text: str, role: str, *, space_before: float = 0.0, keep: bool = True
) -> Paragraph:
    """A line centred on the signature axis, where the stamp is pressed."""
    spec = ctx.spec
    half = spec.signature_width / 2
    return Paragraph(
        runs=(Run(text),),
        align=Align.CENTER,
        size=spec.body_size,
        left_indent=spec.signature_axis - half,
        right_indent=max(spec.text_width - spec.signature_axis - half, 0.0),
        space_before=space_before,
        keep_with_next=keep,
        role=role,
    )

"""หนังสือรับรอง: a certificate the agency gives a person or body.

The Garuda's band carries "ที่ …" and the agency; "หนังสือรับรอง" stands centred and bold
one blank line below; the body starts with its first-line indent ("หนังสือฉบับนี้ให้ไว้เพื่อ
รับรองว่า …"); then "ให้ไว้ ณ วันที่ …" and the signature. A photo of the holder (or its empty
frame) may follow at the bottom left, the holder's signature line and name under it.
"""

from __future__ import annotations

from thaidocs.layout.compose.blocks import body_blocks
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.letter import agency_column, number_band
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.tree import Align, Block, Paragraph, Photo, Run, Section
from thaidocs.model.forms import Certificate

#: the line the holder signs on, under the photo
SIGNING_LINE = "ลงชื่อ" + "." * 30


def certificate(doc: Certificate, ctx: Context) -> tuple[Section, ...]:
    spec = ctx.spec
    blocks: list[Block] = number_band(
        ctx, doc.number, doc.agency, None, agency_column([ctx.text(doc.agency)], ctx)
    )
    gap = spec.line_height + spec.block_space
    blocks.append(ctx.centred("หนังสือรับรอง", "title", bold=spec.title_bold, space_before=gap))
    blocks += body_blocks(doc.body, ctx)
    blocks.append(ctx.date_line("ให้ไว้ ณ วันที่ " + ctx.date(doc.date, "full")))
    blocks.append(signature_group(doc.signers, ctx))
    if doc.photo is not None or doc.holder is not None:
        blocks += _photo(doc, ctx)
    return (Section(page=ctx.page(), blocks=tuple(blocks)),)


def _photo(doc: Certificate, ctx: Context) -> list[Block]:
    """The photo frame at the bottom left, the holder's signing line and name centred under
    it."""
    spec = ctx.spec
    photo = Photo(
        image=doc.photo,
        width=spec.photo_width,
        height=spec.photo_height,
        left=spec.photo_indent,
        space_before=spec.block_space,
    )
    lines = [SIGNING_LINE]
    if doc.holder:
        holder = ctx.text(doc.holder)
        ctx.remember_name(holder)
        lines.append(f"({holder})")
    # centred on the frame's axis, as wide as the frame with its margin on either side
    axis = spec.photo_indent + spec.photo_width / 2
    return [
        photo,
        *(
            Paragraph(
                runs=(Run(line),),
                align=Align.CENTER,
                size=spec.body_size,
                right_indent=spec.text_width - 2 * axis,
                keep_with_next=i < len(lines) - 1,
                role="holder",
            )
            for i, line in enumerate(lines)
        ),
    ]

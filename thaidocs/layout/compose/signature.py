"""The signature block, shared by every document type."""

from __future__ import annotations

from collections.abc import Sequence

from msgspec.structs import replace

from thaidocs.layout.compose.context import Context
from thaidocs.layout.tree import Signature, SignatureGroup
from thaidocs.model.document import Signer


def signature_group(
    signers: Sequence[Signer],
    ctx: Context,
    *,
    text_width: float | None = None,
    axis: float | None = None,
    space_before: float = 0.0,
    dated: str | None = None,
) -> SignatureGroup:
    """One signer on ``axis`` (default ``spec.signature_axis``); several two to a row.

    Positions in the spec are for the portrait text column; on a wider column (landscape)
    they scale with it. A lone signer in the last row of several is centred on the column,
    where the approving authority signs under the two who propose and endorse. ``dated`` is
    a last line under the last signer (a plan's approval date).
    """
    spec = ctx.spec
    column = spec.text_width if text_width is None else text_width
    scale = column / spec.text_width
    rows: list[tuple[Signature, ...]] = []
    if len(signers) == 1:
        where = spec.signature_axis * scale if axis is None else axis
        rows.append((_signature(signers[0], ctx, where, spec.signature_width),))
    else:
        width = spec.signature_columns_width * scale
        axes = [a * scale for a in spec.signature_columns_axes]
        for start in range(0, len(signers), 2):
            pair = signers[start : start + 2]
            places = axes if len(pair) == 2 else [column / 2]
            rows.append(
                tuple(_signature(s, ctx, a, width) for s, a in zip(pair, places, strict=True))
            )
    if dated:
        *first, last = rows[-1]
        rows[-1] = (*first, replace(last, positions=(*last.positions, dated)))
    return SignatureGroup(
        rows=tuple(rows),
        space_before=space_before,
        row_gap=spec.signature_row_gap,
        size=spec.body_size,
    )


def _signature(signer: Signer, ctx: Context, axis: float, width: float) -> Signature:
    """Name in parentheses, own position lines, then the acting phrase with the principal."""
    name = ctx.text(signer.name)
    positions = [ctx.text(p) for p in signer.position]
    ctx.remember_name(name)
    ctx.remember(*positions)
    if signer.acting and signer.acting_for:
        principal = ctx.text(signer.acting_for)
        ctx.remember(principal)
        positions.append(f"{signer.acting} {principal}")
    return Signature(
        axis=axis,
        width=width,
        caption=ctx.text(signer.role) if signer.role else None,
        image=signer.signature,
        signing_space=ctx.spec.signing_lines * ctx.spec.line_height,
        name=f"({name})",
        positions=tuple(positions),
    )

"""Composers: a document model in, the layout tree out. The official rules live here, once.

One composer per document type (`announcement`, `order`, `letter`, `memo`, `plan`) over
shared pieces: body blocks and clauses (`blocks`), the signature block (`signature`).
"""

from __future__ import annotations

from thaidocs.layout.compose.announcement import announcement, order
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.letter import letter
from thaidocs.layout.compose.memo import memo
from thaidocs.layout.compose.plan import plan
from thaidocs.layout.spec import LayoutSpec
from thaidocs.layout.tree import LayoutDocument, Metadata, Section
from thaidocs.model.document import Announcement, Document, Letter, Memo, Order, Plan


def compose(doc: Document, spec: LayoutSpec | None = None) -> LayoutDocument:
    """Lay out ``doc`` with ``spec`` (default: the official format), then the overrides the
    document itself carries in ``options.spec``."""
    spec = effective_spec(doc, spec)
    ctx = Context.of(doc, spec)
    sections: tuple[Section, ...]
    if isinstance(doc, Announcement):
        sections, kind = announcement(doc, ctx), "ประกาศ"
    elif isinstance(doc, Order):
        sections, kind = order(doc, ctx), "คำสั่ง"
    elif isinstance(doc, Letter):
        sections, kind = letter(doc, ctx), "หนังสือภายนอก"
    elif isinstance(doc, Memo):
        sections, kind = memo(doc, ctx), "บันทึกข้อความ"
    else:
        sections, kind = plan(doc, ctx), "แผน"
    title = doc.title if isinstance(doc, Plan) else doc.subject
    return LayoutDocument(
        metadata=Metadata(title=ctx.text(title), subject=kind, author=ctx.text(doc.agency)),
        sections=sections,
        font=doc.options.font,
        line_spacing=ctx.spec.line_spacing,
        words=tuple(ctx.words),
    )


def effective_spec(doc: Document, spec: LayoutSpec | None = None) -> LayoutSpec:
    """``spec`` (or the default) with the document's ``options.spec`` overrides, validated."""
    base = spec if spec is not None else LayoutSpec()
    if not doc.options.spec:
        return base
    return LayoutSpec.model_validate({**base.model_dump(), **doc.options.spec})


__all__ = ["compose", "effective_spec"]

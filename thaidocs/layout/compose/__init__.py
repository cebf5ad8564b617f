"""Composers: a document model in, the layout tree out. The official rules live here, once.

One composer per form of the regulation (`announcement` with `order`, `letter`, `memo`,
`plan`, `regulation` with `bylaw`, `statement` with `news`, `stamped`, `certificate`,
`minutes`) over shared pieces: body blocks and clauses (`blocks`), the signature block
(`signature`).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import msgspec

from thaidocs.layout.compose.announcement import announcement, order
from thaidocs.layout.compose.certificate import certificate
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.letter import letter
from thaidocs.layout.compose.memo import memo
from thaidocs.layout.compose.minutes import minutes
from thaidocs.layout.compose.plan import plan
from thaidocs.layout.compose.regulation import bylaw, regulation
from thaidocs.layout.compose.stamped import stamped
from thaidocs.layout.compose.statement import news, statement
from thaidocs.layout.spec import LayoutSpec
from thaidocs.layout.tree import LayoutDocument, Metadata, Section
from thaidocs.model.document import Document

Composer = Callable[[Any, Context], tuple[Section, ...]]

#: each type's composer and the name of its kind (the PDF's subject)
COMPOSERS: dict[str, tuple[Composer, str]] = {
    "announcement": (announcement, "ประกาศ"),
    "order": (order, "คำสั่ง"),
    "letter": (letter, "หนังสือภายนอก"),
    "memo": (memo, "บันทึกข้อความ"),
    "plan": (plan, "แผน"),
    "regulation": (regulation, "ระเบียบ"),
    "bylaw": (bylaw, "ข้อบังคับ"),
    "statement": (statement, "แถลงการณ์"),
    "news": (news, "ข่าว"),
    "stamped": (stamped, "หนังสือประทับตรา"),
    "certificate": (certificate, "หนังสือรับรอง"),
    "minutes": (minutes, "รายงานการประชุม"),
}


def compose(doc: Document, spec: LayoutSpec | None = None) -> LayoutDocument:
    """Lay out ``doc`` with ``spec`` (default: the official format), then the overrides the
    document itself carries in ``options.spec``."""
    spec = effective_spec(doc, spec)
    ctx = Context.of(doc, spec)
    composer, kind = COMPOSERS[doc.type]
    sections = composer(doc, ctx)
    return LayoutDocument(
        metadata=Metadata(
            title=ctx.text(_title(doc, kind)), subject=kind, author=ctx.text(_author(doc))
        ),
        sections=sections,
        font=doc.options.font,
        line_spacing=ctx.spec.line_spacing,
        words=tuple(ctx.words),
    )


def _title(doc: Document, kind: str) -> str:
    """What the document is about, for the PDF's and the .docx's title."""
    for key in ("subject", "title", "meeting"):
        value = getattr(doc, key, None)
        if isinstance(value, str):
            return value
    return kind


def _author(doc: Document) -> str:
    """The issuing agency; a memo's unit or a meeting's name when there is none."""
    for key in ("agency", "unit", "meeting"):
        value = getattr(doc, key, None)
        if isinstance(value, str):
            return value
    return ""


def effective_spec(doc: Document, spec: LayoutSpec | None = None) -> LayoutSpec:
    """``spec`` (or the default) with the document's ``options.spec`` overrides, validated."""
    base = spec if spec is not None else LayoutSpec.defaults()
    if not doc.options.spec:
        return base
    return msgspec.structs.replace(base, **doc.options.spec)


__all__ = ["compose", "effective_spec"]

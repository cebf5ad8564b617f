"""The layout tree read as text, in reading order: what a person reads on the page."""

from __future__ import annotations

from thaidocs.layout.tree import (
    Block,
    Emblem,
    LayoutDocument,
    Paragraph,
    Photo,
    Rule,
    Spacer,
    Table,
)

#: stand-ins for the blocks that carry no text
EMBLEM = "[emblem]"
RULE = "[rule]"
PHOTO = "[photo]"


def tree_text(tree: LayoutDocument) -> list[str]:
    """Every paragraph, table cell and signature line, in order, one string each.

    The emblem, the title rule and a photo frame appear as ``EMBLEM``, ``RULE`` and
    ``PHOTO`` (the emblem's band text follows it); a cell's paragraphs are joined by
    newlines; tabs stay as ``"\\t"``.
    """
    return [text for section in tree.sections for block in section.blocks for text in _text(block)]


def _text(block: Block) -> list[str]:
    if isinstance(block, Paragraph):
        return [block.text]
    if isinstance(block, Emblem):
        return [EMBLEM, *(p.text for p in block.beside)]
    if isinstance(block, Rule):
        return [RULE]
    if isinstance(block, Spacer):
        return []
    if isinstance(block, Photo):
        return [PHOTO]
    if isinstance(block, Table):
        return [cell.text for row in (*block.header, *block.rows) for cell in row]
    lines: list[str] = []
    for row in block.rows:
        for signature in row:
            if signature.caption:
                lines.append(signature.caption)
            lines += [signature.name, *signature.positions]
    return lines


__all__ = ["EMBLEM", "PHOTO", "RULE", "tree_text"]

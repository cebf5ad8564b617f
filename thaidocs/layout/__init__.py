"""Layout: the spec of the official format, the layout tree, and the composers that make it.

``compose(doc)`` turns a document model into a `LayoutDocument` that both writers draw.
"""

from thaidocs.layout.compose import compose
from thaidocs.layout.spec import LayoutSpec
from thaidocs.layout.text import tree_text
from thaidocs.layout.tree import (
    Align,
    Block,
    Cell,
    Emblem,
    LayoutDocument,
    Leader,
    Margins,
    Metadata,
    PageSetup,
    Paragraph,
    Photo,
    Rule,
    Run,
    Section,
    Signature,
    SignatureGroup,
    Spacer,
    Table,
    TabStop,
)

__all__ = [
    "Align",
    "Block",
    "Cell",
    "Emblem",
    "LayoutDocument",
    "LayoutSpec",
    "Leader",
    "Margins",
    "Metadata",
    "PageSetup",
    "Paragraph",
    "Photo",
    "Rule",
    "Run",
    "Section",
    "Signature",
    "SignatureGroup",
    "Spacer",
    "TabStop",
    "Table",
    "compose",
    "tree_text",
]

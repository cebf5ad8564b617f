"""The input model: typed documents, loading and validation, and the JSON Schema."""

from thaidocs.model.document import (
    Activity,
    Announcement,
    Clause,
    ClauseList,
    Document,
    Letter,
    Memo,
    Options,
    Order,
    Plan,
    Section,
    Signer,
    TableBlock,
    TextBlock,
)
from thaidocs.model.load import from_dict, json_schema, load

__all__ = [
    "Activity",
    "Announcement",
    "Clause",
    "ClauseList",
    "Document",
    "Letter",
    "Memo",
    "Options",
    "Order",
    "Plan",
    "Section",
    "Signer",
    "TableBlock",
    "TextBlock",
    "from_dict",
    "json_schema",
    "load",
]

"""thaidocs: official Thai government documents from structured data, as .docx and PDF."""

from __future__ import annotations

import os
from importlib import import_module
from typing import TYPE_CHECKING, Any

# pythainlp must never write to the home directory (it would create ~/pythainlp-data), and
# it reads this setting each time it would write: so it is set, not defaulted, whatever the
# environment said and whether or not pythainlp was imported first.
os.environ["PYTHAINLP_READ_ONLY"] = "1"

__version__ = "0.1.0"

# Public names, imported on first use so that `import thaidocs` stays fast.
_EXPORTS = {
    "InputError": "thaidocs.errors",
    "Problem": "thaidocs.errors",
    "Announcement": "thaidocs.model",
    "Order": "thaidocs.model",
    "Letter": "thaidocs.model",
    "Memo": "thaidocs.model",
    "Plan": "thaidocs.model",
    "Signer": "thaidocs.model",
    "Clause": "thaidocs.model",
    "Activity": "thaidocs.model",
    "Regulation": "thaidocs.model",
    "Bylaw": "thaidocs.model",
    "Statement": "thaidocs.model",
    "News": "thaidocs.model",
    "Stamped": "thaidocs.model",
    "Certificate": "thaidocs.model",
    "Minutes": "thaidocs.model",
    "Chapter": "thaidocs.model",
    "Attendee": "thaidocs.model",
    "AgendaItem": "thaidocs.model",
    "Options": "thaidocs.model",
    "Document": "thaidocs.model",
    "load": "thaidocs.model",
    "from_dict": "thaidocs.model",
    "json_schema": "thaidocs.model",
    "compose": "thaidocs.layout",
    "LayoutSpec": "thaidocs.layout",
    "render": "thaidocs.api",
    "to_pdf": "thaidocs.api",
    "to_docx": "thaidocs.api",
    "to_json": "thaidocs.api",
    "extract": "thaidocs.api",
    "check": "thaidocs.proofread",
    "Finding": "thaidocs.proofread",
    "merge": "thaidocs.batch",
    "render_many": "thaidocs.batch",
    "RecordError": "thaidocs.batch",
    "sign": "thaidocs.signing.signer",
    "verify": "thaidocs.signing.verifier",
    "SignatureReport": "thaidocs.signing.report",
    "SigningError": "thaidocs.errors",
    "set_cache_limit": "thaidocs.caching",
    "clear_caches": "thaidocs.caching",
}

__all__ = [
    "Activity",
    "AgendaItem",
    "Announcement",
    "Attendee",
    "Bylaw",
    "Certificate",
    "Chapter",
    "Clause",
    "Document",
    "Finding",
    "InputError",
    "LayoutSpec",
    "Letter",
    "Memo",
    "Minutes",
    "News",
    "Options",
    "Order",
    "Plan",
    "Problem",
    "RecordError",
    "Regulation",
    "SignatureReport",
    "Signer",
    "SigningError",
    "Stamped",
    "Statement",
    "__version__",
    "check",
    "clear_caches",
    "compose",
    "extract",
    "from_dict",
    "json_schema",
    "load",
    "merge",
    "render",
    "render_many",
    "set_cache_limit",
    "sign",
    "to_docx",
    "to_json",
    "to_pdf",
    "verify",
]

if TYPE_CHECKING:
    from thaidocs.api import extract, render, to_docx, to_json, to_pdf
    from thaidocs.batch import RecordError, merge, render_many
    from thaidocs.caching import clear_caches, set_cache_limit
    from thaidocs.errors import InputError, Problem, SigningError
    from thaidocs.layout import LayoutSpec, compose
    from thaidocs.model import (
        Activity,
        AgendaItem,
        Announcement,
        Attendee,
        Bylaw,
        Certificate,
        Chapter,
        Clause,
        Document,
        Letter,
        Memo,
        Minutes,
        News,
        Options,
        Order,
        Plan,
        Regulation,
        Signer,
        Stamped,
        Statement,
        from_dict,
        json_schema,
        load,
    )
    from thaidocs.proofread import Finding, check
    from thaidocs.signing.report import SignatureReport
    from thaidocs.signing.signer import sign
    from thaidocs.signing.verifier import verify


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'thaidocs' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value

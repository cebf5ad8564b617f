"""The public entry points: one document in, .docx or PDF bytes out."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from thaidocs.layout import LayoutSpec, compose
from thaidocs.model import Document, from_dict, load

DocumentSource = Document | Mapping[str, Any] | str | Path


def _document(doc: DocumentSource) -> Document:
    if isinstance(doc, str | Path):
        return load(doc)
    if isinstance(doc, Mapping):
        return from_dict(doc)
    return doc


def to_pdf(doc: DocumentSource, spec: LayoutSpec | None = None) -> bytes:
    """The document as PDF bytes (fonts embedded, text extractable exactly)."""
    from thaidocs.pdf.writer import write_pdf
    from thaidocs.signing.fields import SignatureFields

    model = _document(doc)
    options = model.options
    return write_pdf(
        compose(model, spec),
        font_paths=options.pdf_font,
        font_scale=options.pdf_font_scale,
        on_signing_space=SignatureFields() if options.signature_fields else None,
    )


def to_docx(doc: DocumentSource, spec: LayoutSpec | None = None) -> bytes:
    """The document as .docx bytes, editable with the official styles."""
    from thaidocs.docx import write_docx

    return write_docx(compose(_document(doc), spec))


_WRITERS = {".pdf": to_pdf, ".docx": to_docx}


def render(doc: DocumentSource, path: str | Path, spec: LayoutSpec | None = None) -> Path:
    """Write the document to ``path``, its format chosen by the suffix (.pdf or .docx).

    The file appears whole or not at all: bytes go to a temporary file beside it first.
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot write {path.suffix!r}: use .pdf or .docx")
    data = writer(doc, spec)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

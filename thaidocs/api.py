"""The public entry points: one document in, .docx or PDF bytes out."""

from __future__ import annotations

from pathlib import Path

from thaidocs.files import write_atomic
from thaidocs.layout import LayoutSpec, compose
from thaidocs.model.load import DocumentSource
from thaidocs.model.load import as_document as _document


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

    The file appears whole or not at all: bytes go to a temporary file beside it first. The
    file's permissions follow the user's umask (a secret document under ``umask 077`` stays
    private).
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot write {path.suffix!r}: use .pdf or .docx")
    write_atomic(path, writer(doc, spec))
    return path

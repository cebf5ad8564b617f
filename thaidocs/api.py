"""The public entry points: one document in, .docx or PDF bytes out."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from thaidocs.collector import collector_paused
from thaidocs.errors import InputError
from thaidocs.files import write_atomic
from thaidocs.layout import LayoutSpec, compose
from thaidocs.model.convert import to_data
from thaidocs.model.load import DocumentSource
from thaidocs.model.load import as_document as _document

if TYPE_CHECKING:
    from thaidocs.model import Document
    from thaidocs.signing.keys import SigningKey


def to_pdf(doc: DocumentSource, spec: LayoutSpec | None = None) -> bytes:
    """The document as PDF bytes (fonts embedded, text extractable exactly).

    Text the PDF font cannot draw is an `InputError` naming the field and the characters.
    """
    with collector_paused():
        return _pdf(_document(doc), spec)


def _pdf(model: Document, spec: LayoutSpec | None) -> bytes:
    from thaidocs.pdf.coverage import missing_glyphs
    from thaidocs.pdf.writer import write_pdf
    from thaidocs.signing.fields import SignatureFields

    options = model.options
    missing = missing_glyphs(model)
    if missing:
        raise InputError(missing)
    return write_pdf(
        compose(model, spec),
        font_paths=options.pdf_font,
        font_scale=options.pdf_font_scale,
        on_signing_space=SignatureFields() if options.signature_fields else None,
        catchword=options.catchword,
        date=getattr(model, "date", None),
        pdfa=options.pdfa if isinstance(options.pdfa, str) else None,
        source=to_json(model).encode("utf-8") if options.pdfa == "3u" else None,
    )


def to_json(doc: DocumentSource) -> str:
    """The document as canonical JSON (sorted keys, defaults left out): what an archival
    PDF carries, and what ``load`` reads back into an equal document."""
    model = _document(doc)
    data = {"type": model.type, **to_data(model, omit_defaults=True)}
    text: str = json.dumps(data, ensure_ascii=False, sort_keys=True, indent=2)
    return text


def extract(pdf: bytes | str | Path) -> str | None:
    """The input document an archival (PDF/A-3u) file carries, as JSON text; None if the
    file carries none. ``load`` or ``from_dict`` reads it back into the same document."""
    from thaidocs.pdf.archive import attached_source

    data = pdf if isinstance(pdf, bytes) else Path(pdf).read_bytes()
    source = attached_source(data)
    return None if source is None else source.decode("utf-8")


def to_docx(doc: DocumentSource, spec: LayoutSpec | None = None) -> bytes:
    """The document as .docx bytes, editable with the official styles."""
    from thaidocs.docx import write_docx

    with collector_paused():
        return write_docx(compose(_document(doc), spec))


_WRITERS = {".pdf": to_pdf, ".docx": to_docx}


def _signed(pdf: bytes, model: Document, how: str | Path | SigningKey | Mapping[str, Any]) -> bytes:
    """The first signer's signature in field signer-1, their position on the stamp."""
    from thaidocs.signing.signer import sign

    options: dict[str, Any] = dict(how) if isinstance(how, Mapping) else {"key": how}
    options.setdefault("field", "signer-1")
    signers = getattr(model, "signers", None) or []
    if signers and signers[0].position:
        options.setdefault("position", signers[0].position[0])
    return sign(pdf, **options)


def render(
    doc: DocumentSource,
    path: str | Path,
    spec: LayoutSpec | None = None,
    *,
    sign: str | Path | SigningKey | Mapping[str, Any] | None = None,
) -> Path:
    """Write the document to ``path``, its format chosen by the suffix (.pdf or .docx).

    ``sign`` signs a PDF in field signer-1 (see ``thaidocs.sign``): a PKCS#12 file whose
    password is in THAIDOCS_KEY_PASSWORD, a key loaded once with
    ``thaidocs.signing.load_key``, or a mapping of ``sign``'s keyword arguments.

    The file appears whole or not at all: bytes go to a temporary file beside it first. The
    file's permissions follow the user's umask (a secret document under ``umask 077`` stays
    private).
    """
    path = Path(path)
    writer = _WRITERS.get(path.suffix.lower())
    if writer is None:
        raise ValueError(f"cannot write {path.suffix!r}: use .pdf or .docx")
    if sign is not None and writer is not to_pdf:
        raise ValueError(f"only a PDF can be signed, not {path.name}")
    model = _document(doc)
    data = writer(model, spec)
    if sign is not None:
        data = _signed(data, model, sign)
    write_atomic(path, data)
    return path

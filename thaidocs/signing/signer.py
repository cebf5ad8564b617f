"""PAdES signatures into a PDF's signature fields, as incremental updates.

Each signature is appended after the bytes already there, so the signatures before it stay
valid: the second signer signs the file the first one signed. Levels (ETSI EN 319 142-1):
B-B a plain signature; B-T with a trusted time from a timestamp authority; B-LT with the
certificates and revocation data a verifier needs, embedded; B-LTA with a document
timestamp over all of it, so it can be renewed before the algorithms age.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path
from threading import Lock

from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.generic import pdf_name
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import (
    SigFieldSpec,
    SigSeedSubFilter,
    append_signature_field,
    enumerate_sig_fields,
)
from pyhanko.sign.general import SigningError as PyHankoSigningError
from pyhanko.sign.signers import PdfSignatureMetadata, PdfSigner, pdf_signer
from pyhanko.sign.timestamps import HTTPTimeStamper, TimeStamper
from pyhanko.sign.validation import dss
from pyhanko.stamp import BaseStampStyle
from pyhanko.stamp.noop import NoOpStampStyle
from pyhanko_certvalidator import ValidationContext

from thaidocs.errors import SigningError
from thaidocs.signing import PASSWORD_VARIABLE
from thaidocs.signing.keys import SigningKey, load_key, read_certificates, read_revocation
from thaidocs.signing.stamp import stamp_lines, stamp_style

LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")
#: room kept for the signature: pyHanko would otherwise sign twice to measure it
_RESERVED = {"B-B": 16384, "B-T": 32768, "B-LT": 32768, "B-LTA": 32768}


def sign(
    pdf: bytes | str | Path,
    key: str | Path | SigningKey,
    password: bytes | str | None = None,
    field: str | None = None,
    level: str = "B-B",
    timestamp_url: str | None = None,
    reason: str | None = None,
    location: str | None = None,
    *,
    timestamper: TimeStamper | None = None,
    trust: Iterable[str | Path] = (),
    revocation: Iterable[str | Path] = (),
    fetch: bool = False,
    visible: bool = True,
    position: str | None = None,
) -> bytes:
    """The PDF signed in ``field`` (default: its first empty signature field).

    ``key`` is a PKCS#12 file (its ``password`` given, else read from the environment
    variable ``THAIDOCS_KEY_PASSWORD``) or a key loaded once with ``load_key`` for many
    documents. B-T and above need a timestamp authority: ``timestamp_url``, or any pyHanko
    ``timestamper``. B-LT and B-LTA embed revocation data: CRL or OCSP files in
    ``revocation``, or ``fetch=True`` to download them; ``trust`` names the root
    certificates the chain ends in (default: the roots that came in the PKCS#12 file).
    ``visible`` draws a stamp in the field: the signer's name, ``position`` and the time.
    """
    if level not in LEVELS:
        raise SigningError(f"unknown level {level!r}: use one of {', '.join(LEVELS)}")
    signing_key = key if isinstance(key, SigningKey) else load_key(key, _password(password))
    when = datetime.now(UTC)
    signing_key.check_dates(when)
    tsa = timestamper or (HTTPTimeStamper(timestamp_url) if timestamp_url else None)
    if level == "B-B":
        tsa = None
    elif tsa is None:
        raise SigningError(f"level {level} needs a timestamp authority: give its URL (--tsa)")
    writer = _writer(pdf)
    target, boxed = _empty_field(writer.prev, field)
    style: BaseStampStyle = NoOpStampStyle()
    if visible and boxed:
        style = stamp_style(stamp_lines(signing_key.name, position, when))
    long_term = level in ("B-LT", "B-LTA")
    meta = PdfSignatureMetadata(
        field_name=target,
        md_algorithm="sha256",
        subfilter=SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
        embed_validation_info=long_term,
        use_pades_lta=level == "B-LTA",
        timestamp_field_name=_timestamp_field(writer) if level == "B-LTA" else None,
        validation_context=_context(signing_key, trust, revocation, fetch) if long_term else None,
    )
    signer = PdfSigner(meta, signing_key.signer, timestamper=tsa, stamp_style=style)
    try:
        with _metadata_kept_in_later_revisions():
            out = signer.sign_pdf(
                writer, existing_fields_only=True, bytes_reserved=_RESERVED[level]
            )
    except PyHankoSigningError as error:
        raise SigningError(_explain(error, level)) from None
    data: bytes = out.getvalue()
    return data


def _password(given: bytes | str | None) -> bytes | str | None:
    return given if given is not None else os.environ.get(PASSWORD_VARIABLE)


def pdf_bytes(pdf: bytes | str | Path) -> bytes:
    """The PDF's bytes, from memory or a file."""
    if isinstance(pdf, bytes):
        return pdf
    try:
        return Path(pdf).read_bytes()
    except OSError as error:
        raise SigningError(f"cannot read {pdf}: {error.strerror or error}") from None


class _MetadataKept(IncrementalPdfFileWriter):
    """pyHanko appends itself to the Info /Producer and rewrites the XMP packet, dropping
    its PDF/A identification: a PDF/A file would be PDF/A no longer. A signature leaves the
    document's metadata, Info and XMP, as they were (the signature carries its own time)."""

    def _update_meta(self) -> None:
        return


_PYHANKO_WRITERS = (pdf_signer, dss)
_patch_lock = Lock()


@contextmanager
def _metadata_kept_in_later_revisions() -> Iterator[None]:
    """B-LT and B-LTA add revisions after the signature (validation data, the document
    timestamp) through writers pyHanko makes itself; while we sign, they keep the metadata
    too. One signing at a time swaps them, under a lock."""
    with _patch_lock:
        saved = [module.IncrementalPdfFileWriter for module in _PYHANKO_WRITERS]
        for module in _PYHANKO_WRITERS:
            module.IncrementalPdfFileWriter = _MetadataKept  # type: ignore[attr-defined]
        try:
            yield
        finally:
            for module, original in zip(_PYHANKO_WRITERS, saved, strict=True):
                module.IncrementalPdfFileWriter = original  # type: ignore[attr-defined]


def _writer(pdf: bytes | str | Path) -> IncrementalPdfFileWriter:
    try:
        return _MetadataKept(BytesIO(pdf_bytes(pdf)), strict=False)
    except (PdfError, ValueError) as error:
        raise SigningError(f"not a readable PDF: {error}") from None


def _empty_field(reader: PdfFileReader, wanted: str | None) -> tuple[str, bool]:
    """The field to sign and whether it has an area to draw a stamp in."""
    empty: list[tuple[str, bool]] = []
    signed: list[str] = []
    for name, value, ref in enumerate_sig_fields(reader):
        if value is not None:
            signed.append(name)
            continue
        rect = ref.get_object().get("/Rect")
        area = rect is not None and abs((rect[2] - rect[0]) * (rect[3] - rect[1])) > 0
        empty.append((name, area))
    if wanted is None:
        if not empty:
            raise SigningError(
                "the PDF has no empty signature field: render it with the option "
                "signature_fields on (the default)"
            )
        return empty[0]
    for name, area in empty:
        if name == wanted:
            return name, area
    if wanted in signed:
        raise SigningError(f"the field {wanted} is already signed")
    names = ", ".join(name for name, _ in empty) or "none"
    raise SigningError(f"the PDF has no signature field {wanted} (empty fields: {names})")


def _timestamp_field(writer: IncrementalPdfFileWriter) -> str:
    """A field for B-LTA's document timestamp, made in the signature's revision: invisible,
    but with an (empty) appearance, which PDF/A asks of every annotation. pyHanko's own
    timestamp field has none."""
    taken = {name for name, _, _ in enumerate_sig_fields(writer)}
    name = next(f"timestamp-{n}" for n in range(1, len(taken) + 2) if f"timestamp-{n}" not in taken)
    append_signature_field(writer, SigFieldSpec(sig_field_name=name))
    for found, _, ref in enumerate_sig_fields(writer):
        if found == name:
            blank = generic.StreamObject(
                {
                    pdf_name("/Type"): pdf_name("/XObject"),
                    pdf_name("/Subtype"): pdf_name("/Form"),
                    pdf_name("/BBox"): generic.ArrayObject([generic.NumberObject(0)] * 4),  # type: ignore[no-untyped-call]
                },
                stream_data=b"",
            )
            appearance = {pdf_name("/N"): writer.add_object(blank)}
            ref.get_object()[pdf_name("/AP")] = generic.DictionaryObject(appearance)  # type: ignore[no-untyped-call]
    return name


def _context(
    key: SigningKey, trust: Iterable[str | Path], revocation: Iterable[str | Path], fetch: bool
) -> ValidationContext:
    roots = read_certificates(trust) or key.roots
    given = read_revocation(revocation)
    if not (given or fetch):
        raise SigningError(
            "B-LT and B-LTA embed revocation data: give the CRLs or OCSP responses "
            "(--crl) or allow fetching them (--fetch)"
        )
    return ValidationContext(
        trust_roots=roots,
        other_certs=key.chain,
        allow_fetching=fetch,
        crls=given.crls,
        ocsps=given.ocsps,
    )


def _explain(error: PyHankoSigningError, level: str) -> str:
    message = str(error.failure_message if hasattr(error, "failure_message") else error)
    if "validat" in message.lower() or "revocation" in message.lower():
        return (
            f"cannot embed validation data for {level}: {message} (are the root, "
            "the CRLs or OCSP responses right?)"
        )
    return f"signing failed: {message}"

"""Every signature of a PDF checked: intact, valid, trusted, and what was added after it.

Checked offline against the roots the caller trusts, with the certificates and revocation
data the file carries (its DSS) and any CRLs given; nothing is fetched.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from datetime import datetime
from io import BytesIO
from pathlib import Path
from typing import Any

from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.misc import PdfError
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko.sign.validation.pdf_embedded import EmbeddedPdfSignature
from pyhanko.sign.validation.status import PdfSignatureStatus, SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from thaidocs.errors import SigningError
from thaidocs.signing.keys import Revocation, certificate_name, read_certificates, read_revocation
from thaidocs.signing.report import SignatureReport
from thaidocs.signing.signer import pdf_bytes


def verify(
    pdf: bytes | str | Path,
    trust: Iterable[str | Path] = (),
    *,
    revocation: Iterable[str | Path] = (),
) -> list[SignatureReport]:
    """One report per signature, in signing order.

    ``trust`` names the root certificates (PEM or DER) a signer's chain must end in; with
    none, no signature is trusted. ``revocation`` adds CRLs or OCSP responses to those the
    file carries.
    """
    data = pdf_bytes(pdf)
    try:
        reader = PdfFileReader(BytesIO(data), strict=False)
        signatures = list(reader.embedded_regular_signatures)
        stamps = list(reader.embedded_timestamp_signatures)
    except (PdfError, ValueError, KeyError) as error:
        raise SigningError(f"not a readable PDF: {error}") from None
    roots = read_certificates(trust)
    given = read_revocation(revocation)
    vri = _vri(reader)
    return [
        _report(sig, lambda: _context(reader, roots, given), roots, vri, stamps)
        for sig in signatures
    ]


def _context(
    reader: PdfFileReader, roots: list[asn1_x509.Certificate], revocation: Revocation
) -> ValidationContext:
    """Offline: the given roots, and the revocation data given and in the file's DSS."""
    options: dict[str, Any] = {
        "trust_roots": roots,
        "allow_fetching": False,
        "crls": revocation.crls,
        "ocsps": revocation.ocsps,
    }
    try:
        dss = DocumentSecurityStore.read_dss(reader)
    except (KeyError, PdfError, ValueError):
        return ValidationContext(**options)
    return dss.as_validation_context(options)


def _vri(reader: PdfFileReader) -> set[str]:
    """Signatures the DSS holds validation data for (by SHA-1 of their contents)."""
    try:
        entries = reader.root["/DSS"]["/VRI"]
    except KeyError:
        return set()
    return {str(name).lstrip("/").upper() for name in entries}


def _report(
    sig: EmbeddedPdfSignature,
    context: Callable[[], ValidationContext],
    roots: list[asn1_x509.Certificate],
    vri: set[str],
    stamps: list[EmbeddedPdfSignature],
) -> SignatureReport:
    field = str(sig.field_name)
    signer = certificate_name(sig.signer_cert)
    try:
        status = validate_pdf_signature(sig, context())
    except Exception as error:  # a damaged signature must be reported, not crash the rest
        return SignatureReport(
            field,
            signer,
            None,
            "B-B",
            False,
            False,
            False,
            False,
            [f"the signature cannot be checked: {error}"],
        )
    problems = []
    if not status.intact:
        problems.append("the signed bytes were changed after signing")
    if not status.valid:
        problems.append("the signature value does not match the signer's certificate")
    if not status.trusted:
        problems.append(_trust_problem(status, roots))
    covers = _covers(status)
    if not covers:
        problems.append(
            "the document was changed after this signature in a way signatures do not allow"
        )
    level, level_problems = _level(sig, status, vri, stamps, context)
    signed_at: datetime | None = status.signer_reported_dt
    if status.timestamp_validity is not None:
        signed_at = status.timestamp_validity.timestamp
    return SignatureReport(
        field=field,
        signer=signer,
        signed_at=signed_at,
        level=level,
        intact=bool(status.intact),
        valid=bool(status.valid),
        trusted=bool(status.trusted),
        covers_document=covers,
        problems=problems + level_problems,
    )


def _covers(status: PdfSignatureStatus) -> bool:
    if status.coverage == SignatureCoverageLevel.ENTIRE_FILE:
        return True
    return status.coverage == SignatureCoverageLevel.ENTIRE_REVISION and bool(status.docmdp_ok)


def _trust_problem(status: PdfSignatureStatus, roots: list[asn1_x509.Certificate]) -> str:
    if not roots:
        return "no trusted root certificate was given (--trust), so the signer cannot be trusted"
    if status.revocation_details is not None:
        return "the signer's certificate was revoked"
    indication = status.trust_problem_indic
    words = str(indication).rsplit(".", 1)[-1].replace("_", " ").lower() if indication else "?"
    return f"the signer's certificate does not chain to a trusted root ({words})"


def _level(
    sig: EmbeddedPdfSignature,
    status: PdfSignatureStatus,
    vri: set[str],
    stamps: list[EmbeddedPdfSignature],
    context: Callable[[], ValidationContext],
) -> tuple[str, list[str]]:
    if status.timestamp_validity is None:
        return "B-B", []
    if hashlib.sha1(sig.pkcs7_content).hexdigest().upper() not in vri:
        return "B-T", []
    later = [stamp for stamp in stamps if stamp.signed_revision > sig.signed_revision]
    if not later:
        return "B-LT", []
    stamp_status = validate_pdf_timestamp(later[-1], context())
    if stamp_status.intact and stamp_status.valid:
        return "B-LTA", []
    return "B-LT", ["the document timestamp over the validation data is broken"]

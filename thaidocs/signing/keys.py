"""Signing keys from PKCS#12 files, loaded once and kept.

Opening a PKCS#12 file costs about 100 ms (its key derivation is slow on purpose): a batch
that signs many documents keeps the loaded key. The password is used to open the file and
is then dropped; it is never part of a message or of the cache's memory.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from threading import Lock
from typing import Any

from asn1crypto import ocsp, pem
from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives.asymmetric.ec import ECDSA, EllipticCurvePrivateKey
from cryptography.hazmat.primitives.asymmetric.padding import PKCS1v15
from cryptography.hazmat.primitives.asymmetric.rsa import RSAPrivateKey
from cryptography.hazmat.primitives.asymmetric.types import PrivateKeyTypes
from cryptography.hazmat.primitives.serialization import load_der_private_key, pkcs12
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign.signers import SimpleSigner
from pyhanko_certvalidator.registry import SimpleCertificateStore
from pyhanko_certvalidator.util import get_pyca_cryptography_hash

from thaidocs.errors import SigningError


class _KeptKeySigner(SimpleSigner):
    """pyHanko's signer parses its private key again for every signature, and for RSA that
    means checking the key's primes: over 100 ms a document. This one keeps the parsed key
    (checked once, when the PKCS#12 file was opened) for RSA PKCS#1 v1.5 and ECDSA, the
    mechanisms of signing certificates; any other falls back to pyHanko's own way."""

    def __init__(self, private: PrivateKeyTypes, **options: Any) -> None:
        super().__init__(**options)
        self._private: PrivateKeyTypes | None = private

    def __getstate__(self) -> dict[str, Any]:
        state = dict(self.__dict__)
        state["_private"] = None  # a process that receives the key parses it once again
        return state

    def _key(self) -> PrivateKeyTypes:
        if self._private is None:
            self._private = load_der_private_key(self.signing_key.dump(), password=None)
        return self._private

    def sign_raw(self, data: bytes, digest_algorithm: str) -> bytes:
        mechanism = self.get_signature_mechanism_for_digest(digest_algorithm)
        hash_algo = get_pyca_cryptography_hash(digest_algorithm)
        key = self._key()
        if mechanism.signature_algo == "rsassa_pkcs1v15" and isinstance(key, RSAPrivateKey):
            return key.sign(data, PKCS1v15(), hash_algo)
        if mechanism.signature_algo == "ecdsa" and isinstance(key, EllipticCurvePrivateKey):
            return key.sign(data, ECDSA(hash_algo))
        signature: bytes = super().sign_raw(data, digest_algorithm)
        return signature


@dataclass(frozen=True)
class SigningKey:
    """A private key with its certificate and the chain that came with it."""

    signer: SimpleSigner
    chain: tuple[asn1_x509.Certificate, ...]
    source: str

    @property
    def certificate(self) -> asn1_x509.Certificate:
        return self.signer.signing_cert

    @property
    def name(self) -> str:
        """The signer's name: the certificate's common name."""
        return certificate_name(self.certificate)

    def check_dates(self, when: datetime) -> None:
        """Refuse a certificate that is not yet or no longer valid at ``when``."""
        validity = self.certificate["tbs_certificate"]["validity"]
        not_before, not_after = validity["not_before"].native, validity["not_after"].native
        if when > not_after:
            day = not_after.date().isoformat()
            raise SigningError(f"the certificate in {self.source} expired on {day}: renew it")
        if when < not_before:
            day = not_before.date().isoformat()
            raise SigningError(f"the certificate in {self.source} is valid only from {day}")

    @property
    def roots(self) -> list[asn1_x509.Certificate]:
        """Self-signed certificates of the chain: the roots a signer trusts by default."""
        return [cert for cert in self.chain if cert.self_signed in ("yes", "maybe")]


def certificate_name(cert: asn1_x509.Certificate) -> str:
    """Common name, else the whole subject."""
    return str(cert.subject.native.get("common_name") or cert.subject.human_friendly)


_cache: dict[tuple[str, int, int, bytes], SigningKey] = {}
_lock = Lock()
_CACHE_SIZE = 8


def load_key(path: str | Path, password: bytes | str | None) -> SigningKey:
    """Open a PKCS#12 (.p12/.pfx) file; the same unchanged file and password give the
    key loaded before."""
    path = Path(path)
    secret = password.encode() if isinstance(password, str) else password
    try:
        stat = path.stat()
        data = path.read_bytes()
    except OSError as error:
        raise SigningError(f"cannot read the key {path}: {error.strerror or error}") from None
    # the cache is keyed by a digest of file and password, never the password itself
    tag = hashlib.sha256(data + b"\0" + (secret or b"")).digest()
    slot = (str(path.resolve()), stat.st_mtime_ns, stat.st_size, tag)
    with _lock:
        cached = _cache.get(slot)
    if cached is not None:
        return cached
    key = _open(data, secret, str(path))
    with _lock:
        if len(_cache) >= _CACHE_SIZE:
            _cache.pop(next(iter(_cache)))
        _cache[slot] = key
    return key


def _open(data: bytes, secret: bytes | None, source: str) -> SigningKey:
    try:
        private, cert, others = pkcs12.load_key_and_certificates(data, secret)
    except ValueError:
        wrong = "the password is wrong" if secret else "it needs a password"
        raise SigningError(
            f"cannot open the key {source}: {wrong}, or it is not a PKCS#12 (.p12/.pfx) file"
        ) from None
    if private is None or cert is None:
        raise SigningError(f"{source} holds no private key with its certificate")
    chain = tuple(translate_pyca_cryptography_cert_to_asn1(c) for c in others)
    registry = SimpleCertificateStore()  # type: ignore[no-untyped-call]
    registry.register_multiple(chain)
    signer = _KeptKeySigner(
        private,
        signing_key=translate_pyca_cryptography_key_to_asn1(private),
        signing_cert=translate_pyca_cryptography_cert_to_asn1(cert),
        cert_registry=registry,
    )
    return SigningKey(signer=signer, chain=chain, source=source)


def read_certificates(paths: Iterable[str | Path]) -> list[asn1_x509.Certificate]:
    """Certificates from PEM or DER files (a PEM file may hold several)."""
    found: list[asn1_x509.Certificate] = []
    for path in paths:
        data = _read(path, "certificate")
        try:
            if pem.detect(data):
                found += [asn1_x509.Certificate.load(der) for _, _, der in pem.unarmor(data, True)]
            else:
                found.append(asn1_x509.Certificate.load(data))
            for cert in found:
                cert.native  # noqa: B018  (parses now, so a bad file fails here)
        except (ValueError, TypeError):
            raise SigningError(f"{path} is not a PEM or DER certificate") from None
    return found


@dataclass(frozen=True)
class Revocation:
    """Revocation data for the validator: CRLs and OCSP responses (DER)."""

    crls: list[bytes]
    ocsps: list[bytes]

    def __bool__(self) -> bool:
        return bool(self.crls or self.ocsps)


def read_revocation(paths: Iterable[str | Path]) -> Revocation:
    """CRLs (DER or PEM) and OCSP responses (DER) from files, told apart by content."""
    found = Revocation([], [])
    for path in paths:
        data = _read(path, "revocation list")
        items = [der for _, _, der in pem.unarmor(data, True)] if pem.detect(data) else [data]
        for item in items:
            (found.ocsps if _is_ocsp(item) else found.crls).append(item)
    return found


def _is_ocsp(data: bytes) -> bool:
    try:
        ocsp.OCSPResponse.load(data)["response_status"].native  # noqa: B018
    except (ValueError, TypeError, KeyError):
        return False
    return True


def _read(path: str | Path, what: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except OSError as error:
        raise SigningError(f"cannot read the {what} {path}: {error.strerror or error}") from None

"""A test PKI made on the spot: a root CA, signers with Thai names, a TSA and a CRL.

X.509 allows 64 bytes of UTF-8 in a name attribute, about 21 Thai characters: the names here
stay under it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

PASSWORD = "รหัสผ่าน-ทดสอบ"
ROOT_NAME = "ศูนย์ทดสอบใบรับรอง"
SIGNERS = ("นายวันศักดิ์ คำแหง", "นางสาวกมลวรรณ ศรีสุข")
NOW = datetime.now(UTC).replace(microsecond=0)

Key = rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey


def _name(common: str) -> x509.Name:
    assert len(common.encode()) <= 64, f"{common!r} is longer than X.509 allows"
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "TH"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "หน่วยงานทดสอบ"),
            x509.NameAttribute(NameOID.COMMON_NAME, common),
        ]
    )


def _key() -> ec.EllipticCurvePrivateKey:
    return ec.generate_private_key(ec.SECP256R1())


@dataclass
class Issued:
    name: str
    key: Key
    cert: x509.Certificate

    def p12(self, chain: list[x509.Certificate], password: str = PASSWORD) -> bytes:
        encryption = serialization.BestAvailableEncryption(password.encode())
        return pkcs12.serialize_key_and_certificates(None, self.key, self.cert, chain, encryption)


@dataclass
class PKI:
    root: Issued
    signers: list[Issued]
    expired: Issued
    tsa: Issued
    crl: x509.CertificateRevocationList
    folder: Path
    files: dict[str, Path] = field(default_factory=dict)

    def pem(self, cert: x509.Certificate) -> bytes:
        return cert.public_bytes(serialization.Encoding.PEM)


def _issue(
    name: str,
    issuer: Issued | None,
    *,
    ca: bool = False,
    tsa: bool = False,
    not_after: datetime | None = None,
    key: Key | None = None,
) -> Issued:
    key = key or _key()
    subject = _name(name)
    signing_key = issuer.key if issuer else key
    builder = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(issuer.cert.subject if issuer else subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(NOW - timedelta(days=30))
        .not_valid_after(not_after or NOW + timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
    )
    if issuer:
        builder = builder.add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(issuer.key.public_key()), False
        )
    usage = dict.fromkeys(
        (
            "digital_signature",
            "content_commitment",
            "key_encipherment",
            "data_encipherment",
            "key_agreement",
            "key_cert_sign",
            "crl_sign",
            "encipher_only",
            "decipher_only",
        ),
        False,
    )
    if ca:
        usage.update(key_cert_sign=True, crl_sign=True)
    else:
        usage.update(digital_signature=True, content_commitment=not tsa)
    builder = builder.add_extension(x509.KeyUsage(**usage), critical=True)
    if tsa:
        builder = builder.add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.TIME_STAMPING]), critical=True
        )
    cert = builder.sign(signing_key, hashes.SHA256())
    return Issued(name, key, cert)


def make_pki(folder: Path) -> PKI:
    """Everything written to ``folder``: root.pem, crl.der, signer-1.p12, signer-2.p12,
    expired.p12 (its certificate ran out yesterday)."""
    root = _issue(ROOT_NAME, None, ca=True, not_after=NOW + timedelta(days=3650))
    # one signer with an EC key, one with RSA: the two kinds CAs issue
    rsa_signer = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    signers = [_issue(SIGNERS[0], root), _issue(SIGNERS[1], root, key=rsa_signer)]
    expired = _issue("นายหมดอายุ ทดสอบ", root, not_after=NOW - timedelta(days=1))
    # pyHanko's in-process timestamper signs with RSA only
    rsa_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    tsa = _issue("ตราเวลาทดสอบ", root, tsa=True, key=rsa_key)
    crl = (
        x509.CertificateRevocationListBuilder()
        .issuer_name(root.cert.subject)
        .last_update(NOW - timedelta(hours=1))
        .next_update(NOW + timedelta(days=7))
        .add_extension(x509.CRLNumber(1), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(root.key.public_key()), False
        )
        .sign(root.key, hashes.SHA256())
    )
    pki = PKI(root, signers, expired, tsa, crl, folder)
    folder.mkdir(parents=True, exist_ok=True)
    files = {
        "root.pem": pki.pem(root.cert),
        "crl.der": crl.public_bytes(serialization.Encoding.DER),
        "signer-1.p12": signers[0].p12([root.cert]),
        "signer-2.p12": signers[1].p12([root.cert]),
        "expired.p12": expired.p12([root.cert]),
    }
    for name, data in files.items():
        (folder / name).write_bytes(data)
        pki.files[name] = folder / name
    return pki

"""Archival PDF signed: a PDF/A file stays PDF/A at every PAdES level, by the part-2/3 lint."""

from __future__ import annotations

from pathlib import Path

import pytest
from msgspec.structs import replace
from pdfa_lint import lint
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from signing_pki import PASSWORD, PKI, make_pki

import thaidocs

PLAN = Path(__file__).resolve().parent.parent / "samples" / "plan.yaml"


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.mark.parametrize("level", ["B-B", "B-T", "B-LT", "B-LTA"])
@pytest.mark.parametrize("pdfa", ["3u", "2u"])
def test_pdfa_stays_pdfa_after_two_signatures(pdfa: str, level: str, pki: PKI) -> None:
    doc = thaidocs.load(PLAN)
    doc = replace(doc, options=replace(doc.options, pdfa=pdfa))
    pdf = thaidocs.to_pdf(doc)
    assert lint(pdf, pdfa) == []
    tsa = DummyTimeStamper(
        tsa_cert=translate_pyca_cryptography_cert_to_asn1(pki.tsa.cert),
        tsa_key=translate_pyca_cryptography_key_to_asn1(pki.tsa.key),
    )
    for signer in (1, 2):
        pdf = thaidocs.sign(
            pdf,
            pki.files[f"signer-{signer}.p12"],
            PASSWORD,
            level=level,
            timestamper=tsa,
            revocation=[pki.files["crl.der"]],
        )
        assert lint(pdf, pdfa) == []
    reports = thaidocs.verify(pdf, trust=[pki.files["root.pem"]])
    assert [(r.field, r.level, r.ok) for r in reports] == [
        ("signer-1", level, True),
        ("signer-2", level, True),
    ]

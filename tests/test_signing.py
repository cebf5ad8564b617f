"""Signing and verifying, checked by pyHanko's validator and by poppler's pdfsig (NSS)."""

from __future__ import annotations

import logging
import os
import pickle
import re
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from io import BytesIO
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import require_tool
from pyhanko.keys.internal import (
    translate_pyca_cryptography_cert_to_asn1,
    translate_pyca_cryptography_key_to_asn1,
)
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper
from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
from pyhanko.sign.validation.dss import DocumentSecurityStore
from pyhanko_certvalidator import ValidationContext
from signing_pki import PASSWORD, PKI, make_pki

import thaidocs
from thaidocs.cli import app
from thaidocs.model.convert import to_data
from thaidocs.signing import load_key
from thaidocs.signing.stamp import BANGKOK

ROOT = Path(__file__).resolve().parent.parent
PLAN = ROOT / "samples" / "plan.yaml"
ANNOUNCEMENT = ROOT / "samples" / "announcement.yaml"
LEVELS = ("B-B", "B-T", "B-LT", "B-LTA")


@pytest.fixture(scope="module")
def pki(tmp_path_factory: pytest.TempPathFactory) -> PKI:
    return make_pki(tmp_path_factory.mktemp("pki"))


@pytest.fixture(scope="module")
def tsa(pki: PKI) -> DummyTimeStamper:
    return DummyTimeStamper(
        tsa_cert=translate_pyca_cryptography_cert_to_asn1(pki.tsa.cert),
        tsa_key=translate_pyca_cryptography_key_to_asn1(pki.tsa.key),
    )


@pytest.fixture(scope="module")
def plan_pdf() -> bytes:
    return thaidocs.to_pdf(PLAN)


@pytest.fixture(scope="module")
def nss(pki: PKI, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """An NSS database that trusts the test root, for pdfsig."""
    certutil = require_tool("certutil")
    folder = tmp_path_factory.mktemp("nss")
    subprocess.run([certutil, "-N", "-d", f"sql:{folder}", "--empty-password"], check=True)
    root = str(pki.files["root.pem"])
    add = [certutil, "-A", "-d", f"sql:{folder}", "-n", "root", "-t", "CT,C,C", "-i", root]
    subprocess.run(add, check=True)
    return folder


def pdfsig(pdf: Path, nss: Path) -> dict[str, list[str]]:
    """pdfsig's lines for each signature field, by field name."""
    tool = require_tool("pdfsig")
    result = subprocess.run(
        [tool, "-nssdir", f"sql:{nss}", str(pdf)], capture_output=True, text=True
    )
    fields: dict[str, list[str]] = {}
    current: list[str] = []
    for line in result.stdout.splitlines():
        name = re.match(r"\s*- Signature Field Name: (.*)", line)
        if name:
            current = fields.setdefault(name.group(1), [])
        current.append(line.strip())
    return fields


def pyhanko_check(pdf: bytes, pki: PKI, level: str) -> None:
    """pyHanko's own validator, on its own: every signature intact, valid and trusted. From
    B-LT on, offline with revocation checking required, so the file's own validation data
    must be enough; at B-LTA the document timestamp must hold too."""
    reader = PdfFileReader(BytesIO(pdf))
    signatures = reader.embedded_regular_signatures
    assert signatures
    root = translate_pyca_cryptography_cert_to_asn1(pki.root.cert)

    def context() -> ValidationContext:
        if level in ("B-B", "B-T"):
            return ValidationContext(trust_roots=[root])
        options = {"trust_roots": [root], "revocation_mode": "hard-fail"}
        return DocumentSecurityStore.read_dss(reader).as_validation_context(options)

    for sig in signatures:
        status = validate_pdf_signature(sig, context())
        assert status.intact and status.valid and status.trusted, status.pretty_print_details()  # type: ignore[no-untyped-call]
        assert (status.timestamp_validity is not None) == (level != "B-B")
    stamps = reader.embedded_timestamp_signatures
    assert bool(stamps) == (level == "B-LTA")
    for stamp in stamps:
        stamp_status = validate_pdf_timestamp(stamp, context())
        assert stamp_status.intact and stamp_status.valid and stamp_status.trusted


def sign(pdf: bytes, pki: PKI, tsa: DummyTimeStamper, signer: int = 1, **options: object) -> bytes:
    return thaidocs.sign(
        pdf,
        key=pki.files[f"signer-{signer}.p12"],
        password=PASSWORD,
        timestamper=tsa,
        revocation=[pki.files["crl.der"]],
        **options,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("level", LEVELS)
def test_each_level_round_trips(
    level: str, pki: PKI, tsa: DummyTimeStamper, plan_pdf: bytes, nss: Path, tmp_path: Path
) -> None:
    signed = sign(plan_pdf, pki, tsa, level=level)
    reports = thaidocs.verify(signed, trust=[pki.files["root.pem"]])
    assert [(r.field, r.signer, r.level, r.ok, r.problems) for r in reports] == [
        ("signer-1", pki.signers[0].name, level, True, [])
    ]
    pyhanko_check(signed, pki, level)
    out = tmp_path / "signed.pdf"
    out.write_bytes(signed)
    lines = pdfsig(out, nss)["signer-1"]
    assert "- Signature Validation: Signature is Valid." in lines
    assert "- Certificate Validation: Certificate is Trusted." in lines


@pytest.mark.parametrize("level", ["B-B", "B-LTA"])
def test_second_signer_keeps_the_first_valid(
    level: str, pki: PKI, tsa: DummyTimeStamper, plan_pdf: bytes, nss: Path, tmp_path: Path
) -> None:
    first = sign(plan_pdf, pki, tsa, level=level)
    both = sign(first, pki, tsa, signer=2, level=level)
    assert both.startswith(first)  # an incremental update: the first signer's bytes kept
    reports = thaidocs.verify(both, trust=[pki.files["root.pem"]])
    assert [(r.field, r.signer, r.ok) for r in reports] == [
        ("signer-1", pki.signers[0].name, True),
        ("signer-2", pki.signers[1].name, True),
    ]
    pyhanko_check(both, pki, level)
    out = tmp_path / "both.pdf"
    out.write_bytes(both)
    listing = pdfsig(out, nss)
    for name in ("signer-1", "signer-2"):
        assert "- Signature Validation: Signature is Valid." in listing[name]
        assert "- Certificate Validation: Certificate is Trusted." in listing[name]
    assert "The signature form field is not signed." in listing["signer-3"]


def _stream_byte(pdf: bytes) -> int:
    """An offset inside the first page's content stream, far from any structure."""
    start = pdf.index(b"stream\n", pdf.index(b"/FlateDecode")) + len(b"stream\n")
    return start + 40


def test_a_changed_byte_fails(
    pki: PKI, tsa: DummyTimeStamper, plan_pdf: bytes, nss: Path, tmp_path: Path
) -> None:
    signed = bytearray(sign(plan_pdf, pki, tsa))
    at = _stream_byte(bytes(signed))
    signed[at] ^= 0x01
    tampered = tmp_path / "tampered.pdf"
    tampered.write_bytes(signed)
    [report] = thaidocs.verify(tampered, trust=[pki.files["root.pem"]])
    assert not report.intact and not report.ok
    assert "the signed bytes were changed after signing" in report.problems
    lines = pdfsig(tampered, nss)["signer-1"]
    assert "- Signature Validation: Signature is Valid." not in lines
    result = cli("verify", str(tampered), "--trust", str(pki.files["root.pem"]))
    assert result.returncode == 1
    assert "FAILED: the signed bytes were changed after signing" in result.stdout


def test_stamp_text_extracts_exactly(pki: PKI, tsa: DummyTimeStamper, tmp_path: Path) -> None:
    pdftotext = require_tool("pdftotext")
    doc = thaidocs.load(ANNOUNCEMENT)
    assert isinstance(doc, thaidocs.Announcement)
    position = doc.signers[0].position[0]
    out = thaidocs.render(
        doc,
        tmp_path / "signed.pdf",
        sign={"key": pki.files["signer-1.p12"], "password": PASSWORD},
    )
    [report] = thaidocs.verify(out, trust=[pki.files["root.pem"]])
    assert report.ok and report.field == "signer-1"
    text = subprocess.run(
        [pdftotext, str(out), "-"], capture_output=True, text=True, check=True
    ).stdout
    lines = text.splitlines()
    start = lines.index(f"ลงลายมือชื่อดิจิทัลโดย {pki.signers[0].name}")
    assert lines[start + 1] == position
    stamp_time = lines[start + 2]
    assert report.signed_at is not None
    # the stamp's time is the signing time in Bangkok, B.E. year, Thai digits
    candidates = {
        thaidocs_time((report.signed_at + timedelta(seconds=delta)).astimezone(BANGKOK))
        for delta in (-60, 0)
    }
    assert stamp_time in candidates
    # everything the page said before signing is still there, unchanged
    unsigned = tmp_path / "unsigned.pdf"
    thaidocs.render(doc, unsigned)
    before = subprocess.run(
        [pdftotext, str(unsigned), "-"], capture_output=True, text=True, check=True
    ).stdout
    stamp = "\n".join(lines[start : start + 3])
    assert text.replace(stamp + "\n", "").split() == before.split()


def thaidocs_time(moment: object) -> str:
    from thaidocs.thai import format_date, to_thai_digits

    clock = to_thai_digits(f"{moment.hour:02d}.{moment.minute:02d}")  # type: ignore[attr-defined]
    return f"วันที่ {format_date(moment.date())} เวลา {clock} น."  # type: ignore[attr-defined]


def test_signing_errors_say_what_to_do(pki: PKI, plan_pdf: bytes, tsa: DummyTimeStamper) -> None:
    key = pki.files["signer-1.p12"]
    with pytest.raises(thaidocs.SigningError, match="needs a timestamp authority"):
        thaidocs.sign(plan_pdf, key, PASSWORD, level="B-T")
    with pytest.raises(thaidocs.SigningError, match="embed revocation data"):
        thaidocs.sign(plan_pdf, key, PASSWORD, level="B-LT", timestamper=tsa)
    with pytest.raises(thaidocs.SigningError, match="no signature field signer-9"):
        thaidocs.sign(plan_pdf, key, PASSWORD, field="signer-9")
    with pytest.raises(thaidocs.SigningError, match="unknown level"):
        thaidocs.sign(plan_pdf, key, PASSWORD, level="B-X")


def test_a_loaded_key_is_kept_and_travels_to_other_processes(pki: PKI, plan_pdf: bytes) -> None:
    first = load_key(pki.files["signer-2.p12"], PASSWORD)
    assert load_key(pki.files["signer-2.p12"], PASSWORD) is first
    # a process pool receives the key pickled, and signs with it
    copy = pickle.loads(pickle.dumps(first))
    signed = thaidocs.sign(plan_pdf, copy)
    [report] = thaidocs.verify(signed, trust=[pki.files["root.pem"]])
    assert report.ok and report.signer == pki.signers[1].name


def test_the_password_is_never_logged(
    pki: PKI, plan_pdf: bytes, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        thaidocs.sign(plan_pdf, pki.files["signer-2.p12"], PASSWORD)
        with pytest.raises(thaidocs.SigningError) as error:
            thaidocs.sign(plan_pdf, pki.files["signer-2.p12"], PASSWORD + "x")
    assert PASSWORD not in caplog.text
    assert PASSWORD not in str(error.value)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def cli(*args: str, password: str | None = PASSWORD, process: bool = False) -> Ran:
    """The command line, in this process (fast) or as its own process (the real entry point),
    with the password only in the environment."""
    env = {"THAIDOCS_KEY_PASSWORD": password}
    if process:
        full = {k: v for k, v in os.environ.items() if k != "THAIDOCS_KEY_PASSWORD"}
        full["PYTHONPATH"] = str(ROOT)
        if password is not None:
            full["THAIDOCS_KEY_PASSWORD"] = password
        done = subprocess.run(
            [sys.executable, "-m", "thaidocs", *args],
            capture_output=True,
            text=True,
            env=full,
            stdin=subprocess.DEVNULL,
        )
        return Ran(done.returncode, done.stdout, done.stderr)
    result = CliRunner().invoke(app, list(args), env=env)
    # an exception other than the exit is a traceback a user would see
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return Ran(result.exit_code, result.stdout, result.stderr)


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory, plan_pdf: bytes) -> Path:
    path = tmp_path_factory.mktemp("cli") / "plan.pdf"
    path.write_bytes(plan_pdf)
    return path


def test_cli_signs_twice_and_verifies(pki: PKI, unsigned: Path, tmp_path: Path) -> None:
    first, second = tmp_path / "1.pdf", tmp_path / "2.pdf"
    key = str(pki.files["signer-1.p12"])
    result = cli("sign", str(unsigned), "--key", key, "--out", str(first), process=True)
    assert result.returncode == 0, result.stderr
    result = cli("sign", str(first), "--key", str(pki.files["signer-2.p12"]), "--out", str(second))
    assert result.returncode == 0, result.stderr
    result = cli("verify", str(second), "--trust", str(pki.files["root.pem"]), process=True)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(": ok") == 2
    untrusted = cli("verify", str(second))
    assert untrusted.returncode == 1
    assert "no trusted root certificate was given (--trust)" in untrusted.stdout
    nothing = cli("verify", str(unsigned))
    assert nothing.returncode == 1 and "no signature" in nothing.stderr


def _fields_off(tmp_path: Path) -> Path:
    data = to_data(thaidocs.load(ANNOUNCEMENT))
    data["options"]["signature_fields"] = False
    return thaidocs.render(thaidocs.from_dict(data), tmp_path / "no-fields.pdf")


@pytest.mark.parametrize(
    ("case", "message"),
    [
        ("wrong password", "the password is wrong"),
        ("missing key", "no key file"),
        ("expired", "expired on"),
        ("no empty field", "no empty signature field"),
        ("no password", "set THAIDOCS_KEY_PASSWORD"),
    ],
)
def test_cli_errors_are_clear(
    case: str, message: str, pki: PKI, unsigned: Path, tmp_path: Path
) -> None:
    key, pdf, password = pki.files["signer-1.p12"], unsigned, PASSWORD
    if case == "wrong password":
        password = "ไม่ใช่รหัสนี้"
    elif case == "missing key":
        key = tmp_path / "missing.p12"
    elif case == "expired":
        key = pki.files["expired.p12"]
    elif case == "no empty field":
        pdf = _fields_off(tmp_path)
    else:
        password = None  # type: ignore[assignment]
    out = tmp_path / "out.pdf"
    result = cli("sign", str(pdf), "--key", str(key), "--out", str(out), password=password)
    assert result.returncode == 1
    assert message in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    assert not out.exists()
    if password:
        assert password not in result.stderr + result.stdout


def test_cli_renders_and_signs(pki: PKI, tmp_path: Path) -> None:
    result = cli(
        "render",
        str(ANNOUNCEMENT),
        "--out",
        str(tmp_path),
        "--sign",
        str(pki.files["signer-1.p12"]),
    )
    assert result.returncode == 0, result.stderr
    [report] = thaidocs.verify(tmp_path / "announcement.pdf", trust=[pki.files["root.pem"]])
    assert report.ok and report.field == "signer-1"
    assert (tmp_path / "announcement.docx").exists()


@pytest.fixture
def no_password_env() -> Iterator[None]:
    saved = os.environ.pop("THAIDOCS_KEY_PASSWORD", None)
    yield
    if saved is not None:
        os.environ["THAIDOCS_KEY_PASSWORD"] = saved


def test_password_from_the_environment(
    pki: PKI, plan_pdf: bytes, no_password_env: None, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("THAIDOCS_KEY_PASSWORD", PASSWORD)
    signed = thaidocs.sign(plan_pdf, pki.files["signer-1.p12"], field="signer-2")
    [report] = thaidocs.verify(signed, trust=[pki.files["root.pem"]])
    assert report.field == "signer-2" and report.ok


def _with_xmp(pdf: bytes) -> bytes:
    """The PDF with an XMP packet that mirrors its Info and claims PDF/A-3u, as archival
    output does."""
    import pikepdf

    with pikepdf.open(BytesIO(pdf)) as doc:
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta.load_from_docinfo(doc.docinfo)
            meta["pdfaid:part"] = "3"
            meta["pdfaid:conformance"] = "U"
        out = BytesIO()
        doc.save(out)
        return out.getvalue()


@pytest.mark.filterwarnings("ignore:The metadata field /Trapped")
@pytest.mark.parametrize("level", ["B-B", "B-LTA"])
def test_signing_keeps_info_and_xmp_agreeing(
    level: str, pki: PKI, tsa: DummyTimeStamper, plan_pdf: bytes
) -> None:
    import pikepdf

    signed = sign(_with_xmp(plan_pdf), pki, tsa, level=level)
    assert thaidocs.verify(signed, trust=[pki.files["root.pem"]])[0].ok
    with pikepdf.open(BytesIO(signed)) as doc:
        meta = doc.open_metadata()
        assert meta["pdfaid:part"] == "3" and meta["pdfaid:conformance"] == "U"
        assert meta["pdf:Producer"] == str(doc.docinfo["/Producer"])
        assert "pyHanko" not in meta["pdf:Producer"]
        assert meta["dc:title"] == str(doc.docinfo["/Title"])
        # PDF/A: every annotation, the document timestamp's too, has an appearance
        for page in doc.pages:
            for annot in page.get("/Annots", []):
                assert "/AP" in annot and int(annot["/F"]) & 4


def test_a_change_added_after_signing_is_reported(
    pki: PKI, tsa: DummyTimeStamper, plan_pdf: bytes
) -> None:
    from pyhanko.pdf_utils import generic
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    signed = sign(plan_pdf, pki, tsa)
    # an incremental update that draws over the first page: the signed bytes stay intact
    writer = IncrementalPdfFileWriter(BytesIO(signed))
    page_ref = writer.find_page_for_modification(0)[0]  # type: ignore[no-untyped-call]
    page = page_ref.get_object()
    extra = writer.add_object(generic.StreamObject(stream_data=b"0 0 100 100 re f"))
    page["/Contents"] = generic.ArrayObject([*page["/Contents"], extra])
    writer.update_container(page)
    out = BytesIO()
    writer.write(out)  # type: ignore[no-untyped-call]
    [report] = thaidocs.verify(out.getvalue(), trust=[pki.files["root.pem"]])
    assert report.intact and report.valid and report.trusted
    assert not report.covers_document and not report.ok
    assert any("changed after this signature" in p for p in report.problems)

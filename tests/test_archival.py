"""Archival PDF (options.pdfa): PDF/A-3u with the input attached, PDF/A-2u, checked by our
part-2/3 lint, qpdf and PDFBox Preflight, and read back with ``thaidocs extract``."""

from __future__ import annotations

import json
import re
import subprocess
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from click.testing import CliRunner
from conftest import SAMPLE_FILES as SAMPLES
from conftest import require_tool
from msgspec.structs import replace
from pdfa_lint import NS, lint
from pngs import png_bytes

import thaidocs
from thaidocs.cli import app

JARS = Path("/usr/share/java")
PREFLIGHT_CLASSPATH = [
    "preflight.jar",
    "pdfbox2.jar",
    "fontbox2.jar",
    "xmpbox.jar",
    "javax.activation.jar",
    "jaxb-api.jar",
    "commons-logging.jar",
]
#: Preflight (PDF/A-1b) errors for rules of part 1 that parts 2 and 3 dropped or changed:
#: embedded files (1.2.9, 1.4.7), the CIDSet of subset CID fonts (3.1.11), the PDF/A
#: identification naming part 1 (7.11.x), and soft masks (2.2.2), which part 1 forbids
PART_1_ONLY = {"1.2.9", "1.4.7", "3.1.11", "7.11.1", "7.11.2", "2.2.2"}


def archival(sample: Path, level: Any = "3u") -> thaidocs.Document:
    doc = thaidocs.load(sample)
    options = replace(doc.options, pdfa=level)
    return replace(doc, options=options)


def preflight(data: bytes, tmp_path: Path) -> set[str]:
    """The codes of Preflight's errors."""
    java = require_tool("java")
    missing = [jar for jar in PREFLIGHT_CLASSPATH if not (JARS / jar).exists()]
    if missing:
        require_tool("preflight.jar (apt-get install libpdfbox2-java)")
    path = tmp_path / "preflight.pdf"
    path.write_bytes(data)
    classpath = ":".join(str(JARS / jar) for jar in PREFLIGHT_CLASSPATH)
    result = subprocess.run(
        [java, "-cp", classpath, "org.apache.pdfbox.preflight.Validator_A1b", str(path)],
        capture_output=True,
        text=True,
    )
    return set(re.findall(r"^(\d+(?:\.\d+)+) :", result.stdout, re.M))


def qpdf_check(data: bytes, tmp_path: Path) -> str:
    qpdf = require_tool("qpdf")
    path = tmp_path / "check.pdf"
    path.write_bytes(data)
    result = subprocess.run([qpdf, "--check", str(path)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout + result.stderr


def xmp(data: bytes) -> dict[str, str]:
    with pikepdf.open(BytesIO(data)) as pdf:
        root = ET.fromstring(pdf.Root.Metadata.read_bytes())
    prefixes = {uri: prefix for prefix, uri in NS.items()}
    values = {}
    for element in root.iter():
        uri, _, name = element.tag[1:].partition("}")
        if uri in prefixes and prefixes[uri] != "rdf":
            items = element.findall(".//rdf:li", NS)
            values[f"{prefixes[uri]}:{name}"] = items[0].text if items else element.text
    return {key: value or "" for key, value in values.items()}


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_is_pdfa_3u(sample: Path, tmp_path: Path) -> None:
    doc = archival(sample)
    data = thaidocs.to_pdf(doc)
    assert lint(data, "3u") == []
    assert "No syntax or stream encoding errors" in qpdf_check(data, tmp_path)
    assert preflight(data, tmp_path) <= PART_1_ONLY
    source = thaidocs.extract(data)
    assert source is not None
    assert thaidocs.from_dict(json.loads(source)) == doc
    assert thaidocs.to_pdf(doc) == data  # same input, same bytes


def test_pdfa_2u_attaches_nothing(tmp_path: Path) -> None:
    data = thaidocs.to_pdf(archival(SAMPLES[0], "2u"))
    assert lint(data, "2u") == []
    assert thaidocs.extract(data) is None
    assert xmp(data)["pdfaid:part"] == "2"
    assert preflight(data, tmp_path) <= PART_1_ONLY


def test_true_means_3u_and_levels_read_in_any_case() -> None:
    raw = _raw(SAMPLES[0])
    for given, level in [(True, "3u"), (False, False), ("2U", "2u"), ("3u", "3u")]:
        assert thaidocs.from_dict({**raw, "options": {"pdfa": given}}).options.pdfa == level


def _raw(sample: Path) -> dict[str, Any]:
    return dict(json.loads(thaidocs.to_json(thaidocs.load(sample))))


def test_metadata_agrees_with_the_document() -> None:
    doc = archival(SAMPLES[0])
    assert isinstance(doc, thaidocs.Announcement)
    data = thaidocs.to_pdf(doc)
    values = xmp(data)
    assert values["pdfaid:part"] == "3"
    assert values["pdfaid:conformance"] == "U"
    assert values["dc:language"] == "th"
    assert values["dc:creator"] == doc.agency
    assert values["dc:title"] == doc.subject
    assert values["xmp:CreateDate"] == "2024-10-30T00:00:00+07:00"
    with pikepdf.open(BytesIO(data)) as pdf:
        assert str(pdf.docinfo["/CreationDate"]) == "D:20241030000000+07'00'"
        assert str(pdf.docinfo["/Author"]) == doc.agency
        spec = pdf.Root.AF[0]
        assert spec.AFRelationship == "/Source"
        assert spec.EF.F.Subtype == "/application/json"
    assert data.startswith(b"%PDF-1.7\n")


def _png_with_alpha(path: Path) -> Path:
    """A 60×20 RGBA PNG: a blue stroke on a transparent ground."""
    width, height = 60, 20
    rows = b"".join(
        b"\0"
        + b"".join(
            bytes((20, 40, 160, 255 if abs(y - 10 - (x - 30) // 6) < 2 else 0))
            for x in range(width)
        )
        for y in range(height)
    )
    path.write_bytes(png_bytes(width, height, rows, colour=6))
    return path


def test_signature_image_with_alpha_stays_valid(tmp_path: Path) -> None:
    raw = _raw(SAMPLES[0])
    raw["signers"][0]["signature"] = str(_png_with_alpha(tmp_path / "sign.png"))
    raw["options"] = {"pdfa": "3u"}
    data = thaidocs.to_pdf(raw)
    assert lint(data, "3u") == []
    with pikepdf.open(BytesIO(data)) as pdf:
        images = [o for o in pdf.objects if isinstance(o, pikepdf.Stream) and o.get("/SMask")]
        assert images  # drawn with its soft mask, which PDF/A-2 and -3 allow
    assert preflight(data, tmp_path) <= PART_1_ONLY


def test_extract_command_prints_the_source(tmp_path: Path) -> None:
    doc = archival(SAMPLES[1])
    path = tmp_path / "letter.pdf"
    thaidocs.render(doc, path)
    runner = CliRunner()
    result = runner.invoke(app, ["extract", str(path)])
    assert result.exit_code == 0, result.output
    assert thaidocs.from_dict(json.loads(result.stdout)) == doc
    plain = tmp_path / "plain.pdf"
    thaidocs.render(thaidocs.load(SAMPLES[1]), plain)
    result = runner.invoke(app, ["extract", str(plain)])
    assert result.exit_code == 1
    assert "no input document attached" in result.output
    result = runner.invoke(app, ["extract", str(SAMPLES[1])])
    assert result.exit_code == 1
    assert "not a readable PDF" in result.output


def test_metadata_keeps_markup_characters_as_text() -> None:
    subject = 'โครงการ R&D <ระยะที่ ๒> "นำร่อง" & อื่น ๆ'
    doc = replace(archival(SAMPLES[0]), subject=subject)
    values = xmp(thaidocs.to_pdf(doc))  # the XMP packet parses as XML
    assert values["dc:title"] == subject

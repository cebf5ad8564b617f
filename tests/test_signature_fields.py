"""Empty signature fields at each signer's block, as signing tools and readers see them."""

from __future__ import annotations

import subprocess
from io import BytesIO
from pathlib import Path

import pytest
from conftest import require_tool
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.fields import enumerate_sig_fields

import thaidocs
from thaidocs.model.convert import to_data

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))


def fields(pdf: bytes) -> list[tuple[str, int, list[float]]]:
    """(name, page index, rectangle) of every signature field, as pyHanko lists them; the
    rectangle's y measured down from the page's top edge."""
    reader = PdfFileReader(BytesIO(pdf))
    pages = [page.idnum for page in (reader.root["/Pages"]["/Kids"])]
    found = []
    for name, value, ref in enumerate_sig_fields(reader):
        assert value is None, f"{name} is already signed"
        widget = ref.get_object()
        page = pages.index(widget.raw_get("/P").idnum)
        height = float(reader.root["/Pages"]["/Kids"][page]["/MediaBox"][3])
        x0, y0, x1, y1 = (float(v) for v in widget["/Rect"])
        found.append((name, page, [x0, height - y1, x1, height - y0]))
    return found


def text_in(pdf: Path, page: int, rect: list[float], height: float) -> str:
    """pdftotext of a region of a page: ``rect``'s width, from its lower edge down ``height``
    points (``height`` negative: the rectangle itself)."""
    tool = require_tool("pdftotext")
    x0, top, x1, bottom = rect
    top, tall = (bottom, height) if height > 0 else (top, bottom - top)
    command = [tool, "-f", str(page + 1), "-l", str(page + 1), "-r", "72"]
    command += ["-x", str(int(x0)), "-y", str(int(top)), "-W", str(int(x1 - x0))]
    command += ["-H", str(int(tall)), str(pdf), "-"]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout.strip()


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_each_signer_has_a_field_above_the_name(sample: Path, tmp_path: Path) -> None:
    doc = thaidocs.load(sample)
    out = thaidocs.render(doc, tmp_path / "out.pdf")
    found = fields(out.read_bytes())
    # minutes are signed by their recorder and checker; statements, news, stamped letters by no one
    people = (getattr(doc, "recorder", None), getattr(doc, "checker", None))
    signers = getattr(doc, "signers", None) or [person for person in people if person]
    assert [name for name, _, _ in found] == [f"signer-{n}" for n in range(1, len(signers) + 1)]
    for signer, (_, page, rect) in zip(signers, found, strict=True):
        assert rect[2] - rect[0] > 150 and rect[3] - rect[1] > 40  # room for a stamp
        assert text_in(out, page, rect, -1) == ""  # the blank lines
        below = text_in(out, page, rect, 22)
        assert below.replace("\n", " ") == f"({signer.name})"


def test_poppler_lists_the_fields_unsigned(tmp_path: Path) -> None:
    pdfsig = require_tool("pdfsig")
    out = thaidocs.render(ROOT / "samples" / "plan.yaml", tmp_path / "plan.pdf")
    listing = subprocess.run([pdfsig, str(out)], capture_output=True, text=True).stdout
    for n in (1, 2, 3):
        assert f"Signature Field Name: signer-{n}" in listing
    assert listing.count("The signature form field is not signed.") == 3


def test_fields_change_neither_the_page_nor_its_text(tmp_path: Path) -> None:
    pdftoppm = require_tool("pdftoppm")
    pdftotext = require_tool("pdftotext")
    data = to_data(thaidocs.load(ROOT / "samples" / "letter.yaml"))
    with_fields = tmp_path / "with.pdf"
    without = tmp_path / "without.pdf"
    thaidocs.render(thaidocs.from_dict(data), with_fields)
    data["options"]["signature_fields"] = False
    thaidocs.render(thaidocs.from_dict(data), without)
    assert fields(without.read_bytes()) == []
    assert len(fields(with_fields.read_bytes())) == 1
    texts = [
        subprocess.run([pdftotext, "-layout", str(pdf), "-"], capture_output=True, check=True)
        for pdf in (with_fields, without)
    ]
    assert texts[0].stdout == texts[1].stdout
    pages = []
    for pdf in (with_fields, without):
        subprocess.run(
            [pdftoppm, "-r", "60", "-png", str(pdf), str(pdf.with_suffix(""))], check=True
        )
        pages.append(sorted(tmp_path.glob(f"{pdf.stem}-*.png")))
    assert pages[0] and len(pages[0]) == len(pages[1])
    for one, other in zip(*pages, strict=True):
        assert one.read_bytes() == other.read_bytes()


def test_same_input_same_bytes() -> None:
    sample = ROOT / "samples" / "plan.yaml"
    assert thaidocs.to_pdf(sample) == thaidocs.to_pdf(sample)

"""The further forms on paper: PDF text that reads back exactly, .docx that LibreOffice opens
with the Thai face, and the secrecy marks seen on rendered pages of both formats."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from pathlib import Path

import pytest
from conftest import require_tool
from msgspec.structs import replace
from office import office_pdfs
from PIL import Image

import thaidocs
from thaidocs.layout import LayoutDocument, tree_text
from thaidocs.layout.text import EMBLEM, PHOTO, RULE
from thaidocs.model.convert import to_data

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NEW_TYPES = ("regulation", "bylaw", "statement", "news", "stamped", "certificate", "minutes")
SECRET = ("statement", "minutes")  # rendered again with options.secrecy


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _lines(tree: LayoutDocument) -> list[str]:
    return [line for line in tree_text(tree) if line not in (EMBLEM, RULE, PHOTO)]


def _pdftotext(pdf: Path, *options: str) -> str:
    command = [require_tool("pdftotext"), *options, str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _in_order(lines: list[str], text: str) -> None:
    """Every line appears in ``text``, each after the one before."""
    at = 0
    for line in lines:
        wanted = _squash(line)
        found = text.find(wanted, at)
        assert found >= 0, (line, text[at : at + 200])
        at = found + len(wanted)


def _document(name: str, secret: bool) -> thaidocs.Document:
    doc = thaidocs.load(SAMPLES / f"{name}.yaml")
    if secret:
        options = replace(doc.options, secrecy="ลับมาก")
        doc = replace(doc, options=options)
    return doc


@pytest.mark.parametrize("name", NEW_TYPES)
def test_pdf_text_reads_back_exactly(name: str, tmp_path: Path) -> None:
    """Single-column forms read back as their text exactly, in order (page numbers and
    catchwords aside);
    the minutes' two signature blocks side by side are read line by line."""
    doc = thaidocs.load(SAMPLES / f"{name}.yaml")
    tree = thaidocs.compose(doc)
    text = _pdftotext(thaidocs.render(doc, tmp_path / f"{name}.pdf"))
    text = re.sub(r"(?m)^/.+\.\.\.$", "", text)  # the catchword at a continuing page's foot
    text = re.sub(r"-[๐-๙]+-?", "", _squash(text))  # "- ๒ -" at the top of later pages
    if name == "minutes":
        paragraphs = [p.text for p in tree.paragraphs()]
        _in_order(paragraphs, text)
        for line in _lines(tree)[len(paragraphs) :]:
            assert _squash(line) in text, line
    else:
        assert text == "".join(_squash(line) for line in _lines(tree))


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each new sample as .docx converted to PDF by LibreOffice, and thaidocs' own PDF; the
    secret ones also with a secrecy mark."""
    folder = tmp_path_factory.mktemp("types")
    sources = []
    out: dict[str, Path] = {}
    for name in NEW_TYPES:
        for secret in (False, True) if name in SECRET else (False,):
            stem = name + ("-secret" if secret else "")
            doc = _document(name, secret)
            sources.append(thaidocs.render(doc, folder / f"{stem}.docx"))
            out[f"{stem}.pdf"] = thaidocs.render(doc, folder / "own" / f"{stem}.pdf")
    office_pdfs(sources, folder, tmp_path_factory.mktemp("profile"))
    for source in sources:
        out[f"{source.stem}.docx"] = source.with_suffix(".pdf")
    return out


def _letters(text: str) -> str:
    """Letters only: LibreOffice's PDF may put spaces inside words and move a tone mark."""
    return "".join(c for c in _squash(text) if unicodedata.category(c) != "Mn")


@pytest.mark.parametrize("name", NEW_TYPES)
def test_docx_opens_in_libreoffice_with_the_thai_face_and_every_line(
    name: str, rendered: dict[str, Path]
) -> None:
    pdf = rendered[f"{name}.docx"]
    fonts = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    faces = {line.split()[0].split("+")[-1] for line in fonts.splitlines()[2:]}
    assert faces and all(re.match(r"(Laksaman|THSarabun)", face) for face in faces), faces
    # whole lines in layout order, whole paragraphs in reading order
    shown = [_letters(re.sub(r"\.{3,}", "", _pdftotext(pdf, *mode))) for mode in (("-layout",), ())]
    for line in _lines(thaidocs.compose(thaidocs.load(SAMPLES / f"{name}.yaml"))):
        letters = _letters(re.sub(r"\.{3,}", "", line))
        assert any(letters in text for text in shown), line


def _pages(pdf: Path, folder: Path) -> list[Image.Image]:
    folder.mkdir(exist_ok=True)
    prefix = folder / pdf.stem
    subprocess.run(
        [require_tool("pdftoppm"), "-r", "40", "-png", str(pdf), str(prefix)], check=True
    )
    return [Image.open(path).convert("RGB") for path in sorted(folder.glob(f"{pdf.stem}-*.png"))]


def _red_rows(page: Image.Image) -> list[float]:
    """Rows (as a fraction of the page height) holding red pixels near the centre line."""
    width, height = page.size
    rows = []
    for y in range(height):
        for x in range(int(width * 0.35), int(width * 0.65)):
            r, g, b = page.getpixel((x, y))  # type: ignore[misc]
            if r > 150 and g < 90 and b < 90:
                rows.append(y)
                break
    return [y / height for y in rows]


@pytest.mark.parametrize("fmt", ["pdf", "docx"])
@pytest.mark.parametrize("name", SECRET)
def test_secrecy_mark_is_red_at_top_and_bottom_of_every_page(
    name: str, fmt: str, rendered: dict[str, Path], tmp_path: Path
) -> None:
    pages = _pages(rendered[f"{name}-secret.{fmt}"], tmp_path)
    assert pages
    for page in pages:
        rows = _red_rows(page)
        assert rows, "no red mark"
        assert min(rows) < 0.07 and max(rows) > 0.92, (min(rows), max(rows))
    plain = _pages(rendered[f"{name}.{fmt}"], tmp_path / "plain")
    assert not any(_red_rows(page) for page in plain)


def test_secrecy_mark_text_is_on_every_page_in_both_formats(rendered: dict[str, Path]) -> None:
    for fmt in ("pdf", "docx"):
        text = _pdftotext(rendered[f"minutes-secret.{fmt}"])
        pages = text.split("\f")[:-1]
        assert len(pages) >= 2
        for page in pages:
            assert page.count("ลับมาก") == 2, (fmt, page[:80])


def _blue_box(page: Image.Image) -> tuple[float, float, float, float]:
    """The bounding box of the blue photo's pixels, in cm from the page's top-left corner."""
    width, height = page.size
    cm = width / 21.0
    xs, ys = [], []
    for y in range(0, height, 2):
        for x in range(0, width, 2):
            r, g, b = page.getpixel((x, y))  # type: ignore[misc]
            if b > 150 and r < 80 and g < 80:
                xs.append(x)
                ys.append(y)
    assert xs, "no photo on the page"
    return min(xs) / cm, min(ys) / cm, max(xs) / cm, max(ys) / cm


def test_certificate_photo_fills_its_frame_bottom_left_in_both_formats(tmp_path: Path) -> None:
    """A 3:4 photo in the 4 × 5 cm frame at 1 cm from the margin: scaled to fit, centred in
    it, with the holder's name under it, in the PDF and in LibreOffice."""
    photo = tmp_path / "photo.png"
    Image.new("RGB", (300, 400), (20, 40, 200)).save(photo)
    data = to_data(thaidocs.load(SAMPLES / "certificate.yaml"))
    doc = thaidocs.from_dict(data | {"photo": str(photo)})
    pdf = thaidocs.render(doc, tmp_path / "certificate.pdf")
    docx = thaidocs.render(doc, tmp_path / "certificate.docx")
    office_pdfs([docx], tmp_path / "office", tmp_path / "profile")
    for rendered in (pdf, tmp_path / "office" / "certificate.pdf"):
        (page,) = _pages(rendered, tmp_path / rendered.parent.name)
        left, top, right, bottom = _blue_box(page)
        # 3:4 fits the frame's height: 3.75 × 5 cm, centred in the frame 4–8 cm from the edge
        assert abs(left - 4.125) < 0.2 and abs(right - 7.875) < 0.2, (rendered, left, right)
        assert abs((bottom - top) - 5.0) < 0.2, (rendered, top, bottom)
        assert top > 15.0  # under the signature, at the bottom
        text = _letters(_pdftotext(rendered))
        assert text.index(_letters("(นางสาวสมหญิง ศรีสุวรรณวงศ์)")) > text.index(_letters("ให้ไว้ณวันที่"))

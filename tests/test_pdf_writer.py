"""The PDF writer, checked on what a reader sees: extracted text, page sizes, fonts, images."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

import pdfplumber
import pytest
from conftest import require_tool
from msgspec.structs import replace
from pngs import png_bytes
from pypdf import PdfReader
from reportlab.lib.units import cm

from thaidocs.layout import compose
from thaidocs.layout.tree import (
    Align,
    Block,
    Cell,
    Emblem,
    LayoutDocument,
    Metadata,
    PageSetup,
    Paragraph,
    Rule,
    Run,
    Section,
    Signature,
    SignatureGroup,
    Spacer,
    Table,
)
from thaidocs.model import load
from thaidocs.pdf.writer import write_pdf
from thaidocs.thai import to_thai_digits

BODY = (
    "ปัจจุบันระบบราชการมุ่งเน้นการบริหารราชการแบบมีส่วนร่วม เพื่อให้ประชาชนและผู้มีส่วนได้ส่วนเสีย"
    "ได้มีส่วนร่วมในการดำเนินงานของหน่วยงานภาครัฐ อันจะนำไปสู่การบริหารราชการที่โปร่งใส"
    "ตรวจสอบได้ และตอบสนองความต้องการของประชาชนอย่างแท้จริง"
)
AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
DATE_LINE = "ประกาศ ณ วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗"
NAME = "(นายวันศักดิ์ คำแหง)"


def para(text: str, **options: object) -> Paragraph:
    return Paragraph((Run(text),), **options)  # type: ignore[arg-type]


def document(*sections: Section, words: Sequence[str] = ()) -> LayoutDocument:
    return LayoutDocument(
        Metadata(title="ประกาศทดสอบ", subject="มาตรการทดสอบ", author=AGENCY, keywords=("ทดสอบ",)),
        sections,
        words=tuple(words),
    )


def single(*blocks: Block, page: PageSetup | None = None) -> LayoutDocument:
    return document(Section(page or PageSetup(), blocks))


def signature_group(image: Path | None = None) -> SignatureGroup:
    signature = Signature(
        axis=10.0,
        width=10.0,
        caption=None,
        image=image,
        signing_space=62.4,
        name=NAME,
        positions=(f"ผู้อำนวยการ{AGENCY}",),
    )
    return SignatureGroup(rows=((signature,),))


def png(path: Path, width: int, height: int, rgb: tuple[int, int, int]) -> Path:
    """A one-colour RGB PNG, written by hand so the test needs no imaging library."""
    rows = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    path.write_bytes(png_bytes(width, height, rows))
    return path


def squash(text: str) -> str:
    return "".join(text.split())


def page_texts(pdf: bytes, tmp_path: Path) -> list[str]:
    """Text of each page as pdftotext extracts it, lines kept as laid out."""
    tool = require_tool("pdftotext")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    pages = len(PdfReader(BytesIO(pdf)).pages)
    return [
        subprocess.run(
            [tool, "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        for n in range(1, pages + 1)
    ]


def body_pages(count: int) -> tuple[Paragraph, ...]:
    return tuple(
        para(f"{n} {BODY}", first_line_indent=2.5, align=Align.DISTRIBUTE, space_before=6)
        for n in range(count)
    )


def test_every_paragraph_is_extracted(tmp_path: Path) -> None:
    table = Table(
        widths=(1.5, 14.5),
        header=((Cell((para("ที่"),)), Cell((para("ชื่อ–สกุล"),))),),
        rows=((Cell((para("๑"),)), Cell((para("นางสาวพรทิพย์ ใจดี"),))),),
    )
    blocks: tuple[Block, ...] = (
        Emblem(None, 3.0, Align.CENTER, 1.5),
        para(f"ประกาศ{AGENCY}", align=Align.CENTER),
        para("เรื่อง มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม", align=Align.CENTER),
        Rule(4.0, space_before=3, space_after=6),
        *body_pages(2),
        table,
        para(DATE_LINE, left_indent=5.0, space_before=27),
        signature_group(),
    )
    doc = single(*blocks)
    text = squash("".join(page_texts(write_pdf(doc), tmp_path)))
    for paragraph in doc.paragraphs():
        assert squash(paragraph.text) in text
    for expected in ("ชื่อ–สกุล", "นางสาวพรทิพย์ใจดี", NAME, f"ผู้อำนวยการ{AGENCY}"):
        assert squash(expected) in text


@pytest.mark.parametrize(
    ("digits", "two", "three"), [("thai", "- ๒ -", "- ๓ -"), ("arabic", "- 2 -", "- 3 -")]
)
def test_page_numbers_start_on_page_two(tmp_path: Path, digits: str, two: str, three: str) -> None:
    doc = single(*body_pages(30), page=PageSetup(page_number_digits=digits))
    pages = page_texts(write_pdf(doc), tmp_path)
    assert len(pages) >= 3
    assert "-" not in pages[0]
    assert pages[1].split()[:3] == two.split()
    assert pages[2].split()[:3] == three.split()


def test_table_repeats_its_header_and_keeps_rows_whole(tmp_path: Path) -> None:
    header = (
        (
            Cell((para("ที่"),), rowspan=2),
            Cell((para("โครงการ/กิจกรรม"),), rowspan=2),
            Cell((para("๒๕๖๔"),), colspan=2),
        ),
        (Cell((para("ต.ค."),)), Cell((para("พ.ย."),))),
    )
    rows = tuple(
        (
            Cell((para(f"แถว{n}"),)),
            Cell((para(f"กิจกรรมที่{n} การประชุมเชิงปฏิบัติการส่งเสริมการมีส่วนร่วม"),)),
            Cell((Paragraph(()),), shaded=True),
            Cell((Paragraph(()),)),
        )
        for n in range(80)
    )
    doc = single(Table(widths=(2.0, 10.0, 2.0, 2.0), header=header, rows=rows))
    pages = page_texts(write_pdf(doc), tmp_path)
    assert len(pages) >= 2
    for page in pages:
        assert "โครงการ/กิจกรรม" in page
        assert "๒๕๖๔" in page
    for n in range(80):
        # the whole row on one page, its cells side by side
        row = f"แถว{n}กิจกรรมที่{n}การประชุม"
        assert sum(squash(page).count(row) for page in pages) == 1


def test_signature_never_starts_a_page_alone(tmp_path: Path) -> None:
    seen_on_next_page = False
    for count in range(30, 40):
        fillers = tuple(para(f"บรรทัดที่ {n}", space_before=0) for n in range(count))
        doc = single(*fillers, para(DATE_LINE, left_indent=5.0), signature_group())
        pages = page_texts(write_pdf(doc), tmp_path)
        (page,) = [p for p in pages if NAME in p]
        lines = [squash(line) for line in page.splitlines() if line.strip()]
        assert lines.index(squash(DATE_LINE)) < lines.index(squash(NAME))
        if page is not pages[0]:
            seen_on_next_page = True
            assert lines[1] != squash(NAME)  # the line under the page number
    assert seen_on_next_page


def test_three_line_paragraph_is_never_split(tmp_path: Path) -> None:
    for count in range(33, 38):
        fillers = tuple(para(f"บรรทัดที่ {n}") for n in range(count))
        doc = single(*fillers, para(BODY))
        pages = page_texts(write_pdf(doc), tmp_path)
        assert any(squash(BODY) in squash(page) for page in pages), count


def test_no_line_of_a_long_paragraph_alone_at_a_page_end(tmp_path: Path) -> None:
    long = para(f"{BODY} {BODY}")

    def own_lines(*fillers: Block) -> tuple[int, ...]:
        """Lines of the long paragraph on each page (page numbers and fillers left out)."""
        pages = page_texts(write_pdf(single(*fillers, long)), tmp_path)
        return tuple(
            sum(
                1
                for line in page.splitlines()[1:]
                if line.strip() and "บรรทัดที่" not in line and not line.endswith("...")
            )
            for page in pages
        )

    (total,) = own_lines(para("บรรทัดที่ 0"))
    assert total >= 5
    splits = set()
    for count in range(28, 37):
        counts = own_lines(*(para(f"บรรทัดที่ {n}") for n in range(count)))
        assert sum(counts) == total
        assert all(n == 0 or n >= 2 for n in counts), (count, counts)
        splits.add(counts)
    assert {(k, total - k) for k in range(2, total - 1)} <= splits


def test_heading_kept_with_next_paragraph(tmp_path: Path) -> None:
    for count in range(33, 38):
        fillers = tuple(para(f"บรรทัดที่ {n}") for n in range(count))
        heading = para("หลักการและเหตุผล", keep_with_next=True)
        doc = single(*fillers, heading, para(BODY))
        pages = page_texts(write_pdf(doc), tmp_path)
        (page,) = [p for p in pages if "หลักการและเหตุผล" in p]
        assert squash(BODY)[:20] in squash(page)


def test_emblem_and_signature_images_drawn_at_their_size(tmp_path: Path) -> None:
    garuda = png(tmp_path / "garuda.png", 60, 80, (200, 30, 30))
    scan = png(tmp_path / "signature.png", 400, 100, (20, 20, 160))
    title = para("บันทึกข้อความ", align=Align.CENTER, size=29.0)
    doc = single(
        Emblem(garuda, 3.0, Align.CENTER, 1.5, beside=(title,)),
        para(BODY),
        signature_group(scan),
    )
    with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
        page = pdf.pages[0]
        emblem, signature = sorted(page.images, key=lambda image: image["top"])
        words = page.extract_words()
    assert emblem["height"] == pytest.approx(3.0 * cm, abs=0.1)
    assert emblem["width"] == pytest.approx(3.0 * cm * 60 / 80, abs=0.1)
    assert emblem["top"] == pytest.approx(1.5 * cm, abs=0.1)
    centre = (emblem["x0"] + emblem["x1"]) / 2
    assert centre == pytest.approx((3.0 + 16.0 / 2) * cm, abs=0.1)
    # the memo title sits on the emblem's band, centred on it vertically
    (word,) = [w for w in words if "บันทึก" in w["text"]]
    middle = (emblem["top"] + emblem["bottom"]) / 2
    assert word["top"] < middle < word["bottom"]
    # a wide scan fills the signing space's height, centred on the axis
    assert signature["height"] == pytest.approx(62.4, abs=0.1)
    assert signature["width"] == pytest.approx(62.4 * 4, abs=0.1)
    assert (signature["x0"] + signature["x1"]) / 2 == pytest.approx(13.0 * cm, abs=0.1)


def test_missing_emblem_reserves_its_space(tmp_path: Path) -> None:
    garuda = png(tmp_path / "garuda.png", 60, 80, (200, 30, 30))

    def first_line_top(image: Path | None) -> float:
        doc = single(Emblem(image, 3.0, Align.CENTER, 1.5), para("ประกาศ", align=Align.CENTER))
        with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
            (word,) = pdf.pages[0].extract_words()
        return float(word["top"])

    top = first_line_top(None)
    assert top == pytest.approx(first_line_top(garuda))
    assert top > (1.5 + 3.0) * cm


def test_letter_number_and_agency_sit_on_the_garuda_band(tmp_path: Path) -> None:
    garuda = png(tmp_path / "garuda.png", 60, 80, (200, 30, 30))
    doc = load(Path(__file__).parent.parent / "samples" / "letter.yaml")
    doc = replace(doc, options=replace(doc.options, emblem=garuda))
    with pdfplumber.open(BytesIO(write_pdf(compose(doc)))) as pdf:
        page = pdf.pages[0]
        (emblem,) = page.images
        body = [w for w in page.extract_words(extra_attrs=["size"]) if w["size"] < 20]
    # the first line at the left margin, and the first at the agency column
    number = min((w for w in body if abs(w["x0"] - 3 * cm) < 2), key=lambda w: w["top"])
    agency = min((w for w in body if abs(w["x0"] - 12 * cm) < 2), key=lambda w: w["top"])
    # the header line is the band's last line: level with the Garuda's foot, clear of it
    assert emblem["top"] < number["top"] < emblem["bottom"] <= number["bottom"] + 0.2 * cm
    assert agency["top"] == pytest.approx(number["top"], abs=1)
    # left of the Garuda, and right of its narrow foot (the agency column is at 9 cm)
    assert number["x1"] < emblem["x0"]
    assert agency["x0"] > (emblem["x0"] + emblem["x1"]) / 2 + 0.9 * cm


def test_fonts_embedded_as_subsets_and_no_helvetica(tmp_path: Path) -> None:
    tool = require_tool("pdffonts")
    path = tmp_path / "out.pdf"
    doc = single(para(BODY), Paragraph((Run("ตัวหนา", bold=True),)))
    path.write_bytes(write_pdf(doc))
    report = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    rows = report.splitlines()[2:]
    assert len(rows) >= 2
    for row in rows:
        name, *_, emb, sub, _uni, _obj, _gen = row.split()
        assert "+" in name
        assert (emb, sub) == ("yes", "yes"), row
    assert "Helvetica" not in report


def test_user_font_files_are_embedded(tmp_path: Path) -> None:
    tool = require_tool("pdffonts")
    regular = Path("/usr/share/fonts/truetype/tlwg/Laksaman.ttf")
    bold = regular.with_name("Laksaman-Bold.ttf")
    if not (regular.exists() and bold.exists()):
        pytest.skip("Laksaman is not installed (apt-get install fonts-tlwg-laksaman-ttf)")
    doc = single(para(BODY), Paragraph((Run("ตัวหนา", bold=True),)))
    pdf = write_pdf(doc, font_paths=[regular, bold], font_scale=1 / 1.5042)
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    report = subprocess.run([tool, str(path)], check=True, capture_output=True, text=True).stdout
    names = sorted(row.split()[0].split("+")[1] for row in report.splitlines()[2:])
    assert names == ["Laksaman", "Laksaman-Bold"]
    assert squash(BODY) in squash("".join(page_texts(pdf, tmp_path)))


def test_same_tree_same_bytes(tmp_path: Path) -> None:
    garuda = png(tmp_path / "garuda.png", 60, 80, (200, 30, 30))
    doc = single(Emblem(garuda, 3.0, Align.CENTER, 1.5), *body_pages(20), signature_group())
    assert write_pdf(doc) == write_pdf(doc)


def test_landscape_section_starts_a_landscape_page() -> None:
    landscape = PageSetup(width=29.7, height=21.0)
    doc = document(
        Section(PageSetup(), (para("หลักการและเหตุผล"),)),
        Section(landscape, (para("ตารางกิจกรรม"),)),
    )
    reader = PdfReader(BytesIO(write_pdf(doc)))
    sizes = [(float(p.mediabox.width), float(p.mediabox.height)) for p in reader.pages]
    assert sizes == [
        pytest.approx((21.0 * cm, 29.7 * cm)),
        pytest.approx((29.7 * cm, 21.0 * cm)),
    ]


def test_metadata_and_language() -> None:
    reader = PdfReader(BytesIO(write_pdf(single(para(BODY)))))
    info = reader.metadata
    assert info is not None
    assert (info.title, info.subject, info.author) == ("ประกาศทดสอบ", "มาตรการทดสอบ", AGENCY)
    assert info.creator == "thaidocs"
    assert str(reader.root_object["/Lang"]) == "th-TH"


def test_secrecy_mark_at_top_and_bottom_of_every_page(tmp_path: Path) -> None:
    doc = single(*body_pages(20), page=PageSetup(mark="ลับ"))
    pages = page_texts(write_pdf(doc), tmp_path)
    assert len(pages) >= 2
    for page in pages:
        lines = [line for line in page.splitlines() if line.strip()]
        assert lines[0].strip() == "ลับ"
        assert lines[-1].strip() == "ลับ"


def test_spacer_and_rule_take_their_height(tmp_path: Path) -> None:
    def second_top(*between: Block) -> float:
        doc = single(para("ก"), *between, para("ข"))
        with pdfplumber.open(BytesIO(write_pdf(doc))) as pdf:
            words = pdf.pages[0].extract_words()
        (word,) = [w for w in words if w["text"] == "ข"]
        return float(word["top"])

    base = second_top()
    assert second_top(Spacer(30.0)) == pytest.approx(base + 30.0, abs=0.01)
    rule = Rule(4.0, thickness=1.0, space_before=3.0, space_after=6.0)
    assert second_top(rule) == pytest.approx(base + 10.0, abs=0.01)


@pytest.mark.parametrize("rows_split", [True, False])
def test_tall_row_splits_only_when_allowed(tmp_path: Path, rows_split: bool) -> None:
    items = tuple(para(f"ข้อย่อย{n}") for n in range(1, 13))
    table = Table(
        widths=(4.0, 12.0),
        header=((Cell((para("หัวข้อ"),)), Cell((para("รายละเอียด"),))),),
        rows=((Cell((para("แถวยาว"),)), Cell(items)),),
        rows_split=rows_split,
    )
    fillers = tuple(para(f"บรรทัดที่ {n}") for n in range(28))
    pages = page_texts(write_pdf(single(*fillers, table)), tmp_path)
    assert len(pages) == 2
    assert "ข้อย่อย12" in pages[1]
    assert ("ข้อย่อย1\n" in pages[0].replace(" ", "")) is rows_split
    assert pages[0].count("หัวข้อ") == int(rows_split)
    assert pages[1].count("หัวข้อ") == 1


def test_shaded_cells_are_filled(tmp_path: Path) -> None:
    tool = require_tool("pdftoppm")
    table = Table(
        widths=(4.0, 4.0),
        header=(),
        rows=((Cell((Paragraph(()),), shaded=True), Cell((Paragraph(()),))),),
        shade_color="3366CC",
    )
    path = tmp_path / "out.pdf"
    path.write_bytes(write_pdf(single(table)))
    subprocess.run([tool, "-r", "72", "-singlefile", str(path), str(tmp_path / "page")], check=True)
    data = (tmp_path / "page.ppm").read_bytes()
    magic, width, _height, _depth, pixels = data.split(maxsplit=4)
    assert magic == b"P6"

    def colour(x_cm: float, y_pt: float) -> tuple[int, ...]:
        offset = 3 * (round(y_pt) * int(width) + round(x_cm * cm))
        return tuple(pixels[offset : offset + 3])

    middle = 1.5 * cm + 10.0  # table top at the first page's top, one 20.8 pt line tall
    assert colour(5.0, middle) == (0x33, 0x66, 0xCC)
    assert colour(9.0, middle) == (255, 255, 255)


def test_rows_under_a_row_span_start_below_its_content() -> None:
    tall = Cell(tuple(para(f"span{n}") for n in range(1, 5)), rowspan=2)
    table = Table(
        widths=(4.0, 4.0),
        header=(),
        rows=(
            (tall, Cell((para("top"),))),
            (Cell((para("under"),)),),
            (Cell((para("next"),)), Cell((para("right"),))),
        ),
    )
    with pdfplumber.open(BytesIO(write_pdf(single(table)))) as pdf:
        # Latin words: pdfplumber ignores /ActualText and splits shaped Thai clusters
        words = {w["text"]: w for w in pdf.pages[0].extract_words()}
    assert words["next"]["top"] > words["span4"]["bottom"]
    assert words["right"]["top"] == pytest.approx(words["next"]["top"])
    # the single-row cell beside the span sits in the second column of the second row
    assert words["under"]["x0"] > words["span1"]["x1"]
    assert words["top"]["bottom"] <= words["under"]["top"]


def test_same_bytes_in_a_fresh_process() -> None:
    sample = SAMPLES[0]
    script = (
        "import hashlib, sys\n"
        "from thaidocs.layout import compose\n"
        "from thaidocs.model import load\n"
        "from thaidocs.pdf.writer import write_pdf\n"
        "print(hashlib.sha256(write_pdf(compose(load(sys.argv[1])))).hexdigest())\n"
    )
    other = subprocess.run(
        [sys.executable, "-c", script, str(sample)], check=True, capture_output=True, text=True
    ).stdout.strip()
    assert other == hashlib.sha256(write_pdf(compose(load(sample)))).hexdigest()


SAMPLES = sorted((Path(__file__).parent.parent / "samples").glob("*.yaml"))


@pytest.mark.parametrize("sample", SAMPLES, ids=[s.stem for s in SAMPLES])
def test_samples_read_back_in_full(sample: Path, tmp_path: Path) -> None:
    tree = compose(load(sample))
    pages = page_texts(write_pdf(tree), tmp_path)
    text = squash("".join(pages))
    for paragraph in tree.paragraphs():
        assert squash(paragraph.text) in text
    groups = [b for s in tree.sections for b in s.blocks if isinstance(b, SignatureGroup)]
    assert groups or load(sample).type in ("statement", "news", "stamped")  # issued unsigned
    for group in groups:
        for row in group.rows:
            for signature in row:
                for line in (signature.name, *signature.positions):
                    assert squash(line) in text
    for number, page in enumerate(pages[1:], start=2):
        assert page.split()[:3] == ["-", to_thai_digits(number), "-"]

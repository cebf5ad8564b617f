"""The .docx writer: read back with python-docx, and opened by LibreOffice as a user would."""

from __future__ import annotations

import io
import re
import subprocess
import unicodedata
import zipfile
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest
from conftest import SAMPLE_FILES as SAMPLES
from conftest import require_tool
from docx.oxml.ns import qn
from docx.shared import Cm, Pt
from office import office_pdfs
from PIL import Image, ImageDraw

from thaidocs.docx import write_docx
from thaidocs.layout.tree import (
    Align,
    Block,
    Cell,
    Emblem,
    LayoutDocument,
    Leader,
    Margins,
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
    TabStop,
)

FONT = "TH SarabunPSK"
LINE = 16 * 1.30
BODY = (
    "ปัจจุบันระบบราชการมุ่งเน้นการบริหารราชการแบบมีส่วนร่วม โดยเปิดโอกาสให้ประชาชน"
    "และผู้มีส่วนได้ส่วนเสียได้เข้ามามีส่วนร่วมในการรับรู้ เสนอความคิดเห็น และร่วมตัดสินใจ"
    "ในการดำเนินงานของหน่วยงาน เพื่อให้การปฏิบัติราชการมีความโปร่งใสยิ่งขึ้น"
)
AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"


def _image(path: Path, size: tuple[int, int], colour: str) -> Path:
    picture = Image.new("RGB", size, "white")
    ImageDraw.Draw(picture).ellipse((4, 4, size[0] - 4, size[1] - 4), fill=colour)
    picture.save(path)
    return path


def _centred(text: str, role: str, *, bold: bool = True, size: float = 16.0) -> Paragraph:
    return Paragraph(
        (Run(text, bold=bold),), align=Align.CENTER, size=size, keep_with_next=True, role=role
    )


def _body(text: str) -> Paragraph:
    return Paragraph((Run(text),), align=Align.DISTRIBUTE, first_line_indent=2.5, space_before=6.0)


def _clause(number: str, text: str) -> Paragraph:
    return Paragraph(
        (Run(f"{number}\t{text}"),),
        align=Align.DISTRIBUTE,
        left_indent=3.1,
        first_line_indent=-0.6,
        tabs=(TabStop(3.1),),
        role="clause",
    )


def _signer(axis: float = 10.0, width: float = 10.0, **extra: object) -> Signature:
    values: dict[str, object] = {
        "axis": axis,
        "width": width,
        "caption": None,
        "image": None,
        "signing_space": 3 * LINE,
        "name": "(นายวันศักดิ์ คำแหง)",
        "positions": ("ผู้อำนวยการ" + AGENCY,),
    }
    values.update(extra)
    return Signature(**values)  # type: ignore[arg-type]


def announcement(emblem: Path | None, signature: Path | None = None) -> LayoutDocument:
    """An announcement long enough for a second page."""
    blocks: tuple[Block, ...] = (
        Emblem(image=emblem, height=3.0, align=Align.CENTER, top=1.5),
        _centred("ประกาศ" + AGENCY, "title"),
        _centred("เรื่อง มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม", "subject"),
        Rule(width=4.0, space_before=6.0, space_after=6.0),
        *(_body(f"{BODY} ({n})") for n in "๑๒๓๔๕๖"),
        _clause("๑.", BODY),
        _clause("๒.", "การมีส่วนร่วมในการให้ข้อมูลข่าวสาร (Inform)"),
        _body("จึงประกาศมาเพื่อทราบโดยทั่วกัน"),
        Paragraph(
            (Run("ประกาศ ณ วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗"),),
            left_indent=5.0,
            space_before=LINE + 6.0,
            role="date",
        ),
        SignatureGroup(rows=((_signer(image=signature),),)),
    )
    return LayoutDocument(
        metadata=Metadata(title="ประกาศ", subject="มาตรการ", author=AGENCY),
        sections=(Section(PageSetup(), blocks),),
    )


def memo(emblem: Path | None) -> LayoutDocument:
    label = 20.0
    dots = (TabStop(16.0, leader=Leader.DOT),)
    header = (
        Paragraph(
            (Run("ส่วนราชการ", bold=True, size=label), Run("  กลุ่มนโยบายและแผน โทร. ๐๓๒\t")),
            tabs=dots,
            role="header",
        ),
        Paragraph(
            (
                Run("ที่", bold=True, size=label),
                Run("  ศธ ๐๔๐๐๑/๑๒๓\t"),
                Run("วันที่", bold=True, size=label),
                Run("  ๓๐ ตุลาคม ๒๕๖๗\t"),
            ),
            tabs=(TabStop(8.0, leader=Leader.DOT), TabStop(16.0, leader=Leader.DOT)),
            role="header",
        ),
        Paragraph(
            (Run("เรื่อง", bold=True, size=label), Run("  ขออนุมัติจัดประชุม\t")),
            tabs=dots,
            role="header",
        ),
    )
    title = Paragraph(
        (Run("บันทึกข้อความ", bold=True, size=29.0),),
        align=Align.CENTER,
        size=29.0,
        role="memo_title",
    )
    blocks = (
        Emblem(image=emblem, height=1.5, align=Align.LEFT, top=1.5, beside=(title,)),
        *header,
        Paragraph((Run("เรียน ผู้อำนวยการ"),), space_before=6.0, role="salutation"),
        _body(BODY),
        SignatureGroup(rows=((_signer(),),), space_before=6.0),
    )
    return LayoutDocument(
        metadata=Metadata(title="บันทึกข้อความ", subject="ขออนุมัติ", author=AGENCY),
        sections=(Section(PageSetup(), blocks),),
    )


def _cell(text: str, **extra: object) -> Cell:
    paragraph = Paragraph((Run(text),), align=Align.CENTER, size=14.0, role="cell")
    return Cell((paragraph,), **extra)  # type: ignore[arg-type]


MONTHS = ("ต.ค.", "พ.ย.", "ธ.ค.", "ม.ค.", "ก.พ.", "มี.ค.")


def plan() -> LayoutDocument:
    """A portrait section, then a landscape table with two header rows, then two signers
    side by side; a secrecy mark on every page."""
    first = Section(
        PageSetup(page_number_on_first=False, mark="ลับ"),
        (
            _centred("แผนส่งเสริมการมีส่วนร่วม ประจำปีงบประมาณ พ.ศ. ๒๕๖๔", "title"),
            Spacer(12.0),
            _body(BODY),
        ),
    )
    header = (
        (
            _cell("ที่", rowspan=2),
            _cell("โครงการ/กิจกรรม", rowspan=2),
            _cell("๒๕๖๓", colspan=3),
            _cell("๒๕๖๔", colspan=3),
        ),
        tuple(_cell(month) for month in MONTHS),
    )
    rows = tuple(
        (
            _cell(f"{n}"),
            _cell(f"กิจกรรมรับฟังความคิดเห็นครั้งที่ {n}"),
            *(_cell("", shaded=(i + index) % 2 == 0) for i in range(6)),
        )
        for index, n in enumerate("๑๒๓")
    )
    table = Table(widths=(1.2, 8.0, *(1.5,) * 6), header=header, rows=rows, space_before=6.0)
    landscape = PageSetup(width=29.7, height=21.0, margins=Margins(), mark="ลับ")
    signers = SignatureGroup(
        rows=(
            (
                _signer(4.0, 7.6, caption="ผู้เสนอแผน", name="(นางสาวสมใจ ใจดี)"),
                _signer(12.0, 7.6, caption="ผู้เห็นชอบแผน", name="(นายสมชาย รักดี)"),
            ),
            (_signer(caption="ผู้อนุมัติแผน"),),
        ),
        space_before=12.0,
        row_gap=12.0,
    )
    second = Section(landscape, (table, signers))
    return LayoutDocument(
        metadata=Metadata(title="แผน", subject="การมีส่วนร่วม", author=AGENCY, keywords=("แผน",)),
        sections=(first, second),
    )


# --- helpers -------------------------------------------------------------------------


def _parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {name: package.read(name) for name in package.namelist()}


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _letters(text: str) -> str:
    """Text without whitespace and Thai combining marks: LibreOffice's PDF puts spaces
    inside words and may move a tone mark after the next letter ("ขึน้" for "ขึ้น")."""
    return "".join(c for c in _squash(text) if unicodedata.category(c) != "Mn")


def _texts(element: object) -> str:
    """The visible text under an element (``w:t``), field instructions shown as ``{}``."""
    found = element.iter(qn("w:t"), qn("w:instrText"))  # type: ignore[attr-defined]
    return "".join("{}" if e.tag == qn("w:instrText") else e.text or "" for e in found)


def _lines(doc: LayoutDocument, *, cells: bool = True) -> Iterator[str]:
    """Every text line a reader must find in the output; ``cells=False`` leaves out table
    cells (a narrow cell's wrapped lines come out of pdftotext interleaved)."""
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield block.text
            elif isinstance(block, Emblem):
                yield from (p.text for p in block.beside)
            elif isinstance(block, Table) and cells:
                for row in (*block.header, *block.rows):
                    yield from (cell.text for cell in row)
            elif isinstance(block, SignatureGroup):
                for signers in block.rows:
                    for signer in signers:
                        yield from (signer.caption or "", signer.name, *signer.positions)


W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _tw(*lengths: object) -> tuple[int, ...]:
    """Lengths in twips, the unit the file stores them in."""
    return tuple(round(int(length) / 635) for length in lengths)  # type: ignore[call-overload]


def _attr(element: object, name: str) -> str | None:
    value = element.get(qn(name))  # type: ignore[attr-defined]
    return None if value is None else str(value)


@pytest.fixture(scope="module")
def images(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("images")
    return (
        _image(folder / "emblem.png", (300, 330), "#b22222"),
        _image(folder / "signature.png", (400, 120), "#2222b2"),
    )


@pytest.fixture(scope="module")
def trees(images: tuple[Path, Path]) -> dict[str, LayoutDocument]:
    emblem, signature = images
    return {
        "announcement": announcement(emblem, signature),
        "blank_paper": announcement(None),
        "memo": memo(emblem),
        "plan": plan(),
    }


@pytest.fixture(scope="module")
def files(trees: dict[str, LayoutDocument]) -> dict[str, bytes]:
    return {name: write_docx(tree) for name, tree in trees.items()}


def _open(data: bytes) -> docx.document.Document:
    return docx.Document(io.BytesIO(data))


def test_styles_name_the_face_for_thai_in_every_slot(files: dict[str, bytes]) -> None:
    document = _open(files["announcement"])
    styles = document.styles.element
    assert "Theme" not in _parts(files["announcement"])["word/styles.xml"].decode()
    defaults = styles.find(qn("w:docDefaults"))
    fonts = defaults.find(".//" + qn("w:rFonts"))
    assert {_attr(fonts, f"w:{slot}") for slot in ("ascii", "hAnsi", "eastAsia", "cs")} == {FONT}
    lang = defaults.find(".//" + qn("w:lang"))
    assert (_attr(lang, "w:val"), _attr(lang, "w:bidi")) == ("th-TH", "th-TH")
    normal = document.styles["Normal"].element.rPr
    assert _attr(normal.find(qn("w:sz")), "w:val") == "32"
    assert _attr(normal.find(qn("w:szCs")), "w:val") == "32"
    assert _attr(normal.find(qn("w:rFonts")), "w:cs") == FONT


def test_role_styles_carry_the_official_paragraph(files: dict[str, bytes]) -> None:
    document = _open(files["announcement"])
    body = document.styles["ThaiDocs Body"]
    assert body.element.pPr.find(qn("w:jc")).get(qn("w:val")) == "thaiDistribute"
    assert _tw(body.paragraph_format.first_line_indent) == _tw(Cm(2.5))
    assert body.paragraph_format.space_before == Pt(6)
    assert body.paragraph_format.line_spacing == Pt(LINE)
    spacing = body.element.pPr.find(qn("w:spacing"))
    assert _attr(spacing, "w:lineRule") == "exact"
    title = document.styles["ThaiDocs Title"]
    assert title.paragraph_format.alignment == 1  # centre
    assert title.element.rPr.find(qn("w:b")) is not None
    assert _attr(title.element.rPr.find(qn("w:bCs")), "w:val") is None  # on
    clause = document.styles["ThaiDocs Clause"].paragraph_format
    assert _tw(clause.left_indent, clause.first_line_indent) == _tw(Cm(3.1), Cm(-0.6))
    styled = {p.text: p.style.name for p in document.paragraphs if p.text and p.style}
    assert styled["จึงประกาศมาเพื่อทราบโดยทั่วกัน"] == "ThaiDocs Body"
    assert styled["(นายวันศักดิ์ คำแหง)"] == "ThaiDocs Signature"
    date = next(p for p in document.paragraphs if p.text.startswith("ประกาศ ณ"))
    # the date line keeps the signature block on its page
    assert date.paragraph_format.keep_with_next is True


def test_runs_set_complex_script_size_and_bold(files: dict[str, bytes]) -> None:
    xml = _parts(files["memo"])["word/document.xml"].decode()
    assert '<w:b/><w:bCs/><w:sz w:val="40"/><w:szCs w:val="40"/>' in xml  # 20 pt labels
    document = _open(files["memo"])
    title = document.element.body.find(".//" + qn("w:txbxContent"))
    assert _texts(title) == "บันทึกข้อความ"
    assert document.styles["ThaiDocs Memo Title"].font.size == Pt(29)
    header = next(p for p in document.paragraphs if p.text.startswith("ส่วนราชการ"))
    stop = header.paragraph_format.tab_stops[0]
    assert _tw(stop.position) == _tw(Cm(16.0))
    assert stop.leader == 1  # dots


def test_no_noproof_and_no_zero_width_space_anywhere(files: dict[str, bytes]) -> None:
    for data in files.values():
        for name, part in _parts(data).items():
            if name.endswith(".xml"):
                text = part.decode()
                assert "noProof" not in text, name
                assert "\u200b" not in text, name


def test_page_setup_and_page_number_field(files: dict[str, bytes]) -> None:
    section = _open(files["announcement"]).sections[0]
    assert _tw(section.page_width, section.page_height) == _tw(Cm(21.0), Cm(29.7))
    margins = (section.left_margin, section.right_margin, section.top_margin)
    assert _tw(*margins) == _tw(Cm(3.0), Cm(2.0), Cm(2.5))
    assert _tw(section.bottom_margin, section.header_distance) == _tw(Cm(2.0), Cm(1.5))
    assert section.different_first_page_header_footer is True
    assert section._sectPr.find(qn("w:pgNumType")).get(qn("w:fmt")) == "thaiNumbers"
    header = section.header._element
    instructions = [t.text for t in header.iter(qn("w:instrText"))]
    assert instructions == [" PAGE "]
    assert _texts(header) == "- {} -"
    assert not list(section.first_page_header._element.iter(qn("w:instrText")))


def test_each_tree_section_is_a_docx_section(files: dict[str, bytes]) -> None:
    first, second = _open(files["plan"]).sections
    assert first.orientation == 0 and second.orientation == 1
    assert _tw(second.page_width, second.page_height) == _tw(Cm(29.7), Cm(21.0))
    # numbers from page 2 on: only the first section has a different first page
    assert first.different_first_page_header_footer is True
    assert second.different_first_page_header_footer is False
    for story in (second.header, second.footer, first.first_page_header):
        runs = story._element.findall(".//" + qn("w:r"))
        marked = [r for r in runs if _texts(r) == "ลับ"]
        assert marked, story
        assert all(r.find(".//" + qn("w:color")).get(qn("w:val")) == "C00000" for r in marked)


def test_table_header_spans_shading_and_rows(files: dict[str, bytes]) -> None:
    table = _open(files["plan"]).tables[0]
    xml = table._tbl
    rows = xml.findall(qn("w:tr"))
    assert [r.find(f"{W}trPr/{W}tblHeader") is not None for r in rows] == [1, 1, 0, 0, 0]
    assert all(r.find(f"{W}trPr/{W}cantSplit") is not None for r in rows)
    spans = [_attr(s, "w:val") for s in xml.iter(qn("w:gridSpan"))]
    assert spans == ["3", "3"]
    merges = [_attr(m, "w:val") for m in xml.iter(qn("w:vMerge"))]
    assert merges == ["restart", "restart", None, None]
    fills = {_attr(s, "w:fill") for s in xml.iter(qn("w:shd"))}
    assert fills == {"BFBFBF"}
    assert len(list(xml.iter(qn("w:shd")))) == 9
    widths = [int(_attr(g, "w:w") or 0) for g in xml.iter(qn("w:gridCol"))]
    assert widths == [Cm(w).twips for w in (1.2, 8.0, *(1.5,) * 6)]
    assert table.cell(2, 1).text == "กิจกรรมรับฟังความคิดเห็นครั้งที่ ๑"
    assert table.style is not None and table.style.name == "ThaiDocs Table"


def test_signature_lines_are_centred_on_their_axis(files: dict[str, bytes]) -> None:
    document = _open(files["announcement"])
    name = next(p for p in document.paragraphs if p.text == "(นายวันศักดิ์ คำแหง)")
    assert name.style is not None
    fmt = name.style.paragraph_format  # one signer: the style holds the indents
    # axis 10 cm, width 10 cm on a 16 cm column
    assert _tw(fmt.left_indent, fmt.right_indent) == _tw(Cm(5.0), Cm(1.0))
    assert fmt.alignment == 1
    # the signature image sits in the signing space, no taller than it
    picture = document.inline_shapes[0]
    assert picture.height == Pt(3 * LINE)
    plan_doc = _open(files["plan"])
    columns = [int(_attr(g, "w:w") or 0) for g in plan_doc.tables[1]._tbl.iter(qn("w:gridCol"))]
    # 0.2 cm to the first block (axis 4 - 3.8), 7.6, gap 0.4, 7.6
    assert columns == [Cm(w).twips for w in (0.2, 7.6, 0.4, 7.6)]


def test_emblem_floats_at_its_place_or_leaves_its_space(files: dict[str, bytes]) -> None:
    xml = _parts(files["announcement"])["word/document.xml"].decode()
    assert f"<wp:posOffset>{Cm(1.5)}</wp:posOffset>" in xml
    assert "<wp:align>center</wp:align>" in xml
    blank = _open(files["blank_paper"])
    assert not blank.element.body.findall(".//" + qn("w:drawing"))
    holder = blank.paragraphs[0].paragraph_format
    # 1.5 cm + 3.0 cm of emblem, less the 2.5 cm top margin
    assert _tw(holder.line_spacing) == _tw(Cm(2.0))


def test_letter_header_rises_onto_the_emblem_band() -> None:
    letter = _open(_sample_docx(Path(__file__).parent.parent / "samples" / "letter.yaml"))
    holder = letter.paragraphs[0].paragraph_format
    # 2.0 cm of band below the margin, less one body line (16 pt × 1.30) for the ที่ line
    assert _tw(holder.line_spacing) == _tw(Cm(2.0) - Pt(16 * 1.3))
    assert letter.paragraphs[1].text.startswith("ที่ ")


def test_same_tree_same_bytes(trees: dict[str, LayoutDocument], files: dict[str, bytes]) -> None:
    for name, tree in trees.items():
        assert write_docx(tree) == files[name], name
    with zipfile.ZipFile(io.BytesIO(files["announcement"])) as package:
        infos = package.infolist()
    assert infos[0].filename == "[Content_Types].xml"
    assert {info.date_time for info in infos} == {(1980, 1, 1, 0, 0, 0)}
    props = _open(files["plan"]).core_properties
    assert (props.title, props.author, props.language) == ("แผน", AGENCY, "th-TH")
    assert props.keywords == "แผน"


# --- LibreOffice opens the files ------------------------------------------------------


@pytest.fixture(scope="module")
def pdfs(files: dict[str, bytes], tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Every file converted by LibreOffice in one run."""
    folder = tmp_path_factory.mktemp("lo")
    sources = []
    for name, data in files.items():
        sources.append(folder / f"{name}.docx")
        sources[-1].write_bytes(data)
    for sample in SAMPLES:
        sources.append(folder / f"sample_{sample.stem}.docx")
        sources[-1].write_bytes(_sample_docx(sample))
    office_pdfs(sources, folder, tmp_path_factory.mktemp("profile"))
    return {source.stem: source.with_suffix(".pdf") for source in sources}


def _sample_docx(path: Path) -> bytes:
    import thaidocs

    return thaidocs.to_docx(path)


def _text(pdf: Path, page: int | None = None, *, layout: bool = True) -> str:
    pages = ["-f", str(page), "-l", str(page)] if page else []
    mode = ["-layout"] if layout else []
    command = [require_tool("pdftotext"), *mode, *pages, str(pdf), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def _fonts(pdf: Path) -> set[str]:
    output = subprocess.run(
        [require_tool("pdffonts"), str(pdf)], check=True, capture_output=True, text=True
    ).stdout
    return {line.split()[0].split("+")[-1] for line in output.splitlines()[2:]}


def test_libreoffice_uses_only_the_thai_face(pdfs: dict[str, Path]) -> None:
    for name, pdf in pdfs.items():
        fonts = _fonts(pdf)
        assert fonts, name
        assert all(re.match(r"(Laksaman|THSarabun)", face) for face in fonts), (name, fonts)


def _shown(pdf: Path) -> tuple[str, str]:
    """The letters of the PDF's text without page numbers (a paragraph running onto the
    next page has its number inside) and dot leaders, in layout order (whole lines) and
    in reading order (whole table cells)."""
    return tuple(  # type: ignore[return-value]
        re.sub(r"-[0-9๐-๙]+-|\.{3,}", "", _letters(_text(pdf, layout=layout)))
        for layout in (True, False)
    )


def test_libreoffice_shows_every_line(
    pdfs: dict[str, Path], trees: dict[str, LayoutDocument]
) -> None:
    for name, tree in trees.items():
        texts = _shown(pdfs[name])
        for line in _lines(tree):
            assert any(_letters(line) in text for text in texts), (name, line)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda path: path.stem)
def test_samples_open_in_libreoffice_with_every_line(sample: Path, pdfs: dict[str, Path]) -> None:
    import thaidocs

    tree = thaidocs.compose(thaidocs.load(sample))
    texts = _shown(pdfs[f"sample_{sample.stem}"])
    for line in _lines(tree, cells=False):
        letters = re.sub(r"\.{3,}", "", _letters(line))
        assert any(letters in text for text in texts), line
    assert _text(pdfs[f"sample_{sample.stem}"], 1).strip()


def test_libreoffice_numbers_pages_from_the_second(pdfs: dict[str, Path]) -> None:
    for name in ("announcement", "plan"):
        first, second = _text(pdfs[name], 1), _text(pdfs[name], 2)
        assert not re.search(r"^\s*-\s*[1๑]\s*-\s*$", first, re.MULTILINE), name
        top = [line.strip() for line in second.splitlines() if line.strip()][:2]
        assert any(_squash(line) in ("-2-", "-๒-") for line in top), (name, top)


def test_libreoffice_renders_the_emblem_band(pdfs: dict[str, Path], tmp_path: Path) -> None:
    """On the rendered page the Garuda spans 1.5–4.5 cm from the top, centred on the text
    column, and the first text line starts below it."""
    command = [require_tool("pdftoppm"), "-r", "100", "-f", "1", "-l", "1", "-png"]
    subprocess.run([*command, str(pdfs["announcement"]), str(tmp_path / "page")], check=True)
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    cm = 100 / 2.54
    data: list[tuple[int, int, int]] = list(page.get_flattened_data())  # type: ignore[arg-type]
    rgb = [data[y * page.width : (y + 1) * page.width] for y in range(int(7 * cm))]
    red = [
        (x, y)
        for y, row in enumerate(rgb[: int(6 * cm)])
        for x, (r, g, _) in enumerate(row)
        if r > 150 and g < 80
    ]
    ys = [y for _, y in red]
    xs = [x for x, _ in red]
    assert abs(min(ys) / cm - 1.5) < 0.1 and abs(max(ys) / cm - 4.5) < 0.1
    assert abs((min(xs) + max(xs)) / 2 / cm - (3.0 + 16.0 / 2)) < 0.1
    text_rows = [
        y for y in range(max(ys) + 1, len(rgb)) if any(sum(pixel) < 200 for pixel in rgb[y])
    ]
    assert text_rows and text_rows[0] / cm >= 4.45

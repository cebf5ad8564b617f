"""The Thai text engine's PDF output, checked as a reader sees it: extracted text, glyphs
drawn, right edges of justified lines, embedded fonts, bytes."""

from __future__ import annotations

import re
import subprocess
import unicodedata
from collections.abc import Sequence
from io import BytesIO
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import uharfbuzz as hb
import yaml
from conftest import SAMPLE_DIR as SAMPLES
from conftest import require_tool
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader
from pypdf.generic import ContentStream, FloatObject, NumberObject, TextStringObject
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

import thaidocs
from thaidocs.layout.tree import Align, Paragraph, Run
from thaidocs.pdf.fonts import FontFamily, font_data, load_family
from thaidocs.pdf.text import Line, TextEngine
from thaidocs.pdf.text.engine import CM
from thaidocs.thai.segment import Segmenter

LEFT = 3 * CM
WIDTH = 16 * CM
TOP = A4[1] - 2.5 * CM
HARD = ["ที่", "นี้", "ผู้", "ปู่", "ปั้น", "ทำ", "น้ำ", "ญู", "ฐู", "ฤๅ", "กำลัง", "สำนัก", "ปู้"]
AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
BODY = (
    "ปัจจุบันระบบราชการมุ่งเน้นการเป็นระบบราชการที่มีความสามารถ มีวัฒนธรรมการปฏิบัติราชการ"
    "ตามหลักธรรมาภิบาล และเท่าทันการเปลี่ยนแปลง นอกจากนี้ยังต้องมีลักษณะสำคัญอีกประการหนึ่ง "
    "คือ การเปิดโอกาสให้ประชาชน ผู้รับบริการ และกลุ่มผู้มีส่วนได้ส่วนเสียเข้ามามีส่วนร่วมใน"
    "การดำเนินการพัฒนากระบวนการ (Inform) ปี 2567 ที่ https://www.example.go.th/a_b?x=1 ต่าง ๆ"
)


@pytest.fixture(scope="module")
def family() -> FontFamily:
    return load_family()


def build(
    family: FontFamily, paragraphs: Sequence[Paragraph], words: Sequence[str] = ()
) -> tuple[bytes, list[list[Line]]]:
    """A one-page PDF of ``paragraphs`` in a 16 cm column, and the engine's lines."""
    out = BytesIO()
    canvas = Canvas(out, pagesize=A4, invariant=1, initialFontName=family.regular.name)
    engine = TextEngine(family, words=words)
    laid = [engine.lay_out(paragraph, WIDTH) for paragraph in paragraphs]
    y = TOP
    for lines in laid:
        for line in lines:
            engine.draw_line(canvas, line, LEFT, y)
            y -= line.height
    engine.finish(canvas)
    canvas.save()
    return out.getvalue(), laid


def pdftotext(tmp_path: Path, data: bytes) -> str:
    tool = require_tool("pdftotext")
    path = tmp_path / "t.pdf"
    path.write_bytes(data)
    result = subprocess.run([tool, str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8").replace("\f", "")


def assert_cuts(source: str, lines: Sequence[str]) -> None:
    """The lines are the source in order, cut where spaces at a cut may vanish."""
    position = 0
    for line in lines:
        assert source.startswith(line, position), (line, source[position:])
        position += len(line)
        while position < len(source) and source[position] == " ":
            position += 1
    assert position == len(source)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


def test_hard_words_extract_exactly(tmp_path: Path, family: FontFamily) -> None:
    source = " ".join(HARD)
    data, laid = build(family, [Paragraph((Run(source),))])
    assert [line.text for line in laid[0]] == [source]
    assert pdftotext(tmp_path, data).strip() == source
    pypdf_text = PdfReader(BytesIO(data)).pages[0].extract_text()
    assert squeeze(pypdf_text) == squeeze(source)


def test_extraction_has_no_private_use_or_decomposed_sara_am(
    tmp_path: Path, family: FontFamily
) -> None:
    data, _ = build(family, [Paragraph((Run("น้ำทำกำลัง " * 6),), align=Align.DISTRIBUTE)])
    text = pdftotext(tmp_path, data)
    assert "\u0e4d" not in text
    assert not any("\ue000" <= char <= "\uf8ff" for char in text)


THAI_WORDS = [*HARD, "การ", "ราชการ", "เปลี่ยนแปลง", "ประชาชน", "ไม่", "แผ่นดิน", "โปร่งใส"]
TOKENS = st.sampled_from(
    [*THAI_WORDS, "Office", "PDF", "2567", "๒๕๖๗", "https://example.com/x", "(Inform)"]
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(st.tuples(TOKENS, st.sampled_from(["", "", " "])), min_size=1, max_size=60),
    st.sampled_from(list(Align)),
)
def test_generated_paragraphs_extract_line_by_line(
    tmp_path: Path, family: FontFamily, tokens: list[tuple[str, str]], align: Align
) -> None:
    source = "".join(token + sep for token, sep in tokens).strip()
    data, laid = build(family, [Paragraph((Run(source),), align=align)])
    lines = [line.text for line in laid[0]]
    assert_cuts(source, lines)
    extracted = [line for line in pdftotext(tmp_path, data).splitlines() if line]
    assert extracted == lines
    pypdf_text = PdfReader(BytesIO(data)).pages[0].extract_text()
    assert squeeze(pypdf_text) == squeeze(source)


def test_distributed_lines_end_at_the_right_edge(family: FontFamily) -> None:
    paragraph = Paragraph((Run(BODY),), align=Align.DISTRIBUTE, first_line_indent=2.5)
    data, laid = build(family, [paragraph])
    lines = laid[0]
    assert len(lines) >= 3
    with pdfplumber.open(BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    tops = [A4[1] - TOP + sum(line.height for line in lines[:k]) for k in range(len(lines) + 1)]
    for k, line in enumerate(lines):
        ends = [
            c["x1"] for c in chars if tops[k] <= c["top"] < tops[k + 1] and not _widened_mark(c)
        ]
        assert ends, line.text
        if k < len(lines) - 1 and max(run.gap for run in line.runs) < 0.04 * 16 * 0.67 - 1e-6:
            assert abs(max(ends) - (LEFT + WIDTH)) < 0.5, line.text
        elif k < len(lines) - 1:  # looser than the limits allow: ragged, not letter-spaced
            assert max(ends) < LEFT + WIDTH, line.text
        else:
            assert max(ends) < LEFT + WIDTH - 5  # the last line is left-aligned


def _widened_mark(char: dict[str, Any]) -> bool:
    """A zero-width mark, whose box the PDF widens to half an em for extractors: where its
    box ends is not where the line's ink ends."""
    return bool(abs(char["width"] - char["size"] / 2) < 0.01)


def test_justified_spacing_adds_no_spaces_to_the_text(tmp_path: Path, family: FontFamily) -> None:
    paragraph = Paragraph((Run(BODY),), align=Align.DISTRIBUTE)
    data, laid = build(family, [paragraph])
    extracted = pdftotext(tmp_path, data).split()
    assert extracted == " ".join(line.text for line in laid[0]).split()


def _drawn_glyphs(data: bytes) -> list[tuple[int, float, float]]:
    """(glyph id, x, y) of every glyph the page draws, read back from the content stream
    through each font's CIDToGIDMap and widths."""
    reader = PdfReader(BytesIO(data))
    page: Any = reader.pages[0]
    fonts = {}
    for name, ref in page["/Resources"]["/Font"].items():
        cid_font = ref.get_object()["/DescendantFonts"][0].get_object()
        w = cid_font["/W"]
        widths = {
            int(w[k]) + i: float(width)
            for k in range(0, len(w), 2)
            for i, width in enumerate(w[k + 1])
        }
        fonts[name] = (cid_font["/CIDToGIDMap"].get_object().get_data(), widths)
    glyphs: list[tuple[int, float, float]] = []
    gid_map, widths = b"", {}
    size = x0 = y0 = rise = pen = 0.0
    for operands, operator in ContentStream(page.get_contents(), reader).operations:
        if operator == b"Tf":
            gid_map, widths = fonts[operands[0]]
        elif operator == b"Tm":
            size, x0, y0, pen = float(operands[0]), float(operands[4]), float(operands[5]), 0.0
        elif operator == b"Ts":
            rise = float(operands[0])
        elif operator == b"TJ":
            for element in operands[0]:
                if isinstance(element, NumberObject | FloatObject):
                    pen -= float(element) / 1000
                    continue
                raw = element.original_bytes if isinstance(element, TextStringObject) else element
                for k in range(0, len(raw), 2):
                    cid = int.from_bytes(raw[k : k + 2], "big")
                    gid = int.from_bytes(gid_map[2 * cid : 2 * cid + 2], "big")
                    glyphs.append((gid, x0 + pen * size, y0 + rise * size))
                    pen += widths[cid] / 1000
    return glyphs


@pytest.mark.parametrize("word", HARD)
def test_drawn_glyphs_are_harfbuzz_shaping(family: FontFamily, word: str) -> None:
    data, laid = build(family, [Paragraph((Run(word),))])
    size = 16 * family.regular.scale
    line = laid[0][0]
    font = hb.Font(hb.Face(hb.Blob(font_data(family.regular.path).data)))
    buffer = hb.Buffer()
    buffer.add_str(word)
    buffer.guess_segment_properties()
    hb.shape(font, buffer, {})
    expected = []
    pen = 0
    for info, position in zip(buffer.glyph_infos, buffer.glyph_positions, strict=True):
        x = LEFT + (pen + position.x_offset) * size / 1000
        y = TOP - line.baseline + position.y_offset * size / 1000
        expected.append((info.codepoint, x, y))
        pen += position.x_advance
    drawn = _drawn_glyphs(data)
    assert [g for g, _, _ in drawn] == [g for g, _, _ in expected]
    for (_, x, y), (_, ex, ey) in zip(drawn, expected, strict=True):
        assert x == pytest.approx(ex, abs=0.01)
        assert y == pytest.approx(ey, abs=0.01)
    piece = line.runs[0].pieces[0]
    assert list(piece.glyphs) == [info.codepoint for info in buffer.glyph_infos]
    assert list(piece.y_offsets) == [p.y_offset for p in buffer.glyph_positions]


def test_fonts_are_embedded_subsets_and_nothing_else(tmp_path: Path, family: FontFamily) -> None:
    tool = require_tool("pdffonts")
    paragraphs = [
        Paragraph((Run("ผู้รับบริการ "), Run("ตัวหนา", bold=True), Run(" Latin 123"))),
    ]
    data, _ = build(family, paragraphs)
    path = tmp_path / "f.pdf"
    path.write_bytes(data)
    rows = subprocess.run([tool, str(path)], capture_output=True, check=True, text=True)
    fonts = rows.stdout.splitlines()[2:]
    assert len(fonts) == 2
    for row in fonts:
        name, *_, emb, sub, uni, _obj, _gen = row.split()
        assert re.fullmatch(r"[A-Z]{6}\+Sarabun-(Regular|Bold)", name)
        assert (emb, sub, uni) == ("yes", "yes", "yes")
    assert b"Helvetica" not in data


def test_subset_is_small(family: FontFamily) -> None:
    data, _ = build(family, [Paragraph((Run("ที่นี่"),))])
    assert len(data) < len(font_data(family.regular.path).data) / 4


def test_same_input_same_bytes(family: FontFamily) -> None:
    paragraphs = [Paragraph((Run(BODY),), align=Align.DISTRIBUTE)]
    first, _ = build(family, paragraphs, words=[AGENCY])
    build(family, [Paragraph((Run("อื่น ๆ ที่ต่างกัน " + BODY[::-1]),))])
    second, _ = build(family, paragraphs, words=[AGENCY])
    assert first == second


def test_zero_width_space_is_neither_drawn_nor_measured(tmp_path: Path, family: FontFamily) -> None:
    engine = TextEngine(family)
    assert engine.measure("ราช\u200bการ", 16) == engine.measure("ราชการ", 16)
    data, laid = build(family, [Paragraph((Run("ราช\u200bการ"),))])
    assert "\u200b" not in pdftotext(tmp_path, data)
    assert len(_drawn_glyphs(data)) == sum(len(p.glyphs) for p in laid[0][0].runs[0].pieces)


def test_colour_and_bold_runs(family: FontFamily) -> None:
    paragraph = Paragraph((Run("ด่วนที่สุด", bold=True, color="C00000", size=32), Run(" ปกติ")))
    data, laid = build(family, [paragraph])
    assert laid[0][0].height == pytest.approx(32 * 1.3)
    with pdfplumber.open(BytesIO(data)) as pdf:
        chars = pdf.pages[0].chars
    bold = [c for c in chars if "Bold" in c["fontname"]]
    assert "".join(c["text"] for c in bold) == "ด่วนที่สุด"
    assert all(c["non_stroking_color"] == pytest.approx((0.753, 0, 0), abs=0.01) for c in bold)
    assert bold[0]["size"] == pytest.approx(32 * family.bold.scale, abs=0.01)


def test_dot_leader_is_graphics_not_text(tmp_path: Path, family: FontFamily) -> None:
    from thaidocs.layout.tree import Leader, TabStop

    paragraph = Paragraph(
        (Run("ส่วนราชการ", bold=True), Run("\tโรงเรียน\t")),
        tabs=(TabStop(4.0), TabStop(16.0, leader=Leader.DOT)),
    )
    data, laid = build(family, [paragraph])
    assert laid[0][0].leaders
    text = pdftotext(tmp_path, data)
    assert "." not in text
    with pdfplumber.open(BytesIO(data)) as pdf:
        page = pdf.pages[0]
        first = next(c for c in page.chars if c["text"] == "โ")
        assert first["x0"] == pytest.approx(LEFT + 4 * CM, abs=0.01)
        leader = laid[0][0].leaders[0]
        (row,) = page.lines  # the dots are one dashed stroke with round caps
        assert row["x0"] > LEFT + leader.x0 and row["x1"] < LEFT + leader.x1
        assert row["x1"] == pytest.approx(LEFT + 16 * CM, abs=3)


def test_letter_agency_column_breaks_the_agency_between_words(tmp_path: Path) -> None:
    """The agency is wider than the letter's agency column can be: it wraps where one of its
    words ends (…มัธยมศึกษา / เพชรบุรี), never inside one (…เพชร / บุรี)."""
    agency = AGENCY + "และสมุทรสงคราม"
    source = yaml.safe_load((SAMPLES / "letter.yaml").read_text(encoding="utf-8"))
    source["agency"] = agency
    data = thaidocs.to_pdf(source)
    lines = [line for line in pdftotext(tmp_path, data).splitlines() if line]
    cuts = [
        p
        for p in range(1, len(agency))
        for above, below in pairwise(lines)
        if above.endswith(agency[:p]) and below.startswith(agency[p:])
    ]
    assert cuts
    assert set(cuts) <= set(Segmenter().breaks(agency))

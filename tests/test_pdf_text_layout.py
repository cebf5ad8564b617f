"""The Thai text engine's line layout: where lines break, how they are placed."""

from __future__ import annotations

import re

import pytest
from conftest import SAMPLE_DIR as SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.layout.tree import Align, Paragraph, Run, TabStop
from thaidocs.pdf.fonts import font_data, load_family
from thaidocs.pdf.text import Line, TextEngine
from thaidocs.pdf.text.engine import CM
from thaidocs.pdf.text.shaping import shape
from thaidocs.thai.segment import Break, Segmenter

WIDTH = 16 * CM
AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
BODY = (
    "ดังนั้น เพื่อให้การปฏิบัติราชการของสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี "
    "เป็นไปตามเจตจำนงสุจริตตามนโยบายของหน่วยงาน มีความโปร่งใส ตรวจสอบได้ และเปิดโอกาสให้"
    "ผู้รับบริการ ผู้มีส่วนได้ส่วนเสียเข้ามามีส่วนร่วมในการดำเนินงาน โดยนายวันศักดิ์ คำแหง "
    "และนางสาวสมหญิง ศรีสุวรรณวงศ์ เป็นผู้ประสานงาน ต่าง ๆ (Inform) ปี 2567"
)
NAMES = ("นายวันศักดิ์ ", "คำแหง", "นางสาวสมหญิง ", "ศรีสุวรรณวงศ์")


@pytest.fixture(scope="module")
def engine() -> TextEngine:
    return TextEngine(load_family(), words=[AGENCY])


def offsets(text: str, lines: list[Line]) -> list[int]:
    """Where each line after the first starts in ``text``."""
    result = []
    position = 0
    for line in lines:
        position = text.index(line.text, position)
        result.append(position)
        position += len(line.text)
    return result[1:]


@settings(max_examples=40, deadline=None)
@given(st.floats(min_value=7.5, max_value=16.0))
def test_lines_break_only_where_words_allow(width_cm: float) -> None:
    engine = TextEngine(load_family(), words=[AGENCY])
    assert engine.measure(AGENCY, 16) < 7.5 * CM  # the agency fits a line whole
    paragraph = Paragraph((Run(BODY),), align=Align.DISTRIBUTE, first_line_indent=1.0)
    lines = engine.lay_out(paragraph, width_cm * CM)
    allowed = Segmenter([AGENCY]).opportunities(BODY)
    starts = offsets(BODY, lines)
    for start in starts:
        assert allowed.get(start) in (Break.FREE, Break.TERM)
    for name in NAMES:
        begin = BODY.index(name)
        assert not any(begin < start < begin + len(name.strip()) for start in starts)
    for line in lines:
        assert line.text[0] not in "ะาำๅๆฯ" and line.text[-1] not in "เแโใไ"
        assert line.width <= width_cm * CM + 0.01


def test_terms_give_way_before_a_stretched_line_names_never(engine: TextEngine) -> None:
    text = f"ให้{AGENCY}"
    width = engine.measure(AGENCY, 16) + 10  # the agency fits, but not after ให้
    lines = engine.lay_out(Paragraph((Run(text),), align=Align.DISTRIBUTE), width)
    assert lines[0].text.startswith(text[:10]) and len(lines) == 2
    assert len(lines[1].text) < len(AGENCY)
    assert Segmenter().breaks(text).count(len(lines[0].text)) == 1  # a dictionary boundary
    names = TextEngine(load_family(), names=[AGENCY])
    lines = names.lay_out(Paragraph((Run(text),), align=Align.DISTRIBUTE), width)
    assert [line.text for line in lines] == ["ให้", AGENCY]
    # a line that is not stretched may stay short
    lines = engine.lay_out(Paragraph((Run(text),)), width)
    assert [line.text for line in lines] == ["ให้", AGENCY]


def test_a_term_longer_than_the_line_breaks_between_its_words(engine: TextEngine) -> None:
    width = engine.measure(AGENCY, 16) - 10
    words = set(Segmenter().breaks(AGENCY))
    for text, first in [(AGENCY, 0.0), (f"ที่ ศธ ๐๔๒๔๗/๑๒๓\t{AGENCY}", -9.0)]:
        paragraph = Paragraph(
            (Run(text),), left_indent=9.0, first_line_indent=first, tabs=(TabStop(9.0),)
        )
        lines = engine.lay_out(paragraph, 9 * CM + width)
        # the term fills the line it starts on: it would not fit the next one either
        assert lines[0].text.startswith(text[:20]) and len(lines) == 2
        assert len(text) - len(lines[1].text) - text.index(AGENCY) in words
    # so does a name, when it alone is longer than the line
    names = TextEngine(load_family(), names=[AGENCY])
    lines = names.lay_out(Paragraph((Run(AGENCY),)), width)
    assert len(lines) == 2 and len(lines[0].text) in words


def test_justified_lines_of_the_samples_are_not_letter_spaced() -> None:
    """Every justified line but a paragraph's last is at least 3/4 full, so its clusters
    move apart by a point or so at most (the agency after "(Inform)" breaks between its
    words instead of stretching clause ๑.๑'s first line)."""
    checked = 0
    for sample in ("announcement", "letter", "order", "memo"):
        tree = thaidocs.compose(thaidocs.load(SAMPLES / f"{sample}.yaml"))
        engine = TextEngine(load_family(), words=tree.words)
        for section in tree.sections:
            column = section.page.text_width * CM
            for block in section.blocks:
                if not isinstance(block, Paragraph) or block.align != Align.DISTRIBUTE:
                    continue
                lines = engine.lay_out(block, column)
                for k, line in enumerate(lines[:-1]):
                    indent = block.left_indent + (block.first_line_indent if k == 0 else 0)
                    room = column - (indent + block.right_indent) * CM
                    assert line.width >= 0.75 * room, line.text
                    assert max(run.gap for run in line.runs) < 1.5, line.text
                    checked += 1
    assert checked > 30


def test_sample_lines_break_between_dictionary_words() -> None:
    """Whatever the column (the letter's agency column is narrower than the agency), a line
    of a sample ends where pythainlp sees a word end, or at white space."""
    plain = Segmenter()
    for sample in ("announcement", "letter"):
        tree = thaidocs.compose(thaidocs.load(SAMPLES / f"{sample}.yaml"))
        engine = TextEngine(load_family(), words=tree.words)
        for section in tree.sections:
            column = section.page.text_width * CM
            for block in section.blocks:
                if isinstance(block, Paragraph):
                    allowed = set(plain.breaks(block.text))
                    for start in offsets(block.text, engine.lay_out(block, column)):
                        assert start in allowed, block.text[:start]


def test_a_word_longer_than_the_line_breaks_between_clusters(engine: TextEngine) -> None:
    url = "https://www.example.go.th/ประกาศ/มาตรการมีส่วนร่วม/ฉบับที่หนึ่ง"
    lines = engine.lay_out(Paragraph((Run(url),)), 3 * CM)
    assert len(lines) > 2
    assert "".join(line.text for line in lines) == url
    for line in lines:
        assert line.width <= 3 * CM
        assert line.text[0] not in "ะาำๅๆฯ" and not "\u0e31" <= line.text[0] <= "\u0e4e"
        assert line.text[-1] not in "เแโใไ"


def test_a_term_longer_than_a_narrow_column_breaks_between_its_words(
    engine: TextEngine,
) -> None:
    owner = "สำนักงานคณะกรรมการส่งเสริมการศึกษาเอกชน"
    lines = engine.lay_out(Paragraph((Run(owner),), size=14), 2.2 * CM)
    texts = [line.text for line in lines]
    assert "".join(texts) == owner
    assert texts[:2] == ["สำนักงาน", "คณะกรรมการ"]
    assert all(line.width <= 2.2 * CM for line in lines)
    # narrower, the pieces split again between their own words before any cluster is cut
    expected = {2.2: ["คณะกรรมการ"], 1.6: ["คณะ", "กรรมการ"], 1.2: ["คณะ", "กรรม", "การ"]}
    for width, pieces in expected.items():
        lines = engine.lay_out(Paragraph((Run("คณะกรรมการ"),)), width * CM)
        assert [line.text for line in lines] == pieces


def test_line_height_is_official_size_times_spacing_whatever_the_scale(
    engine: TextEngine,
) -> None:
    (line,) = engine.lay_out(Paragraph((Run("ที่"),)), WIDTH)
    assert line.height == pytest.approx(20.8)
    mixed = Paragraph((Run("บันทึกข้อความ", size=29, bold=True), Run(" ส่วนราชการ", size=20)))
    assert engine.lay_out(mixed, WIDTH)[0].height == pytest.approx(29 * 1.3)
    user = load_family([load_family().regular.path])
    assert user.regular.scale == 1.0 and user.bold == user.regular
    (scaled,) = TextEngine(user).lay_out(Paragraph((Run("ที่"),)), WIDTH)
    assert scaled.height == pytest.approx(20.8)
    assert scaled.width == pytest.approx(line.width / load_family().regular.scale)


def test_empty_paragraph_is_one_blank_line(engine: TextEngine) -> None:
    for runs in [(), (Run(""),), (Run("", size=20),)]:
        (line,) = engine.lay_out(Paragraph(runs), WIDTH)
        assert line.height == pytest.approx(20.8)
        assert (line.width, line.text, len(line.runs)) == (0.0, "", 0)
    (line,) = engine.lay_out(Paragraph((Run(""), Run("ที่"), Run(""))), WIDTH)
    assert line.text == "ที่"


def test_newline_forces_a_break(engine: TextEngine) -> None:
    lines = engine.lay_out(Paragraph((Run("บรรทัดแรก\nบรรทัดสอง"),), align=Align.DISTRIBUTE), WIDTH)
    assert [line.text for line in lines] == ["บรรทัดแรก", "บรรทัดสอง"]
    assert lines[0].runs[0].gap == 0


def test_measure_is_the_shaped_width(engine: TextEngine) -> None:
    family = load_family()
    units = font_data(family.bold.path).units
    expected = shape(family.bold, "ผู้ใหญ่").width * 16 * family.bold.scale / units
    assert engine.measure("ผู้ใหญ่", 16, bold=True) == pytest.approx(expected)
    assert engine.measure("ผู้ใหญ่", 16) != pytest.approx(expected)


def test_indents(engine: TextEngine) -> None:
    paragraph = Paragraph(
        (Run("๑. " + BODY),), left_indent=3.1, first_line_indent=-0.6, right_indent=1.0
    )
    lines = engine.lay_out(paragraph, WIDTH)
    assert lines[0].runs[0].x == pytest.approx(2.5 * CM)
    assert all(line.runs[0].x == pytest.approx(3.1 * CM) for line in lines[1:])
    assert all(line.width <= (16 - 3.1 - 1.0) * CM for line in lines[1:])


@pytest.mark.parametrize(("align", "share"), [(Align.CENTER, 0.5), (Align.RIGHT, 1.0)])
def test_centre_and_right(engine: TextEngine, align: Align, share: float) -> None:
    (line,) = engine.lay_out(Paragraph((Run("เรื่อง มาตรการ"),), align=align), WIDTH)
    assert line.runs[0].x == pytest.approx((WIDTH - line.width) * share)


def test_distributed_slack_goes_to_every_cluster(engine: TextEngine) -> None:
    lines = engine.lay_out(Paragraph((Run(BODY),), align=Align.DISTRIBUTE), WIDTH)
    for line in lines[:-1]:
        gaps = {run.gap for run in line.runs}
        assert len(gaps) == 1 and 0 < gaps.pop() < 3
    assert all(run.gap == 0 for run in lines[-1].runs)


def test_tab_stops(engine: TextEngine) -> None:
    paragraph = Paragraph(
        (Run("ที่ ศธ ๐๔๐๐๑/๑๒๓\tสำนักงาน\tขวา"),),
        tabs=(TabStop(9.0), TabStop(16.0, align=Align.RIGHT)),
    )
    (line,) = engine.lay_out(paragraph, WIDTH)
    first, middle, last = line.runs
    assert middle.x == pytest.approx(9 * CM)
    end = last.x + sum(p.width for p in last.pieces) * last.size / 1000
    assert end == pytest.approx(16 * CM)
    assert re.sub("\t", "", line.text) == first.text + middle.text + last.text


@settings(max_examples=25, deadline=None)
@given(st.lists(st.floats(min_value=0.5, max_value=16.0), min_size=1, max_size=6))
def test_a_paragraph_tried_at_several_widths_lays_out_as_on_its_own(widths: list[float]) -> None:
    """Segmented and shaped once for all the widths, the lines (and their texts, broken
    without placing) are those of a fresh layout: tabs measured and over-long units cut anew
    at each width."""
    text = f"๑.\t{AGENCY}{AGENCY} นายวันศักดิ์ คำแหง\tหน้า ๒"
    paragraph = Paragraph((Run(text),), align=Align.DISTRIBUTE, tabs=(TabStop(position=3.0),))
    alone = TextEngine(load_family(), words=[AGENCY])
    trying = TextEngine(load_family(), words=[AGENCY])
    expected = []
    for width in widths:
        thaidocs.clear_caches()
        expected.append(alone.lay_out(paragraph, width * CM))
    thaidocs.clear_caches()
    with trying.trying_widths(paragraph):
        texts = [trying.line_texts(paragraph, width * CM) for width in widths]
        tried = [trying.lay_out(paragraph, width * CM) for width in widths]
    assert tried == expected
    assert texts == [[line.text for line in lines] for lines in expected]

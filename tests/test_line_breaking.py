"""Where the PDF's lines break, read back from the PDF as a person reads it.

A typist never splits a word, a name, a number or "พ.ศ. ๒๕๖๗" across lines, and sets a
justified line by widening its spaces, then its letters by no more than 0.04 em. The lines
are taken from pdftotext's output, not from the engine.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_FILES as SAMPLES
from conftest import require_tool
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.layout import Paragraph, compose
from thaidocs.layout.tree import Align, Run, SignatureGroup
from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text import TextEngine
from thaidocs.pdf.text.engine import CM
from thaidocs.thai.segment import Break

#: compounds and levels a typist keeps whole (the issue's examples among them)
TERMS = [
    "แนวทาง",
    "ประชาสัมพันธ์",
    "คณะกรรมการ",
    "ชำนาญการพิเศษ",
    "ชำนาญการ",
    "ส่วนร่วม",
    "ส่วนได้ส่วนเสีย",
    "ประชาสังคม",
    "เชี่ยวชาญ",
    "ปฏิบัติการ",
    "สี่หมื่นสองพันบาทถ้วน",
]
WORDS = ["การ", "ดำเนินงาน", "ของ", "หน่วยงาน", "ให้", "ประชาชน", "มี", "ใน", "และ", "ตาม", "โดย"]
WORDS += ["กำหนด", "ราชการ", "เพื่อ", "จัด", "ทำ", "แผน", "ประจำปี", "งบประมาณ", "โครงการ"]
NUMBERS = ["๑๔๕,๗๕๐.๕๐", "๐๙.๐๐", "๓๐/๑๐/๒๕๖๗", "๔๘,๗๕๐.๐๐", "๑๒.๓๐"]
GLUED = [
    "พ.ศ. ๒๕๖๗",
    "ข้อ ๑",
    "มาตรา ๓๗",
    "โทร. ๐ ๓๒๔๒ ๕๔๙๒",
    "ที่ ศธ ๐๔๒๔๗/๑๒๓",
    "๑๒๐ บาท",
    "๘๐ คน",
    "วันที่ ๓๐ ตุลาคม ๒๕๖๗",
]
NAMES = ["นายวันศักดิ์ คำแหง", "นางสาวสมหญิง ศรีสุวรรณวงศ์", "ดร.ปกรณ์ ทองดี"]
_DIGITS = "0-9\u0e50-\u0e59"
#: a number token (digits and the separators between them), or a telephone number written in
#: groups: it starts with a zero, and numbers that merely follow one another are not one
_NUMBER = re.compile(
    rf"[{_DIGITS}]+(?:[,.:/][{_DIGITS}]+)+"
    rf"|(?<![{_DIGITS},.:/])[0\u0e50][{_DIGITS}]*(?: [{_DIGITS}]+)+"
    rf"(?![{_DIGITS}]|[,.:/][{_DIGITS}])"
)


#: a page's furniture: its number at the head ("- ๒ -"), the catchword at the foot ("/ของ...")
_FURNITURE = re.compile(r"- [๐-๙0-9]+ -|/.+\.\.\.")


def pdf_lines(data: bytes, tmp_path: Path) -> list[str]:
    """The PDF's text lines as pdftotext reads them, in reading order, without the pages'
    furniture, so that a paragraph that runs on to the next page reads on."""
    path = tmp_path / "lines.pdf"
    path.write_bytes(data)
    result = subprocess.run(
        [require_tool("pdftotext"), str(path), "-"], capture_output=True, check=True
    )
    lines = result.stdout.decode("utf-8").splitlines()
    return [line for line in lines if line.strip() and not _FURNITURE.fullmatch(line.strip())]


def breaks_in(paragraph: str, lines: list[str], begin: int = 0) -> tuple[list[int], int]:
    """Where in ``paragraph`` each of its lines after the first starts, found among
    ``lines[begin:]`` (the paragraph starts a line), and the index of the line after it;
    ``([], begin)`` when the paragraph is not there."""
    for first in range(begin, len(lines)):
        if not paragraph.startswith(lines[first].strip()):
            continue
        offsets = []
        position = 0
        for k in range(first, len(lines)):
            piece = lines[k].strip()
            found = paragraph.find(piece, position)
            if found < 0 or paragraph[position:found].strip():
                break
            if position:
                offsets.append(found)
            position = found + len(piece)
            if position >= len(paragraph.rstrip()):
                return offsets, k + 1
    return [], begin


def split_inside(paragraph: str, offsets: list[int], spans: list[tuple[int, int]]) -> list[str]:
    """The spans a line break falls strictly inside."""
    return [paragraph[a:b] for a, b in spans for k in offsets if a < k < b]


def never_split(paragraph: str) -> list[tuple[int, int]]:
    """Number tokens, words that introduce a number with their number, and names."""
    spans = [m.span() for m in _NUMBER.finditer(paragraph)]
    for glued in [*GLUED, *NAMES]:
        spans += [m.span() for m in re.finditer(re.escape(glued), paragraph)]
    return spans


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    tokens=st.lists(
        st.tuples(
            st.sampled_from(WORDS)
            | st.sampled_from(TERMS)
            | st.sampled_from(NUMBERS)
            | st.sampled_from(GLUED)
            | st.sampled_from(NAMES),
            st.sampled_from(["", "", " "]),
        ),
        min_size=8,
        max_size=60,
    ),
    size=st.sampled_from([16.0, 20.0, 26.0]),
)
@example(  # a unit read as the start of a longer word: ๘๐ คนใน…
    tokens=[
        ("แนวทาง", ""),
        ("ประชาสังคม", ""),
        ("นายวันศักดิ์ คำแหง", ""),
        ("นางสาวสมหญิง ศรีสุวรรณวงศ์", ""),
        ("๘๐ คน", ""),
        ("ใน", ""),
        *[("ดำเนินงาน", "")] * 3,
        ("๑๔๕,๗๕๐.๕๐", ""),
        *[("นางสาวสมหญิง ศรีสุวรรณวงศ์", "")] * 2,
    ],
    size=16.0,
)
@example(  # numbers one after another are not a telephone number: วันที่ ๓๐ | ตุลาคม was cut
    tokens=[
        *[("การ", "")] * 14,
        *[("ดำเนินงาน", "")] * 2,
        ("๑๔๕,๗๕๐.๕๐", ""),
        ("๓๐/๑๐/๒๕๖๗", ""),
        ("๑๔๕,๗๕๐.๕๐", ""),
        ("นางสาวสมหญิง ศรีสุวรรณวงศ์", ""),
        ("๑๔๕,๗๕๐.๕๐", ""),
        *[("นายวันศักดิ์ คำแหง", "")] * 2,
        *[("การ", "")] * 3,
        *[("ประชาสัมพันธ์", "")] * 2,
        ("โทร. ๐ ๓๒๔๒ ๕๔๙๒", ""),
        ("วันที่ ๓๐ ตุลาคม ๒๕๖๗", ""),
        *[("๑๔๕,๗๕๐.๕๐", "")] * 3,
        *[("การ", "")] * 2,
        ("ประชาสัมพันธ์", ""),
        ("ดำเนินงาน", ""),
        ("๓๐/๑๐/๒๕๖๗", ""),
        ("นางสาวสมหญิง ศรีสุวรรณวงศ์", ""),
    ],
    size=26.0,
)
@example(  # an abbreviation against the word before it: ดำเนินงา | นพ.ศ. was cut
    tokens=[
        *[("การ", "")] * 6,
        *[("ดำเนินงาน", "")] * 2,
        *[("ประชาสัมพันธ์", "")] * 2,
        ("ดำเนินงาน", ""),
        ("พ.ศ. ๒๕๖๗", ""),
    ],
    size=16.0,
)
def test_no_break_inside_a_word_number_or_name(
    tokens: list[tuple[str, str]], size: float, tmp_path: Path
) -> None:
    # a number glued to another reads as one token, a name ends at white space (a surname
    # glued to the next word reads as a longer surname), and Thai text has a space every few
    # words (a run of words longer than a line is cut between its words however it segments)
    pieces = []
    previous = ""
    run = 0
    for token, sep in tokens:
        apart = not token[0].isalpha() or not previous[-1:].isalpha() or previous in NAMES
        sep = " " if previous and (apart or run >= 3) else sep if previous else ""
        run = run + 1 if not sep else 1
        pieces.append(sep + token)
        previous = token
    paragraph = "".join(pieces)
    data = {
        "type": "announcement",
        "agency": "สำนักงานทดสอบ",
        "subject": "ทดสอบการตัดบรรทัด",
        "date": "2024-10-30",
        "body": [paragraph],
        "signers": [{"name": "นายทดสอบ ระบบ", "position": "ผู้อำนวยการ"}],
        "options": {"spec": {"body_size": size}},  # larger letters: fewer to a line
    }
    lines = pdf_lines(thaidocs.to_pdf(thaidocs.from_dict(data)), tmp_path)
    offsets, after = breaks_in(paragraph, lines)
    assert after, (paragraph, lines)
    assert split_inside(paragraph, offsets, never_split(paragraph)) == []
    # no break inside a generated word or term: each fits a line whole
    spans = []
    position = 0
    for piece in pieces:
        start = position + len(piece) - len(piece.lstrip(" "))
        spans.append((start, position + len(piece)))
        position += len(piece)
    assert split_inside(paragraph, offsets, spans) == []


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_sample_lines_never_split_words_numbers_or_names(sample: Path, tmp_path: Path) -> None:
    doc = thaidocs.load(sample)
    lines = pdf_lines(thaidocs.to_pdf(doc), tmp_path)
    tree = compose(doc)
    names = [
        signature.name.strip("()")
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, SignatureGroup)
        for row in block.rows
        for signature in row
    ]
    paragraphs = [
        block.text
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, Paragraph) and len(block.text) > 20
    ]
    checked = broken = 0
    position = 0
    for paragraph in paragraphs:
        offsets, after = breaks_in(paragraph, lines, position)
        if after == position:
            continue  # not laid out as lines of its own (a header line with a leader)
        position = after
        checked += 1
        broken += bool(offsets)
        spans = never_split(paragraph)
        for word in [*TERMS, *names]:
            spans += [m.span() for m in re.finditer(re.escape(word), paragraph)]
        assert split_inside(paragraph, offsets, spans) == [], paragraph
    assert checked >= len(paragraphs) // 2 and broken
    for name in names:
        assert any(name in line for line in lines), name


def _justified(sample: Path) -> list[tuple[Any, float]]:
    tree = compose(thaidocs.load(sample))
    engine = TextEngine(load_family(), words=tree.words)
    found = []
    for section in tree.sections:
        column = section.page.text_width * CM
        for block in section.blocks:
            if isinstance(block, Paragraph) and block.align == Align.DISTRIBUTE:
                for line in engine.lay_out(block, column)[:-1]:
                    found.append((line, column))
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_letters_move_apart_by_at_most_four_hundredths_of_an_em(sample: Path) -> None:
    for line, _ in _justified(sample):
        for run in line.runs:
            assert run.gap <= 0.04 * run.size + 1e-9, line.text


def test_widest_unit_is_what_a_column_must_hold() -> None:
    engine = TextEngine(load_family(), words=["สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"])

    def widest(text: str, level: Break = Break.FREE) -> float:
        return engine.widest_unit(Paragraph((Run(text),), size=14), level)

    def width(text: str) -> float:
        return engine.measure(text, 14)

    assert widest("๔๘,๗๕๐.๐๐") == pytest.approx(width("๔๘,๗๕๐.๐๐"))
    assert widest("รวม ๑๔๕,๗๕๐.๕๐ บาท") == pytest.approx(width("๑๔๕,๗๕๐.๕๐ บาท"))
    assert widest("โดยนายวันศักดิ์ คำแหง") == pytest.approx(width("นายวันศักดิ์ คำแหง"))
    assert widest("ต.ค.") == pytest.approx(width("ต.ค."))
    assert widest("แนวทางในการ") == pytest.approx(width("แนวทางใน"))
    agency = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
    assert widest(f"ของ{agency}") == pytest.approx(width(agency))
    assert widest(f"ของ{agency}", Break.TERM) < width(agency) / 2

"""Layouts shared between documents: a paragraph laid out for one document is reused by the
next only where that gives exactly the lines it would get on its own.

A merge repeats most paragraphs, so the engine keeps layouts across documents; what differs
between documents (their terms and names, fonts, spacing) must keep them apart.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_DIR
from conftest import SAMPLE_FILES as SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.layout import Paragraph
from thaidocs.layout.tree import Align, Leader, Run
from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text import TextEngine
from thaidocs.pdf.text.breaking import Broken, Kind
from thaidocs.pdf.text.engine import CM
from thaidocs.pdf.text.justification import Frame, Style, place
from thaidocs.pdf.text.line import Line
from thaidocs.thai.segment import Segmenter

WORDS = [
    "สำนักงาน",
    "เขตพื้นที่",
    "การศึกษา",
    "ประถมศึกษา",
    "ประชาสัมพันธ์",
    "คณะกรรมการ",
    "ดำเนินการ",
    "ตามแนวทาง",
    "ที่กำหนด",
    "นายสมชาย",
    "ใจดี",
    "ชำนาญการพิเศษ",
    "ปฏิบัติงาน",
    "จังหวัด",
    "เพชรบุรี",
    " ",
    "ข้อ ๑",
    "พ.ศ. ๒๕๖๘",
]


def _terms() -> st.SearchStrategy[list[str]]:
    """Document terms made of the paragraph's own words, so that they bear on its breaks."""
    return st.lists(st.sampled_from([w for w in WORDS if w.strip()]), max_size=4).map(
        lambda words: ["".join(words[k : k + 2]) for k in range(0, len(words), 2)]
    )


@st.composite
def _cases(draw: st.DrawFn) -> tuple[Paragraph, float, list[str], list[str], bool]:
    text = "".join(draw(st.lists(st.sampled_from(WORDS), min_size=4, max_size=40)))
    paragraph = Paragraph((Run(text),), align=draw(st.sampled_from([Align.DISTRIBUTE, Align.LEFT])))
    width = draw(st.sampled_from([4.0, 7.5, 16.0])) * CM
    return paragraph, width, draw(_terms()), draw(_terms()), draw(st.booleans())


@settings(max_examples=60, deadline=None)
@given(_cases())
def test_a_layout_kept_for_one_document_serves_another_only_where_it_is_the_same(
    case: tuple[Paragraph, float, list[str], list[str], bool],
) -> None:
    paragraph, width, first_terms, second_terms, as_names = case
    family = load_family()

    def engine(terms: list[str]) -> TextEngine:
        return TextEngine(family, names=terms) if as_names else TextEngine(family, words=terms)

    thaidocs.clear_caches()
    alone = engine(second_terms).lay_out(paragraph, width)
    thaidocs.clear_caches()
    engine(first_terms).lay_out(paragraph, width)
    after = engine(second_terms).lay_out(paragraph, width)
    assert after == alone


def test_each_call_gets_lines_of_its_own() -> None:
    engine = TextEngine(load_family())
    paragraph = Paragraph((Run("ประกาศสำนักงานเขตพื้นที่การศึกษาประถมศึกษา " * 6),))
    first = engine.lay_out(paragraph, 10 * CM)
    second = engine.lay_out(paragraph, 10 * CM)
    assert first == second
    assert not {id(line) for line in first} & {id(line) for line in second}


def test_the_context_holds_only_the_terms_found_in_the_text() -> None:
    text = "คณะกรรมการประชาสัมพันธ์จังหวัดเพชรบุรี"
    plain = Segmenter()
    assert Segmenter(words=["สำนักงานเขตพื้นที่"]).context(text) == plain.context(text)
    assert Segmenter(words=["ประชาสัมพันธ์จังหวัด"]).context(text) != plain.context(text)
    as_term = Segmenter(words=["ประชาสัมพันธ์จังหวัด"]).context(text)
    assert Segmenter(names=["ประชาสัมพันธ์จังหวัด"]).context(text) != as_term


def test_samples_are_the_same_after_other_documents_as_alone(tmp_path: Path) -> None:
    """Every sample's PDF, rendered after all the others in one process, equals the PDF it
    gets with every cache empty."""
    warm = {}
    for sample in SAMPLES:
        warm[sample.name] = thaidocs.to_pdf(thaidocs.load(sample))
    for sample in SAMPLES:
        thaidocs.clear_caches()
        assert thaidocs.to_pdf(thaidocs.load(sample)) == warm[sample.name], sample.name


def test_merged_letters_are_the_same_after_each_other_as_alone() -> None:
    """A merge lays out again each paragraph a field changes; the lines that come out as in an
    earlier letter are that letter's lines, drawn content and all, and no other line is."""
    source = (SAMPLE_DIR / "announcement.yaml").read_text(encoding="utf-8")
    provinces = ["เพชรบุรี", "กาญจนบุรี", "ตาก", "พระนครศรีอยุธยา", "น่าน"]
    letters = [
        thaidocs.from_dict(yaml.safe_load(source.replace("เพชรบุรี", province)), base_dir=SAMPLE_DIR)
        for province in provinces
    ]
    thaidocs.clear_caches()
    after = [thaidocs.to_pdf(letter) for letter in letters]
    for letter, pdf in zip(letters, after, strict=True):
        thaidocs.clear_caches()
        assert thaidocs.to_pdf(letter) == pdf


#: what placing a line reads: its text, its runs' size and colour, its paragraph's size, its
#: tab's width and leader, its frame, alignment and place in the paragraph, and the line
#: spacing; two values of each
SETTING = {
    "text": ("ab\tno", "ba\ton"),  # the same items, as wide
    "size": (None, 18.0),
    "color": (None, "C00000"),
    "paragraph": (16.0, 14.0),
    "tab": (20.0, 36.0),
    "leader": (Leader.NONE, Leader.DOT),
    "frame": (Frame(0.0, 300.0), Frame(20.0, 280.0)),
    "align": (Align.DISTRIBUTE, Align.LEFT),
    "last": (False, True),
    "forced": (False, True),
    "spacing": (1.3, 1.5),
}


def _placing(setting: dict[str, Any]) -> tuple[TextEngine, Broken, list[Style], Style]:
    engine = TextEngine(load_family(), line_spacing=setting["spacing"])
    run = Run(setting["text"], size=setting["size"], color=setting["color"])
    paragraph = Paragraph((run,), size=setting["paragraph"])
    items, styles = engine._fresh_items(paragraph)
    for item in items:
        if item.kind == Kind.TAB:
            item.width = setting["tab"]
    broken = Broken(items, setting["forced"], setting["last"])
    return engine, broken, styles, engine._style(False, setting["paragraph"], None)


def _placed(setting: dict[str, Any], *, kept: bool) -> Line:
    engine, broken, styles, default = _placing(setting)
    text = setting["text"]
    tab = {item.start: setting["leader"] for item in broken.items if item.kind == Kind.TAB}
    frame, align = setting["frame"], setting["align"]
    if kept:
        return engine._place(text, broken, styles, frame, align, tab, default)
    return place(text, broken, styles, frame, align, tab, engine.line_spacing, default)


@pytest.mark.parametrize("changed", [None, *SETTING])
@settings(max_examples=30, deadline=None)
@given(st.fixed_dictionaries({name: st.sampled_from(values) for name, values in SETTING.items()}))
def test_a_line_placed_for_one_document_serves_another_only_where_it_is_the_same(
    changed: str | None, first: dict[str, Any]
) -> None:
    """The second line is set as the first, or differs from it in one thing."""
    second = dict(first)
    if changed is not None:
        one, other = SETTING[changed]
        second[changed] = other if first[changed] == one else one
    thaidocs.clear_caches()
    _placed(first, kept=True)
    assert _placed(second, kept=True) == _placed(second, kept=False)


def test_a_line_of_nothing_drawn_takes_its_height_from_its_own_paragraph() -> None:
    """A line of U+200B alone draws no glyph: its paragraph's size sets its height."""
    first = {name: values[0] for name, values in SETTING.items()}
    first.update(text="\u200b", size=18.0)
    second = {**first, "paragraph": 14.0}
    thaidocs.clear_caches()
    _placed(first, kept=True)
    assert _placed(second, kept=True) == _placed(second, kept=False)

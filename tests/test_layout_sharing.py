"""Layouts shared between documents: a paragraph laid out for one document is reused by the
next only where that gives exactly the lines it would get on its own.

A merge repeats most paragraphs, so the engine keeps layouts across documents; what differs
between documents (their terms and names, fonts, spacing) must keep them apart.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from conftest import SAMPLE_DIR
from conftest import SAMPLE_FILES as SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.layout import Paragraph
from thaidocs.layout.tree import Align, Run
from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text import TextEngine
from thaidocs.pdf.text.engine import CM
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
    """A merge lays out again each paragraph a field changes; the runs of its lines that come
    out as in an earlier letter take their drawn content from it, and a run that differs in
    text, size, colour, pieces or justification gap gets its own."""
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

"""Thai line-break opportunities: dictionary words, the document's words, names, and the
characters a line may not start or end with."""

from __future__ import annotations

import itertools
import re

from hypothesis import example, given, settings
from hypothesis import strategies as st

from thaidocs.thai import segment
from thaidocs.thai.segment import (
    ZWSP,
    Break,
    Segmenter,
    cluster_starts,
    glue_spans,
    is_glue,
    word_joints,
)

AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"


def pieces(text: str, segmenter: Segmenter | None = None) -> list[str]:
    breaks = (segmenter or Segmenter()).breaks(text)
    return [text[i:j] for i, j in zip([0, *breaks], [*breaks, len(text)], strict=True)]


def test_dictionary_words_and_spaces() -> None:
    assert pieces("ระบบราชการมุ่งเน้น การเปลี่ยนแปลง") == [
        "ระบบ",
        "ราชการ",
        "มุ่งเน้น ",
        "การเปลี่ยนแปลง",
    ]


def test_document_words_break_freely_nowhere_inside() -> None:
    text = f"ของ{AGENCY}เป็นไป"
    inside = range(4, 3 + len(AGENCY))
    assert any(i in inside for i in Segmenter().breaks(text))
    assert not any(i in inside for i in Segmenter([AGENCY]).breaks(text))


def test_document_terms_may_break_between_their_words_names_only_last() -> None:
    text = f"ของ{AGENCY}เป็นไป"
    words = {3 + i for i in Segmenter().breaks(AGENCY)}
    assert len(words) == 3  # สำนักงาน|เขตพื้นที่การศึกษา|มัธยมศึกษา|เพชรบุรี
    term = Segmenter([AGENCY]).opportunities(text)
    assert {i for i, level in term.items() if level == Break.TERM} == words
    assert term[3] == term[3 + len(AGENCY)] == Break.FREE
    name = Segmenter(names=[AGENCY]).opportunities(text)
    assert {i for i, level in name.items() if level == Break.NAME} == words
    assert list(term) == list(name) == sorted(term)


def test_document_words_that_start_with_a_title_are_names() -> None:
    segmenter = Segmenter(["นายสุรชัย พงษ์ไพบูลย์", "นายอำเภอเมืองเพชรบุรี", "สุรชัย"])
    text = "โดยนายสุรชัย พงษ์ไพบูลย์ และนายอำเภอเมืองเพชรบุรี สุรชัย"
    levels = segmenter.opportunities(text)

    def inside(word: str) -> set[Break]:
        start = text.index(word)
        return {level for i, level in levels.items() if start < i < start + len(word)}

    assert inside("นายสุรชัย พงษ์ไพบูลย์") == {Break.NAME}  # title, given name and surname
    # นายอำเภอ (district chief) is a word of its own: a position, not a title and a name
    assert inside("นายอำเภอเมืองเพชรบุรี") == {Break.TERM}


def test_names_given_apart_never_break_freely() -> None:
    name = "สมหญิงศรีสุวรรณวงศ์"  # no title: a term unless it is given as a name
    assert set(Segmenter([name]).opportunities(name).values()) == {Break.TERM}
    assert set(Segmenter(names=[name]).opportunities(name).values()) == {Break.NAME}
    assert set(Segmenter([name], names=[name]).opportunities(name).values()) == {Break.NAME}


def test_document_words_with_spaces_protect_each_part() -> None:
    segmenter = Segmenter(["นายวันศักดิ์ คำแหง"])
    assert pieces("โดยนายวันศักดิ์ คำแหงเป็นประธาน", segmenter) == [
        "โดย",
        "นายวันศักดิ์ คำแหง",
        "เป็น",
        "ประธาน",
    ]


def test_names_after_titles_stay_whole() -> None:
    text = "มอบหมายให้นางสาวสมหญิง ศรีสุวรรณวงศ์ และว่าที่ร้อยตรีสมศักดิ์ ใจดี ดร.ปกรณ์ ทองดี ดำเนินการ"
    result = pieces(text)
    for whole in ["นางสาวสมหญิง ศรีสุวรรณวงศ์ ", "ว่าที่ร้อยตรีสมศักดิ์ ใจดี ", "ดร.ปกรณ์ ทองดี "]:
        assert whole in result


def test_title_inside_a_longer_word_is_not_a_name() -> None:
    result = pieces("นายกรัฐมนตรีได้มอบหมาย")
    assert result[0] == "นายกรัฐมนตรี"


def test_a_name_written_against_the_word_before_it_stays_whole() -> None:
    # บาทนาย reads บาท|นาย as well as บา|ทนาย: the title may start the name
    text = "จำนวน ๑๒๐ บาทนายวันศักดิ์ คำแหง รับ"
    name = text.index("นายวันศักดิ์")
    breaks = Segmenter().breaks(text)
    assert not [i for i in breaks if name < i < text.index(" รับ")]
    # a title that merely starts a longer word after another word is still no name
    assert "นายกรัฐมนตรี" in "".join(pieces("โดยนายกรัฐมนตรีได้มอบหมาย")[:2])


def test_custom_titles() -> None:
    segmenter = Segmenter(name_titles=["พันเอก"])
    assert "พันเอกสมชาย มั่นคง" in pieces("โดยพันเอกสมชาย มั่นคง", segmenter)
    assert "นายสมชาย มั่นคง" not in pieces("โดยนายสมชาย มั่นคง", segmenter)


def test_numbers_never_break_nor_leave_the_word_that_introduces_them() -> None:
    for text in ("โทร. ๐ ๓๒๔๒ ๕๔๙๒ ต่อ ๒๐๓", "โทร. 0 3242 5492 ต่อ 203"):
        levels = Segmenter().opportunities(text)
        assert sorted(levels) == [text.index("ต่อ")]
    text = "ปีงบประมาณ พ.ศ. ๒๕๖๘ วันที่ ๓๐ ตุลาคม ๒๕๖๗ ตามมาตรา ๓๗ และข้อ ๑ ที่ ศธ ๐๔๒๔๗/๑๒๓"
    assert pieces(text) == [
        "ปีงบประมาณ ",
        "พ.ศ. ๒๕๖๘ ",
        "วันที่ ๓๐ ตุลาคม ๒๕๖๗ ",
        "ตามมาตรา ๓๗ ",
        "และ",
        "ข้อ ๑ ",
        "ที่ ศธ ๐๔๒๔๗/๑๒๓",
    ]


def test_only_a_telephone_number_glues_its_groups() -> None:
    # a telephone number starts with a zero; numbers that follow one another are not one
    assert pieces("โทร. ๐๘๑ ๒๓๔ ๕๖๗๘ หรือ") == ["โทร. ๐๘๑ ๒๓๔ ๕๖๗๘ ", "หรือ"]
    assert pieces("ปี ๒๕๖๗ ๑๔๕,๗๕๐.๕๐ ๑๔๕,๗๕๐.๕๐ ๓๐/๑๐/๒๕๖๗") == [
        "ปี ๒๕๖๗ ",
        "๑๔๕,๗๕๐.๕๐ ",
        "๑๔๕,๗๕๐.๕๐ ",
        "๓๐/๑๐/๒๕๖๗",
    ]
    # nor is a zero that ends an amount the start of one
    assert pieces("รวม ๑๕๐.๐ ๒๐ คน")[-1] == "๒๐ คน"


def test_a_dotted_abbreviation_starts_a_word_even_without_a_space() -> None:
    assert pieces("ปีงบประมาณพ.ศ. ๒๕๖๘ ดำเนินงานพ.ศ. ๒๕๖๗") == [
        "ปีงบประมาณ",
        "พ.ศ. ๒๕๖๘ ",
        "ดำเนินงาน",
        "พ.ศ. ๒๕๖๗",
    ]


def test_short_numbers_keep_their_unit() -> None:
    assert pieces("จำนวน ๑๒๐ บาท ผู้เข้าร่วม ๘๐ คน รวม ๑๔๕,๗๕๐.๕๐ บาท") == [
        "จำนวน ๑๒๐ บาท ",
        "ผู้เข้าร่วม ",
        "๘๐ คน ",
        "รวม ",
        "๑๔๕,๗๕๐.๕๐ บาท",
    ]
    # the unit may start a longer word (คนใน): the number still stays with it, unless that
    # word introduces a number of its own (วันที่ ๓๐)
    text = "ผู้เข้าร่วม ๘๐ คนในพื้นที่ ปี ๒๕๖๘ วันที่ ๓๐"
    breaks = Segmenter().breaks(text)
    assert text.index("คนใน") not in breaks
    assert text.index("วันที่") in breaks
    # บาท is no unit of its own inside บาทถ้วน; an amount in words is one word
    text = "(สี่หมื่นสองพันบาทถ้วน)"
    assert set(Segmenter().opportunities(text).values()) == {Break.WORD}


def test_a_boundary_inside_any_minimal_segmentation_word_is_not_safe() -> None:
    # แนวทาง|ใน|การ and แนว|ทางใน|การ: only the break before การ is safe
    text = "แนวทางในการ"
    levels = Segmenter().opportunities(text)
    assert [i for i, level in levels.items() if level == Break.FREE] == [8]
    assert levels[3] == Break.WORD
    for compound in ("ส่วนได้ส่วนเสีย", "ชำนาญการพิเศษ", "ประชาสังคม", "ประชาสัมพันธ์", "คณะกรรมการ"):
        breaks = Segmenter().breaks(f"ผู้มี{compound}ทุกคน")
        assert not any(5 < i < 5 + len(compound) for i in breaks)
        assert Segmenter().breaks(compound) == []


def test_an_overlong_word_is_cut_first_between_its_own_words() -> None:
    def cuts(word: str) -> list[str]:
        return [word[:p] + "|" + word[p:] for p in word_joints(word)]

    assert cuts("คณะกรรมการ") == ["คณะ|กรรมการ"]
    assert cuts("ผู้อำนวยการ") == ["ผู้|อำนวยการ"]
    assert cuts("abc") == []


def test_mai_yamok_never_starts_a_line() -> None:
    assert "ต่าง ๆ " in pieces("ข้อร้องเรียนต่าง ๆ เพื่อพัฒนา")


def test_zero_width_space_is_a_break() -> None:
    assert pieces(f"ราช{ZWSP}การ") == [f"ราช{ZWSP}", "การ"]


def test_thai_latin_and_digit_boundaries() -> None:
    assert pieces("ใช้Python3ในงาน") == ["ใช้", "Python3", "ใน", "งาน"]
    assert pieces("พ.ศ.๒๕๖๗") == ["พ.ศ.๒๕๖๗"]


def test_clusters_keep_marks_and_sara_am_with_their_base() -> None:
    text = "น้ำที่ปั้น"
    starts = cluster_starts(text)
    assert [text[i:j] for i, j in zip(starts, [*starts[1:], len(text)], strict=True)] == [
        "น้ำ",
        "ที่",
        "ปั้",
        "น",
    ]


WORDS = ["เป็น", "แม่", "ไม่", "โรงเรียน", "ใจ", "ต่าง ๆ", "กำลัง", "ฯลฯ", "ก็", "น้ำ", "(ทดสอบ)", "ค่ะ"]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(WORDS), st.sampled_from(["", " ", ZWSP])), max_size=30))
def test_no_line_starts_or_ends_badly(tokens: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in tokens)
    for i in Segmenter().breaks(text):
        assert 0 < i < len(text)
        assert text[i] not in "ะาำๅๆฯ)" and not "\u0e31" <= text[i] <= "\u0e3a"
        assert not "\u0e47" <= text[i] <= "\u0e4e"
        assert text[:i].rstrip(" " + ZWSP)[-1] not in "เแโใไ("


@given(
    st.lists(
        st.one_of(
            st.sampled_from([" ", "  ", "\t", "\n", ZWSP, "\u00a0", "\u2007", "\u202f", "\u3000"]),
            st.sampled_from(["การ", "ทำงาน", "x", "๑๒"]),
            st.text(max_size=2),
        ),
        max_size=12,
    ).map("".join)
)
def test_glue_spans_are_the_runs_of_white_space_and_of_zero_width_space(text: str) -> None:
    runs: list[tuple[int, int]] = []
    position = 0
    for kind, chars in itertools.groupby(text, key=lambda c: "zwsp" if c == ZWSP else is_glue(c)):
        width = len(list(chars))
        if kind:
            runs.append((position, position + width))
        position += width
    assert sorted(glue_spans(text)) == runs


#: the number rules as plain patterns, each searched from every position: what the segmenter's
#: quicker searches must find
_D = "[0-9\u0e50-\u0e59]"
_PLAIN_SHORT = re.compile(rf"(?<![\w.,]){_D}+(?:[,.:/\-]{_D}+)*[ \u00a0]*(?=[\u0e01-\u0e4e])")
_PLAIN_BEFORE = re.compile(rf"(?<=\S) +(?={_D})")


def _plain_glued(text: str) -> list[int]:
    glued: list[int] = []
    if not re.search(_D, text):
        return glued
    for match in segment._GLUED_NUMBERS.finditer(text):
        glued.extend(range(match.start() + 1, match.end()))
    glued.extend(match.end() for match in segment._DOCUMENT_LABEL.finditer(text))
    before = segment._before_numbers()
    for match in _PLAIN_BEFORE.finditer(text):
        if text.endswith(before, 0, match.start()) or text[match.start() - 1] == ".":
            glued.append(match.end())
    units = segment._units()
    for match in _PLAIN_SHORT.finditer(text):
        if len(match.group().rstrip()) <= segment._SHORT and text.startswith(units, match.end()):
            unit = next(u for u in units if text.startswith(u, match.end()))
            after = match.end() + len(unit)
            if (
                after == len(text)
                or not segment._is_thai_letter(text[after])
                or not text.startswith(before, match.end())
                or segment._word_ends(text, match.end(), after)
            ):
                glued.append(match.end())
    return glued


NUMBER_TEXTS = st.lists(
    st.one_of(
        st.sampled_from(["๑", "๒๕", "๐", "0", "7", "๑๒๐", "๐๒", "๓๐/๑๐/๒๕๖๗", "1,500.50"]),
        st.sampled_from([" ", "  ", "\t", "\u00a0", ",", ".", "/", "-", ":", "_", "a", "x"]),
        st.sampled_from(["บาท", "คน", "ปี", "พ.ศ.", "ข้อ", "ที่ ", "ศธ ", "ว ", "โทร. ", "การ"]),
    ),
    max_size=14,
).map("".join)


@given(NUMBER_TEXTS)
@example("x.๑ บาท")
@example(",๑๒ คน")
@example(" ๑.")
@example("ที่ ศธ ๔๒๔๗/๑๒๓")
@example("ข้อ\t ๑ และ พ.ศ. ๒๕๖๗ ปี")
@example("โทร. ๐ ๓๒๔๒ ๕๔๙๒ ที่ ศธ ๐๔๒๔๗/ว ๑๒๓")
def test_the_number_rules_find_what_their_plain_patterns_find(text: str) -> None:
    assert segment._glued(text) == _plain_glued(text)


# a run of Thai letters that stops before an abbreviation written against it, by a look-ahead
# at every letter: what the runs words are looked up in must be
_RUN_BY_LOOKAHEAD = re.compile(
    "[\u0e01-\u0e4e](?:(?![\u0e01-\u0e2e]\\.[\u0e01-\u0e2e]{1,2}\\.)[\u0e01-\u0e4e])*"
)


_PIECES = ["ปีงบประมาณ", "พ.ศ.", "ต.ค.", "ก.", "กข.", "ค.ศ", ".", "๒๕๖๘", " ", "ไ", "า"]


@settings(max_examples=500, deadline=None)
@given(
    st.one_of(
        st.lists(st.sampled_from(_PIECES), max_size=12).map("".join),
        # the ends of the Thai block and its signs that are no letters
        st.text(st.sampled_from("กขฮะาเ่้ํ๎ฯๆ๐๑ ab,.\u0e2f\u0e4f\u0e00\u0e3a\u0e3f")),
    ),
    st.integers(0, 5),
)
@example("ปีงบประมาณพ.ศ. ๒๕๖๘", 0)
@example("กพ.ศ.", 1)
def test_thai_runs_end_before_an_abbreviation_written_against_them(text: str, start: int) -> None:
    expected = [match.span() for match in _RUN_BY_LOOKAHEAD.finditer(text, start)]
    assert list(segment._thai_runs(text, start)) == expected

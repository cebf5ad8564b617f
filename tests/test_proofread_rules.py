"""Each proofreading rule on a text it must flag and on one it must leave alone."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.structs import replace

import thaidocs
from thaidocs.model import Document, Signer
from thaidocs.model.convert import made_valid
from thaidocs.proofread import sequences
from thaidocs.proofread.sequences import normalize_cluster
from thaidocs.proofread.walk import TextField

SIGNER = {"name": "นายวันศักดิ์ คำแหง", "position": "ผู้อำนวยการสำนักงาน"}


BASE: dict[str, Any] = {
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "subject": "มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม",
    "date": "2024-10-30",
    "signers": [SIGNER],
}
LETTER: dict[str, Any] = BASE | {
    "type": "letter",
    "number": "ศธ ๐๔๒๔๗/๑๒๓",
    "address": "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี ๗๖๐๐๐",
    "to": "ผู้อำนวยการสำนักงานศึกษาธิการจังหวัดเพชรบุรี",
    "body": ["จึงเรียนมาเพื่อโปรดพิจารณา"],
}
MEMO: dict[str, Any] = BASE | {
    "type": "memo",
    "unit": "กลุ่มนโยบายและแผน",
    "to": "ผู้อำนวยการ",
    "body": ["จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ"],
}


def announcement(*body: Any, **changes: Any) -> Document:
    return thaidocs.from_dict(BASE | {"type": "announcement", "body": list(body)} | changes)


def letter(**changes: Any) -> Document:
    return thaidocs.from_dict(LETTER | changes)


def memo(**changes: Any) -> Document:
    return thaidocs.from_dict(MEMO | changes)


def found(doc: Document, code: str) -> list[tuple[str, str, str | None]]:
    return [(f.path, f.span, f.suggestion) for f in thaidocs.check(doc) if f.code == code]


def levels(doc: Document, code: str) -> set[str]:
    return {f.level for f in thaidocs.check(doc) if f.code == code}


# (paragraph, code, span, suggestion): each rule flags the span and offers the suggestion.
FLAGGED = [
    ("โปร่งใсыิ่งขึ้น", "script.mixed", "сы", None),
    ("สำนักงaน", "script.mixed", "a", None),
    ("ประกาศsี", "script.mixed", "s", None),
    ("Cоnsult", "script.homoglyph", "Cоnsult", "Consult"),
    ("Inλorm", "script.homoglyph", "Inλorm", None),
    ("ทํางาน", "thai.sara-am-decomposed", "ทํา", "ทำ"),
    ("นํ้าใจ", "thai.sara-am-decomposed", "นํ้า", "น้ำ"),
    ("เเดง", "thai.sara-ae-split", "เเด", "แด"),
    ("ท\u0e48\u0e35", "thai.mark-order", "ท\u0e48\u0e35", "ที่"),
    ("น\u0e33\u0e49", "thai.mark-order", "น\u0e33\u0e49", "น้ำ"),
    ("ก่่อน", "thai.two-tones", "ก่่", "ก่"),
    ("ก่้อน", "thai.two-tones", "ก่้", None),
    ("ดีีมาก", "thai.vowel-doubled", "ดีี", "ดี"),
    ("คำ ่ที่สอง", "thai.orphan-mark", "่", None),
    ("ภายใน ๓๑ กันยายน ๒๕๖๗", "date.impossible", "๓๑ กันยายน ๒๕๖๗", None),
    ("๒๙ กุมภาพันธ์ 2568", "date.impossible", "๒๙ กุมภาพันธ์ 2568", None),
    ("ภายใน ๓๑ เมษายน", "date.impossible", "๓๑ เมษายน", None),
    (
        "วันที่ ๓๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
        "date.impossible",
        "วันที่ ๓๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
        "วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
    ),
    ("วันจันทร์ที่ ๓๐ ตุลาคม ๒๕๖๗", "date.weekday", "วันจันทร์", "วันพุธ"),
    ("๓๐ ตุลาคม พ.ศ. 2024", "date.year-ce", "๓๐ ตุลาคม พ.ศ. 2024", "๓๐ ตุลาคม พ.ศ. 2567"),
    ("ปีงบประมาณ พ.ศ. ๒๐๒๑", "date.year-ce", "พ.ศ. ๒๐๒๑", "พ.ศ. ๒๕๖๔"),
    ("ปีงบประมาณ พ.ศ. 1939", "date.year-ce", "พ.ศ. 1939", None),
    ("๓๐ ตุลาคม พ.ศ. 1024", "date.impossible", "๓๐ ตุลาคม พ.ศ. 1024", None),
    ("ภายใน ๓๐ วัน มีผู้เข้าร่วม 120 คน", "digits.mixed", "120", "๑๒๐"),
    ("ดังนี้  ข้อแรก", "spacing.double", "  ", " "),
    ("ดังนี้\tข้อแรก", "spacing.double", "\t", " "),
    ("ข้อร้องเรียนต่างๆ เพื่อพัฒนา", "spacing.maiyamok", "ต่างๆ", "ต่าง ๆ"),
    ("ข้อร้องเรียนต่าง ๆเพื่อพัฒนา", "spacing.maiyamok", "ๆ", "ๆ "),
    ("ข้อร้องเรียนต่างๆเพื่อพัฒนา", "spacing.maiyamok", "ต่างๆ", "ต่าง ๆ "),
    ("การให้ข้อมูล (Inform )", "spacing.punctuation", " ", ""),
    ("การให้ข้อมูล ( Inform)", "spacing.punctuation", " ", ""),
    ("ผู้รับบริการ , ผู้มีส่วนได้ส่วนเสีย", "spacing.punctuation", " ", ""),
    ("สำนัก\u200bงาน", "spacing.zero-width", "\u200b", ""),
    ("ระดับของการให้ความร่วมมือ Corroborate", "level.unknown", "Corroborate", "Collaborate"),
    ("การมีส่วนร่วม (Corroborate) ของประชาชน", "level.unknown", "Corroborate", "Collaborate"),
    ("การมีส่วนร่วมในระดับเสริมอำนาจ (Empowerment)", "level.variant", "Empowerment", "Empower"),
]

# (paragraph, code): the rule leaves the paragraph alone.
CLEAN = [
    ("โปร่งใสยิ่งขึ้น", "script.mixed"),
    ("การให้ข้อมูลข่าวสาร (Inform) ผ่านระบบe-Saraban และไฟล์ PDF", "script.mixed"),
    ("Consult และ Москва", "script.homoglyph"),
    ("ทำงาน น้ำใจ", "thai.sara-am-decomposed"),
    ("แดง", "thai.sara-ae-split"),
    ("ที่นี่ ผู้ ปั้น กั้น สิทธิ์ เก้า", "thai.mark-order"),
    ("ก่อน ก้อน", "thai.two-tones"),
    ("ดีมาก", "thai.vowel-doubled"),
    ("คำ ที่สอง", "thai.orphan-mark"),
    ("ภายใน ๓๐ กันยายน ๒๕๖๗", "date.impossible"),
    ("๒๙ กุมภาพันธ์ 2567 และ ๒๙ กุมภาพันธ์", "date.impossible"),
    ("วันพุธที่ ๓๐ ตุลาคม ๒๕๖๗", "date.weekday"),
    ("๓๐ ตุลาคม พ.ศ. ๒๕๖๗ หรือ ๓๐ ตุลาคม ค.ศ. 2024", "date.year-ce"),
    ("มติ ก.ค.ศ. ครั้งที่ ๓๒ ก.ค.ศ. เห็นชอบ", "date.impossible"),
    ("มีผู้เข้าร่วม 120 คน ภายใน 30 วัน", "digits.mixed"),
    ("ดูที่ https://example.go.th/2567 หรือ plan2567@obec.go.th ภายใน ๓๐ วัน", "digits.mixed"),
    ("ดังนี้ ข้อแรก", "spacing.double"),
    ("ข้อร้องเรียนต่าง ๆ เพื่อพัฒนา (ใด ๆ) มาก ๆ", "spacing.maiyamok"),
    ("การให้ข้อมูล (Inform) ผู้รับบริการ, ผู้ลงนาม ........ และ .NET", "spacing.punctuation"),
    ("สำนักงาน", "spacing.zero-width"),
    ("ระดับของการให้ความร่วมมือ Collaborate", "level.unknown"),
    ("เอกสาร (Elaborate) ฉบับนี้", "level.unknown"),
    ("การมีส่วนร่วม (Empower)", "level.variant"),
]


@pytest.mark.parametrize(("text", "code", "span", "suggestion"), FLAGGED)
def test_rule_flags(text: str, code: str, span: str, suggestion: str | None) -> None:
    doc = announcement("ย่อหน้าแรก", text)
    assert found(doc, code) == [("body[1]", span, suggestion)]


@pytest.mark.parametrize(("text", "code"), CLEAN)
def test_rule_passes(text: str, code: str) -> None:
    assert found(announcement(text), code) == []


def test_levels_of_the_text_rules() -> None:
    assert levels(announcement("โปร่งใсыิ่งขึ้น"), "script.mixed") == {"error"}
    assert levels(announcement("๓๑ กันยายน ๒๕๖๗"), "date.impossible") == {"error"}
    assert levels(announcement("พ.ศ. 2024"), "date.year-ce") == {"warning"}
    assert levels(announcement("การมีส่วนร่วม (Corroborate)"), "level.unknown") == {"warning"}
    assert levels(announcement("ต่างๆ"), "spacing.maiyamok") == {"warning"}


def test_sara_am_suggestion_is_what_search_finds() -> None:
    doc = announcement("การทํางาน")
    assert isinstance(doc, thaidocs.Announcement)
    finding = next(f for f in thaidocs.check(doc) if f.code == "thai.sara-am-decomposed")
    text = doc.body[0]
    assert isinstance(text, str) and finding.start is not None and finding.suggestion
    fixed = text[: finding.start] + finding.suggestion + text[finding.start + len(finding.span) :]
    assert fixed == "การทำงาน"


def test_digits_with_arabic_option_flag_thai_digits() -> None:
    doc = announcement("มีผู้เข้าร่วม ๑๒๐ คน", options={"digits": "arabic"})
    assert found(doc, "digits.mixed") == [("body[0]", "๑๒๐", "120")]
    assert levels(doc, "digits.mixed") == {"warning"}
    assert (
        found(announcement("มีผู้เข้าร่วม 120 คน", options={"digits": "arabic"}), "digits.mixed") == []
    )


def test_dates_in_prose_are_not_read_in_names_or_numbers() -> None:
    doc = letter(number="ศธ ๓๑ กันยายน/๑", to="วันที่ ๓๑ กันยายน ๒๕๖๗")
    assert found(doc, "date.impossible") == []


def test_signing_line_in_the_body_of_an_announcement() -> None:
    line = "ประกาศ ณ วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗"
    assert found(announcement("ข้อความ", line), "date.signing-line") == [("body[1]", line, None)]
    assert found(announcement("ข้อความ"), "date.signing-line") == []
    assert found(letter(body=[line]), "date.signing-line") == []


def test_document_dated_in_the_future_is_noted() -> None:
    assert found(announcement("ข้อความ", date="2199-01-01"), "date.future") == [("date", "", None)]
    assert levels(announcement("ข้อความ", date="2199-01-01"), "date.future") == {"info"}
    assert found(announcement("ข้อความ"), "date.future") == []


def test_letter_closing_must_pair_with_the_salutation() -> None:
    wrong = letter(salutation="กราบเรียน", closing="ขอแสดงความนับถือ")
    assert found(wrong, "letter.closing") == [("closing", "ขอแสดงความนับถือ", "ขอแสดงความนับถืออย่างยิ่ง")]
    assert levels(wrong, "letter.closing") == {"error"}
    other = letter(closing="ด้วยความเคารพ")
    assert found(other, "letter.closing") == [("closing", "ด้วยความเคารพ", "ขอแสดงความนับถือ")]
    assert found(letter(salutation="กราบเรียน"), "letter.closing") == []
    assert found(letter(closing="ขอแสดงความนับถือ"), "letter.closing") == []


@pytest.mark.parametrize(
    ("number", "suggestion"),
    [
        ("ศธ๐๔๐๐๑/๑๒๓", "ศธ ๐๔๐๐๑/๑๒๓"),
        ("ที่ ศธ ๐๔๐๐๑/๑๒๓", "ศธ ๐๔๐๐๑/๑๒๓"),
        ("ศ.ธ. ๐๔๐๐๑ / ว ๑๒๓", "ศธ ๐๔๐๐๑/ว ๑๒๓"),
        ("๑๒๓/๒๕๖๗", None),
    ],
)
def test_letter_number_form(number: str, suggestion: str | None) -> None:
    assert found(letter(number=number), "letter.number") == [("number", number, suggestion)]
    assert levels(letter(number=number), "letter.number") == {"warning"}


@pytest.mark.parametrize(
    "number", ["ศธ ๐๔๐๐๑/๑๒๓", "มท ๐๒๐๑.๒/ว ๓๙๙๓", "ศธ 04001/123", "นร ๐๑๐๕/ว๑๒"]
)
def test_letter_number_form_accepted(number: str) -> None:
    assert found(letter(number=number), "letter.number") == []


def test_memo_number_form_is_information() -> None:
    assert levels(memo(number="๕๖/๒๕๖๗"), "letter.number") == {"info"}
    assert found(memo(number="ศธ ๐๔๒๔๗/๕๖"), "letter.number") == []
    assert found(memo(), "letter.number") == []


def test_closing_phrase_in_a_memo_or_letter_body() -> None:
    body = ["ขออนุมัติ", "ขอแสดงความนับถือ"]
    assert found(memo(body=body), "body.closing-phrase") == [("body[1]", "ขอแสดงความนับถือ", None)]
    assert levels(memo(body=body), "body.closing-phrase") == {"warning"}
    assert found(letter(body=body), "body.closing-phrase") == [("body[1]", "ขอแสดงความนับถือ", None)]
    assert found(memo(), "body.closing-phrase") == []
    assert found(announcement(*body), "body.closing-phrase") == []


def signed(**signer: Any) -> Document:
    return announcement("ข้อความ", signers=[SIGNER | signer])


def test_acting_for_ones_own_position() -> None:
    doc = signed(acting="รักษาราชการแทน", acting_for="ผู้อำนวยการสำนักงาน")
    assert found(doc, "signer.acting-self") == [("signers[0].acting_for", "ผู้อำนวยการสำนักงาน", None)]
    assert levels(doc, "signer.acting-self") == {"error"}
    lines = signed(
        position=["ผู้อำนวยการ", "สำนักงาน"],
        acting="รักษาราชการแทน",
        acting_for="ผู้อำนวยการ  สำนักงาน",
    )
    assert found(lines, "signer.acting-self") == [
        ("signers[0].acting_for", "ผู้อำนวยการ  สำนักงาน", None)
    ]
    fine = signed(acting="รักษาราชการแทน", acting_for="ผู้ว่าราชการจังหวัด")
    assert found(fine, "signer.acting-self") == []


def test_acting_phrase_said_twice() -> None:
    doc = signed(acting="รักษาราชการแทน", acting_for="รักษาราชการแทน ผู้ว่าราชการจังหวัด")
    assert found(doc, "signer.acting-duplicated") == [
        ("signers[0].acting_for", "รักษาราชการแทน ผู้ว่าราชการจังหวัด", "ผู้ว่าราชการจังหวัด")
    ]
    both = signed(
        position="รองผู้ว่าราชการจังหวัด รักษาราชการแทนผู้ว่าราชการจังหวัด",
        acting="รักษาราชการแทน",
        acting_for="ผู้ว่าราชการจังหวัด",
    )
    assert found(both, "signer.acting-duplicated") == [
        ("signers[0].position[0]", "รักษาราชการแทนผู้ว่าราชการจังหวัด", None)
    ]
    fine = signed(acting="รักษาราชการแทน", acting_for="ผู้ว่าราชการจังหวัด")
    assert found(fine, "signer.acting-duplicated") == []


def test_acting_phrase_typed_into_the_position() -> None:
    doc = signed(position="รองผู้ว่าราชการจังหวัด ปฏิบัติราชการแทนผู้ว่าราชการจังหวัด")
    assert found(doc, "signer.acting-in-position") == [
        ("signers[0].position[0]", "ปฏิบัติราชการแทน", None)
    ]
    assert levels(doc, "signer.acting-in-position") == {"info"}
    assert found(signed(), "signer.acting-in-position") == []


def test_name_in_parentheses() -> None:
    doc = signed(name="(นายวันศักดิ์ คำแหง)")
    assert found(doc, "signer.name-parentheses") == [
        ("signers[0].name", "(นายวันศักดิ์ คำแหง)", "นายวันศักดิ์ คำแหง")
    ]
    assert found(signed(), "signer.name-parentheses") == []


def test_signer_without_position_built_without_validation() -> None:
    doc = announcement("ข้อความ")
    bare = made_valid(Signer, name="นายวันศักดิ์ คำแหง", position=[])
    unchecked = replace(doc, signers=[bare])
    assert found(unchecked, "signer.position-missing") == [("signers[0].position", "", None)]
    assert found(doc, "signer.position-missing") == []


# A few consonants and every vowel and mark, so that most draws hold a malformed sequence.
THAI_PIECES = "กนทอเแโใไะาำๅ" + "".join(
    map(chr, [0x0E31, *range(0x0E34, 0x0E3B), *range(0x0E47, 0x0E4F)])
)
THAI = st.text(alphabet=THAI_PIECES, min_size=1, max_size=8)


@settings(max_examples=100, deadline=None)
@given(THAI)
def test_applying_sequence_suggestions_leaves_nothing_to_fix(text: str) -> None:
    doc = announcement(text)
    sequence = [f for f in thaidocs.check(doc) if f.code.startswith("thai.")]
    for finding in sorted(sequence, key=lambda f: f.start or 0, reverse=True):
        if finding.suggestion is not None and finding.start is not None:
            end = finding.start + len(finding.span)
            text = text[: finding.start] + finding.suggestion + text[end:]
    fixed = [f.suggestion for f in sequence if f.suggestion is not None]
    if fixed and text.strip():
        again = [f for f in thaidocs.check(announcement(text)) if f.code.startswith("thai.")]
        assert all(f.suggestion is None for f in again), again


def test_normalize_cluster_gives_up_on_two_different_tones() -> None:
    assert normalize_cluster("ก\u0e48\u0e49") is None
    assert normalize_cluster("ก\u0e48\u0e48") == "ก\u0e48"


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=THAI_PIECES + " aы", max_size=12))
def test_text_the_quick_look_passes_over_has_no_sequence_problem(text: str) -> None:
    field = TextField("body[0]", text, "prose")
    if not sequences._SUSPECT.search(text):
        assert list(sequences.scan(field)) == []

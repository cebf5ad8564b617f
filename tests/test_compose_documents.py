"""Each document type composes to the official sequence of lines, with the official layout."""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
from conftest import SAMPLE_DIR as SAMPLES

import thaidocs
from thaidocs.layout import (
    Align,
    Emblem,
    LayoutDocument,
    LayoutSpec,
    Leader,
    Paragraph,
    Section,
    SignatureGroup,
    Table,
    compose,
    tree_text,
)
from thaidocs.layout.measure import text_width
from thaidocs.layout.text import EMBLEM, RULE
from thaidocs.model.convert import Conversion, convert, to_data

AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
DIRECTOR = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"

LETTER: dict[str, Any] = {
    "type": "letter",
    "number": "ศธ 04247/123",
    "agency": AGENCY,
    "address": ["ถนนราชดำเนิน ตำบลคลองกระแชง", "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี 76000"],
    "date": "2024-11-12",
    "subject": "ขอเชิญประชุม",
    "to": "ผู้ว่าราชการจังหวัดเพชรบุรี",
    "body": ["ด้วยสำนักงานจะจัดประชุม ดูรายละเอียดที่ https://www.spm10.go.th/2567/doc1.pdf"],
    "signers": [{"name": "นายวันศักดิ์ คำแหง", "position": DIRECTOR}],
    "phone": "0 3242 5492",
    "email": "plan.spm10@obec.go.th",
}


def sample(name: str) -> LayoutDocument:
    return compose(thaidocs.load(SAMPLES / f"{name}.yaml"))


def of(data: dict[str, Any], **changes: Any) -> LayoutDocument:
    merged = copy.deepcopy(data)
    merged.update(changes)
    return compose(thaidocs.from_dict(merged))


def paragraphs(tree: LayoutDocument, role: str) -> list[Paragraph]:
    return [p for p in tree.paragraphs() if p.role == role]


def blocks_of(section: Section, kind: type[Any]) -> list[Any]:
    return [b for b in section.blocks if isinstance(b, kind)]


def clause_numbers(text: list[str]) -> list[str]:
    heads = [line.split("\t")[0] for line in text if "\t" in line]
    return [head for head in heads if re.fullmatch(r"[0-9๐-๙.()]+", head)]


# ประกาศ


def test_announcement_reads_in_the_official_order() -> None:
    text = tree_text(sample("announcement"))
    assert text[:4] == [EMBLEM, "ประกาศ" + AGENCY, "เรื่อง มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม", RULE]
    assert text[4].startswith("ปัจจุบันระบบราชการมุ่งเน้น")
    assert text[5].startswith("ดังนั้น เพื่อให้การปฏิบัติราชการ")
    assert clause_numbers(text) == [
        "๑.",
        *(f"๑.{n}" for n in "๑๒๓๔๕"),
        "๒.",
        *(f"๒.{n}" for n in "๑๒๓๔๕๖"),
    ]
    assert text[-4:] == [
        "จึงขอประกาศมาเพื่อทราบโดยทั่วกัน",
        "ประกาศ ณ วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
        "(นายวันศักดิ์ คำแหง)",
        DIRECTOR,
    ]


def test_announcement_layout_follows_the_spec() -> None:
    tree = sample("announcement")
    spec = LayoutSpec()
    (section,) = tree.sections
    page = section.page
    assert (page.width, page.height, page.first_top) == (21.0, 29.7, spec.emblem_top)
    assert (page.margins.left, page.margins.right) == (3.0, 2.0)
    assert page.page_number_format == "- {} -" and page.page_number_digits == "thai"
    emblem = section.blocks[0]
    assert isinstance(emblem, Emblem)
    assert (emblem.image, emblem.height, emblem.align, emblem.top) == (None, 3.0, Align.CENTER, 1.5)
    title, subject = paragraphs(tree, "title") + paragraphs(tree, "subject")
    assert title.align == subject.align == Align.CENTER
    assert title.runs[0].bold and subject.runs[0].bold
    body = paragraphs(tree, "body")[0]
    assert body.align == Align.DISTRIBUTE
    assert body.first_line_indent == spec.first_line_indent
    assert body.space_before == spec.block_space
    (date,) = paragraphs(tree, "date")
    assert date.left_indent == 5.0 and date.keep_with_next
    assert date.space_before == spec.line_height + spec.block_space
    (group,) = blocks_of(section, SignatureGroup)
    ((signature,),) = group.rows
    assert signature.axis == 10.0
    assert signature.signing_space == pytest.approx(3 * 16 * 1.3)
    assert tree.metadata.title == "มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม"
    assert (tree.metadata.subject, tree.metadata.author) == ("ประกาศ", AGENCY)
    assert {"นายวันศักดิ์ คำแหง", "นายวันศักดิ์", "คำแหง", AGENCY, DIRECTOR} <= set(tree.words)


def test_compose_is_deterministic() -> None:
    assert sample("plan") == sample("plan")


def test_arabic_digits_option() -> None:
    data = to_data(thaidocs.load(SAMPLES / "announcement.yaml"))
    data["options"] = {"digits": "arabic"}
    data["body"] = [
        "ตามมาตรา 37 และข้อ ๒.๑ ที่เขียนไว้",
        {"clauses": [{"text": "หนึ่ง", "clauses": ["ย่อย", {"text": "ย่อย", "clauses": ["ลึก"]}]}]},
    ]
    tree = compose(thaidocs.from_dict(data))
    text = tree_text(tree)
    assert "ตามมาตรา 37 และข้อ ๒.๑ ที่เขียนไว้" in text  # running text stays as written
    assert clause_numbers(text) == ["1.", "1.1", "1.2", "(1)"]
    assert "ประกาศ ณ วันที่ 30 ตุลาคม พ.ศ. 2567" in text
    assert tree.sections[0].page.page_number_digits == "arabic"


def test_thai_digits_leave_urls_and_email_addresses_alone() -> None:
    text = tree_text(of(LETTER))
    assert "ด้วยสำนักงานจะจัดประชุม ดูรายละเอียดที่ https://www.spm10.go.th/2567/doc1.pdf" in text
    assert "ไปรษณีย์อิเล็กทรอนิกส์ plan.spm10@obec.go.th" in text
    assert "โทร. ๐ ๓๒๔๒ ๕๔๙๒" in text
    assert "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี ๗๖๐๐๐" in text
    assert text[1] == "ที่ ศธ ๐๔๒๔๗/๑๒๓\t" + AGENCY


def test_spec_overrides_from_options_apply_over_the_given_spec() -> None:
    data = to_data(thaidocs.load(SAMPLES / "announcement.yaml"))
    data["options"] = {"spec": {"date_line_indent": 4.5, "signature_axis": 9.0}}
    tree = compose(thaidocs.from_dict(data), LayoutSpec(first_line_indent=2.0, signature_axis=11))
    (date,) = paragraphs(tree, "date")
    assert date.left_indent == 4.5
    assert paragraphs(tree, "body")[0].first_line_indent == 2.0
    (group,) = blocks_of(tree.sections[0], SignatureGroup)
    assert group.rows[0][0].axis == 9.0


def test_the_default_spec_is_the_validated_one() -> None:
    # compose uses the defaults without validating them: they must pass validation unchanged
    defaults = LayoutSpec.defaults()
    assert defaults is LayoutSpec.defaults()
    assert convert(LayoutSpec, to_data(defaults), Conversion()) == defaults == LayoutSpec()
    assert hash(defaults) == hash(LayoutSpec())
    doc = thaidocs.load(SAMPLES / "announcement.yaml")
    assert compose(doc) == compose(doc, LayoutSpec())


# คำสั่ง


def test_order_reads_in_the_official_order() -> None:
    text = tree_text(sample("order"))
    # numbered by calendar year: 5 Nov 2024 is B.E. 2567 (fiscal year 2568)
    assert text[:5] == [
        EMBLEM,
        "คำสั่ง" + AGENCY,
        "ที่ ๔๑๒/๒๕๖๗",
        "เรื่อง แต่งตั้งคณะทำงานขับเคลื่อนมาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม",
        RULE,
    ]
    assert text[-4:] == [
        "สั่ง ณ วันที่ ๕ พฤศจิกายน พ.ศ. ๒๕๖๗",
        "(นายสุรชัย พงษ์ไพบูลย์)",
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
        "ปฏิบัติราชการแทน " + DIRECTOR,
    ]
    assert clause_numbers(text) == ["๑.", "๒.", "๓.", "๓.๑", "๓.๒", "๓.๓", "๔."]


def test_order_committee_table() -> None:
    tree = sample("order")
    (table,) = blocks_of(tree.sections[0], Table)
    assert table.widths == (1.2, 4.6, 6.2, 4.0)
    (header,) = table.header
    assert [c.text for c in header] == ["ที่", "ชื่อ–สกุล", "ตำแหน่ง", "หน้าที่"]
    assert all(c.paragraphs[0].runs[0].bold for c in header)
    assert table.rows[0][0].paragraphs[0].align == Align.CENTER
    assert table.rows[0][1].text == "นายสุรชัย พงษ์ไพบูลย์"
    assert {"นางสาวปวีณา ทองคำ", "นางสาวปวีณา", "ทองคำ", "ปวีณา"} <= set(tree.words)
    assert tree.metadata.subject == "คำสั่ง"


def test_order_number_in_arabic_digits() -> None:
    data = to_data(thaidocs.load(SAMPLES / "order.yaml"))
    data["options"] = {"digits": "arabic"}
    assert tree_text(compose(thaidocs.from_dict(data)))[2] == "ที่ 412/2567"


# หนังสือภายนอก


def test_letter_reads_in_the_official_order() -> None:
    doc = thaidocs.load(SAMPLES / "letter.yaml")
    assert isinstance(doc, thaidocs.Letter)
    text = tree_text(compose(doc))
    assert text[:6] == [
        EMBLEM,
        "ด่วน",
        "ที่ ศธ ๐๔๒๔๗/๑๒๓\t" + AGENCY,
        "ถนนราชดำเนิน ตำบลคลองกระแชง",
        "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี ๗๖๐๐๐",
        "๑๒ พฤศจิกายน ๒๕๖๗",
    ]
    assert text[6] == "เรื่อง\t" + doc.subject
    assert text[7] == "เรียน\tผู้อำนวยการสำนักงานศึกษาธิการจังหวัดเพชรบุรี"
    assert text[8].startswith("อ้างถึง\tประกาศสำนักงานเขต")  # one reference: not numbered
    assert text[9] == "สิ่งที่ส่งมาด้วย\t๑.\tกำหนดการประชุมเชิงปฏิบัติการ จำนวน ๑ ฉบับ"
    assert text[10] == "\t๒.\tแบบตอบรับการเข้าร่วมประชุม จำนวน ๑ ฉบับ"
    assert text[-10:] == [
        "จึงเรียนมาเพื่อโปรดพิจารณา",
        "ขอแสดงความนับถือ",
        "(นายสุรชัย พงษ์ไพบูลย์)",
        "รองผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
        "ปฏิบัติราชการแทน " + DIRECTOR,
        "กลุ่มนโยบายและแผน",
        "โทร. ๐ ๓๒๔๒ ๕๔๙๒ ต่อ ๒๐๓",
        "โทรสาร ๐ ๓๒๔๒ ๕๔๙๓",
        "ไปรษณีย์อิเล็กทรอนิกส์ plan.spm10@obec.go.th",
        "สำเนาส่ง\tผู้อำนวยการโรงเรียนในสังกัด",
    ]


def test_letter_positions() -> None:
    tree = sample("letter")
    section = tree.sections[0]
    emblem = section.blocks[0]
    assert isinstance(emblem, Emblem)
    (mark,) = emblem.beside
    assert mark.runs[0].color == "C00000" and mark.runs[0].bold and mark.runs[0].size == 32.0
    assert emblem.overlap == pytest.approx(16 * 1.3)  # the ที่ line rises onto the band
    (header,) = paragraphs(tree, "header")
    # the agency column starts at 9 cm, or as much further left as the agency needs to fit
    # on one line (this one is 7.3 cm wide, the column from 9 cm 7 cm)
    column = header.left_indent
    agency = header.runs[1].text.strip()
    assert 8.0 < column < 9.0 and column + text_width(agency) == pytest.approx(16.0)
    assert header.tabs[0].position == column and header.first_line_indent == -column
    assert all(p.left_indent == column for p in paragraphs(tree, "address"))
    (date,) = paragraphs(tree, "date")
    assert date.left_indent == 7.5
    subject, _, enclosure, _ = paragraphs(tree, "label")
    assert subject.tabs[0].position == subject.left_indent == 1.25  # "เรื่อง" is under 1.25 cm
    assert subject.first_line_indent == -1.25
    assert enclosure.tabs[0].position == 2.5  # "สิ่งที่ส่งมาด้วย" is 2.1 cm wide
    assert enclosure.left_indent == enclosure.tabs[1].position > 2.5
    (closing,) = paragraphs(tree, "closing")
    assert closing.left_indent == 7.5 and closing.keep_with_next
    assert tree.metadata.subject == "หนังสือภายนอก"


@pytest.mark.parametrize(
    ("salutation", "closing"),
    [("เรียน", "ขอแสดงความนับถือ"), ("กราบเรียน", "ขอแสดงความนับถืออย่างยิ่ง")],
)
def test_letter_closing_pairs_with_salutation_and_centres_the_signature(
    salutation: str, closing: str
) -> None:
    tree = of(LETTER, salutation=salutation)
    text = tree_text(tree)
    assert f"{salutation}\tผู้ว่าราชการจังหวัดเพชรบุรี" in text
    (line,) = paragraphs(tree, "closing")
    assert line.text == closing
    (group,) = blocks_of(tree.sections[0], SignatureGroup)
    axis = group.rows[0][0].axis
    assert axis == pytest.approx(7.5 + text_width(closing) / 2)
    assert 8.5 < axis < 10.0


def test_letter_secrecy_marks_every_page_and_several_references_are_numbered() -> None:
    tree = of(LETTER, secrecy="ลับ", references=["หนังสือที่ 1", "หนังสือที่ 2"])
    assert tree.sections[0].page.mark == "ลับ"
    text = tree_text(tree)
    assert "อ้างถึง\t๑.\tหนังสือที่ ๑" in text and "\t๒.\tหนังสือที่ ๒" in text


# บันทึกข้อความ


def test_memo_reads_in_the_official_order() -> None:
    tree = sample("memo")
    text = tree_text(tree)
    assert text[:6] == [
        EMBLEM,
        "บันทึกข้อความ",
        "ส่วนราชการ กลุ่มนโยบายและแผน " + AGENCY + " โทร. ๐ ๓๒๔๒ ๕๔๙๒ ต่อ ๒๐๓\t",
        "ที่ ศธ ๐๔๒๔๗/๕๖\tวันที่ ๘ พฤศจิกายน พ.ศ. ๒๕๖๗\t",
        "เรื่อง ขออนุมัติงบประมาณจัดประชุมเชิงปฏิบัติการจัดทำแผนส่งเสริมการมีส่วนร่วม\t",
        "เรียน " + DIRECTOR,
    ]
    assert clause_numbers(text) == ["๑.", "๒.", "๓.", "๔.", "๕."]
    assert text[-3:] == [
        "จึงเรียนมาเพื่อโปรดพิจารณาอนุมัติ",
        "(นางจันทร์เพ็ญ รุ่งเรืองศรี)",
        "ผู้อำนวยการกลุ่มนโยบายและแผน",
    ]
    assert tree.metadata.subject == "บันทึกข้อความ"


def test_memo_header_has_bold_labels_and_dotted_leaders() -> None:
    tree = sample("memo")
    emblem = tree.sections[0].blocks[0]
    assert isinstance(emblem, Emblem)
    assert (emblem.height, emblem.align) == (1.5, Align.LEFT)
    (title,) = emblem.beside
    assert (title.size, title.align, title.runs[0].bold) == (29.0, Align.CENTER, True)
    unit, number, subject = paragraphs(tree, "header")
    for line in (unit, number, subject):
        labels = [r for r in line.runs if r.bold]
        assert labels and all(r.size == 20.0 for r in labels)
        assert line.tabs[-1].position == 16.0
        assert (line.tabs[-1].align, line.tabs[-1].leader) == (Align.RIGHT, Leader.DOT)
    assert [r.text for r in number.runs if r.bold] == ["ที่", "วันที่"]
    assert (number.tabs[0].position, number.tabs[0].leader) == (8.0, Leader.DOT)
    (salutation,) = paragraphs(tree, "salutation")
    assert salutation.tabs == () and not any(r.bold or r.size for r in salutation.runs)


# แผน


def test_plan_title_sections_and_sections_of_pages() -> None:
    tree = sample("plan")
    portrait, landscape = tree.sections
    assert not portrait.page.landscape and landscape.page.landscape
    assert landscape.page.text_width == pytest.approx(24.7)
    assert portrait.page.first_top == landscape.page.first_top == 2.5  # no emblem on plans
    text = tree_text(tree)
    assert text[:3] == [
        "แผนส่งเสริมการมีส่วนร่วมในการปฏิบัติราชการของสำนักงานปลัดกระทรวงศึกษาธิการ",
        "สำนักงานปลัดกระทรวงศึกษาธิการ",
        "ประจำปีงบประมาณ พ.ศ. ๒๕๖๔",
    ]
    headings = [p.text for p in paragraphs(tree, "heading")]
    assert headings[:2] == ["๑. หลักการและเหตุผล", "๒. วัตถุประสงค์"]
    assert all(p.runs[0].bold for p in paragraphs(tree, "heading"))
    assert blocks_of(landscape, Table) and not blocks_of(portrait, Table)
    assert tree.metadata.subject == "แผน" and tree.metadata.title == text[0]


def test_plan_table_months_span_two_buddhist_years() -> None:
    tree = sample("plan")
    (table,) = blocks_of(tree.sections[1], Table)
    assert sum(table.widths) == pytest.approx(24.7) and len(table.widths) == 19
    first, months = table.header
    assert [(c.text, c.colspan, c.rowspan) for c in first] == [
        ("ที่", 1, 2),
        ("โครงการ/กิจกรรม", 1, 2),
        ("ระดับการมีส่วนร่วม", 1, 2),
        ("ผู้มีส่วนได้ส่วนเสีย", 1, 2),
        ("ตัวชี้วัด/ค่าเป้าหมาย", 1, 2),
        ("งบประมาณ (บาท)", 1, 2),
        ("พ.ศ. ๒๕๖๓", 3, 1),
        ("พ.ศ. ๒๕๖๔", 9, 1),
        ("ผู้รับผิดชอบ", 1, 2),
    ]
    fiscal_months = "ต.ค. พ.ย. ธ.ค. ม.ค. ก.พ. มี.ค. เม.ย. พ.ค. มิ.ย. ก.ค. ส.ค. ก.ย."
    assert " ".join(c.text for c in months) == fiscal_months
    # every row spans the 19 grid columns
    for row in table.rows:
        assert sum(c.colspan for c in row) == 19


def test_plan_rows_levels_shading_budget_total_and_words() -> None:
    tree = sample("plan")
    (table,) = blocks_of(tree.sections[1], Table)
    inform, survey, workshop = table.rows[:3]
    assert [c.text for c in inform[:3]] == [
        "๑",
        "เผยแพร่ข้อมูลข่าวสารการดำเนินงานของสำนักงานปลัดกระทรวงศึกษาธิการผ่านเว็บไซต์และสื่อสังคมออนไลน์",
        "การให้ข้อมูลข่าวสาร",
    ]
    assert inform[3].text == "ประชาชน\nผู้รับบริการ"
    assert inform[5].text == "-"
    assert survey[5].text == "๔๕,๐๐๐" and survey[5].paragraphs[0].align == Align.RIGHT
    assert [c.shaded for c in inform[6:18]] == [True] * 12
    assert [c.shaded for c in survey[6:18]] == [True, True] + [False] * 10
    assert [c.shaded for c in workshop[6:18]] == [False, False, True] + [False] * 9
    total = table.rows[-1]
    assert [c.text for c in total[:2]] == ["รวม", "๘๗๕,๐๐๐"]
    (words,) = paragraphs(tree, "words")
    assert words.text == "รวมงบประมาณทั้งสิ้น ๘๗๕,๐๐๐ บาท (แปดแสนเจ็ดหมื่นห้าพันบาทถ้วน)"
    # long phrases in narrow cells must stay breakable: only names are kept whole
    assert "ผู้แทนหน่วยงานส่วนกลางและหน่วยงานส่วนกลางที่ตั้งอยู่ในภูมิภาค" not in tree.words


def test_plan_satang_budgets_show_two_decimals_and_labels_can_change() -> None:
    data = to_data(thaidocs.load(SAMPLES / "plan.yaml"))
    data["activities"] = data["activities"][:2]
    data["activities"][1]["budget"] = "1500.50"
    data["participation_labels"] = {"inform": "แจ้งให้ทราบ"}
    data["options"] = {"digits": "arabic"}
    tree = compose(thaidocs.from_dict(data))
    (table,) = blocks_of(tree.sections[1], Table)
    assert table.rows[0][2].text == "แจ้งให้ทราบ"
    assert table.rows[1][5].text == "1,500.50"
    assert table.rows[-1][1].text == "1,500.50"
    assert table.header[0][6].text == "พ.ศ. 2563"
    (words,) = paragraphs(tree, "words")
    assert words.text == "รวมงบประมาณทั้งสิ้น 1,500.50 บาท (หนึ่งพันห้าร้อยบาทห้าสิบสตางค์)"


def test_plan_approval_signatures_two_per_row_third_centred_below() -> None:
    tree = sample("plan")
    (group,) = blocks_of(tree.sections[1], SignatureGroup)
    top, bottom = group.rows
    scale = 24.7 / 16.0
    assert [s.axis for s in top] == [pytest.approx(4.0 * scale), pytest.approx(12.0 * scale)]
    assert [s.caption for s in top] == ["ผู้เสนอแผน", "ผู้เห็นชอบแผน"]
    (approver,) = bottom
    assert approver.caption == "ผู้อนุมัติแผน" and approver.axis == pytest.approx(24.7 / 2)
    assert top[0].positions == (
        "นักวิเคราะห์นโยบายและแผนชำนาญการพิเศษ",
        "รักษาราชการแทน ผู้อำนวยการกลุ่มพัฒนาระบบบริหาร",
    )
    text = tree_text(tree)
    # the plan's date is the approval date, under the approver
    assert text[-4:] == [
        "ผู้อนุมัติแผน",
        "(นายประเสริฐ วงศ์สวัสดิ์)",
        "ปลัดกระทรวงศึกษาธิการ",
        "วันที่ ๒๕ กันยายน พ.ศ. ๒๕๖๓",
    ]
    assert top[1].positions == ("ผู้ช่วยปลัดกระทรวงศึกษาธิการ",)


def test_plan_on_portrait_pages_when_the_spec_says_so() -> None:
    tree = compose(thaidocs.load(SAMPLES / "plan.yaml"), LayoutSpec(plan_landscape=False))
    (section,) = tree.sections
    (table,) = blocks_of(section, Table)
    assert sum(table.widths) == pytest.approx(16.0)
    (group,) = blocks_of(section, SignatureGroup)
    assert [s.axis for s in group.rows[0]] == [4.0, 12.0]

"""The further forms composed: what reads on the page, in the regulation's order."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import thaidocs
from thaidocs.layout import Align, LayoutDocument, Paragraph, SignatureGroup, compose, tree_text
from thaidocs.layout.text import EMBLEM, PHOTO, RULE
from thaidocs.layout.tree import Photo
from thaidocs.model.convert import to_data

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
AGENCY = "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
DIRECTOR = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"


def sample(name: str) -> LayoutDocument:
    return compose(thaidocs.load(SAMPLES / f"{name}.yaml"))


def data(name: str) -> dict[str, Any]:
    loaded = thaidocs.load(SAMPLES / f"{name}.yaml")
    dumped: dict[str, Any] = to_data(loaded)
    return dumped


def paragraphs(tree: LayoutDocument, role: str) -> list[Paragraph]:
    return [p for p in tree.paragraphs() if p.role == role]


def test_regulation_reads_in_the_order_of_form_5() -> None:
    text = tree_text(sample("regulation"))
    assert text[:5] == [
        EMBLEM,
        "ระเบียบ" + AGENCY,
        "ว่าด้วยการมีส่วนร่วมของผู้มีส่วนได้ส่วนเสียในการบริหารราชการ",
        "พ.ศ. ๒๕๖๗",
        RULE,
    ]
    assert text[5].startswith("โดยที่เป็นการสมควร")
    assert text[6] == "หมวด ๑ บททั่วไป"
    assert text[7].startswith("ข้อ ๑ ระเบียบนี้เรียกว่า")
    assert text[-4].startswith("ข้อ ๗ ")
    assert text[-3:] == ["ประกาศ ณ วันที่ ๑๕ พฤศจิกายน พ.ศ. ๒๕๖๗", "(นายวันศักดิ์ คำแหง)", DIRECTOR]


def test_regulation_clause_numbers_run_on_across_chapters_and_items_restart() -> None:
    tree = sample("regulation")
    numbers = [
        p.text.split(" ")[0] + " " + p.text.split(" ")[1] for p in paragraphs(tree, "clause")
    ]
    clauses = [n for n in numbers if n.startswith("ข้อ")]
    assert clauses == [f"ข้อ {d}" for d in "๑๒๓๔๕๖๗"]
    items = [p.text.split(" ")[0] for p in paragraphs(tree, "clause") if p.text.startswith("(")]
    assert items == ["(๑)", "(๒)", "(๑)", "(๒)", "(๓)"]
    chapters = [p.text for p in paragraphs(tree, "chapter")]
    assert chapters == ["หมวด ๑ บททั่วไป", "หมวด ๒ การจัดทำแผนส่งเสริมการมีส่วนร่วม"]
    for heading in paragraphs(tree, "chapter"):
        assert heading.align == Align.CENTER and heading.runs[0].bold and heading.keep_with_next


def test_regulation_clauses_run_from_the_indent_back_to_the_margin() -> None:
    tree = sample("regulation")
    clause, *_ = paragraphs(tree, "clause")
    assert (clause.left_indent, clause.first_line_indent) == (0.0, 2.5)
    item = next(p for p in paragraphs(tree, "clause") if p.text.startswith("("))
    assert item.left_indent == 0.0 and item.first_line_indent > clause.first_line_indent
    deeper = data("regulation")
    deeper["chapters"][0]["clauses"][2]["clauses"][0] = {"text": "ก", "clauses": ["หนึ่ง", "สอง"]}
    texts = tree_text(compose(thaidocs.from_dict(deeper)))
    assert "(ก) หนึ่ง" in texts and "(ข) สอง" in texts


def test_regulation_year_line_from_year_and_arabic_digits() -> None:
    changed = data("regulation") | {"year": 2568, "options": {"digits": "arabic"}}
    text = tree_text(compose(thaidocs.from_dict(changed)))
    assert text[3] == "พ.ศ. 2568"
    assert "หมวด 2 การจัดทำแผนส่งเสริมการมีส่วนร่วม" in text
    assert any(line.startswith("ข้อ 7 ") for line in text)


def test_bylaw_is_headed_bylaw_and_numbers_without_chapters() -> None:
    tree = sample("bylaw")
    text = tree_text(tree)
    assert text[1] == "ข้อบังคับคณะกรรมการเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
    assert text[2] == "ว่าด้วยการประชุม" and text[3] == "พ.ศ. ๒๕๖๗"
    assert not paragraphs(tree, "chapter")
    heads = [p.text.split(" ")[1] for p in paragraphs(tree, "clause") if p.text.startswith("ข้อ")]
    assert heads == list("๑๒๓๔๕")
    assert tree.metadata.subject == "ข้อบังคับ"


def test_statement_and_news_close_with_agency_and_date_unsigned() -> None:
    tree = sample("statement")
    text = tree_text(tree)
    assert text[:5] == [
        EMBLEM,
        "แถลงการณ์" + AGENCY,
        "เรื่อง การปิดสถานศึกษาเนื่องจากสถานการณ์อุทกภัย",
        "ฉบับที่ ๑",
        RULE,
    ]
    assert text[-2:] == [AGENCY, "๒๘ พฤศจิกายน ๒๕๖๗"]
    issuer, date = tree.paragraphs()[-2:]
    assert issuer.align == date.align == Align.CENTER and issuer.space_before > 16
    assert not any(isinstance(b, SignatureGroup) for s in tree.sections for b in s.blocks)
    news = tree_text(sample("news"))
    assert news[1] == "ข่าวสำนักงานปลัดกระทรวงศึกษาธิการ" and news[3] == RULE  # no issue line
    assert news[-2:] == ["สำนักงานปลัดกระทรวงศึกษาธิการ", "๒๕ ธันวาคม ๒๕๕๓"]
    assert "๕.\tระดับของการส่งเสริมให้ประชาชนเข้ามามีส่วนร่วม (Empower)" in news


def test_stamped_letter_has_stamp_date_initials_and_contact_in_order() -> None:
    tree = sample("stamped")
    text = tree_text(tree)
    assert text[:3] == [EMBLEM, "ด่วน", "ที่ ศธ ๐๔๒๔๗/๑๕๘\t" + AGENCY]
    assert text[3] == "ถึง\tโรงเรียนในสังกัดสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี ทุกโรงเรียน"
    assert text[-5:] == [
        AGENCY,
        "๕ ธันวาคม ๒๕๖๗",
        "จ.ร.",
        "กลุ่มนโยบายและแผน",
        "โทร. ๐ ๓๒๔๒ ๕๔๙๒ ต่อ ๒๐๓",
    ]
    (stamp,) = paragraphs(tree, "stamp")
    axis = stamp.left_indent + (16.0 - stamp.left_indent - stamp.right_indent) / 2
    assert stamp.align == Align.CENTER and abs(axis - 10.0) < 1e-9
    (initials,) = paragraphs(tree, "initials")
    assert initials.left_indent > 10.0


def test_certificate_reads_in_order_with_photo_frame_and_holder() -> None:
    tree = sample("certificate")
    text = tree_text(tree)
    assert text[:4] == [EMBLEM, "ที่ ศธ ๐๔๒๔๗/๒๑๐\t" + AGENCY, "หนังสือรับรอง", text[3]]
    assert text[3].startswith("หนังสือฉบับนี้ให้ไว้เพื่อรับรองว่า")
    assert text[4] == "ให้ไว้ ณ วันที่ ๙ ธันวาคม พ.ศ. ๒๕๖๗"
    assert text[5:7] == ["(นายวันศักดิ์ คำแหง)", DIRECTOR]
    assert text[7] == PHOTO and text[-1] == "(นางสาวสมหญิง ศรีสุวรรณวงศ์)"
    (photo,) = [b for s in tree.sections for b in s.blocks if isinstance(b, Photo)]
    assert (photo.width, photo.height, photo.image) == (4.0, 5.0, None)
    without = data("certificate")
    del without["holder"]
    assert PHOTO not in tree_text(compose(thaidocs.from_dict(without)))


def test_minutes_read_in_order() -> None:
    tree = sample("minutes")
    text = tree_text(tree)
    assert text[:5] == [
        "รายงานการประชุมคณะกรรมการจัดทำแผนส่งเสริมการมีส่วนร่วม",
        "ครั้งที่ ๑/๒๕๖๗",
        "เมื่อวันที่ ๒๖ พฤศจิกายน พ.ศ. ๒๕๖๗",
        "ณ ห้องประชุมเพชรภูมิ " + AGENCY,
        RULE,
    ]
    assert text[5] == "ผู้มาประชุม"
    assert text[6] == "๑.\tนายวันศักดิ์ คำแหง\tผู้อำนวยการ สพม.เพชรบุรี\tประธานกรรมการ"
    assert text[10] == "ผู้ไม่มาประชุม"
    assert text[11] == "๑.\tนางสาวพรทิพย์ แก้วมณี\tผู้อำนวยการกลุ่มบริหารงานบุคคล\tลาป่วย"
    assert text[13] == "ผู้เข้าร่วมประชุม"
    assert text[15] == "เริ่มประชุมเวลา ๐๙.๐๐ น."
    assert text[16] == "ระเบียบวาระที่ ๑ เรื่องที่ประธานแจ้งให้ที่ประชุมทราบ"
    assert text[18] == "มติที่ประชุม รับทราบ"
    assert text[19].startswith("ระเบียบวาระที่ ๒ เรื่องเพื่อพิจารณา")
    closed = text.index("เลิกประชุมเวลา ๑๒.๐๐ น.")
    assert text[closed - 2] == "ระเบียบวาระที่ ๓ เรื่องอื่น ๆ"
    assert text[closed + 1 :] == [
        "(นางสาวกมลวรรณ ใจซื่อ)",
        "นักวิเคราะห์นโยบายและแผนชำนาญการ",
        "ผู้จดรายงานการประชุม",
        "(นางจันทร์เพ็ญ รุ่งเรืองศรี)",
        "ผู้อำนวยการกลุ่มนโยบายและแผน",
        "ผู้ตรวจรายงานการประชุม",
    ]
    assert tree.sections[0].page.first_top == 2.5  # no Garuda


def test_minutes_headings_bold_and_attendance_columns_line_up() -> None:
    tree = sample("minutes")
    for heading in paragraphs(tree, "heading"):
        assert heading.runs[0].bold and heading.keep_with_next
    (resolution, _) = paragraphs(tree, "resolution")
    assert resolution.runs[0].text == "มติที่ประชุม" and resolution.runs[0].bold
    present = paragraphs(tree, "attendee")[:4]
    assert len({p.tabs for p in present}) == 1
    name, position, note = (stop.position for stop in present[0].tabs)
    assert name < position < note <= 16.0
    assert all(p.left_indent == position for p in present)  # a long position wraps under itself


def test_secrecy_option_marks_every_page_of_any_type_in_red_at_20_pt() -> None:
    for name in ("regulation", "statement", "minutes", "plan"):
        changed = data(name) | {"options": {"secrecy": "ลับที่สุด"}}
        tree = compose(thaidocs.from_dict(changed))
        for section in tree.sections:
            page = section.page
            assert (page.mark, page.mark_size, page.mark_color) == ("ลับที่สุด", 20.0, "C00000")
    assert {s.page.mark for s in sample("regulation").sections} == {None}
    letter = data("letter") | {"secrecy": "ลับ"}
    assert compose(thaidocs.from_dict(letter)).sections[0].page.mark == "ลับ"


def test_urgency_on_the_memo_and_stamped_band() -> None:
    memo = compose(thaidocs.from_dict(data("memo") | {"urgency": "ด่วนที่สุด"}))
    emblem = memo.sections[0].blocks[0]
    assert [p.text for p in emblem.beside] == ["บันทึกข้อความ", "ด่วนที่สุด"]  # type: ignore[union-attr]
    mark = emblem.beside[1]  # type: ignore[union-attr]
    assert mark.align == Align.RIGHT and mark.runs[0].color == "C00000" and mark.runs[0].size == 32
    assert tree_text(sample("stamped"))[1] == "ด่วน"

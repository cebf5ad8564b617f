"""The shared pieces: clauses, tables, signature blocks, measuring, and reading the tree."""

from __future__ import annotations

from typing import Any

import pytest
from PIL import Image

import thaidocs
from thaidocs.layout import (
    Align,
    LayoutDocument,
    LayoutSpec,
    Paragraph,
    SignatureGroup,
    Table,
    TabStop,
    compose,
    tree_text,
)
from thaidocs.layout.measure import text_width

DIRECTOR = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"


def announcement(body: list[Any], signers: list[dict[str, Any]] | None = None) -> LayoutDocument:
    return compose(
        thaidocs.from_dict(
            {
                "type": "announcement",
                "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
                "subject": "ทดสอบ",
                "date": "2024-10-30",
                "body": body,
                "signers": signers or [{"name": "นายวันศักดิ์ คำแหง", "position": DIRECTOR}],
            }
        )
    )


def clause_paragraphs(tree: LayoutDocument) -> list[Paragraph]:
    return [p for p in tree.paragraphs() if p.role == "clause"]


def group(tree: LayoutDocument) -> SignatureGroup:
    (found,) = [b for s in tree.sections for b in s.blocks if isinstance(b, SignatureGroup)]
    return found


# Clauses


def test_clause_is_a_hanging_paragraph_with_the_number_as_text() -> None:
    spec = LayoutSpec()
    tree = announcement(
        [{"clauses": [{"text": "หนึ่ง", "clauses": [{"text": "ย่อย", "clauses": ["ลึก"]}]}]}]
    )
    first, second, third = clause_paragraphs(tree)
    for level, clause in enumerate((first, second, third)):
        number_at = spec.clause_number_indent[level]
        text_at = spec.clause_text_indent[level]
        assert clause.left_indent == text_at
        assert clause.left_indent + clause.first_line_indent == pytest.approx(number_at)
        assert clause.tabs == (TabStop(text_at),)
        assert clause.align == Align.DISTRIBUTE and clause.space_before == spec.block_space
    assert [[r.text for r in c.runs] for c in (first, second, third)] == [
        ["๑.", "\tหนึ่ง"],
        ["๑.๑", "\tย่อย"],
        ["(๑)", "\tลึก"],
    ]


def test_clause_text_moves_right_together_when_numbers_grow_wide() -> None:
    spec = LayoutSpec()
    items = [f"ข้อ {i}" for i in range(1, 13)]
    tree = announcement([{"clauses": [{"text": "หนึ่ง", "clauses": items}]}])
    _, *subs = clause_paragraphs(tree)
    assert subs[9].runs[0].text == "๑.๑๐"
    widest = text_width("๑.๑๒")
    expected = spec.clause_number_indent[1] + widest + spec.clause_gap
    assert expected > spec.clause_text_indent[1]
    assert [p.left_indent for p in subs] == [pytest.approx(expected)] * 12
    number_at = [p.left_indent + p.first_line_indent for p in subs]
    assert number_at == [pytest.approx(spec.clause_number_indent[1])] * 12


def test_clauses_deeper_than_three_levels_count_with_thai_letters() -> None:
    deep = {
        "text": "ก",
        "clauses": [{"text": "ข", "clauses": [{"text": "ค", "clauses": ["ง", "จ"]}]}],
    }
    tree = announcement([{"clauses": [deep]}])
    numbers = [p.runs[0].text for p in clause_paragraphs(tree)]
    assert numbers == ["๑.", "๑.๑", "(๑)", "(ก)", "(ข)"]
    third, fourth = clause_paragraphs(tree)[2:4]
    assert fourth.left_indent + fourth.first_line_indent == pytest.approx(third.left_indent)
    assert fourth.left_indent > third.left_indent


def test_paragraph_without_indent() -> None:
    tree = announcement(["มีย่อหน้า", {"text": "ไม่มีย่อหน้า", "indent": False}])
    indented, flush = [p for p in tree.paragraphs() if p.role == "body"]
    assert indented.first_line_indent == 2.5 and flush.first_line_indent == 0.0


# Tables


def test_table_widths_fill_the_text_width_from_the_content() -> None:
    position = "ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
    rows = [["1", "นายสมชาย ใจดี", position]]
    tree = announcement([{"table": {"columns": ["ที่", "ชื่อ–สกุล", "ตำแหน่ง"], "rows": rows}}])
    (table,) = [b for b in tree.sections[0].blocks if isinstance(b, Table)]
    assert sum(table.widths) == pytest.approx(16.0)
    first, second, third = table.widths
    assert first < second < third
    # the number column is as narrow as its widest unit allows (measured 2 % wider, so that
    # another face of the same metrics fits too), plus its padding
    assert first == pytest.approx(text_width("ที่", 16, bold=True) * 1.02 + 0.2)
    assert [c.text for c in table.rows[0]] == ["๑", "นายสมชาย ใจดี", position]
    assert [c.paragraphs[0].align for c in table.rows[0]] == [Align.CENTER, Align.LEFT, Align.LEFT]
    assert all(p.size == 16.0 for row in table.rows for c in row for p in c.paragraphs)
    assert {"นายสมชาย ใจดี", "นายสมชาย", "ใจดี", "สมชาย"} <= set(tree.words)


# Signatures


def test_acting_signer_has_own_position_then_acting_line() -> None:
    signer = {
        "name": "นายสุรชัย พงษ์ไพบูลย์",
        "position": ["รองผู้อำนวยการ", "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"],
        "acting": "รักษาราชการแทน",
        "acting_for": DIRECTOR,
    }
    (row,) = group(announcement(["ข้อความ"], [signer])).rows
    (signature,) = row
    assert signature.name == "(นายสุรชัย พงษ์ไพบูลย์)"
    assert signature.positions == (
        "รองผู้อำนวยการ",
        "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
        "รักษาราชการแทน " + DIRECTOR,
    )
    assert (signature.axis, signature.width) == (10.0, 10.0)
    assert signature.caption is None and signature.image is None


def test_two_signers_side_by_side_further_rows_below() -> None:
    signers = [{"name": f"นายคน ที่{i}", "position": f"กรรมการคนที่ {i}"} for i in range(1, 6)]
    tree = announcement(["ข้อความ"], signers)
    rows = group(tree).rows
    assert [len(r) for r in rows] == [2, 2, 1]
    spec = LayoutSpec()
    for row in rows[:2]:
        assert tuple(s.axis for s in row) == spec.signature_columns_axes
        assert {s.width for s in row} == {spec.signature_columns_width}
    assert rows[2][0].axis == 8.0
    assert rows[1][1].positions == ("กรรมการคนที่ ๔",)
    text = tree_text(tree)
    assert text[-10:] == [line for i in "๑๒๓๔๕" for line in (f"(นายคน ที่{i})", f"กรรมการคนที่ {i}")]


def test_signature_image_and_caption(tmp_path: Any) -> None:
    image = tmp_path / "sign.png"
    Image.new("RGB", (40, 20)).save(image)
    signer = {"name": "นายก ข", "position": "ตำแหน่ง", "signature": str(image), "role": "ผู้รับรอง"}
    (signature,) = group(announcement(["ข้อความ"], [signer])).rows[0]
    assert signature.image == image and signature.caption == "ผู้รับรอง"
    assert signature.signing_space == pytest.approx(LayoutSpec().signing_lines * 20.8)


# Measuring and reading


def test_text_width_at_official_size() -> None:
    one = text_width("ขอแสดงความนับถือ")
    assert 2.5 < one < 3.5  # about 3 cm at 16 pt in TH Sarabun metrics
    assert text_width("ขอแสดงความนับถือ", 32) == pytest.approx(2 * one)
    assert text_width("ขอแสดงความนับถือ", bold=True) > one
    # shaped: the tone mark over the upper vowel adds no width
    assert text_width("ที่") == text_width("ท")


def test_tree_text_reads_tables_and_signatures_in_order() -> None:
    table = {"table": {"columns": ["ที่", "ชื่อ"], "rows": [["1", "นายก ข\nนายค ง"]]}}
    text = tree_text(announcement(["ก่อน", table, "หลัง"]))
    start = text.index("ก่อน")
    assert text[start : start + 6] == ["ก่อน", "ที่", "ชื่อ", "๑", "นายก ข\nนายค ง", "หลัง"]


def test_positions_in_a_table_and_a_plans_units_are_kept_as_terms() -> None:
    order = thaidocs.compose(thaidocs.load("samples/order.yaml"))
    assert "ผู้อำนวยการกลุ่มส่งเสริมการศึกษาทางไกล เทคโนโลยีสารสนเทศและการสื่อสาร" in order.words
    plan = thaidocs.load("samples/plan.yaml")
    assert isinstance(plan, thaidocs.Plan)
    owners = {activity.owner for activity in plan.activities}
    assert owners <= set(thaidocs.compose(plan).words)

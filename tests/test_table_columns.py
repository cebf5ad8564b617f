"""Tables sized by their content, checked on the PDF a reader gets: numbers, month labels and
names never wrap inside a cell, text columns take the room, and a table too wide for the page
wraps or is refused instead of running past its border."""

from __future__ import annotations

import subprocess
import unicodedata
from decimal import Decimal
from itertools import pairwise
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from conftest import require_tool
from reportlab.lib.units import cm

import thaidocs
from thaidocs.layout import compose
from thaidocs.layout.tree import Table
from thaidocs.thai import THAI_MONTHS_ABBR, format_number

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def lines(pdf: bytes) -> list[str]:
    """Every line pdftotext lays out, cells of one row side by side."""
    tool = require_tool("pdftotext")
    text = subprocess.run(
        [tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return text.splitlines()


def on_one_line(word: str, pdf_lines: list[str]) -> bool:
    return any(word in line for line in pdf_lines)


def tables(data: dict[str, Any]) -> list[Table]:
    tree = compose(thaidocs.from_dict(data))
    return [b for s in tree.sections for b in s.blocks if isinstance(b, Table)]


def memo_with_table(table: dict[str, Any]) -> dict[str, Any]:
    data = sample("memo")
    data["body"] = ["ตารางต่อไปนี้", {"table": table}]
    return data


def test_plan_amounts_and_month_labels_never_wrap() -> None:
    data = sample("plan")
    text = lines(thaidocs.to_pdf(data))
    budgets = [a["budget"] for a in data["activities"] if a.get("budget") is not None]
    assert budgets
    for budget in budgets:
        assert on_one_line(format_number(budget, "thai", 0), text), budget
    for month in THAI_MONTHS_ABBR[1:]:
        assert on_one_line(month, text), month


def test_a_plans_large_amounts_widen_the_budget_column() -> None:
    data = sample("plan")
    for i, activity in enumerate(data["activities"]):
        activity["budget"] = 1_145_750.5 + i
    text = lines(thaidocs.to_pdf(data))
    for i in range(len(data["activities"])):
        assert on_one_line(format_number(Decimal("1145750.50") + i, "thai", 2), text)


def test_order_names_never_wrap() -> None:
    data = sample("order")
    text = lines(thaidocs.to_pdf(data))
    (table,) = [b["table"] for b in data["body"] if isinstance(b, dict) and "table" in b]
    names = [row[1] for row in table["rows"]]
    assert names
    for name in names:
        assert on_one_line(name, text), name


def test_columns_follow_the_content() -> None:
    rows = [
        ["๑", "นายสมชาย ใจดี", "ผู้อำนวยการกลุ่มส่งเสริมการจัดการศึกษา" * 3, "๑๔๕,๗๕๐.๕๐"],
        ["๒", "นางสาวกมลวรรณ ศรีสุข", "ครู", "๕๐.๐๐"],
    ]
    data = memo_with_table({"columns": ["ที่", "ชื่อ–สกุล", "ตำแหน่ง", "บาท"], "rows": rows})
    (table,) = tables(data)
    number, name, position, amount = table.widths
    assert sum(table.widths) == pytest.approx(16.0)
    assert position > max(name, amount) and min(name, amount) > number  # long text gets room
    text = lines(thaidocs.to_pdf(data))
    for word in ("๑๔๕,๗๕๐.๕๐", "นายสมชาย ใจดี", "นางสาวกมลวรรณ ศรีสุข"):
        assert on_one_line(word, text), word


def test_explicit_widths_win() -> None:
    data = memo_with_table({"columns": ["ก", "ข"], "rows": [["๑", "๒"]], "widths": [4.0, 12.0]})
    (table,) = tables(data)
    assert table.widths == (4.0, 12.0)


def test_explicit_widths_wider_than_the_text_are_refused() -> None:
    data = memo_with_table({"columns": ["ก", "ข"], "rows": [["๑", "๒"]], "widths": [10.0, 10.0]})
    with pytest.raises(thaidocs.InputError) as caught:
        thaidocs.to_pdf(data)
    assert caught.value.problems[0].path == "body[1].table.widths"


@pytest.mark.parametrize("count", [40, 400])
def test_a_table_too_wide_for_the_page_is_refused(count: int) -> None:
    columns = [f"คอลัมน์ที่ {i}" for i in range(1, count + 1)]
    data = memo_with_table({"columns": columns, "rows": [[str(i) for i in range(count)]]})
    for render in (thaidocs.to_pdf, thaidocs.to_docx):
        with pytest.raises(thaidocs.InputError) as caught:
            render(data)
        (problem,) = caught.value.problems
        assert problem.path == "body[1].table"
        assert f"{count} columns" in problem.message


def test_a_plan_padded_wider_than_the_page_names_the_padding() -> None:
    data = sample("plan")
    data.setdefault("options", {})["spec"] = {"cell_padding": 1.0}
    for render in (thaidocs.to_pdf, thaidocs.to_docx):
        with pytest.raises(thaidocs.InputError) as caught:
            render(data)
        (problem,) = caught.value.problems
        assert problem.path == "activities"
        assert "cm of it cell padding" in problem.message
        assert "options.spec.cell_padding" in problem.hint


def test_a_crowded_table_wraps_inside_its_border(tmp_path: Path) -> None:
    count = 20
    columns = [f"คอลัมน์ที่ {i}" for i in range(1, count + 1)]
    rows = [[f"{i * 1000:,}" for i in range(1, count + 1)], [f"ข้อความ {i}" for i in range(count)]]
    data = memo_with_table({"columns": columns, "rows": rows})
    path = tmp_path / "crowded.pdf"
    path.write_bytes(thaidocs.to_pdf(data))
    with pdfplumber.open(path) as document:
        page = document.pages[0]
        right = float(page.width) - 2.0 * cm
        chars = page.chars
        assert chars and max(float(c["x1"]) for c in chars) <= right + 0.5
        # no two letters drawn over each other (marks sit over their letter, as they should)
        bases = [c for c in chars if c["text"] and unicodedata.category(c["text"][0]) != "Mn"]
        boxes = sorted((round(c["top"]), float(c["x0"]), float(c["x1"])) for c in bases)
        for (top, _, end), (next_top, start, _) in pairwise(boxes):
            if top == next_top:
                assert start >= end - 1.0

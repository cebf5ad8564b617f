"""Pages as a careful typist sets them, checked on the PDF a reader gets: every signer and
every line on the paper, nothing below the bottom margin."""

from __future__ import annotations

import copy
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from conftest import require_tool
from reportlab.lib.units import cm

import thaidocs
from thaidocs.thai import to_thai_digits

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
#: the default bottom margin, in points
BOTTOM = 2.0 * cm


def sample(name: str) -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((SAMPLES / f"{name}.yaml").read_text(encoding="utf-8"))
    return data


def page_texts(pdf: bytes) -> list[str]:
    """The text of each page, as pdftotext extracts it."""
    tool = require_tool("pdftotext")
    text = subprocess.run([tool, "-", "-"], input=pdf, capture_output=True, check=True).stdout
    return text.decode("utf-8").split("\f")[:-1]


def lowest_text(pdf: bytes, path: Path) -> float:
    """The smallest distance of any word's bottom above the paper's bottom edge, in points."""
    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        return min(
            float(page.height) - float(word["bottom"])
            for page in document.pages
            for word in page.extract_words()
        )


def signers(count: int, role: str | None = None) -> list[dict[str, Any]]:
    people = []
    for i in range(1, count + 1):
        person: dict[str, Any] = {"name": f"นายสมชาย ลงนามที่{i}", "position": "ผู้อำนวยการกลุ่ม"}
        if role:
            person["role"] = role
        people.append(person)
    return people


@pytest.mark.parametrize(("name", "count"), [("announcement", 20), ("order", 13), ("plan", 14)])
def test_every_signer_is_on_the_paper(name: str, count: int, tmp_path: Path) -> None:
    data = sample(name)
    data["signers"] = signers(count, role="ผู้เสนอแผน" if name == "plan" else None)
    pdf = thaidocs.to_pdf(data)
    text = "".join(page_texts(pdf))
    for i in range(1, count + 1):
        assert f"(นายสมชาย ลงนามที่{to_thai_digits(str(i))})" in text
    assert lowest_text(pdf, tmp_path / "out.pdf") >= BOTTOM - 1


def test_a_signer_taller_than_a_page_goes_on_over_the_next(tmp_path: Path) -> None:
    data = sample("announcement")
    positions = [f"กรรมการลำดับที่ {to_thai_digits(str(i))} ของคณะทำงาน" for i in range(1, 61)]
    data["signers"] = [{"name": "นายสมชาย ใจดี", "position": positions}]
    pdf = thaidocs.to_pdf(data)
    text = "".join(page_texts(pdf))
    for position in positions:
        assert position in text
    assert lowest_text(pdf, tmp_path / "out.pdf") >= BOTTOM - 1


def test_a_long_position_wraps_without_a_lone_digit() -> None:
    data = sample("order")
    position = "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษาประถมศึกษาเพชรบุรี เขต ๒"
    data["signers"] = [{"name": "นายสุรชัย พงษ์ไพบูลย์", "position": position}]
    lines = [line.strip() for line in page_texts(thaidocs.to_pdf(data))[-1].splitlines()]
    start = lines.index("(นายสุรชัย พงษ์ไพบูลย์)") + 1
    wrapped = [line for line in lines[start:] if line]
    assert " ".join(wrapped) == position
    assert all(len(line.split()) > 1 or len(line) > 3 for line in wrapped)


def test_a_long_table_takes_as_many_pages_as_it_needs() -> None:
    data = sample("plan")
    activities = []
    for i in range(120):
        activity = copy.deepcopy(data["activities"][i % len(data["activities"])])
        activity["name"] = f"กิจกรรมลำดับ {to_thai_digits(str(i + 1))}"
        activities.append(activity)
    data["activities"] = activities
    text = "".join(page_texts(thaidocs.to_pdf(data)))
    for i in range(1, 121):
        assert f"กิจกรรมลำดับ {to_thai_digits(str(i))}" in text

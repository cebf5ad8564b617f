"""Pages as a careful typist sets them, checked on the PDF a reader gets: every signer and
every line on the paper, nothing below the bottom margin."""

from __future__ import annotations

import copy
import re
import subprocess
from pathlib import Path
from typing import Any

import pdfplumber
import pytest
import yaml
from conftest import SAMPLE_DIR as SAMPLES
from conftest import require_tool
from reportlab.lib.units import cm

import thaidocs
from thaidocs.thai import to_thai_digits

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
    """The smallest distance of any text's bottom above the paper's bottom edge, in points,
    the catchword (page furniture under the last line) aside."""
    path.write_bytes(pdf)
    lowest = float("inf")
    with pdfplumber.open(path) as document:
        for page in document.pages:
            words = page.extract_words()
            furniture = {round(w["bottom"]) for w in words if w["text"].endswith("...")}
            for word in words:
                if round(word["bottom"]) not in furniture:
                    lowest = min(lowest, float(page.height) - float(word["bottom"]))
    return lowest


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
        activity["name"] = "สัมมนาวิชาการประจำปี"
        activities.append(activity)
    data["activities"] = activities
    data["options"] = {"catchword": False}  # a catchword repeats the next page's first name
    text = "".join(page_texts(thaidocs.to_pdf(data)))
    # each name once, whole or wrapped in its narrow cell
    assert text.count("สัมมนา") == 120
    tokens = set(text.split())
    assert all(to_thai_digits(str(i)) in tokens for i in range(1, 121))


def squash(text: str) -> str:
    return " ".join(text.split())


def layout_pages(pdf: bytes) -> list[list[str]]:
    """Each page's non-empty lines as pdftotext lays them out."""
    tool = require_tool("pdftotext")
    text = subprocess.run(
        [tool, "-layout", "-", "-"], input=pdf, capture_output=True, check=True
    ).stdout.decode("utf-8")
    return [
        [line.strip() for line in page.splitlines() if line.strip()]
        for page in text.split("\f")[:-1]
    ]


PAGE_NUMBER = re.compile(r"^- [๐-๙0-9]+ -?\s*")


def longer(name: str, extra: int) -> dict[str, Any]:
    """A sample with ``extra`` more body paragraphs before its end, to move the page breaks."""
    data = sample(name)
    filler = (
        "ในการนี้ ขอให้หน่วยงานในสังกัดดำเนินการตามมาตรการดังกล่าวอย่างเคร่งครัด "
        "และรายงานผลการดำเนินงานให้ทราบภายในเวลาที่กำหนด เพื่อประโยชน์ของทางราชการ"
    )
    if name == "plan":
        data["sections"][0]["body"] = data["sections"][0]["body"] + [filler] * extra
    else:
        data["body"] = [filler] * extra + data["body"]
    return data


VARIANTS = [
    (name, extra) for name in ("announcement", "order", "letter", "memo") for extra in (0, 2, 4, 6)
]


@pytest.mark.parametrize(("name", "extra"), [*VARIANTS, ("plan", 0), ("plan", 3)])
def test_catchword_is_the_next_pages_first_word(name: str, extra: int) -> None:
    pdf = thaidocs.to_pdf(longer(name, extra))
    pages = page_texts(pdf)
    laid = layout_pages(pdf)
    for number, lines in enumerate(laid[:-1], start=1):
        last = lines[-1]
        assert last.startswith("/") and last.endswith("..."), (number, last)
        word = squash(last[1:-3])
        following = squash(PAGE_NUMBER.sub("", squash(pages[number])))
        if following.startswith("ที่ "):  # a table goes on: its header comes first
            assert all(part in following for part in word.split()), (number, word)
        else:
            assert following.startswith(word), (number, word, following[:40])
    assert not laid[-1][-1].endswith("...")


def test_no_catchword_when_turned_off() -> None:
    data = longer("announcement", 0)
    data["options"] = {"catchword": False}
    assert not any(
        line.endswith("...") for page in layout_pages(thaidocs.to_pdf(data)) for line in page
    )


def signature_page_lines(data: dict[str, Any], pdf: bytes) -> tuple[list[str], list[str]]:
    """The lines of the page with the first signer's name: above it, and from it on."""
    name = squash(data["signers"][0]["name"])
    for lines in layout_pages(pdf):
        for index, line in enumerate(lines):
            if squash(line).startswith(f"({name})"):
                return lines[:index], lines[index:]
    raise AssertionError("signer's name not found")


@pytest.mark.parametrize(("name", "extra"), [*VARIANTS, ("plan", 0), ("plan", 3)])
def test_a_signature_keeps_two_body_lines_on_its_page(name: str, extra: int) -> None:
    data = longer(name, extra)
    above, _ = signature_page_lines(data, thaidocs.to_pdf(data))
    captions = {s.get("role") for s in data["signers"]}
    body = [
        line
        for line in above
        if not PAGE_NUMBER.fullmatch(line) and not set(line.split()) <= captions
    ]
    lead_in = 0 if name == "memo" else 1  # the date line or the closing
    assert len(body) >= 2 + lead_in, body


@pytest.mark.parametrize("extra", [0, 1, 2, 3, 4, 5, 6])
def test_the_letters_contact_block_is_at_the_foot_of_the_signatures_page(
    extra: int, tmp_path: Path
) -> None:
    data = longer("letter", extra)
    pdf = thaidocs.to_pdf(data)
    _, below = signature_page_lines(data, pdf)
    assert squash(below[-1]).startswith("สำเนาส่ง")
    assert data["owner_unit"] in below
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    with pdfplumber.open(path) as document:
        words = document.pages[-1].extract_words()
        foot = float(document.pages[-1].height) - max(float(w["bottom"]) for w in words)
    # the last line's box ends on the bottom margin
    assert BOTTOM <= foot <= BOTTOM + 12


def test_the_letter_sample_fits_one_page() -> None:
    assert len(page_texts(thaidocs.to_pdf(sample("letter")))) == 1


@pytest.mark.parametrize("extra", [0, 1, 2, 3, 4, 5])
def test_a_heading_never_ends_a_page(extra: int) -> None:
    data = longer("plan", extra)
    headings = {
        f"{to_thai_digits(str(i))}. {s['heading']}" for i, s in enumerate(data["sections"], 1)
    }
    for lines in layout_pages(thaidocs.to_pdf(data))[:-1]:
        text = [line for line in lines if not line.endswith("...")]
        assert squash(text[-1]) not in headings


def test_clauses_nested_deeper_than_a_page_run_on_with_their_text_inside() -> None:
    """Each clause that heads sub-clauses keeps with the next; a chain of forty cannot fit
    one page, so it runs on instead of putting one clause on each page, and the indents
    stop stepping in at half the text width."""
    item: dict[str, Any] = {"text": "ข้อชั้น ๔๐ ข้อความที่ซ้อนกันลึกที่สุดของเอกสารทดสอบนี้"}
    for depth in range(39, 0, -1):
        item = {"text": f"ข้อชั้น {to_thai_digits(depth)} ข้อความทดสอบ", "clauses": [item]}
    data = sample("announcement")
    data["body"] = [{"clauses": [item]}, *data["body"][-1:]]
    pages = page_texts(thaidocs.to_pdf(thaidocs.from_dict(data)))
    assert len(pages) <= 3
    text = squash(" ".join(pages))
    for depth in range(1, 41):
        assert squash(f"ข้อชั้น {to_thai_digits(depth)}") in text

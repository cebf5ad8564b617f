"""Arbitrary nested documents either render whole in both formats or raise InputError.

Whole means every text the input gave is in the PDF's extracted text (whitespace and digit
forms aside), in reading order within its field: nothing is lost below the paper's edge,
in an empty table cell or in a deep clause.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest
import yaml
from conftest import SAMPLE_DIR as SAMPLES
from extracted import pdftotext
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs import InputError

THAI_WORDS = (
    "ประกาศ",
    "กรมการปกครอง",
    "เรื่อง",
    "การจัดงาน",
    "ผู้อำนวยการ",
    "ให้",
    "ดำเนินการ",
    "ตาม",
    "ระเบียบ",
    "สำนักนายกรัฐมนตรี",
    "ว่าด้วย",
    "งานสารบรรณ",
    "พ.ศ.",
    "๒๕๒๖",
    "ที่",
    "ทั้งนี้",
    "ตั้งแต่บัดนี้เป็นต้นไป",
    "ๆ",
    "น้ำ",
    "กำหนด",
)
OTHER_WORDS = ("Bangkok", "ICT", "1,500", "(๑)", "2567", "—", "“อ้างถึง”", "e-mail", "ก.ย.")
#: characters refused at the door or by the PDF font: each must end in InputError
HOSTILE = ("\x00", "\x0b", "\x1f", "\ufffe", "中", "ກ", "😀", "م")

words = st.sampled_from(THAI_WORDS) | st.sampled_from(OTHER_WORDS)
texts = st.lists(words, min_size=1, max_size=30).map(" ".join)
short = st.lists(words, min_size=1, max_size=4).map(" ".join)
cells = st.one_of(st.just(""), st.just(" "), short, texts)


def _hostile(draw: st.DrawFn, text: str) -> str:
    """``text``, now and then with one hostile character put somewhere in it."""
    if draw(st.integers(0, 19)) != 0:
        return text
    at = draw(st.integers(0, len(text)))
    return text[:at] + draw(st.sampled_from(HOSTILE)) + text[at:]


@st.composite
def clauses(draw: st.DrawFn, depth: int) -> Any:
    text = _hostile(draw, draw(short))
    if depth <= 1 or draw(st.booleans()):
        return text
    return {"text": text, "clauses": [draw(clauses(depth - 1))]}


@st.composite
def tables(draw: st.DrawFn) -> dict[str, Any]:
    width = draw(st.integers(1, 5))
    columns = [draw(short) for _ in range(width)]
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=8))
    return {"table": {"columns": columns, "rows": rows}}


@st.composite
def blocks(draw: st.DrawFn, depth: int) -> Any:
    kind = draw(st.sampled_from(["paragraph", "text", "clauses", "table"]))
    if kind == "paragraph":
        return _hostile(draw, draw(texts))
    if kind == "text":
        return {"text": _hostile(draw, draw(texts)), "indent": draw(st.booleans())}
    if kind == "clauses":
        items = draw(st.lists(clauses(depth), min_size=1, max_size=3))
        return {"clauses": items}
    return draw(tables())


@st.composite
def documents(
    draw: st.DrawFn, depth: tuple[int, int] = (1, 12), signers: tuple[int, int] = (1, 6)
) -> dict[str, Any]:
    deep = draw(st.integers(*depth))
    body = draw(st.lists(blocks(deep), min_size=1, max_size=6))
    if deep > 12:  # the deepest clause the strategy was asked for, at least once
        nested: Any = "ข้อในสุด"
        for level in range(deep - 1):
            nested = {"text": f"ข้อชั้น {level}", "clauses": [nested]}
        body.append({"clauses": [nested]})
    people = [
        {
            "name": f"นาย{draw(st.sampled_from(THAI_WORDS))} ผู้ลงนามที่ {i}",
            "position": draw(st.lists(short, min_size=1, max_size=4)),
        }
        for i in range(draw(st.integers(*signers)))
    ]
    return {
        "type": "announcement",
        "agency": draw(short),
        "subject": _hostile(draw, draw(texts)),
        "date": "2024-10-30",
        "body": body,
        "signers": people,
    }


def _texts(value: Any) -> list[str]:
    """Every text of the document the PDF must show."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [
            t for key, item in value.items() if key not in ("type", "date") for t in _texts(item)
        ]
    if isinstance(value, list):
        return [t for item in value for t in _texts(item)]
    return []


_THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
_PAGE_NUMBER = re.compile(r"^\s*- [๐-๙0-9]+ -\s*$", re.M)


def _normal(text: str) -> str:
    return re.sub(r"\s+", "", text.translate(_THAI_DIGITS))


def assert_renders_whole(data: dict[str, Any], tmp_path: Any) -> None:
    hostile = any(char in text for text in _texts(data) for char in HOSTILE)
    try:
        pdf = thaidocs.to_pdf(data)
        docx = thaidocs.to_docx(data)
    except InputError as exc:
        assert hostile, f"refused a document with nothing to refuse: {exc}"
        return
    assert not hostile, "accepted a character it cannot keep"
    assert docx[:2] == b"PK"
    extracted = pdftotext(pdf, tmp_path, "-raw")
    shown = _normal(_PAGE_NUMBER.sub("", extracted))
    for text in _texts(data):
        assert _normal(text) in shown, f"missing from the PDF: {text!r}"


_SETTINGS = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)


@_SETTINGS
@given(data=documents())
def test_arbitrary_documents_render_whole_or_are_refused(
    data: dict[str, Any], tmp_path: Any
) -> None:
    assert_renders_whole(data, tmp_path)


@_SETTINGS
@given(data=documents(depth=(13, 40)))
def test_clauses_to_the_depth_limit_render_whole(data: dict[str, Any], tmp_path: Any) -> None:
    assert_renders_whole(data, tmp_path)


@_SETTINGS
@given(data=documents(signers=(7, 25)))
def test_many_signers_render_whole(data: dict[str, Any], tmp_path: Any) -> None:
    assert_renders_whole(data, tmp_path)


_LENGTHS = st.floats(-2, 40) | st.sampled_from([float("nan"), float("inf")])
_SPEC_VALUES = {
    "page_width": st.floats(0, 60),
    "page_height": st.floats(0, 60),
    "margin_left": _LENGTHS,
    "margin_right": _LENGTHS,
    "margin_top": _LENGTHS,
    "margin_bottom": _LENGTHS,
    "emblem_top": _LENGTHS,
    "body_size": st.floats(-1, 100),
    "line_spacing": st.floats(0, 5),
    "block_space": st.floats(-5, 100),
    "first_line_indent": _LENGTHS,
    "memo_title_size": st.floats(0, 100),
    "urgency_size": st.floats(0, 100),
    "emblem_height": st.floats(0, 20),
    "rule_width": _LENGTHS,
    "clause_gap": _LENGTHS,
    "clause_number_indent": st.tuples(_LENGTHS, _LENGTHS, _LENGTHS),
    "date_line_indent": _LENGTHS,
    "signature_axis": _LENGTHS,
    "signature_width": _LENGTHS,
    "signing_lines": st.floats(-1, 10),
    "signature_columns_axes": st.tuples(_LENGTHS, _LENGTHS),
    "letter_agency_indent": _LENGTHS,
    "letter_band_lines": st.floats(-1, 8),
    "label_tab": st.floats(-1, 12),
    "memo_date_label": _LENGTHS,
    "plan_table_size": st.floats(0, 80),
    "plan_month_width": st.floats(-1, 5),
    "cell_padding": st.floats(-1, 3),
    "page_number_format": st.sampled_from(["- {} -", "{}", "หน้า {}", "{1}", "{:>5}", "{{}}", ""]),
    "mark_color": st.sampled_from(["C00000", "red", "#C00000", "00ff00"]),
}
_BASES = {
    path.stem: yaml.safe_load(path.read_text(encoding="utf-8")) for path in SAMPLES.glob("*.yaml")
}


@settings(_SETTINGS, max_examples=40)
@given(
    base=st.sampled_from(sorted(_BASES)),
    spec=st.dictionaries(st.sampled_from(sorted(_SPEC_VALUES)), st.none(), max_size=4).flatmap(
        lambda keys: st.fixed_dictionaries({key: _SPEC_VALUES[key] for key in keys})
    ),
)
def test_any_spec_is_refused_or_lays_out(base: str, spec: dict[str, Any], tmp_path: Any) -> None:
    data = copy.deepcopy(_BASES[base])
    data.setdefault("options", {})["spec"] = spec
    try:
        model = thaidocs.from_dict(data, base_dir=SAMPLES)
    except InputError:
        return
    try:
        pdf = thaidocs.to_pdf(model)
    except InputError as refused:  # e.g. padding too wide for a table: refused in layout
        with pytest.raises(InputError) as again:
            thaidocs.to_docx(model)
        assert again.value.problems == refused.problems
        assert all(problem.path and problem.hint for problem in refused.problems)
        return
    docx = thaidocs.to_docx(model)
    assert docx[:2] == b"PK"
    extracted = pdftotext(pdf, tmp_path, "-raw")
    # the first signer's name; the minutes' recorder; the agency of an unsigned form
    signers = getattr(model, "signers", None) or [getattr(model, "recorder", None)]
    printed = signers[0].name if signers[0] is not None else model.agency
    assert isinstance(printed, str)
    assert _normal(printed) in _normal(extracted)

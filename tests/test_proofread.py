"""check(): the seed announcement's real defects, clean samples, and robustness on any text."""

from __future__ import annotations

import copy
import dataclasses
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, reject, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs import Finding, InputError
from thaidocs.model import Document
from thaidocs.proofread.walk import text_fields

HERE = Path(__file__).resolve().parent
SAMPLES = sorted((HERE.parent / "samples").glob("*.yaml"))
SEED = HERE / "data" / "seed_announcement.yaml"

LETTER: dict[str, Any] = {
    "type": "letter",
    "number": "ศธ ๐๔๒๔๗/๑๒๓",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "address": ["ถนนราชดำเนิน", "จังหวัดเพชรบุรี ๗๖๐๐๐"],
    "date": "2024-11-12",
    "subject": "ขอเชิญประชุม",
    "to": "ผู้อำนวยการสำนักงานศึกษาธิการจังหวัดเพชรบุรี",
    "salutation": "กราบเรียน",
    "closing": "ขอแสดงความนับถืออย่างยิ่ง",
    "references": ["ประกาศ ลงวันที่ ๓๐ ตุลาคม ๒๕๖๗"],
    "enclosures": ["กำหนดการ"],
    "body": ["ด้วยสำนักงานจะจัดประชุม", {"text": "จึงเรียนมาเพื่อโปรดพิจารณา", "indent": False}],
    "signers": [
        {
            "name": "นายสุรชัย พงษ์ไพบูลย์",
            "position": ["รองผู้อำนวยการ", "สำนักงานเขตพื้นที่การศึกษา"],
            "acting": "ปฏิบัติราชการแทน",
            "acting_for": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษา",
            "role": "ผู้ลงนาม",
        }
    ],
    "owner_unit": "กลุ่มนโยบายและแผน",
    "phone": "๐ ๓๒๔๒ ๕๔๙๒",
    "fax": "๐ ๓๒๔๒ ๕๔๙๓",
    "email": "plan@obec.go.th",
    "copies": ["ผู้อำนวยการโรงเรียน"],
}
PLAN: dict[str, Any] = {
    "type": "plan",
    "agency": "สำนักงานปลัดกระทรวงศึกษาธิการ",
    "title": "แผนส่งเสริมการมีส่วนร่วม",
    "fiscal_year": 2564,
    "sections": [
        {
            "heading": "หลักการและเหตุผล",
            "body": [
                "เหตุผล",
                {"table": {"columns": ["ระดับ", "กิจกรรม"], "rows": [["Inform", "เผยแพร่"]]}},
            ],
        }
    ],
    "participation_labels": {"inform": "การให้ข้อมูล"},
    "activities": [
        {
            "name": "ประชุมรับฟังความคิดเห็น",
            "level": "consult",
            "stakeholders": ["ประชาชน", "ผู้รับบริการ"],
            "indicator": "ร้อยละ ๘๐",
            "budget": 15000,
            "months": ["ต.ค.-ธ.ค."],
            "owner": "กลุ่มนโยบายและแผน",
        }
    ],
    "signers": [{"name": "นายสมชาย ใจดี", "position": "ผู้อำนวยการ", "role": "ผู้อนุมัติแผน"}],
}
MEMO: dict[str, Any] = {
    "type": "memo",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "unit": "กลุ่มนโยบายและแผน",
    "phone": "๐ ๓๒๔๒ ๕๔๙๒",
    "number": "ศธ ๐๔๒๔๗/๕๖",
    "date": "2024-11-08",
    "subject": "ขออนุมัติงบประมาณ",
    "to": "ผู้อำนวยการ",
    "body": ["ด้วยกลุ่มนโยบายและแผนขออนุมัติ"],
    "signers": [{"name": "นางจันทร์เพ็ญ รุ่งเรืองศรี", "position": "ผู้อำนวยการกลุ่ม"}],
}


def seed_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load(SEED.read_text(encoding="utf-8"))
    return data


def field_text(doc: Document, path: str) -> str:
    return next(field.text for field in text_fields(doc) if field.path == path)


def test_seed_announcement_cyrillic_letters_found_at_their_clause() -> None:
    doc = thaidocs.from_dict(seed_data())
    found = [f for f in thaidocs.check(doc) if f.code == "script.mixed"]
    assert len(found) == 1
    finding = found[0]
    assert finding.level == "error"
    assert finding.path == "body[2].clauses[1].clauses[3]"
    assert finding.span == "\u0441\u044b"  # Cyrillic с ы
    assert finding.suggestion is None
    assert "โปร่งใсыิ่งขึ้น" in finding.message
    assert field_text(doc, finding.path)[finding.start or 0 :].startswith("сыิ่งขึ้น")


def test_seed_announcement_day_330_found_with_the_documents_day_suggested() -> None:
    doc = thaidocs.from_dict(seed_data())
    found = [f for f in thaidocs.check(doc) if f.code == "date.impossible"]
    assert [(f.level, f.path, f.span, f.suggestion) for f in found] == [
        (
            "error",
            "body[4]",
            "วันที่ ๓๓๐ เดือน ตุลาคม พ.ศ. ๒๕๖๗",
            "วันที่ ๓๐ เดือน ตุลาคม พ.ศ. ๒๕๖๗",
        )
    ]
    assert "330" in found[0].message


def test_seed_announcement_has_no_other_error() -> None:
    found = thaidocs.check(thaidocs.from_dict(seed_data()))
    errors = {(f.code, f.path) for f in found if f.level == "error"}
    assert errors == {
        ("script.mixed", "body[2].clauses[1].clauses[3]"),
        ("pdf.missing-glyph", "body[2].clauses[1].clauses[3]"),  # the Cyrillic letters
        ("date.impossible", "body[4]"),
    }


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.name)
def test_samples_have_no_warning_or_error(sample: Path) -> None:
    found = thaidocs.check(thaidocs.load(sample))
    assert [str(f) for f in found if f.level != "info"] == []


def test_corrected_announcement_only_notes_the_empowerment_level_name() -> None:
    found = thaidocs.check(thaidocs.load(HERE.parent / "samples" / "announcement.yaml"))
    assert [(f.code, f.span, f.suggestion) for f in found] == [
        ("level.variant", "Empowerment", "Empower")
    ]


def test_finding_is_frozen_and_readable() -> None:
    finding = thaidocs.check(thaidocs.from_dict(seed_data()))[0]
    assert isinstance(finding, Finding)
    with pytest.raises(dataclasses.FrozenInstanceError):
        finding.code = "other"  # type: ignore[misc]
    assert finding.path in str(finding) and finding.code in str(finding)


def test_findings_come_in_reading_order() -> None:
    doc = thaidocs.from_dict(seed_data())
    order = [field.path for field in text_fields(doc)]
    places = [(order.index(f.path), f.start) for f in thaidocs.check(doc)]
    assert places == sorted(places, key=lambda p: (p[0], -1 if p[1] is None else p[1]))


# Keys whose values are fixed vocabularies or not text: validation refuses free text there.
_NOT_TEXT = {
    "type",
    "date",
    "salutation",
    "acting",
    "level",
    "months",
    "budget",
    "fiscal_year",
    "urgency",
    "secrecy",
    "widths",
    "indent",
}


def _replace_text(value: Any, change: Callable[[str], str], key: str = "") -> Any:
    """`value` with every free-text string changed."""
    if key in _NOT_TEXT:
        return value
    if isinstance(value, str):
        return change(value)
    if isinstance(value, list):
        return [_replace_text(item, change, key) for item in value]
    if isinstance(value, dict):
        return {k: _replace_text(v, change, k) for k, v in value.items()}
    return value


BASES = {"announcement": seed_data(), "letter": LETTER, "plan": PLAN, "memo": MEMO}


@pytest.mark.parametrize("kind", BASES)
def test_walk_reaches_every_free_text_field(kind: str) -> None:
    counter = iter(range(10**6))
    data = _replace_text(copy.deepcopy(BASES[kind]), lambda _: f"x{next(counter)}x")
    doc = thaidocs.from_dict(data)
    walked = sorted(field.text for field in text_fields(doc))
    assert walked == sorted(f"x{n}x" for n in range(next(counter)))


def test_walk_paths_name_fields_as_input_errors_do() -> None:
    paths = {field.path: field.kind for field in text_fields(thaidocs.from_dict(LETTER))}
    assert paths["number"] == "number"
    assert paths["address[1]"] == "prose"
    assert paths["body[1].text"] == "prose"
    assert paths["signers[0].position[1]"] == "position"
    assert paths["signers[0].acting_for"] == "position"
    assert paths["email"] == "contact"
    plan = {field.path for field in text_fields(thaidocs.from_dict(PLAN))}
    assert {
        "sections[0].heading",
        "sections[0].body[1].table.rows[0][0]",
        "sections[0].body[1].table.columns[1]",
        "participation_labels.inform",
        "activities[0].stakeholders[1]",
    } <= plan
    assert list(paths)[-1].startswith("signers[0]")


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    kind=st.sampled_from(sorted(BASES)),
    text=st.text(min_size=1, max_size=40),
    append=st.booleans(),
)
def test_check_never_raises_on_any_text_in_any_field(kind: str, text: str, append: bool) -> None:
    data = _replace_text(copy.deepcopy(BASES[kind]), lambda old: old + text if append else text)
    try:
        doc = thaidocs.from_dict(data)
    except InputError:
        reject()
    found = thaidocs.check(doc)
    texts = {field.path: field.text for field in text_fields(doc)}
    for finding in found:
        assert finding.level in ("error", "warning", "info")
        if finding.start is not None:
            where = texts[finding.path]
            assert where[finding.start : finding.start + len(finding.span)] == finding.span

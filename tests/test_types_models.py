"""The further forms' models: valid input loads, malformed input names every bad field's path."""

from __future__ import annotations

import copy
import datetime as dt
from pathlib import Path
from typing import Any

import pytest

import thaidocs
from thaidocs import InputError
from thaidocs.model.convert import to_data

SAMPLES = Path(__file__).resolve().parent.parent / "samples"
NEW_TYPES = ("regulation", "bylaw", "statement", "news", "stamped", "certificate", "minutes")
SIGNER = {"name": "นายวันศักดิ์ คำแหง", "position": "ผู้อำนวยการ"}

REGULATION: dict[str, Any] = {
    "type": "regulation",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "subject": "การมีส่วนร่วม",
    "date": "2024-11-15",
    "clauses": ["ระเบียบนี้เรียกว่า …", "ระเบียบนี้ให้ใช้บังคับตั้งแต่วันถัดจากวันประกาศ"],
    "signers": [SIGNER],
}
STATEMENT: dict[str, Any] = {
    "type": "statement",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "subject": "การปิดสถานศึกษา",
    "date": "2024-11-28",
    "body": ["ให้ปิดสถานศึกษา"],
}
STAMPED: dict[str, Any] = {
    "type": "stamped",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "number": "ศธ ๐๔๒๔๗/๑๕๘",
    "to": "โรงเรียนในสังกัด",
    "date": "2024-12-05",
    "body": ["ขอให้ตอบแบบสำรวจ"],
}
CERTIFICATE: dict[str, Any] = {
    "type": "certificate",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "number": "ศธ ๐๔๒๔๗/๒๑๐",
    "date": "2024-12-09",
    "body": ["หนังสือฉบับนี้ให้ไว้เพื่อรับรองว่า …"],
    "signers": [SIGNER],
}
MINUTES: dict[str, Any] = {
    "type": "minutes",
    "meeting": "คณะกรรมการจัดทำแผน",
    "date": "2024-11-26",
    "present": [{"name": "นายวันศักดิ์ คำแหง", "position": "ผู้อำนวยการ", "note": "ประธาน"}],
    "opened": "09.00",
    "closed": "๑๒.๓๐ น.",
    "agenda": [{"title": "เรื่องแจ้งเพื่อทราบ", "resolution": "รับทราบ"}],
    "recorder": SIGNER,
}


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for key, value in changes.items():
        *parents, last = key.split("__")
        target: Any = data
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[last]
        else:
            target[last] = value
    return data


_DELETE = object()


def problems(data: dict[str, Any]) -> list[str]:
    with pytest.raises(InputError) as caught:
        thaidocs.from_dict(data)
    return [str(problem) for problem in caught.value.problems]


@pytest.mark.parametrize("name", NEW_TYPES)
def test_each_new_type_has_a_sample_that_loads_as_its_exported_class(name: str) -> None:
    doc = thaidocs.load(SAMPLES / f"{name}.yaml")
    assert doc.type == name
    cls = getattr(thaidocs, type(doc).__name__)
    assert isinstance(doc, cls)
    assert type(doc).__name__ in thaidocs.__all__


def test_helper_models_are_exported() -> None:
    for name in ("Chapter", "Attendee", "AgendaItem"):
        assert name in thaidocs.__all__
        assert getattr(thaidocs, name).__name__ == name


def test_regulation_year_comes_from_year_or_the_date() -> None:
    doc = thaidocs.from_dict(REGULATION)
    assert isinstance(doc, thaidocs.Regulation)
    assert doc.year_of_issue == 2567
    later = thaidocs.from_dict(with_changes(REGULATION, year="๒๕๖๘"))
    assert isinstance(later, thaidocs.Regulation) and later.year_of_issue == 2568


BAD: list[tuple[str, dict[str, Any], list[str]]] = [
    (
        "regulation: C.E. year, empty subject, chapter without heading, bad clause",
        with_changes(
            REGULATION,
            year=2024,
            subject="",
            clauses=_DELETE,
            chapters=[{"clauses": [{"txt": "x"}]}],
        ),
        [
            "year: year is B.E.; 2024 looks like C.E.",
            "subject: ",
            "chapters[0].heading: required",
            "chapters[0].clauses[0].text: required",
            "chapters[0].clauses[0].txt: unknown key",
        ],
    ),
    (
        "regulation: neither clauses nor chapters",
        with_changes(REGULATION, clauses=[], signers=[]),
        ["clauses: required (or chapters", "signers: "],
    ),
    (
        "regulation: both clauses and chapters",
        with_changes(REGULATION, chapters=[{"heading": "บททั่วไป", "clauses": ["x"]}]),
        ["clauses: give clauses or chapters, not both"],
    ),
    (
        "bylaw: signer without a position, unknown key",
        with_changes(REGULATION, type="bylaw", signers=[{"name": "นาย ก"}], preambel="x"),
        ["signers[0].position: required", "preambel: unknown key — did you mean 'preamble'?"],
    ),
    (
        "statement: signed, no subject, zero issue",
        with_changes(STATEMENT, signers=[SIGNER], subject=_DELETE, issue=0),
        ["signers: a statement is not signed", "subject: required", "issue: "],
    ),
    (
        "news: empty body, bad date",
        with_changes(STATEMENT, type="news", body=[], date="๓๓ ตุลาคม ๒๕๖๗"),
        ["body: ", "date: "],
    ),
    (
        "stamped: signed, wrong urgency and secrecy, no addressee",
        with_changes(STAMPED, signers=[SIGNER], urgency="ด่วนพิเศษ", secrecy="ปกปิด", to=_DELETE),
        [
            "signers: a stamped letter is not signed",
            "urgency: ",
            "secrecy: ",
            "to: required",
        ],
    ),
    (
        "certificate: missing photo file, no number, bad body block",
        with_changes(CERTIFICATE, photo="no-such-photo.png", number=_DELETE, body=[{"x": 1}]),
        ["photo: file not found", "number: required", "body[0]: not a block"],
    ),
    (
        "minutes: bad times, attendee without name, agenda item without title, no recorder",
        with_changes(
            MINUTES,
            opened="25.00",
            closed="noon",
            present=[{"position": "ครู"}],
            absent=[{"name": "นาย ข", "reason": "ลาป่วย"}],
            agenda=[{"body": ["x"]}],
            recorder=_DELETE,
        ),
        [
            "opened: time '25.00' is not hours.minutes",
            "closed: time 'noon' is not hours.minutes",
            "present[0].name: required",
            "absent[0].reason: unknown key",
            "agenda[0].title: required",
            "recorder: required",
        ],
    ),
    (
        "minutes: empty lists, checker acting without principal",
        with_changes(MINUTES, present=[], agenda=[], checker={**SIGNER, "acting": "รักษาราชการแทน"}),
        ["present: ", "agenda: ", "checker.acting_for: required"],
    ),
    (
        "options: unknown secrecy level",
        with_changes(STATEMENT, options={"secrecy": "ลับเฉพาะ"}),
        ["options.secrecy: "],
    ),
    (
        "memo: urgency not a mark",
        {
            "type": "memo",
            "unit": "กลุ่มนโยบายและแผน",
            "subject": "ขออนุมัติ",
            "to": "ผู้อำนวยการ",
            "date": "2024-11-08",
            "urgency": "เร่งด่วน",
            "signers": [SIGNER],
        },
        ["urgency: "],
    ),
]


@pytest.mark.parametrize(("label", "data", "expected"), BAD, ids=[b[0] for b in BAD])
def test_malformed_input_names_every_path(
    label: str, data: dict[str, Any], expected: list[str]
) -> None:
    found = problems(data)
    for fragment in expected:
        assert any(line.startswith(fragment) for line in found), f"{fragment!r} not in {found}"


def test_minutes_times_accept_thai_and_arabic_digits() -> None:
    doc = thaidocs.from_dict(MINUTES)
    assert isinstance(doc, thaidocs.Minutes)
    assert (doc.opened, doc.closed) == (dt.time(9, 0), dt.time(12, 30))
    numbered = thaidocs.from_dict(with_changes(MINUTES, session=1))
    assert isinstance(numbered, thaidocs.Minutes) and numbered.session == "1"


def test_a_memo_no_longer_needs_an_agency() -> None:
    memo = to_data(thaidocs.load(SAMPLES / "memo.yaml"))
    del memo["agency"]
    doc = thaidocs.from_dict(memo)
    assert isinstance(doc, thaidocs.Memo)
    assert doc.agency is None
    assert thaidocs.compose(doc).metadata.author == doc.unit


def test_secrecy_is_an_option_of_every_type() -> None:
    for name in ("announcement", *NEW_TYPES):
        data = to_data(thaidocs.load(SAMPLES / f"{name}.yaml"))
        data["options"] = {"secrecy": "ลับมาก"}
        assert thaidocs.from_dict(data).options.secrecy == "ลับมาก"


def test_the_schema_names_the_new_types_and_no_signers_for_unsigned_ones() -> None:
    schema = thaidocs.json_schema()
    for name in ("Regulation", "Bylaw", "Statement", "News", "Stamped", "Certificate", "Minutes"):
        assert schema["$defs"][name]["required"][0] == "type"
    for name in ("Statement", "News", "Stamped"):
        assert "signers" not in schema["$defs"][name]["properties"]
    assert "agency" not in schema["$defs"]["Memo"]["required"]

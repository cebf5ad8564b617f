"""Input loading and validation: every problem found, each named by its path."""

from __future__ import annotations

import copy
import datetime as dt
import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from conftest import SAMPLE_DIR as SAMPLES
from PIL import Image

import thaidocs
from thaidocs import InputError

ANNOUNCEMENT: dict[str, Any] = {
    "type": "announcement",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "subject": "มาตรการให้ผู้มีส่วนได้ส่วนเสียมีส่วนร่วม",
    "date": "2024-10-30",
    "body": [
        "ปัจจุบันระบบราชการมุ่งเน้นการเป็นระบบราชการที่มีความสามารถ",
        {"clauses": ["ข้อแรก", {"text": "ข้อสอง", "clauses": ["ย่อยหนึ่ง"]}]},
        {"table": {"columns": ["ที่", "ชื่อ"], "rows": [["๑", "นายก"]], "widths": [1.5, 14.5]}},
        {"text": "ไม่เยื้อง", "indent": False},
    ],
    "signers": [
        {
            "name": "นายวันศักดิ์ คำแหง",
            "position": "ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
        }
    ],
}

PLAN: dict[str, Any] = {
    "type": "plan",
    "agency": "สำนักงานปลัดกระทรวงศึกษาธิการ",
    "title": "แผนส่งเสริมการมีส่วนร่วม",
    "fiscal_year": 2564,
    "sections": [{"heading": "หลักการและเหตุผล", "body": ["เหตุผล"]}],
    "activities": [
        {
            "name": "ประชุมรับฟังความคิดเห็น",
            "level": "consult",
            "stakeholders": ["ประชาชน", "ผู้รับบริการ"],
            "indicator": "ร้อยละ ๘๐",
            "budget": 15000,
            "months": ["ต.ค.-ธ.ค.", 3, "พ.ค."],
            "owner": "กลุ่มนโยบายและแผน",
        }
    ],
    "signers": [{"name": "นายสมชาย ใจดี", "position": "ผู้อำนวยการ", "role": "ผู้อนุมัติแผน"}],
}


def with_changes(base: dict[str, Any], **changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(base)
    for dotted, value in changes.items():
        target: Any = data
        *parents, last = dotted.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        if value is _DELETE:
            del target[int(last) if last.isdigit() else last]
        elif last.isdigit():
            target[int(last)] = value
        else:
            target[last] = value
    return data


_DELETE = object()


def test_valid_announcement_loads_with_typed_blocks() -> None:
    doc = thaidocs.from_dict(ANNOUNCEMENT)
    assert isinstance(doc, thaidocs.Announcement)
    assert doc.date == dt.date(2024, 10, 30)
    assert doc.signers[0].position == ["ผู้อำนวยการสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"]
    assert len(doc.body) == 4


def test_thai_date_text_is_accepted() -> None:
    doc = thaidocs.from_dict(with_changes(ANNOUNCEMENT, date="วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗"))
    assert doc.date == dt.date(2024, 10, 30)


def test_plan_months_expand_in_fiscal_order() -> None:
    plan = thaidocs.from_dict(PLAN)
    assert isinstance(plan, thaidocs.Plan)
    assert plan.activities[0].months == [10, 11, 12, 3, 5]
    earlier = thaidocs.from_dict(with_changes(PLAN, fiscal_year="๒๕๖๔"))
    assert isinstance(earlier, thaidocs.Plan) and earlier.fiscal_year == 2564


def test_typed_objects_need_no_type_key() -> None:
    # one position as a plain string, as the input format allows
    signer = thaidocs.Signer(name="นายก ข", position="ผู้อำนวยการ")  # type: ignore[arg-type]
    doc = thaidocs.Announcement(
        agency="กรม", subject="เรื่อง", date=dt.date(2024, 1, 1), signers=[signer]
    )
    assert doc.type == "announcement"


def test_letter_closing_pairs_with_salutation() -> None:
    letter = {
        "type": "letter",
        "agency": "กรม",
        "subject": "ขอเชิญประชุม",
        "date": "2024-10-30",
        "number": "ศธ ๐๔๐๐๑/๑๒๓",
        "address": "ถนนราชดำเนินนอก กรุงเทพฯ ๑๐๓๐๐",
        "to": "อธิการบดี",
        "signers": [{"name": "นายก ข", "position": "อธิบดี"}],
    }
    assert thaidocs.from_dict(letter).closing_text == "ขอแสดงความนับถือ"  # type: ignore[union-attr]
    grand = thaidocs.from_dict(with_changes(letter, salutation="กราบเรียน"))
    assert grand.closing_text == "ขอแสดงความนับถืออย่างยิ่ง"  # type: ignore[union-attr]


def test_relative_image_paths_resolve_next_to_the_input_file(tmp_path: Path) -> None:
    Image.new("RGB", (40, 20)).save(tmp_path / "sign.png")
    data = with_changes(ANNOUNCEMENT)
    data["signers"][0]["signature"] = "sign.png"
    source = tmp_path / "doc.json"
    source.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    doc = thaidocs.load(source)
    assert isinstance(doc, thaidocs.Announcement)
    assert doc.signers[0].signature == tmp_path / "sign.png"


# Malformed inputs: (data or file text, the paths every error must name)
BAD_INPUTS: list[tuple[str, Any, list[str]]] = [
    ("not a mapping", ["a", "list"], ["the document must be a mapping"]),
    ("type missing", with_changes(ANNOUNCEMENT, type=_DELETE), ["type: required"]),
    ("unknown type", with_changes(ANNOUNCEMENT, type="circular"), ["type: unknown"]),
    ("agency missing", with_changes(ANNOUNCEMENT, agency=_DELETE), ["agency: required"]),
    ("subject empty", with_changes(ANNOUNCEMENT, subject=""), ["subject:"]),
    ("unknown key", with_changes(ANNOUNCEMENT, subjet="x"), ["subjet: unknown key", "subject"]),
    ("unknown signer key", with_changes(ANNOUNCEMENT, signers__0__rank="x"), ["signers[0].rank"]),
    ("no signers", with_changes(ANNOUNCEMENT, signers=[]), ["signers:"]),
    (
        "signer name missing",
        with_changes(ANNOUNCEMENT, signers__0__name=_DELETE),
        ["signers[0].name: required"],
    ),
    (
        "position wrong type",
        with_changes(ANNOUNCEMENT, signers__0__position=5),
        ["signers[0].position"],
    ),
    ("impossible day", with_changes(ANNOUNCEMENT, date="๓๓๐ ตุลาคม ๒๕๖๗"), ["date:"]),
    ("30 February", with_changes(ANNOUNCEMENT, date="2024-02-30"), ["date:"]),
    ("date wrong type", with_changes(ANNOUNCEMENT, date=[2024]), ["date:"]),
    (
        "acting without principal",
        with_changes(ANNOUNCEMENT, signers__0__acting="รักษาราชการแทน"),
        ["signers[0].acting_for: required"],
    ),
    (
        "principal without acting",
        with_changes(ANNOUNCEMENT, signers__0__acting_for="อธิบดี"),
        ["signers[0].acting: required"],
    ),
    (
        "unknown acting phrase",
        with_changes(ANNOUNCEMENT, signers__0__acting="แทน", signers__0__acting_for="อธิบดี"),
        ["signers[0].acting", "รักษาราชการแทน"],
    ),
    (
        "missing image",
        with_changes(ANNOUNCEMENT, signers__0__signature="nowhere.png"),
        ["signers[0].signature: file not found"],
    ),
    (
        "missing emblem",
        with_changes(ANNOUNCEMENT, options={"emblem": "garuda.png"}),
        ["options.emblem: file not found"],
    ),
    (
        "acting pair with another error",
        with_changes(ANNOUNCEMENT, signers__0__name=_DELETE, signers__0__acting="รักษาราชการแทน"),
        ["signers[0].name: required", "signers[0].acting_for: required"],
    ),
    (
        "pdfa level unknown",
        with_changes(ANNOUNCEMENT, options={"pdfa": "1b"}),
        ["options.pdfa"],
    ),
    ("unknown digits", with_changes(ANNOUNCEMENT, options={"digits": "roman"}), ["options.digits"]),
    (
        "unknown spec field",
        with_changes(ANNOUNCEMENT, options={"spec": {"margin": 3}}),
        ["options.spec"],
    ),
    ("bad block", with_changes(ANNOUNCEMENT, body__1={"bullets": ["x"]}), ["body[1]: not a block"]),
    (
        "bad nested clause",
        with_changes(ANNOUNCEMENT, body__1={"clauses": ["a", {"txt": "b"}]}),
        ["body[1].clauses[1].txt", "body[1].clauses[1].text: required"],
    ),
    (
        "ragged table",
        with_changes(ANNOUNCEMENT, body__2={"table": {"columns": ["a", "b"], "rows": [["1"]]}}),
        ["body[2].table", "rows[0] has 1 cells"],
    ),
    ("order number zero", {**with_changes(ANNOUNCEMENT, type="order"), "number": 0}, ["number:"]),
    (
        "order number text",
        {**with_changes(ANNOUNCEMENT, type="order"), "number": "ห้า"},
        ["number:"],
    ),
    (
        "C.E. fiscal year",
        with_changes(PLAN, fiscal_year=2021),
        ["fiscal_year: fiscal year is B.E.; 2021 looks like C.E."],
    ),
    (
        "unknown level",
        with_changes(PLAN, activities__0__level="corroborate"),
        ["activities[0].level"],
    ),
    (
        "month 13",
        with_changes(PLAN, activities__0__months=[13]),
        ["activities[0].months: month '13' is not 1–12"],
    ),
    ("unknown month", with_changes(PLAN, activities__0__months=["ตุลา"]), ["activities[0].months"]),
    (
        "range past September",
        with_changes(PLAN, activities__0__months=["ก.ย.-ต.ค."]),
        ["activities[0].months", "past September"],
    ),
    ("negative budget", with_changes(PLAN, activities__0__budget=-5), ["activities[0].budget"]),
    (
        "bad salutation",
        {
            "type": "letter",
            "agency": "ก",
            "subject": "ข",
            "date": "2024-10-30",
            "number": "ศธ ๑/๒",
            "address": "ค",
            "to": "ง",
            "salutation": "ถึง",
            "signers": [{"name": "น", "position": "ต"}],
        },
        ["salutation"],
    ),
    (
        "letter missing keys",
        {
            "type": "letter",
            "agency": "ก",
            "subject": "ข",
            "date": "2024-10-30",
            "signers": [{"name": "น", "position": "ต"}],
        },
        ["number: required", "address: required", "to: required"],
    ),
    (
        "several errors at once",
        with_changes(
            ANNOUNCEMENT, agency=_DELETE, date="๓๑ กันยายน ๒๕๖๗", signers__0__acting="รักษาราชการแทน"
        ),
        ["agency: required", "date:", "signers[0].acting_for: required"],
    ),
]


@pytest.mark.parametrize(("label", "data", "expected"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_malformed_input_names_every_path(label: str, data: Any, expected: list[str]) -> None:
    with pytest.raises(InputError) as caught:
        thaidocs.from_dict(data)
    message = str(caught.value)
    for fragment in expected:
        assert fragment in message, f"{label}: {fragment!r} not in\n{message}"
    assert caught.value.problems


BAD_FILES: list[tuple[str, str, bytes, str]] = [
    (
        "yaml syntax",
        "doc.yaml",
        "type: announcement\nagency: [ไม่ปิด\nsubject: x\n".encode(),
        "line 3",
    ),
    ("yaml tab indent", "doc.yaml", b"type: announcement\n\tagency: x\n", "line 2"),
    ("json syntax", "doc.json", b'{"type": "announcement",\n "agency": }', "line 2"),
    ("toml syntax", "doc.toml", b'type = "announcement"\nagency = \n', "line 2"),
    ("wrong encoding", "doc.yaml", "type: announcement\nagency: กรม\n".encode("cp874"), "UTF-8"),
    ("unknown suffix", "doc.txt", b"type: announcement", "unknown file type"),
    ("yaml scalar", "doc.yaml", b"just text\n", "must be a mapping"),
]


@pytest.mark.parametrize(
    ("label", "name", "raw", "expected"), BAD_FILES, ids=[b[0] for b in BAD_FILES]
)
def test_malformed_files_are_input_errors(
    tmp_path: Path, label: str, name: str, raw: bytes, expected: str
) -> None:
    path = tmp_path / name
    path.write_bytes(raw)
    with pytest.raises(InputError) as caught:
        thaidocs.load(path)
    assert expected in str(caught.value), label
    assert str(path) in str(caught.value)


def test_missing_file_is_an_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="cannot read"):
        thaidocs.load(tmp_path / "absent.yaml")


def test_yaml_json_and_toml_give_the_same_model(tmp_path: Path) -> None:
    data = {k: v for k, v in ANNOUNCEMENT.items() if k != "body"}
    (tmp_path / "a.yaml").write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    (tmp_path / "a.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    toml = (
        'type = "announcement"\nagency = "{agency}"\nsubject = "{subject}"\ndate = 2024-10-30\n'
        '[[signers]]\nname = "{name}"\nposition = "{position}"\n'
    ).format(**data, **data["signers"][0])
    (tmp_path / "a.toml").write_text(toml, encoding="utf-8")
    models = [thaidocs.load(tmp_path / f"a.{suffix}") for suffix in ("yaml", "json", "toml")]
    assert models[0] == models[1] == models[2]


def test_json_schema_is_valid_and_accepts_every_sample() -> None:
    schema = thaidocs.json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    samples = sorted(SAMPLES.glob("*.yaml"))
    assert len(samples) >= 5
    for sample in samples:
        data = yaml.safe_load(sample.read_text(encoding="utf-8"))
        data = json.loads(json.dumps(data, default=str, ensure_ascii=False))
        errors = [e.message for e in validator.iter_errors(data)]
        assert not errors, f"{sample.name}: {errors}"
        thaidocs.load(sample)


def test_json_schema_rejects_what_the_model_rejects() -> None:
    validator = jsonschema.Draft202012Validator(thaidocs.json_schema())
    bad = with_changes(ANNOUNCEMENT, subjet="x", date="2024-10-30")
    assert list(validator.iter_errors(bad))
    assert list(validator.iter_errors(with_changes(PLAN, activities__0__level="corroborate")))

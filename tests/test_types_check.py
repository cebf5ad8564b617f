"""check() on the further forms: the rules their layouts imply, each with its field path."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import thaidocs
from thaidocs.model.convert import to_data

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def data(name: str) -> dict[str, Any]:
    loaded = thaidocs.load(SAMPLES / f"{name}.yaml")
    dumped: dict[str, Any] = to_data(loaded)
    return dumped


def codes(doc: dict[str, Any]) -> list[tuple[str, str, str, str | None]]:
    return [
        (f.code, f.level, f.path, f.suggestion)
        for f in thaidocs.check(thaidocs.from_dict(doc))
        if f.code.startswith(("rules.", "release.", "minutes.", "letter.", "signer.", "date."))
    ]


def test_the_new_samples_are_clean() -> None:
    for name in ("regulation", "bylaw", "statement", "news", "stamped", "certificate", "minutes"):
        assert codes(data(name)) == [], name


def test_regulation_typed_numbers_print_twice() -> None:
    doc = data("regulation")
    doc["chapters"][0]["heading"] = "หมวด ๑ บททั่วไป"
    doc["chapters"][1]["clauses"][0] = "ข้อ ๔ ให้กลุ่มนโยบายและแผนจัดทำแผน"
    doc["chapters"][1]["clauses"][1]["clauses"][0] = "(1) กิจกรรม"
    found = codes(doc)
    assert ("rules.chapter-number", "warning", "chapters[0].heading", "") in found
    assert ("rules.number-typed", "warning", "chapters[1].clauses[0]", "") in found
    assert ("rules.number-typed", "warning", "chapters[1].clauses[1].clauses[0]", "") in found
    finding = next(
        f for f in thaidocs.check(thaidocs.from_dict(doc)) if f.path == "chapters[1].clauses[0]"
    )
    assert finding.span == "ข้อ ๔ " and finding.start == 0


def test_regulation_reference_past_the_last_clause_counts_across_chapters() -> None:
    doc = data("regulation")
    doc["chapters"][1]["clauses"][2] = "รายงานตามข้อ ๕ และข้อ ๗ ภายในสามสิบวัน"  # 7 clauses in all
    assert not [c for c in codes(doc) if c[0] == "rules.reference"]
    doc["chapters"][1]["clauses"][2] = "รายงานตามข้อ ๘ ภายในสามสิบวัน"
    assert ("rules.reference", "warning", "chapters[1].clauses[2]", None) in codes(doc)


def test_regulation_year_other_than_the_dates() -> None:
    doc = data("bylaw") | {"year": 2568}
    assert ("rules.year", "warning", "year", None) in codes(doc)


def test_statement_and_news_are_not_signed() -> None:
    for name in ("statement", "news"):
        doc = data(name)
        doc["body"] += ["(นายวันศักดิ์ คำแหง)"]
        found = codes(doc)
        assert ("release.signed", "warning", f"body[{len(doc['body']) - 1}]", None) in found


def test_minutes_close_after_they_open_and_list_each_person_once() -> None:
    doc = data("minutes") | {"opened": "13.00", "closed": "12.00"}
    doc["absent"][0]["name"] = doc["present"][0]["name"]
    doc["agenda"][0]["title"] = "ระเบียบวาระที่ ๑ เรื่องแจ้งเพื่อทราบ"
    found = codes(doc)
    assert ("minutes.times", "error", "closed", None) in found
    assert ("minutes.attendance", "warning", "absent[0].name", None) in found
    assert ("minutes.agenda-number", "warning", "agenda[0].title", "") in found
    same = data("minutes") | {"opened": "09.00", "closed": "09.00"}
    assert ("minutes.times", "error", "closed", None) in codes(same)


def test_stamped_and_certificate_numbers_and_minutes_signers_are_checked() -> None:
    assert ("letter.number", "warning", "number", "ศธ ๐๔๒๔๗/๑๕๘") in codes(
        data("stamped") | {"number": "ที่ ศธ.๐๔๒๔๗/๑๕๘"}
    )
    assert any(c[0] == "letter.number" for c in codes(data("certificate") | {"number": "๒๑๐"}))
    minutes = data("minutes")
    minutes["checker"]["name"] = "(นางจันทร์เพ็ญ รุ่งเรืองศรี)"
    assert ("signer.name-parentheses", "warning", "checker.name", "นางจันทร์เพ็ญ รุ่งเรืองศรี") in codes(
        minutes
    )


def test_signing_line_typed_into_a_certificate_body() -> None:
    doc = data("certificate")
    doc["body"] += ["ให้ไว้ ณ วันที่ ๙ ธันวาคม พ.ศ. ๒๕๖๗"]
    assert any(c[0] == "date.signing-line" for c in codes(doc))

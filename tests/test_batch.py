"""Many documents at once: mail merge over CSV/XLSX/JSON Lines and rendering on executors."""

from __future__ import annotations

import csv
import datetime as dt
import json
import os
import random
import subprocess
from pathlib import Path
from typing import Any

import pytest
from conftest import require_tool
from hypothesis import given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.batch import read_records, safe_stem

FIRST = ["สมชาย", "สมหญิง", "ประเสริฐ", "วิไลวรรณ", "ณัฐพงศ์", "กนกพร", "ธีรวัฒน์", "พิมพ์ชนก"]
LAST = ["ใจดี", "ศรีสวัสดิ์", "วงศ์ใหญ่", "แก้วมณี", "พงษ์ไพบูลย์", "บุญเรือง", "ทองคำ"]
SCHOOLS = ["เบญจมเทพอุทิศ", "พรหมานุสรณ์", "คงคาราม", "ท่ายางวิทยา", "ชะอำคุณาธาร"]
TITLES = ["นาย", "นางสาว", "นาง"]

TEMPLATE: dict[str, Any] = {
    "type": "letter",
    "number": "ศธ ๐๔๒๔๗/{{ no | thai_digits }}",
    "agency": "สำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี",
    "address": ["ถนนราชดำเนิน ตำบลคลองกระแชง", "อำเภอเมืองเพชรบุรี จังหวัดเพชรบุรี ๗๖๐๐๐"],
    "date": "{{ date }}",
    "subject": "แจ้งผลการจัดสรรงบประมาณ",
    "to": "ผู้อำนวยการโรงเรียน{{ school }}",
    "body": [
        "ตามที่โรงเรียน{{ school }} ได้เสนอโครงการ นั้น ได้รับจัดสรรงบประมาณ จำนวน "
        "{{ amount | number(decimals=2) }} บาท ({{ amount | baht_text }})",
        "จึงเรียนมาเพื่อโปรดทราบ",
    ],
    "signers": [{"name": "{{ signer }}", "position": "ผู้อำนวยการโรงเรียน{{ school }}"}],
}


def records(count: int, seed: int = 7) -> list[dict[str, Any]]:
    """Letters with Thai names, amounts with satang and dates across a year, ISO or Thai."""
    pick = random.Random(seed)
    out = []
    for number in range(1, count + 1):
        day = dt.date(2024, 10, 1) + dt.timedelta(days=pick.randrange(365))
        out.append(
            {
                "no": str(number),
                "date": day,
                "school": pick.choice(SCHOOLS),
                "amount": f"{pick.randrange(1000, 500000)}.{pick.choice(['00', '50', '25'])}",
                "signer": f"{pick.choice(TITLES)}{pick.choice(FIRST)} {pick.choice(LAST)}",
            }
        )
    return out


def write_csv(path: Path, rows: list[dict[str, Any]], bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return path


def write_xlsx(path: Path, rows: list[dict[str, Any]]) -> Path:
    """As Excel saves it: real dates, and numbers as numbers (whole ones as floats)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(list(rows[0]))
    for row in rows:
        values: list[Any] = []
        for key, value in row.items():
            if isinstance(value, dt.date):
                values.append(dt.datetime.combine(value, dt.time()))
            elif key in {"no", "amount"}:
                values.append(float(value))
            else:
                values.append(value)
        sheet.append(values)
    book.save(path)
    return path


def write_template(path: Path, template: dict[str, Any] = TEMPLATE) -> Path:
    path.write_text(json.dumps(template, ensure_ascii=False), encoding="utf-8")
    return path


def pdftotext(path: Path) -> str:
    command = [require_tool("pdftotext"), "-layout", str(path), "-"]
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


# merge


def test_merge_fills_every_string_and_the_letter_reads_as_filled(tmp_path: Path) -> None:
    row = {
        "no": "12",
        "date": "2024-11-12",
        "school": "คงคาราม",
        "amount": "1500.50",
        "signer": "นายสมชาย ใจดี",
    }
    [doc] = thaidocs.merge(TEMPLATE, [row])
    assert isinstance(doc, thaidocs.Letter)
    assert doc.number == "ศธ ๐๔๒๔๗/๑๒"
    assert doc.date == dt.date(2024, 11, 12)
    assert doc.signers[0].name == "นายสมชาย ใจดี"
    assert doc.signers[0].position == ["ผู้อำนวยการโรงเรียนคงคาราม"]
    pdf = thaidocs.render(doc, tmp_path / "letter.pdf")
    text = " ".join(pdftotext(pdf).split())
    assert "จำนวน ๑,๕๐๐.๕๐ บาท (หนึ่งพันห้าร้อยบาทห้าสิบสตางค์)" in text
    assert "ผู้อำนวยการโรงเรียนคงคาราม" in text
    assert "{{" not in text


def test_a_field_holding_a_list_fills_a_whole_block_list_and_lists_inside() -> None:
    template = {
        "type": "order",
        "number": "{{ number }}",
        "agency": "โรงเรียนคงคาราม",
        "subject": "แต่งตั้งคณะกรรมการ{{ job }}",
        "date": "{{ date }}",
        "body": "{{ body }}",
        "signers": [{"name": "{{ head }}", "position": "ผู้อำนวยการโรงเรียนคงคาราม"}],
    }
    body = ["เพื่อให้การดำเนินงานเป็นไปด้วยความเรียบร้อย", {"clauses": ["นายก ข", "นางค ง"]}]
    record = {"number": 7, "job": "สอบ", "date": "๑ ธันวาคม ๒๕๖๗", "body": body, "head": "นายจ"}
    [doc] = thaidocs.merge(template, [record])
    assert isinstance(doc, thaidocs.Order)
    assert doc.number == 7
    assert doc.date == dt.date(2024, 12, 1)
    assert len(doc.body) == 2
    assert [c if isinstance(c, str) else c.text for c in doc.body[1].clauses] == [  # type: ignore[union-attr]
        "นายก ข",
        "นางค ง",
    ]


def test_an_empty_field_leaves_an_optional_key_out() -> None:
    template = dict(TEMPLATE, fax="{{ fax }}")
    row = {**records(1)[0], "fax": ""}
    [doc] = thaidocs.merge(template, [row])
    assert isinstance(doc, thaidocs.Letter)
    assert doc.fax is None


def test_bad_records_give_errors_naming_row_and_field_and_the_rest_go_on() -> None:
    rows: list[dict[str, Any]] = records(4)
    rows[1]["date"] = "๓๑ กุมภาพันธ์ ๒๕๖๘"
    del rows[2]["signer"]
    results = list(thaidocs.merge(TEMPLATE, rows))
    assert [type(r).__name__ for r in results] == ["Letter", "RecordError", "RecordError", "Letter"]
    bad_date, missing = results[1], results[2]
    assert isinstance(bad_date, thaidocs.RecordError)
    assert isinstance(missing, thaidocs.RecordError)
    assert bad_date.row == 2
    assert [p.path for p in bad_date.problems] == ["date"]
    assert "'date'" in bad_date.problems[0].message
    assert missing.row == 3
    assert [(p.path, p.message) for p in missing.problems] == [
        ("signers[0].name", "the record has no field 'signer'")
    ]
    assert str(missing).startswith("row 3: ")


def test_template_cannot_reach_python_internals() -> None:
    template = dict(TEMPLATE, subject="{{ school.__class__.__mro__[1].__subclasses__() }}")
    [result] = thaidocs.merge(template, records(1))
    assert isinstance(result, thaidocs.RecordError)
    assert result.problems[0].path == "subject"
    assert result.problems[0].message.startswith("template: ")


def test_template_syntax_error_is_named_before_any_record(tmp_path: Path) -> None:
    path = write_template(tmp_path / "letter.json", dict(TEMPLATE, subject="{{ school "))
    with pytest.raises(thaidocs.InputError) as caught:
        thaidocs.merge(path, records(1))
    assert caught.value.source == str(path)
    assert caught.value.problems[0].path == "subject"


def test_template_paths_resolve_next_to_the_template(tmp_path: Path) -> None:
    template = dict(TEMPLATE, signers=[dict(TEMPLATE["signers"][0], signature="nothere.png")])
    [result] = thaidocs.merge(write_template(tmp_path / "t.json", template), records(1))
    assert isinstance(result, thaidocs.RecordError)
    assert str(tmp_path / "nothere.png") in result.problems[0].message


# records


def test_csv_with_and_without_bom_and_jsonl_read_the_same(tmp_path: Path) -> None:
    rows = records(3)
    plain = list(read_records(write_csv(tmp_path / "a.csv", rows, bom=False)))
    bom = list(read_records(write_csv(tmp_path / "b.csv", rows, bom=True)))
    jsonl = tmp_path / "c.jsonl"
    lines = [json.dumps({**r, "date": r["date"].isoformat()}, ensure_ascii=False) for r in rows]
    jsonl.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert plain == bom == list(read_records(jsonl))
    assert [r.row for r in plain] == [1, 2, 3]
    assert plain[0].fields["signer"] == rows[0]["signer"]


def test_xlsx_values_are_normalised(tmp_path: Path) -> None:
    [record] = read_records(write_xlsx(tmp_path / "r.xlsx", records(1)))
    assert record.fields["no"] == "1"
    assert record.fields["amount"].count(".") <= 1
    assert not record.fields["amount"].endswith(".0")
    assert record.fields["date"] == records(1)[0]["date"]


def test_rows_count_from_the_first_data_row_blank_rows_included(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_text("school,amount\nก,1\n,\nข,2\n", encoding="utf-8")
    assert [(r.row, r.fields["school"]) for r in read_records(path)] == [(1, "ก"), (3, "ข")]
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text('{"school": "ก"}\n\nnot json\n[1]\n', encoding="utf-8")
    found = list(read_records(jsonl))
    assert [(r.row, r.problem is None) for r in found] == [(1, True), (3, False), (4, False)]


def test_unreadable_records_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    path.write_bytes("school\nโรงเรียน\n".encode("cp874"))
    with pytest.raises(thaidocs.InputError, match="not UTF-8"):
        list(read_records(path))
    with pytest.raises(thaidocs.InputError, match="unknown records file type"):
        list(read_records(tmp_path / "r.ods"))


# render_many


def test_render_many_keeps_input_order_and_goes_on_past_errors(tmp_path: Path) -> None:
    rows: list[dict[str, Any]] = records(5)
    rows[2]["date"] = "not a date"
    docs = list(thaidocs.merge(TEMPLATE, rows))
    results = thaidocs.render_many(docs, tmp_path, formats=("pdf", "docx"), workers=2)
    assert len(results) == 5
    assert isinstance(results[2], thaidocs.RecordError)
    for number in (1, 2, 4, 5):
        pdf, docx = results[number - 1]  # type: ignore[misc]
        assert (pdf.name, docx.name) == (f"{number}.pdf", f"{number}.docx")
        assert pdf.read_bytes() == thaidocs.to_pdf(docs[number - 1])  # type: ignore[arg-type]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(
        f"{n}.{kind}" for n in (1, 2, 4, 5) for kind in ("pdf", "docx")
    )


def test_names_from_the_record_are_safe_and_never_overwrite(tmp_path: Path) -> None:
    rows = records(4)
    for row in rows:
        row["school"] = "คงคาราม/ม.ปลาย"
    results = thaidocs.render_many(thaidocs.merge(TEMPLATE, rows), tmp_path, name="{school}")
    names = [r.name for r in results if isinstance(r, Path)]
    assert names == [
        "คงคาราม-ม.ปลาย.pdf",
        "คงคาราม-ม.ปลาย-2.pdf",
        "คงคาราม-ม.ปลาย-3.pdf",
        "คงคาราม-ม.ปลาย-4.pdf",
    ]
    by_number = thaidocs.render_many(
        thaidocs.merge(TEMPLATE, rows[:1]), tmp_path / "n", name="{number}"
    )
    assert [r.name for r in by_number] == ["ศธ ๐๔๒๔๗-๑.pdf"]  # type: ignore[union-attr]

    def subject(doc: thaidocs.Document) -> str:
        assert isinstance(doc, thaidocs.Letter)
        return doc.subject

    called = thaidocs.render_many(thaidocs.merge(TEMPLATE, rows[:1]), tmp_path / "c", name=subject)
    assert [r.name for r in called] == ["แจ้งผลการจัดสรรงบประมาณ.pdf"]  # type: ignore[union-attr]


def test_a_name_naming_a_missing_field_fails_that_document_only(tmp_path: Path) -> None:
    results = thaidocs.render_many(thaidocs.merge(TEMPLATE, records(2)), tmp_path, name="{nothing}")
    assert all(isinstance(r, thaidocs.InputError) for r in results)
    assert "'nothing'" in str(results[0])


def test_resume_keeps_existing_outputs(tmp_path: Path) -> None:
    docs = list(thaidocs.merge(TEMPLATE, records(3)))
    first = thaidocs.render_many(docs, tmp_path)
    (tmp_path / "2.pdf").unlink()
    before = {p.name: p.stat().st_mtime_ns for p in tmp_path.iterdir()}
    os.utime(tmp_path / "1.pdf", ns=(1, 1))
    second = thaidocs.render_many(docs, tmp_path, resume=True)
    assert second == first
    assert (tmp_path / "1.pdf").stat().st_mtime_ns == 1  # not written again
    assert (tmp_path / "2.pdf").read_bytes() == thaidocs.to_pdf(docs[1])  # type: ignore[arg-type]
    assert set(before) == {"1.pdf", "3.pdf"}


def test_render_many_takes_dicts_and_paths_too(tmp_path: Path) -> None:
    sample = Path(__file__).resolve().parents[1] / "samples" / "letter.yaml"
    results = thaidocs.render_many([sample, {"type": "letter"}], tmp_path, executor=_inline())
    assert results[0] == tmp_path / "1.pdf"
    assert isinstance(results[1], thaidocs.InputError)
    with pytest.raises(ValueError, match="formats"):
        thaidocs.render_many([], tmp_path, formats=("odt",))


def test_csv_and_xlsx_give_the_same_bytes(tmp_path: Path) -> None:
    rows = records(6, seed=11)
    from_csv = thaidocs.render_many(
        thaidocs.merge(TEMPLATE, write_csv(tmp_path / "r.csv", rows)), tmp_path / "csv"
    )
    from_xlsx = thaidocs.render_many(
        thaidocs.merge(TEMPLATE, write_xlsx(tmp_path / "r.xlsx", rows)), tmp_path / "xlsx"
    )
    assert len(from_csv) == len(from_xlsx) == 6
    for a, b in zip(from_csv, from_xlsx, strict=True):
        assert isinstance(a, Path) and isinstance(b, Path)
        assert a.read_bytes() == b.read_bytes()


def test_a_dask_cluster_writes_the_same_bytes_as_the_process_pool(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    docs = list(thaidocs.merge(TEMPLATE, records(8, seed=3)))
    pool = thaidocs.render_many(docs, tmp_path / "pool", formats=("pdf", "docx"))
    with (
        distributed.LocalCluster(
            n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
        ) as cluster,
        distributed.Client(cluster) as client,
    ):
        on_dask = thaidocs.render_many(
            docs, tmp_path / "dask", formats=("pdf", "docx"), executor=client.get_executor()
        )
    assert [_names(r) for r in on_dask] == [_names(r) for r in pool]
    for a, b in zip(pool, on_dask, strict=True):
        assert isinstance(a, tuple) and isinstance(b, tuple)
        assert [p.read_bytes() for p in a] == [p.read_bytes() for p in b]


def _names(result: thaidocs.batch.Result) -> list[str]:
    assert isinstance(result, tuple)
    return [path.name for path in result]


def _inline() -> Any:
    from concurrent.futures import ThreadPoolExecutor

    return ThreadPoolExecutor(1)


@settings(max_examples=300, deadline=None)
@given(st.text(min_size=1, max_size=120))
def test_safe_stems_make_files_anywhere(
    tmp_path_factory: pytest.TempPathFactory, text: str
) -> None:
    stem = safe_stem(text)
    assert not set(stem) & set('<>:"/\\|?*')
    assert all(ord(ch) >= 32 and ord(ch) != 127 for ch in stem)
    assert len(stem.encode()) <= 200
    assert stem == stem.strip(" .")
    if stem:
        folder = tmp_path_factory.mktemp("stem")
        (folder / f"{stem}.docx").write_bytes(b"")
        assert [p.name for p in folder.iterdir()] == [f"{stem}.docx"]


def test_the_mail_merge_page_example_fills_every_school() -> None:
    folder = Path(__file__).resolve().parents[1] / "samples" / "merge"
    docs = list(thaidocs.merge(folder / "letter.yaml", folder / "schools.csv"))
    assert all(isinstance(doc, thaidocs.Letter) for doc in docs)
    assert [doc.to for doc in docs] == [  # type: ignore[union-attr]
        "ผู้อำนวยการโรงเรียนเบญจมเทพอุทิศ",
        "ผู้อำนวยการโรงเรียนพรหมานุสรณ์",
        "ผู้อำนวยการโรงเรียนคงคาราม",
    ]
    assert {doc.date for doc in docs} == {dt.date(2024, 11, 12)}  # type: ignore[union-attr]
    assert docs[1].email is None  # type: ignore[union-attr]

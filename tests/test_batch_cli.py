"""`thaidocs merge` as a user meets it: a spreadsheet in, a folder of letters and errors.csv out."""

from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_batch import TEMPLATE, records, write_csv, write_template, write_xlsx

import thaidocs
from thaidocs.cli import app

ROOT = Path(__file__).resolve().parents[1]
runner = CliRunner()
#: rows 1-based as errors.csv counts them: a bad date, a missing field, an unknown type
BAD_DATE, MISSING, UNKNOWN_TYPE = 17, 88, 150


def two_hundred_with_three_bad() -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = []
    for row in records(200):
        signer = row.pop("signer")
        rows.append(dict(row, kind="letter", signer=signer))  # signer last: a row can lack it
    rows[BAD_DATE - 1]["date"] = "๓๐ กุมภาพันธ์ ๒๕๖๘"
    del rows[MISSING - 1]["signer"]
    rows[UNKNOWN_TYPE - 1]["kind"] = "letterr"
    return rows


def read_errors(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle))


def test_two_hundred_records_three_bad_rows(tmp_path: Path) -> None:
    template = write_template(tmp_path / "letter.json", dict(TEMPLATE, type="{{ kind }}"))
    rows = two_hundred_with_three_bad()
    data = tmp_path / "schools.csv"
    with data.open("w", encoding="utf-8-sig", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(list(rows[0]))
        writer.writerows([row[key] for key in rows[0] if key in row] for row in rows)
    assert data.read_text(encoding="utf-8-sig").splitlines()[MISSING].count(",") == 4
    out = tmp_path / "out"
    args = ["merge", str(template), str(data), "--out", str(out), "--name", "{row:03d}-{school}"]
    result = runner.invoke(app, [*args, "--workers", "2", "--progress"])
    assert result.exit_code == 1, result.output
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == 197
    assert not [p for p in out.iterdir() if p.suffix not in {".pdf", ".csv"}]
    assert pdfs[0].name == f"001-{rows[0]['school']}.pdf"
    errors = read_errors(out / "errors.csv")
    assert [(e["row"], e["field"]) for e in errors] == [
        (str(BAD_DATE), "date"),
        (str(MISSING), "signers[0].name"),
        (str(UNKNOWN_TYPE), "type"),
    ]
    assert "'signer'" in errors[1]["message"]
    assert "'letterr'" in errors[2]["message"]
    assert "200/200" in result.stdout  # the progress bar ran to the end
    assert "197 of 200 records written" in result.output
    assert f"row {BAD_DATE}: date: " in result.output


def test_csv_xlsx_and_jsonl_count_rows_alike(tmp_path: Path) -> None:
    template = dict(TEMPLATE, type="{{ kind }}")
    rows = two_hundred_with_three_bad()
    full = [dict(r, signer=r.get("signer", "")) for r in rows]  # a spreadsheet has every cell
    jsonl = tmp_path / "r.jsonl"
    jsonl.write_text(
        "".join(json.dumps(r, ensure_ascii=False, default=str) + "\n" for r in rows), "utf-8"
    )
    sources = [write_csv(tmp_path / "r.csv", full), write_xlsx(tmp_path / "r.xlsx", full), jsonl]
    for source in sources:
        failed = [r for r in thaidocs.merge(template, source) if isinstance(r, Exception)]
        assert [e.row for e in failed] == [BAD_DATE, MISSING, UNKNOWN_TYPE], source


def test_a_clean_run_exits_0_and_removes_old_errors(tmp_path: Path) -> None:
    template = write_template(tmp_path / "letter.json")
    out = tmp_path / "out"
    out.mkdir()
    (out / "errors.csv").write_text("row,field,message\n1,date,old\n", encoding="utf-8")
    data = write_csv(tmp_path / "r.csv", records(3))
    args = ["merge", str(template), str(data), "--out", str(out), "-f", "both"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == [
        "1.docx",
        "1.pdf",
        "2.docx",
        "2.pdf",
        "3.docx",
        "3.pdf",
    ]
    assert "3 of 3 records written" in result.stdout


def test_a_broken_template_or_records_file_is_named(tmp_path: Path) -> None:
    template = write_template(tmp_path / "letter.json", dict(TEMPLATE, to="{% if %}"))
    data = write_csv(tmp_path / "r.csv", records(1))
    result = runner.invoke(app, ["merge", str(template), str(data), "--out", str(tmp_path)])
    assert result.exit_code == 1
    assert f"{template}: error: to: template: " in result.output
    result = runner.invoke(
        app, ["merge", str(write_template(tmp_path / "ok.json")), "nothere.csv", "-o", "x"]
    )
    assert result.exit_code == 1
    assert "nothere.csv: error: (document): file not found" in result.output


def _as_in_a_terminal() -> None:
    """Ctrl-C as a command run from a terminal has it. A shell starts a background job with
    SIGINT ignored, and the job's children inherit that: a test run in the background would
    otherwise start a command that ignores the signal, as it rightly should there."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.mark.parametrize("how", ["ctrl-c", "sigterm"])
def test_killing_the_command_leaves_no_partial_file_and_resume_goes_on(
    tmp_path: Path, how: str
) -> None:
    template = write_template(tmp_path / "letter.json")
    data = write_csv(tmp_path / "r.csv", records(120))
    out = tmp_path / "out"
    command = [sys.executable, "-m", "thaidocs", "merge", str(template), str(data), "-o", str(out)]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [*command, "--workers", "2"],
        env=env,
        start_new_session=True,
        preexec_fn=_as_in_a_terminal,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120
    while len(list(out.glob("*.pdf"))) < 30 and time.monotonic() < deadline:
        time.sleep(0.05)
    if how == "ctrl-c":  # a terminal sends SIGINT to the whole process group
        os.killpg(process.pid, signal.SIGINT)
    else:
        process.send_signal(signal.SIGTERM)
    _, stderr = process.communicate(timeout=120)
    said = stderr.decode(errors="replace")
    assert process.returncode != 0, said
    written = sorted(out.glob("*.pdf"))
    assert 30 <= len(written) < 120, f"not stopped in the middle: {len(written)} written; {said}"
    leftovers = [p.name for p in out.iterdir() if p.suffix != ".pdf"]
    assert leftovers == [], said  # no temporary files
    expected = list(thaidocs.merge(TEMPLATE, records(120)))
    for path in written:
        assert path.read_bytes() == thaidocs.to_pdf(expected[int(path.stem) - 1])  # type: ignore[arg-type]
    assert "--resume" in said
    before = {p.name: p.stat().st_mtime_ns for p in written}
    done = subprocess.run([*command, "--resume"], env=env, capture_output=True, check=False)
    assert done.returncode == 0, done.stderr
    assert len(list(out.glob("*.pdf"))) == 120
    assert {p.name: p.stat().st_mtime_ns for p in written} == before


def test_merge_signs_every_letter(tmp_path: Path) -> None:
    from signing_pki import PASSWORD, make_pki

    pki = make_pki(tmp_path / "pki")
    template = write_template(tmp_path / "letter.json")
    data = write_csv(tmp_path / "r.csv", records(3))
    out = tmp_path / "out"
    key = str(pki.files["signer-1.p12"])
    args = ["merge", str(template), str(data), "-o", str(out), "--sign", key, "--workers", "2"]
    result = runner.invoke(app, args, env={"THAIDOCS_KEY_PASSWORD": PASSWORD})
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output
    for number in (1, 2, 3):
        [report] = thaidocs.verify(out / f"{number}.pdf", trust=[pki.files["root.pem"]])
        assert report.ok and report.field == "signer-1"
    wrong = runner.invoke(app, args, env={"THAIDOCS_KEY_PASSWORD": PASSWORD + "x"})
    assert wrong.exit_code == 1
    assert "Traceback" not in wrong.output and PASSWORD not in wrong.output

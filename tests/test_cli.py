"""The command line as a user meets it: files written, mistakes named, batches that survive."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner

from thaidocs import __version__
from thaidocs.cli import app

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
ANNOUNCEMENT = ROOT / "samples" / "announcement.yaml"

runner = CliRunner()


def _broken(tmp_path: Path, name: str = "broken.yaml") -> Path:
    """The seed announcement without subject, with a nameless signer and an acting phrase alone."""
    data = yaml.safe_load(ANNOUNCEMENT.read_text(encoding="utf-8"))
    del data["subject"]
    data["signers"] = [
        {"position": "ผู้อำนวยการ"},
        {"name": "นายสมชาย ใจดี", "position": "รองผู้อำนวยการ", "acting": "รักษาราชการแทน"},
    ]
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def test_version() -> None:
    result = runner.invoke(app, ["--version"])
    assert result.exit_code == 0
    assert result.stdout.strip() == f"thaidocs {__version__}"


def test_render_writes_both_formats_named_after_the_input(tmp_path: Path) -> None:
    result = runner.invoke(app, ["render", str(ANNOUNCEMENT), "--out", str(tmp_path / "out")])
    assert result.exit_code == 0, result.output
    pdf = tmp_path / "out" / "announcement.pdf"
    docx = tmp_path / "out" / "announcement.docx"
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert docx.read_bytes().startswith(b"PK")  # a .docx is a zip package
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [docx.name, pdf.name]
    assert f"wrote {pdf}" in result.stdout


def test_render_one_format_next_to_the_input_by_default(tmp_path: Path) -> None:
    source = tmp_path / "ประกาศ.yaml"
    shutil.copy(ANNOUNCEMENT, source)
    result = runner.invoke(app, ["render", str(source), "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ประกาศ.pdf", "ประกาศ.yaml"]


def test_validate_names_every_broken_field_without_traceback(tmp_path: Path) -> None:
    broken = _broken(tmp_path)
    # a real process: what the user sees, with nothing caught by a test harness
    done = subprocess.run(
        [sys.executable, "-m", "thaidocs", "validate", str(broken)],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        check=False,
    )
    assert done.returncode == 1
    output = done.stdout + done.stderr
    assert "Traceback" not in output
    for field in ("subject: required", "signers[0].name: required", "signers[1].acting_for"):
        assert f"{broken}: error: {field}" in output


def test_validate_accepts_every_sample() -> None:
    result = runner.invoke(app, ["validate", *map(str, SAMPLES)])
    assert result.exit_code == 0, result.output
    assert ": error:" not in result.output
    for sample in SAMPLES:
        assert str(sample) in result.output


def test_validate_reports_a_missing_file(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.yaml"
    result = runner.invoke(app, ["validate", str(missing)])
    assert result.exit_code == 1
    assert f"{missing}: error:" in result.output
    assert "cannot read" in result.output


def test_schema_is_json_that_accepts_the_samples() -> None:
    result = runner.invoke(app, ["schema"])
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    for sample in SAMPLES:
        data = yaml.safe_load(sample.read_text(encoding="utf-8"))
        data["date"] = str(data["date"])  # YAML reads a date; JSON carries it as text
        assert not list(validator.iter_errors(data)), sample.name


def test_batch_of_twenty_survives_one_bad_file_and_shows_progress(tmp_path: Path) -> None:
    inputs = []
    for i in range(19):
        copy = tmp_path / f"doc{i:02d}.yaml"
        shutil.copy(ANNOUNCEMENT, copy)
        inputs.append(copy)
    inputs.insert(7, _broken(tmp_path, "doc-bad.yaml"))
    out = tmp_path / "out"
    result = runner.invoke(
        app, ["render", *map(str, inputs), "--out", str(out), "--format", "pdf", "--progress"]
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert sorted(p.name for p in out.iterdir()) == [f"doc{i:02d}.pdf" for i in range(19)]
    assert f"{inputs[7]}: error: signers[0].name: required" in result.stderr
    assert "1 of 20 file(s) failed" in result.stderr
    assert "20/20" in result.stdout  # the bar reached the end
    assert "wrote" not in result.stdout  # the bar replaces the per-file lines


def test_no_progress_bar_when_output_is_not_a_terminal(tmp_path: Path) -> None:
    inputs = []
    for name in ("a", "b"):
        shutil.copy(ANNOUNCEMENT, tmp_path / f"{name}.yaml")
        inputs.append(str(tmp_path / f"{name}.yaml"))
    result = runner.invoke(app, ["render", *inputs, "--format", "pdf"])
    assert result.exit_code == 0, result.output
    assert "2/2" not in result.stdout
    assert result.stdout.count("wrote ") == 2


def test_two_inputs_with_one_name_do_not_overwrite_each_other(tmp_path: Path) -> None:
    for folder in ("a", "b"):
        (tmp_path / folder).mkdir()
        shutil.copy(ANNOUNCEMENT, tmp_path / folder / "same.yaml")
    out = tmp_path / "out"
    args = ["render", str(tmp_path / "a" / "same.yaml"), str(tmp_path / "b" / "same.yaml")]
    result = runner.invoke(app, [*args, "--out", str(out), "--format", "pdf"])
    assert result.exit_code == 1
    assert "is already written from" in result.stderr
    assert [p.name for p in out.iterdir()] == ["same.pdf"]


def test_unwritable_output_is_reported_not_raised(tmp_path: Path) -> None:
    blocker = tmp_path / "out"
    blocker.write_text("a file where the output folder should be", encoding="utf-8")
    result = runner.invoke(app, ["render", str(ANNOUNCEMENT), "--out", str(blocker)])
    assert result.exit_code == 1
    assert f"{ANNOUNCEMENT}: error: cannot write the output" in result.stderr
    assert isinstance(result.exception, SystemExit)


@pytest.mark.parametrize("args", [["render"], ["render", "x.yaml", "--format", "odt"]])
def test_usage_mistakes_exit_with_usage_status(args: list[str]) -> None:
    result = runner.invoke(app, args)
    assert result.exit_code == 2
    assert "Traceback" not in result.output

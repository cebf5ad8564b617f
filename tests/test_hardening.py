"""Hostile and careless input: each ends in a complete document or an InputError naming the field.

Every case is made here, at test time, in a temporary folder: the failing input, then what
the user sees instead of a traceback.
"""

from __future__ import annotations

import copy
import io
import json
import os
import subprocess
import sys
import time
from concurrent.futures import Executor, Future
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import CliRunner
from extracted import pdftotext
from PIL import Image
from pngs import png_bytes

import thaidocs
from thaidocs import InputError
from thaidocs.cli import app

ROOT = Path(__file__).resolve().parents[1]

BASE: dict[str, Any] = {
    "type": "announcement",
    "agency": "กรมการปกครอง",
    "subject": "การจัดงานวันสำคัญ",
    "date": "2024-10-30",
    "body": ["ข้อความ"],
    "signers": [{"name": "นายสมชาย ใจดี", "position": "อธิบดีกรมการปกครอง"}],
}
PLAN: dict[str, Any] = {
    "type": "plan",
    "agency": "กรมการปกครอง",
    "title": "แผนการมีส่วนร่วม",
    "fiscal_year": 2567,
    "signers": BASE["signers"],
    "activities": [{"name": "ประชุม", "level": "inform", "months": ["ต.ค."]}],
}


def doc(**changes: Any) -> dict[str, Any]:
    data = copy.deepcopy(BASE)
    data.update(changes)
    return data


def refused(source: Any, **kwargs: Any) -> list[str]:
    """The problems of an input that must be refused, as 'path: message' lines."""
    with pytest.raises(InputError) as caught:
        thaidocs.load(source, **kwargs) if isinstance(source, Path) else thaidocs.from_dict(
            source, **kwargs
        )
    return [f"{p.path}: {p.message}" for p in caught.value.problems]


def pdf_text(data: bytes, tmp_path: Path) -> str:
    return pdftotext(data, tmp_path, "-layout")


# 1. an empty table cell


@pytest.mark.parametrize("empty", ["", " ", "\u3000"])
def test_empty_table_cells_render_in_both_formats(empty: str, tmp_path: Path) -> None:
    table = {"columns": ["ลำดับ", "รายการ"], "rows": [[empty, "ปากกา"], ["๒", empty]]}
    data = doc(body=[{"table": table}])
    assert thaidocs.check(data) is not None
    text = pdf_text(thaidocs.to_pdf(data), tmp_path)
    assert "ปากกา" in text and "รายการ" in text
    assert thaidocs.to_docx(data)[:2] == b"PK"


# 4. control characters


@pytest.mark.parametrize(
    "char", ["\x00", "\x01", "\x0b", "\x0c", "\x1b", "\x7f", "\x85", "\ufffe", "\uffff", "\ud800"]
)
def test_control_characters_are_refused_with_their_field(char: str) -> None:
    data = doc(body=["ก่อน", f"ข้อความ{char}ต่อ"])
    data["signers"][0]["position"] = ["อธิบดี", f"รอง{char}"]
    (body, position) = refused(data)
    code = f"U+{ord(char):04X}"
    assert body.startswith("body[1]: ") and code in body
    assert position.startswith("signers[0].position[1]: ") and code in position


def test_control_characters_in_keys_and_json_escapes_are_refused(tmp_path: Path) -> None:
    assert refused({**BASE, "sub\x00ject": "x"})[0].startswith("sub\x00ject (key): ")
    path = tmp_path / "nul.json"
    path.write_text(json.dumps(doc(subject="เรื่อง\u0000")), encoding="utf-8")
    assert refused(path)[0].startswith("subject: ")


def test_tabs_and_line_breaks_stay_allowed() -> None:
    thaidocs.to_docx(doc(body=["บรรทัดหนึ่ง\nบรรทัดสอง\tแท็บ\r\n"]))


# 7. type errors and bounds


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"options": {"emblem": True}}, "options.emblem"),
        ({"options": {"pdf_font": [1, 2]}}, "options.pdf_font[0]"),
        ({"options": {"pdf_font_scale": float("nan")}}, "options.pdf_font_scale"),
        ({"signers": [{"name": "ก", "position": "ข", "signature": 5}]}, "signers[0].signature"),
        ({"subject": 10**5000}, "subject"),
        ({"subject": Decimal("sNaN")}, "subject"),
        ({"options": {"spec": {"body_size": Decimal("-Infinity")}}}, "options.spec.body_size"),
        (
            {"body": [{"table": {"columns": ["ก"], "widths": [float("inf")]}}]},
            "body[0].table.widths[0]",
        ),
    ],
)
def test_wrong_types_are_input_errors_with_paths(changes: dict[str, Any], path: str) -> None:
    problems = refused(doc(**changes))
    assert any(p.startswith(f"{path}: ") for p in problems), problems


@pytest.mark.parametrize("budget", ["1e100000", "1e15", -1, "NaN", "Infinity"])
def test_budgets_out_of_bounds_are_refused(budget: Any) -> None:
    plan = copy.deepcopy(PLAN)
    plan["activities"][0]["budget"] = budget
    assert refused(plan)[0].startswith("activities[0].budget: ")


def test_a_large_budget_within_bounds_renders(tmp_path: Path) -> None:
    plan = copy.deepcopy(PLAN)
    plan["activities"][0]["budget"] = "999999999999999.99"
    assert "ประชุม" in pdf_text(thaidocs.to_pdf(plan), tmp_path)


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("long.json", '{"type": "order", "number": ' + "9" * 5000 + "}"),
        ("long.yaml", "type: order\nnumber: " + "9" * 5000 + "\n"),
        ("long.toml", 'type = "order"\nnumber = ' + "9" * 5000 + "\n"),
        ("deep.json", "[" * 100_000 + "]" * 100_000),
        ("deep.yaml", "[" * 100_000 + "]" * 100_000),
        (
            "deep2.json",
            json.dumps(doc(body=[{"clauses": ["x"]}])).replace('"x"', "[" * 300 + "]" * 300),
        ),
        ("nan.json", '{"type": "announcement", "agency": NaN}'),
        ("inf.yaml", "type: order\nnumber: .inf\n"),
    ],
)
def test_huge_numbers_and_deep_nesting_are_refused(name: str, content: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    problems = refused(path)
    assert problems and all("Traceback" not in p for p in problems)


# 8. the layout spec


@pytest.mark.parametrize(
    ("spec", "path"),
    [
        ({"margin_left": -1}, "options.spec.margin_left"),
        ({"margin_left": 30}, "options.spec"),
        ({"margin_top": 20, "margin_bottom": 9}, "options.spec"),
        ({"page_width": 0}, "options.spec.page_width"),
        ({"body_size": 0}, "options.spec.body_size"),
        ({"body_size": 500}, "options.spec.body_size"),
        ({"line_spacing": float("nan")}, "options.spec.line_spacing"),
        ({"label_tab": 0}, "options.spec.label_tab"),
        ({"page_number_format": "{1}"}, "options.spec.page_number_format"),
        ({"page_number_format": "{}{}"}, "options.spec.page_number_format"),
        ({"page_number_format": "{"}, "options.spec.page_number_format"),
        ({"page_number_format": "{:>9999999}"}, "options.spec.page_number_format"),
        ({"mark_color": "red"}, "options.spec.mark_color"),
        ({"table_shade": "#BFBFBF"}, "options.spec.table_shade"),
        ({"clause_text_indent": [3.1, 4.0, 40]}, "options.spec"),
        ({"letter_agency_indent": 15.5}, "options.spec"),
        ({"signing_lines": 1000}, "options.spec.signing_lines"),
        ({"emblem_height": 0}, "options.spec.emblem_height"),
        ({"plan_table_widths": [0.7, 0, 1, 1, 1, 1, 1]}, "options.spec.plan_table_widths"),
        ({"body_size": True}, "options.spec.body_size"),
        ({"name_titles": [""]}, "options.spec.name_titles"),
    ],
)
def test_spec_values_out_of_range_are_refused(spec: dict[str, Any], path: str) -> None:
    problems = refused(doc(options={"spec": spec}))
    assert any(p.startswith(f"{path}") for p in problems), problems


def test_spec_overrides_in_range_render(tmp_path: Path) -> None:
    spec: dict[str, Any] = {"page_width": 14.8, "page_height": 21.0}
    spec |= {"margin_left": 2.0, "margin_right": 1.5}
    spec |= {"body_size": 14, "mark_color": "00aa00", "page_number_format": "หน้า {}"}
    spec |= {"letter_agency_indent": 6.0, "signature_axis": 5.5, "signature_width": 8}
    spec |= {"signature_columns_axes": [3, 8], "signature_columns_width": 5}
    spec |= {"memo_date_label": 6, "date_line_indent": 4}
    data = doc(options={"spec": spec}, body=["ข้อความ " * 400])
    assert "สมชาย" in pdf_text(thaidocs.to_pdf(data), tmp_path)
    thaidocs.to_docx(data)


# 9. alias bombs and files that are not files

_LAUGHS = "a: &a [x, x, x, x, x, x, x, x, x, x]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)
_MERGES = "a: &a {k0: x, k1: x, k2: x, k3: x}\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} {{<<: *{chr(97 + i)}, "
    + ", ".join(f"n{j}: *{chr(97 + i)}" for j in range(9))
    + "}\n"
    for i in range(8)
)


@pytest.mark.parametrize("bomb", [_LAUGHS, _MERGES, "type: order\nbody: &x [" + "x, " * 50 + "]\n"])
def test_alias_bombs_are_refused(bomb: str, tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(bomb, encoding="utf-8")
    assert refused(path)


def test_a_clause_tree_of_aliases_is_refused_before_validation(tmp_path: Path) -> None:
    clauses = "c0: &c0 {text: ข้อ}\n" + "".join(
        f"c{i}: &c{i} {{text: ข้อ, clauses: [{', '.join([f'*c{i - 1}'] * 10)}]}}\n"
        for i in range(1, 7)
    )
    path = tmp_path / "clauses.yaml"
    path.write_text(clauses, encoding="utf-8")
    (problem,) = refused(path)
    assert "more than" in problem


def test_anchors_used_sensibly_are_fine(tmp_path: Path) -> None:
    text = (
        "type: announcement\nagency: กรม\nsubject: เรื่อง\ndate: 2024-10-30\n"
        "x-signer: &boss {name: นายสมชาย ใจดี, position: อธิบดี}\n"
    )
    path = tmp_path / "anchors.yaml"
    path.write_text(text + "signers: [*boss]\n", encoding="utf-8")
    assert refused(path) == ["x-signer: unknown key"]


def test_fifos_devices_and_huge_files_are_refused(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.yaml"
    os.mkfifo(fifo)
    assert "not a regular file" in refused(fifo)[0]
    zero = tmp_path / "zero.yaml"
    zero.symlink_to("/dev/zero")
    assert "not a regular file" in refused(zero)[0]
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(17 * 1024 * 1024)
    assert "larger than" in refused(huge)[0]
    signature = doc(signers=[{"name": "ก", "position": "ข", "signature": str(fifo)}])
    assert refused(signature)[0].startswith("signers[0].signature: ")


# 10. YAML quirks


def test_duplicate_keys_are_refused_with_their_line(tmp_path: Path) -> None:
    path = tmp_path / "dup.yaml"
    path.write_text(
        "type: announcement\nagency: กรม\nsubject: หนึ่ง\nsubject: สอง\n", encoding="utf-8"
    )
    (problem,) = refused(path)
    assert problem.startswith("line 4: ") and "'subject'" in problem


def test_yes_no_where_a_number_is_meant_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "order.yaml"
    text = "type: order\nagency: กรม\nsubject: เรื่อง\ndate: 2024-10-30\nnumber: yes\n"
    path.write_text(text + "signers: [{name: นายก ข, position: อธิบดี}]\n", encoding="utf-8")
    (problem,) = refused(path)
    assert problem.startswith("number: ") and "yes/no" in problem


def test_a_date_written_as_a_number_says_how_to_write_it() -> None:
    (problem,) = refused(doc(date=20241030))
    assert problem.startswith("date: ") and "2024-10-30" in problem


@pytest.mark.parametrize("month", ["²", "١٠", "13", "ตุลา"])
def test_unknown_months_say_what_a_month_is(month: str) -> None:
    plan = copy.deepcopy(PLAN)
    plan["activities"][0]["months"] = [month]
    (problem,) = refused(plan)
    assert problem.startswith("activities[0].months: ") and "month" in problem


# 6. images


def _png(width: int, height: int) -> bytes:
    """A one-bit PNG of ``width``×``height`` pixels, all black, written without decoding it."""
    row = b"\x00" + bytes((width + 7) // 8)
    return png_bytes(width, height, row * height, depth=1, colour=0, level=9)


def _image(mode: str, fmt: str) -> bytes:
    out = io.BytesIO()
    Image.new(mode, (60, 30), "white" if mode != "CMYK" else (0, 0, 0, 0)).save(out, fmt)
    return out.getvalue()


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"hello, I am text", "not a PNG or JPEG"),
        (b"", "empty"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not a PNG or JPEG"),
        (_image("RGB", "PNG")[:80], "damaged"),
        (_image("RGB", "WEBP"), "not a PNG or JPEG"),
        (_image("RGB", "GIF"), "not a PNG or JPEG"),
        (_image("CMYK", "JPEG"), "CMYK"),
        (_png(20000, 20000), "pixels"),
    ],
)
def test_bad_images_are_refused_at_load_with_their_field(
    content: bytes, reason: str, tmp_path: Path
) -> None:
    (tmp_path / "image.png").write_bytes(content)
    signer = {"name": "ก", "position": "ข", "signature": "image.png"}
    for data, path in [
        (doc(signers=[signer]), "signers[0].signature"),
        (doc(options={"emblem": "image.png"}), "options.emblem"),
    ]:
        (problem,) = refused(data, base_dir=tmp_path)
        assert problem.startswith(f"{path}: ") and reason in problem, problem


def test_every_image_field_is_checked_in_every_form(tmp_path: Path) -> None:
    (tmp_path / "photo.png").write_text("not an image", encoding="utf-8")
    certificate = yaml.safe_load((ROOT / "samples" / "certificate.yaml").read_text("utf-8"))
    certificate["photo"] = "photo.png"
    (problem,) = refused(certificate, base_dir=tmp_path)
    assert problem.startswith("photo: not a PNG or JPEG")


def test_etc_passwd_is_not_an_image() -> None:
    (problem,) = refused(doc(options={"emblem": "/etc/passwd"}))
    assert problem.startswith("options.emblem: not a PNG or JPEG")


@pytest.mark.parametrize(
    ("mode", "fmt"), [("RGB", "JPEG"), ("L", "JPEG"), ("RGBA", "PNG"), ("P", "PNG")]
)
def test_good_images_render_in_both_formats(mode: str, fmt: str, tmp_path: Path) -> None:
    (tmp_path / "sign.img").write_bytes(_image(mode, fmt))
    signer = {"name": "นายก ข", "position": "อธิบดี", "signature": "sign.img"}
    data = doc(signers=[signer], options={"emblem": "sign.img"})
    model = thaidocs.from_dict(data, base_dir=tmp_path)
    assert thaidocs.to_pdf(model)[:5] == b"%PDF-"
    assert thaidocs.to_docx(model)[:2] == b"PK"


def test_a_font_that_is_no_truetype_is_refused(tmp_path: Path) -> None:
    (tmp_path / "font.ttf").write_text("not a font", encoding="utf-8")
    (problem,) = refused(doc(options={"pdf_font": "font.ttf"}), base_dir=tmp_path)
    assert problem.startswith("options.pdf_font: ") and "TrueType" in problem


# 13. permissions follow the umask


@pytest.mark.parametrize(("umask", "mode"), [(0o077, 0o600), (0o022, 0o644), (0o002, 0o664)])
def test_output_files_follow_the_umask(umask: int, mode: int, tmp_path: Path) -> None:
    model = thaidocs.from_dict(doc())
    old = os.umask(umask)
    try:
        for name in ("secret.pdf", "secret.docx"):
            written = thaidocs.render(model, tmp_path / name)
            assert written.stat().st_mode & 0o777 == mode
    finally:
        os.umask(old)


# 14. confining referenced files to a folder


def test_root_confines_every_referenced_file(tmp_path: Path) -> None:
    inside, outside = tmp_path / "inside", tmp_path / "outside"
    inside.mkdir()
    outside.mkdir()
    (outside / "sign.png").write_bytes(_image("RGB", "PNG"))
    (inside / "sign.png").write_bytes(_image("RGB", "PNG"))
    (inside / "link.png").symlink_to(outside / "sign.png")
    for reference in ("../outside/sign.png", str(outside / "sign.png"), "link.png"):
        data = doc(signers=[{"name": "ก", "position": "ข", "signature": reference}])
        path = inside / "doc.json"
        path.write_text(json.dumps(data), encoding="utf-8")
        (problem,) = refused(path, root=inside)
        assert problem.startswith("signers[0].signature: ") and "outside" in problem
        thaidocs.load(path)  # without a root, scripts keep their freedom
    data = doc(signers=[{"name": "ก", "position": "ข", "signature": "sign.png"}])
    (inside / "doc.json").write_text(json.dumps(data), encoding="utf-8")
    loaded = thaidocs.load(inside / "doc.json", root=inside)
    assert isinstance(loaded, thaidocs.Announcement)
    assert loaded.signers[0].signature
    fonts = doc(options={"pdf_font": "/usr/share/fonts/x.ttf", "emblem": "../outside/sign.png"})
    problems = refused(fonts, base_dir=inside, root=inside)
    assert {p.split(":")[0] for p in problems} == {"options.pdf_font", "options.emblem"}


def test_cli_root_flag_refuses_files_outside(tmp_path: Path) -> None:
    (tmp_path / "sign.png").write_bytes(_image("RGB", "PNG"))
    folder = tmp_path / "in"
    folder.mkdir()
    data = doc(signers=[{"name": "ก", "position": "ข", "signature": "../sign.png"}])
    (folder / "doc.json").write_text(json.dumps(data), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", "--root", str(folder), str(folder / "doc.json")])
    assert result.exit_code == 1
    assert "signers[0].signature: " in result.output and "outside" in result.output
    args = ["render", "--root", str(folder), "-o", str(tmp_path / "out"), str(folder / "doc.json")]
    assert CliRunner().invoke(app, args).exit_code == 1
    assert not (tmp_path / "out" / "doc.pdf").exists()
    assert CliRunner().invoke(app, ["validate", str(folder / "doc.json")]).exit_code == 0


def test_render_many_confines_referenced_files_to_its_root(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (tmp_path / "sign.png").write_bytes(_image("RGB", "PNG"))
    (folder / "sign.png").write_bytes(_image("RGB", "PNG"))
    for name, reference in (("outside", "../sign.png"), ("inside", "sign.png")):
        data = doc(signers=[{"name": "ก", "position": "ข", "signature": reference}])
        (folder / f"{name}.json").write_text(json.dumps(data), encoding="utf-8")
    paths = [folder / "outside.json", folder / "inside.json"]
    confined = thaidocs.render_many(paths, tmp_path / "out", executor=_Here(), root=folder)
    assert isinstance(confined[0], InputError)
    assert "signers[0].signature: " in str(confined[0]) and "outside" in str(confined[0])
    assert confined[1] == tmp_path / "out" / "2.pdf"
    free = thaidocs.render_many(paths, tmp_path / "free", executor=_Here())
    assert free == [tmp_path / "free" / "1.pdf", tmp_path / "free" / "2.pdf"]


class _Here(Executor):
    """Runs each task at once, in this process."""

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future[Any]:
        future: Future[Any] = Future()
        future.set_result(fn(*args, **kwargs))
        return future


# 15. check takes what render takes


def test_check_accepts_a_model_a_mapping_and_a_path(tmp_path: Path) -> None:
    data = doc(body=["มีอักษร Cyrillic ในคำว่า กรุงเтพ"])
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    found = [thaidocs.check(source) for source in (thaidocs.from_dict(data), data, path, str(path))]
    assert found[0] and all(f == found[0] for f in found)
    with pytest.raises(InputError):
        thaidocs.check(doc(subject=""))


# 16. pythainlp never writes outside the output

_RENDER = """
import sys
{first}
import thaidocs
{then}
thaidocs.render(thaidocs.from_dict({data!r}), sys.argv[1])
import shutil, os
print(os.path.exists(os.path.join(os.environ["HOME"], "pythainlp-data")))
"""


@pytest.mark.parametrize(
    ("first", "then"),
    [
        ("", "import pythainlp"),
        (
            "import pythainlp.corpus, shutil, os\n"
            "shutil.rmtree(os.path.join(os.environ['HOME'], 'pythainlp-data'), True)",
            "",
        ),
    ],
)
def test_pythainlp_writes_nothing_whatever_the_order(first: str, then: str, tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    script = _RENDER.format(first=first, then=then, data=doc(body=["ข้อความภาษาไทยยาว ๆ " * 20]))
    env = {**os.environ, "HOME": str(home), "PYTHAINLP_READ_ONLY": "0", "PYTHONPATH": str(ROOT)}
    env.pop("PYTHAINLP_DATA", None)
    out = subprocess.run(
        [sys.executable, "-c", script, str(tmp_path / "out.pdf")],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    assert out.stdout.split() == ["False"]
    assert sorted(p.name for p in home.iterdir()) == []


# 17. leftovers of a killed writer


def test_leftover_temporary_files_of_dead_writers_are_removed(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    old = time.time() - 7200
    names = {
        f".doc.pdf.{dead}-0123abcd.tmp": (old, False),  # its writer was killed
        ".doc.docx.ab_12xyz.tmp": (old, False),  # an old unnamed one of ours
        f".doc.pdf.{os.getpid()}-89abcdef.tmp": (old, True),  # a writer still at work
        f".fresh.pdf.{dead}-00000000.tmp": (time.time(), True),  # not yet quiet
        ".notes.txt.12345678.tmp": (old, True),  # not ours
        "doc.pdf.12345678.tmp": (old, True),  # not hidden: not ours
    }
    for name, (mtime, _) in names.items():
        (tmp_path / name).write_bytes(b"partial")
        os.utime(tmp_path / name, (mtime, mtime))
    thaidocs.render(doc(), tmp_path / "other.pdf")
    kept = {name for name, (_, keep) in names.items() if keep}
    assert {p.name for p in tmp_path.iterdir()} == kept | {"other.pdf"}


# 5. characters the font cannot draw


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("ภาษาจีน 中文", "中文"),
        ("ภาษาอาหรับ مرحبا", "مرحبا"),
        ("ภาษาฮินดี नमस्ते", "नमस्ते"),
        ("ยิ้ม 😀", "😀"),
        ("ภาษาໄທย", "ໄທ"),
        ("ประกาศក", "ក"),
    ],
)
def test_characters_the_pdf_font_cannot_draw_are_refused(text: str, shown: str) -> None:
    data = doc(body=["ย่อหน้าแรก", text])
    with pytest.raises(InputError) as caught:
        thaidocs.to_pdf(data)
    (problem,) = caught.value.problems
    assert problem.path == "body[1]" and f"“{shown}”" in problem.message
    assert f"U+{ord(shown[0]):04X}" in problem.message
    assert thaidocs.to_docx(data)[:2] == b"PK"  # Word substitutes a font; nothing is lost


def test_characters_the_font_has_render_whole(tmp_path: Path) -> None:
    text = "ราคา 1,500 บาท — “อ้างถึง” … café e\u0301 ๆ ฯ ๏\u200bข้อความ"
    pdf = pdf_text(thaidocs.to_pdf(doc(body=[text])), tmp_path)
    assert "ราคา" in pdf and "café" in pdf


def test_a_page_number_format_the_font_cannot_draw_is_refused() -> None:
    with pytest.raises(InputError) as caught:
        thaidocs.to_pdf(doc(options={"spec": {"page_number_format": "页 {}"}}))
    assert caught.value.problems[0].path == "options.spec.page_number_format"


@pytest.mark.parametrize(
    ("text", "letters", "script"),
    [("ภาษาໄທย", "ໄທ", "Lao"), ("ประกาศក", "ក", "Khmer"), ("ກ่อน", "ກ", "Lao")],
)
def test_check_reports_lao_and_khmer_letters_inside_thai_words(
    text: str, letters: str, script: str
) -> None:
    (finding,) = [f for f in thaidocs.check(doc(body=[text])) if f.code == "script.mixed"]
    assert (finding.path, finding.span, finding.level) == ("body[0]", letters, "error")
    assert f"({script})" in finding.message


def test_check_and_validate_report_what_the_pdf_font_cannot_draw(tmp_path: Path) -> None:
    data = doc(body=["ย่อหน้า", "ภาษาจีน 中文 และ 😀"])
    found = [f for f in thaidocs.check(data) if f.code == "pdf.missing-glyph"]
    assert [(f.path, f.span, f.start, f.level) for f in found] == [
        ("body[1]", "中文", 8, "error"),
        ("body[1]", "😀", 15, "error"),
    ]
    path = tmp_path / "doc.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    result = CliRunner().invoke(app, ["validate", str(path)])
    assert (
        result.exit_code == 1
        and "body[1]" in result.output
        and "pdf.missing-glyph" in result.output
    )


def test_a_writer_killed_mid_write_leaves_nothing_after_the_next_run(tmp_path: Path) -> None:
    script = (
        "import os, sys, time, thaidocs\n"
        "os.replace = lambda *a: (print('written', flush=True), time.sleep(60))\n"
        f"thaidocs.render(thaidocs.from_dict({doc()!r}), sys.argv[1])\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writer = subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path / "doc.pdf")],
        stdout=subprocess.PIPE,
        text=True,
        env=env,
    )
    assert writer.stdout is not None and writer.stdout.readline() == "written\n"
    writer.kill()
    writer.wait()
    (leftover,) = tmp_path.iterdir()
    assert leftover.name.startswith(".doc.pdf.") and leftover.name.endswith(".tmp")
    quiet = time.time() - 30
    os.utime(leftover, (quiet, quiet))
    thaidocs.render(doc(), tmp_path / "doc.pdf")
    assert [p.name for p in tmp_path.iterdir()] == ["doc.pdf"]

"""A command loads only what it needs: start-up time is mostly imports."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import thaidocs
from thaidocs.errors import InputError

ROOT = Path(__file__).resolve().parent.parent
HEAVY = ("docx", "lxml", "reportlab", "uharfbuzz", "pyhanko", "pikepdf", "jinja2", "openpyxl")
#: what the command line itself may pull in: click parses, rich draws progress bars only,
#: msgspec makes the model's classes
FRAMEWORK = ("click", "rich", "typer", "msgspec")
#: what a render has no use for: the proofreading checks, urllib (which xml.sax pulls in),
#: pydantic (a dependency of other tools), asyncio, importlib.metadata (which scans every
#: installed package), the TOML reader (for a YAML input), html (its table of entities, for
#: escaping five characters), calendar (for the days of a month)
UNUSED_BY_A_RENDER = (
    "thaidocs.proofread.script",
    "pydantic",
    "urllib.request",
    "asyncio",
    "importlib.metadata",
    "tomllib",
    "html",
    "calendar",
)


def _last_line(script: str) -> str:
    """The last line a fresh interpreter prints running ``script`` (with ``sys`` imported)."""
    done = subprocess.run(
        [sys.executable, "-c", f"import sys\n{script}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    return done.stdout.splitlines()[-1]


def _loaded_after(code: str, watched: tuple[str, ...] = HEAVY) -> set[str]:
    """Modules of ``watched`` that a fresh interpreter holds after running ``code``."""
    found = f"print('loaded:', *(m for m in {watched!r} if m in sys.modules))"
    last = _last_line(f"{code}\n{found}").split()
    assert last[0] == "loaded:"
    return set(last[1:])


def _cli(*args: str) -> str:
    return (
        "from thaidocs.__main__ import main\n"
        f"sys.argv = ['thaidocs', *{list(args)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )


def test_a_pdf_loads_no_docx_library() -> None:
    loaded = _loaded_after("import thaidocs; thaidocs.to_pdf('samples/announcement.yaml')")
    assert "reportlab" in loaded
    assert not loaded & {"docx", "lxml", "pyhanko", "pikepdf", "jinja2", "openpyxl"}


def test_a_docx_loads_no_pdf_library() -> None:
    loaded = _loaded_after("import thaidocs; thaidocs.to_docx('samples/announcement.yaml')")
    assert "docx" in loaded
    assert not loaded & {"reportlab", "pikepdf", "pyhanko"}


def test_a_document_loaded_or_unpickled_in_a_worker_loads_no_layout() -> None:
    # a worker of render_many unpickles each document, which checks it again: with no spec
    # overrides that check needs nothing of the layout package (nor harfbuzz)
    code = (
        "import pickle\n"
        "from thaidocs.model import load\n"
        "pickle.loads(pickle.dumps(load('samples/plan.yaml')))"
    )
    assert _loaded_after(code, ("thaidocs.layout", "uharfbuzz")) == set()


@pytest.mark.parametrize("args", [("--version",), ("--help",), ("render", "--help")])
def test_version_and_help_load_no_writer(args: tuple[str, ...]) -> None:
    assert _loaded_after(_cli(*args)) == set()


def test_version_does_not_load_the_command_line_framework() -> None:
    assert _loaded_after(_cli("--version"), FRAMEWORK) == set()


def test_help_loads_click_alone() -> None:
    assert _loaded_after(_cli("render", "--help"), FRAMEWORK) == {"click"}


def test_a_pdf_render_from_the_command_line_loads_the_pdf_path_alone(tmp_path: Path) -> None:
    args = ("render", "samples/announcement.yaml", "--format", "pdf", "--out", str(tmp_path))
    watched = (*HEAVY, *FRAMEWORK, *UNUSED_BY_A_RENDER)
    loaded = _loaded_after(_cli(*args), watched)
    assert (tmp_path / "announcement.pdf").is_file()
    assert loaded == {"reportlab", "uharfbuzz", "click", "msgspec"}


def test_a_render_from_the_command_line_parses_no_signature_from_text(tmp_path: Path) -> None:
    # reading a builtin's signature, such as list's, parses it from its text with the
    # tokenizer, whose pattern takes some 3 ms to compile: a render reads none
    args = ("render", "samples/announcement.yaml", "--format", "pdf", "--out", str(tmp_path))
    script = f"{_cli(*args)}\nimport tokenize\nprint(tokenize._compile.cache_info().currsize)"
    assert _last_line(script) == "0"


def test_a_one_file_render_from_the_command_line_never_walks_what_its_imports_made(
    tmp_path: Path,
) -> None:
    # what the imports and the document make all lives until the process ends: walking it
    # frees nothing (it was some 46,000 objects, all at once, after the document was written)
    args = ("render", "samples/announcement.yaml", "--format", "pdf", "--out", str(tmp_path))
    script = (
        "import gc\n"
        "walked = [0]\n"
        "def seen(phase, info):\n"
        "    if phase == 'start':\n"
        "        young = range(info['generation'] + 1)\n"
        "        walked.append(sum(len(gc.get_objects(generation=g)) for g in young))\n"
        "gc.callbacks.append(seen)\n"
        f"{_cli(*args)}\n"
        "print('walked:', max(walked), 'on:', gc.isenabled())"
    )
    last = _last_line(script)
    assert (tmp_path / "announcement.pdf").is_file()
    walked, on = last.split()[1::2]
    assert int(walked) < 5_000
    assert on == "True"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("type: announcement\nbody: " + "[" * 50_000 + "]" * 50_000 + "\n", "nest"),
        ("type: announcement\nbody: &a [*a]\n", "used inside itself"),
    ],
)
def test_yaml_too_deep_or_self_referring_is_refused(
    tmp_path: Path, text: str, message: str
) -> None:
    path = tmp_path / "input.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError, match=message):
        thaidocs.load(path)


def test_a_render_loads_the_imaging_library_only_for_a_document_with_images(
    tmp_path: Path,
) -> None:
    plain = ("render", "samples/announcement.yaml", "--format", "pdf", "--out", str(tmp_path))
    assert _loaded_after(_cli(*plain), ("PIL._imaging",)) == set()
    data = yaml.safe_load((ROOT / "samples" / "announcement.yaml").read_text(encoding="utf-8"))
    data.setdefault("options", {})["emblem"] = str(ROOT / "docs" / "previews" / "memo.png")
    source = tmp_path / "pictured.yaml"
    source.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    pictured = ("render", str(source), "--format", "pdf", "--out", str(tmp_path))
    assert _loaded_after(_cli(*pictured), ("PIL._imaging",)) == {"PIL._imaging"}
    assert (tmp_path / "pictured.pdf").read_bytes() == thaidocs.to_pdf(source)

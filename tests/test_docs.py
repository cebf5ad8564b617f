"""The documentation says what the library does: keys, examples, samples and the site build."""

from __future__ import annotations

import doctest
import re
from pathlib import Path
from typing import Any

import msgspec
import pytest

import thaidocs

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
REFERENCE = DOCS / "reference" / "input.md"
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
#: a table row that documents one key: | `key` | ...
KEY_ROW = re.compile(r"^\| `([a-z_]+)` \|", re.M)
PYCON = re.compile(r"```pycon\n(.*?)```", re.S)


def _properties(node: Any) -> set[str]:
    """Every property name anywhere in a JSON Schema."""
    found: set[str] = set()
    if isinstance(node, dict):
        if isinstance(node.get("properties"), dict):
            found.update(node["properties"])
        for value in node.values():
            found |= _properties(value)
    elif isinstance(node, list):
        for value in node:
            found |= _properties(value)
    return found


def test_reference_documents_every_key_of_the_schema() -> None:
    documented = set(KEY_ROW.findall(REFERENCE.read_text(encoding="utf-8")))
    schema_keys = _properties(thaidocs.json_schema())
    assert schema_keys, "the schema has no properties"
    assert sorted(schema_keys - documented) == []


def test_reference_documents_no_key_the_schema_lacks() -> None:
    documented = set(KEY_ROW.findall(REFERENCE.read_text(encoding="utf-8")))
    assert sorted(documented - _properties(thaidocs.json_schema())) == []


def test_layout_spec_fields_named_in_the_reference_exist() -> None:
    text = REFERENCE.read_text(encoding="utf-8")
    section = text[text.index("`thaidocs.LayoutSpec`") :]
    named = set(re.findall(r"`([a-z]+(?:_[a-z]+)+)`", section))
    assert named, "the reference names no LayoutSpec fields"
    assert sorted(named - {f.name for f in msgspec.structs.fields(thaidocs.LayoutSpec)}) == []


@pytest.mark.parametrize("page", sorted(DOCS.rglob("*.md")), ids=lambda p: p.name)
def test_console_examples_print_what_the_page_says(page: Path) -> None:
    parser = doctest.DocTestParser()
    runner = doctest.DocTestRunner(optionflags=doctest.NORMALIZE_WHITESPACE)
    for number, block in enumerate(PYCON.findall(page.read_text(encoding="utf-8"))):
        test = parser.get_doctest(block, {}, f"{page.name}[{number}]", str(page), 0)
        runner.run(test)
    assert runner.summarize(verbose=False).failed == 0


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_sample_has_a_page_with_its_file_and_preview(sample: Path) -> None:
    page = (DOCS / "types" / f"{sample.stem}.md").read_text(encoding="utf-8")
    assert f'--8<-- "samples/{sample.name}"' in page
    assert f"../previews/{sample.stem}.png" in page
    preview = DOCS / "previews" / f"{sample.stem}.png"
    assert preview.read_bytes().startswith(b"\x89PNG\r\n\x1a\n")


def test_site_builds_strictly(tmp_path: Path) -> None:
    """The documentation site builds with every warning an error (`mkdocs build --strict`)."""
    from mkdocs import config
    from mkdocs.commands import build as commands

    cfg = config.load_config(str(ROOT / "mkdocs.yml"), site_dir=str(tmp_path / "site"))
    cfg.plugins.on_startup(command="build", dirty=False)
    try:
        commands.build(cfg)
    finally:
        cfg.plugins.on_shutdown()
    assert (tmp_path / "site" / "types" / "plan" / "index.html").is_file()

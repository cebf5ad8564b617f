"""Tagged PDF: every output has a structure tree that holds the source text in reading
order, checked with poppler's structure text, the pdfua checker and the tree itself."""

from __future__ import annotations

import re
import subprocess
from io import BytesIO
from pathlib import Path
from typing import Any

import pikepdf
import pytest
from conftest import require_tool
from extracted import missing
from msgspec.structs import replace
from pdfua import validate
from test_archival import _png_with_alpha, xmp

import thaidocs
from thaidocs.layout import LayoutDocument, Table, compose
from thaidocs.layout.text import EMBLEM, PHOTO, RULE, tree_text

SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLES = sorted(SAMPLE_DIR.glob("*.yaml"))


def struct_text(data: bytes, tmp_path: Path) -> str:
    """poppler's text of the structure tree: each element's lines, in tree order."""
    tool = require_tool("pdfinfo")
    path = tmp_path / "tagged.pdf"
    path.write_bytes(data)
    out = subprocess.run([tool, "-struct-text", str(path)], capture_output=True, check=True)
    lines = re.findall(r'^\s*"(.*)"$', out.stdout.decode("utf-8"), re.M)
    return "\n".join(lines)


def reading_order(tree: LayoutDocument) -> list[str]:
    """Every paragraph, cell paragraph and signer line with text, in reading order."""
    texts = []
    for text in tree_text(tree):
        if text in (EMBLEM, RULE, PHOTO):
            continue
        texts += [part.strip() for part in text.split("\n") if part.strip()]
    return texts


def elements(data: bytes) -> list[tuple[str, dict[str, Any]]]:
    """(type, entries) of every structure element, depth first."""
    found: list[tuple[str, dict[str, Any]]] = []

    def walk(node: Any) -> None:
        if isinstance(node, pikepdf.Array):
            for kid in node:
                walk(kid)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            found.append((str(node.S)[1:], dict(node.items())))
            walk(node.get("/K"))

    with pikepdf.open(BytesIO(data)) as pdf:
        walk(pdf.Root.StructTreeRoot.K)
    return found


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_structure_holds_every_paragraph_in_order(sample: Path, tmp_path: Path) -> None:
    doc = thaidocs.load(sample)
    tree = compose(doc)
    data = thaidocs.to_pdf(doc)
    text = struct_text(data, tmp_path)
    assert missing(text, reading_order(tree)) == []
    assert "\u0e4d" not in text  # sara am is one character
    report = validate(str(tmp_path / "tagged.pdf"))
    assert [f.rule_id for f in report.findings] == []


def test_tables_are_table_rows_and_cells() -> None:
    doc = thaidocs.load(SAMPLE_DIR / "order.yaml")  # a committee table
    tree = compose(doc)
    tables = [b for s in tree.sections for b in s.blocks if isinstance(b, Table)]
    assert tables
    kinds = [kind for kind, _ in elements(thaidocs.to_pdf(doc))]
    rows = sum(len(t.header) + len(t.rows) for t in tables)
    cells = sum(len(row) for t in tables for row in (*t.header, *t.rows))
    assert kinds.count("Table") == len(tables)
    assert kinds.count("TR") == rows
    assert kinds.count("TH") + kinds.count("TD") == cells
    headers = [entries for kind, entries in elements(thaidocs.to_pdf(doc)) if kind == "TH"]
    assert all(entries["/A"]["/Scope"] == "/Column" for entries in headers)


def test_titles_clauses_and_signers_have_their_roles() -> None:
    kinds = [
        kind
        for kind, _ in elements(thaidocs.to_pdf(thaidocs.load(SAMPLE_DIR / "announcement.yaml")))
    ]
    assert kinds[:2] == ["Document", "H1"]
    for kind in ("L", "LI", "Lbl", "LBody", "Div"):
        assert kind in kinds
    assert kinds.count("Lbl") == kinds.count("LI")


def test_images_are_figures_with_alt(tmp_path: Path) -> None:
    raw = thaidocs.from_dict(
        {**_sample_dict(), "options": {"emblem": str(_png_with_alpha(tmp_path / "g.png"))}}
    )
    assert isinstance(raw, thaidocs.Announcement)
    signer = replace(raw.signers[0], signature=_png_with_alpha(tmp_path / "s.png"))
    doc = replace(raw, signers=[signer])
    figures = [entries for kind, entries in elements(thaidocs.to_pdf(doc)) if kind == "Figure"]
    alts = sorted(str(entries["/Alt"]) for entries in figures)
    assert alts == sorted(["ตราครุฑ (Garuda emblem)", f"ลายมือชื่อ {doc.signers[0].name}"])


def _sample_dict() -> dict[str, Any]:
    import json

    return dict(json.loads(thaidocs.to_json(thaidocs.load(SAMPLE_DIR / "announcement.yaml"))))


def test_page_furniture_is_artifact(tmp_path: Path) -> None:
    doc = thaidocs.load(SAMPLE_DIR / "announcement.yaml")  # numbered from page two
    data = thaidocs.to_pdf(doc)
    text = struct_text(data, tmp_path)
    assert "- ๒ -" not in text
    pdftotext = subprocess.run(
        [require_tool("pdftotext"), "-raw", str(tmp_path / "tagged.pdf"), "-"],
        capture_output=True,
        check=True,
    ).stdout.decode("utf-8")
    assert "- ๒ -" in pdftotext  # drawn, only not part of the text's structure


def test_catalog_declares_tagged_thai_with_its_title() -> None:
    data = thaidocs.to_pdf(thaidocs.load(SAMPLE_DIR / "memo.yaml"))
    with pikepdf.open(BytesIO(data)) as pdf:
        root = pdf.Root
        marked, shown = root.MarkInfo.Marked, root.ViewerPreferences.DisplayDocTitle
        assert isinstance(marked, bool) and marked
        assert str(root.Lang) == "th-TH"
        assert isinstance(shown, bool) and shown
        for page in pdf.pages:
            assert "/StructParents" in page.obj
    assert xmp(data)["pdfuaid:part"] == "1"

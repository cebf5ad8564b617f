"""Text as PDF readers extract it, and the check that it holds source paragraphs exactly."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Sequence
from io import BytesIO
from pathlib import Path

from conftest import require_tool
from pdfminer.high_level import extract_text
from pypdf import PdfReader

from thaidocs.layout import LayoutDocument, Paragraph, Table


def pdftotext(data: bytes, tmp_path: Path, *options: str) -> str:
    """The text pdftotext extracts, with its ``options`` (e.g. "-raw", "-layout")."""
    path = tmp_path / "extract.pdf"
    path.write_bytes(data)
    tool = require_tool("pdftotext")
    result = subprocess.run([tool, *options, str(path), "-"], capture_output=True, check=True)
    return result.stdout.decode("utf-8")


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(BytesIO(data)).pages)


def pdfminer_text(data: bytes) -> str:
    return extract_text(BytesIO(data))


def extractions(data: bytes, tmp_path: Path) -> dict[str, str]:
    return {
        "pdftotext": pdftotext(data, tmp_path),
        "pypdf": pypdf_text(data),
        "pdfminer": pdfminer_text(data),
    }


def _pattern(text: str) -> re.Pattern[str]:
    """``text`` exactly, except that a reader may break it into lines (a space or tab at a
    break may go). No normalisation of any character."""
    parts = []
    for char in text:
        if char in " \t":
            parts.append(f"(?:{re.escape(char)}\\s*|\\n\\s*)")
        else:
            parts.append(re.escape(char) + r"\n*")
    return re.compile("".join(parts))


def missing(text: str, paragraphs: Sequence[str], *, in_order: bool = True) -> list[str]:
    """The paragraphs not found exactly in ``text`` (in order, when asked)."""
    absent = []
    position = 0
    for paragraph in paragraphs:
        found = _pattern(paragraph).search(text, position if in_order else 0)
        if found is None:
            absent.append(paragraph)
        elif in_order:
            position = found.end()
    return absent


def body_paragraphs(tree: LayoutDocument) -> list[str]:
    """Every paragraph outside tables with text, in reading order."""
    return [
        block.text.strip()
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, Paragraph) and block.text.strip()
    ]


def cell_paragraphs(tree: LayoutDocument) -> list[str]:
    return [
        paragraph.text
        for section in tree.sections
        for block in section.blocks
        if isinstance(block, Table)
        for row in (*block.header, *block.rows)
        for cell in row
        for paragraph in cell.paragraphs
        if paragraph.text.strip()
    ]

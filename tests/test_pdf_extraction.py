"""Every PDF reader gets the source text back exactly: pdftotext, pypdf and pdfminer.six,
with no Unicode normalisation (สระอำ stays U+0E33, marks stay in source order, justified
gaps and tabs add no spaces)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_FILES as SAMPLES
from extracted import body_paragraphs, cell_paragraphs, extractions, missing, pypdf_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import thaidocs
from thaidocs.layout import compose

WORDS = ["ทำ", "น้ำ", "กำลัง", "ก่ำ", "ป้ำ", "สำนัก", "ที่", "ผู้", "ปี่", "เพื่อ", "พื้นที่", "ฐู", "ญู"]
WORDS += ["การ", "ราชการ", "เปลี่ยนแปลง", "ประชาชน", "Office", "PDF", "๒๕๖๗", "(Inform)"]


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda p: p.stem)
def test_every_reader_extracts_every_paragraph_exactly(sample: Path, tmp_path: Path) -> None:
    doc = thaidocs.load(sample)
    tree = compose(doc)
    texts = extractions(thaidocs.to_pdf(doc), tmp_path)
    for reader, text in texts.items():
        assert "\u0e4d" not in text, reader
        assert missing(text, body_paragraphs(tree)) == [], reader
    # cells beside each other share lines in layout-reading extractors; pypdf reads in
    # drawing order, a cell's lines together
    assert missing(texts["pypdf"], cell_paragraphs(tree)) == []


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.tuples(st.sampled_from(WORDS), st.sampled_from(["", "", " "])), min_size=1, max_size=80
    ),
    st.booleans(),
)
def test_generated_paragraphs_extract_exactly(
    tmp_path: Path, tokens: list[tuple[str, str]], clause: bool
) -> None:
    text = "".join(token + sep for token, sep in tokens).strip()
    body: list[object] = [{"clauses": [text]}] if clause else [text]
    doc = {
        "type": "announcement",
        "agency": "สำนักงานทดสอบ",
        "subject": "ทดสอบ",
        "date": "2024-10-30",
        "body": body,
        "signers": [{"name": "นายทดสอบ ระบบ", "position": "ผู้อำนวยการ"}],
    }
    pdf = thaidocs.to_pdf(doc)
    for reader, extracted in extractions(pdf, tmp_path).items():
        assert missing(extracted, [text]) == [], reader


def test_sara_am_reads_as_one_character() -> None:
    doc = thaidocs.load(SAMPLES[0])
    text = pypdf_text(thaidocs.to_pdf(doc))
    assert "สำนักงาน" in text
    assert "\u0e4d\u0e32" not in text

"""Table header lines chosen here, so that Word and LibreOffice break them between words.

A header cell is narrow and holds terms ("ผู้มีส่วนได้ส่วนเสีย", "ตัวชี้วัด/ค่าเป้าหมาย"); the
applications' own Thai line breaking cuts them inside a word ("ผู้มีส่วนได้ส่วน|เสีย",
"ค่าเป้า|หมาย"), where the PDF never does. A header paragraph wider than its cell is broken
here instead, at the document's free break opportunities (spaces, and word boundaries that
every segmentation agrees on, the document's terms and names kept whole), each line as full
as its measured width allows, and written with line breaks; a word wider than its cell is
cut between its own words. Body cells keep the
applications' breaking: their text is meant to be edited.
"""

from __future__ import annotations

from msgspec.structs import replace

from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Paragraph
from thaidocs.thai.segment import Break, Segmenter


def broken(paragraph: Paragraph, width: float, segmenter: Segmenter) -> Paragraph:
    """``paragraph`` (one run) with a line break before each line that would not fit in
    ``width`` cm; unchanged when it fits or cannot be broken."""
    if len(paragraph.runs) != 1:
        return paragraph
    run = paragraph.runs[0]
    size = paragraph.size if run.size is None else run.size

    def fits(piece: str) -> bool:
        return text_width(piece.strip(), size, run.bold) <= width

    text = run.text
    if "\n" in text or fits(text):
        return paragraph
    levels = segmenter.opportunities(text)
    cuts = [i for i, level in levels.items() if level == Break.FREE]
    lines = []
    start = 0
    while not fits(text[start:]):
        later = [cut for cut in cuts if cut > start]
        fitting = [cut for cut in later if fits(text[start:cut])]
        if not fitting:  # a word wider than the cell: cut between its own words
            fitting = [cut for cut in levels if start < cut < (later or [len(text)])[0]]
            fitting = [cut for cut in fitting if fits(text[start:cut])]
        if not later and not fitting:
            break
        cut = fitting[-1] if fitting else later[0]
        lines.append(text[start:cut].strip())
        start = cut
    lines.append(text[start:].strip())
    return replace(paragraph, runs=(replace(run, text="\n".join(lines)),))

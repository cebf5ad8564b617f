"""Shaping keeps harfbuzz's answer whole: glyphs, positions, the characters each glyph stands
for and the justification gaps are those read glyph by glyph from the buffer."""

from __future__ import annotations

import unicodedata
from pathlib import Path

import uharfbuzz as hb
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pythainlp.corpus import thai_words

import thaidocs
from thaidocs.pdf.fonts import FontFace, font_data, load_family
from thaidocs.pdf.text.shaping import shape

FACES = [load_family().regular, load_family().bold]
WORDS = sorted(thai_words())
# Thai words, split sara am, marks with no base, Latin, right-to-left letters, spaces
TEXTS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=3),
        st.sampled_from(["น้ำ", "ทำ", "\u0e33", "\u0e48\u0e33", "ฯ", "ๆ", "๑๒๓", " ", "\u200b"]),
        st.sampled_from(["office", "fi", "x\u0301", "\u0301a", "שלום", "سلام", "(", "“"]),
    ),
    min_size=1,
    max_size=8,
).map("".join)


def _read_glyph_by_glyph(path: Path, text: str) -> tuple[object, ...]:
    """What the buffer says, one glyph at a time."""
    text = text.replace("\u200b", "")
    buffer = hb.Buffer()
    buffer.add_str(text)
    buffer.guess_segment_properties()
    hb.shape(font_data(path).hb_font, buffer, {})
    infos, positions = buffer.glyph_infos or [], buffer.glyph_positions or []
    clusters = [info.cluster for info in infos]
    starts = {
        i
        for i, c in enumerate(text)
        if i == 0 or not (c == "\u0e33" or unicodedata.category(c) in ("Mn", "Mc", "Me"))
    }
    pieces: list[str] = []
    i = 0
    while i < len(clusters):
        j = i
        while j < len(clusters) and clusters[j] == clusters[i]:
            j += 1
        chars = text[clusters[i] : clusters[j] if j < len(clusters) else len(text)]
        if j - i > len(chars):
            chars = chars.replace("\u0e33", "\u0e4d\u0e32")
        pieces += [chars[k : k + 1] if k < j - i - 1 else chars[k:] for k in range(j - i)]
        i = j
    gaps = [
        i
        for i in range(1, len(clusters))
        if clusters[i] != clusters[i - 1] and clusters[i] in starts
    ]
    return (
        [info.codepoint for info in infos],
        [p.x_advance for p in positions],
        [p.x_offset for p in positions],
        [p.y_offset for p in positions],
        tuple(pieces),
        gaps,
        sum(p.x_advance for p in positions),
    )


@settings(max_examples=300, deadline=None)
@given(TEXTS, st.sampled_from(FACES))
@example("\u0301שלום", FACES[0])  # right to left, the first character a mark
@example("น้ำทำกำลัง", FACES[1])
def test_shaped_text_is_what_harfbuzz_says_glyph_by_glyph(text: str, face: FontFace) -> None:
    thaidocs.clear_caches()
    shaped = shape(face, text)
    found = (
        list(shaped.glyphs),
        list(shaped.advances),
        list(shaped.x_offsets),
        list(shaped.y_offsets),
        shaped.pieces,
        list(shaped.gaps),
        shaped.width,
    )
    assert found == _read_glyph_by_glyph(face.path, text)
    drawn = unicodedata.normalize("NFKC", "".join(shaped.pieces))
    assert drawn == unicodedata.normalize("NFKC", text.replace("\u200b", ""))

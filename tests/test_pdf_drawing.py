"""A gap drawn between two runs is the same TJ content as a gap inside a run's content: the
one filled in directly, the other from its template, each numbering its fillers alike. The
characters each glyph stands for spell the source exactly."""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text.drawing import EmbeddedFont, _exact_pieces, _spacing
from thaidocs.pdf.text.shaping import shape

FACE = load_family().regular
WIDTHS = st.floats(min_value=-500, max_value=5000, allow_nan=False)


@given(st.lists(st.tuples(WIDTHS, st.sampled_from(["", "\t"])), min_size=1, max_size=6))
def test_a_gap_between_runs_is_filled_as_a_gap_inside_one(gaps: list[tuple[float, str]]) -> None:
    direct, templated = EmbeddedFont(FACE, "TD0"), EmbeddedFont(FACE, "TD0")
    for width, text in gaps:
        expected = templated._filled(*_spacing(templated._data, width, text))
        assert direct.space(width, text) == expected
    assert direct._others == templated._others  # the same character ids, in the same order


#: Thai letters, vowels, tone marks and digits, sara am among them
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)


@given(st.text(THAI, min_size=1, max_size=12))
@example("น้ำ").via("sara am drawn as two glyphs")
@example("กำหนดการทำงาน")
@example("ประชาสัมพันธ์")
def test_the_characters_of_each_glyph_spell_the_source(text: str) -> None:
    shaped = shape(FACE, text)
    exact = _exact_pieces(shaped)
    assert len(exact) == len(shaped.glyphs)
    assert "".join(exact) == shaped.text
    if "\u0e33" not in text:
        assert exact == shaped.pieces

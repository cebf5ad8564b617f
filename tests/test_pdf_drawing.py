"""A gap drawn between two runs is the same TJ content as a gap inside a run's content: the
one filled in directly, the other from its template, each numbering its fillers alike."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text.drawing import EmbeddedFont, _spacing

FACE = load_family().regular
WIDTHS = st.floats(min_value=-500, max_value=5000, allow_nan=False)


@given(st.lists(st.tuples(WIDTHS, st.sampled_from(["", "\t"])), min_size=1, max_size=6))
def test_a_gap_between_runs_is_filled_as_a_gap_inside_one(gaps: list[tuple[float, str]]) -> None:
    direct, templated = EmbeddedFont(FACE, "TD0"), EmbeddedFont(FACE, "TD0")
    for width, text in gaps:
        expected = templated._filled(*_spacing(templated._data, width, text))
        assert direct.space(width, text) == expected
    assert direct._others == templated._others  # the same character ids, in the same order

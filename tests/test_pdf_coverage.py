"""What the PDF font cannot draw is found exactly: the quick search for an unmapped character
never hides one, and the runs reported are those a character-by-character check gives."""

from __future__ import annotations

import itertools

from hypothesis import example, given
from hypothesis import strategies as st

from thaidocs.pdf.coverage import _drawn, font_cmap, undrawn

CMAP = font_cmap(None)
# Thai and Latin the font has, then what it lacks or draws only through a decomposition, or
# draws as nothing (format characters, spaces), and anything else
TEXTS = st.lists(
    st.one_of(
        st.text(st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B), max_size=4),
        st.sampled_from(["ราคา 1,500 บาท", "café", "e\u0301", "\u200b", "\u00a0", "\t", "\n"]),
        st.sampled_from(["中文", "😀", "ໄທ", "ក", "مرحبا", "\u2028", "\ufeff", "\x00", "\x7f"]),
        st.text(max_size=3),
    ),
    max_size=8,
).map("".join)


def _by_character(text: str) -> list[str]:
    runs = itertools.groupby(text, key=lambda char: _drawn(char, CMAP))
    return ["".join(run) for drawn, run in runs if not drawn]


@given(TEXTS)
@example("ภาษาจีน 中文 และ 😀")
@example("\u0000\r\u00a0~")
def test_undrawn_runs_are_those_found_character_by_character(text: str) -> None:
    assert [match.group() for match in undrawn(text, CMAP)] == _by_character(text)

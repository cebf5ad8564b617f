"""The shipped word list and maximal matching give pythainlp's answers, without pythainlp."""

from __future__ import annotations

import subprocess
import sys

from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.corpus import thai_words
from pythainlp.tokenize import newmm
from pythainlp.tokenize.tcc_p import tcc_pos_array

from thaidocs.thai.dictionary import Dictionary, newmm_segment, tcc_boundaries, thai_dictionary

WORDS = sorted(thai_words())
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E5B)
# text made of dictionary words, stray Thai characters, digits, Latin and spaces
PIECES = st.one_of(
    st.sampled_from(WORDS),
    st.text(THAI, min_size=1, max_size=3),
    st.sampled_from(["๑๒๓", "12,5", "abc", " ", "-", "\n"]),
)
TEXTS = st.lists(PIECES, max_size=25).map("".join)


def test_the_shipped_list_is_pythainlps() -> None:
    shipped = thai_dictionary()
    assert len(shipped) == len(set(WORDS))
    assert all(word in shipped for word in WORDS[::97])
    assert "ประชาสัมพันธ์" in shipped and "ประชาสัมพันธ์x" not in shipped


def test_looking_words_up_loads_no_pythainlp() -> None:
    code = (
        "import sys\n"
        "from thaidocs.thai.dictionary import newmm_segment, thai_dictionary\n"
        "print(newmm_segment('แนวทางในการ', thai_dictionary()), 'pythainlp' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["['แนว',", "'ทางใน',", "'การ']", "False"]


@settings(max_examples=150, deadline=None)
@given(TEXTS, st.integers(min_value=0, max_value=40))
def test_words_starting_at_a_position_are_found_as_by_slicing(text: str, start: int) -> None:
    shipped = thai_dictionary()
    expected = [end for end in range(start + 1, len(text) + 1) if text[start:end] in WORDS_SET]
    assert shipped.ends(text, start) == expected


WORDS_SET = frozenset(WORDS)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_clusters_and_words_are_pythainlps(text: str) -> None:
    assert tcc_boundaries(text) == tcc_pos_array(text)
    assert newmm_segment(text, thai_dictionary()) == newmm.segment(text)


def test_added_words_take_part() -> None:
    extended = thai_dictionary().with_words(["ชำนาญการพิเศษ"])
    assert newmm_segment("ชำนาญการพิเศษ", extended) == ["ชำนาญการพิเศษ"]
    assert newmm_segment("ชำนาญการพิเศษ", thai_dictionary()) == ["ชำนาญ", "การ", "พิเศษ"]
    assert len(Dictionary(["ข", "ก", "ข"])) == 2


@settings(max_examples=100, deadline=None)
@given(
    st.lists(st.sampled_from(WORDS), max_size=30),
    st.lists(st.one_of(st.sampled_from(WORDS), st.text(THAI, max_size=6)), max_size=12),
    st.lists(st.sampled_from(WORDS), max_size=4),
)
def test_added_words_are_words_of_the_list(
    base: list[str], extra: list[str], more: list[str]
) -> None:
    added = Dictionary(base).with_words(extra).with_words(more)
    words = {*base, *extra, *more} - {""}
    assert len(added) == len(words)
    assert all(word in added for word in words)
    text = "".join([*extra, *more, *base[:4]])
    for start in range(len(text)):
        inside = [end for end in range(start + 1, len(text) + 1) if text[start:end] in words]
        assert added.ends(text, start) == inside

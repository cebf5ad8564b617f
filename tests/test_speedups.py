"""The C word search (``thaidocs/thai/_speedups.c``) gives the answers of the Python it
mirrors, which runs where the extension is not built."""

from __future__ import annotations

import os
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from test_word_lattice import RUNS, THAI

from thaidocs.thai import segment
from thaidocs.thai.dictionary import Dictionary, native, skip_end, tcc_boundaries

# any text a line may hold, letters of other scripts and astral characters among the Thai
TEXTS = st.lists(
    st.one_of(RUNS, st.text(max_size=4), st.sampled_from([" ", "๑๒๐", "abc", "😀", "…"])),
    max_size=8,
).map("".join)


def _built() -> ModuleType:
    if native is None:
        if os.environ.get("CI") == "true":
            pytest.fail("thaidocs.thai._speedups is not built (a C compiler is needed)")
        pytest.skip("thaidocs.thai._speedups is not built: the Python runs alone")
    return native


# runs of Thai letters: dictionary words, government terms and stray letters (which newmm
# passes over as unknown, through ``skip_end``)
@settings(max_examples=300, deadline=None)
@given(RUNS)
def test_a_run_breaks_in_c_where_it_breaks_in_python(run: str) -> None:
    speedups = _built()
    valid = tcc_boundaries(run)
    words = segment._dictionary()
    expected = segment.run_breaks(run, valid, words)
    assert speedups.run_breaks(*words.native_lists(), run, valid, skip_end) == expected


@settings(max_examples=300, deadline=None)
@given(TEXTS)
def test_the_words_at_each_cluster_are_found_in_c_as_in_python(text: str) -> None:
    _built()
    valid = tcc_boundaries(text)
    words = segment._dictionary()
    assert words.cluster_ends(text, valid) == words.scan(text, valid)


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.text(THAI, min_size=1, max_size=5), max_size=30),
    st.lists(st.text(THAI, min_size=1, max_size=5), max_size=10),
    st.text(THAI, max_size=30),
    st.binary(max_size=32),
)
def test_any_word_lists_and_cluster_ends_give_the_same_table(
    words: list[str], added: list[str], text: str, flags: bytes
) -> None:
    """Lists of a few short words meet the text often: words of one letter, words that are
    each other's prefixes, added words that lengthen listed ones; any offsets may end a
    cluster, the start too, and the flags may be shorter or longer than the text."""
    _built()
    dictionary = Dictionary(words).with_words(added)
    valid = bytearray(flags)
    assert dictionary.cluster_ends(text, valid) == dictionary.scan(text, valid)


def test_a_word_list_for_c_is_sorted_distinct_str() -> None:
    speedups = _built()
    with pytest.raises(ValueError, match="sorted"):
        speedups.WordList(["ข", "ก"])
    with pytest.raises(ValueError, match="repeats"):
        speedups.WordList(["ก", "ก"])
    with pytest.raises(TypeError, match="str"):
        speedups.WordList(["ก", 1])
    empty = speedups.WordList([])
    assert speedups.cluster_ends(empty, empty, "กข", b"\x00\x01\x01") == [[], []]


def test_an_unknown_piece_is_passed_over_as_python_passes_it() -> None:
    """newmm asks ``skip_end`` where no word starts; what it raises reaches the caller."""
    speedups = _built()
    lists = segment._dictionary().native_lists()
    run = "ฃฃฃการประชุม"
    valid = tcc_boundaries(run)
    expected = segment.run_breaks(run, valid, segment._dictionary())
    assert speedups.run_breaks(*lists, run, valid, skip_end) == expected

    def broken(*_: object) -> int:
        raise LookupError("from skip_end")

    with pytest.raises(LookupError, match="from skip_end"):
        speedups.run_breaks(*lists, run, valid, broken)
    with pytest.raises(ValueError, match="forward"):
        speedups.run_breaks(*lists, run, valid, lambda *_: 0)

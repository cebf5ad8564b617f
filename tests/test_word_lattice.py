"""New text is segmented in one pass over its clusters, with a memo of the prefixes met, and
still gives the line breaks of the plain definition: every word by slicing, pythainlp's newmm
for the tokens, the fewest-words search position by position."""

from __future__ import annotations

from itertools import accumulate
from unittest import mock

from hypothesis import given, settings
from hypothesis import strategies as st
from pythainlp.corpus import thai_words
from pythainlp.tokenize import newmm
from pythainlp.tokenize.tcc_p import tcc_pos_array
from pythainlp.util import Trie

import thaidocs
from thaidocs import caching
from thaidocs.thai import segment
from thaidocs.thai.dictionary import tcc_boundaries, thai_dictionary
from thaidocs.thai.segment import Segmenter, lexicon

WORDS = sorted({*thai_words(), *lexicon("terms")})
WORD_SET = frozenset(WORDS)
TRIE = Trie(WORDS)
THAI = st.characters(min_codepoint=0x0E01, max_codepoint=0x0E4E)
# runs of Thai letters: dictionary words, government terms and stray letters
RUNS = st.lists(
    st.one_of(
        st.sampled_from(WORDS),
        st.sampled_from(lexicon("terms")),
        st.text(THAI, min_size=1, max_size=3),
    ),
    min_size=1,
    max_size=12,
).map("".join)
# paragraphs: runs with spaces, digits, names and amounts between them
TEXTS = st.lists(
    st.one_of(
        RUNS,
        st.sampled_from([" ", "\u200b", "๑๒๐ ", "พ.ศ. ๒๕๖๘", "นายสมชาย ใจดี", "abc", "/", "ฯ"]),
    ),
    max_size=10,
).map("".join)


def _plain_run_breaks(run: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """The safe and inside-a-word boundaries of a Thai run by the plain definition."""
    tokens = newmm.segment(run, custom_dict=TRIE)
    if len(tokens) < 2:
        return (), ()
    n = len(run)
    valid = tcc_pos_array(run)
    cuts = list(accumulate(map(len, tokens)))
    own = dict(zip([0, *cuts], cuts, strict=False))
    cuts.pop()
    unreached = n + 1
    first = [unreached] * (n + 1)
    first[0] = 0
    edges: list[list[int]] = [[] for _ in range(n + 1)]
    for i in range(n):
        if first[i] == unreached:
            continue
        edges[i] = [j for j in range(i + 1, n + 1) if valid[j] and run[i:j] in WORD_SET]
        if own.get(i) is not None and own[i] not in edges[i]:
            edges[i].append(own[i])
        for j in edges[i]:
            first[j] = min(first[j], first[i] + 1)
    rest = [unreached] * (n + 1)
    rest[n] = 0
    for i in range(n - 1, -1, -1):
        if edges[i]:
            rest[i] = min(rest[j] for j in edges[i]) + 1
    total = first[n]
    inside: set[int] = set()
    for i in range(n):
        if edges[i] and first[i] + rest[i] == total:
            for j in edges[i]:
                if first[i] + 1 + rest[j] == total:
                    inside.update(range(i + 1, j))
    safe = [p for p in range(1, n) if p not in inside and first[p] + rest[p] == total]
    return tuple(safe), tuple(p for p in cuts if p not in safe)


@settings(max_examples=300, deadline=None)
@given(RUNS)
def test_a_run_breaks_where_the_plain_definition_does(run: str) -> None:
    assert segment._run_breaks(run) == _plain_run_breaks(run)


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_opportunities_are_those_of_the_plain_definition(text: str) -> None:
    thaidocs.clear_caches()
    found = Segmenter(["สำนักงานเขตพื้นที่การศึกษา"]).opportunities(text)
    with mock.patch.object(segment, "_run_breaks", _plain_run_breaks):
        expected = Segmenter(["สำนักงานเขตพื้นที่การศึกษา"]).opportunities(text)
    assert found == expected


@settings(max_examples=150, deadline=None)
@given(TEXTS)
def test_words_at_every_cluster_are_the_words_found_by_slicing(text: str) -> None:
    valid = tcc_boundaries(text)
    table = thai_dictionary().cluster_ends(text, valid)
    assert len(table) == len(text)
    for start, ends in enumerate(table):
        if start == 0 or valid[start]:
            expected = [
                end
                for end in range(start + 1, len(text) + 1)
                if valid[end] and text[start:end] in thai_dictionary()
            ]
            assert ends == expected


def test_the_prefix_memo_stays_in_its_budget_and_empties_with_the_caches() -> None:
    before = caching.cache_limit()
    words = thai_dictionary()
    text = "ประกาศสำนักงานเขตพื้นที่การศึกษามัธยมศึกษาเพชรบุรี"
    expected = words.ends(text, 6)
    assert words._prefixes.bytes > 0
    try:
        thaidocs.set_cache_limit(0)  # nothing may be kept: answers stay the same
        assert words._prefixes.bytes == 0
        assert words.ends(text, 6) == expected == [8, 11, 14, 17]  # สำ สำนัก สำนักงาน สำนักงานเขต
        assert words._prefixes.bytes == 0
    finally:
        thaidocs.set_cache_limit(before)
    words.ends(text, 6)
    thaidocs.clear_caches()
    assert words._prefixes.bytes == 0

"""The C twins (``_speedups.c`` of ``thaidocs.thai`` and ``thaidocs.pdf.text``) give the
answers of the Python each mirrors, which runs where they are not built."""

from __future__ import annotations

import json
import os
from array import array
from functools import partial
from types import ModuleType, SimpleNamespace
from typing import Any
from unittest import mock

import pytest
import yaml
from conftest import SAMPLE_DIR, SAMPLE_FILES, require_built, true_in_a_fork
from hypothesis import given, settings
from hypothesis import strategies as st
from test_word_lattice import RUNS, THAI

import thaidocs
from thaidocs.layout import Paragraph
from thaidocs.layout.tree import Align, Leader, Run, TabStop
from thaidocs.pdf.fonts import load_family
from thaidocs.pdf.text import TextEngine, breaking, drawing, engine, justification, shaping
from thaidocs.pdf.text.breaking import Item, Kind
from thaidocs.pdf.text.engine import CM
from thaidocs.thai import dictionary, segment
from thaidocs.thai.dictionary import Dictionary, native, skip_end, tcc_boundaries
from thaidocs.thai.segment import Break

# any text a line may hold, letters of other scripts and astral characters among the Thai
TEXTS = st.lists(
    st.one_of(RUNS, st.text(max_size=4), st.sampled_from([" ", "๑๒๐", "abc", "😀", "…"])),
    max_size=8,
).map("".join)


def _built(module: ModuleType | None = native) -> ModuleType:
    return require_built(module)


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


# any character of the Thai block, marks and vowels in any order, among others and newlines
CLUSTER_TEXTS = st.text(
    st.one_of(
        st.characters(min_codepoint=0x0E00, max_codepoint=0x0E7F),
        st.sampled_from([" ", "\n", "a", "1", ".", "\u200b", "😀", "\u0dff", "\u0e80"]),
    ),
    max_size=40,
)


@settings(max_examples=2000, deadline=None)
@given(st.one_of(CLUSTER_TEXTS, RUNS, RUNS.map(lambda run: run + "\n")))
def test_thai_clusters_end_in_c_where_their_pattern_ends_them(text: str) -> None:
    """Every alternative of the pattern, its lookahead at the end of the text and before a
    final newline, characters outside the Thai block."""
    speedups = _built()
    assert dictionary.TCC_ATOMS is not None
    with_c = tcc_boundaries(text)
    with mock.patch.object(dictionary, "native", None):
        assert tcc_boundaries(text) == with_c
    assert speedups.cluster_boundaries(dictionary.TCC_ATOMS, text) == with_c


def test_a_cluster_pattern_c_cannot_run_is_left_to_python() -> None:
    """More of the regular expression language than the C search runs: read as None, and
    atoms that break its rules are refused."""
    speedups = _built()
    for pattern in ["ก*", "ก{2}", "(?:ก)?ข", "[^ก]", "a", "ก|[ข-ค]?", "[ก-\\]", "[ค-ก]"]:
        assert dictionary._tcc_atoms(pattern) is None
    assert dictionary._tcc_atoms("ก[ข-ค]?(?=[ง]|$)(?:จ)?") is not None
    for atoms in [((1, 1, 0),), ((0, 1, 0), (3, 5, 0)), ((0, 1, 0), (9, 0, 0))]:
        with pytest.raises(ValueError, match="atom"):
            speedups.cluster_boundaries((atoms,), "ก")


# a document's words: overlapping, nested, sharing first letters, and in other scripts
DOCUMENT_WORDS = st.lists(
    st.one_of(st.sampled_from(["นาย", "นายก", "สมชาย", "ชาย", "ก.พ.", "เขต ๑"]), RUNS, TEXTS),
    max_size=6,
)


@settings(max_examples=300, deadline=None)
@given(DOCUMENT_WORDS, st.lists(st.one_of(TEXTS, DOCUMENT_WORDS.map("".join))).map("".join))
def test_a_document_s_words_are_found_in_c_where_its_pattern_finds_them(
    words: list[str], text: str
) -> None:
    speedups = _built()
    with_c = segment.Segmenter(words, names=["นายสมชาย ใจดี"])
    python = segment.Segmenter(words, names=["นายสมชาย ใจดี"])
    with mock.patch.object(segment, "native", None):
        expected = python.words_in(text)
    assert with_c.words_in(text) == expected
    with pytest.raises(ValueError, match="non-empty"):
        speedups.find_words(("ก", ""), text)


def test_an_unknown_piece_is_passed_over_as_python_passes_it() -> None:
    """newmm asks ``skip_end`` where no word starts: in C for a run of Thai letters, else the
    one given, whose errors reach the caller and which reads a copy of the table."""
    speedups = _built()
    lists = segment._dictionary().native_lists()

    def broken(*_: object) -> int:
        raise LookupError("from skip_end")

    for run, asked in [("ฃฃฃการประชุม", False), ("ฃฃฃการ๑ประชุม", True)]:
        valid = tcc_boundaries(run)
        expected = segment.run_breaks(run, valid, segment._dictionary())
        assert speedups.run_breaks(*lists, run, valid, skip_end) == expected
        if not asked:
            assert speedups.run_breaks(*lists, run, valid, broken) == expected
            continue
        with pytest.raises(LookupError, match="from skip_end"):
            speedups.run_breaks(*lists, run, valid, broken)
        with pytest.raises(ValueError, match="forward"):
            speedups.run_breaks(*lists, run, valid, lambda *_: 0)

        def emptied(text: str, begin: int, valid: bytearray, table: list[list[int]]) -> int:
            end = skip_end(text, begin, valid, table)
            table.clear()
            return end

        assert speedups.run_breaks(*lists, run, valid, emptied) == expected


@settings(max_examples=100, deadline=None)
@given(st.lists(RUNS | st.sampled_from(["ก๑ข", "abc", ""]), max_size=12))
def test_runs_found_ahead_in_a_thread_break_as_they_break_here(runs: list[str]) -> None:
    speedups = _built()
    lists = segment._dictionary().native_lists()
    assert dictionary.TCC_ATOMS is not None
    job = speedups.Ahead(*lists, dictionary.TCC_ATOMS, runs)
    for index in reversed(range(len(runs))):  # asked in any order, each when it is ready
        run = runs[index]
        found = job.result(index)
        if all("\u0e01" <= c <= "\u0e4e" for c in run):
            expected = segment.run_breaks(run, tcc_boundaries(run), segment._dictionary())
            assert found == expected
        else:  # left to the caller
            assert found is None
    with pytest.raises(IndexError):
        job.result(len(runs))
    with pytest.raises(TypeError):
        speedups.Ahead(*lists, dictionary.TCC_ATOMS, [*runs, 1])


@pytest.mark.filterwarnings("ignore:This process .* is multi-threaded:DeprecationWarning")
def test_jobs_ahead_dropped_early_or_forked_away_are_left_to_the_caller() -> None:
    speedups = _built()
    lists = segment._dictionary().native_lists()
    runs = ["ประกาศสำนักงานเขตพื้นที่การศึกษา" * 4] * 200
    for _ in range(20):  # dropped while queued, or while the worker finds their breaks
        speedups.Ahead(*lists, dictionary.TCC_ATOMS, runs)
    job = speedups.Ahead(*lists, dictionary.TCC_ATOMS, runs)
    if hasattr(os, "fork"):  # the parent's worker is not there: the child finds the breaks
        assert true_in_a_fork(lambda: job.result(199) is None)
    expected = segment.run_breaks(runs[0], tcc_boundaries(runs[0]), segment._dictionary())
    assert job.result(199) == expected


def test_a_document_laid_out_leaves_no_run_ahead() -> None:
    _built()
    doc = thaidocs.load(SAMPLE_FILES[0])
    thaidocs.clear_caches()
    thaidocs.to_pdf(doc)
    assert not segment._ahead


# a paragraph's items: words and the spaces between them, now and then a tab; breaks mostly
# free, some inside terms, words or names; widths that leave many ways to break a line
WORD = st.tuples(
    st.just(Kind.BOX),
    st.sampled_from([Break.NONE, Break.FREE, Break.FREE, Break.FREE, Break.TERM, Break.WORD]),
    st.floats(2, 60),
    st.floats(0, 2),
)
OTHER = st.tuples(
    st.sampled_from([Kind.GLUE, Kind.GLUE, Kind.GLUE, Kind.TAB]),
    st.sampled_from(list(Break)),
    st.floats(0, 8),
    st.floats(0, 1),
)
ITEMS = st.lists(st.one_of(WORD, WORD, OTHER), min_size=1, max_size=60)


def _items(drawn: list[tuple[Kind, Break, float, float]]) -> list[Item]:
    return [
        Item(k, k + 1, kind, 0, before, width=0.0 if kind == Kind.TAB else width, stretch=stretch)
        for k, (kind, before, width, stretch) in enumerate(drawn)
    ]


@settings(max_examples=400, deadline=None)
@given(ITEMS, st.floats(40, 400), st.floats(0, 60), st.booleans(), st.integers(0, 3))
def test_a_paragraph_breaks_in_c_into_the_lines_python_breaks_it(
    drawn: list[tuple[Kind, Break, float, float]],
    width: float,
    indent: float,
    justified: bool,
    first_line: int,
) -> None:
    """The same lines, the same rooms asked for, and the same widths left on the tabs where
    they finally fall: from ragged and justified paragraphs, lines too long and too short,
    tabs past the edge."""
    speedups = _built(shaping.native)

    def python(*args: Any) -> list[tuple[int, int]]:
        with mock.patch.object(breaking, "native", None):
            return breaking._total_fit(*args)

    def c(*args: Any) -> list[tuple[int, int]]:
        return speedups.total_fit(*args, breaking._CONSTANTS)  # type: ignore[no-any-return]

    results = []
    for fit in (python, c):
        items = _items(drawn)
        asked: set[int] = set()

        def available(line: int, asked: set[int] = asked) -> float:
            asked.add(line)
            return width - indent if line == 0 else width

        def tab_width(line: int, x: float, items: list[Item], k: int) -> float:
            return 36.0 - x % 36.0 + line

        lines = fit(items, 0, len(items), first_line, available, tab_width, justified)
        results.append((lines, asked, [item.width for item in items]))
    assert results[1] == results[0]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(st.one_of(RUNS, st.sampled_from([" ", " ", "\t", "๑๒๐ บาท", "\n"])), max_size=30),
    st.sampled_from([3.0, 7.5, 12.0, 16.0]),
    st.sampled_from([Align.DISTRIBUTE, Align.LEFT, Align.CENTER]),
)
def test_thai_paragraphs_break_in_c_into_the_lines_python_breaks_them(
    pieces: list[str], width: float, align: Align
) -> None:
    """Real text, as the engine cuts it into items: the lines are the same."""
    _built(shaping.native)
    paragraph = Paragraph((Run("".join(pieces)),), align=align)
    family = load_family()
    thaidocs.clear_caches()
    with_c = TextEngine(family).lay_out(paragraph, width * CM)
    thaidocs.clear_caches()
    with mock.patch.object(breaking, "native", None):
        assert TextEngine(family).lay_out(paragraph, width * CM) == with_c
    thaidocs.clear_caches()


# what a paragraph holds besides Thai runs: white space a line breaks at (U+200B, tabs,
# newlines, wide spaces) and the no-break spaces it never breaks at, numbers, Latin
PIECES = [" ", "  ", "\t", "\n", "\r\n", "\u200b", "\u200b\u200b ", " \u200b", "\u3000", "\u2003"]
PIECES += ["\u00a0", "\u2007", "\u202f", "๑๒๐ บาท", "abc", "ทำ", ""]
# runs of a paragraph: Thai and other text, bold and larger, coloured
STYLED_RUNS = st.lists(
    st.builds(
        Run,
        st.lists(st.one_of(RUNS, st.sampled_from(PIECES)), max_size=6).map("".join),
        st.booleans(),
        st.sampled_from([None, None, 14.0, 20, 24.0]),
        st.sampled_from([None, None, "C00000"]),
    ),
    min_size=1,
    max_size=5,
)
STOPS = st.lists(
    st.builds(
        TabStop,
        st.floats(0.5, 15),
        st.sampled_from(list(Align)),
        st.sampled_from(list(Leader)),
    ),
    max_size=3,
).map(lambda stops: tuple(sorted(stops, key=lambda stop: stop.position)))


@settings(max_examples=200, deadline=None)
@given(
    STYLED_RUNS,
    STOPS,
    st.sampled_from(list(Align)),
    st.sampled_from([2.0, 6.0, 16.0]),
    st.floats(0, 2),
    st.floats(-1, 1),
)
def test_a_line_is_placed_in_c_where_python_places_it(
    runs: list[Run],
    stops: tuple[TabStop, ...],
    align: Align,
    width: float,
    left: float,
    first: float,
) -> None:
    """Every alignment, justified lines with and without spaces, styles of several sizes,
    tabs with dotted leaders, lines too long and empty: the same lines, run for run."""
    _built(shaping.native)
    paragraph = Paragraph(
        tuple(runs), align=align, tabs=stops, left_indent=left, first_line_indent=first
    )
    family = load_family()
    thaidocs.clear_caches()
    with_c = TextEngine(family, line_spacing=1.15).lay_out(paragraph, width * CM)
    thaidocs.clear_caches()
    with mock.patch.object(justification, "native", None):
        assert TextEngine(family, line_spacing=1.15).lay_out(paragraph, width * CM) == with_c
    thaidocs.clear_caches()


@settings(max_examples=300, deadline=None)
@given(STYLED_RUNS)
def test_a_paragraph_is_cut_into_the_same_items_by_c(runs: list[Run]) -> None:
    """Breaks, spaces and U+200B, tabs and newlines, style changes and empty runs."""
    speedups = _built(shaping.native)
    engine = TextEngine(load_family())
    text = "".join(run.text for run in runs)
    bounds = []
    position = 0
    for style, run in enumerate(runs):
        bounds.append((position, position + len(run.text), style))
        position += len(run.text)
    for breaks in (engine.segmenter.opportunities(text), {}):  # {}: glue and tabs alone cut
        with_c = breaking.split_items(text, bounds, breaks)
        with mock.patch.object(breaking, "native", None):
            assert breaking.split_items(text, bounds, breaks) == with_c
    with pytest.raises(ValueError, match="outside"):
        speedups.split_items("ก", [(0, 2, 0)], {}, Item, breaking._KINDS, Break.NONE)


@settings(max_examples=200, deadline=None)
@given(STYLED_RUNS)
def test_a_paragraph_s_items_are_shaped_and_measured_by_c_as_by_python(runs: list[Run]) -> None:
    """Boxes and glue in several faces and sizes, words met twice, tabs and newlines left
    alone: the same shapes, widths and stretch, item for item."""
    _built(shaping.native)
    paragraph = Paragraph(tuple(runs))
    family = load_family()
    with_c = TextEngine(family)._items(paragraph)
    with mock.patch.object(engine, "native", None):
        python = TextEngine(family)._items(paragraph)
    assert python == with_c
    assert [item.shaped for item in python[0]] == [item.shaped for item in with_c[0]]


def test_a_glyph_run_of_other_fields_is_refused_by_the_c_placing() -> None:
    """The C placing fills a glyph run's fields itself: a run of other fields is an error."""
    speedups = _built(shaping.native)
    family = load_family()
    style = TextEngine(family)._style(False, 16.0, None)
    classes = (*justification._PLACING[:-1], ("face", "size"))
    with pytest.raises(TypeError, match="fields"):
        speedups.place([], [style], 0.0, 100.0, 0, {}, 1.0, style, "", classes)


@st.composite
def _shaped_pieces(draw: st.DrawFn) -> tuple[Any, ...]:
    """What a template is made of: glyphs with their advances and offsets (marks raised and
    lowered, by a unit or many), justification gaps, the characters each glyph stands for,
    the font's own text and advance of each glyph, and its units per em."""
    count = draw(st.integers(0, 12))

    def ints(values: st.SearchStrategy[int]) -> array[int]:
        return array("i", draw(st.lists(values, min_size=count, max_size=count)))

    pieces = st.lists(st.sampled_from(["ก", "ำ", "", "กา", "\t"]), min_size=count, max_size=count)
    return (
        ints(st.integers(0, 9)),
        ints(st.integers(-50, 1200)),
        ints(st.integers(-300, 300) | st.just(0)),
        ints(st.sampled_from([0, 0, 0, -1, 1, -250, 180])),
        array("i", sorted(draw(st.sets(st.integers(-1, count + 1))))),
        tuple(draw(pieces)),
        draw(st.dictionaries(st.integers(0, 9), st.sampled_from(["ก", "ำ", "กา"]))),
        tuple(draw(st.lists(st.integers(0, 1200), min_size=10, max_size=10))),
        draw(st.sampled_from([1000, 1024, 2048])),
    )


@settings(max_examples=500, deadline=None)
@given(_shaped_pieces())
def test_a_tj_template_from_c_is_the_one_python_makes(piece: tuple[Any, ...]) -> None:
    speedups = _built(shaping.native)
    assert speedups.template(*piece) == drawing.tj_template(*piece)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.builds(
            SimpleNamespace,
            end=st.integers(0, 10**6),
            style=st.integers(0, 5),
            width=st.floats(allow_nan=False) | st.integers(-(10**20), 10**20),
        ),
        max_size=20,
    ),
    st.integers(0, 10**6),
)
def test_a_placed_lines_key_holds_the_same_extents_from_c(items: list[Any], first: int) -> None:
    speedups = _built(shaping.native)
    assert speedups.line_extents(items, first) == engine.line_extents(items, first)


def test_an_extent_that_is_no_number_is_refused_by_c_as_by_python() -> None:
    speedups = _built(shaping.native)
    for wrong in ("12", None):
        items: list[Any] = [SimpleNamespace(end=3, style=0, width=wrong)]
        for twin in (speedups.line_extents, engine.line_extents):
            with pytest.raises(TypeError):
                twin(items, 0)


PAIRS = st.tuples(st.integers(0, 9), st.sampled_from(["", "ก", "\t", "ำ"]))
# a template: fragments with slots ("{}") or none, the glyphs drawing their own text, the
# other pairs (as many as the slots, or fewer or more: the gaps' slots are taken in turn)
TEMPLATES = st.builds(
    drawing._Template,
    st.lists(st.sampled_from(["<{}0041>", "<0042>", " -12 ", "<{}{}>", ""]), min_size=1).map(tuple),
    st.frozensets(st.integers(0, 40)),
    st.lists(PAIRS, max_size=5).map(tuple),
)


@settings(max_examples=500, deadline=None)
@given(
    st.lists(st.tuples(st.sampled_from(["ก", "ข", "ค", "ง"]), TEMPLATES), max_size=6),
    st.sets(st.sampled_from(["ก", "ข", "ค", "ง"])),
    st.sampled_from(["  ", " 12.5 ", " <{}> ", " <{}{}>-3 "]),
    st.lists(PAIRS, max_size=2).map(tuple),
    st.lists(PAIRS, max_size=3).map(tuple),
)
def test_a_runs_content_is_put_together_in_c_as_in_python(
    pieces: list[tuple[str, Any]],
    known_texts: set[str],
    joint: str,
    numbered: tuple[Any, ...],
    joint_slots: tuple[Any, ...],
) -> None:
    """The pieces' templates, those the document knows and those it makes (in the same order,
    the same ones), their fragments joined, their pairs and the gaps' interleaved, each
    natural glyph once."""
    speedups = _built(shaping.native)
    templates = dict(pieces)  # the last template given for a text is the text's
    shaped = tuple(SimpleNamespace(text=text) for text, _ in pieces)
    known = {text: template for text, template in templates.items() if text in known_texts}
    made: list[list[str]] = [[], []]
    twins: list[Any] = [speedups.run_parts, drawing.run_parts]
    results = [
        run_parts(shaped, known, partial(_made, templates, calls), joint, numbered, joint_slots)
        for run_parts, calls in zip(twins, made, strict=True)
    ]
    assert made[0] == made[1]
    assert results[0] == results[1]


def _made(templates: dict[str, Any], calls: list[str], text: str) -> Any:
    calls.append(text)
    return templates[text]


SHAPED = ["ทำ", "น้ำ", "ญู ฐู", "ปั้น", "ผู้", "\t", ""]


@settings(max_examples=100, deadline=None)
@given(st.one_of(TEXTS, st.sampled_from(SHAPED)), st.booleans())
def test_a_piece_of_text_has_the_same_tj_template_from_c(text: str, bold: bool) -> None:
    """Shaped by the font: sara am drawn as two glyphs, marks moved, gaps between clusters."""
    _built(shaping.native)
    face = load_family().face(bold)
    with_c = drawing._template.__wrapped__(face, text)
    with mock.patch.object(drawing, "native", None):
        assert drawing._template.__wrapped__(face, text) == with_c


@settings(max_examples=200, deadline=None)
@given(st.one_of(TEXTS, st.sampled_from(SHAPED)), st.booleans())
def test_a_text_is_shaped_into_the_same_fields_by_c(text: str, bold: bool) -> None:
    """Clusters of one glyph a character, sara am as two glyphs (its pieces from Python),
    marks moved, letters the font lacks, astral characters."""
    _built(shaping.native)
    face = load_family().face(bold)
    with_c = shaping.shape.__wrapped__(face, text)
    with mock.patch.object(shaping, "native", None):
        assert shaping.shape.__wrapped__(face, text) == with_c


def test_glyphs_c_cannot_hold_are_refused_as_python_refuses_them() -> None:
    """A glyph number beyond a C int, a cluster beyond the text: the errors Python raises."""
    speedups = _built(shaping.native)
    position: Any = SimpleNamespace(position=(0, 0, 500, 0))
    huge: Any = SimpleNamespace(codepoint=2**40, cluster=0)
    first: Any = SimpleNamespace(codepoint=1, cluster=0)
    outside: Any = SimpleNamespace(codepoint=1, cluster=5)
    for infos, error in [([huge], OverflowError), ([first, outside], IndexError)]:
        positions = [position] * len(infos)
        with pytest.raises(error):
            shaping.shaped_parts("กข", infos, positions)
        with pytest.raises(error):
            speedups.shaped_parts("กข", infos, positions, segment.starts_cluster, shaping._pieces)
    with pytest.raises(ValueError, match="at least one"):
        speedups.shaped_parts("ก", [], [], segment.starts_cluster, shaping._pieces)


def test_what_the_callbacks_raise_reaches_the_caller() -> None:
    speedups = _built(shaping.native)
    items = _items([(Kind.BOX, Break.NONE, 50.0, 0.0), (Kind.TAB, Break.FREE, 0.0, 0.0)] * 3)

    def no_room(line: int) -> float:
        raise LookupError("from available")

    def no_tab(line: int, x: float, items: list[Item], k: int) -> float:
        raise LookupError("from tab_width")

    for available, tab_width, message in [
        (no_room, lambda *_: 1.0, "from available"),
        (lambda line: 80.0, no_tab, "from tab_width"),
    ]:
        with pytest.raises(LookupError, match=message):
            speedups.total_fit(items, 0, 6, 0, available, tab_width, True, breaking._CONSTANTS)
    with pytest.raises(IndexError):
        speedups.total_fit(items, 0, 9, 0, no_room, no_tab, True, breaking._CONSTANTS)

    def taking(line: int, x: float, items: list[Item], k: int) -> float:
        items.clear()
        return 1.0

    with pytest.raises(RuntimeError, match="changed"):
        speedups.total_fit(items, 0, 6, 0, lambda line: 80.0, taking, True, breaking._CONSTANTS)


def test_documents_are_the_same_bytes_from_the_python_alone(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Every sample, and the announcement for provinces of every length (a merge), from empty
    caches: once with the C twins, once with the Python alone."""
    _built()
    _built(shaping.native)
    docs = [thaidocs.load(path) for path in SAMPLE_FILES]
    source = yaml.safe_load((SAMPLE_DIR / "announcement.yaml").read_text(encoding="utf-8"))
    announcement = json.dumps(source, ensure_ascii=False, default=str)
    for province in ["ตาก", "ชัยนาท", "นครศรีธรรมราช", "ประจวบคีรีขันธ์", "พระนครศรีอยุธยา"]:
        merged = json.loads(announcement.replace("เพชรบุรี", province))
        docs.append(thaidocs.from_dict(merged))
    thaidocs.clear_caches()
    with_c = [thaidocs.to_pdf(doc) for doc in docs]
    for module in (dictionary, segment, breaking, shaping, drawing, justification, engine):
        monkeypatch.setattr(module, "native", None)
    thaidocs.clear_caches()
    try:
        assert [thaidocs.to_pdf(doc) for doc in docs] == with_c
    finally:
        thaidocs.clear_caches()

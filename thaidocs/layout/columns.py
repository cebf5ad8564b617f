"""Table column widths from what the cells hold, as a typist sizes a table.

A column is never narrower than its widest unbreakable unit (a number, a name, a month label,
a document term, a dictionary word), so none of these ever wraps inside a cell; what is left
of the width goes to the columns in proportion to their natural width (their widest line set
on one line), so long text gets the room and short columns stay short. When even the units
do not fit side by side, the widest are taken smaller (a term into its words, then letters,
numbers last), so the content wraps rather than overprints. A table that cannot
fit one letter per column is refused (``TooWide``) rather than drawn over its border.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from functools import cache
from itertools import pairwise
from typing import TYPE_CHECKING

from msgspec import Struct

from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Cell, grid_cells

if TYPE_CHECKING:
    from thaidocs.thai.segment import Segmenter

#: widths measured with the bundled face, taken this much wider: another face of the same
#: metrics (TH Sarabun New) differs by up to about 1 %
_SAFETY = 1.02


class TooWide(ValueError):
    """The columns cannot fit the width even one letter wide: ``least`` cm are needed."""

    def __init__(self, least: float, total: float, columns: int) -> None:
        self.least = least
        self.total = total
        self.columns = columns
        super().__init__(
            f"{columns} columns need at least {least:.1f} cm, the text is {total:.1f} cm wide"
        )


#: the step of ``_steps`` that takes terms apart into their words
_TERMS = 1
#: a number with its separators (๑๔๕,๗๕๐.๕๐, ๐๙.๐๐, ๓๐/๑๐/๒๕๖๗) or an abbreviation (ต.ค.)
_KEEP = re.compile(r"[0-9๐-๙](?:[0-9๐-๙,.:/]*[0-9๐-๙])?|(?:[\u0e01-\u0e4e]{1,3}\.)+")
#: the step of ``_steps`` that cuts words into letters but keeps numbers, abbreviations and
#: names whole
_KEPT = 3


class _Text(Struct, frozen=True):
    """One line of a cell: its text and style, and its width in cm set on one line."""

    text: str
    size: float
    bold: bool
    width: float

    def measure(self, text: str) -> float:
        return text_width(text, self.size, self.bold) * _SAFETY


def content_widths(
    rows: Sequence[Sequence[Cell]],
    columns: int,
    total: float,
    padding: float,
    words: Iterable[str],
    shares: Sequence[float] | None = None,
) -> tuple[float, ...]:
    """Widths in cm of ``columns`` grid columns filling ``total`` cm, from the cells of
    ``rows`` (header rows included; cells covered by a row span omitted, as in a Table).

    ``padding``: cm of padding on each side of a cell; ``words``: the document's terms and
    names, which count as units; ``shares``: a house layout's proportions to share the width
    by instead of natural width, where only numbers, abbreviations and names hold a column
    wider. A term wider than its column's share in proportion wraps between its words. When
    the units still do not fit side by side, they are taken a step smaller (terms into words,
    long words into the words they are made of, words into letters, at last numbers,
    abbreviations and names too), each step for every column, widest first, before the next
    step for any, so short units are the last to give. Raises ``TooWide`` when even letters
    do not fit.
    """
    # imported here: the dictionary segmenter is needed only by tables sized by content, and
    # loading it would slow every command's start
    from thaidocs.thai.names import NAME_TITLES
    from thaidocs.thai.segment import Segmenter

    terms = list(words)
    names = [w for w in terms if " " in w and w.startswith(NAME_TITLES)]
    steps = _steps(Segmenter(terms), names)
    own: list[set[_Text]] = [set() for _ in range(columns)]
    spanning: list[tuple[int, int, _Text]] = []  # first column, span, text
    for _, column, cell in grid_cells(rows):
        if column >= columns:
            continue
        for text in _texts(cell):
            if cell.colspan == 1:
                own[column].add(text)
            else:
                spanning.append((column, cell.colspan, text))
    natural = [2 * padding + max((t.width for t in texts), default=0.0) for texts in own]
    if shares is not None:
        natural = [share * total / sum(shares) for share in shares]
    # a house layout's proportions: only numbers, abbreviations and names hold a column
    first = _KEPT if shares is not None else 0
    step = [first] * columns
    least = [2 * padding + _widest_unit(texts, steps[first]) for texts in own]

    def smaller(column: int, to: int) -> None:
        step[column] = to
        least[column] = 2 * padding + _widest_unit(own[column], steps[to])

    if shares is None and sum(natural) > total:
        # a term wider than its column's fair share wraps between its words
        scale = total / sum(natural)
        for column in range(columns):
            if least[column] > natural[column] * scale:
                smaller(column, _TERMS)
    # still too wide: every column a step smaller before any goes further, widest first
    for to in range(1, len(steps)):
        for column in sorted(range(columns), key=lambda c: (-least[c], c)):
            if sum(least) <= total:
                break
            if step[column] < to:
                smaller(column, to)
    if sum(least) > total:
        raise TooWide(sum(least), total, columns)
    spanned = list(least)
    for first, span, text in spanning:
        short = 2 * padding + _widest_unit([text], steps[0]) - sum(spanned[first : first + span])
        for column in range(first, first + span):
            spanned[column] += max(short, 0.0) / span
    if sum(spanned) <= total:
        least = spanned
    fuller = [max(n, m, 0.01) for n, m in zip(natural, least, strict=True)]
    return _share(fuller, least, total)


def _steps(segmenter: Segmenter, names: Sequence[str]) -> list[Callable[[str], Iterable[int]]]:
    """Where a cell's text may wrap, from the fewest places to the most: between words;
    inside terms and names too; inside long words between the words they are made of;
    between letters (where a line may end and the next begin, as the line breaker cuts)."""
    from thaidocs.thai.segment import (
        THAI_LETTERS,
        Break,
        cluster_starts,
        may_end_line,
        may_start_line,
        word_joints,
    )

    # each text is segmented once, whatever the steps that ask
    opportunities = cache(segmenter.opportunities)

    def words(text: str) -> Iterable[int]:
        return (i for i, level in opportunities(text).items() if level == Break.FREE)

    def parts(text: str) -> Iterable[int]:
        return opportunities(text).keys()

    def joints(text: str) -> Iterable[int]:
        cuts = [0, *parts(text), len(text)]
        for start, end in pairwise(cuts):
            yield start
            for word in THAI_LETTERS.finditer(text, start, end):  # only Thai is cut into words
                yield from (word.start() + j for j in word_joints(word.group()))

    def names_whole(breaks: Callable[[str], Iterable[int]]) -> Callable[[str], Iterable[int]]:
        """The same breaks but inside a person's full name (title, given name and surname
        stay on one line)."""

        if not names:
            return breaks
        pattern = re.compile("|".join(map(re.escape, sorted(names, key=len, reverse=True))))

        def kept(text: str) -> Iterable[int]:
            inside = {p for m in pattern.finditer(text) for p in range(m.start() + 1, m.end())}
            return (p for p in breaks(text) if p not in inside)

        return kept

    def letters(text: str) -> Iterable[int]:
        return (
            p
            for p in cluster_starts(text)
            if p > 0 and may_start_line(text[p]) and may_end_line(text[p - 1])
        )

    def letters_but_numbers(text: str) -> Iterable[int]:
        inside = {p for m in _KEEP.finditer(text) for p in range(m.start() + 1, m.end())}
        return (p for p in letters(text) if p not in inside)

    return [*map(names_whole, (words, parts, joints, letters_but_numbers)), letters]


def _texts(cell: Cell) -> Iterable[_Text]:
    for paragraph in cell.paragraphs:
        if paragraph.text.strip():
            run = paragraph.runs[0]
            size = run.size or paragraph.size
            width = text_width(paragraph.text, size, run.bold) * _SAFETY
            yield _Text(paragraph.text, size, run.bold, width)


def _widest_unit(texts: Iterable[_Text], breaks: Callable[[str], Iterable[int]]) -> float:
    """The width of the widest stretch between breaks of any of ``texts``."""
    widest = 0.0
    measured: set[tuple[str, float, bool]] = set()
    for text in sorted(texts, key=lambda t: (-t.width, t.text)):
        if text.width <= widest:
            break  # no stretch of a narrower text is wider
        cuts = [0, *(i for i in breaks(text.text) if i > 0), len(text.text)]
        for start, end in pairwise(cuts):
            unit = text.text[start:end].strip()
            key = (unit, text.size, text.bold)
            if unit and key not in measured:
                measured.add(key)
                widest = max(widest, text.measure(unit))
    return widest


def _share(natural: Sequence[float], least: Sequence[float], total: float) -> tuple[float, ...]:
    """Widths filling ``total``: in proportion to ``natural``, none below its ``least``.

    The columns that would get less than their least in proportion keep their least; which
    these are follows from the ratio least / natural, highest first.
    """
    count = len(natural)
    if sum(natural) <= total:
        scale = total / sum(natural)
        return tuple(n * scale for n in natural)
    order = sorted(range(count), key=lambda i: least[i] / natural[i], reverse=True)
    rest, flexible = total, sum(natural)
    scale = rest / flexible
    for fixed, i in enumerate(order):
        if least[i] <= natural[i] * scale or fixed == count - 1:
            break
        rest -= least[i]
        flexible -= natural[i]
        scale = rest / flexible
    return tuple(max(least[i], natural[i] * scale) for i in range(count))

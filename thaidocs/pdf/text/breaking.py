"""Greedy line breaking at word boundaries.

Greedy first-fit, as Word and LibreOffice break Thai: the PDF then wraps where the .docx of
the same document wraps for a reader comparing the two, and distributed justification
spreads a line's slack over its grapheme clusters so thinly (a fraction of a point each)
that the unevenness optimal breaking would remove is not visible. It is also linear and
cheap, which the speed budget wants.

Where a break opportunity is reluctant (``Break``), the fit is first-fit by level. A line
ends at its last free break when that leaves it at least ``fill`` full and what follows fits
the next line whole; otherwise at its last free or term break, whichever is later (a long
agency name breaks between its words rather than leave the line before it letter-spaced, or
rather than move to a line it does not fit either). A name breaks only where nothing else
on the line may, and a word is cut between grapheme clusters only where it alone is longer
than the line.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from enum import IntEnum

from thaidocs.pdf.text.shaping import Shaped
from thaidocs.thai.segment import (
    GLUE,
    Break,
    cluster_starts,
    is_glue,
    may_end_line,
    may_start_line,
    word_joints,
)

_CONTROL = re.compile("[\t\n]")


class Kind(IntEnum):
    BOX = 0
    GLUE = 1
    TAB = 2
    NEWLINE = 3


@dataclass(slots=True)
class Item:
    """A stretch of the paragraph's text in one style with no break opportunity inside."""

    start: int
    end: int
    kind: Kind
    style: int
    #: how freely a line may break before this item
    before: Break
    shaped: Shaped | None = None
    #: natural width in PDF pt (a tab's width is set when its line is laid out)
    width: float = 0.0


@dataclass(slots=True)
class Broken:
    """One line's items (trailing glue removed) and whether a newline ended it."""

    items: list[Item]
    forced: bool
    last: bool


def split_items(
    text: str, style_bounds: Sequence[tuple[int, int, int]], breaks: Mapping[int, Break]
) -> list[Item]:
    """Cut the text at break opportunities, style changes, glue edges, tabs and newlines.

    ``style_bounds``: (start, end, style) per run, covering the text in order.
    """
    cuts = set(breaks)
    for match in GLUE.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    for match in _CONTROL.finditer(text):
        cuts.add(match.start())
        cuts.add(match.end())
    items: list[Item] = []
    for run_start, run_end, style in style_bounds:
        if run_start == run_end:
            continue
        edges = sorted(c for c in cuts if run_start < c < run_end)
        for start, end in zip([run_start, *edges], [*edges, run_end], strict=True):
            char = text[start]
            if char == "\t":
                kind = Kind.TAB
            elif char == "\n":
                kind = Kind.NEWLINE
            else:
                kind = Kind.GLUE if is_glue(char) else Kind.BOX
            items.append(Item(start, end, kind, style, breaks.get(start, Break.NONE)))
    return items


def break_lines(
    text: str,
    items: list[Item],
    available: Callable[[int], float],
    tab_width: Callable[[int, float, list[Item], int], float],
    split: Callable[[Item, float], tuple[Item, Item] | None],
    fill: float,
) -> list[Broken]:
    """First-fit lines, by level of break (see the module's doc).

    ``available(n)``: the width of line ``n``; ``tab_width(n, x, items, j)``: the width of the
    tab ``items[j]`` at ``x`` on line ``n``; ``split(item, room)``: a box cut (where
    ``cut_positions`` allows) so that its head fits ``room``, for a word longer than a line;
    ``fill``: the share of a line's width a free break must fill before a term may break
    instead.
    """
    lines: list[Broken] = []
    i = 0
    n = len(items)
    while i < n:
        room = available(len(lines))
        x = 0.0
        #: the width up to the last box (trailing glue is dropped at a break)
        content = 0.0
        last = [-1, -1, -1, -1]  # the last break on the line, by level
        full = 0.0  # the content before the last free break
        j = i
        forced = False
        while j < n:
            item = items[j]
            if item.kind == Kind.NEWLINE:
                forced = True
                break
            if j > i and item.before:
                last[item.before] = j
                if item.before == Break.FREE:
                    full = content
            if item.kind == Kind.TAB:
                item.width = tab_width(len(lines), x, items, j)
            if item.kind != Kind.GLUE and x + item.width > room + 0.01:
                free = last[Break.FREE]
                if (
                    free > i
                    and full >= fill * room
                    and _unit_width(items, free) <= available(len(lines) + 1) + 0.01
                ):
                    j = free
                    break
                end = max(last[Break.FREE], last[Break.TERM])
                if end <= i:
                    end = last[Break.NAME]
                if end > i:
                    j = end
                    break
                if not _starts_word(items, i, j):
                    break  # the word's earlier items fill the line; cut at the style change
                cut = split(item, room - x)
                if cut is not None:
                    items[j : j + 1] = cut
                    n += 1
                    j += 1
                    break
                if j > i:
                    break
            x += item.width
            if item.kind != Kind.GLUE:
                content = x
            j += 1
        end = j
        while end > i and items[end - 1].kind == Kind.GLUE:
            end -= 1
        lines.append(Broken(items[i:end], forced, False))
        i = j + 1 if forced else j
        if forced and i == n:
            lines.append(Broken([], False, False))
    if lines:
        lines[-1].last = True
    return lines


def _unit_width(items: list[Item], start: int) -> float:
    """The width of what follows the free break before ``items[start]`` up to the next one:
    a term that would not fit the next line whole either may as well break on this one."""
    width = content = 0.0
    for k in range(start, len(items)):
        item = items[k]
        if (k > start and item.before == Break.FREE) or item.kind in (Kind.TAB, Kind.NEWLINE):
            break
        width += item.width
        if item.kind != Kind.GLUE:
            content = width
    return content


def _starts_word(items: list[Item], i: int, j: int) -> bool:
    """No box of the same word before ``items[j]`` on this line (so cutting ``j`` is the
    only way to make it fit)."""
    return j == i or bool(items[j].before) or items[j - 1].kind != Kind.BOX


def cut_positions(text: str, start: int, end: int) -> tuple[list[int], list[int]]:
    """Where a word longer than a line, ``text[start:end]``, may be cut: first choice, between
    the dictionary words it is made of; failing that, between grapheme clusters."""
    piece = text[start:end]
    return (
        [start + p for p in word_joints(piece) if _may_cut(piece, p)],
        [start + p for p in cluster_starts(piece) if p > 0 and _may_cut(piece, p)],
    )


def _may_cut(text: str, p: int) -> bool:
    return may_start_line(text[p]) and may_end_line(text[p - 1])

"""Total-fit line breaking with Thai penalties, in the manner of Knuth and Plass.

The breaks of a whole paragraph are chosen at once, so that its slack is spread evenly over
its lines rather than left to whichever line first-fit happens to leave short. A line's
badness grows with how far its spaces (each up to twice its width) and its grapheme clusters
(up to ``CLUSTER_STRETCH`` em each) must stretch to fill it; a line that would need more is
set ragged, and its badness grows slowly and is capped, so that no raggedness ever outweighs
the break kinds a typist avoids. Each break also pays by kind (``PENALTY``): a space costs
nothing, a safe word boundary a little, a break inside a document term a lot; a break inside
a word, a name, or between grapheme clusters is taken only where a unit alone is longer than
its line (items longer than a line arrive already cut into such pieces).

A line holding a tab is measured by walking it, as the tab's width depends on where it falls.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Callable
from enum import IntEnum

from msgspec import Struct

from thaidocs.pdf.text.shaping import Shaped, native
from thaidocs.thai.segment import (
    Break,
    cluster_starts,
    glue_spans,
    is_glue,
    may_end_line,
    may_start_line,
    word_joints,
)

#: the most each grapheme cluster of a justified line may move apart, in em
CLUSTER_STRETCH = 0.04
#: the most a space of a justified line may grow, as a share of its natural width
SPACE_STRETCH = 1.0
#: the price of a break, by kind (squared into the demerits); a cut between grapheme
#: clusters is dearer than any other
PENALTY = {
    "space": 0.0,
    Break.FREE: 50.0,
    Break.TERM: 2e3,
    Break.WORD: 1e5,
    Break.NAME: 1e6,
    Break.CLUSTER: 1e7,
}
_DEAR = PENALTY[Break.WORD]
#: every line pays this, so fewer lines are better
_LINE = 10.0
#: badness of a ragged line (looser than its stretch allows) grows by this per unit of
#: excess, up to the cap: cheaper than any break inside a word or a name
_RAGGED_SLOPE = 1000.0
_RAGGED_CAP = 1e4
#: badness of a line of a ragged paragraph as empty as its width: such a line costs more than
#: a break at a word boundary, less than one inside a term
_RAGGED = 1000.0
#: an overfull line, only where nothing else is possible (a tab pushed past the edge)
_OVERFULL = 1e16
#: the first pass considers only lines at least this full, the second (rarely needed) all
_TOLERANCE = 0.35

_CONTROL = re.compile("[\t\n]")

#: the rules above as the C breaking reads them, in its order
_CONSTANTS = (
    SPACE_STRETCH,
    _TOLERANCE,
    _LINE,
    _RAGGED,
    _RAGGED_SLOPE,
    _RAGGED_CAP,
    _OVERFULL,
    _DEAR,
    *(PENALTY[kind] for kind in ("space", *Break) if kind in PENALTY),
)


class Kind(IntEnum):
    BOX = 0
    GLUE = 1
    TAB = 2
    NEWLINE = 3


#: the kinds in the order the C cutting names them
_KINDS = (Kind.BOX, Kind.GLUE, Kind.TAB, Kind.NEWLINE)


class Item(Struct):
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
    #: the most its grapheme clusters may move apart on a justified line, in pt
    stretch: float = 0.0

    def fresh(self) -> Item:
        """An equal item to break anew: breaking sets a tab's width and may cut a unit."""
        return Item(
            self.start,
            self.end,
            self.kind,
            self.style,
            self.before,
            self.shaped,
            self.width,
            self.stretch,
        )


#: the width of line ``n`` of a paragraph
Available = Callable[[int], float]
#: the width of the tab ``items[j]`` at ``x`` on line ``n``: ``tab_width(n, x, items, j)``
TabWidth = Callable[[int, float, list[Item], int], float]


class Broken(Struct):
    """One line's items (trailing glue removed) and whether a newline ended it."""

    items: list[Item]
    forced: bool
    last: bool

    def text(self, source: str) -> str:
        """The line's text in its paragraph's ``source`` (trailing glue dropped)."""
        return source[self.items[0].start : self.items[-1].end] if self.items else ""


def split_items(
    text: str, style_bounds: list[tuple[int, int, int]], breaks: dict[int, Break]
) -> list[Item]:
    """Cut the text at break opportunities, style changes, glue edges, tabs and newlines.

    ``style_bounds``: (start, end, style) per run, covering the text in order. The C twin
    (``_speedups.split_items``) cuts the same, where it is built.
    """
    if native is not None:
        return native.split_items(text, style_bounds, breaks, Item, _KINDS, Break.NONE)
    cuts = set(breaks)
    for start, end in glue_spans(text):
        cuts.add(start)
        cuts.add(end)
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
    items: list[Item],
    available: Available,
    tab_width: TabWidth,
    justified: bool,
) -> list[Broken]:
    """The lines of a paragraph, broken for the least total demerits.

    ``available(n)``: the width of line ``n``; ``tab_width(n, x, items, j)``: the width of the
    tab ``items[j]`` at ``x`` on line ``n``. A newline ends a line and starts a fresh piece.
    A paragraph that is not ``justified`` is ragged anyway: there a line's badness is its
    share of slack, squared (``_RAGGED``), and a term breaks only when it must.
    """
    lines: list[Broken] = []
    start = 0
    n = len(items)
    while start <= n:
        stop = next((k for k in range(start, n) if items[k].kind == Kind.NEWLINE), n)
        if stop > start:
            for a, b in _total_fit(items, start, stop, len(lines), available, tab_width, justified):
                lines.append(Broken(items[a:b], False, False))
        if stop == n:
            break
        if stop == start:
            lines.append(Broken([], True, False))
        else:
            lines[-1].forced = True
        start = stop + 1
        if start == n:
            lines.append(Broken([], False, False))
    if lines:
        lines[-1].last = True
    return lines


class _Node(Struct):
    """The best way found to break the piece before an item."""

    demerits: float
    previous: int
    line: int
    #: the width of the line that starts here
    room: float
    #: whether a break on the way is inside a word or a name, or a line overfull
    dear: bool = False


def _total_fit(
    items: list[Item],
    start: int,
    stop: int,
    first_line: int,
    available: Available,
    tab_width: TabWidth,
    justified: bool,
) -> list[tuple[int, int]]:
    """(first item, end of content) of each line of ``items[start:stop]``; the C breaking
    (``_speedups``) gives the same lines, where it is built."""
    if native is not None:
        return native.total_fit(
            items, start, stop, first_line, available, tab_width, justified, _CONSTANTS
        )
    piece = items[start:stop]
    # one line without a tab, nothing to choose: the usual piece (a title, a short line)
    natural = 0.0
    for item in piece:
        if item.kind == Kind.TAB:
            break
        natural += item.width
    else:
        if natural <= available(first_line) + 0.01:
            end = stop
            while end > start and items[end - 1].kind == Kind.GLUE:
                end -= 1
            return [(start, end)]
    # running sums before each item: natural width (tabs aside), space width, cluster
    # stretch, tabs; content[k - start]: where a line broken before item k ends (trailing glue
    # dropped), and last_tab[k - start]: the last tab before item k
    width = [0.0]
    spaces = [0.0]
    clusters = [0.0]
    tabs = [0]
    content = [start]
    last_tab = [-1]
    natural = space = cluster = 0.0
    tab = 0
    end = start
    latest = -1
    for k, item in enumerate(piece, start):
        kind = item.kind
        if kind == Kind.TAB:
            tab += 1
            latest = k
        else:
            natural += item.width
        if kind == Kind.GLUE:
            space += item.width
        else:
            end = k + 1
        cluster += item.stretch
        width.append(natural)
        spaces.append(space)
        clusters.append(cluster)
        tabs.append(tab)
        content.append(end)
        last_tab.append(latest)
    rooms: dict[int, float] = {}

    def room_of(line: int) -> float:
        room = rooms.get(line)
        if room is None:
            room = rooms[line] = available(line)
        return room

    breaks = [k for k in range(start + 1, stop) if items[k].before]
    penalties = [
        PENALTY["space"]
        if items[k].before == Break.FREE and items[k - 1].kind == Kind.GLUE
        else PENALTY[items[k].before]
        for k in breaks
    ]
    breaks.append(stop)
    penalties.append(0.0)
    reach = [width[content[b - start] - start] for b in breaks]  # where each line would end

    walked: dict[tuple[int, int, int], float] = {}  # (start, after the tab, line) -> width

    def measure(a: int, end: int, line: int) -> tuple[float, float, float]:
        """Natural width, space and cluster stretch of the line ``items[a:end]``; a tab's
        width follows from where it falls, and only what follows the last tab stretches."""
        i, j = a - start, end - start
        if tabs[j] == tabs[i]:
            return width[j] - width[i], spaces[j] - spaces[i], clusters[j] - clusters[i]
        after = last_tab[j] + 1
        key = (a, after, line)
        x = walked.get(key)
        if x is None:
            x = 0.0
            for k in range(a, after):
                item = items[k]
                if item.kind == Kind.TAB:
                    item.width = tab_width(line, x, items, k)
                x += item.width
            walked[key] = x
        t = after - start
        return x + width[j] - width[t], spaces[j] - spaces[t], clusters[j] - clusters[t]

    # a ragged paragraph's short lines cost little, so a first pass without them could miss
    # the best: there every line is considered at once
    for tolerance in (_TOLERANCE, None) if justified else (None,):
        nodes = {start: _Node(0.0, -1, first_line, room_of(first_line))}
        active = [start]
        dropped: list[int] = []
        shortest = 0.0 if tolerance is None else 1 - tolerance
        loosest = float("inf") if tolerance is None else tolerance
        q = -1
        while q < len(breaks) - 1:
            q += 1
            b = breaks[q]
            j = content[b - start] - start
            last = b == stop
            if not last:
                # the longest line to here is too short: so is every other (the usual case)
                a = active[0]
                node = nodes[a]
                i = a - start
                if tabs[j] == tabs[i]:
                    natural = width[j] - width[i]
                else:
                    natural = measure(a, j + start, node.line)[0]
                if natural < shortest * node.room:
                    if tabs[-1] == tabs[i]:  # no tab ahead: go straight to the first break
                        target = width[i] + shortest * node.room  # that is long enough
                        q = bisect_left(reach, target, q + 1, len(breaks) - 1) - 1
                    continue
            penalty = penalties[q]
            cost = penalty**2
            dear_break = penalty >= _DEAR
            tabs_j, width_j, spaces_j, clusters_j = tabs[j], width[j], spaces[j], clusters[j]
            best = None
            overfull = []
            for a in active:
                node = nodes[a]
                room = node.room
                i = a - start
                if tabs_j == tabs[i]:
                    natural = width_j - width[i]
                    stretch = (spaces_j - spaces[i]) * SPACE_STRETCH + clusters_j - clusters[i]
                else:
                    natural, space, cluster = measure(a, j + start, node.line)
                    stretch = space * SPACE_STRETCH + cluster
                slack = room - natural
                if slack < -0.01:
                    overfull.append(a)
                    continue
                if last or slack <= 0.01:
                    badness = 0.0
                elif slack > loosest * room:
                    break  # later starts make shorter lines still
                elif not justified:
                    badness = _RAGGED * (slack / room) ** 2
                elif slack <= stretch:
                    badness = 100 * (slack / stretch) ** 3
                elif stretch > 0:
                    badness = min(100 + _RAGGED_SLOPE * (slack / stretch - 1), _RAGGED_CAP)
                else:
                    badness = _RAGGED_CAP
                demerits = node.demerits + (_LINE + badness) ** 2 + cost
                if best is None or demerits < best[0]:
                    best = (demerits, a, node.line + 1, node.dear or dear_break)
            if overfull:
                dropped = overfull
                active = [a for a in active if a not in overfull]
            if best is None and not active and dropped:
                if tolerance is not None:
                    break  # try again, taking lines of any fill
                a = dropped[-1]  # nothing fits: one overfull line rather than none
                node = nodes[a]
                best = (node.demerits + _OVERFULL, a, node.line + 1, True)
            if best is not None:
                demerits, a, line, dear = best
                nodes[b] = _Node(demerits, a, line, room_of(line), dear)
                active.append(b)
        if stop in nodes and not (tolerance is not None and nodes[stop].dear):
            break  # a dear break may have been for want of the lines the first pass skipped
    result: list[tuple[int, int]] = []
    b = stop
    while b != start:
        a = nodes[b].previous
        result.append((a, content[b - start]))
        b = a
    result.reverse()
    walked.clear()
    for line, (a, end) in enumerate(result, first_line):
        if tabs[end - start] != tabs[a - start]:
            measure(a, end, line)  # the tabs' widths where they finally fall
    return result


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

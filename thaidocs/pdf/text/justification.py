"""Placing a broken line: alignment, tabs with their leaders, and Thai justification.

A justified line's slack goes first to its spaces, each up to twice its natural width, and
only the rest is spread evenly over the starts of its grapheme clusters (as Word's
thaiDistribute does, so space-less Thai lines still meet the right edge), at most
``CLUSTER_STRETCH`` em each. A line that would need more is set ragged at those limits
rather than letter-spaced.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import fields

from msgspec import Struct

from thaidocs.layout.tree import Align, Leader, TabStop
from thaidocs.pdf.fonts import FontFace
from thaidocs.pdf.text.breaking import CLUSTER_STRETCH, SPACE_STRETCH, Broken, Item, Kind
from thaidocs.pdf.text.line import DotLeader, GlyphRun, Line
from thaidocs.pdf.text.shaping import Shaped, native


class Style(Struct, frozen=True, cache_hash=True):
    """How a run is drawn: face, sizes, colour and the face's vertical metrics."""

    face: FontFace
    #: official size (TH Sarabun metrics), for the line height
    official: float
    #: PDF size of the face
    size: float
    color: str | None
    #: font units per em
    units: int
    #: ascender and descender in font units
    ascender: int
    descender: int


class Frame(Struct, frozen=True, cache_hash=True):
    """Where a line goes: its start from the column's left edge and the room it has."""

    start: float
    room: float


def place(
    text: str,
    broken: Broken,
    styles: Sequence[Style],
    frame: Frame,
    align: Align,
    tab_leaders: dict[int, Leader],
    line_spacing: float,
    default_style: Style,
) -> Line:
    """Position a broken line's runs. ``tab_leaders``: item start offset -> leader of the tab
    stop the tab reached. The C twin (``_speedups.place``) places it the same, where it is
    built."""
    if native is not None:
        return native.place(
            broken.items,
            styles,
            frame.start,
            frame.room,
            _mode(align, broken),
            tab_leaders,
            line_spacing,
            default_style,
            broken.text(text),
            _PLACING,
        )
    items = [
        item
        for item in broken.items
        if item.kind == Kind.TAB or (item.shaped is not None and item.shaped.glyphs)
    ]
    # the styles in order of first use: the first of the largest sets the baseline
    used = [styles[style] for style in dict.fromkeys(item.style for item in items)]
    used = used or [default_style]
    height = max(style.official for style in used) * line_spacing
    big = max(used, key=lambda style: style.size)
    scale = big.size / big.units
    baseline = (height - (big.ascender - big.descender) * scale) / 2 + big.ascender * scale
    natural = sum(item.width for item in items)
    line_text = broken.text(text)
    if not items:
        return Line(height=height, width=0.0, text=line_text, baseline=baseline)

    slack = frame.room - natural
    x = frame.start
    gap = grow = 0.0
    last_tab = max((k for k, item in enumerate(items) if item.kind == Kind.TAB), default=-1)
    region = items[last_tab + 1 :]
    if align == Align.DISTRIBUTE and not (broken.last or broken.forced) and slack > 0:
        spaces = sum(item.width for item in region if item.kind == Kind.GLUE)
        if spaces:
            grow = min(slack / spaces, SPACE_STRETCH)
            slack -= grow * spaces
        count = _cluster_joints(region)
        if count and slack > 0.01:
            limit = CLUSTER_STRETCH * min(styles[item.style].size for item in region)
            gap = min(slack / count, limit)
    elif align == Align.CENTER and slack > 0:
        x += slack / 2
    elif align == Align.RIGHT and slack > 0:
        x += slack

    runs: list[GlyphRun] = []
    leaders: list[DotLeader] = []
    current: list[Item] = []
    run_x = x
    run_gap = 0.0
    for k, item in enumerate(items):
        justified = k > last_tab
        spread = gap if justified else 0.0
        if item.kind == Kind.TAB:
            style = styles[item.style]
            if current:
                runs.append(_run(current, styles, run_x, run_gap))
                current = []
            if tab_leaders.get(item.start, Leader.NONE) == Leader.DOT:
                leaders.append(DotLeader(x, x + item.width, style.size, style.color))
            x += item.width
            continue
        after_space = k > 0 and items[k - 1].kind == Kind.GLUE
        if current and (current[-1].style != item.style or (after_space and grow)):
            runs.append(_run(current, styles, run_x, run_gap))
            current = []
        if k > last_tab + 1 and not (after_space and grow):
            x += spread  # the gap before this item's first cluster
        if not current:
            run_x = x
            run_gap = spread
        current.append(item)
        x += item.width + spread * len(_shaped(item).gaps)
        if item.kind == Kind.GLUE and justified:
            x += grow * item.width
    if current:
        runs.append(_run(current, styles, run_x, run_gap))
    return Line(
        height=height,
        width=natural,
        text=line_text,
        baseline=baseline,
        runs=tuple(runs),
        leaders=tuple(leaders),
    )


#: what the C placing makes and reads: the records, the dotted leader, the stretch limits,
#: and the glyph run's fields, in the order it fills them
_PLACING = (
    Line,
    GlyphRun,
    DotLeader,
    Leader.DOT,
    SPACE_STRETCH,
    CLUSTER_STRETCH,
    tuple(field.name for field in fields(GlyphRun)),
)


#: the alignments the C placing moves a line for, as it numbers them
_MODES = {Align.DISTRIBUTE: 1, Align.CENTER: 2, Align.RIGHT: 3}


def _mode(align: Align, broken: Broken) -> int:
    """The alignment as the C placing reads it: 1 justified (a line neither last nor ended by
    a newline), 2 centred, 3 right, 0 as it falls."""
    if align == Align.DISTRIBUTE and (broken.last or broken.forced):
        return 0
    return _MODES.get(align, 0)


def _cluster_joints(region: Sequence[Item]) -> int:
    """Where a justified line's clusters move apart: every cluster start but the first, except
    right after a space (which stretches itself)."""
    count = sum(len(_shaped(item).gaps) for item in region)
    return count + sum(1 for k in range(1, len(region)) if region[k - 1].kind != Kind.GLUE)


def _shaped(item: Item) -> Shaped:
    assert item.shaped is not None
    return item.shaped


def _run(items: list[Item], styles: Sequence[Style], x: float, gap: float) -> GlyphRun:
    style = styles[items[0].style]
    pieces = tuple(_shaped(item) for item in items)
    return GlyphRun(
        face=style.face,
        size=style.size,
        color=style.color,
        x=x,
        text="".join(piece.text for piece in pieces),
        pieces=pieces,
        gap=gap,
        advance=sum(piece.width for piece in pieces) * style.size / style.units,
    )


def tab_stop(tabs: Sequence[TabStop], position: float, default: float) -> TabStop:
    """The first stop right of ``position`` (cm from the column's left edge), else the next
    multiple of ``default``."""
    for stop in tabs:
        if stop.position > position + 1e-4:
            return stop
    return TabStop(position=(int(position / default + 1e-4) + 1) * default)

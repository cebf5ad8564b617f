"""The Thai text engine: segment, shape, break, justify, draw."""

from __future__ import annotations

from array import array
from collections.abc import Callable, Hashable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from itertools import pairwise

from reportlab.pdfgen.canvas import Canvas

from thaidocs.caching import BoundedStore
from thaidocs.layout.tree import Align, Leader, Paragraph
from thaidocs.pdf.fonts import FontFace, FontFamily, font_data
from thaidocs.pdf.text.breaking import (
    CLUSTER_STRETCH,
    Broken,
    Item,
    Kind,
    break_lines,
    cut_positions,
    split_items,
)
from thaidocs.pdf.text.drawing import draw
from thaidocs.pdf.text.justification import Frame, Style, place, tab_stop
from thaidocs.pdf.text.line import Line
from thaidocs.pdf.text.shaping import Shaped, native, shape
from thaidocs.thai.names import NAME_TITLES
from thaidocs.thai.segment import Break, Segmenter, may_start_line

#: PDF points per centimetre
CM = 72 / 2.54


def _line_bytes(line: Line) -> int:
    """About the bytes of a line: its text twice (in a key and in the line), its runs (their
    shaped pieces are the shaping cache's), and what the runs keep once drawn
    (``drawing.RunContent``: about 40 bytes a character)."""
    return 160 + 44 * len(line.text) + 200 * len(line.runs)


#: what a kept entry costs beside its lines: the key's tuple, the store's slot
_ENTRY_BYTES = 600


def _lines_bytes(lines: tuple[Line, ...]) -> int:
    """About the bytes of a kept layout and its key."""
    return _ENTRY_BYTES + sum(map(_line_bytes, lines))


#: layouts by paragraph, width and engine setup
_layouts: BoundedStore[Hashable, tuple[Line, ...]] = BoundedStore(share=0.15, sizeof=_lines_bytes)


#: lines as placed, by all that placing reads: a merge lays out again each paragraph its fields
#: change, and most lines of such a paragraph come out as in another document
_placed: BoundedStore[Hashable, Line] = BoundedStore(
    share=0.04, sizeof=lambda line: _ENTRY_BYTES + _line_bytes(line)
)


def line_extents(items: list[Item], first: int) -> bytes:
    """Each item's end (from ``first``), style and width, as the bytes of an array of
    doubles: what a placed line's key holds of its items. The C twin
    (``_speedups.line_extents``) gives the same bytes, where it is built."""
    extents = [value for item in items for value in (item.end - first, item.style, item.width)]
    return array("d", extents).tobytes()


class TextEngine:
    """Lays out and draws paragraphs of one document.

    ``words``: the document's own names and terms (agency, positions, subject terms). A term
    stays whole unless it is longer than a line, or keeping it whole would cost the paragraph
    more than breaking it between its dictionary words (see ``breaking``), never inside one.
    ``names``: person names, which never break unless one alone is longer than a line (nor
    does an entry of ``words`` that starts with one of ``name_titles`` and reads as a name,
    nor a name after a title in running text).
    ``tab_interval``: cm between the default tab stops past a paragraph's own; 1.27 cm is
    Word's default stop interval.
    """

    def __init__(
        self,
        family: FontFamily,
        words: Iterable[str] = (),
        line_spacing: float = 1.30,
        name_titles: Sequence[str] = NAME_TITLES,
        *,
        names: Iterable[str] = (),
        tab_interval: float = 1.27,
    ) -> None:
        self.family = family
        self.line_spacing = line_spacing
        self.tab_interval = tab_interval
        #: where this document's lines may break (its words, names and titles)
        self.segmenter = Segmenter(words, name_titles, names=names)
        self._styles: dict[tuple[bool, float, str | None], Style] = {}
        #: the paragraph being tried at several widths, with its items once made
        self._held: tuple[Paragraph, tuple[list[Item], list[Style]] | None] | None = None
        #: the words this document has shaped: it repeats them, and a plain dict answers
        #: sooner than the shared cache, which keeps them in order of use
        self._shaped: dict[tuple[FontFace, str], Shaped] = {}

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        """Natural width in PDF pt of ``text`` at official ``size``."""
        style = self._style(bold, size, None)
        return shape(style.face, text).width * style.size / style.units

    def widest_unit(self, paragraph: Paragraph, level: Break = Break.FREE) -> float:
        """Width in pt of the widest piece of ``paragraph`` with no break of ``level`` or
        freer inside: a number, a name, a word, and (at ``Break.FREE``) a document term.

        A column narrower than this (plus its padding) would have to cut such a piece: the
        table sizer's minimum column width.
        """
        items, _ = self._items(paragraph)
        widest = current = space = 0.0
        for item in items:
            if item.kind in (Kind.TAB, Kind.NEWLINE) or Break.NONE < item.before <= level:
                current = space = 0.0
            if item.kind == Kind.BOX:
                current += space + item.width  # a space inside a name or a number token
                space = 0.0
                widest = max(widest, current)
            elif item.kind == Kind.GLUE and current:
                space += item.width
        return widest

    def _items(self, paragraph: Paragraph) -> tuple[list[Item], list[Style]]:
        """The paragraph's items, shaped and measured, and the style of each run."""
        text = paragraph.text
        styles: list[Style] = []
        bounds: list[tuple[int, int, int]] = []
        position = 0
        for run in paragraph.runs:
            styles.append(self._style(run.bold, run.size or paragraph.size, run.color))
            bounds.append((position, position + len(run.text), len(styles) - 1))
            position += len(run.text)
        items = split_items(text, bounds, self.segmenter.opportunities(text))
        if native is not None:  # the C twin of the loop below
            native.shape_items(text, items, styles, self._shaped, shape, CLUSTER_STRETCH)
            return items, styles
        for item in items:
            if item.kind in (Kind.BOX, Kind.GLUE):
                self._shape(text, item, styles[item.style])
        return items, styles

    def lay_out(self, paragraph: Paragraph, width: float) -> list[Line]:
        """Break ``paragraph`` into lines for a column ``width`` pt wide.

        A batch of documents repeats most of its paragraphs, so a layout is kept and shared
        between engines whose setup gives the same lines. Each call gets lines of its own:
        a writer tells lines apart by identity.
        """
        key = self.layout_key(paragraph, width)
        lines = _layouts.get(key, lambda: tuple(self._lay_out(paragraph, width)))
        return [line.fresh() for line in lines]

    def layout_key(self, paragraph: Paragraph, width: float) -> Hashable:
        """What the lines of ``paragraph`` at ``width`` depend on: equal keys, equal lines."""
        return (
            paragraph,
            width,
            self.family,
            self.line_spacing,
            self.tab_interval,
            self.segmenter.context(paragraph.text),
        )

    def line_texts(self, paragraph: Paragraph, width: float) -> list[str]:
        """The text of each line ``lay_out`` gives, without placing the lines: for trying
        widths (see ``trying_widths``)."""
        broken, _, _, _ = self._break(paragraph, width)
        return [line.text(paragraph.text) for line in broken] or [""]

    @contextmanager
    def trying_widths(self, paragraph: Paragraph) -> Iterator[None]:
        """While ``paragraph`` is broken at one width after another (the narrowest that keeps
        its lines, see ``flows.balanced``), it is segmented and shaped once."""
        self._held = (paragraph, None)
        try:
            yield
        finally:
            self._held = None

    def _fresh_items(self, paragraph: Paragraph) -> tuple[list[Item], list[Style]]:
        held = self._held
        if held is None or held[0] is not paragraph:
            return self._items(paragraph)
        made = held[1]
        if made is None:
            made = self._items(paragraph)
            self._held = (paragraph, made)
        items, styles = made
        return [item.fresh() for item in items], styles

    def _lay_out(self, paragraph: Paragraph, width: float) -> list[Line]:
        text = paragraph.text
        default = self._style(False, paragraph.size, None)
        broken, styles, frame, leaders = self._break(paragraph, width)
        if not broken:
            empty = Broken([], forced=False, last=True)
            return [
                place(text, empty, styles, frame(0), Align.LEFT, {}, self.line_spacing, default)
            ]
        return [
            self._place(text, line, styles, frame(n), paragraph.align, leaders, default)
            for n, line in enumerate(broken)
        ]

    def _place(
        self,
        text: str,
        broken: Broken,
        styles: list[Style],
        frame: Frame,
        align: Align,
        leaders: dict[int, Leader],
        default: Style,
    ) -> Line:
        """``place``, or an equal line placed before, in this document or another.

        The key holds the line's text (which gives each item's kind); its items' ends,
        styles and widths (a tab's width is where it falls), from the line's start, as the
        bytes of an array, whose hash is worked out once however often the key is looked up;
        and its tabs' leaders.
        """

        def placed() -> Line:
            return place(text, broken, styles, frame, align, leaders, self.line_spacing, default)

        items = broken.items
        if not items:  # a blank line of the paragraph
            return placed()
        first, end = items[0].start, items[-1].end
        key = (
            text[first:end],
            (line_extents if native is None else native.line_extents)(items, first),
            tuple([(at - first, leader) for at, leader in leaders.items() if first <= at < end]),
            tuple(styles),
            frame,
            align,
            broken.last,
            broken.forced,
            self.line_spacing,
            default,
        )
        return _placed.get(key, placed)

    def _break(
        self, paragraph: Paragraph, width: float
    ) -> tuple[list[Broken], list[Style], Callable[[int], Frame], dict[int, Leader]]:
        """The paragraph's lines as broken, before placing: with its styles, each line's
        frame, and the leader of each tab (by its offset)."""
        text = paragraph.text
        items, styles = self._fresh_items(paragraph)

        left = paragraph.left_indent * CM
        first = (paragraph.left_indent + paragraph.first_line_indent) * CM
        right = width - paragraph.right_indent * CM

        def frame(number: int) -> Frame:
            start = first if number == 0 else left
            return Frame(start, right - start)

        leaders: dict[int, Leader] = {}

        def tab_width(number: int, x: float, items: list[Item], j: int) -> float:
            here = frame(number).start + x
            stop = tab_stop(paragraph.tabs, here / CM, self.tab_interval)
            leaders[items[j].start] = stop.leader
            room = stop.position * CM - here
            if stop.align == Align.LEFT:
                return max(room, 0.0)
            following = 0.0
            for item in items[j + 1 :]:
                if item.kind in (Kind.TAB, Kind.NEWLINE):
                    break
                following += item.width
            share = following / 2 if stop.align == Align.CENTER else following
            return max(room - share, 0.0)

        shortest = min(frame(0).room, frame(1).room)
        items = self._cut_overlong(text, items, styles, shortest)
        justified = paragraph.align == Align.DISTRIBUTE
        broken = break_lines(items, lambda n: frame(n).room, tab_width, justified)
        return broken, styles, frame, leaders

    def _shape(self, text: str, item: Item, style: Style) -> None:
        piece = text[item.start : item.end]
        key = (style.face, piece)
        shaped = self._shaped.get(key)
        if shaped is None:
            shaped = self._shaped[key] = shape(style.face, piece)
        item.shaped = shaped
        item.width = shaped.width * style.size / style.units
        if item.kind == Kind.BOX:
            item.stretch = (len(shaped.gaps) + 1) * CLUSTER_STRETCH * style.size

    def _cut_overlong(
        self, text: str, items: list[Item], styles: list[Style], room: float
    ) -> list[Item]:
        """Items longer than ``room`` cut between the dictionary words they are made of
        (``Break.WORD``), and pieces still too long between grapheme clusters; a run of items
        that must never break (ที่ ๒๐, a name) but is longer than ``room`` may break where its
        items meet, as dearly as between clusters."""
        start = 0
        width = 0.0
        fits = True  # every item no wider than room
        for k, item in enumerate([*items, None]):
            if item is None or item.before or item.kind in (Kind.TAB, Kind.NEWLINE):
                if width > room:  # a unit that never breaks, wider than a line: last resort
                    for inner in items[start + 1 : k]:
                        if inner.kind == Kind.BOX and may_start_line(text[inner.start]):
                            inner.before = Break.CLUSTER
                start, width = k, 0.0
            if item is not None:
                if item.kind in (Kind.BOX, Kind.GLUE):
                    width += item.width
                fits = fits and item.width <= room
        if fits:
            return items
        result: list[Item] = []
        for item in items:
            if item.kind == Kind.BOX and item.width > room:
                result += self._pieces(text, item, styles[item.style], room)
            else:
                result.append(item)
        return result

    def _pieces(self, text: str, item: Item, style: Style, room: float) -> list[Item]:
        joints, clusters = cut_positions(text, item.start, item.end)
        cuts, level = (joints, Break.WORD) if joints else (clusters, Break.CLUSTER)
        edges = [item.start, *cuts, item.end]
        pieces: list[Item] = []
        for k, (start, end) in enumerate(pairwise(edges)):
            piece = Item(start, end, Kind.BOX, item.style, level if k else item.before)
            self._shape(text, piece, style)
            if piece.width > room and joints:
                pieces += self._pieces(text, piece, style, room)
            else:
                pieces.append(piece)
        return pieces

    def draw_line(self, canvas: Canvas, line: Line, x: float, y: float) -> None:
        """Draw ``line`` in a column whose left edge is ``x``; ``y`` is the top of the line box."""
        draw(canvas, line, x, y)

    def finish(self, canvas: Canvas) -> None:
        """Nothing to do: each font is written when the canvas saves (ReportLab's delayed
        fonts), so a writer may call this or not."""

    def _style(self, bold: bool, official: float, color: str | None) -> Style:
        key = (bold, official, color)
        style = self._styles.get(key)
        if style is None:
            face = self.family.face(bold)
            data = font_data(face.path)
            style = self._styles[key] = Style(
                face=face,
                official=official,
                size=official * face.scale,
                color=color,
                units=data.units,
                ascender=data.ascender,
                descender=data.descender,
            )
        return style

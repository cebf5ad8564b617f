"""The Thai text engine: segment, shape, break, justify, draw."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import Align, Leader, Paragraph
from thaidocs.pdf.fonts import FontFamily, font_data
from thaidocs.pdf.text.breaking import Broken, Item, Kind, break_lines, cut_positions, split_items
from thaidocs.pdf.text.drawing import draw
from thaidocs.pdf.text.justification import Frame, Style, place, tab_stop
from thaidocs.pdf.text.line import Line
from thaidocs.pdf.text.shaping import Shaped, shape
from thaidocs.thai.names import NAME_TITLES
from thaidocs.thai.segment import Break, Segmenter

#: PDF points per centimetre
CM = 72 / 2.54


class TextEngine:
    """Lays out and draws paragraphs of one document.

    ``words``: the document's own names and terms (agency, positions, subject terms). A term
    stays whole unless it is longer than a line, or keeping it whole would leave a justified
    line less than ``fill`` of its width full (stretched to the edge, such a line looks
    letter-spaced): then it breaks between its dictionary words, never inside one. A line
    that is not justified only looks ragged, so there a term breaks only when it must.
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
        fill: float = 0.75,
        tab_interval: float = 1.27,
    ) -> None:
        self.family = family
        self.line_spacing = line_spacing
        self.fill = fill
        self.tab_interval = tab_interval
        self._segmenter = Segmenter(words, name_titles, names=names)
        self._styles: dict[tuple[bool, float, str | None], Style] = {}

    def measure(self, text: str, size: float, bold: bool = False) -> float:
        """Natural width in PDF pt of ``text`` at official ``size``."""
        style = self._style(bold, size, None)
        return shape(style.face.path, text).width * style.size / style.units

    def lay_out(self, paragraph: Paragraph, width: float) -> list[Line]:
        """Break ``paragraph`` into lines for a column ``width`` pt wide."""
        text = paragraph.text
        default = self._style(False, paragraph.size, None)
        styles: list[Style] = []
        bounds: list[tuple[int, int, int]] = []
        position = 0
        for run in paragraph.runs:
            styles.append(self._style(run.bold, run.size or paragraph.size, run.color))
            bounds.append((position, position + len(run.text), len(styles) - 1))
            position += len(run.text)
        items = split_items(text, bounds, self._segmenter.opportunities(text))
        for item in items:
            if item.kind in (Kind.BOX, Kind.GLUE):
                style = styles[item.style]
                item.shaped = shape(style.face.path, text[item.start : item.end])
                item.width = item.shaped.width * style.size / style.units

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

        def split(item: Item, room: float) -> tuple[Item, Item] | None:
            style = styles[item.style]
            assert item.shaped is not None
            scale = style.size / style.units

            def longest(cuts: list[int]) -> tuple[int, Shaped] | None:
                best = None
                for cut in cuts:
                    head = shape(style.face.path, text[item.start : cut])
                    if head.width * scale > room:
                        break
                    best = (cut, head)
                return best

            joints, clusters = cut_positions(text, item.start, item.end)
            best = longest(joints) or longest(clusters)
            if best is None:
                return None
            cut, head = best
            tail = shape(style.face.path, text[cut : item.end])
            return (
                Item(item.start, cut, item.kind, item.style, item.before, head, head.width * scale),
                Item(cut, item.end, item.kind, item.style, Break.FREE, tail, tail.width * scale),
            )

        fill = self.fill if paragraph.align == Align.DISTRIBUTE else 0.0
        broken = break_lines(text, items, lambda n: frame(n).room, tab_width, split, fill)
        if not broken:
            empty = Broken([], forced=False, last=True)
            return [
                place(text, empty, styles, frame(0), Align.LEFT, {}, self.line_spacing, default)
            ]
        return [
            place(
                text, line, styles, frame(n), paragraph.align, leaders, self.line_spacing, default
            )
            for n, line in enumerate(broken)
        ]

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

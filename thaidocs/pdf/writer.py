"""Layout tree → PDF: pages, page numbers and marks, and blocks filled onto pages.

Every length comes from the tree; the Thai text engine lays out and draws every line.
Pages fill top to bottom: a block that does not fit is split where it allows a break
(between lines of a paragraph, between table rows) or moves to the next page, and a block
kept with the next one moves with it. The output is deterministic: same tree, same bytes.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from io import BytesIO
from pathlib import Path

from reportlab import rl_config
from reportlab.lib.units import cm
from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import (
    Align,
    Block,
    Emblem,
    LayoutDocument,
    PageSetup,
    Paragraph,
    Rule,
    Run,
    Section,
    SignatureGroup,
    Spacer,
    Table,
)
from thaidocs.pdf.flows import (
    EPSILON,
    EmblemFlow,
    Flow,
    LinesFlow,
    RuleFlow,
    SignatureFlow,
    SigningSpaceHook,
    SpaceFlow,
    draw_lines,
)
from thaidocs.pdf.fonts import FontFamily, load_family
from thaidocs.pdf.tables import TableFlow
from thaidocs.pdf.text import Line, TextEngine
from thaidocs.thai import to_thai_digits


def write_pdf(
    doc: LayoutDocument,
    *,
    font_paths: Sequence[Path] | None = None,
    font_scale: float | None = None,
    on_signing_space: SigningSpaceHook | None = None,
) -> bytes:
    """Draw a layout tree as PDF bytes, fonts embedded as subsets.

    ``on_signing_space`` is told where each signer's blank signing space is drawn (the
    signature fields are made there).
    """
    with _binary_streams():
        return _write(doc, load_family(font_paths, font_scale), on_signing_space)


@contextmanager
def _binary_streams() -> Iterator[None]:
    """Compressed streams without ASCII85: reportlab encodes that in pure Python (several ms a
    document without its C accelerator) and it makes files about a tenth larger."""
    saved = rl_config.useA85
    rl_config.useA85 = 0
    try:
        yield
    finally:
        rl_config.useA85 = saved


def _write(
    doc: LayoutDocument, family: FontFamily, on_signing_space: SigningSpaceHook | None
) -> bytes:
    engine = TextEngine(family, words=doc.words, line_spacing=doc.line_spacing)
    out = BytesIO()
    first = doc.sections[0].page if doc.sections else PageSetup()
    canvas = Canvas(
        out,
        pagesize=(first.width * cm, first.height * cm),
        invariant=1,
        pageCompression=1,
        initialFontName=family.regular.name,
        lang=doc.metadata.language,
    )
    meta = doc.metadata
    canvas.setTitle(meta.title)
    canvas.setAuthor(meta.author)
    canvas.setSubject(meta.subject)
    if meta.keywords:
        canvas.setKeywords(list(meta.keywords))
    canvas.setCreator("thaidocs")
    pages = _Pages(canvas, engine)
    for section in doc.sections:
        pages.fill(section, _flows(section, engine, on_signing_space))
    engine.finish(canvas)
    canvas.save()
    return out.getvalue()


def _flows(
    section: Section, engine: TextEngine, on_signing_space: SigningSpaceHook | None
) -> list[Flow]:
    column = section.page.text_width * cm
    flows: list[Flow] = []
    for block in section.blocks:
        if isinstance(block, SignatureGroup):
            # a signature block never starts a page alone: it takes the line before with it
            for flow in reversed(flows):
                flow.keep_with_next = True
                if not isinstance(flow, SpaceFlow):
                    break
        flows.append(_flow(block, column, engine, on_signing_space))
    return flows


def _flow(
    block: Block, column: float, engine: TextEngine, on_signing_space: SigningSpaceHook | None
) -> Flow:
    if isinstance(block, Paragraph):
        return LinesFlow(
            engine.lay_out(block, column),
            space_before=block.space_before,
            keep_with_next=block.keep_with_next,
            keep_together=block.keep_together,
        )
    if isinstance(block, Emblem):
        return EmblemFlow(block, [engine.lay_out(p, column) for p in block.beside], column)
    if isinstance(block, Rule):
        return RuleFlow(block, column)
    if isinstance(block, Spacer):
        return SpaceFlow(block.height)
    if isinstance(block, Table):
        return TableFlow.build(block, engine, keep_with_next=False)
    return SignatureFlow.build(block, engine, on_signing_space)


class _Pages:
    """The canvas's pages: starts them, numbers and marks them, and fills them with flows."""

    def __init__(self, canvas: Canvas, engine: TextEngine):
        self.canvas = canvas
        self.engine = engine
        self.number = 0
        self.setup = PageSetup()
        self.y = 0.0  # PDF y of the next block's top
        self.bottom = 0.0
        self.at_top = True
        #: the page was reached by a page break (not a section start): spaces above vanish
        self.broken = False

    def _start(self, setup: PageSetup, *, broken: bool) -> None:
        """Begin a page; a section's first page (not reached by a break) starts at first_top."""
        if self.number:
            self.canvas.showPage()
        self.number += 1
        self.setup = setup
        height = setup.height * cm
        self.canvas.setPageSize((setup.width * cm, height))
        top = setup.margins.top if broken else setup.first_top
        self.y = height - top * cm
        self.bottom = setup.margins.bottom * cm
        self.at_top = True
        self.broken = broken
        self._decorate()

    def _decorate(self) -> None:
        setup = self.setup
        height, width = setup.height * cm, setup.text_width * cm
        if setup.page_number_format and (self.number > 1 or setup.page_number_on_first):
            number = str(self.number)
            if setup.page_number_digits == "thai":
                number = to_thai_digits(number)
            text = setup.page_number_format.format(number)
            number_line = Paragraph((Run(text),), align=Align.CENTER)
            self._draw(self.engine.lay_out(number_line, width), setup.page_number_top * cm)
        if setup.mark:
            mark = Paragraph(
                (Run(setup.mark, color=setup.mark_color),),
                align=Align.CENTER,
                size=setup.mark_size,
            )
            lines = self.engine.lay_out(mark, width)
            mark_height = sum(line.height for line in lines)
            # above the highest thing at the top of the page, and inside the bottom margin
            band = min(setup.first_top, setup.margins.top, setup.page_number_top) * cm
            self._draw(lines, max(band - mark_height, 0.0))
            self._draw(lines, height - setup.margins.bottom * cm)

    def _draw(self, lines: Sequence[Line], top: float) -> None:
        """Draw laid-out lines with their top ``top`` points below the paper's top edge."""
        left = self.setup.margins.left * cm
        draw_lines(self.canvas, self.engine, lines, left, self.setup.height * cm - top)

    def _top(self, flow: Flow, space: float) -> float:
        """Where ``flow`` would start: below its space, and no higher than its fixed top."""
        y = self.y - space
        if flow.fixed_top is not None:
            y = min(y, self.setup.height * cm - flow.fixed_top)
        return y

    def _place(self, flow: Flow, space: float) -> None:
        top = self._top(flow, space)
        flow.draw(self.canvas, self.engine, self.setup.margins.left * cm, top)
        self.y = top - flow.height
        self.at_top = False

    def fill(self, section: Section, flows: Iterable[Flow]) -> None:
        """Place a section's flows on pages, the first on a new page."""
        self._start(section.page, broken=False)
        queue = deque(flows)
        while queue:
            flow = queue.popleft()
            space = 0.0 if self.at_top and self.broken else flow.space_before
            room = self._top(flow, space) - self.bottom
            if flow.keep_with_next and not self.at_top and _chain(flow, queue) > room + EPSILON:
                # leave at least the end of this block for the page of the block it keeps
                pieces = flow.split(room, tail=True)
            elif flow.height <= room + EPSILON:
                self._place(flow, space)
                continue
            else:
                pieces = flow.split(room)
                if pieces is None and self.at_top:
                    pieces = flow.split(room, strict=False)
                    if pieces is None:  # taller than a page and unbreakable
                        self._place(flow, space)
                        continue
            if pieces is None:
                queue.appendleft(flow)
            else:
                head, rest = pieces
                self._place(head, space)
                queue.appendleft(rest)
            self._start(section.page, broken=True)


def _chain(flow: Flow, following: Iterable[Flow]) -> float:
    """Height of ``flow`` with the blocks it keeps with, down to the first piece of the last."""
    total = flow.height
    for nxt in following:
        total += nxt.space_before
        if not nxt.keep_with_next:
            return total + nxt.min_head()
        total += nxt.height
    return total

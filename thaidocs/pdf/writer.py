"""Layout tree → PDF: pages, page numbers and marks, and blocks filled onto pages.

Every length comes from the tree; the Thai text engine lays out and draws every line.
Pages fill top to bottom: a block that does not fit is split where it allows a break
(between lines of a paragraph, between table rows) or moves to the next page, and a block
kept with the next one moves with it. The output is deterministic: same tree, same bytes.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial
from io import BytesIO
from pathlib import Path

from msgspec import Struct, field
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
    Photo,
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
from thaidocs.pdf.metadata import NO_DATE, DocumentInfo
from thaidocs.pdf.metadata import write as write_metadata
from thaidocs.pdf.photo import PhotoFlow
from thaidocs.pdf.structure import TaggedCanvas, Tagger, TaggingEngine
from thaidocs.pdf.text import Line, TextEngine
from thaidocs.thai import to_thai_digits
from thaidocs.thai.segment import Segmenter, breaks_ahead

#: lines just before a signature block that introduce it rather than end the body
_LEAD_INS = frozenset({"date", "closing"})
#: body lines a signature block keeps on its page
_MIN_BODY_LINES = 2
#: a clause number or a lone number, too little for a catchword on its own
_NUMBER = re.compile(r"\(?[\d๐-๙.]+[).]?|\([ก-ฮ]\)")


def write_pdf(
    doc: LayoutDocument,
    *,
    font_paths: Sequence[Path] | None = None,
    font_scale: float | None = None,
    on_signing_space: SigningSpaceHook | None = None,
    catchword: bool = True,
    date: dt.date | None = None,
    pdfa: str | None = None,
    source: bytes | None = None,
) -> bytes:
    """Draw a layout tree as PDF bytes, fonts embedded as subsets.

    ``on_signing_space`` is told where each signer's blank signing space is drawn (the
    signature fields are made there). ``catchword``: each page the text continues from
    ends with the next page's first word. ``date`` is the document's date, given to the
    metadata. ``pdfa`` ("3u" or "2u") makes the file archival, ``source`` (the input as
    JSON) attached to a 3u file.
    """
    meta = doc.metadata
    info = DocumentInfo(
        title=meta.title,
        author=meta.author,
        subject=meta.subject,
        keywords=meta.keywords,
        language=meta.language,
        date=date or NO_DATE,
        pdfa=pdfa,
        ua=True,
    )
    with _binary_streams():
        data = _write(doc, load_family(font_paths, font_scale), on_signing_space, catchword, info)
    if pdfa:
        from thaidocs.pdf.archive import archive  # pikepdf, only for archival output

        data = archive(data, info, source)
    return data


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
    doc: LayoutDocument,
    family: FontFamily,
    on_signing_space: SigningSpaceHook | None,
    catchword: bool,
    info: DocumentInfo,
) -> bytes:
    tagger = Tagger(doc)
    engine = TaggingEngine(tagger, family, words=doc.words, line_spacing=doc.line_spacing)
    out = BytesIO()
    first = doc.sections[0].page if doc.sections else PageSetup()
    canvas = TaggedCanvas(
        tagger,
        out,
        pagesize=(first.width * cm, first.height * cm),
        invariant=1,
        pageCompression=1,
        initialFontName=family.regular.name,
        lang=doc.metadata.language,
    )
    write_metadata(canvas, info)
    pages = _Pages(engine)
    with breaks_ahead(paragraph.text for paragraph in tagger.paragraphs):
        for section in doc.sections:
            pages.fill(section, _flows(section, engine, on_signing_space))
        pages.draw(canvas, catchword=engine.segmenter if catchword else None)
    engine.finish(canvas)
    canvas.save()
    return out.getvalue()


def _flows(
    section: Section, engine: TextEngine, on_signing_space: SigningSpaceHook | None
) -> list[Flow]:
    column = section.page.text_width * cm
    flows = [_flow(block, column, engine, on_signing_space) for block in section.blocks]
    for index, block in enumerate(section.blocks):
        if isinstance(block, SignatureGroup):
            _keep_before_signature(section.blocks[:index], flows[:index])
        if isinstance(block, Paragraph) and block.at_foot:
            flow = flows[index]
            flow.at_foot = True
            # only the space between the page's text and its foot may shrink
            first = index == 0 or not flows[index - 1].at_foot
            flow.foot_space = 0.0 if first else flow.space_before
            # the foot block stays on the page of the block before it
            for before in reversed(flows[:index]):
                before.keep_with_next = True
                if not isinstance(before, SpaceFlow):
                    break
    return flows


def _keep_before_signature(blocks: Sequence[Block], flows: Sequence[Flow]) -> None:
    """A signature block never starts a page: it keeps the date line or closing before it
    and at least the last two lines of the body on its page."""
    lines = 0
    for block, flow in zip(reversed(blocks), reversed(flows), strict=True):
        if isinstance(block, Emblem | Rule):
            return
        flow.keep_with_next = True
        if isinstance(flow, SpaceFlow):
            continue
        if not isinstance(flow, LinesFlow):
            return  # a table keeps its last row with the block after it
        if isinstance(block, Paragraph) and block.role in _LEAD_INS:
            continue
        # a paragraph kept with the next block leaves at least two lines to go with it
        lines += len(flow.lines)
        if lines >= _MIN_BODY_LINES:
            return


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
        from thaidocs.pdf.tables import TableFlow  # most documents have no table

        return TableFlow.build(block, engine, keep_with_next=False)
    if isinstance(block, Photo):
        return PhotoFlow(block)
    return SignatureFlow.build(block, engine, on_signing_space)


class _Page(Struct):
    """One page as filled: its setup and each flow with the PDF y of its top edge."""

    setup: PageSetup
    placed: list[tuple[Flow, float]] = field(default_factory=list)
    #: PDF y under the last flow
    end: float = 0.0


class _Pages:
    """Fills pages with flows (all of a document's pages first), then draws each page with
    its furniture: the page number, the marks, and the catchword, which needs the next
    page's first word."""

    def __init__(self, engine: TextEngine):
        self.engine = engine
        self.pages: list[_Page] = []
        self.y = 0.0  # PDF y of the next block's top
        self.bottom = 0.0
        self.at_top = True
        #: the page was reached by a page break (not a section start): spaces above vanish
        self.broken = False

    @property
    def page(self) -> _Page:
        return self.pages[-1]

    def _start(self, setup: PageSetup, *, broken: bool) -> None:
        """Begin a page; a section's first page (not reached by a break) starts at first_top."""
        top = setup.margins.top if broken else setup.first_top
        self.y = setup.height * cm - top * cm
        self.bottom = setup.margins.bottom * cm
        self.at_top = True
        self.broken = broken
        self.pages.append(_Page(setup, end=self.y))

    def _top(self, flow: Flow, space: float) -> float:
        """Where ``flow`` would start: below its space, and no higher than its fixed top."""
        y = self.y - space
        if flow.fixed_top is not None:
            y = min(y, self.page.setup.height * cm - flow.fixed_top)
        return y

    def _fits_a_page(self, flow: Flow, following: Iterable[Flow]) -> bool:
        """Whether ``flow`` and the blocks it keeps with fit on a page reached by a break."""
        setup = self.page.setup
        room: float = (setup.height - setup.margins.top - setup.margins.bottom) * cm
        return _chain(flow, following) <= room + EPSILON

    def _place(self, flow: Flow, space: float) -> None:
        top = self._top(flow, space)
        self.page.placed.append((flow, top))
        self.y = self.page.end = top - flow.height
        self.at_top = False

    def fill(self, section: Section, flows: Iterable[Flow]) -> None:
        """Place a section's flows on pages, the first on a new page."""
        self._start(section.page, broken=False)
        queue = deque(flows)
        while queue:
            flow = queue.popleft()
            space = 0.0 if self.at_top and self.broken else flow.space_before
            if flow.at_foot:
                space = min(space, flow.foot_space)
            room = self._top(flow, space) - self.bottom
            pieces = None
            if flow.keep_with_next and _chain(flow, queue) > room + EPSILON:
                # leave at least the end of this block for the page of the block it keeps
                pieces = flow.split(room, tail=True)
                # a chain of keeps taller than a whole page cannot be kept: it runs on
                if pieces is None and not self.at_top and self._fits_a_page(flow, queue):
                    queue.appendleft(flow)
                    self._start(section.page, broken=True)
                    continue
            if pieces is None:
                if flow.height <= room + EPSILON:
                    self._place(flow, space)
                    continue
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
        self._settle_feet()

    def _settle_feet(self) -> None:
        """Move the blocks that sit at the foot of their page (the letter's contact block)
        down until the last one ends on the bottom margin."""
        page = self.page
        first = len(page.placed)
        while first > 0 and page.placed[first - 1][0].at_foot:
            first -= 1
        drop = page.end - self.bottom
        if first == len(page.placed) or drop <= 0:
            return
        page.placed[first:] = [(flow, top - drop) for flow, top in page.placed[first:]]
        page.end -= drop

    def draw(self, canvas: Canvas, *, catchword: Segmenter | None) -> None:
        """Draw every page: its flows, then its furniture."""
        for number, page in enumerate(self.pages, start=1):
            if number > 1:
                canvas.showPage()
            setup = page.setup
            canvas.setPageSize((setup.width * cm, setup.height * cm))
            left = setup.margins.left * cm
            for flow, top in page.placed:
                flow.draw(canvas, self.engine, left, top)
            word = None
            if catchword is not None and number < len(self.pages):
                word = _first_word(self.pages[number], catchword)
            self._decorate(canvas, page, number, word)

    def _decorate(self, canvas: Canvas, page: _Page, number: int, catchword: str | None) -> None:
        """The page furniture: page number, marks at top and bottom, and the catchword
        ("/" + the next page's first word + "...") right-aligned under the last text line."""
        setup = page.setup
        height, width = setup.height * cm, setup.text_width * cm
        draw = partial(self._draw, canvas, setup)
        if setup.page_number_format and (number > 1 or setup.page_number_on_first):
            text = str(number)
            if setup.page_number_digits == "thai":
                text = to_thai_digits(text)
            text = setup.page_number_format.format(text)
            number_line = Paragraph((Run(text),), align=Align.CENTER)
            # centred on the paper, not on the text block
            paper = setup.width * cm
            lines = self.engine.lay_out(number_line, paper)
            draw_lines(canvas, self.engine, lines, 0.0, height - setup.page_number_top * cm)
        if setup.mark:
            mark = Paragraph(
                (Run(setup.mark, bold=True, color=setup.mark_color),),
                align=Align.CENTER,
                size=setup.mark_size,
            )
            lines = self.engine.lay_out(mark, width)
            mark_height = sum(line.height for line in lines)
            # above the highest thing at the top of the page, and inside the bottom margin
            band = min(setup.first_top, setup.margins.top, setup.page_number_top) * cm
            draw(lines, max(band - mark_height, 0.0))
            draw(lines, height - setup.margins.bottom * cm)
        if catchword:
            line = Paragraph((Run(f"/{catchword}..."),), align=Align.RIGHT)
            draw(self.engine.lay_out(line, width), height - page.end)

    def _draw(self, canvas: Canvas, setup: PageSetup, lines: Sequence[Line], top: float) -> None:
        """Draw laid-out lines in the text block, their top ``top`` pt below the paper's top."""
        draw_lines(canvas, self.engine, lines, setup.margins.left * cm, setup.height * cm - top)


def _first_word(page: _Page, segmenter: Segmenter) -> str | None:
    """The first word of a page's text: up to the first place a line may break, with the
    word after it when either is only a number ("๒. การ", not "๒."; "ข้อ ๒", not "ข้อ")."""
    text = next((t for flow, _ in page.placed if (t := flow.first_text())), None)
    if text is None:
        return None
    text = " ".join(text.split())
    breaks = [*segmenter.breaks(text), len(text)]
    word = text[: breaks[0]].strip()
    if len(breaks) > 1:
        second = text[breaks[0] : breaks[1]].strip()
        if _NUMBER.fullmatch(word) or _NUMBER.fullmatch(second):
            word = text[: breaks[1]].strip()
    return word or None


def _chain(flow: Flow, following: Iterable[Flow]) -> float:
    """Height of ``flow`` with the blocks it keeps with, down to the first piece of the last."""
    total = flow.height
    for nxt in following:
        total += min(nxt.space_before, nxt.foot_space) if nxt.at_foot else nxt.space_before
        if not nxt.keep_with_next:
            return total + nxt.min_head()
        total += nxt.height
    return total

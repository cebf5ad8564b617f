"""Layout tree → .docx, with python-docx where it has an API and :mod:`.oxml` where not.

Every length comes from the tree. The file is meant to be edited: the body keeps its
paragraphs, styles carry the official font and sizes (see :mod:`.styles`), and the text
is left whole for Word's and LibreOffice's own Thai line breaking (no U+200B, no noProof).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import cached_property

import docx
from docx.document import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.image.image import Image
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.section import Section as DocxSection
from docx.section import _Footer, _Header
from docx.shared import Cm, Length, Pt, Twips
from docx.text.paragraph import Paragraph as DocxParagraph
from msgspec.structs import replace

from thaidocs.docx import headers, keeps, oxml, package, tables
from thaidocs.docx.styles import StyleBook
from thaidocs.layout.tree import (
    Align,
    Emblem,
    LayoutDocument,
    PageSetup,
    Paragraph,
    Photo,
    Rule,
    Run,
    Section,
    Signature,
    SignatureGroup,
    Spacer,
    Table,
)
from thaidocs.thai.segment import Segmenter

#: Word draws the page number through a PAGE field without a format switch, in the format
#: of the section's ``w:pgNumType``: "thaiNumbers" gives ๒ in Word. LibreOffice 7.4 ignores
#: that format and shows 2. The switch ``\* ThaiArabic`` would give ๒ in Word too, but
#: LibreOffice reads it as Thai letters and prints ข on page 2: a wrong number, so no switch.
PAGE_NUMBER_FORMATS = {"thai": "thaiNumbers", "arabic": "decimal"}
_EMBLEM_ALIGN = {Align.LEFT: "left", Align.CENTER: "center", Align.RIGHT: "right"}
#: the smallest height the format can state; stands for "no height" in gap paragraphs
_NO_HEIGHT = Twips(1)
_SIGNATURE = "signature"

NewParagraph = Callable[[], DocxParagraph]


def write_docx(doc: LayoutDocument) -> bytes:
    """The document as .docx bytes; equal trees give equal bytes."""
    document = docx.Document()
    package.drop_template_leftovers(document)
    sizes = Counter(paragraph.size for paragraph in _paragraphs(doc))
    body_size = sizes.most_common(1)[0][0] if sizes else Paragraph(()).size
    furniture = [
        line
        for section in doc.sections
        for line in _furniture(section.page, body_size)
        if line is not None
    ]
    book = StyleBook(document, doc, [*_paragraphs(doc), *furniture], _tables(doc), body_size)
    writer = _Writer(document, doc, book)
    for index, section in enumerate(doc.sections):
        writer.section(index, section)
    package.set_properties(document, doc.metadata)
    return package.package_bytes(document)


def _furniture(page: PageSetup, body_size: float) -> tuple[Paragraph | None, Paragraph | None]:
    """The mark (top and bottom centre) and the page number paragraphs of a page; the
    number's runs are the text before and after it."""
    mark = None
    if page.mark is not None:
        run = Run(page.mark, bold=True, size=page.mark_size, color=page.mark_color)
        mark = Paragraph((run,), align=Align.CENTER, size=page.mark_size, role="mark")
    number = None
    if page.page_number_format is not None:
        before, _, after = page.page_number_format.partition("{}")
        runs = (Run(before), Run(after))
        number = Paragraph(runs, align=Align.CENTER, size=body_size, role="page_number")
    return mark, number


def _signature_indents(signature: Signature, text_width: float) -> tuple[float, float]:
    """Left and right indents that centre a line of ``signature.width`` on its axis."""
    half = signature.width / 2
    return signature.axis - half, text_width - signature.axis - half


def _signature_paragraph(
    runs: tuple[Run, ...], size: float, indents: tuple[float, float], *, keep_with_next: bool
) -> Paragraph:
    """One centred line of a signature, between the indents that put it on its axis."""
    return Paragraph(
        runs,
        align=Align.CENTER,
        size=size,
        left_indent=indents[0],
        right_indent=indents[1],
        keep_with_next=keep_with_next,
        keep_together=True,
        role=_SIGNATURE,
    )


def _signature_lines(
    signature: Signature, size: float, indents: tuple[float, float], *, last: bool
) -> tuple[tuple[Paragraph, ...], tuple[Paragraph, ...]]:
    """The lines above the signing space (the caption) and below it (name, positions).
    Every line keeps with the next but the group's very last one."""

    def line(text: str, keep: bool = True) -> Paragraph:
        return _signature_paragraph((Run(text),), size, indents, keep_with_next=keep)

    above = (line(signature.caption),) if signature.caption else ()
    texts = (signature.name, *signature.positions)
    below = tuple(line(text, not (last and i == len(texts) - 1)) for i, text in enumerate(texts))
    return above, below


def _group_lines(group: SignatureGroup, text_width: float) -> Iterator[Paragraph]:
    """Every text line of a signature group, as written (for the styles)."""
    for row in group.rows:
        for signature in row:
            indents = _signature_indents(signature, text_width) if len(row) == 1 else (0.0, 0.0)
            above, below = _signature_lines(signature, group.size, indents, last=False)
            yield from above
            yield from below


def _paragraphs(doc: LayoutDocument) -> Iterator[Paragraph]:
    """Every paragraph of the pages' text, in reading order."""
    for section in doc.sections:
        page = section.page
        for block in section.blocks:
            if isinstance(block, Paragraph):
                yield block
            elif isinstance(block, Emblem):
                yield from block.beside
            elif isinstance(block, Table):
                for row in (*block.header, *block.rows):
                    for cell in row:
                        yield from cell.paragraphs
            elif isinstance(block, SignatureGroup):
                yield from _group_lines(block, page.text_width)


def _tables(doc: LayoutDocument) -> Iterator[Table]:
    for section in doc.sections:
        for block in section.blocks:
            if isinstance(block, Table):
                yield block


class _Writer:
    def __init__(self, document: Document, doc: LayoutDocument, book: StyleBook) -> None:
        self.document = document
        self.doc = doc
        self.book = book
        #: the body's last block is a table: another table needs a paragraph between
        self._after_table = False

    @cached_property
    def _segmenter(self) -> Segmenter:
        """Break opportunities of the document's text, its terms and names kept whole."""
        return Segmenter(self.doc.words)

    # Sections and page furniture

    def section(self, index: int, section: Section) -> None:
        if index:
            self.document.add_section(WD_SECTION.NEW_PAGE)
            self._join_section_break()
        target = self.document.sections[-1]
        page = section.page
        self._page(target, page, first=index == 0)
        self._blocks(section)

    def _join_section_break(self) -> None:
        """Move the section break python-docx adds as an empty paragraph into the
        paragraph before it, so it cannot push an empty line onto a page of its own."""
        body = self.document.element.body
        holder = body.findall(qn("w:p"))[-1]
        before = holder.getprevious()
        if before is None or before.tag != qn("w:p") or self._after_table:
            return
        before.get_or_add_pPr()._insert_sectPr(holder.pPr.sectPr)
        body.remove(holder)

    def _page(self, target: DocxSection, page: PageSetup, *, first: bool) -> None:
        target.orientation = WD_ORIENT.LANDSCAPE if page.landscape else WD_ORIENT.PORTRAIT
        target.page_width = Cm(page.width)
        target.page_height = Cm(page.height)
        target.left_margin = Cm(page.margins.left)
        target.right_margin = Cm(page.margins.right)
        target.top_margin = Cm(page.margins.top)
        target.bottom_margin = Cm(page.margins.bottom)
        target.header_distance = Cm(page.page_number_top)
        target.footer_distance = Cm(page.page_number_top)
        number_on_first = page.page_number_on_first or page.page_number_format is None
        target.different_first_page_header_footer = first and not number_on_first
        sect_pr = target._sectPr
        fmt = PAGE_NUMBER_FORMATS[page.page_number_digits]
        oxml.put(sect_pr, oxml.element("w:pgNumType", fmt=fmt), oxml.SECTPR_ORDER)
        mark, number = _furniture(page, self.book.body_size)
        header_lines = [line for line in (mark, number) if line is not None]
        self._story(target.header, header_lines)
        self._story(target.footer, [mark] if mark else [])
        if target.different_first_page_header_footer:
            self._story(target.first_page_header, [mark] if mark else [])
            self._story(target.first_page_footer, [mark] if mark else [])

    def _story(self, story: _Header | _Footer, lines: list[Paragraph]) -> None:
        story.is_linked_to_previous = False
        for index, line in enumerate(lines):
            target = story.paragraphs[0] if index == 0 else story.add_paragraph()
            self.book.apply(target, line)
            if line.role == "page_number":
                before = target.runs[0]._r
                for run in reversed(oxml.field("PAGE")):
                    before.addnext(run)

    # Blocks

    def _blocks(self, section: Section) -> None:
        blocks = section.blocks
        page = section.page
        kept = keeps.kept(blocks, page.text_width)
        for index, block in enumerate(blocks):
            keep = index in kept
            if isinstance(block, Paragraph):
                if keep and not block.keep_with_next:
                    block = replace(block, keep_with_next=True)
                before = blocks[index - 1] if index else None
                if block.at_foot and not (isinstance(before, Paragraph) and before.at_foot):
                    block = replace(block, space_before=0.0)  # the frame's top edge
                target = self.document.add_paragraph()
                self.book.apply(target, block)
                if block.at_foot:
                    oxml.at_foot(target._p.get_or_add_pPr(), width=Cm(page.text_width).twips)
                self._after_table = False
            elif isinstance(block, Emblem):
                self._emblem(block, page)
            elif isinstance(block, Rule):
                self._rule(block, page, keep_with_next=keep)
            elif isinstance(block, Spacer):
                self._gap(Pt(block.height), keep_with_next=keep)
            elif isinstance(block, Table):
                self._table(block, keep_with_next=keep)
            elif isinstance(block, Photo):
                self._photo(block, page)
            else:
                self._signatures(block, page, keep_with_next=keep)

    def _gap(self, height: Length, *, keep_with_next: bool = False) -> DocxParagraph:
        """An empty paragraph exactly ``height`` tall."""
        paragraph = self.document.add_paragraph()
        fmt = paragraph.paragraph_format
        fmt.line_spacing = Length(max(height, _NO_HEIGHT))
        fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        if keep_with_next:
            fmt.keep_with_next = True
        self._after_table = False
        return paragraph

    def _before_table(self, space: float, *, keep_with_next: bool = False) -> None:
        """A table has no space above of its own: a gap paragraph gives it, and separates
        two tables, which would otherwise merge into one."""
        if space > 0 or self._after_table:
            self._gap(Pt(space), keep_with_next=keep_with_next)

    def _emblem(self, emblem: Emblem, page: PageSetup) -> None:
        """The Garuda and the text beside it float at their place on the page; below them
        an empty paragraph reserves the band down to the emblem's bottom edge, the same
        with or without an image (pre-printed paper)."""
        holder = self._gap(
            Length(Cm(emblem.top + emblem.height - page.margins.top) - Pt(emblem.overlap))
        )
        top = Cm(emblem.top)
        if emblem.image is not None:
            shape = holder.add_run().add_picture(str(emblem.image), height=Cm(emblem.height))
            oxml.float_picture(shape._inline, h_align=_EMBLEM_ALIGN[emblem.align], v_offset=top)
        if emblem.beside:
            elements = []
            for line in emblem.beside:
                element = OxmlElement("w:p")
                self.book.apply(DocxParagraph(element, holder._parent), line)
                elements.append(element)
            box = oxml.text_box(
                shape_id=self.document.part.next_id,
                width=Cm(page.text_width),
                height=Cm(emblem.height),
                v_offset=top,
                paragraphs=elements,
            )
            holder.add_run()._r.append(box)

    def _rule(self, rule: Rule, page: PageSetup, *, keep_with_next: bool) -> None:
        """A top border on an empty paragraph indented to the rule's width; the
        paragraph's height is the space after the rule."""
        holder = self._gap(Pt(rule.space_after), keep_with_next=keep_with_next)
        side = Cm((page.text_width - rule.width) / 2)
        fmt = holder.paragraph_format
        fmt.left_indent = side
        fmt.right_indent = side
        fmt.space_before = Pt(rule.space_before)
        ppr = holder._p.get_or_add_pPr()
        oxml.set_top_border(ppr, dashed=rule.dashed, eighths=round(rule.thickness * 8))

    def _photo(self, photo: Photo, page: PageSetup) -> None:
        """A framed paragraph as wide and (at least) as tall as the photo, the picture inside
        it scaled to fit."""
        holder = self.document.add_paragraph()
        fmt = holder.paragraph_format
        fmt.left_indent = Cm(photo.left)
        fmt.right_indent = Cm(page.text_width - photo.left - photo.width)
        fmt.space_before = Pt(photo.space_before)
        fmt.line_spacing = Cm(photo.height)
        fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        fmt.keep_with_next = photo.keep_with_next
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        oxml.set_box_border(holder._p.get_or_add_pPr(), eighths=round(photo.frame * 8))
        if photo.image is not None:
            native = Image.from_file(str(photo.image))
            scale = min(Cm(photo.width) / native.width, Cm(photo.height) / native.height)
            size = (Length(round(native.width * scale)), Length(round(native.height * scale)))
            holder.add_run().add_picture(str(photo.image), width=size[0], height=size[1])
        self._after_table = False

    def _table(self, table: Table, *, keep_with_next: bool) -> None:
        """The table; ``keep_with_next`` keeps its last row with the block after it."""
        self._before_table(table.space_before)
        placed = tables.place((*table.header, *table.rows), len(table.widths))
        tbl = self._add_table(
            tables.table(
                table.widths,
                placed,
                style=self.book.table_style_id(table.role),
                header_rows=len(table.header),
                cant_split=not table.rows_split,
                shade=table.shade_color,
            )
        )
        if table.cell_padding != self.book.table_padding(table.role):
            twips = Cm(table.cell_padding).twips
            oxml.cell_margins(tbl.tblPr, left=twips, right=twips)
        last_row = len(placed) - 1 if keep_with_next else None
        for r, slot, tc in tables.cells(tbl, placed):
            if slot.cell is None:
                continue
            fill = self._filler(tc)
            inner = sum(table.widths[slot.column : slot.column + slot.span])
            inner -= 2 * table.cell_padding
            for paragraph in slot.cell.paragraphs:
                if r < len(table.header):
                    paragraph = headers.broken(paragraph, inner, self._segmenter)
                if r == last_row:
                    paragraph = replace(paragraph, keep_with_next=True)
                self.book.apply(fill(), paragraph)

    def _add_table(self, tbl: BaseOxmlElement) -> BaseOxmlElement:
        self.document.element.body._insert_tbl(tbl)
        self._after_table = True
        return tbl

    def _filler(self, tc: BaseOxmlElement) -> NewParagraph:
        """New paragraphs for a table cell: its own empty first paragraph, then added ones."""
        first: list[BaseOxmlElement] = [tc.find(qn("w:p"))]

        def new() -> DocxParagraph:
            p = first.pop() if first else tc.add_p()
            return DocxParagraph(p, self.document._body)

        return new

    def _signatures(self, group: SignatureGroup, page: PageSetup, *, keep_with_next: bool) -> None:
        """One block in a row: centred paragraphs indented about its axis. Several: a
        borderless table whose columns put each block on its axis. ``keep_with_next`` keeps
        the last line with the block after it (a letter's contact block)."""
        for r, row in enumerate(group.rows):
            space = group.space_before if r == 0 else group.row_gap
            last = r == len(group.rows) - 1 and not keep_with_next
            if len(row) == 1:
                indents = _signature_indents(row[0], page.text_width)
                new = self.document.add_paragraph
                self._signature(new, row[0], group.size, indents, space, last)
                self._after_table = False
                continue
            self._before_table(space, keep_with_next=True)
            blocks = sorted(row, key=lambda signature: signature.axis)
            origin = min(0.0, blocks[0].axis - blocks[0].width / 2)
            widths: list[float] = []
            holders: list[Signature | None] = []
            cursor = origin
            for signature in blocks:
                start = signature.axis - signature.width / 2
                if start > cursor:
                    widths.append(start - cursor)
                    holders.append(None)
                widths.append(signature.width)
                holders.append(signature)
                cursor = start + signature.width
            placed = [[tables.Slot(c, 1, None) for c in range(len(widths))]]
            tbl = self._add_table(tables.table(widths, placed, indent=origin))
            oxml.cell_margins(tbl.tblPr, left=0, right=0)
            for (_, _, tc), holder in zip(tables.cells(tbl, placed), holders, strict=True):
                if holder is not None:
                    self._signature(self._filler(tc), holder, group.size, (0.0, 0.0), 0.0, last)

    def _signature(
        self,
        new: NewParagraph,
        signature: Signature,
        size: float,
        indents: tuple[float, float],
        space_before: float,
        last: bool,
    ) -> None:
        above, below = _signature_lines(signature, size, indents, last=last)
        if above:
            above = (replace(above[0], space_before=space_before), *above[1:])
            space_before = 0.0
        for line in above:
            self.book.apply(new(), line)
        space = replace(
            _signature_paragraph((), size, indents, keep_with_next=True), space_before=space_before
        )
        holder = new()
        self.book.apply(holder, space)
        fmt = holder.paragraph_format
        height: Length = Pt(signature.signing_space)
        if signature.image is None:
            fmt.line_spacing = height
        else:
            # an exact line would clip the picture; "at least" grows by the line's descent
            fmt.line_spacing = height
            fmt.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
            native = Image.from_file(str(signature.image))
            width = Length(round(height * native.width / native.height))
            limit = Cm(signature.width)
            if width > limit:
                height, width = Length(round(height * limit / width)), limit
            holder.add_run().add_picture(str(signature.image), width=width, height=height)
        for line in below:
            self.book.apply(new(), line)

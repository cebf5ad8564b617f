"""Tagged PDF: the structure tree, made from the layout tree and filled as pages are drawn.

Before drawing, the layout tree gives the structure in reading order: Document; H1 for the
title lines, H2 for headings, P for other paragraphs; L/LI/Lbl/LBody for numbered clauses
(nested by where their numbers stand); Table/TR/TH/TD (header cells scoped to their
column, spans as attributes); Figure with /Alt for the Garuda, photographs and scanned
signatures; each
signer's block a Div of P. A node kind this module does not know becomes a Div of the
paragraphs it holds, so new layout nodes are tagged from the start.

While drawing, each text run gets a marked-content id inside the /Span that carries its
/ActualText (a separate marked-content block around it would make poppler's structure text
drop runs), and the id is filed under the element of the paragraph the line was laid out
from. Lines laid out from paragraphs that are not in the tree (page numbers, catchwords,
secrecy marks) and all vector drawing (rules, table borders and shading, leaders) are
artifacts. At save time the elements, the parent tree, /MarkInfo, /ViewerPreferences
/DisplayDocTitle and each page's /StructParents are written.
"""

from __future__ import annotations

from collections import defaultdict, deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from msgspec import Struct, field
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from thaidocs.layout.tree import (
    Emblem,
    LayoutDocument,
    Paragraph,
    Photo,
    Rule,
    SignatureGroup,
    Spacer,
    Table,
)
from thaidocs.pdf.deflate import DeflatedStream, deflating
from thaidocs.pdf.objects import RawObject, object_number
from thaidocs.pdf.text import Line, TextEngine
from thaidocs.pdf.text.drawing import mark_with

#: structure types of paragraphs by their role; any other role is a P
_ROLE_TYPES = {"title": "H1", "heading": "H2"}
#: /Alt of the Garuda, and of a photograph (a certificate holder's)
EMBLEM_ALT = "ตราครุฑ (Garuda emblem)"
PHOTO_ALT = "รูปถ่าย (photograph)"


class Element(Struct, eq=False):
    """A structure element: its type, children (elements, or (page, mcid) marks), /Alt and
    attributes."""

    type: str
    kids: list[Element | tuple[int, int]] = field(default_factory=list)
    alt: str | None = None
    attributes: dict[str, Any] | None = None

    def add(self, kind: str, **extra: Any) -> Element:
        child = Element(kind, **extra)
        self.kids.append(child)
        return child


#: who holds a paragraph's text: its element, and the Lbl of a clause's number
_Owner = tuple[Element, Element | None]


class Tagger:
    """The structure of one document: built from its layout tree, marked while drawing."""

    def __init__(self, tree: LayoutDocument) -> None:
        self.root = Element("Document")
        #: each paragraph's (element of its text, Lbl element of a clause's number), by
        #: paragraph value in reading order: equal paragraphs (table cells, above all) may
        #: share laid-out lines, which are then drawn once for each, in reading order
        self._twins: dict[Paragraph, deque[_Owner]] = defaultdict(deque)
        #: the owner of the lines being drawn of each paragraph value
        self._current: dict[Paragraph, _Owner | None] = {}
        #: signer lines, laid out from paragraphs the signature flow makes: (text, element)
        self._signer_lines: deque[tuple[str, Element]] = deque()
        self._figures: dict[str, deque[Element]] = defaultdict(deque)
        #: id(line) -> the paragraph it was laid out from, and its index there
        self._lines: dict[int, tuple[Paragraph, int]] = {}
        #: ids of the signer paragraphs already matched to their element
        self._signers_seen: set[int] = set()
        #: every object whose id is a key above, kept alive so that no id is reused
        self._alive: list[object] = []
        #: per page (from 0): the element of each marked-content id
        self.marks: list[list[Element]] = []
        for section in tree.sections:
            self._blocks(self.root, section.blocks)

    @property
    def paragraphs(self) -> list[Paragraph]:
        """The document's paragraphs, each value once, in reading order."""
        return list(self._twins)

    # -- building from the layout tree ---------------------------------------------------

    def _blocks(self, parent: Element, blocks: Sequence[object]) -> None:
        lists: list[tuple[float, Element]] = []  # open clause lists: (number position, L)
        for block in blocks:
            if isinstance(block, Paragraph) and block.role == "clause":
                self._clause(parent, block, lists)
                continue
            lists.clear()
            if isinstance(block, Paragraph):
                self._paragraph(parent, block)
            elif isinstance(block, Emblem):
                if block.image is not None:
                    self._figure(parent, block.image, EMBLEM_ALT)
                for paragraph in block.beside:
                    self._paragraph(parent, paragraph)
            elif isinstance(block, Table):
                self._table(parent, block)
            elif isinstance(block, Photo):
                if block.image is not None:
                    self._figure(parent, block.image, PHOTO_ALT)
            elif isinstance(block, SignatureGroup):
                self._signatures(parent, block)
            elif not isinstance(block, Rule | Spacer):
                inner = list(_paragraphs_in(block))
                if inner:
                    self._blocks(parent.add("Div"), inner)

    def _paragraph(self, parent: Element, paragraph: Paragraph, kind: str | None = None) -> None:
        element = parent.add(kind or _ROLE_TYPES.get(paragraph.role, "P"))
        self._twins[paragraph].append((element, None))

    def _clause(
        self, parent: Element, paragraph: Paragraph, lists: list[tuple[float, Element]]
    ) -> None:
        """A numbered clause: an LI of the list at its number's position, nested in the
        previous clause when its number stands further right."""
        at = paragraph.left_indent + paragraph.first_line_indent
        while lists and lists[-1][0] > at + 1e-6:
            lists.pop()
        if not lists or lists[-1][0] < at - 1e-6:
            holder = parent
            if lists:
                last = lists[-1][1].kids[-1]
                assert isinstance(last, Element)
                holder = last
            lists.append((at, holder.add("L")))
        item = lists[-1][1].add("LI")
        label = item.add("Lbl") if len(paragraph.runs) > 1 else None
        body = item.add("LBody")
        self._twins[paragraph].append((body, label))

    def _table(self, parent: Element, table: Table) -> None:
        element = parent.add("Table")
        for rows, head in ((table.header, True), (table.rows, False)):
            for row in rows:
                tr = element.add("TR")
                for cell in row:
                    attributes: dict[str, Any] = {"O": "Table"}
                    if head:
                        attributes["Scope"] = "Column"
                    if cell.rowspan > 1:
                        attributes["RowSpan"] = cell.rowspan
                    if cell.colspan > 1:
                        attributes["ColSpan"] = cell.colspan
                    kind = "TH" if head else "TD"
                    td = tr.add(kind, attributes=attributes if len(attributes) > 1 else None)
                    for paragraph in cell.paragraphs:
                        self._paragraph(td, paragraph, "P")

    def _signatures(self, parent: Element, group: SignatureGroup) -> None:
        div = parent.add("Div")
        for row in group.rows:
            for signature in row:
                block = div.add("Div")
                if signature.caption:
                    self._signer_lines.append((signature.caption, block.add("P")))
                if signature.image is not None:
                    self._figure(block, signature.image, f"ลายมือชื่อ {signature.name.strip('()')}")
                for text in (signature.name, *signature.positions):
                    self._signer_lines.append((text, block.add("P")))

    def _figure(self, parent: Element, image: Path, alt: str) -> None:
        self._figures[str(image)].append(parent.add("Figure", alt=alt))

    # -- marking while drawing -----------------------------------------------------------

    def laid_out(self, paragraph: Paragraph, lines: Sequence[Line]) -> None:
        """Note the paragraph each line was laid out from."""
        if paragraph.role == "signature" and id(paragraph) not in self._signers_seen:
            self._signers_seen.add(id(paragraph))
            self._alive.append(paragraph)
            for k, (text, element) in enumerate(self._signer_lines):
                if text == paragraph.text:
                    del self._signer_lines[k]
                    self._twins[paragraph].append((element, None))
                    break
        if paragraph not in self._twins:
            return
        for k, line in enumerate(lines):
            self._lines[id(line)] = (paragraph, k)
            self._alive.append(line)

    def runs(self, canvas: Canvas, line: Line) -> list[str] | None:
        """The marked-content id entry (``/MCID n``) for each run of ``line``; None if the
        line is an artifact: not laid out from the tree, or its paragraph drawn more often
        than the tree holds it (a table's header rows repeated on a new page)."""
        found = self._lines.get(id(line))
        if found is None:
            return None
        paragraph, index = found
        if index == 0:
            owners = self._twins[paragraph]
            self._current[paragraph] = owners.popleft() if owners else None
        owner = self._current.get(paragraph)
        if owner is None:
            return None
        element, label = owner
        page = canvas.getPageNumber() - 1
        entries = []
        for k in range(len(line.runs)):
            held = label if label is not None and index == 0 and k == 0 else element
            entries.append(f"/MCID {self._mark(page, held)}")
        return entries

    def figure(self, canvas: Canvas, image: str) -> str | None:
        """The marked-content id entry for drawing ``image``; None if not in the tree."""
        queue = self._figures.get(image)
        if not queue:
            return None
        return f"/MCID {self._mark(canvas.getPageNumber() - 1, queue.popleft())}"

    def _mark(self, page: int, element: Element) -> int:
        while len(self.marks) <= page:
            self.marks.append([])
        self.marks[page].append(element)
        element.kids.append((page, len(self.marks[page]) - 1))
        return len(self.marks[page]) - 1

    # -- writing -------------------------------------------------------------------------

    def addObjects(self, doc: Any) -> None:
        """Write the tree (called by ReportLab on save, after the last page). The elements
        are written as ready bytes: there are hundreds, and ReportLab's general object
        formatting would cost more than drawing the text."""
        pages = [object_number(doc, page) for page in doc.Pages.pages]
        elements = list(_walk(self.root))
        raws = [RawObject() for _ in elements]
        numbers = {id(e): object_number(doc, r) for e, r in zip(elements, raws, strict=True)}
        tree_root = RawObject()
        root_number = object_number(doc, tree_root)
        parents = {
            id(kid): numbers[id(e)] for e in elements for kid in e.kids if isinstance(kid, Element)
        }
        for element, raw in zip(elements, raws, strict=True):
            parts = [
                f"<</Type/StructElem/S/{element.type}/P {parents.get(id(element), root_number)} 0 R"
            ]
            if element.alt is not None:
                parts.append(f"/Alt<{_text(element.alt)}>")
            if element.attributes:
                entries = "".join(
                    f"/{key}/{value}" if isinstance(value, str) else f"/{key} {value}"
                    for key, value in element.attributes.items()
                )
                parts.append(f"/A<<{entries}>>")
            first_page = next((kid[0] for kid in element.kids if isinstance(kid, tuple)), None)
            if first_page is not None:
                parts.append(f"/Pg {pages[first_page]} 0 R")
            kids = []
            for kid in element.kids:
                if isinstance(kid, Element):
                    kids.append(f"{numbers[id(kid)]} 0 R")
                elif kid[0] == first_page:
                    kids.append(str(kid[1]))
                else:
                    kids.append(f"<</Type/MCR/Pg {pages[kid[0]]} 0 R/MCID {kid[1]}>>")
            parts.append(f"/K[{' '.join(kids)}]>>")
            raw.data = "".join(parts).encode("ascii")
        nums = []
        for page, marks in enumerate(self.marks):
            if marks:
                nums.append(f"{page}[{' '.join(f'{numbers[id(e)]} 0 R' for e in marks)}]")
                obj = doc.Pages.pages[page]
                obj.StructParents = page
                obj.Tabs = pdfdoc.PDFName("S")
                obj.__NoDefault__ = [*obj.__NoDefault__, "StructParents", "Tabs"]
        tree_root.data = (
            f"<</Type/StructTreeRoot/K {numbers[id(self.root)]} 0 R"
            f"/ParentTree<</Nums[{' '.join(nums)}]>>/ParentTreeNextKey {len(self.marks)}>>"
        ).encode("ascii")
        catalog = doc.Catalog
        catalog.StructTreeRoot = doc.Reference(tree_root)
        catalog.MarkInfo = pdfdoc.PDFDictionary({"Marked": "true"})
        catalog.ViewerPreferences = pdfdoc.PDFDictionary({"DisplayDocTitle": "true"})


def _text(value: str) -> str:
    """A PDF text string's hex digits (UTF-16BE with its byte-order mark)."""
    return ("\ufeff" + value).encode("utf-16-be").hex().upper()


def _walk(element: Element) -> Iterator[Element]:
    yield element
    for kid in element.kids:
        if isinstance(kid, Element):
            yield from _walk(kid)


def _paragraphs_in(node: object) -> Iterator[Paragraph]:
    """Every paragraph inside a layout node of any kind, in field order."""
    if isinstance(node, Paragraph):
        yield node
    elif isinstance(node, Struct):
        for name in node.__struct_fields__:
            yield from _paragraphs_in(getattr(node, name))
    elif isinstance(node, tuple | list):
        for item in node:
            yield from _paragraphs_in(item)


class TaggingEngine(TextEngine):
    """The text engine, telling the tagger which paragraph each laid-out line comes from."""

    def __init__(self, tagger: Tagger, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger

    def lay_out(self, paragraph: Paragraph, width: float) -> list[Line]:
        lines = super().lay_out(paragraph, width)
        self.tagger.laid_out(paragraph, lines)
        return lines


class TaggedCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose images are Figures (or artifacts) and whose vector drawing (rules,
    table borders and shading) is artifact."""

    def __init__(self, tagger: Tagger, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tagger = tagger
        mark_with(self, tagger)
        self._doc.delayedFonts.append(tagger)  # ReportLab's hook for objects written on save

    def showPage(self) -> None:
        """End the page, its stream compressed while the next is drawn."""
        super().showPage()
        page = self._doc.Pages.pages[-1]
        if page.compression:
            page.Contents = DeflatedStream(deflating(page.stream.encode("utf-8")))
            # read only where a page has no Contents: kept, a long document's pages would
            # each hold their text twice until the file is written
            page.stream = None

    def drawImage(self, image: Any, *args: Any, **kwargs: Any) -> Any:
        mark = self.tagger.figure(self, str(image))
        self._code.append(f"/Figure<<{mark}>>BDC" if mark else "/Artifact BMC")
        result = super().drawImage(image, *args, **kwargs)
        self._code.append("EMC")
        return result

    def line(self, *args: Any, **kwargs: Any) -> None:
        self._code.append("/Artifact BMC")
        super().line(*args, **kwargs)
        self._code.append("EMC")

    def rect(self, *args: Any, **kwargs: Any) -> None:
        self._code.append("/Artifact BMC")
        super().rect(*args, **kwargs)
        self._code.append("EMC")

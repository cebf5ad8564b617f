"""The layout tree: what both writers draw.

Every string here is final (digits converted, dates formatted, numbers made) and every
length is explicit: centimetres for positions and widths, points for vertical space and
type sizes. Type sizes are *official* sizes (TH Sarabun metrics); a writer applies its
font's scale. Writers never format Thai and never invent a measurement.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from enum import StrEnum
from functools import cached_property
from pathlib import Path

from msgspec import Struct, field


class Align(StrEnum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"
    #: Thai distributed: slack spread over grapheme clusters; last line left-aligned.
    DISTRIBUTE = "distribute"


class Leader(StrEnum):
    NONE = "none"
    DOT = "dot"


class Run(Struct, frozen=True):
    """A stretch of text in one style. A ``"\\t"`` inside ``text`` advances to the next tab stop."""

    text: str
    bold: bool = False
    #: official point size; ``None`` means the paragraph's size
    size: float | None = None
    #: RGB hex without ``#``, e.g. ``"C00000"``; ``None`` is black
    color: str | None = None


class TabStop(Struct, frozen=True):
    """A tab stop: where text after a tab aligns, and what fills the space before it."""

    #: from the paragraph's left edge (the margin, not the indent), in cm
    position: float
    align: Align = Align.LEFT
    leader: Leader = Leader.NONE


class Paragraph(Struct, frozen=True, dict=True, cache_hash=True):
    """One paragraph; lines wrap at ``left_indent``, the first line starts at
    ``left_indent + first_line_indent`` (negative for a hanging number)."""

    runs: tuple[Run, ...]
    align: Align = Align.LEFT
    #: official point size of runs without their own size
    size: float = 16.0
    left_indent: float = 0.0
    right_indent: float = 0.0
    first_line_indent: float = 0.0
    tabs: tuple[TabStop, ...] = ()
    #: points of extra space above the paragraph (not collapsed with the previous block)
    space_before: float = 0.0
    keep_with_next: bool = False
    keep_together: bool = False
    #: set at the foot of the page that holds the block before it, never on a page of its
    #: own (the letter's contact block); the space above it may shrink there
    at_foot: bool = False
    #: what the paragraph is, for writers' style names and for tests: "title", "subject",
    #: "body", "clause", "date", "closing", "label", "header", "caption", "words", ...
    role: str = "body"

    # Hashed once (cache_hash): a paragraph is the key of the layout memos and of the
    # tagger's lines, several lookups for each line drawn. Pickled without the hash, which
    # another process computes with its own string seed.

    @cached_property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


class Emblem(Struct, frozen=True):
    """The Garuda (ครุฑ). ``image`` None reserves the same space (pre-printed paper)."""

    image: Path | None
    height: float  # cm
    align: Align  # CENTER on ครุฑ paper, LEFT for the memo
    #: distance of the image's top edge from the paper's top edge, in cm
    top: float
    #: text set on the same band (memo title, urgency mark), vertically centred on the emblem
    beside: tuple[Paragraph, ...] = ()
    #: how far (pt) the block after the band rises into it: a letter's ที่ line sits beside
    #: the Garuda's lower edge
    overlap: float = 0.0


class Rule(Struct, frozen=True):
    """A horizontal line centred on the text column (the short line under a title)."""

    width: float  # cm
    dashed: bool = False
    thickness: float = 0.75  # pt
    space_before: float = 0.0  # pt
    space_after: float = 0.0  # pt


class Spacer(Struct, frozen=True):
    """Vertical space between blocks."""

    height: float  # pt


class Cell(Struct, frozen=True):
    """A table cell: its paragraphs, the rows and columns it spans, its shading."""

    paragraphs: tuple[Paragraph, ...]
    colspan: int = 1
    rowspan: int = 1
    shaded: bool = False

    @property
    def text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)


class Table(Struct, frozen=True):
    """Rows of cells; cells covered by a row or column span are omitted from later rows."""

    widths: tuple[float, ...]  # cm, one per grid column
    header: tuple[tuple[Cell, ...], ...]  # repeated at the top of every page
    rows: tuple[tuple[Cell, ...], ...]
    shade_color: str = "BFBFBF"  # RGB hex of shaded cells
    cell_padding: float = 0.1  # cm, left and right
    rows_split: bool = False  # False: a row never breaks across pages
    space_before: float = 0.0  # pt
    role: str = "table"


def grid_cells(rows: Sequence[Sequence[Cell]]) -> Iterator[tuple[int, int, Cell]]:
    """Each cell of ``rows`` with its row and its first grid column: a cell covered by a row
    span from above is omitted from its row, so later cells move right past it."""
    covered: dict[int, set[int]] = {}  # only the rows a span reaches
    for r, row in enumerate(rows):
        taken = covered.pop(r, set())
        column = 0
        for cell in row:
            while column in taken:
                column += 1
            yield r, column, cell
            for dr in range(1, cell.rowspan):
                covered.setdefault(r + dr, set()).update(range(column, column + cell.colspan))
            column += cell.colspan


class Signature(Struct, frozen=True):
    """One signer's block, every line centred on ``axis``."""

    #: distance of the centre line from the left margin, in cm
    axis: float
    #: the widest a line may be; longer lines wrap, still centred
    width: float
    caption: str | None  # role above the block, e.g. "ผู้อนุมัติแผน"
    image: Path | None  # scanned signature, drawn in the signing space
    signing_space: float  # pt of space for the handwritten or scanned signature
    name: str  # "(นายวันศักดิ์ คำแหง)"
    positions: tuple[str, ...]  # position lines, acting lines included


class SignatureGroup(Struct, frozen=True):
    """Signer blocks in rows (one block per row, or two side by side)."""

    rows: tuple[tuple[Signature, ...], ...]
    space_before: float = 0.0  # pt
    row_gap: float = 0.0  # pt between rows of blocks
    size: float = 16.0


class Photo(Struct, frozen=True):
    """A photograph in a thin frame, or the empty frame to paste one into (a certificate's
    holder). The image is scaled to fit inside the frame, centred."""

    image: Path | None
    width: float  # cm
    height: float  # cm
    #: the frame's left edge, from the left margin, in cm
    left: float
    frame: float = 0.5  # pt
    space_before: float = 0.0  # pt
    keep_with_next: bool = True


Block = Paragraph | Emblem | Rule | Spacer | Table | SignatureGroup | Photo


class Margins(Struct, frozen=True):
    """Page margins in cm."""

    left: float = 3.0
    right: float = 2.0
    top: float = 2.5  # cm, later pages (first page's top is set by the emblem)
    bottom: float = 2.0


class PageSetup(Struct, frozen=True):
    """Paper, margins, page numbers and the marks printed on every page of a section."""

    width: float = 21.0  # cm
    height: float = 29.7
    margins: Margins = field(default_factory=Margins)
    #: first page's top margin (where the emblem's band starts), in cm
    first_top: float = 1.5
    #: page-number text with ``{}`` for the number, e.g. "- {} -"; None: no numbers
    page_number_format: str | None = "- {} -"
    #: "thai" or "arabic" digits for the page number
    page_number_digits: str = "thai"
    #: distance of the page number's baseline-box top from the paper's top edge, in cm
    page_number_top: float = 1.5
    page_number_on_first: bool = False
    #: red bold marks printed at the top and bottom centre of every page (ชั้นความลับ)
    mark: str | None = None
    mark_size: float = 32.0
    #: RGB hex of the marks (ชั้นความลับ is printed red)
    mark_color: str = "C00000"

    @property
    def landscape(self) -> bool:
        return self.width > self.height

    @property
    def text_width(self) -> float:
        return self.width - self.margins.left - self.margins.right


class Section(Struct, frozen=True):
    """Blocks that share one page setup."""

    page: PageSetup
    blocks: tuple[Block, ...]


class Metadata(Struct, frozen=True):
    """What the file says about itself: title, subject, author, language, keywords."""

    title: str
    subject: str
    author: str
    language: str = "th-TH"
    keywords: tuple[str, ...] = ()


class LayoutDocument(Struct, frozen=True):
    """The whole document: metadata, sections, and the words that must never break."""

    metadata: Metadata
    sections: tuple[Section, ...]
    #: body font face named in .docx
    font: str = "TH SarabunPSK"
    #: single line height as a multiple of a paragraph's official size
    line_spacing: float = 1.30
    #: names and terms of the document (agency, signers, table names) for the line breaker
    words: tuple[str, ...] = ()

    def paragraphs(self) -> list[Paragraph]:
        """Every paragraph in reading order, table cells and signature lines excluded."""
        return [b for s in self.sections for b in s.blocks if isinstance(b, Paragraph)]

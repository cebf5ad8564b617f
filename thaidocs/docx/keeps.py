"""Which blocks keep with the next, so that Word and LibreOffice break pages as the PDF does.

The PDF paginator decides its pages; a .docx can only state keeps and let the application
decide. The rules of ``official-format.md`` ("Pagination") become paragraph properties:

- every paragraph has widow control (set once in the document defaults), so a paragraph
  split by a page keeps at least two lines on each side;
- a signature block never starts a page alone: the space above it, the date line or
  closing before it and the body paragraphs up to two lines back keep with it (a paragraph
  that keeps with the next takes its last lines along, widow control makes them two);
- a block set at the foot of the page (the letter's contact block: the owning unit, its
  numbers, สำเนาส่ง) keeps with the block before it, so it never goes to a page of its own.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Block, Paragraph, Rule, SignatureGroup, Spacer, Table

#: lines a page break leaves on either side of it, and the body lines a signature keeps
MIN_LINES = 2


def lines(paragraph: Paragraph, column: float) -> int:
    """About how many lines ``paragraph`` takes in a ``column`` cm wide text column."""
    width = column - paragraph.left_indent - paragraph.right_indent
    if width <= 0:
        return 1
    text = text_width(paragraph.text, paragraph.size) + max(paragraph.first_line_indent, 0.0)
    return max(1, math.ceil(text / width))


def kept(blocks: Sequence[Block], column: float) -> set[int]:
    """Indices of the blocks that must keep with the block after them."""
    keep: set[int] = set()
    for index, block in enumerate(blocks):
        if isinstance(block, SignatureGroup):
            keep |= _before_signatures(blocks, index, column)
        if isinstance(block, Paragraph) and block.at_foot:
            keep |= _before_foot(blocks, index)
    return keep


def _before_signatures(blocks: Sequence[Block], index: int, column: float) -> set[int]:
    keep: set[int] = set()
    body = 0
    for at in range(index - 1, -1, -1):
        block = blocks[at]
        if isinstance(block, Spacer | Rule):
            keep.add(at)
        elif isinstance(block, Paragraph):
            keep.add(at)
            if not block.keep_with_next:  # the date line and closing keep already
                body += lines(block, column)
                if body >= MIN_LINES:
                    break
        elif isinstance(block, Table):
            keep.add(at)  # its last row goes with the signatures
            break
        else:
            break
    return keep


def _before_foot(blocks: Sequence[Block], index: int) -> set[int]:
    """The blocks up to the first one with content before a foot paragraph."""
    keep: set[int] = set()
    for at in range(index - 1, -1, -1):
        keep.add(at)
        if not isinstance(blocks[at], Spacer):
            break
    return keep

"""Spaces: doubled, missing around ไม้ยมก, before punctuation, and invisible ones.

Thai separates phrases, not words, with a space, so a doubled space shows as a gap in
justified text. ไม้ยมก "ๆ" takes a space on each side ("ต่าง ๆ"), as the official writing
rules ask. Zero-width characters pasted from the web break search in the PDF and the .docx.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField

# (pattern, code, message, replacement of what the pattern matches)
_RULES: tuple[tuple[re.Pattern[str], str, str, str], ...] = (
    (
        re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]+"),
        "spacing.zero-width",
        "อักขระที่มองไม่เห็น (เช่น zero-width space) ทำให้ค้นหาข้อความไม่พบ "
        "(invisible characters break search)",
        "",
    ),
    (
        re.compile("[ \t\u00a0]{2,}|\t"),
        "spacing.double",
        "เว้นวรรคซ้อนกัน (a doubled space or a tab inside the text)",
        " ",
    ),
    (
        # A full stop counts only where it ends a sentence: a run of dots is a leader
        # ("........") and ".NET" is a name.
        re.compile(r" +(?=[,;!?)\]]|\.(?:\s|$))|(?<=[(\[]) +"),
        "spacing.punctuation",
        "ไม่ต้องเว้นวรรคหน้าเครื่องหมายปิดหรือหลังวงเล็บเปิด "
        "(no space before closing punctuation or after an opening bracket)",
        "",
    ),
)
#: what may follow ๆ without a space: the end, a space, closing punctuation, quotes
_AFTER_OK = frozenset(" \t\n)]}\"',.;:!?”’»/-")


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    for field in fields:
        if field.kind == "contact":
            continue
        for pattern, code, message, replacement in _RULES:
            for match in pattern.finditer(field.text):
                yield Finding(
                    "warning", code, message, field.path, match.group(), replacement, match.start()
                )
        at = field.text.find("ๆ")
        while at >= 0:
            yield from _maiyamok(field, at)
            at = field.text.find("ๆ", at + 1)


def _maiyamok(field: TextField, at: int) -> Iterator[Finding]:
    text = field.text
    space_before = at == 0 or text[at - 1].isspace()
    space_after = at + 1 == len(text) or text[at + 1] in _AFTER_OK or text[at + 1].isspace()
    if space_before and space_after:
        return
    start = at
    if not space_before:
        while start > 0 and _is_thai_letter(text[start - 1]):
            start -= 1
        if start < at:
            # Imported here: pythainlp costs 50 ms to import and is needed only for this.
            from pythainlp.tokenize import word_tokenize

            start = at - len(word_tokenize(text[start:at], engine="newmm")[-1])
    word = text[start:at]
    span = text[start : at + 1]
    suggestion = word + ("" if space_before else " ") + "ๆ" + ("" if space_after else " ")
    yield Finding(
        "warning",
        "spacing.maiyamok",
        f"ไม้ยมกต้องเว้นวรรคหน้าและหลัง “{suggestion.strip()}” (ไม้ยมก takes a space on each side)",
        field.path,
        span,
        suggestion,
        start,
    )


def _is_thai_letter(char: str) -> bool:
    """Thai letters, vowels and marks; not ๆ, digits or signs."""
    return "\u0e01" <= char <= "\u0e4e" and char != "ๆ"

"""Rules of correspondence: salutation and closing in pairs, the form of a document number,
and no closing phrase in a memo or repeated in a letter's body.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

import msgspec

from thaidocs.model import Certificate, Document, Letter, Memo, Stamped
from thaidocs.proofread.findings import Finding, Level
from thaidocs.proofread.walk import TextField

_DIGITS = "[0-9๐-๙]"
#: ministry code (two Thai letters), owner number with dotted sub-numbers, "/", optional ว
#: (circular), register number: ศธ ๐๔๐๐๑/๑๒๓, มท ๐๒๐๑.๒/ว ๓๙๙๓
NUMBER = re.compile(f"[ก-ฮ]{{2}} {_DIGITS}+(?:\\.{_DIGITS}+)*/(?:ว ?)?{_DIGITS}+")
_CLOSING = re.compile("ขอแสดงความนับถือ(?:อย่างยิ่ง)?")


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    if isinstance(doc, Letter):
        yield from _closing(doc)
        yield from _number(doc.number, "warning")
    if isinstance(doc, Stamped | Certificate):
        yield from _number(doc.number, "warning")
    if isinstance(doc, Memo) and doc.number is not None:
        yield from _number(doc.number, "info")
    if isinstance(doc, Letter | Memo):
        yield from _closing_in_body(doc, fields)


def _closing(doc: Letter) -> Iterator[Finding]:
    paired = msgspec.structs.replace(doc, closing=None).closing_text
    if doc.closing is None or doc.closing == paired:
        return
    yield Finding(
        "error",
        "letter.closing",
        f"คำขึ้นต้น “{doc.salutation}” ใช้คู่กับคำลงท้าย “{paired}” "
        f"(the salutation {doc.salutation} pairs with the closing {paired})",
        "closing",
        doc.closing,
        paired,
        0,
    )


def _repaired(number: str) -> str:
    """The number with the slips people make undone: "ที่" typed in, dots, stray spaces."""
    text = re.sub(r"^ที่\s*", "", " ".join(number.split()))
    text = re.sub(r"^([ก-ฮ])\.?([ก-ฮ])\.?\s*", r"\1\2 ", text)
    return re.sub(r"\s*/\s*", "/", text)


def _number(number: str, level: Level) -> Iterator[Finding]:
    if NUMBER.fullmatch(number):
        return
    repaired = _repaired(number)
    yield Finding(
        level,
        "letter.number",
        f"เลขที่หนังสือ “{number}” ไม่อยู่ในรูป “ศธ ๐๔๐๐๑/๑๒๓” "
        "(a document number is two Thai letters, a space, the owner's number with optional "
        "dotted sub-numbers, /, an optional ว and the register number)",
        "number",
        number,
        repaired if NUMBER.fullmatch(repaired) else None,
        0,
    )


def _closing_in_body(doc: Letter | Memo, fields: Sequence[TextField]) -> Iterator[Finding]:
    if isinstance(doc, Memo):
        message = "บันทึกข้อความไม่มีคำลงท้าย (a memo has no closing phrase)"
    else:
        message = (
            "คำลงท้ายพิมพ์จากช่อง closing อยู่แล้ว "
            "(the closing phrase is printed from `closing`; the body repeats it)"
        )
    for field in fields:
        if not field.path.startswith("body"):
            continue
        for match in _CLOSING.finditer(field.text):
            yield Finding(
                "warning",
                "body.closing-phrase",
                message,
                field.path,
                match.group(),
                None,
                match.start(),
            )

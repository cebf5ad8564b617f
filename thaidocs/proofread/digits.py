"""Thai and Arabic digits mixed in running text.

With ``digits: thai`` the composer prints running text in Thai digits, so a paragraph that
mixes the two still prints right: the finding is information, to keep the source tidy. With
``digits: arabic`` running text prints as written next to Arabic dates and numbers, so Thai
digits there show. URLs and e-mail addresses keep their digits either way; the conversion
functions of `thaidocs.thai` already know them, and are used to find the digits that change.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField
from thaidocs.thai import to_arabic_digits, to_thai_digits

_NUMBER = re.compile(r"[0-9๐-๙]+(?:[.,:/][0-9๐-๙]+)*")
_THAI_DIGIT = re.compile("[๐-๙]")
_ARABIC_DIGIT = re.compile("[0-9]")
_RUNNING = frozenset({"prose", "name", "position", "label"})


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    style = doc.options.digits
    for field in fields:
        if field.kind not in _RUNNING:
            continue
        text = field.text
        if style == "thai":
            if not (_THAI_DIGIT.search(text) and _ARABIC_DIGIT.search(text)):
                continue
            converted = to_thai_digits(text)
        else:
            if not _THAI_DIGIT.search(text):
                continue
            converted = to_arabic_digits(text)
        for number in _NUMBER.finditer(text):
            start, end = number.span()
            if converted[start:end] == number.group():
                continue
            yield _finding(field, number, converted[start:end], style)


def _finding(field: TextField, number: re.Match[str], fixed: str, style: str) -> Finding:
    if style == "thai":
        return Finding(
            "info",
            "digits.mixed",
            f"ย่อหน้านี้ใช้ทั้งเลขไทยและเลขอารบิก “{number.group()}” จะพิมพ์เป็นเลขไทย "
            "(Thai and Arabic digits mixed in one paragraph; printed in Thai digits)",
            field.path,
            number.group(),
            fixed,
            number.start(),
        )
    return Finding(
        "warning",
        "digits.mixed",
        f"เลขไทย “{number.group()}” ในเอกสารที่ใช้เลขอารบิก "
        "(Thai digits in a document set to Arabic digits; running text prints as written)",
        field.path,
        number.group(),
        fixed,
        number.start(),
    )

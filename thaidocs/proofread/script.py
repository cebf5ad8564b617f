"""Letters of another script inside a word: look-alikes pasted from OCR, PDFs or the web.

A Thai word never holds a Cyrillic, Greek, Lao or Khmer letter, nor a Latin letter between
Thai ones or under a Thai mark; those letters print and search as something else (Lao ກ
looks like Thai ก, and most fonts for Thai cannot draw it at all). No Latin, Cyrillic or
Greek letter looks enough like a Thai one to say which was meant, so there is no suggestion
there. Inside a Latin word a Cyrillic or Greek look-alike (Cyrillic о for o) has exactly one
reading, and the fixed word is suggested.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField

_THAI = "\u0e01-\u0e4e"
_LATIN = "A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f"
_CYRILLIC = "\u0400-\u052f"
_GREEK = "\u0370-\u03ff"
_LAO = "\u0e80-\u0eff"
_KHMER = "\u1780-\u17ff"
#: letters of the scripts that get mixed into Thai words (a character class body)
OTHER_LETTERS = f"{_LATIN}{_CYRILLIC}{_GREEK}{_LAO}{_KHMER}"
_WORD = re.compile(f"[{_THAI}{OTHER_LETTERS}]+")
_FOREIGN = re.compile(f"[{OTHER_LETTERS}]+")
_THAI_CHAR = re.compile(f"[{_THAI}]")
_LATIN_CHAR = re.compile(f"[{_LATIN}]")
_CYRILLIC_CHAR = re.compile(f"[{_CYRILLIC}]")
_LOOKALIKE_SCRIPTS = re.compile(f"[{_CYRILLIC}{_GREEK}]")
_LAO_CHAR = re.compile(f"[{_LAO}]")
_NEIGHBOUR_SCRIPTS = re.compile(f"[{_LAO}{_KHMER}]")

#: Cyrillic and Greek letters drawn like a Latin letter (Unicode confusables), by that letter
_LOOKALIKES = str.maketrans(
    {
        **dict(zip("аеорсухѕіјԁһӏ", "aeopcyxsijdhl", strict=True)),
        **dict(zip("АВЕКМНОРСТХУЅІЈ", "ABEKMHOPCTXYSIJ", strict=True)),
        **dict(zip("ΑΒΕΖΗΙΚΜΝΟΡΤΥΧον", "ABEZHIKMNOPTYXov", strict=True)),
    }
)
_CONTEXT = 12


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    for field in fields:
        for word in _WORD.finditer(field.text):
            if _THAI_CHAR.search(word.group()):
                yield from _in_thai(field, word)
            else:
                yield from _in_latin(field, word)


def _script_name(letters: str) -> str:
    if _NEIGHBOUR_SCRIPTS.search(letters):
        return "ลาว (Lao)" if _LAO_CHAR.search(letters) else "เขมร (Khmer)"
    if _CYRILLIC_CHAR.search(letters):
        return "ซีริลลิก (Cyrillic)"
    if _LATIN_CHAR.search(letters):
        return "ละติน (Latin)"
    return "กรีก (Greek)"


def _is_mark(char: str) -> bool:
    return unicodedata.category(char) == "Mn"


def _in_thai(field: TextField, word: re.Match[str]) -> Iterator[Finding]:
    text = word.group()
    for foreign in _FOREIGN.finditer(text):
        letters = foreign.group()
        start, end = foreign.span()
        inside = start > 0 and end < len(text)
        under_mark = end < len(text) and _is_mark(text[end])
        look_alike = _LOOKALIKE_SCRIPTS.search(letters) or _NEIGHBOUR_SCRIPTS.search(letters)
        if not (inside or under_mark or look_alike):
            continue
        offset = word.start() + start
        left = max(word.start(), offset - _CONTEXT)
        while left > word.start() and _is_mark(field.text[left]):
            left -= 1
        right = min(word.end(), offset + len(letters) + _CONTEXT)
        while right < word.end() and _is_mark(field.text[right]):
            right += 1
        context = field.text[left:right]
        yield Finding(
            "error",
            "script.mixed",
            f"อักษร{_script_name(letters)} “{letters}” ปนอยู่ในคำภาษาไทย “{context}” "
            "พิมพ์ใหม่ด้วยอักษรไทย (letters of another script inside a Thai word; "
            "they print and search as something else: retype them in Thai)",
            field.path,
            letters,
            None,
            offset,
        )


def _in_latin(field: TextField, word: re.Match[str]) -> Iterator[Finding]:
    text = word.group()
    if _NEIGHBOUR_SCRIPTS.search(text) or not (
        _LATIN_CHAR.search(text) and _LOOKALIKE_SCRIPTS.search(text)
    ):
        return
    fixed = text.translate(_LOOKALIKES)
    yield Finding(
        "error",
        "script.homoglyph",
        f"คำ “{text}” ปนอักษรซีริลลิกหรือกรีกที่หน้าตาเหมือนอักษรละติน "
        "(Cyrillic or Greek look-alikes inside a Latin word)",
        field.path,
        text,
        None if _LOOKALIKE_SCRIPTS.search(fixed) else fixed,
        word.start(),
    )

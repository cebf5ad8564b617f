"""Bounds on raw input, checked before the model sees it: size, nesting, numbers, characters.

Every field of every document type passes through here, so a value that would make a writer
fail later (a control character python-docx refuses, an infinite number, a structure nested
so deep that validation recurses without end) is refused at the door with its field path.

Characters: the C0 controls other than tab, line feed and carriage return, DEL, the C1
controls, lone surrogates and the Unicode noncharacters (U+FFFE, U+FFFF, U+FDD0–U+FDEF, ...)
are refused, never dropped: a character the user cannot see may still be one the user meant,
and the error says where it is so that it can be deleted in the source.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from decimal import Decimal
from typing import Any

from thaidocs.errors import Problem

#: the largest input file read, in bytes (a plan of 3,000 activities is about 1 MB)
MAX_INPUT_BYTES = 16 * 1024 * 1024
#: the most values (mappings, lists, strings, numbers) in one document, aliases expanded
MAX_NODES = 500_000
#: the deepest nesting of mappings and lists (a clause nested 40 deep is about 85)
MAX_DEPTH = 200
#: the largest magnitude of any number: a quadrillion (15 digits) is more than any budget
MAX_NUMBER = Decimal(10) ** 15
#: the longest run of digits read as a number (longer ones are refused, not parsed)
MAX_DIGITS = 40

_BAD_CHARS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
    "\U0001fffe\U0001ffff\U0002fffe\U0002ffff\U0003fffe\U0003ffff\U0004fffe\U0004ffff"
    "\U0005fffe\U0005ffff\U0006fffe\U0006ffff\U0007fffe\U0007ffff\U0008fffe\U0008ffff"
    "\U0009fffe\U0009ffff\U000afffe\U000affff\U000bfffe\U000bffff\U000cfffe\U000cffff"
    "\U000dfffe\U000dffff\U000efffe\U000effff\U000ffffe\U000fffff\U0010fffe\U0010ffff]"
)


def field_path(parts: list[int | str]) -> str:
    """``signers[0].position`` from ``["signers", 0, "position"]``."""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif part == "[key]":
            out += " (key)"
        else:
            out += f".{part}" if out else str(part)
    return out


def bad_characters(text: str) -> str:
    """The characters of ``text`` refused in input, as ``U+0000, U+000B``; "" if none."""
    found = dict.fromkeys(_BAD_CHARS.findall(text))
    return ", ".join(f"U+{ord(c):04X}" for c in found)


def raw_problems(data: Any) -> list[Problem]:
    """Every value of ``data`` out of bounds, each with its field path."""
    found: list[Problem] = []
    for count, (path, value) in enumerate(_values(data, []), 1):
        if count > MAX_NODES:
            limit = f"{MAX_NODES:,}"
            return [Problem("", f"the document has more than {limit} values", "split it up")]
        if len(path) >= MAX_DEPTH and isinstance(value, Mapping | list | tuple) and value:
            problem: tuple[str, str] | None = (
                f"ซ้อนกันลึกเกิน {MAX_DEPTH} ชั้น (nested more than {MAX_DEPTH} levels deep)",
                "flatten the structure",
            )
        else:
            problem = _value_problem(value)
        if problem:
            found.append(Problem(field_path(path), *problem))
    return found


def _values(value: Any, path: list[int | str]) -> Iterator[tuple[list[int | str], Any]]:
    """Every value with its path, depth first; containers past MAX_DEPTH are not entered."""
    stack: list[tuple[list[int | str], Any]] = [(path, value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if len(where) >= MAX_DEPTH:
            continue
        if isinstance(item, Mapping):
            children = []
            for key, child in item.items():
                if isinstance(key, str) and bad_characters(key):
                    yield [*where, key, "[key]"], key
                children.append(([*where, str(key)], child))
            stack.extend(reversed(children))
        elif isinstance(item, list | tuple):
            stack.extend(reversed([([*where, i], child) for i, child in enumerate(item)]))


def _value_problem(value: Any) -> tuple[str, str] | None:
    if isinstance(value, str):
        chars = bad_characters(value)
        if chars:
            return (
                f"มีอักขระควบคุมที่มองไม่เห็น {chars} (an invisible control character)",
                "ลบอักขระนั้นออกจากต้นฉบับ · delete it in the source",
            )
        return None
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        return None
    if isinstance(value, Decimal | float) and not Decimal(value).is_finite():
        return ("ตัวเลขไม่จำกัดค่า (not a finite number)", "write an ordinary number")
    if not abs(Decimal(value)) < MAX_NUMBER:
        return ("ตัวเลขใหญ่เกินไป (a number too large)", f"at most {MAX_NUMBER:,.0f}")
    return None

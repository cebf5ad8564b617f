"""How a person's name announces itself in Thai running text."""

from __future__ import annotations

#: titles written before a given name, longest first where one is a prefix of another
NAME_TITLES: tuple[str, ...] = (
    "ว่าที่ร้อยตรีหญิง",
    "ว่าที่ร้อยตรี",
    "นางสาว",
    "นาง",
    "นาย",
    "ดร.",
    "ผศ.",
    "รศ.",
    "ศ.",
)

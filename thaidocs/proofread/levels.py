"""Participation levels named in the prose: the five of the IAP2 spectrum, spelt as it spells them.

A level is named in English after its Thai description, in parentheses ("(Inform)") or at
the end of a line ("ระดับของการให้ความร่วมมือ Corroborate"), in text about participation.
A word there that is close to a level but is none is a mistake for it (Corroborate for
Collaborate); a derived form (Empowerment) is the level under another name.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.model.document import LEVELS
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField

_NAMED = re.compile(
    r"\((?P<paren>[A-Za-z]+)\)|(?<=[\u0e01-\u0e4e] )(?P<tail>[A-Za-z]+)[ \t]*(?=\n|$)",
    re.MULTILINE,
)
_ABOUT_PARTICIPATION = re.compile("มีส่วนร่วม|ระดับ|ร่วมมือ")
#: stems shared by a level's derived forms (Information, Involvement, Collaboration, …)
_STEMS = {
    "inform": "inform",
    "consult": "consult",
    "involv": "involve",
    "collaborat": "collaborate",
    "empower": "empower",
}
_CLOSE = 0.7


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    for field in fields:
        if field.kind != "prose" or not _ABOUT_PARTICIPATION.search(field.text):
            continue
        for match in _NAMED.finditer(field.text):
            word = match["paren"] or match["tail"]
            start = match.start("paren") if match["paren"] else match.start("tail")
            found = _judge(word)
            if found is not None:
                code, level = found
                yield _finding(field, word, start, code, level)


def _judge(word: str) -> tuple[str, str] | None:
    """(code, the level meant) for a word that is not a level name as written; else None."""
    key = word.casefold()
    if key in LEVELS:
        return None
    for stem, level in _STEMS.items():
        if key.startswith(stem):
            return "level.variant", level
    close = difflib.get_close_matches(key, LEVELS, n=1, cutoff=_CLOSE)
    return ("level.unknown", close[0]) if close else None


def _finding(field: TextField, word: str, start: int, code: str, level: str) -> Finding:
    name = level.capitalize() if word[:1].isupper() else level
    if code == "level.variant":
        return Finding(
            "info",
            code,
            f"ระดับการมีส่วนร่วม “{word}” เรียกในสเปกตรัม IAP2 ว่า “{name}” "
            f"(the IAP2 spectrum names this level {name})",
            field.path,
            word,
            name,
            start,
        )
    return Finding(
        "warning",
        code,
        f"“{word}” ไม่ใช่ระดับการมีส่วนร่วม น่าจะหมายถึง “{name}” "
        "(not one of the five participation levels Inform, Consult, Involve, Collaborate, "
        f"Empower; probably {name})",
        field.path,
        word,
        name,
        start,
    )

"""Signature blocks: a position to print, and an acting phrase that is said once and makes sense.

The composer prints the acting phrase and the principal's position from ``acting`` and
``acting_for``, and the parentheses around the name itself; typed into the text as well,
they print twice.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from typing import get_args

from thaidocs.model import Document, Signer
from thaidocs.model.document import Acting
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField

ACTING_PHRASES: tuple[str, ...] = get_args(Acting)
_PHRASE = re.compile("|".join(map(re.escape, ACTING_PHRASES)))
_PARENTHESISED = re.compile(r"\(\s*(.*?)\s*\)", re.S)


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    signers = getattr(doc, "signers", None) or []
    for index, signer in enumerate(signers):
        if isinstance(signer, Signer):
            yield from _signer(signer, f"signers[{index}]")
    for key in ("recorder", "checker"):  # who sign the minutes
        signer = getattr(doc, key, None)
        if isinstance(signer, Signer):
            yield from _signer(signer, key)


def _plain(text: str) -> str:
    return " ".join(text.split())


def _signer(signer: Signer, path: str) -> Iterator[Finding]:
    lines = [line for line in signer.position if isinstance(line, str) and line.strip()]
    if not lines:
        yield Finding(
            "error",
            "signer.position-missing",
            "ไม่มีตำแหน่งของผู้ลงนาม (the signer has no position to print)",
            f"{path}.position",
        )
    name = signer.name if isinstance(signer.name, str) else ""
    bracketed = _PARENTHESISED.fullmatch(name.strip())
    if bracketed:
        yield Finding(
            "warning",
            "signer.name-parentheses",
            "ไม่ต้องใส่วงเล็บรอบชื่อ ระบบใส่ให้เอง (the name is printed in parentheses already)",
            f"{path}.name",
            name,
            bracketed.group(1),
            0,
        )
    for number, line in enumerate(signer.position):
        if isinstance(line, str):
            yield from _phrase_in(line, f"{path}.position[{number}]", signer.acting)
    principal = signer.acting_for
    if not isinstance(principal, str):
        return
    phrase = _PHRASE.match(principal.strip())
    if phrase:
        yield Finding(
            "warning",
            "signer.acting-duplicated",
            f"“{phrase.group()}” พิมพ์จากช่อง acting อยู่แล้ว "
            "(acting_for names the principal's position only; the phrase comes from `acting`)",
            f"{path}.acting_for",
            principal,
            principal.strip()[phrase.end() :].strip(),
            0,
        )
    own = {_plain(line) for line in lines} | {_plain(" ".join(lines))}
    if _plain(principal) in own:
        yield Finding(
            "error",
            "signer.acting-self",
            "ตำแหน่งที่รักษาราชการแทนซ้ำกับตำแหน่งของผู้ลงนามเอง "
            "(acting_for is the signer's own position: name the principal's position)",
            f"{path}.acting_for",
            principal,
            None,
            0,
        )


def _phrase_in(line: str, path: str, acting: str | None) -> Iterator[Finding]:
    match = _PHRASE.search(line)
    if match is None:
        return
    if acting:
        yield Finding(
            "warning",
            "signer.acting-duplicated",
            f"“{match.group()}” อยู่ในตำแหน่งและพิมพ์จากช่อง acting ด้วย จะซ้ำกัน "
            "(the acting phrase is in the position text and comes from `acting` too)",
            path,
            line[match.start() :],
            None,
            match.start(),
        )
    else:
        yield Finding(
            "info",
            "signer.acting-in-position",
            f"ใช้ช่อง acting และ acting_for แทนการพิมพ์ “{match.group()}” ในตำแหน่ง "
            "(give the acting phrase as acting and acting_for so the block is laid out right)",
            path,
            match.group(),
            None,
            match.start(),
        )

"""Malformed Thai character sequences: text that looks right on screen but is not.

Each syllable cluster (leading vowels, a consonant, its marks and following vowels) is
checked against the order Thai text is stored in: vowel above or below, then tone mark or
thanthakhat, then the following vowel. The fix is made here rather than with
`pythainlp.util.normalize`, which also rewrites spaces and, of two different tone marks,
silently keeps the last: that one is a guess, so no suggestion is given for it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.proofread.findings import Finding, Level
from thaidocs.proofread.script import OTHER_LETTERS
from thaidocs.proofread.walk import TextField

_LEAD = "\u0e40-\u0e44"
_CONSONANT = "\u0e01-\u0e2e"
#: combining marks: vowels above and below, maitaikhu, tone marks, thanthakhat, nikhahit …
_MARKS = "\u0e31\u0e34-\u0e3a\u0e47-\u0e4e"
_FOLLOW = "\u0e30\u0e32\u0e33\u0e45"
_TONES = "\u0e48-\u0e4b"
_CLUSTER = re.compile(
    f"(?P<cluster>[{_LEAD}]*[{_CONSONANT}][{_MARKS}{_FOLLOW}]*)"
    # marks on a letter of another script are script.mixed, not orphans
    f"|(?<![{OTHER_LETTERS}{_MARKS}])(?P<orphan>[{_MARKS}]+)"
)
# Every cluster with a problem holds one of these; text without any (nearly all text) needs
# no cluster-by-cluster look.
_SUSPECT = re.compile(
    f"\u0e40\u0e40|\u0e4d|[\u0e48-\u0e4e][{_MARKS}]|[{_FOLLOW}][{_MARKS}]"
    f"|([{_LEAD}{_MARKS}{_FOLLOW}])\\1"
    f"|(?<![{_CONSONANT}{_MARKS}{_FOLLOW}{OTHER_LETTERS}])[{_MARKS}]"
)
_SARA_AM = re.compile(f"\u0e4d([{_TONES}]?)\u0e32")
_REPEAT = re.compile(r"(.)\1+")
_TONE_CHARS = frozenset("\u0e48\u0e49\u0e4a\u0e4b")
_LEAD_CHARS = "\u0e40\u0e41\u0e42\u0e43\u0e44"
_SARA_AE_SPLIT = "\u0e40\u0e40"

# Storage order of what follows the consonant: vowel above/below, then tone mark or
# thanthakhat (nikhahit sits with them), then the following vowel.
_RANK = {
    **dict.fromkeys("\u0e31\u0e34\u0e35\u0e36\u0e37\u0e38\u0e39\u0e3a\u0e47", 0),
    **dict.fromkeys("\u0e48\u0e49\u0e4a\u0e4b\u0e4c\u0e4d\u0e4e", 1),
    **dict.fromkeys(_FOLLOW, 2),
}

#: problems in the order they are named when a cluster has several
_PROBLEMS: dict[str, tuple[Level, str]] = {
    "thai.two-tones": (
        "error",
        "มีวรรณยุกต์สองตัวบนพยัญชนะเดียว (two tone marks on one consonant)",
    ),
    "thai.vowel-doubled": (
        "error",
        "สระหรือเครื่องหมายซ้ำกัน (a vowel or sign typed twice)",
    ),
    "thai.sara-am-decomposed": (
        "warning",
        "สระอำพิมพ์เป็นนิคหิต (ํ) กับสระอา (า) ค้นหาไม่พบและตัดคำผิด "
        "(sara am typed as nikhahit + sara aa: search and word breaking miss it)",
    ),
    "thai.sara-ae-split": (
        "warning",
        "สระแอพิมพ์เป็นสระเอสองตัว (เเ) ค้นหาไม่พบ (sara ae typed as two sara e: search misses it)",
    ),
    "thai.mark-order": (
        "warning",
        "ลำดับสระกับวรรณยุกต์ไม่ถูกต้อง ควรพิมพ์สระบนหรือล่างก่อนวรรณยุกต์ "
        "และวรรณยุกต์ก่อนสระหลัง (marks out of order: vowel above or below first, "
        "then the tone mark, then the following vowel)",
    ),
}


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    for field in fields:
        if _SUSPECT.search(field.text):
            yield from scan(field)


def scan(field: TextField) -> Iterator[Finding]:
    """Findings in one field, cluster by cluster (`_SUSPECT` tells which fields need it)."""
    for match in _CLUSTER.finditer(field.text):
        orphan = match.group("orphan")
        if orphan is not None:
            yield Finding(
                "error",
                "thai.orphan-mark",
                f"เครื่องหมาย “{orphan}” ไม่มีพยัญชนะกำกับ (a Thai mark with no consonant under it)",
                field.path,
                orphan,
                None,
                match.start(),
            )
        else:
            yield from _cluster(field, match.group(), match.start())


def _cluster(field: TextField, cluster: str, start: int) -> Iterator[Finding]:
    found = _problems(cluster)
    if not found:
        return
    level, message = _PROBLEMS[found[0]]
    others = ", ".join(found[1:])
    fixed = normalize_cluster(cluster)
    yield Finding(
        level,
        found[0],
        message + (f"; also {others}" if others else ""),
        field.path,
        cluster,
        fixed,
        start,
    )


def _problems(cluster: str) -> list[str]:
    consonant = _consonant_index(cluster)
    tail = cluster[consonant + 1 :]
    repeated = {m.group(1) for m in _REPEAT.finditer(cluster.replace(_SARA_AE_SPLIT, "\u0e41"))}
    flags = {
        "thai.two-tones": sum(char in _TONE_CHARS for char in cluster) > 1,
        "thai.vowel-doubled": bool(repeated - _TONE_CHARS),
        "thai.sara-am-decomposed": _SARA_AM.search(cluster) is not None,
        "thai.sara-ae-split": _SARA_AE_SPLIT in cluster,
        "thai.mark-order": tail != _ordered(tail),
    }
    return [code for code in _PROBLEMS if flags[code]]


def _consonant_index(cluster: str) -> int:
    return len(cluster) - len(cluster.lstrip(_LEAD_CHARS))


def _ordered(tail: str) -> str:
    return "".join(sorted(tail, key=lambda char: _RANK.get(char, 1)))


def normalize_cluster(cluster: str) -> str | None:
    """The cluster as it should be stored; None when the intended text cannot be known."""
    text = cluster.replace(_SARA_AE_SPLIT, "\u0e41")
    consonant = _consonant_index(text)
    text = text[: consonant + 1] + _ordered(text[consonant + 1 :])
    text = _SARA_AM.sub("\\1\u0e33", _REPEAT.sub("\\1", text))
    text = _REPEAT.sub("\\1", text)  # ํา may have become a second ำ
    return None if sum(char in _TONE_CHARS for char in text) > 1 else text

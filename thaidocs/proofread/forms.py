"""Rules of the further forms: what the regulation's forms say and a reader would trip on.

- ระเบียบ and ข้อบังคับ: clause numbers run on across chapters and are generated, so a
  number typed into a clause or "หมวด" into a chapter heading prints twice; a reference
  "ข้อ ๙" to a clause the document does not have; a year of issue other than the date's.
- แถลงการณ์ and ข่าว are issued in the agency's name: a signature typed into the body.
- รายงานการประชุม: the meeting closes after it opens; one person is not both present and
  absent; "ระเบียบวาระที่ ๑" is generated, not typed.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Document
from thaidocs.model.document import Clause, ClauseItem
from thaidocs.model.forms import Bylaw, Minutes, News, Regulation, Statement
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField
from thaidocs.thai import be_year, to_arabic_digits

_DIGITS = "[0-9๐-๙]+"
#: a clause number typed at the start of a clause: ข้อ ๓, (๒), ๓., ๒.๑
_TYPED_NUMBER = re.compile(f"^(?:ข้อ ?{_DIGITS}|\\({_DIGITS}\\)|{_DIGITS}(?:\\.{_DIGITS})*\\.?)\\s+")
_TYPED_CHAPTER = re.compile(f"^หมวด ?(?:ที่ ?)?{_DIGITS}\\s*")
_REFERENCE = re.compile(f"ข้อ ?(?P<number>{_DIGITS})(?![0-9๐-๙.])")
_SIGNATURE = re.compile(r"^(?:\(.+\)|ลงชื่อ.*)$", re.S)
_TYPED_AGENDA = re.compile(f"^ระเบียบวาระที่ ?{_DIGITS}\\s*")


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    if isinstance(doc, Regulation | Bylaw):
        yield from _rules(doc, fields)
    elif isinstance(doc, Statement | News):
        yield from _unsigned(fields)
    elif isinstance(doc, Minutes):
        yield from _minutes(doc)


def _clause_texts(items: Sequence[ClauseItem], path: str) -> Iterator[tuple[str, str]]:
    """Each clause's and sub-item's text with its field path."""
    for i, item in enumerate(items):
        if isinstance(item, Clause):
            yield f"{path}[{i}].text", item.text
            yield from _clause_texts(item.clauses, f"{path}[{i}].clauses")
        else:
            yield f"{path}[{i}]", item


def _rules(doc: Regulation | Bylaw, fields: Sequence[TextField]) -> Iterator[Finding]:
    if doc.chapters:
        texts = [
            pair
            for c, chapter in enumerate(doc.chapters)
            for pair in _clause_texts(chapter.clauses, f"chapters[{c}].clauses")
        ]
        for c, chapter in enumerate(doc.chapters):
            typed = _TYPED_CHAPTER.match(chapter.heading)
            if typed:
                yield Finding(
                    "warning",
                    "rules.chapter-number",
                    "ไม่ต้องพิมพ์ “หมวด …” ในชื่อหมวด ระบบใส่เลขหมวดให้เอง "
                    "(chapter numbers are generated: “หมวด ๑” would print twice)",
                    f"chapters[{c}].heading",
                    typed.group(),
                    "",
                    0,
                )
    else:
        texts = list(_clause_texts(doc.clauses, "clauses"))
    for path, text in texts:
        typed = _TYPED_NUMBER.match(text)
        if typed:
            yield Finding(
                "warning",
                "rules.number-typed",
                "ไม่ต้องพิมพ์เลขข้อ ระบบใส่ “ข้อ ๑” “(๑)” ให้เองและนับต่อกันข้ามหมวด "
                "(clause numbers are generated and run on across chapters: this one would "
                "print twice)",
                path,
                typed.group(),
                "",
                0,
            )
    count = len(doc.all_clauses)
    for field in fields:
        if not field.path.startswith(("clauses", "chapters", "preamble")):
            continue
        for match in _REFERENCE.finditer(field.text):
            number = int(to_arabic_digits(match.group("number")))
            if number > count:
                yield Finding(
                    "warning",
                    "rules.reference",
                    f"อ้างถึงข้อ {match.group('number')} แต่มีเพียง {count} ข้อ "
                    f"(a reference to a clause the document does not have: it has {count}; "
                    "clause numbers run on across chapters)",
                    field.path,
                    match.group(),
                    None,
                    match.start(),
                )
    if doc.year is not None and doc.year != be_year(doc.date):
        yield Finding(
            "warning",
            "rules.year",
            f"ปีที่ออก (พ.ศ. {doc.year}) ไม่ตรงกับปีของวันที่ประกาศ (พ.ศ. {be_year(doc.date)}) "
            "(the year of issue is not the year of the date it is given)",
            "year",
        )


def _unsigned(fields: Sequence[TextField]) -> Iterator[Finding]:
    for field in fields:
        if field.path.startswith("body") and _SIGNATURE.match(field.text.strip()):
            yield Finding(
                "warning",
                "release.signed",
                "แถลงการณ์และข่าวออกในนามส่วนราชการ ไม่มีผู้ลงนาม "
                "(a statement or news item is issued in the agency's name, unsigned: the body "
                "ends with a signature)",
                field.path,
                field.text,
                None,
                0,
            )


def _minutes(doc: Minutes) -> Iterator[Finding]:
    if doc.opened is not None and doc.closed is not None and doc.closed <= doc.opened:
        yield Finding(
            "error",
            "minutes.times",
            "เวลาเลิกประชุมต้องหลังเวลาเริ่มประชุม (the meeting closes before it opens)",
            "closed",
        )
    present = {" ".join(person.name.split()) for person in doc.present}
    for key in ("absent", "attending"):
        for i, person in enumerate(getattr(doc, key)):
            if " ".join(person.name.split()) in present:
                yield Finding(
                    "warning",
                    "minutes.attendance",
                    f"{person.name} อยู่ทั้งในผู้มาประชุมและใน {key} (listed as present and as {key})",
                    f"{key}[{i}].name",
                    person.name,
                    None,
                    0,
                )
    for i, item in enumerate(doc.agenda):
        typed = _TYPED_AGENDA.match(item.title)
        if typed:
            yield Finding(
                "warning",
                "minutes.agenda-number",
                "ไม่ต้องพิมพ์ “ระเบียบวาระที่ …” ระบบใส่ให้เอง "
                "(agenda numbers are generated: this one would print twice)",
                f"agenda[{i}].title",
                typed.group(),
                "",
                0,
            )

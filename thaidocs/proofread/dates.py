"""Dates written in the prose: days that do not exist, wrong weekdays, C.E. years as B.E.

Each date found in the text is read with `thaidocs.thai.parse_date`, so the proofreader and
the input model agree on what a date is. A date that cannot exist is an error; where the
document's own date has the same month and year and its day is the bad day with a digit
too many (๓๓๐ for ๓๐), the document's day is suggested.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Sequence

from thaidocs.model import Announcement, Bylaw, Certificate, Document, Order, Regulation
from thaidocs.proofread.findings import Finding
from thaidocs.proofread.walk import TextField
from thaidocs.thai import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    be_year,
    month_from_name,
    parse_date,
    to_arabic_digits,
    to_thai_digits,
)
from thaidocs.thai.dates import MIN_BE_YEAR, days_in_month

_DIGIT = "[0-9๐-๙]"
#: weekday names, Monday first as `date.weekday()` counts
WEEKDAYS = ("จันทร์", "อังคาร", "พุธ", "พฤหัสบดี", "ศุกร์", "เสาร์", "อาทิตย์")
_WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = sorted(
    [*THAI_MONTHS[1:], "กรกฏาคม", *THAI_MONTHS_ABBR[1:]], key=lambda name: (-len(name), name)
)
_MONTH = "|".join(re.escape(name) for name in _MONTH_NAMES)
_DATE = re.compile(
    f"(?:วัน(?P<weekday>{'|'.join(WEEKDAYS)}|พฤหัส)? ?ที่ ?)?"
    f"(?<!{_DIGIT})(?P<day>{_DIGIT}{{1,3}}) ?(?:เดือน ?)?(?P<month>{_MONTH})(?![ก-ฮ]\\.)"
    f"(?: ?(?P<era>พ\\. ?ศ\\.|ค\\. ?ศ\\.)? ?(?P<year>{_DIGIT}{{2,4}})(?!{_DIGIT}))?"
)
#: four-digit years from here to B.E. 2400 read as C.E. years labelled B.E.
_CE_FROM = 1800
_BE_YEAR = re.compile(f"พ\\. ?ศ\\. ?(?P<year>{_DIGIT}{{4}})(?!{_DIGIT})")
#: signing lines the composer prints from `date`
_SIGNING_LINE = re.compile(r"^(?:ประกาศ|สั่ง|ให้ไว้) ?ณ ?วันที่")


def findings(doc: Document, fields: Sequence[TextField]) -> Iterator[Finding]:
    signed = getattr(doc, "date", None)
    signed = signed if isinstance(signed, dt.date) else None
    dated_line = isinstance(doc, Announcement | Order | Regulation | Bylaw | Certificate)
    for field in fields:
        if field.kind != "prose":
            continue
        taken: list[tuple[int, int]] = []
        for match in _DATE.finditer(field.text):
            taken.append(match.span())
            yield from _date(field, match, signed)
        for match in _BE_YEAR.finditer(field.text):
            if not any(start <= match.start() < end for start, end in taken):
                yield from _year(field, match)
        if dated_line and field.path.startswith("body[") and _SIGNING_LINE.match(field.text):
            yield Finding(
                "warning",
                "date.signing-line",
                "บรรทัดวันที่ลงนามพิมพ์จากช่อง date อยู่แล้ว ย่อหน้านี้จะซ้ำ "
                "(the signing date line is printed from `date`; this paragraph repeats it)",
                field.path,
                field.text,
                None,
                0,
            )
    if signed is not None and signed > dt.date.today():
        yield Finding(
            "info",
            "date.future",
            f"วันที่ของเอกสาร ({signed.isoformat()}) ยังไม่ถึง (the document is dated in the future)",
            "date",
        )


def _same_digits(template: str, value: int) -> str:
    """`value` in the digits `template` is written in."""
    return to_thai_digits(value) if re.search("[๐-๙]", template) else str(value)


def _date(field: TextField, match: re.Match[str], signed: dt.date | None) -> Iterator[Finding]:
    day_text, year_text, era = match["day"], match["year"], match["era"]
    month = month_from_name(match["month"])
    day = int(to_arabic_digits(day_text))
    year = int(to_arabic_digits(year_text)) if year_text else None
    span = match.group()
    ce_year = (
        year is not None
        and len(year_text) == 4
        and _CE_FROM <= year < MIN_BE_YEAR
        and not _is_ce(era)
    )
    if year is None:
        # Without a year, 29 February may be right: the days of a leap year's month.
        days = days_in_month(2000, month)
        if 1 <= day <= days:
            return
        problem = f"day {day} does not exist in {THAI_MONTHS[month]} (it has at most {days} days)"
    else:
        reading = f"{day_text} {match['month']} {'ค.ศ. ' if ce_year else era or ''}{year_text}"
        try:
            written = parse_date(reading)
        except ValueError as exc:
            problem = str(exc)
        else:
            if ce_year:
                yield _ce_year(field, match, written)
            yield from _weekday(field, match, written)
            return
    suggestion = None
    if (
        signed is not None
        and year is not None
        and (signed.month, be_year(signed)) == (month, year)
        and _is_subsequence(str(signed.day), str(day))
    ):
        start, end = match.start("day") - match.start(), match.end("day") - match.start()
        suggestion = span[:start] + _same_digits(day_text, signed.day) + span[end:]
    yield Finding(
        "error",
        "date.impossible",
        f"วันที่ “{span}” ไม่มีอยู่จริง (impossible date: {problem})",
        field.path,
        span,
        suggestion,
        match.start(),
    )


def _is_ce(era: str | None) -> bool:
    return era is not None and era.startswith("ค")


def _is_subsequence(short: str, long: str) -> bool:
    rest = iter(long)
    return len(short) < len(long) and all(char in rest for char in short)


def _ce_year(field: TextField, match: re.Match[str], written: dt.date) -> Finding:
    span = match.group()
    start, end = match.start("year") - match.start(), match.end("year") - match.start()
    fixed = span[:start] + _same_digits(match["year"], be_year(written)) + span[end:]
    return Finding(
        "warning",
        "date.year-ce",
        f"ปี {match['year']} ใน “{span}” ดูเหมือนปีคริสต์ศักราช เอกสารราชการใช้ปีพุทธศักราช "
        f"(the year looks like C.E.; official documents give the B.E. year)",
        field.path,
        span,
        fixed,
        match.start(),
    )


def _year(field: TextField, match: re.Match[str]) -> Iterator[Finding]:
    year_text = match["year"]
    year = int(to_arabic_digits(year_text))
    if not _CE_FROM <= year < MIN_BE_YEAR:
        return
    span = match.group()
    start = match.start("year") - match.start()
    # Before 1941 January–March fall in the previous B.E. year: without a month, no sure fix.
    fixed = span[:start] + _same_digits(year_text, year + 543) if year >= 1941 else None
    yield Finding(
        "warning",
        "date.year-ce",
        f"“{span}” ดูเหมือนปีคริสต์ศักราชที่เขียนเป็นพุทธศักราช (a C.E. year labelled พ.ศ.; B.E. = C.E. + 543)",
        field.path,
        span,
        fixed,
        match.start(),
    )


def _weekday(field: TextField, match: re.Match[str], written: dt.date) -> Iterator[Finding]:
    named = match["weekday"]
    if named is None:
        return
    actual = WEEKDAYS[written.weekday()]
    if named == actual or (named == "พฤหัส" and actual == "พฤหัสบดี"):
        return
    yield Finding(
        "error",
        "date.weekday",
        f"{match['day']} {match['month']} {match['year']} ตรงกับวัน{actual} ไม่ใช่วัน{named} "
        f"(the weekday does not match the date: it is a {_WEEKDAYS_EN[written.weekday()]})",
        field.path,
        f"วัน{named}",
        f"วัน{actual}",
        match.start(),
    )

"""Buddhist-era dates: B.E. years (with the pre-1941 new year), fiscal years, format and parse.

pythainlp's `thai_strftime` adds 543 to every year, which is wrong before 1941, so the calendar
arithmetic lives here; it is a few lines and needs no import beyond the standard library.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from thaidocs.thai.digits import Digits, convert_digits, to_arabic_digits

DateStyle = Literal["full", "letter", "abbr"]

# Index 0 is empty so that a month number indexes its name directly.
THAI_MONTHS: tuple[str, ...] = (
    "",
    "มกราคม",
    "กุมภาพันธ์",
    "มีนาคม",
    "เมษายน",
    "พฤษภาคม",
    "มิถุนายน",
    "กรกฎาคม",
    "สิงหาคม",
    "กันยายน",
    "ตุลาคม",
    "พฤศจิกายน",
    "ธันวาคม",
)
THAI_MONTHS_ABBR: tuple[str, ...] = (
    "",
    "ม.ค.",
    "ก.พ.",
    "มี.ค.",
    "เม.ย.",
    "พ.ค.",
    "มิ.ย.",
    "ก.ค.",
    "ส.ค.",
    "ก.ย.",
    "ต.ค.",
    "พ.ย.",
    "ธ.ค.",
)

# B.E. years below this are almost always C.E. years typed by mistake (B.E. 2400 = C.E. 1857).
MIN_BE_YEAR = 2400
# A two-digit year "yy" is B.E. 25yy when yy >= 20, else 26yy: B.E. 2520–2619 (C.E. 1977–2076).
# The window is fixed, not relative to today, so that parsing never depends on the clock.
TWO_DIGIT_PIVOT = 20

# "กรกฏาคม" (ฏ for ฎ) is a common misspelling of July; accepted so that input is not refused
# for it (the output is always spelt right).
_MONTH_NUMBERS: dict[str, int] = {
    **{name: number for number, name in enumerate(THAI_MONTHS) if name},
    **{abbr.replace(".", ""): number for number, abbr in enumerate(THAI_MONTHS_ABBR) if abbr},
    "กรกฏาคม": 7,
}

_ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{1,2})-(?P<day>[0-9]{1,2})")
_THAI = re.compile(
    r"(?:วันที่ ?)?(?P<day>[0-9]+) ?(?:เดือน ?)?(?P<month>[^0-9 ]+?) ?"
    r"(?:(?P<era>พ\.? ?ศ\.?|ค\.? ?ศ\.?) ?)?(?P<year>[0-9]+)"
)


def be_year(d: date) -> int:
    """Buddhist-era year of `d`.

    Before 1941 the Thai year began on 1 April, so January–March belong to the B.E. year
    that began the April before (1 Mar 1940 is B.E. 2482). B.E. 2483 ran from 1 April to
    31 December 1940 only; from 1 January 1941 (B.E. 2484) B.E. = C.E. + 543.
    """
    return d.year + (542 if d.year < 1941 and d.month < 4 else 543)


def fiscal_year(d: date) -> int:
    """B.E. fiscal year (ปีงบประมาณ) of `d`: 1 October – 30 September, named by the year it ends.

    The rule in force today is applied to every date.
    """
    return d.year + (1 if d.month >= 10 else 0) + 543


def fiscal_year_range(fiscal: int) -> tuple[date, date]:
    """First and last day of B.E. fiscal year `fiscal` (2564 → 1 Oct 2020 – 30 Sep 2021)."""
    if isinstance(fiscal, bool) or not isinstance(fiscal, int):
        raise TypeError(f"fiscal year must be an int, got {type(fiscal).__name__}")
    if fiscal < MIN_BE_YEAR:
        raise ValueError(
            f"fiscal year {fiscal} is below {MIN_BE_YEAR}: give the B.E. year "
            f"(e.g. {fiscal + 543}), not the C.E. year"
        )
    return date(fiscal - 544, 10, 1), date(fiscal - 543, 9, 30)


def format_date(d: date, style: DateStyle = "full", digits: Digits = "thai") -> str:
    """Write `d` as official documents do.

    30 Oct 2024 → full "๓๐ ตุลาคม พ.ศ. ๒๕๖๗", letter "๓๐ ตุลาคม ๒๕๖๗", abbr "๓๐ ต.ค. ๖๗".
    """
    if not isinstance(d, date):
        raise TypeError(f"expected a date, got {type(d).__name__}")
    year = be_year(d)
    if style == "full":
        text = f"{d.day} {THAI_MONTHS[d.month]} พ.ศ. {year}"
    elif style == "letter":
        text = f"{d.day} {THAI_MONTHS[d.month]} {year}"
    elif style == "abbr":
        text = f"{d.day} {THAI_MONTHS_ABBR[d.month]} {year % 100:02d}"
    else:
        raise ValueError(f"style must be 'full', 'letter' or 'abbr', not {style!r}")
    return convert_digits(text, digits)


def month_from_name(text: str) -> int:
    """Month number (1–12) of a full or abbreviated Thai month name, dots optional."""
    key = re.sub(r"[\s.]", "", text)
    key = key.removeprefix("เดือน")
    number = _MONTH_NUMBERS.get(key)
    if number is None:
        raise ValueError(f"unknown month name {text!r}: expected e.g. ตุลาคม or ต.ค.")
    return number


def _be_to_ce(year: int, month: int) -> int:
    """C.E. year of `month` in B.E. year `year` (the inverse of `be_year`)."""
    if year >= 2484 or month >= 4:
        return year - 543
    if year == 2483:
        raise ValueError(
            f"{THAI_MONTHS[month]} พ.ศ. 2483 does not exist: B.E. 2483 ran from "
            "1 April to 31 December 1940"
        )
    return year - 542


def _year_from(text: str, era: str | None, month: int) -> tuple[int, str]:
    """C.E. year and a label naming the year as written, for messages."""
    if era is not None and era.startswith("ค"):
        if len(text) != 4 or int(text) == 0:
            raise ValueError(f"year ค.ศ. {text}: write the C.E. year with four digits")
        return int(text), f"ค.ศ. {text}"
    if len(text) == 2:
        short = int(text)
        year = (2500 if short >= TWO_DIGIT_PIVOT else 2600) + short
    elif len(text) == 4:
        year = int(text)
    else:
        raise ValueError(
            f"year {text}: write the B.E. year with four digits (two in the abbreviated form)"
        )
    if year < MIN_BE_YEAR:
        raise ValueError(
            f"year {year} is below B.E. {MIN_BE_YEAR}: it looks like a C.E. year; "
            f"write พ.ศ. {year + 543} or ค.ศ. {year}"
        )
    return _be_to_ce(year, month), f"พ.ศ. {year}"


#: days in each month of a common year
_MONTH_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """Days in ``month`` (1–12) of the C.E. ``year``, by the Gregorian leap-year rule."""
    leap = month == 2 and year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)
    return _MONTH_DAYS[month - 1] + leap


def _build(year: int, month: int, day_text: str, year_label: str) -> date:
    days = days_in_month(year, month)
    if len(day_text) > 2 or not 1 <= int(day_text) <= days:
        raise ValueError(
            f"day {day_text} does not exist in {THAI_MONTHS[month]} {year_label} "
            f"(it has {days} days)"
        )
    return date(year, month, int(day_text))


def parse_date(text: str) -> date:
    """Read a date written in any of the `format_date` styles, or ISO (2024-10-30).

    Thai or Arabic digits; "วันที่", "เดือน" and "พ.ศ." optional; full or abbreviated month,
    dots optional; "ค.ศ." marks a C.E. year. A two-digit year is B.E. 2520–2619 (25yy when
    yy >= 20, else 26yy). A four-digit year below B.E. 2400 is refused as a likely C.E. year.
    Raises ValueError naming the part that is wrong.
    """
    if not isinstance(text, str):
        raise TypeError(f"expected str, got {type(text).__name__}")
    clean = " ".join(to_arabic_digits(text.replace("\u200b", "")).split())
    iso = _ISO.fullmatch(clean)
    if iso is not None:
        month = int(iso["month"])
        if not 1 <= month <= 12:
            raise ValueError(f"month {iso['month']} does not exist in {text!r} (1–12)")
        if int(iso["year"]) == 0:
            raise ValueError(f"year {iso['year']} does not exist in {text!r}")
        return _build(int(iso["year"]), month, iso["day"], f"ค.ศ. {iso['year']}")
    found = _THAI.fullmatch(clean)
    if found is None:
        raise ValueError(
            f"not a date: {text!r}; expected e.g. ๓๐ ตุลาคม พ.ศ. ๒๕๖๗, ๓๐ ต.ค. ๖๗ or 2024-10-30"
        )
    month = month_from_name(found["month"])
    year, label = _year_from(found["year"], found["era"], month)
    return _build(year, month, found["day"], label)

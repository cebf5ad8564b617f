"""Buddhist-era dates: years, fiscal years, formatting and parsing back."""

from __future__ import annotations

import calendar
import contextlib
import re
from datetime import date, datetime

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from thaidocs.thai import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    be_year,
    fiscal_year,
    fiscal_year_range,
    format_date,
    month_from_name,
    parse_date,
)
from thaidocs.thai.dates import days_in_month

OCT_30 = date(2024, 10, 30)


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(1940, 3, 1), 2482),
        (date(1940, 3, 31), 2482),
        (date(1940, 4, 1), 2483),
        (date(1940, 12, 31), 2483),
        (date(1941, 1, 1), 2484),
        (date(1939, 1, 15), 2481),
        (date(1939, 4, 15), 2482),
        (date(2024, 10, 30), 2567),
        (date(2024, 1, 1), 2567),
    ],
)
def test_be_year(day: date, year: int) -> None:
    assert be_year(day) == year


@pytest.mark.parametrize(
    ("day", "year"),
    [
        (date(2024, 10, 1), 2568),
        (date(2024, 9, 30), 2567),
        (date(2025, 9, 30), 2568),
        (date(2020, 10, 1), 2564),
        (date(2024, 1, 1), 2567),
    ],
)
def test_fiscal_year(day: date, year: int) -> None:
    assert fiscal_year(day) == year


def test_fiscal_year_range() -> None:
    assert fiscal_year_range(2564) == (date(2020, 10, 1), date(2021, 9, 30))
    assert fiscal_year_range(2568) == (date(2024, 10, 1), date(2025, 9, 30))


def test_fiscal_year_range_refuses_a_ce_year() -> None:
    with pytest.raises(ValueError, match=r"B\.E\. year"):
        fiscal_year_range(2021)
    with pytest.raises(TypeError):
        fiscal_year_range("2564")  # type: ignore[arg-type]


@given(st.dates(min_value=date(1941, 1, 1), max_value=date(2200, 12, 31)))
@settings(max_examples=200, deadline=None)
def test_fiscal_year_range_holds_its_dates(day: date) -> None:
    start, end = fiscal_year_range(fiscal_year(day))
    assert start <= day <= end
    assert fiscal_year(start) == fiscal_year(end) == fiscal_year(day)


@pytest.mark.parametrize(
    ("style", "digits", "text"),
    [
        ("full", "thai", "๓๐ ตุลาคม พ.ศ. ๒๕๖๗"),
        ("letter", "thai", "๓๐ ตุลาคม ๒๕๖๗"),
        ("abbr", "thai", "๓๐ ต.ค. ๖๗"),
        ("full", "arabic", "30 ตุลาคม พ.ศ. 2567"),
        ("letter", "arabic", "30 ตุลาคม 2567"),
        ("abbr", "arabic", "30 ต.ค. 67"),
    ],
)
def test_format_date(style: str, digits: str, text: str) -> None:
    assert format_date(OCT_30, style, digits) == text  # type: ignore[arg-type]


def test_format_date_defaults_and_details() -> None:
    assert format_date(OCT_30) == "๓๐ ตุลาคม พ.ศ. ๒๕๖๗"
    assert format_date(date(2024, 1, 5), "abbr") == "๕ ม.ค. ๖๗"
    assert format_date(date(2100, 2, 1), "abbr") == "๑ ก.พ. ๔๓"
    assert format_date(date(2057, 6, 9), "abbr") == "๙ มิ.ย. ๐๐"
    assert format_date(datetime(2024, 10, 30, 13, 45)) == "๓๐ ตุลาคม พ.ศ. ๒๕๖๗"
    assert format_date(date(1940, 2, 1), "letter", "arabic") == "1 กุมภาพันธ์ 2482"


def test_format_date_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="style"):
        format_date(OCT_30, "long")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="digits"):
        format_date(OCT_30, "full", "latin")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        format_date("2024-10-30")  # type: ignore[arg-type]


def test_month_tables() -> None:
    assert THAI_MONTHS[1] == "มกราคม"
    assert THAI_MONTHS[10] == "ตุลาคม"
    assert THAI_MONTHS_ABBR[1:] == (
        "ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
        "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค.",
    )  # fmt: skip
    assert len(THAI_MONTHS) == len(THAI_MONTHS_ABBR) == 13


@pytest.mark.parametrize(
    ("name", "number"),
    [
        ("ตุลาคม", 10),
        ("ต.ค.", 10),
        ("ตค", 10),
        ("ต.ค", 10),
        ("เดือนตุลาคม", 10),
        ("มี.ค.", 3),
        ("ม.ค.", 1),
        ("พ.ค.", 5),
        ("พ.ย.", 11),
        ("กรกฎาคม", 7),
        ("กรกฏาคม", 7),
    ],
)
def test_month_from_name(name: str, number: int) -> None:
    assert month_from_name(name) == number


def test_month_from_name_unknown() -> None:
    with pytest.raises(ValueError, match="unknown month name 'October'"):
        month_from_name("October")


@pytest.mark.parametrize(
    "text",
    [
        "๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
        "๓๐ ตุลาคม ๒๕๖๗",
        "๓๐ ต.ค. ๖๗",
        "30 ตุลาคม พ.ศ. 2567",
        "30 ตุลาคม 2567",
        "30 ต.ค. 67",
        "วันที่ ๓๐ ตุลาคม พ.ศ. ๒๕๖๗",
        "วันที่ ๓๐ เดือน ตุลาคม พ.ศ. ๒๕๖๗",
        "วันที่๓๐ เดือนตุลาคม พ.ศ.๒๕๖๗",
        "30 ตค 67",
        "30 ต.ค. 2567",
        "30 ต.ค.พ.ศ.2567",
        "  30\u00a0ตุลาคม   2567 ",
        "30 ตุลาคม พศ 2567",
        "30 ตุลาคม ค.ศ. 2024",
        "2024-10-30",
        "๒๐๒๔-๑๐-๓๐",
    ],
)
def test_parse_date_accepts(text: str) -> None:
    assert parse_date(text) == OCT_30


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("๑ ม.ค. ๒๐", date(1977, 1, 1)),
        ("๓๑ ธ.ค. ๑๙", date(2076, 12, 31)),
        ("1 พ.ค. 00", date(2057, 5, 1)),
        ("1 มีนาคม 2482", date(1940, 3, 1)),
        ("1 เมษายน 2483", date(1940, 4, 1)),
        ("31 ธันวาคม 2483", date(1940, 12, 31)),
        ("1 มกราคม 2484", date(1941, 1, 1)),
        ("15 มกราคม 2482", date(1940, 1, 15)),
        ("15 เมษายน 2482", date(1939, 4, 15)),
        ("29 กุมภาพันธ์ 2567", date(2024, 2, 29)),
        ("2024-2-9", date(2024, 2, 9)),
    ],
)
def test_parse_date_values(text: str, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("๓๓๐ ตุลาคม ๒๕๖๗", "day 330"),
        ("30 กุมภาพันธ์ 2567", "day 30 does not exist in กุมภาพันธ์ พ.ศ. 2567"),
        ("29 กุมภาพันธ์ 2566", "day 29"),
        ("0 ตุลาคม 2567", "day 0"),
        ("30 ตุลา 2567", "unknown month name 'ตุลา'"),
        ("30 October 2567", "unknown month name 'October'"),
        ("1 มกราคม 2483", "2483"),
        ("30 ตุลาคม 2024", "C.E. year"),
        ("30 ตุลาคม 256", "year 256"),
        ("30 ตุลาคม ค.ศ. 24", "year ค.ศ. 24"),
        ("2024-13-01", "month 13"),
        ("2024-02-30", "day 30"),
        ("0000-01-01", "year 0000"),
        ("", "not a date"),
        ("พรุ่งนี้", "not a date"),
        ("30/10/2567", "not a date"),
    ],
)
def test_parse_date_names_the_bad_part(text: str, message: str) -> None:
    with pytest.raises(ValueError, match=re.escape(message)):
        parse_date(text)


_ABBR_WINDOW = st.dates(min_value=date(1977, 1, 1), max_value=date(2076, 12, 31))
_MODERN = st.dates(min_value=date(1941, 1, 1), max_value=date(2200, 12, 31))


@settings(max_examples=200, deadline=None)
@given(_MODERN, st.sampled_from(["full", "letter"]), st.sampled_from(["thai", "arabic"]))
def test_parse_reads_back_full_and_letter(day: date, style: str, digits: str) -> None:
    assert parse_date(format_date(day, style, digits)) == day  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(_ABBR_WINDOW, st.sampled_from(["thai", "arabic"]))
def test_parse_reads_back_abbr_within_window(day: date, digits: str) -> None:
    assert parse_date(format_date(day, "abbr", digits)) == day  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.dates(min_value=date(1857, 4, 1), max_value=date(1941, 12, 31)))
def test_parse_reads_back_before_1941(day: date) -> None:
    assert parse_date(format_date(day)) == day


_DATE_LIKE = st.builds(
    "{} {}{} {}".format,
    st.one_of(st.integers(-3, 400), st.text("0123456789๐๑๒", max_size=12)),
    st.sampled_from(["", "เดือน"]),
    st.sampled_from([*THAI_MONTHS, *THAI_MONTHS_ABBR, "ตุลา", "x", ".", "พ.ศ."]),
    st.one_of(st.integers(-10, 10**7), st.sampled_from(["พ.ศ.", "ค.ศ. 0", "พ.ศ. 00"])),
)


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.text(), _DATE_LIKE))
def test_parse_date_fails_only_with_value_error(text: str) -> None:
    with contextlib.suppress(ValueError):
        assert isinstance(parse_date(text), date)


@given(st.integers(min_value=1, max_value=9999), st.integers(min_value=1, max_value=12))
@example(2000, 2).via("a leap year by the 400-year rule")
@example(1800, 2).via("no leap year by the 100-year rule")
@example(2024, 2)
@example(2023, 2)
@example(2023, 12)
def test_days_in_month_are_the_calendars(year: int, month: int) -> None:
    assert days_in_month(year, month) == calendar.monthrange(year, month)[1]

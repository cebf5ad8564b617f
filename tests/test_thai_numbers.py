"""Number words, baht text (Excel BAHTTEXT conventions) and grouped figures."""

from __future__ import annotations

import subprocess
import sys
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaidocs.thai import baht_text, format_number, number_words

ONE_MILLION_PART = "หนึ่งล้านสองแสนสามหมื่นสี่พันห้าร้อยหกสิบเจ็ด"

BAHT_TABLE: list[tuple[Decimal | int | float | str, str]] = [
    (0, "ศูนย์บาทถ้วน"),
    (Decimal("0.00"), "ศูนย์บาทถ้วน"),
    (Decimal("0.50"), "ห้าสิบสตางค์"),
    (0.5, "ห้าสิบสตางค์"),
    (Decimal("0.01"), "หนึ่งสตางค์"),
    (Decimal("0.10"), "สิบสตางค์"),
    (Decimal("0.11"), "สิบเอ็ดสตางค์"),
    (Decimal("0.21"), "ยี่สิบเอ็ดสตางค์"),
    (1, "หนึ่งบาทถ้วน"),
    (Decimal("1.01"), "หนึ่งบาทหนึ่งสตางค์"),
    (2, "สองบาทถ้วน"),
    (10, "สิบบาทถ้วน"),
    (11, "สิบเอ็ดบาทถ้วน"),
    (20, "ยี่สิบบาทถ้วน"),
    (21, "ยี่สิบเอ็ดบาทถ้วน"),
    (25.5, "ยี่สิบห้าบาทห้าสิบสตางค์"),
    (Decimal("99.99"), "เก้าสิบเก้าบาทเก้าสิบเก้าสตางค์"),
    (100, "หนึ่งร้อยบาทถ้วน"),
    (101, "หนึ่งร้อยเอ็ดบาทถ้วน"),
    (110, "หนึ่งร้อยสิบบาทถ้วน"),
    (111, "หนึ่งร้อยสิบเอ็ดบาทถ้วน"),
    (121, "หนึ่งร้อยยี่สิบเอ็ดบาทถ้วน"),
    (201, "สองร้อยเอ็ดบาทถ้วน"),
    (1001, "หนึ่งพันเอ็ดบาทถ้วน"),
    (1100, "หนึ่งพันหนึ่งร้อยบาทถ้วน"),
    (1101, "หนึ่งพันหนึ่งร้อยเอ็ดบาทถ้วน"),
    (2001, "สองพันเอ็ดบาทถ้วน"),
    (10000, "หนึ่งหมื่นบาทถ้วน"),
    (11875, "หนึ่งหมื่นหนึ่งพันแปดร้อยเจ็ดสิบห้าบาทถ้วน"),
    (100000, "หนึ่งแสนบาทถ้วน"),
    (1000000, "หนึ่งล้านบาทถ้วน"),
    (1000001, "หนึ่งล้านเอ็ดบาทถ้วน"),
    (10000000, "สิบล้านบาทถ้วน"),
    (11000001, "สิบเอ็ดล้านเอ็ดบาทถ้วน"),
    (21000000, "ยี่สิบเอ็ดล้านบาทถ้วน"),
    (21500000, "ยี่สิบเอ็ดล้านห้าแสนบาทถ้วน"),
    (1234567.89, ONE_MILLION_PART + "บาทแปดสิบเก้าสตางค์"),
    (Decimal("1234567.89"), ONE_MILLION_PART + "บาทแปดสิบเก้าสตางค์"),
    (5001000000, "ห้าพันเอ็ดล้านบาทถ้วน"),
    (10**12, "หนึ่งล้านล้านบาทถ้วน"),
    (10**12 + 1, "หนึ่งล้านล้านเอ็ดบาทถ้วน"),
    (1001000000001, "หนึ่งล้านหนึ่งพันล้านเอ็ดบาทถ้วน"),
    # A count of millions ending in 1 after a higher digit reads เอ็ด like any other number.
    (1000001000000, "หนึ่งล้านเอ็ดล้านบาทถ้วน"),
    # Negatives.
    (-5, "ลบห้าบาทถ้วน"),
    (Decimal("-0.50"), "ลบห้าสิบสตางค์"),
    (Decimal("-1234.56"), "ลบหนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบหกสตางค์"),
    # Rounding to satang: half-up, away from zero; a float is read as written.
    (Decimal("1.005"), "หนึ่งบาทหนึ่งสตางค์"),
    (Decimal("-1.005"), "ลบหนึ่งบาทหนึ่งสตางค์"),
    (2.675, "สองบาทหกสิบแปดสตางค์"),
    (0.125, "สิบสามสตางค์"),
    (Decimal("0.994"), "เก้าสิบเก้าสตางค์"),
    (Decimal("0.995"), "หนึ่งบาทถ้วน"),
    (Decimal("99.999"), "หนึ่งร้อยบาทถ้วน"),
    (Decimal("-0.004"), "ศูนย์บาทถ้วน"),
    # Text, with grouping or Thai digits.
    ("1,234.50", "หนึ่งพันสองร้อยสามสิบสี่บาทห้าสิบสตางค์"),
    ("๑๐๑", "หนึ่งร้อยเอ็ดบาทถ้วน"),
    ("๐.๕๐", "ห้าสิบสตางค์"),
]


@pytest.mark.parametrize(("amount", "text"), BAHT_TABLE)
def test_baht_text(amount: Decimal | int | float | str, text: str) -> None:
    assert baht_text(amount) == text


def test_baht_text_beyond_float_precision() -> None:
    amount = Decimal("1" + "0" * 29 + ".01")
    assert baht_text(amount) == "หนึ่งแสนล้านล้านล้านล้านบาทหนึ่งสตางค์"


@pytest.mark.parametrize("bad", ["abc", "", "1.2.3", float("nan"), float("inf"), Decimal("NaN")])
def test_baht_text_refuses_non_numbers(bad: object) -> None:
    with pytest.raises(ValueError, match="number"):
        baht_text(bad)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [None, True, [1]])
def test_baht_text_refuses_other_types(bad: object) -> None:
    with pytest.raises(TypeError):
        baht_text(bad)  # type: ignore[arg-type]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=1, max_value=10**15))
def test_whole_baht_reads_as_number_words(amount: int) -> None:
    assert baht_text(amount) == number_words(amount) + "บาทถ้วน"
    assert baht_text(-amount) == "ลบ" + baht_text(amount)


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=10**9), st.integers(min_value=1, max_value=99))
def test_satang_read_as_their_own_number(baht: int, satang: int) -> None:
    amount = Decimal(baht) + Decimal(satang) / 100
    head = number_words(baht) + "บาท" if baht else ""
    assert baht_text(amount) == head + number_words(satang) + "สตางค์"


NUMBER_TABLE: list[tuple[int | Decimal | str, str]] = [
    (0, "ศูนย์"),
    (1, "หนึ่ง"),
    (2, "สอง"),
    (10, "สิบ"),
    (11, "สิบเอ็ด"),
    (12, "สิบสอง"),
    (20, "ยี่สิบ"),
    (21, "ยี่สิบเอ็ด"),
    (22, "ยี่สิบสอง"),
    (31, "สามสิบเอ็ด"),
    (100, "หนึ่งร้อย"),
    (101, "หนึ่งร้อยเอ็ด"),
    (111, "หนึ่งร้อยสิบเอ็ด"),
    (1000, "หนึ่งพัน"),
    (2567, "สองพันห้าร้อยหกสิบเจ็ด"),
    (10001, "หนึ่งหมื่นเอ็ด"),
    (100001, "หนึ่งแสนเอ็ด"),
    (1000000, "หนึ่งล้าน"),
    (1000001, "หนึ่งล้านเอ็ด"),
    (2000000, "สองล้าน"),
    (21000000, "ยี่สิบเอ็ดล้าน"),
    (10**12, "หนึ่งล้านล้าน"),
    (10**12 + 1, "หนึ่งล้านล้านเอ็ด"),
    (1000001000000, "หนึ่งล้านเอ็ดล้าน"),
    (-1, "ลบหนึ่ง"),
    (-21, "ลบยี่สิบเอ็ด"),
    ("๒๕๖๗", "สองพันห้าร้อยหกสิบเจ็ด"),
    ("1,000", "หนึ่งพัน"),
    (Decimal("12.00"), "สิบสอง"),
    (Decimal("1E+3"), "หนึ่งพัน"),
]


@pytest.mark.parametrize(("number", "text"), NUMBER_TABLE)
def test_number_words(number: int | Decimal | str, text: str) -> None:
    assert number_words(number) == text


@pytest.mark.parametrize("bad", [Decimal("1.5"), "2.25", "สิบ"])
def test_number_words_reads_integers_only(bad: Decimal | str) -> None:
    with pytest.raises(ValueError):
        number_words(bad)


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (Decimal("1234567.50"), {}, "๑,๒๓๔,๕๖๗.๕๐"),
        ("1,234,567.50", {}, "๑,๒๓๔,๕๖๗.๕๐"),
        (Decimal("1234567.50"), {"digits": "arabic"}, "1,234,567.50"),
        (1234567.5, {"decimals": 2}, "๑,๒๓๔,๕๖๗.๕๐"),
        (1234567, {}, "๑,๒๓๔,๕๖๗"),
        (999, {}, "๙๙๙"),
        (Decimal("-1234.5"), {"digits": "arabic"}, "-1,234.5"),
        (Decimal("2.5"), {"decimals": 0, "digits": "arabic"}, "3"),
        (Decimal("0.125"), {"decimals": 2, "digits": "arabic"}, "0.13"),
        ("-0.001", {"decimals": 2, "digits": "arabic"}, "0.00"),
        (Decimal("1E+3"), {"digits": "arabic"}, "1,000"),
        (
            Decimal("123456789012345678901234567890.455"),
            {"decimals": 2, "digits": "arabic"},
            "123,456,789,012,345,678,901,234,567,890.46",
        ),
    ],
)
def test_format_number(
    value: Decimal | int | float | str, kwargs: dict[str, object], text: str
) -> None:
    assert format_number(value, **kwargs) == text  # type: ignore[arg-type]


@pytest.mark.parametrize("decimals", [-1, 1.5, True])
def test_format_number_refuses_bad_decimals(decimals: object) -> None:
    with pytest.raises(ValueError, match="decimals"):
        format_number(1, decimals=decimals)  # type: ignore[arg-type]


def test_importing_the_package_loads_neither_pythainlp_nor_babel() -> None:
    code = (
        "import sys, thaidocs.thai;"
        "print(sorted(m for m in ('pythainlp', 'babel') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "[]", result.stderr

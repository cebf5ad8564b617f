"""Thai ↔ Arabic digits, and the text they must leave alone."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from thaidocs.thai import convert_digits, to_arabic_digits, to_thai_digits
from thaidocs.thai.digits import _LATIN, _PROTECTED

THAI_DIGITS = "๐๑๒๓๔๕๖๗๘๙"


def test_every_digit_converts_both_ways() -> None:
    assert to_thai_digits("0123456789") == THAI_DIGITS
    assert to_arabic_digits(THAI_DIGITS) == "0123456789"


def test_int_input() -> None:
    assert to_thai_digits(2567) == "๒๕๖๗"
    assert to_thai_digits(-12) == "-๑๒"
    assert to_arabic_digits(2567) == "2567"


def test_running_text_keeps_everything_but_digits() -> None:
    assert to_thai_digits("ที่ ศธ 04001/123 ลงวันที่ 30 ต.ค. 2567") == (
        "ที่ ศธ ๐๔๐๐๑/๑๒๓ ลงวันที่ ๓๐ ต.ค. ๒๕๖๗"
    )


@pytest.mark.parametrize(
    "kept",
    [
        "https://www.obec.go.th/2567/news?id=12",
        "http://192.168.1.10:8080/a1",
        "HTTPS://EXAMPLE.ORG/2024",
        "www.spm10.go.th/page/3",
        "saraban2567@obec.go.th",
        "first.last+99@mail-2.example.co.th",
    ],
)
def test_urls_and_emails_keep_their_digits(kept: str) -> None:
    text = f"ดูรายละเอียดที่ {kept} ภายใน 15 วัน"
    assert to_thai_digits(text) == f"ดูรายละเอียดที่ {kept} ภายใน ๑๕ วัน"
    thai = text.replace("15", "๑๕")
    assert to_arabic_digits(thai) == text


def test_url_in_parentheses_keeps_digits_and_text_after_converts() -> None:
    assert to_thai_digits("(https://a.go.th/1) 2 ฉบับ") == "(https://a.go.th/1) ๒ ฉบับ"


def test_verbatim_text_is_left_as_written() -> None:
    text = "มาตรฐาน ISO 9001:2015 และรุ่น ISO 9001:2015 จำนวน 3 ฉบับ"
    assert to_thai_digits(text, verbatim=["ISO 9001:2015"]) == (
        "มาตรฐาน ISO 9001:2015 และรุ่น ISO 9001:2015 จำนวน ๓ ฉบับ"
    )
    assert to_arabic_digits("รหัส ๑๒๓ และ ๔๕", verbatim=["๑๒๓"]) == "รหัส ๑๒๓ และ 45"


def test_overlapping_verbatim_pieces() -> None:
    assert to_thai_digits("A12345 6", verbatim=["A123", "2345", ""]) == "A12345 ๖"


def test_convert_digits_follows_the_option() -> None:
    assert convert_digits("ข้อ 1", "thai") == "ข้อ ๑"
    assert convert_digits("ข้อ ๑", "arabic") == "ข้อ 1"
    with pytest.raises(ValueError, match="digits"):
        convert_digits("1", "roman")  # type: ignore[arg-type]


@pytest.mark.parametrize("bad", [1.5, None, True, b"12"])
def test_rejects_non_text(bad: object) -> None:
    with pytest.raises(TypeError):
        to_thai_digits(bad)  # type: ignore[arg-type]


def test_digits_do_not_import_pythainlp() -> None:
    code = (
        "import sys; from thaidocs.thai import to_thai_digits; to_thai_digits('1');"
        "print('pythainlp' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stdout.strip() == "False", result.stderr


_PIECES = st.one_of(
    st.text(st.characters(exclude_characters=THAI_DIGITS)),
    st.sampled_from(
        [
            "https://www.obec.go.th/2567/x1",
            "www.a9.com",
            "saraban123@obec.go.th",
            " ",
            "0123456789",
            "ที่ ",
        ]
    ),
    st.emails(),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(_PIECES, max_size=6).map("".join))
def test_round_trip(text: str) -> None:
    thai = to_thai_digits(text)
    assert to_arabic_digits(thai) == text


@pytest.mark.parametrize("code", ["IAP2", "COVID-19", "A4", "ISO9001", "PM2.5"])
def test_latin_codes_keep_their_digits(code: str) -> None:
    assert to_thai_digits(f"ตาม {code} ปี 2567") == f"ตาม {code} ปี ๒๕๖๗"


_SPAN_TEXT = st.lists(
    st.one_of(
        _PIECES,
        st.sampled_from(["ก@ข.ค", "สมชาย@กรม.ไทย ๑๒", "\u212a2", "\u017f9", "k-9", "ـ๑"]),
        st.text(st.characters(codec="utf-8", categories=["L", "N", "P", "Z"]), max_size=8),
    ),
    max_size=6,
).map("".join)


@settings(max_examples=300, deadline=None)
@given(_SPAN_TEXT)
def test_text_left_unsearched_holds_nothing_to_keep(text: str) -> None:
    # text without a Latin letter or an "@" is not searched for URLs, addresses and codes:
    # the search would find none there (the Kelvin sign and the long s are Latin letters to it)
    if _LATIN.search(text) is None:
        assert _PROTECTED.search(text) is None


@settings(max_examples=300, deadline=None)
@given(st.text(st.characters(codec="utf-8")))
def test_only_digits_change(text: str) -> None:
    # each digit in turn, everything else as it was: as a translation table would give it
    expected = text.translate(str.maketrans("0123456789", THAI_DIGITS))
    assert to_thai_digits(text, verbatim=[text]) == text
    if _LATIN.search(text) is None:
        assert to_thai_digits(text) == expected

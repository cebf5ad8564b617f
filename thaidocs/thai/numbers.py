"""Thai number words, baht text (as Excel's BAHTTEXT writes it) and grouped numbers.

pythainlp's `num_to_thaiword` reads each block below a million correctly and is used for
that. The rest is ours, because pythainlp gets it wrong: the reading around ล้าน (a count of
millions ending in 1 after a higher digit is เอ็ด: 1,000,001 ล้าน → หนึ่งล้านเอ็ดล้าน, where
pythainlp says หนึ่งล้านหนึ่งล้าน); the rounding of amounts (its `bahttext` formats floats, so
2.675 → 2.67 and 0.125 → 0.12); and amounts below one baht, which BAHTTEXT reads in satang
alone (0.50 → ห้าสิบสตางค์, not ศูนย์บาทห้าสิบสตางค์).
"""

from __future__ import annotations

import math
from decimal import (
    MAX_EMAX,
    MAX_PREC,
    MIN_EMIN,
    ROUND_HALF_UP,
    Context,
    Decimal,
    InvalidOperation,
    localcontext,
)

from thaidocs.thai.digits import Digits, convert_digits, to_arabic_digits

Number = Decimal | int | float | str

# Exact arithmetic for any size, rounding half-up (away from zero) where rounding is asked for.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN, rounding=ROUND_HALF_UP)
_MILLION = "ล้าน"


def _to_decimal(value: Number) -> Decimal:
    """`value` as an exact Decimal; strings may use Thai digits and "," grouping.

    A float is taken by its shortest repr (2.675 is 2.675, not 2.67499…), as a person reads it.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | float | str):
        raise TypeError(f"expected a number, got {type(value).__name__}")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Decimal(repr(value))
    if isinstance(value, str):
        text = to_arabic_digits(value).replace(",", "").replace(" ", "")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise ValueError(f"not a number: {value!r}") from None
    else:
        number = Decimal(value)
    if not number.is_finite():
        raise ValueError(f"not a finite number: {value!r}")
    return number


def _round(number: Decimal, places: int) -> Decimal:
    """`number` rounded half-up to `places` decimals, never "-0"."""
    rounded = number.quantize(Decimal(1).scaleb(-places, _EXACT), context=_EXACT)
    return rounded.copy_abs() if rounded.is_zero() else rounded


def _words(digits: str) -> str:
    """Thai words for the non-negative integer written as `digits`."""
    from pythainlp.util import num_to_thaiword

    head = len(digits) % 6 or 6
    text = num_to_thaiword(int(digits[:head]))
    for start in range(head, len(digits), 6):
        block = int(digits[start : start + 6])
        # A lower block always follows a higher digit, so its lone 1 is เอ็ด, not หนึ่ง.
        text += _MILLION + ("เอ็ด" if block == 1 else num_to_thaiword(block) if block else "")
    return text


def _integer(value: Number) -> Decimal:
    number = _to_decimal(value)
    if number != number.to_integral_value(context=_EXACT):
        raise ValueError(f"not an integer: {value!r}; use baht_text for amounts of money")
    return number


def number_words(value: int | Decimal | str) -> str:
    """Thai words for an integer: 1 → หนึ่ง, 21 → ยี่สิบเอ็ด, 101 → หนึ่งร้อยเอ็ด, -5 → ลบห้า."""
    number = _integer(value)
    text = _words(format(number.copy_abs(), "f").split(".")[0])
    return "ลบ" + text if number < 0 else text


def baht_text(amount: Number) -> str:
    """An amount of money in Thai words, as Excel's BAHTTEXT writes it.

    11 → สิบเอ็ดบาทถ้วน, 0.50 → ห้าสิบสตางค์, 1.01 → หนึ่งบาทหนึ่งสตางค์, -5 → ลบห้าบาทถ้วน.
    The amount is rounded half-up to whole satang (1.005 → หนึ่งบาทหนึ่งสตางค์); an amount
    that rounds to zero is ศูนย์บาทถ้วน, without ลบ.
    """
    rounded = _round(_to_decimal(amount), 2)
    baht, satang = divmod(int(rounded.copy_abs().scaleb(2, _EXACT)), 100)
    if baht == 0 and satang == 0:
        return "ศูนย์บาทถ้วน"
    text = _words(str(baht)) + "บาท" if baht else ""
    text += _words(str(satang)) + "สตางค์" if satang else "ถ้วน"
    return "ลบ" + text if rounded < 0 else text


def format_number(value: Number, digits: Digits = "thai", decimals: int | None = None) -> str:
    """`value` grouped by thousands (babel, th_TH): 1234567.5, decimals=2 → ๑,๒๓๔,๕๖๗.๕๐.

    Without `decimals` the value keeps the decimals it was written with (Decimal("7.50") →
    ๗.๕๐); with them it is rounded half-up, as `baht_text` rounds.
    """
    from babel.numbers import format_decimal

    number = _to_decimal(value)
    if decimals is None:
        places = max(0, -int(number.as_tuple().exponent))
    elif isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"decimals must be a non-negative int or None, not {decimals!r}")
    else:
        places = decimals
    pattern = "#,##0" + ("." + "0" * places if places else "")
    with localcontext(_EXACT):
        text: str = format_decimal(_round(number, places), format=pattern, locale="th_TH")
    return convert_digits(text, digits)

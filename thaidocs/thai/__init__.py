"""Thai language services: digits, Buddhist-era dates, number words and baht text.

- `to_thai_digits`, `to_arabic_digits`, `convert_digits`: digits, keeping URLs, e-mail
  addresses and caller-marked verbatim text as written.
- `format_date`, `parse_date`, `be_year`, `fiscal_year`, `fiscal_year_range`,
  `month_from_name`, `THAI_MONTHS`, `THAI_MONTHS_ABBR` (both indexed 1–12): dates. B.E. years
  follow the pre-1941 new year (1 April); a two-digit year parses as B.E. 2520–2619.
- `number_words`, `baht_text`, `format_number`: numbers in words (Excel BAHTTEXT conventions,
  half-up rounding to satang) and grouped figures.

Importing this package does not import pythainlp or babel; the functions that need them
import them on first use.
"""

from thaidocs.thai.dates import (
    THAI_MONTHS,
    THAI_MONTHS_ABBR,
    be_year,
    fiscal_year,
    fiscal_year_range,
    format_date,
    month_from_name,
    parse_date,
)
from thaidocs.thai.digits import convert_digits, to_arabic_digits, to_thai_digits
from thaidocs.thai.numbers import baht_text, format_number, number_words

__all__ = [
    "THAI_MONTHS",
    "THAI_MONTHS_ABBR",
    "baht_text",
    "be_year",
    "convert_digits",
    "fiscal_year",
    "fiscal_year_range",
    "format_date",
    "format_number",
    "month_from_name",
    "number_words",
    "parse_date",
    "to_arabic_digits",
    "to_thai_digits",
]

"""The typed input model: exactly the keys of the input format, validated at the door.

Paths (signature images, emblem, fonts) are resolved against the input file's folder, the
conversion's ``base_dir``; without it, against the working directory.
"""

import datetime as dt
import re
from collections.abc import Callable, Mapping
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal

from msgspec import Meta, field

from thaidocs.model.bounds import MAX_NUMBER
from thaidocs.model.convert import (
    INVALID,
    After,
    Before,
    Choose,
    Conversion,
    Record,
    Schema,
    nested,
)
from thaidocs.model.files import check_font, resolve
from thaidocs.model.images import check_image
from thaidocs.thai import month_from_name, parse_date, to_arabic_digits

LEVELS = ("inform", "consult", "involve", "collaborate", "empower")
DEFAULT_LEVEL_LABELS = {
    "inform": "การให้ข้อมูลข่าวสาร",
    "consult": "การรับฟังความคิดเห็น",
    "involve": "การเข้ามามีบทบาท",
    "collaborate": "การสร้างความร่วมมือ",
    "empower": "การเสริมอำนาจ",
}
#: fiscal-year order of calendar months: ต.ค. (10) first, ก.ย. (9) last
FISCAL_MONTHS = (10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9)

Acting = Literal["รักษาราชการแทน", "ปฏิบัติราชการแทน", "รักษาการในตำแหน่ง", "ปฏิบัติหน้าที่แทน"]
Level = Literal["inform", "consult", "involve", "collaborate", "empower"]
UrgencyMark = Literal["ด่วน", "ด่วนมาก", "ด่วนที่สุด"]
SecrecyMark = Literal["ลับ", "ลับมาก", "ลับที่สุด"]


def _resolve(value: Any, conversion: Conversion) -> Any:
    """Resolve a user path against the input file's folder and require that it exists; a
    value of another kind is left to the type's check, which names what it is."""
    if not isinstance(value, str | Path):
        return value
    return resolve(value, conversion.base_dir, conversion.root)


def _resolve_image(value: Any, conversion: Conversion) -> Any:
    """An image's path, resolved, once both writers are known to be able to place it."""
    path = _resolve(value, conversion)
    if isinstance(path, Path):
        check_image(path)
    return path


def _resolve_font(value: Any, conversion: Conversion) -> Any:
    """A font's path, resolved, once it is known to be a TrueType file the PDF can embed."""
    path = _resolve(value, conversion)
    if isinstance(path, Path):
        check_font(path)
    return path


def _to_date(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, int) and not isinstance(value, bool):
        raise ValueError(
            f"วันที่ต้องเขียนเป็น 2024-10-30 หรือ ๓๐ ตุลาคม ๒๕๖๗ ไม่ใช่ตัวเลข {value} "
            "(write the date as 2024-10-30 or ๓๐ ตุลาคม ๒๕๖๗, not a number)"
        )
    if isinstance(value, str):
        return parse_date(value)
    return value


ThaiDate = Annotated[
    dt.date,
    Before(_to_date),
    Schema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string"}],
            "description": "ISO date (2024-10-30) or Thai date text (๓๐ ตุลาคม ๒๕๖๗)",
        }
    ),
]
NonEmpty = Annotated[str, Meta(min_length=1)]
#: at least one item
Some = Meta(min_length=1)


def _pdfa_level(value: Any) -> Any:
    """``true`` is the default archival level, PDF/A-3u; levels are read in any case."""
    if value is True:
        return "3u"
    if isinstance(value, str):
        return value.lower()
    return value


def _one_or_many(value: Any) -> Any:
    return [value] if isinstance(value, str) else value


Lines = Annotated[
    list[NonEmpty],
    Before(_one_or_many),
    Schema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ],
            "description": "one line, or a list of lines",
        }
    ),
]


class Clause(Record, frozen=True, kw_only=True):
    """A numbered item; nested ``clauses`` are numbered ๑.๑ then (๑)."""

    text: NonEmpty
    #: ``ClauseItem``, defined below, is looked up when the class is first converted to
    clauses: "list[ClauseItem]" = field(default_factory=list)


def _clause_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "clause:text"
    return "clause:item" if isinstance(value, dict | Clause) else None


ClauseItem = Annotated[
    str | Clause,
    Choose(
        _clause_kind,
        {"clause:text": NonEmpty, "clause:item": Clause},
        "not a clause: write a string or {text: ..., clauses: [...]}",
    ),
]


class ClauseList(Record, frozen=True, kw_only=True):
    clauses: Annotated[list[ClauseItem], Some]


class TableData(Record, frozen=True, kw_only=True):
    columns: Annotated[list[NonEmpty], Some]
    rows: list[list[str]] = field(default_factory=list)
    widths: list[Annotated[float, Meta(gt=0)]] | None = None

    def _rules(self) -> list[tuple[str, str]]:
        n = len(self.columns)
        problems = [
            f"rows[{i}] has {len(row)} cells for {n} columns"
            for i, row in enumerate(self.rows)
            if len(row) != n
        ]
        if self.widths is not None and len(self.widths) != n:
            problems.append(f"widths has {len(self.widths)} values for {n} columns")
        return [("", "; ".join(problems))] if problems else []


class TableBlock(Record, frozen=True, kw_only=True):
    table: TableData


class TextBlock(Record, frozen=True, kw_only=True):
    text: NonEmpty
    indent: bool = True


_BLOCK_KEYS = {"clauses": "block:clauses", "table": "block:table", "text": "block:text"}
_BLOCK_TAGS: dict[type, str] = {
    ClauseList: "block:clauses",
    TableBlock: "block:table",
    TextBlock: "block:text",
}


def _block_kind(value: Any) -> str | None:
    """The block's form, from its shape; None for a value of no known form."""
    if isinstance(value, str):
        return "block:paragraph"
    if isinstance(value, dict):
        for key, tag in _BLOCK_KEYS.items():
            if key in value:
                return tag
        return None
    return _BLOCK_TAGS.get(type(value))


Block = Annotated[
    str | ClauseList | TableBlock | TextBlock,
    Choose(
        _block_kind,
        {
            "block:paragraph": NonEmpty,
            "block:clauses": ClauseList,
            "block:table": TableBlock,
            "block:text": TextBlock,
        },
        "not a block: write a paragraph string, {clauses: [...]}, "
        "{table: {...}} or {text: ..., indent: false}",
    ),
]


def acting_problems(acting: object, acting_for: object) -> list[tuple[str, str]]:
    """An acting phrase and its principal's position come together or not at all."""
    if acting and not acting_for:
        return [("acting_for", f"required with acting ({acting})")]
    if acting_for and not acting:
        return [("acting", "required with acting_for")]
    return []


#: an image file: a signature, a holder's photo, the emblem
Image = Annotated[Path, Before(_resolve_image, context=True)]


class Signer(Record, frozen=True, kw_only=True):
    name: NonEmpty
    position: Annotated[Lines, Some]
    acting: Acting | None = None
    acting_for: NonEmpty | None = None
    role: NonEmpty | None = None
    signature: Image | None = None

    @classmethod
    def _input_rules(cls, data: Mapping[Any, Any]) -> list[tuple[str, str]]:
        return acting_problems(data.get("acting"), data.get("acting_for"))


def _fonts(value: Any, conversion: Conversion) -> Any:
    items = _one_or_many(value)
    if not isinstance(items, list):
        return items
    return [_resolve_font(item, conversion) for item in items]


def _spec(value: dict[str, Any], conversion: Conversion, path: tuple[str | int, ...]) -> Any:
    """Overrides of the layout spec, checked as the spec checks them."""
    if not value:
        return value  # none: the layout package is not loaded to check nothing
    from thaidocs.layout.spec import LayoutSpec

    return value if nested(LayoutSpec, value, conversion, path) else INVALID


class Options(Record, frozen=True, kw_only=True):
    digits: Literal["thai", "arabic"] = "thai"
    emblem: Image | None = None
    font: NonEmpty = "TH SarabunPSK"
    pdf_font: (
        Annotated[
            list[Path],
            Before(_fonts, context=True),
            Meta(max_length=2),
            Schema(
                {
                    "anyOf": [
                        {"type": "string"},
                        {"type": "array", "items": {"type": "string"}, "maxItems": 2},
                    ],
                    "description": "TTF file: regular, or [regular, bold]",
                }
            ),
        ]
        | None
    ) = None
    pdf_font_scale: Annotated[float, Meta(gt=0, le=3)] | None = None
    #: archival PDF: PDF/A-3u with the input attached, or PDF/A-2u (true means "3u")
    pdfa: Annotated[
        Literal["3u", "2u"] | bool,
        Before(_pdfa_level),
        Schema(
            {
                "anyOf": [{"type": "boolean"}, {"enum": ["3u", "2u"]}],
                "description": 'archival PDF: "3u" (the input attached as JSON) or "2u"',
            }
        ),
    ] = False
    #: an empty signature field (signer-1, signer-2, …) over each signer's signing space
    signature_fields: bool = True
    #: PDF: each page the text continues from ends with "/" + the next page's first word + "..."
    catchword: bool = True
    #: ชั้นความลับ printed at the top and bottom of every page, any type
    secrecy: SecrecyMark | None = None
    #: overrides of the layout spec's house defaults, e.g. {date_line_indent: 4.5}
    spec: Annotated[dict[str, Any], After(_spec)] = field(default_factory=dict)


class _Document(Record, frozen=True, kw_only=True):
    agency: NonEmpty
    body: list[Block] = field(default_factory=list)
    signers: Annotated[list[Signer], Some]
    options: Options = field(default_factory=Options)


class _Dated(_Document, frozen=True, kw_only=True):
    subject: NonEmpty
    date: ThaiDate


class Announcement(_Dated, frozen=True, kw_only=True):
    type: Literal["announcement"] = "announcement"


class Order(_Dated, frozen=True, kw_only=True):
    type: Literal["order"] = "order"
    number: Annotated[int, Meta(gt=0)]


class Letter(_Dated, frozen=True, kw_only=True):
    type: Literal["letter"] = "letter"
    number: NonEmpty
    address: Annotated[Lines, Some]
    to: NonEmpty
    salutation: Literal["เรียน", "กราบเรียน"] = "เรียน"
    references: Lines = field(default_factory=list)
    enclosures: Lines = field(default_factory=list)
    closing: NonEmpty | None = None
    owner_unit: NonEmpty | None = None
    phone: NonEmpty | None = None
    fax: NonEmpty | None = None
    email: NonEmpty | None = None
    copies: Lines = field(default_factory=list)
    urgency: UrgencyMark | None = None
    secrecy: SecrecyMark | None = None

    @property
    def closing_text(self) -> str:
        """The closing phrase: the caller's, or the one that pairs with the salutation."""
        if self.closing:
            return self.closing
        return "ขอแสดงความนับถืออย่างยิ่ง" if self.salutation == "กราบเรียน" else "ขอแสดงความนับถือ"


class Memo(_Dated, frozen=True, kw_only=True):
    type: Literal["memo"] = "memo"
    #: optional for a memo: its unit line (ส่วนราชการ) names the agency
    agency: NonEmpty | None = None  # type: ignore[assignment]
    unit: NonEmpty
    phone: NonEmpty | None = None
    number: NonEmpty | None = None
    to: NonEmpty
    urgency: UrgencyMark | None = None


def _month(token: str) -> int:
    text = to_arabic_digits(token.strip())
    if not text.isascii() or not text.isdigit():
        try:
            return month_from_name(text)
        except ValueError:
            raise ValueError(
                f"เดือน {token!r} ไม่ถูกต้อง เขียนเป็นเลข ๑–๑๒ หรือชื่อเดือน เช่น ต.ค. "
                f"(month {token!r} is not 1–12 or a Thai month name such as ต.ค.)"
            ) from None
    if 1 <= int(text) <= 12:
        return int(text)
    raise ValueError(f"month {token!r} is not 1–12")


def _months(value: Any) -> Any:
    """Expand numbers, abbreviations and ranges into calendar months in fiscal order."""
    if not isinstance(value, list):
        return value
    chosen: set[int] = set()
    for item in value:
        if isinstance(item, int) and not isinstance(item, bool):
            chosen.add(_month(str(item)))
            continue
        if not isinstance(item, str):
            raise ValueError(f"month {item!r} is not a number or Thai abbreviation")
        parts = re.split(r"\s*[-–]\s*", item.strip())
        if len(parts) == 1:
            chosen.add(_month(parts[0]))
            continue
        if len(parts) != 2:
            raise ValueError(f"month range {item!r} is not 'first-last'")
        first, last = (FISCAL_MONTHS.index(_month(p)) for p in parts)
        if first > last:
            raise ValueError(
                f"month range {item!r} runs past September into the next fiscal year "
                "(the fiscal year is ต.ค.–ก.ย.)"
            )
        chosen.update(FISCAL_MONTHS[first : last + 1])
    return [m for m in FISCAL_MONTHS if m in chosen]


class Activity(Record, frozen=True, kw_only=True):
    name: NonEmpty
    level: Level
    stakeholders: Lines = field(default_factory=list)
    indicator: str = ""
    budget: Annotated[Decimal, Meta(ge=0, lt=int(MAX_NUMBER))] | None = None
    #: calendar months 1–12 in fiscal order (ต.ค. first)
    months: Annotated[
        list[int],
        Before(_months),
        Schema(
            {
                "type": "array",
                "items": {
                    "anyOf": [
                        {"type": "integer", "minimum": 1, "maximum": 12},
                        {"type": "string", "description": "ต.ค., 10 or a range ต.ค.-ธ.ค."},
                    ]
                },
            }
        ),
    ] = field(default_factory=list)
    owner: str = ""


class Section(Record, frozen=True, kw_only=True):
    heading: NonEmpty
    body: list[Block] = field(default_factory=list)


def be_year_value(what: str) -> Callable[[Any], Any]:
    """A validator of a B.E. year given as a number or Thai digits; ``what`` names it in the
    error that a C.E. year gets."""

    def check(value: Any) -> Any:
        if isinstance(value, str):
            text = to_arabic_digits(value.strip())
            if text.isascii() and text.isdigit():
                value = int(text)
        if isinstance(value, int) and not isinstance(value, bool) and value < 2400:
            hint = f" (C.E. {value} is B.E. {value + 543})" if 1900 <= value <= 2200 else ""
            raise ValueError(f"{what} is B.E.; {value} looks like C.E.{hint}")
        return value

    return check


#: the years a B.E. year may be, and how the JSON schema describes one (digits of either kind)
BE_YEAR_RANGE = Meta(ge=2400, le=2800)
BE_YEAR_SCHEMA = Schema(
    {
        "anyOf": [
            {"type": "integer", "minimum": 2400, "maximum": 2800},
            {"type": "string", "pattern": "^[0-9๐-๙]{4}$"},
        ],
        "description": "B.E. year, e.g. 2567 or ๒๕๖๗",
    }
)


class Plan(_Document, frozen=True, kw_only=True):
    type: Literal["plan"] = "plan"
    title: NonEmpty
    fiscal_year: Annotated[int, Before(be_year_value("fiscal year")), BE_YEAR_RANGE, BE_YEAR_SCHEMA]
    date: ThaiDate | None = None
    sections: list[Section] = field(default_factory=list)
    participation_labels: dict[Level, NonEmpty] = field(default_factory=dict)
    activities: list[Activity] = field(default_factory=list)

    def level_label(self, level: str) -> str:
        return self.participation_labels.get(level) or DEFAULT_LEVEL_LABELS[level]  # type: ignore[call-overload]


# The further forms build on the classes above, so they are imported once those exist.
from thaidocs.model.forms import (  # noqa: E402
    Bylaw,
    Certificate,
    Minutes,
    News,
    Regulation,
    Stamped,
    Statement,
)

Document = (
    Announcement
    | Order
    | Letter
    | Memo
    | Plan
    | Regulation
    | Bylaw
    | Statement
    | News
    | Stamped
    | Certificate
    | Minutes
)

DOCUMENT_TYPES: dict[str, type[Document]] = {
    "announcement": Announcement,
    "order": Order,
    "letter": Letter,
    "memo": Memo,
    "plan": Plan,
    "regulation": Regulation,
    "bylaw": Bylaw,
    "statement": Statement,
    "news": News,
    "stamped": Stamped,
    "certificate": Certificate,
    "minutes": Minutes,
}

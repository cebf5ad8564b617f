"""The typed input model: exactly the keys of the input format, validated at the door.

Paths (signature images, emblem, fonts) are resolved against the input file's folder, passed
as the validation context ``{"base_dir": Path}``; without it, against the working directory.
"""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Annotated, Any, Literal, Self

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Discriminator,
    Field,
    PositiveInt,
    Tag,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)

from thaidocs.model.bounds import MAX_NUMBER, refuse_yes_no
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


class _Strict(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        str_strip_whitespace=True,
        frozen=True,
        allow_inf_nan=False,
        defer_build=True,
    )

    @model_validator(mode="before")
    @classmethod
    def _no_yes_no(cls, data: Any) -> Any:
        refuse_yes_no(cls, data)
        return data


def _resolve(value: Any, info: ValidationInfo) -> Any:
    """Resolve a user path against the input file's folder and require that it exists."""
    if value is None:
        return None
    context = info.context or {}
    return resolve(value, Path(context.get("base_dir") or Path.cwd()), context.get("root"))


def _resolve_image(value: Any, info: ValidationInfo) -> Any:
    """An image's path, resolved, once both writers are known to be able to place it."""
    path = _resolve(value, info)
    if path is not None:
        check_image(path)
    return path


def _resolve_font(value: Any, info: ValidationInfo) -> Any:
    """A font's path, resolved, once it is known to be a TrueType file the PDF can embed."""
    path = _resolve(value, info)
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
    BeforeValidator(_to_date),
    WithJsonSchema(
        {
            "anyOf": [{"type": "string", "format": "date"}, {"type": "string"}],
            "description": "ISO date (2024-10-30) or Thai date text (๓๐ ตุลาคม ๒๕๖๗)",
        }
    ),
]
NonEmpty = Annotated[str, Field(min_length=1)]


def empty_list() -> list[Any]:
    """A new empty list: the default of every list field. pydantic reads the signature of a
    default factory; the builtin ``list`` has its signature parsed from text, and the first
    parse in a process compiles the tokenizer's pattern (about 3 ms of a cold render)."""
    return []


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
    BeforeValidator(_one_or_many),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "minLength": 1},
                {"type": "array", "items": {"type": "string", "minLength": 1}},
            ],
            "description": "one line, or a list of lines",
        }
    ),
]


class Clause(_Strict):
    """A numbered item; nested ``clauses`` are numbered ๑.๑ then (๑)."""

    text: NonEmpty
    #: ``ClauseItem``, defined below, is looked up when the validator is first built: the
    #: models defer that to their first use, so a process builds only the ones it validates
    clauses: "list[ClauseItem]" = Field(default_factory=empty_list)


def _clause_kind(value: Any) -> str | None:
    if isinstance(value, str):
        return "clause:text"
    return "clause:item" if isinstance(value, dict | Clause) else None


ClauseItem = Annotated[
    Annotated[NonEmpty, Tag("clause:text")] | Annotated[Clause, Tag("clause:item")],
    Discriminator(
        _clause_kind,
        custom_error_type="clause",
        custom_error_message="not a clause: write a string or {text: ..., clauses: [...]}",
    ),
]


class ClauseList(_Strict):
    clauses: list[ClauseItem] = Field(min_length=1)


class TableData(_Strict):
    columns: list[NonEmpty] = Field(min_length=1)
    rows: list[list[str]] = Field(default_factory=empty_list)
    widths: list[Annotated[float, Field(gt=0)]] | None = None

    @model_validator(mode="after")
    def _shape(self) -> Self:
        n = len(self.columns)
        problems = [
            f"rows[{i}] has {len(row)} cells for {n} columns"
            for i, row in enumerate(self.rows)
            if len(row) != n
        ]
        if self.widths is not None and len(self.widths) != n:
            problems.append(f"widths has {len(self.widths)} values for {n} columns")
        if problems:
            raise ValueError("; ".join(problems))
        return self


class TableBlock(_Strict):
    table: TableData


class TextBlock(_Strict):
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
    Annotated[NonEmpty, Tag("block:paragraph")]
    | Annotated[ClauseList, Tag("block:clauses")]
    | Annotated[TableBlock, Tag("block:table")]
    | Annotated[TextBlock, Tag("block:text")],
    Discriminator(
        _block_kind,
        custom_error_type="block",
        custom_error_message="not a block: write a paragraph string, {clauses: [...]}, "
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


class Signer(_Strict):
    name: NonEmpty
    position: Lines = Field(min_length=1)
    acting: Acting | None = None
    acting_for: NonEmpty | None = None
    role: NonEmpty | None = None
    signature: Path | None = None

    _signature = field_validator("signature", mode="before")(_resolve_image)

    @model_validator(mode="after")
    def _acting_pair(self) -> Self:
        for field, message in acting_problems(self.acting, self.acting_for):
            raise ValueError(f"@{field}: {message}")
        return self


class Options(_Strict):
    digits: Literal["thai", "arabic"] = "thai"
    emblem: Path | None = None
    font: NonEmpty = "TH SarabunPSK"
    pdf_font: (
        Annotated[
            list[Path],
            BeforeValidator(_one_or_many),
            WithJsonSchema(
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
    ) = Field(default=None, max_length=2)
    pdf_font_scale: Annotated[float, Field(gt=0, le=3)] | None = None
    #: archival PDF: PDF/A-3u with the input attached, or PDF/A-2u (true means "3u")
    pdfa: Annotated[
        Literal["3u", "2u"] | bool,
        BeforeValidator(_pdfa_level),
        WithJsonSchema(
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
    spec: dict[str, Any] = Field(default_factory=dict)

    _emblem = field_validator("emblem", mode="before")(_resolve_image)

    @field_validator("pdf_font", mode="before")
    @classmethod
    def _fonts(cls, value: Any, info: ValidationInfo) -> Any:
        items = _one_or_many(value)
        if items is None or not isinstance(items, list):
            return items
        return [_resolve_font(item, info) for item in items]

    @field_validator("spec")
    @classmethod
    def _spec(cls, value: dict[str, Any]) -> dict[str, Any]:
        from thaidocs.layout.spec import LayoutSpec

        LayoutSpec(**value)
        return value


class _Document(_Strict):
    agency: NonEmpty
    body: list[Block] = Field(default_factory=empty_list)
    signers: list[Signer] = Field(min_length=1)
    options: Options = Field(default_factory=Options)


class _Dated(_Document):
    subject: NonEmpty
    date: ThaiDate


class Announcement(_Dated):
    type: Literal["announcement"] = "announcement"


class Order(_Dated):
    type: Literal["order"] = "order"
    number: PositiveInt


class Letter(_Dated):
    type: Literal["letter"] = "letter"
    number: NonEmpty
    address: Lines = Field(min_length=1)
    to: NonEmpty
    salutation: Literal["เรียน", "กราบเรียน"] = "เรียน"
    references: Lines = Field(default_factory=empty_list)
    enclosures: Lines = Field(default_factory=empty_list)
    closing: NonEmpty | None = None
    owner_unit: NonEmpty | None = None
    phone: NonEmpty | None = None
    fax: NonEmpty | None = None
    email: NonEmpty | None = None
    copies: Lines = Field(default_factory=empty_list)
    urgency: UrgencyMark | None = None
    secrecy: SecrecyMark | None = None

    @property
    def closing_text(self) -> str:
        """The closing phrase: the caller's, or the one that pairs with the salutation."""
        if self.closing:
            return self.closing
        return "ขอแสดงความนับถืออย่างยิ่ง" if self.salutation == "กราบเรียน" else "ขอแสดงความนับถือ"


class Memo(_Dated):
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


class Activity(_Strict):
    name: NonEmpty
    level: Level
    stakeholders: Lines = Field(default_factory=empty_list)
    indicator: str = ""
    budget: Annotated[Decimal, Field(ge=0, lt=MAX_NUMBER, allow_inf_nan=False)] | None = None
    #: calendar months 1–12 in fiscal order (ต.ค. first)
    months: Annotated[
        list[int],
        BeforeValidator(_months),
        WithJsonSchema(
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
    ] = Field(default_factory=empty_list)
    owner: str = ""


class Section(_Strict):
    heading: NonEmpty
    body: list[Block] = Field(default_factory=empty_list)


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
BE_YEAR_RANGE = Field(ge=2400, le=2800)
BE_YEAR_SCHEMA = WithJsonSchema(
    {
        "anyOf": [
            {"type": "integer", "minimum": 2400, "maximum": 2800},
            {"type": "string", "pattern": "^[0-9๐-๙]{4}$"},
        ],
        "description": "B.E. year, e.g. 2567 or ๒๕๖๗",
    }
)


class Plan(_Document):
    type: Literal["plan"] = "plan"
    title: NonEmpty
    fiscal_year: Annotated[
        int, BeforeValidator(be_year_value("fiscal year")), BE_YEAR_RANGE, BE_YEAR_SCHEMA
    ]
    date: ThaiDate | None = None
    sections: list[Section] = Field(default_factory=empty_list)
    participation_labels: dict[Level, NonEmpty] = Field(default_factory=dict)
    activities: list[Activity] = Field(default_factory=empty_list)

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

"""The further forms of the correspondence regulation: ระเบียบ, ข้อบังคับ, แถลงการณ์, ข่าว,
หนังสือประทับตรา, หนังสือรับรอง and รายงานการประชุม.

They build on the pieces of :mod:`thaidocs.model.document` (blocks, clauses, signers,
options) and are validated the same way: every bad field is named by its path.
"""

import datetime as dt
import re
from collections.abc import Mapping
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta, field

from thaidocs.model.convert import Before, Conversion, Hidden, Record, Schema
from thaidocs.model.document import (
    BE_YEAR_RANGE,
    BE_YEAR_SCHEMA,
    Block,
    ClauseItem,
    Image,
    NonEmpty,
    Options,
    SecrecyMark,
    Signer,
    Some,
    ThaiDate,
    UrgencyMark,
    be_year_value,
)
from thaidocs.thai import be_year, to_arabic_digits

# --- ระเบียบ and ข้อบังคับ -------------------------------------------------------------


class Chapter(Record, frozen=True, kw_only=True):
    """A หมวด: its heading and its clauses, numbered on from the chapter before."""

    heading: NonEmpty
    clauses: Annotated[list[ClauseItem], Some]


BEYear = Annotated[int, Before(be_year_value("year")), BE_YEAR_RANGE, BE_YEAR_SCHEMA]


class _Rules(Record, frozen=True, kw_only=True):
    """ระเบียบ (form 5) and ข้อบังคับ (form 6): clauses ข้อ ๑, ข้อ ๒ … in optional chapters."""

    agency: NonEmpty
    subject: NonEmpty
    date: ThaiDate
    year: BEYear | None = None
    preamble: NonEmpty | None = None
    chapters: list[Chapter] = field(default_factory=list)
    clauses: list[ClauseItem] = field(default_factory=list)
    signers: Annotated[list[Signer], Some]
    options: Options = field(default_factory=Options)

    @classmethod
    def _input_rules(cls, data: Mapping[Any, Any]) -> list[tuple[str, str]]:
        """Clauses or chapters, one of the two."""
        if data.get("chapters") and data.get("clauses"):
            return [("clauses", "give clauses or chapters, not both")]
        if not data.get("chapters") and not data.get("clauses"):
            return [("clauses", "required (or chapters, each with its clauses)")]
        return []

    @property
    def year_of_issue(self) -> int:
        """The B.E. year on the พ.ศ. line: ``year`` when given, else the year of ``date``."""
        return self.year if self.year is not None else be_year(self.date)

    @property
    def all_clauses(self) -> list[ClauseItem]:
        """Every ข้อ in order, across chapters (their numbers run on)."""
        if self.chapters:
            return [item for chapter in self.chapters for item in chapter.clauses]
        return list(self.clauses)


class Regulation(_Rules, frozen=True, kw_only=True):
    type: Literal["regulation"] = "regulation"


class Bylaw(_Rules, frozen=True, kw_only=True):
    type: Literal["bylaw"] = "bylaw"


# --- แถลงการณ์ and ข่าว ----------------------------------------------------------------


def _no_signers(value: Any, conversion: Conversion) -> None:
    if value is not None:
        kind = getattr(conversion.owner, "_kind", "it")
        raise ValueError(f"{kind} is not signed; the agency's name closes it")


class _Unsigned(Record, frozen=True, kw_only=True):
    """A document issued under the agency's name: ``signers`` is refused with the reason
    (with every other problem of the input, not instead of them)."""

    _kind: ClassVar[str]
    signers: Annotated[Any, Before(_no_signers, context=True), Hidden()] = None


class _Release(_Unsigned, frozen=True, kw_only=True):
    """แถลงการณ์ (form 8) and ข่าว (form 9): issued in the agency's name, without a signature."""

    agency: NonEmpty
    subject: NonEmpty
    issue: Annotated[int, Meta(gt=0)] | None = None
    body: Annotated[list[Block], Some]
    date: ThaiDate
    options: Options = field(default_factory=Options)


class Statement(_Release, frozen=True, kw_only=True):
    type: Literal["statement"] = "statement"
    _kind = "a statement"


class News(_Release, frozen=True, kw_only=True):
    type: Literal["news"] = "news"
    _kind = "a news item"


# --- หนังสือประทับตรา ------------------------------------------------------------------


class Stamped(_Unsigned, frozen=True, kw_only=True):
    """หนังสือประทับตรา (form 3): the agency's stamp and an officer's initials, no signature."""

    type: Literal["stamped"] = "stamped"
    agency: NonEmpty
    number: NonEmpty
    to: NonEmpty
    body: Annotated[list[Block], Some]
    date: ThaiDate
    initials: NonEmpty | None = None
    owner_unit: NonEmpty | None = None
    phone: NonEmpty | None = None
    urgency: UrgencyMark | None = None
    secrecy: SecrecyMark | None = None
    options: Options = field(default_factory=Options)
    _kind = "a stamped letter"


# --- หนังสือรับรอง ---------------------------------------------------------------------


class Certificate(Record, frozen=True, kw_only=True):
    """หนังสือรับรอง: what the agency certifies, signed; an optional photo of the holder."""

    type: Literal["certificate"] = "certificate"
    agency: NonEmpty
    number: NonEmpty
    body: Annotated[list[Block], Some]
    date: ThaiDate
    signers: Annotated[list[Signer], Some]
    photo: Image | None = None
    holder: NonEmpty | None = None
    options: Options = field(default_factory=Options)


# --- รายงานการประชุม -------------------------------------------------------------------

#: "09.00", "9:30", "๐๙.๐๐ น."; seconds as JSON writes a time ("09:00:00")
_TIME = re.compile(r"^([01]?\d|2[0-3])[.:]([0-5]\d)(?::[0-5]\d)?(?:\s*น\.)?$")


def _time(value: Any) -> Any:
    """A clock time "09.00", "9:30" or "๐๙.๐๐ น." as ``datetime.time``."""
    if not isinstance(value, str):
        return value
    match = _TIME.match(to_arabic_digits(value.strip()))
    if match is None:
        raise ValueError(f"time {value!r} is not hours.minutes, e.g. 09.00")
    return dt.time(int(match.group(1)), int(match.group(2)))


ClockTime = Annotated[
    dt.time,
    Before(_time),
    Schema(
        {
            "type": "string",
            "pattern": "^[0-9๐-๙]{1,2}[.:][0-9๐-๙]{2}( ?น\\.)?$",
            "description": "time of day, hours.minutes: 09.00",
        }
    ),
]


def _session(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


class Attendee(Record, frozen=True, kw_only=True):
    """One line of an attendance list: name, position and a note (ลาป่วย, ติดราชการ …)."""

    name: NonEmpty
    position: NonEmpty | None = None
    note: NonEmpty | None = None


class AgendaItem(Record, frozen=True, kw_only=True):
    """ระเบียบวาระที่ …: its title, what was said, and the resolution (มติที่ประชุม)."""

    title: NonEmpty
    body: list[Block] = field(default_factory=list)
    resolution: NonEmpty | None = None


class Minutes(Record, frozen=True, kw_only=True):
    """รายงานการประชุม: who came, the agenda item by item, and who recorded it."""

    type: Literal["minutes"] = "minutes"
    agency: NonEmpty | None = None
    meeting: NonEmpty
    session: Annotated[NonEmpty, Before(_session)] | None = None
    date: ThaiDate
    place: NonEmpty | None = None
    present: Annotated[list[Attendee], Some]
    absent: list[Attendee] = field(default_factory=list)
    attending: list[Attendee] = field(default_factory=list)
    opened: ClockTime | None = None
    closed: ClockTime | None = None
    agenda: Annotated[list[AgendaItem], Some]
    recorder: Signer
    checker: Signer | None = None
    options: Options = field(default_factory=Options)

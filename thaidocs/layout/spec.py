"""Every measurement and house default of the official format, in one overridable object.

Lengths are centimetres, vertical space and type sizes are points at *official* size
(TH Sarabun New / TH SarabunPSK metrics). Values marked [R] come from the regulation or
the OPM typing guide; [H] values are house defaults a caller may override::

    compose(doc, LayoutSpec(date_line_indent=4.5))
    # or in the input file:  options: {spec: {date_line_indent: 4.5}}
"""

import string
from typing import Annotated, ClassVar

from msgspec import Meta

from thaidocs.model.convert import After, Conversion, Record, made_valid
from thaidocs.thai.names import NAME_TITLES

# Every value has a range in which the writers can place the page (a margin wider than the
# paper, a zero type size or a NaN would otherwise fail only at render, or render junk).
#: a page edge, cm: from a business card to A0
PageLength = Annotated[float, Meta(ge=5.0, le=120.0)]
#: a distance on the page, cm
Length = Annotated[float, Meta(ge=0.0, le=120.0)]
#: a width something is set in, cm
Width = Annotated[float, Meta(ge=0.1, le=120.0)]
#: a type size, pt
TypeSize = Annotated[float, Meta(ge=4.0, le=72.0)]
#: vertical space, pt
Space = Annotated[float, Meta(ge=0.0, le=72.0)]
#: a colour as six hex digits, RRGGBB
Colour = Annotated[str, Meta(pattern="^[0-9A-Fa-f]{6}$")]

#: the least width left for text right of any indent, cm
MIN_COLUMN = 2.0
#: the fewest body lines a page must hold (a signature block with its position lines fits)
MIN_PAGE_LINES = 12


def _one_number(value: str, conversion: Conversion, path: tuple[str | int, ...]) -> str:
    """The page number goes where ``{}`` is, once; no other fields or formats."""
    try:
        fields = [
            (f, spec, conv) for _, f, spec, conv in string.Formatter().parse(value) if f is not None
        ]
    except ValueError:
        fields = []
    if fields != [("", "", None)]:
        raise ValueError(f"{value!r} must hold one {{}} for the page number, e.g. '- {{}} -'")
    return value


class LayoutSpec(Record, frozen=True, kw_only=True):
    #: text values (the page number's format) keep their spaces
    strip_text: ClassVar[bool] = False

    # Page, all types
    page_width: PageLength = 21.0  # [R] A4
    page_height: PageLength = 29.7  # [R]
    margin_left: Length = 3.0  # [R]
    margin_right: Length = 2.0  # [R]
    margin_top: Length = 2.5  # [H] later pages
    margin_bottom: Length = 2.0  # [H]
    emblem_top: Length = 1.5  # [R] Garuda top edge from the paper edge
    page_number_format: Annotated[str, After(_one_number)] = "- {} -"  # [R]
    page_number_top: Length = 1.5  # [H]

    # Type
    body_size: TypeSize = 16.0  # [R]
    line_spacing: Annotated[float, Meta(ge=0.8, le=3.0)] = (
        1.30  # [H] single line = 1.30 × official size
    )
    block_space: Space = 6.0  # [R] "one line + 6 pt" before a block
    first_line_indent: Length = 2.5  # [R]
    title_bold: bool = True  # [H]
    memo_title_size: TypeSize = 29.0  # [R]
    memo_label_size: TypeSize = 20.0  # [R]
    urgency_size: TypeSize = 32.0  # [R] at least 32
    mark_color: Colour = "C00000"  # [R] urgency and secrecy marks are red
    secrecy_size: TypeSize = 20.0  # [H] secrecy mark, bold, larger than the body

    # Emblem (Garuda)
    emblem_height: Width = 3.0  # [R]
    memo_emblem_height: Width = 1.5  # [R]

    # Title rule under ประกาศ / คำสั่ง
    rule_width: Length = 4.0  # [H]
    rule_dashed: bool = False  # [H]
    rule_space: Space = 6.0  # [H] pt above and below the title rule

    # Clauses: number at ``clause_number_indent[level]``, text and wrapped lines at
    # ``clause_text_indent[level]`` (cm from the left margin) [R] styles, [H] indents
    clause_number_indent: tuple[Length, Length, Length] = (2.5, 3.1, 4.0)
    clause_text_indent: tuple[Length, Length, Length] = (3.1, 4.0, 4.8)
    # [H] least gap between a clause number and its text; a list whose widest number
    # (๒.๑๐, (๑๒)) leaves less moves the text of all its items right together
    clause_gap: Length = 0.2

    # ระเบียบ / ข้อบังคับ: "ข้อ ๑", its sub-items "(๑)" and theirs "(ก)" start at these
    # first-line indents (cm); their wrapped lines run back to the left margin [H]
    regulation_clause_indent: tuple[Length, Length, Length] = (2.5, 3.25, 4.0)

    # Date line and signature
    date_line_indent: Length = 5.0  # [H] "ประกาศ ณ วันที่ …" from the left margin
    signature_axis: Length = 10.0  # [H] centre line of the block, from the left margin
    signature_width: Width = 10.0  # [H] widest line before wrapping, centred on the axis
    signing_lines: Annotated[float, Meta(ge=0.0, le=6.0)] = (
        3.0  # [R] blank lines for the handwritten signature
    )
    signature_columns_axes: tuple[Length, Length] = (4.0, 12.0)  # [H] two signers side by side
    signature_columns_width: Width = 7.6  # [H]
    signature_row_gap: Space = 12.0  # [H] pt between rows of signer blocks

    # External letter
    letter_agency_indent: Length = 9.0  # [H] agency and address column, from the left margin
    letter_band_lines: Annotated[float, Meta(ge=0.0, le=6.0)] = (
        1.0  # [H] lines of the ที่/agency header beside the Garuda's foot
    )
    letter_date_indent: Length = 7.5  # [H]
    letter_closing_indent: Length = 7.5  # [H]
    label_tab: Annotated[float, Meta(ge=0.1, le=10.0)] = (
        1.25  # [H] labelled lines: text at the next multiple past the label
    )
    letter_contact_size: TypeSize = 16.0  # [H]

    # หนังสือประทับตรา: the agency's name and the date centred on ``signature_axis`` where
    # the stamp goes; the officer's initials beside the stamp, from the left margin, or
    # nearer when they would run past the right margin [H]
    stamp_initials_indent: Length = 12.5

    # หนังสือรับรอง: the holder's photo at the bottom left, 4 × 5 cm [H]
    photo_width: Width = 4.0
    photo_height: Width = 5.0
    photo_indent: Length = 1.0  # [H] the frame's left edge from the left margin

    # รายงานการประชุม: attendance lists, ๑. at the number indent, the name after it, the
    # position and the note (ลาป่วย, ติดราชการ) at their tabs, cm from the left margin; the
    # note's tab moves left when the widest note would run past the right margin [H]
    minutes_number_indent: Length = 1.0
    minutes_position_tab: Length = 6.0
    minutes_note_tab: Length = 12.0

    # Memo
    memo_date_label: Length = 8.0  # [H] "วันที่" on the ที่ line

    # Tables
    table_size: TypeSize = 16.0  # [H] simple tables in the body
    plan_table_size: TypeSize = 14.0  # [H] the activity table (landscape)
    plan_landscape: bool = True  # [R] plans may use A4 landscape for the table
    # [H] activity-table columns on landscape A4 (text width 24.7 cm): ที่, โครงการ/กิจกรรม,
    # ระดับการมีส่วนร่วม, ผู้มีส่วนได้ส่วนเสีย, ตัวชี้วัด/ค่าเป้าหมาย, งบประมาณ, ผู้รับผิดชอบ; and each
    # of the twelve month columns. Scaled together to the text width actually in use; no
    # column narrower than its widest number, name, month label or term.
    plan_table_widths: tuple[Width, Width, Width, Width, Width, Width, Width] = (
        0.7,
        3.4,
        1.9,
        2.3,
        2.3,
        1.9,
        2.0,
    )
    plan_month_width: Width = 0.85
    plan_month_size: TypeSize = 12.0  # [H] month headers (ต.ค. … ก.ย.) fit the narrow columns
    table_shade: Colour = "BFBFBF"  # [H] active months
    cell_padding: Annotated[float, Meta(ge=0.0, le=2.0)] = 0.1  # [H]

    # Words that never break, recognised by these titles in running text
    name_titles: tuple[Annotated[str, Meta(min_length=1)], ...] = NAME_TITLES

    def _rules(self) -> list[tuple[str, str]]:
        """Margins leave room to write, and every indent leaves a column of text right of it."""
        width, height = self.text_width, self.page_height - self.margin_top - self.margin_bottom
        if width < 2 * MIN_COLUMN:
            return [("", f"the margins leave {width:.2f} cm of text width (at least 4)")]
        problems = []
        if height * 72 / 2.54 < MIN_PAGE_LINES * self.line_height:
            problems.append(f"the margins leave room for fewer than {MIN_PAGE_LINES} lines")
        if self.plan_landscape and self.page_height - self.margin_left - self.margin_right < 4:
            problems.append("the margins leave no text width on a landscape page")
        indents = {
            "first_line_indent": self.first_line_indent,
            "clause_number_indent": max(self.clause_number_indent),
            "clause_text_indent": max(self.clause_text_indent),
            "date_line_indent": self.date_line_indent,
            "signature_axis": self.signature_axis,
            "signature_columns_axes": max(self.signature_columns_axes),
            "letter_agency_indent": self.letter_agency_indent,
            "letter_date_indent": self.letter_date_indent,
            "letter_closing_indent": self.letter_closing_indent,
            "memo_date_label": self.memo_date_label,
            "regulation_clause_indent": max(self.regulation_clause_indent),
            "photo_indent": self.photo_indent + self.photo_width,
            "minutes_position_tab": self.minutes_position_tab,
        }
        problems += [
            f"{name} {value} cm leaves less than {MIN_COLUMN} cm of the {width:.2f} cm text width"
            for name, value in indents.items()
            if value > width - MIN_COLUMN
        ]
        widths = {
            "signature_width": self.signature_width,
            "signature_columns_width": self.signature_columns_width,
            "rule_width": self.rule_width,
        }
        problems += [
            f"{name} {value} cm is wider than the {width:.2f} cm text width"
            for name, value in widths.items()
            if value > width
        ]
        if self.emblem_top + self.emblem_height > height / 2 + self.margin_top:
            problems.append("the emblem reaches below the middle of the page")
        return [("", "; ".join(problems))] if problems else []

    @classmethod
    def defaults(cls) -> "LayoutSpec":
        """The house defaults, the same object each time. They are valid by construction (the
        tests check them), so a render that overrides nothing checks none of them."""
        return _DEFAULTS

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def line_height(self) -> float:
        """Single line height in points at body size."""
        return self.body_size * self.line_spacing


_DEFAULTS = made_valid(LayoutSpec)

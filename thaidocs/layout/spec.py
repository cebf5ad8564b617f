"""Every measurement and house default of the official format, in one overridable object.

Lengths are centimetres, vertical space and type sizes are points at *official* size
(TH Sarabun New / TH SarabunPSK metrics). Values marked [R] come from the regulation or
the OPM typing guide; [H] values are house defaults a caller may override::

    compose(doc, LayoutSpec(date_line_indent=4.5))
    # or in the input file:  options: {spec: {date_line_indent: 4.5}}
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from thaidocs.thai.names import NAME_TITLES


class LayoutSpec(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    # Page, all types
    page_width: float = 21.0  # [R] A4
    page_height: float = 29.7  # [R]
    margin_left: float = 3.0  # [R]
    margin_right: float = 2.0  # [R]
    margin_top: float = 2.5  # [H] later pages
    margin_bottom: float = 2.0  # [H]
    emblem_top: float = 1.5  # [R] Garuda top edge from the paper edge
    page_number_format: str = "- {} -"  # [R]
    page_number_top: float = 1.5  # [H]

    # Type
    body_size: float = 16.0  # [R]
    line_spacing: float = 1.30  # [H] single line = 1.30 × official size
    block_space: float = 6.0  # [R] "one line + 6 pt" before a block
    first_line_indent: float = 2.5  # [R]
    title_bold: bool = True  # [H]
    memo_title_size: float = 29.0  # [R]
    memo_label_size: float = 20.0  # [R]
    urgency_size: float = 32.0  # [R] at least 32
    mark_color: str = "C00000"  # [R] urgency and secrecy marks are red

    # Emblem (Garuda)
    emblem_height: float = 3.0  # [R]
    memo_emblem_height: float = 1.5  # [R]

    # Title rule under ประกาศ / คำสั่ง
    rule_width: float = 4.0  # [H]
    rule_dashed: bool = False  # [H]
    rule_space: float = 6.0  # [H] pt above and below the title rule

    # Clauses: number at ``clause_number_indent[level]``, text and wrapped lines at
    # ``clause_text_indent[level]`` (cm from the left margin) [R] styles, [H] indents
    clause_number_indent: tuple[float, float, float] = (2.5, 3.1, 4.0)
    clause_text_indent: tuple[float, float, float] = (3.1, 4.0, 4.8)
    # [H] least gap between a clause number and its text; a list whose widest number
    # (๒.๑๐, (๑๒)) leaves less moves the text of all its items right together
    clause_gap: float = 0.2

    # Date line and signature
    date_line_indent: float = 5.0  # [H] "ประกาศ ณ วันที่ …" from the left margin
    signature_axis: float = 10.0  # [H] centre line of the block, from the left margin
    signature_width: float = 10.0  # [H] widest line before wrapping, centred on the axis
    signing_lines: float = 3.0  # [R] blank lines for the handwritten signature
    signature_columns_axes: tuple[float, float] = (4.0, 12.0)  # [H] two signers side by side
    signature_columns_width: float = 7.6  # [H]
    signature_row_gap: float = 12.0  # [H] pt between rows of signer blocks

    # External letter
    letter_agency_indent: float = 9.0  # [H] agency and address column, from the left margin
    letter_band_lines: float = 1.0  # [H] lines of the ที่/agency header beside the Garuda's foot
    letter_date_indent: float = 7.5  # [H]
    letter_closing_indent: float = 7.5  # [H]
    label_tab: float = 1.25  # [H] labelled lines: text at the next multiple past the label
    letter_contact_size: float = 16.0  # [H]

    # Memo
    memo_date_label: float = 8.0  # [H] "วันที่" on the ที่ line

    # Tables
    table_size: float = 16.0  # [H] simple tables in the body
    plan_table_size: float = 14.0  # [H] the activity table (landscape)
    plan_landscape: bool = True  # [R] plans may use A4 landscape for the table
    # [H] activity-table columns on landscape A4 (text width 24.7 cm): ที่, โครงการ/กิจกรรม,
    # ระดับการมีส่วนร่วม, ผู้มีส่วนได้ส่วนเสีย, ตัวชี้วัด/ค่าเป้าหมาย, งบประมาณ, ผู้รับผิดชอบ; and each
    # of the twelve month columns. Scaled together to the text width actually in use.
    plan_table_widths: tuple[float, float, float, float, float, float, float] = (
        0.7,
        3.4,
        1.9,
        2.3,
        2.3,
        1.9,
        2.0,
    )
    plan_month_width: float = 0.85
    plan_month_size: float = 12.0  # [H] month headers (ต.ค. … ก.ย.) fit the narrow columns
    table_shade: str = "BFBFBF"  # [H] active months
    cell_padding: float = 0.1  # [H]

    # Words that never break, recognised by these titles in running text
    name_titles: tuple[str, ...] = NAME_TITLES

    @property
    def text_width(self) -> float:
        return self.page_width - self.margin_left - self.margin_right

    @property
    def line_height(self) -> float:
        """Single line height in points at body size."""
        return self.body_size * self.line_spacing

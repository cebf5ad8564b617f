"""แผน: title block, numbered sections, the activity table, and the approval signatures."""

from __future__ import annotations

from decimal import Decimal

from thaidocs.layout.compose.blocks import body_blocks, cell, data_align, paragraph, table_widths
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.tree import Align, Block, Cell, Paragraph, Run, Section, Table
from thaidocs.model.document import FISCAL_MONTHS, Activity, Plan
from thaidocs.thai import THAI_MONTHS_ABBR, baht_text, be_year, fiscal_year_range, format_number

_COLUMNS = (
    "ที่",
    "โครงการ/กิจกรรม",
    "ระดับการมีส่วนร่วม",
    "ผู้มีส่วนได้ส่วนเสีย",
    "ตัวชี้วัด/ค่าเป้าหมาย",
    "งบประมาณ (บาท)",
)
_OWNER = "ผู้รับผิดชอบ"


def plan(doc: Plan, ctx: Context) -> tuple[Section, ...]:
    """Sections on portrait pages; the table and signatures on landscape pages when the
    spec says so (the table needs the width)."""
    spec = ctx.spec
    agency = ctx.text(doc.agency)
    ctx.remember(agency)
    blocks: list[Block] = [ctx.emblem()] if ctx.emblem_image else []
    fiscal = "ประจำปีงบประมาณ พ.ศ. " + ctx.number(doc.fiscal_year)
    blocks += [
        ctx.centred(line, "title", bold=spec.title_bold)
        for line in (ctx.text(doc.title), agency, fiscal)
    ]
    for number, section in enumerate(doc.sections, start=1):
        heading = ctx.number(number) + ". " + ctx.text(section.heading)
        blocks.append(
            Paragraph(
                runs=(Run(heading, bold=True),),
                size=spec.body_size,
                space_before=spec.block_space,
                keep_with_next=True,
                role="heading",
            )
        )
        blocks += body_blocks(section.body, ctx, f"sections[{number - 1}].body")
    portrait = ctx.page(emblem=bool(ctx.emblem_image))
    landscape = spec.plan_landscape and bool(doc.activities)
    page = ctx.page(emblem=False, landscape=True) if landscape else portrait
    closing: list[Block] = []
    if doc.activities:
        closing += activity_table(doc, ctx, page.text_width)
    closing.append(
        signature_group(
            doc.signers,
            ctx,
            text_width=page.text_width,
            space_before=spec.line_height + spec.block_space,
            dated="วันที่ " + ctx.date(doc.date, "full") if doc.date else None,
        )
    )
    if landscape:
        return Section(page=portrait, blocks=tuple(blocks)), Section(
            page=page, blocks=tuple(closing)
        )
    return (Section(page=portrait, blocks=tuple(blocks + closing)),)


def activity_table(doc: Plan, ctx: Context, width: float) -> list[Block]:
    """The activity table, then the total in words.

    Budgets print without satang when every amount is whole baht, else all with two
    decimals; a missing budget prints "-". The twelve months sit under the two B.E. years
    the fiscal year spans (ต.ค.–ธ.ค. in the year before the one it is named by).
    """
    spec = ctx.spec
    size = spec.plan_table_size
    budgets = [a.budget for a in doc.activities if a.budget is not None]
    decimals = 0 if all(b == b.to_integral_value() for b in budgets) else 2
    start, end = fiscal_year_range(doc.fiscal_year)

    def head(text: str, colspan: int = 1, rowspan: int = 1) -> Cell:
        return cell(text, size, bold=True, align=Align.CENTER, colspan=colspan, rowspan=rowspan)

    years = (
        head("พ.ศ. " + ctx.number(be_year(start)), colspan=3),
        head("พ.ศ. " + ctx.number(be_year(end)), colspan=9),
    )
    months = tuple(
        cell(THAI_MONTHS_ABBR[m], spec.plan_month_size, bold=True, align=Align.CENTER)
        for m in FISCAL_MONTHS
    )
    header = (
        (*(head(c, rowspan=2) for c in _COLUMNS), *years, head(_OWNER, rowspan=2)),
        months,
    )
    rows = [
        _row(ctx, number, activity, decimals, doc.level_label(activity.level))
        for number, activity in enumerate(doc.activities, start=1)
    ]
    total = sum(budgets, Decimal(0))
    amount = format_number(total, ctx.digits, decimals) if budgets else "-"
    rows.append(
        (
            head("รวม", colspan=len(_COLUMNS) - 1),
            cell(amount, size, bold=True, align=Align.RIGHT if budgets else Align.CENTER),
            cell("", size, colspan=len(FISCAL_MONTHS) + 1),
        )
    )
    shares = (
        *spec.plan_table_widths[:-1],
        *(spec.plan_month_width,) * len(FISCAL_MONTHS),
        spec.plan_table_widths[-1],
    )
    remedy = "use a smaller options.spec.plan_table_size or options.spec.cell_padding"
    widths = table_widths((*header, *rows), len(shares), width, ctx, "activities", remedy, shares)
    table = Table(
        widths=widths,
        header=header,
        rows=tuple(rows),
        shade_color=spec.table_shade,
        cell_padding=spec.cell_padding,
        space_before=spec.block_space,
        role="activities",
    )
    if not budgets:
        return [table]
    words = f"รวมงบประมาณทั้งสิ้น {amount} บาท ({baht_text(total)})"
    return [table, paragraph(words, ctx, indent=False, role="words")]


def _row(
    ctx: Context, number: int, activity: Activity, decimals: int, level: str
) -> tuple[Cell, ...]:
    size = ctx.spec.plan_table_size
    if activity.budget is None:
        budget = cell("-", size, align=Align.CENTER)
    else:
        budget = cell(format_number(activity.budget, ctx.digits, decimals), size, align=Align.RIGHT)
    stakeholders = [ctx.text(s) for s in activity.stakeholders]
    owner = ctx.text(activity.owner)
    ctx.remember(owner)  # the unit responsible: a name of the agency's, kept whole
    texts = (ctx.number(number), ctx.text(activity.name), ctx.text(level), "\n".join(stakeholders))
    return (
        *(cell(t, size, align=data_align(t)) for t in texts),
        cell(ctx.text(activity.indicator), size),
        budget,
        *(cell("", size, shaded=m in activity.months) for m in FISCAL_MONTHS),
        cell(owner, size),
    )

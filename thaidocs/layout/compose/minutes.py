"""รายงานการประชุม: the minutes of a meeting, as the regulation's form sets them out.

Centred and bold: "รายงานการประชุม" with the meeting's name, "ครั้งที่ …", "เมื่อ" with the
date, "ณ" with the place. Then who came (ผู้มาประชุม), who did not and why (ผู้ไม่มาประชุม),
and who else attended (ผู้เข้าร่วมประชุม), each a numbered list of name, position and note;
the opening time; each agenda item "ระเบียบวาระที่ ๑ …" in bold with what was said and its
resolution (มติที่ประชุม); the closing time; and the recorder's and the checker's signatures.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

import msgspec

from thaidocs.layout.compose.blocks import body_blocks, paragraph
from thaidocs.layout.compose.context import Context
from thaidocs.layout.compose.signature import signature_group
from thaidocs.layout.measure import text_width
from thaidocs.layout.tree import Block, Paragraph, Run, Section, TabStop
from thaidocs.model.document import Signer
from thaidocs.model.forms import Attendee, Minutes

RECORDER = "ผู้จดรายงานการประชุม"
CHECKER = "ผู้ตรวจรายงานการประชุม"


def minutes(doc: Minutes, ctx: Context) -> tuple[Section, ...]:
    spec = ctx.spec
    bold = spec.title_bold
    meeting = ctx.text(doc.meeting)
    ctx.remember(meeting)
    if doc.agency:
        ctx.remember(ctx.text(doc.agency))
    title = ["รายงานการประชุม" + meeting]
    if doc.session:
        title.append("ครั้งที่ " + ctx.text(doc.session))
    title.append("เมื่อวันที่ " + ctx.date(doc.date, "full"))
    if doc.place:
        title.append("ณ " + ctx.text(doc.place))
    blocks: list[Block] = [ctx.centred(line, "title", bold=bold) for line in title]
    blocks.append(ctx.rule())
    for label, people in (
        ("ผู้มาประชุม", doc.present),
        ("ผู้ไม่มาประชุม", doc.absent),
        ("ผู้เข้าร่วมประชุม", doc.attending),
    ):
        if people:
            blocks.append(_heading(ctx, label))
            blocks += attendance(people, ctx)
    if doc.opened is not None:
        blocks.append(_time(ctx, "เริ่มประชุมเวลา", doc.opened))
    for number, item in enumerate(doc.agenda, start=1):
        blocks.append(_heading(ctx, f"ระเบียบวาระที่ {ctx.number(number)} {ctx.text(item.title)}"))
        blocks += body_blocks(item.body, ctx, f"agenda[{number - 1}].body")
        if item.resolution:
            blocks.append(_resolution(ctx, ctx.text(item.resolution)))
    if doc.closed is not None:
        blocks.append(_time(ctx, "เลิกประชุมเวลา", doc.closed))
    signers = [_with_role(doc.recorder, RECORDER)]
    if doc.checker is not None:
        signers.append(_with_role(doc.checker, CHECKER))
    blocks.append(signature_group(signers, ctx, space_before=spec.line_height + spec.block_space))
    return (Section(page=ctx.page(emblem=False), blocks=tuple(blocks)),)


def _with_role(signer: Signer, role: str) -> Signer:
    """The signer with the minutes' role as the last line of the block, under the position."""
    return msgspec.structs.replace(signer, position=[*signer.position, role])


def _heading(ctx: Context, text: str) -> Paragraph:
    """A bold line at the margin that keeps with the text under it."""
    spec = ctx.spec
    return Paragraph(
        runs=(Run(text, bold=True),),
        size=spec.body_size,
        space_before=spec.block_space,
        keep_with_next=True,
        role="heading",
    )


def _time(ctx: Context, label: str, time: dt.time) -> Paragraph:
    """ "เริ่มประชุมเวลา ๐๙.๐๐ น." as a paragraph at the margin."""
    clock = ctx.number(f"{time.hour:02d}.{time.minute:02d}")
    return paragraph(f"{label} {clock} น.", ctx, indent=False, role="time")


def _resolution(ctx: Context, text: str) -> Paragraph:
    """มติที่ประชุม in bold, the resolution after it, from the first-line indent."""
    spec = ctx.spec
    return Paragraph(
        runs=(Run("มติที่ประชุม", bold=True), Run(" " + text)),
        size=spec.body_size,
        first_line_indent=spec.first_line_indent,
        space_before=spec.block_space,
        role="resolution",
    )


def attendance(people: Sequence[Attendee], ctx: Context) -> list[Paragraph]:
    """๑. name, position, note, in columns fitted to the list: the number at
    ``minutes_number_indent``, the name after the widest number, the position after the widest
    name (no nearer than ``minutes_position_tab``), the note after the widest position, or
    where the widest note still ends at the margin; a long position wraps under itself."""
    spec = ctx.spec
    size, gap = spec.body_size, spec.clause_gap
    numbers = [ctx.number(i) + "." for i in range(1, len(people) + 1)]
    names = [ctx.text(person.name) for person in people]
    positions = [ctx.text(person.position) if person.position else "" for person in people]
    notes = [ctx.text(person.note) if person.note else "" for person in people]

    def widest(texts: list[str]) -> float:
        return max(text_width(text, size) for text in texts)

    number_at = spec.minutes_number_indent
    name_at = number_at + widest(numbers) + gap
    position_at = max(spec.minutes_position_tab, name_at + widest(names) + gap)
    stops = [TabStop(name_at), TabStop(position_at)]
    if any(notes):
        after = max(spec.minutes_note_tab, position_at + widest(positions) + gap)
        stops.append(TabStop(min(after, spec.text_width - widest(notes))))
    out: list[Paragraph] = []
    for number, name, position, note in zip(numbers, names, positions, notes, strict=True):
        ctx.remember_name(name)
        if position:
            ctx.remember(position)
        cells = [number, name, position, note] if note else [number, name, position]
        out.append(
            Paragraph(
                runs=(Run("\t".join(cells).rstrip("\t")),),
                size=size,
                left_indent=position_at,
                first_line_indent=number_at - position_at,
                tabs=tuple(stops),
                role="attendee",
            )
        )
    return out

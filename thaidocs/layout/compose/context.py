"""What every composer shares: the spec in force, the document's digits, and common pieces.

Vertical rhythm, used the same way by every composer: the official "one line + 6 pt" between
blocks is a paragraph's own single line plus ``spec.block_space`` (6 pt) of ``space_before``;
"one blank line, then …" (the date line) adds one more line, ``spec.line_height``. Title lines
that belong together (ประกาศ…, เรื่อง…) have no space between them.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from msgspec import Struct, field

from thaidocs.layout.spec import LayoutSpec
from thaidocs.layout.tree import Align, Emblem, Margins, PageSetup, Paragraph, Rule, Run
from thaidocs.model.document import Document
from thaidocs.thai import format_date, to_thai_digits
from thaidocs.thai.dates import DateStyle
from thaidocs.thai.digits import Digits


class Context(Struct):
    """What every composer of one document shares: its spec, digits, emblem and words."""

    spec: LayoutSpec
    digits: Digits
    emblem_image: Path | None
    #: ชั้นความลับ printed on every page (``options.secrecy``, or a letter's own key)
    secrecy: str | None = None
    #: names and terms the PDF line breaker must keep whole, in first-seen order
    words: list[str] = field(default_factory=list)

    @classmethod
    def of(cls, doc: Document, spec: LayoutSpec) -> Context:
        own = getattr(doc, "secrecy", None)
        return cls(
            spec=spec,
            digits=doc.options.digits,
            emblem_image=doc.options.emblem,
            secrecy=doc.options.secrecy or own,
        )

    def text(self, value: str) -> str:
        """Running text in the document's digits; "arabic" leaves it as the caller wrote it."""
        return to_thai_digits(value) if self.digits == "thai" else value

    def number(self, value: int | str) -> str:
        """A generated number (clause, document and year numbers) in the document's digits."""
        return to_thai_digits(value) if self.digits == "thai" else str(value)

    def date(self, value: dt.date, style: DateStyle) -> str:
        return format_date(value, style, digits=self.digits)

    def remember(self, *words: str) -> None:
        """Keep each term whole, and each of its space-separated parts (the line breaker
        segments between spaces anyway)."""
        for word in words:
            for term in (word, *word.split()) if " " in word else (word,):
                if term and term not in self.words:
                    self.words.append(term)

    def remember_name(self, name: str) -> None:
        """A person's name whole, and its parts: title + given name, surname, given name."""
        self.remember(name)
        parts = name.split()
        if parts:
            given = parts[0]
            for title in self.spec.name_titles:
                if given.startswith(title) and len(given) > len(title):
                    self.remember(given[len(title) :])
                    break

    def page(self, *, emblem: bool = True, landscape: bool = False) -> PageSetup:
        """The page of a section; its first page starts at the emblem's band when it has one.
        A secrecy mark is printed at the top and bottom of every page."""
        spec = self.spec
        width, height = spec.page_width, spec.page_height
        if landscape:
            width, height = height, width
        return PageSetup(
            width=width,
            height=height,
            margins=Margins(
                left=spec.margin_left,
                right=spec.margin_right,
                top=spec.margin_top,
                bottom=spec.margin_bottom,
            ),
            first_top=spec.emblem_top if emblem else spec.margin_top,
            page_number_format=spec.page_number_format,
            page_number_digits=self.digits,
            page_number_top=spec.page_number_top,
            mark=self.secrecy,
            mark_size=spec.secrecy_size,
            mark_color=spec.mark_color,
        )

    def emblem(self, beside: tuple[Paragraph, ...] = (), overlap: float = 0.0) -> Emblem:
        return Emblem(
            image=self.emblem_image,
            height=self.spec.emblem_height,
            align=Align.CENTER,
            top=self.spec.emblem_top,
            beside=beside,
            overlap=overlap,
        )

    def centred(self, text: str, role: str, *, bold: bool, space_before: float = 0.0) -> Paragraph:
        return Paragraph(
            runs=(Run(text, bold=bold),),
            align=Align.CENTER,
            size=self.spec.body_size,
            space_before=space_before,
            keep_with_next=True,
            role=role,
        )

    def rule(self) -> Rule:
        spec = self.spec
        return Rule(
            width=spec.rule_width,
            dashed=spec.rule_dashed,
            space_before=spec.rule_space,
            space_after=spec.rule_space,
        )

    def date_line(self, text: str) -> Paragraph:
        """ "ประกาศ ณ วันที่ …" after one blank line; it keeps the signature on its page."""
        spec = self.spec
        return Paragraph(
            runs=(Run(text),),
            size=spec.body_size,
            left_indent=spec.date_line_indent,
            space_before=spec.line_height + spec.block_space,
            keep_with_next=True,
            role="date",
        )

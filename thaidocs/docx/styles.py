"""Styles taken from the tree, so that text typed into the file keeps the official look.

Each paragraph role ("body", "clause", "title", …) becomes one paragraph style whose
properties are the most common ones among the tree's paragraphs of that role; a paragraph
then carries direct formatting only where it differs from its style. Thai is complex
script: every style names the face in all four font slots, sets ``w:szCs`` beside ``w:sz``
and ``w:bCs`` beside ``w:b``, and the template's theme fonts are removed, since a theme
attribute would override the named face.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, fields
from typing import Any

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT, WD_TAB_LEADER
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Length, Pt, RGBColor
from docx.styles.style import ParagraphStyle, StyleFactory
from docx.text.paragraph import Paragraph as DocxParagraph
from docx.text.parfmt import ParagraphFormat
from docx.text.run import Run as DocxRun

from thaidocs.docx import oxml
from thaidocs.layout.tree import Align, LayoutDocument, Leader, Paragraph, Table

ALIGNMENT = {
    Align.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    Align.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    Align.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    Align.DISTRIBUTE: WD_ALIGN_PARAGRAPH.THAI_JUSTIFY,
}
TAB_ALIGNMENT = {
    Align.LEFT: WD_TAB_ALIGNMENT.LEFT,
    Align.CENTER: WD_TAB_ALIGNMENT.CENTER,
    Align.RIGHT: WD_TAB_ALIGNMENT.RIGHT,
}
LEADER = {Leader.NONE: WD_TAB_LEADER.SPACES, Leader.DOT: WD_TAB_LEADER.DOTS}
_TABLE_BASE = "Table Grid"


@dataclass(frozen=True)
class Look:
    """The paragraph properties a style can hold."""

    align: Align
    size: float
    left_indent: float
    right_indent: float
    first_line_indent: float
    space_before: float
    keep_with_next: bool
    keep_together: bool
    bold: bool

    @classmethod
    def of(cls, paragraph: Paragraph) -> Look:
        runs = paragraph.runs
        return cls(
            align=paragraph.align,
            size=paragraph.size,
            left_indent=paragraph.left_indent,
            right_indent=paragraph.right_indent,
            first_line_indent=paragraph.first_line_indent,
            space_before=paragraph.space_before,
            keep_with_next=paragraph.keep_with_next,
            keep_together=paragraph.keep_together,
            bold=bool(runs) and all(run.bold for run in runs),
        )


_LOOK_FIELDS = tuple(f.name for f in fields(Look))


def _typical(looks: list[Look]) -> Look:
    """Each property's most common value; on a tie, the first one seen."""
    columns = zip(*([getattr(look, name) for name in _LOOK_FIELDS] for look in looks), strict=True)
    return Look(*(Counter(column).most_common(1)[0][0] for column in columns))


def style_name(role: str) -> str:
    return f"ThaiDocs {role.replace('_', ' ').title()}"


def set_line(paragraph_format: ParagraphFormat, size: float, line_spacing: float) -> None:
    """Single line at ``line_spacing`` × the official size, as an exact height: the same in
    Word and LibreOffice whatever font either finds, and the same as the PDF."""
    paragraph_format.line_spacing = Pt(size * line_spacing)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY


def _set_style(target: DocxParagraph, style_id: str) -> None:
    """``w:pStyle`` by id: python-docx's style setter looks up the default style on every
    call, and its element setter searches every later sibling's name; a new paragraph
    simply gets its properties with the style first."""
    p = target._p
    if p.pPr is not None:
        p.style = style_id
        return
    ppr = oxml.element("w:pPr")
    ppr.append(oxml.element("w:pStyle", val=style_id))
    p.insert(0, ppr)


class StyleBook:
    """The document's styles, and the direct formatting a paragraph needs beyond them."""

    def __init__(
        self,
        document: Document,
        doc: LayoutDocument,
        paragraphs: Iterable[Paragraph],
        tables: Iterable[Table],
        body_size: float,
    ) -> None:
        self._document = document
        self._line_spacing = doc.line_spacing
        by_role: dict[str, list[Look]] = {}
        for paragraph in paragraphs:
            by_role.setdefault(paragraph.role, []).append(Look.of(paragraph))
        self._looks = {role: _typical(looks) for role, looks in by_role.items()}
        self.body_size = body_size
        self._install_defaults(doc.font, doc.metadata.language)
        self._style_ids = {
            role: self._add_paragraph_style(style_name(role), look)
            for role, look in self._looks.items()
        }
        paddings: dict[str, list[float]] = {}
        for table in tables:
            paddings.setdefault(table.role, []).append(table.cell_padding)
        self._paddings = {
            role: Counter(values).most_common(1)[0][0] for role, values in paddings.items()
        }
        self._table_style_ids = {
            role: self._add_table_style(style_name(role), padding)
            for role, padding in self._paddings.items()
        }

    def _install_defaults(self, face: str, language: str) -> None:
        styles = self._document.styles
        oxml.strip_theme_fonts(styles.element)
        defaults = styles.element.find(qn("w:docDefaults"))
        rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
        oxml.set_fonts(rpr, face)
        oxml.set_language(rpr, language)
        ppr = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr"))
        # two lines at least on either side of a page break, as in the PDF; without it Word
        # and LibreOffice leave single lines
        oxml.put(ppr, oxml.element("w:widowControl"), oxml.PPR_ORDER)
        spacing = ppr.find(qn("w:spacing"))
        for name, value in (("after", "0"), ("line", "240"), ("lineRule", "auto")):
            spacing.set(qn(f"w:{name}"), value)
        normal = self._normal = styles["Normal"]
        oxml.set_fonts(normal.element.get_or_add_rPr(), face)
        self._size(normal, self.body_size)
        set_line(normal.paragraph_format, self.body_size, self._line_spacing)
        settings = self._document.settings.element
        theme_language = settings.find(qn("w:themeFontLang"))
        if theme_language is not None:
            theme_language.set(qn("w:bidi"), language)

    @staticmethod
    def _size(style: ParagraphStyle, size: float) -> None:
        style.font.size = Pt(size)
        oxml.set_cs_size(style.element.get_or_add_rPr(), size)

    def _add_paragraph_style(self, name: str, look: Look) -> str:
        """Add the style; returns its id. Written as XML in one piece: python-docx's
        property setters search every later sibling's name on each call, most of a small
        document's time. The XML is what those setters make."""
        style_id = name.replace(" ", "")
        on = {True: "", False: ' w:val="0"'}
        indent = Cm(look.first_line_indent)
        first = (
            f'w:hanging="{Length(-indent).twips}"'
            if indent < 0
            else f'w:firstLine="{indent.twips}"'
        )
        xml = (
            f'<w:style {nsdecls("w")} w:type="paragraph" w:customStyle="1" w:styleId="{style_id}">'
            f'<w:name w:val="{name}"/><w:basedOn w:val="{self._normal.style_id}"/><w:qFormat/>'
            f"<w:pPr><w:keepNext{on[look.keep_with_next]}/><w:keepLines{on[look.keep_together]}/>"
            f'<w:spacing w:line="{Pt(look.size * self._line_spacing).twips}" w:lineRule="exact"'
            f' w:before="{Pt(look.space_before).twips}"/>'
            f'<w:ind w:left="{Cm(look.left_indent).twips}" w:right="{Cm(look.right_indent).twips}"'
            f' {first}/><w:jc w:val="{ALIGNMENT[look.align].xml_value}"/></w:pPr>'
            f"<w:rPr><w:b{on[look.bold]}/><w:bCs{on[look.bold]}/>"
            f'<w:sz w:val="{int(Pt(look.size).pt * 2)}"/><w:szCs w:val="{round(look.size * 2)}"/>'
            "</w:rPr></w:style>"
        )
        self._document.styles.element.append(parse_xml(xml))
        return style_id

    def _add_table_style(self, name: str, padding: float) -> str:
        """Add the style; returns its id."""
        style = self._new_style(name, WD_STYLE_TYPE.TABLE)
        style.base_style = self._document.styles[_TABLE_BASE]
        tbl_pr = oxml.child(style.element, "w:tblPr", oxml.STYLE_ORDER)
        twips = Cm(padding).twips
        oxml.cell_margins(tbl_pr, left=twips, right=twips)
        return str(style.style_id)

    def _new_style(self, name: str, kind: WD_STYLE_TYPE) -> Any:
        """A new custom style. Our names are new by construction, so this skips python-docx's
        ``add_style`` check against every existing name (most of a document's style time)."""
        return StyleFactory(self._document.styles.element.add_style_of_type(name, kind, False))

    def table_style_id(self, role: str) -> str:
        return self._table_style_ids[role]

    def table_padding(self, role: str) -> float:
        return self._paddings[role]

    def apply(self, target: DocxParagraph, paragraph: Paragraph) -> None:
        """Style ``target`` by the paragraph's role, with direct formatting where it differs,
        and add its runs."""
        style = self._looks[paragraph.role]
        _set_style(target, self._style_ids[paragraph.role])
        look = Look.of(paragraph)
        fmt = target.paragraph_format
        differs = {name for name in _LOOK_FIELDS if getattr(look, name) != getattr(style, name)}
        if "align" in differs:
            fmt.alignment = ALIGNMENT[look.align]
        if "size" in differs:
            set_line(fmt, look.size, self._line_spacing)
        if "left_indent" in differs:
            fmt.left_indent = Cm(look.left_indent)
        if "right_indent" in differs:
            fmt.right_indent = Cm(look.right_indent)
        if "first_line_indent" in differs:
            fmt.first_line_indent = Cm(look.first_line_indent)
        if "space_before" in differs:
            fmt.space_before = Pt(look.space_before)
        if "keep_with_next" in differs:
            fmt.keep_with_next = look.keep_with_next
        if "keep_together" in differs:
            fmt.keep_together = look.keep_together
        for tab in paragraph.tabs:
            fmt.tab_stops.add_tab_stop(
                Cm(tab.position), TAB_ALIGNMENT[tab.align], LEADER[tab.leader]
            )
        for run in paragraph.runs:
            element = oxml.run(run.text)
            target._p.append(element)
            added = DocxRun(element, target)
            if run.bold != style.bold:
                added.bold = run.bold
                oxml.set_cs_bold(added._r.get_or_add_rPr(), run.bold)
            size = paragraph.size if run.size is None else run.size
            if size != style.size:
                added.font.size = Pt(size)
                oxml.set_cs_size(added._r.get_or_add_rPr(), size)
            if run.color is not None:
                added.font.color.rgb = RGBColor.from_string(run.color)

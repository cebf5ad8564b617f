"""WordprocessingML that python-docx has no API for, at the element level.

Like python-docx's own ``oxml`` layer, these helpers know element names, attributes and the
schema's child order (ECMA-376 Part 1, §17) and nothing of the layout tree; the writer calls
them with lengths already converted to the units the format states.
"""

from __future__ import annotations

import re

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

#: Child order of the property elements edited here (only the part of each sequence we use
#: needs to be right, but the whole sequence keeps later additions safe).
RPR_ORDER = (
    "w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps",
    "w:strike", "w:dstrike", "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof",
    "w:snapToGrid", "w:vanish", "w:webHidden", "w:color", "w:spacing", "w:w", "w:kern",
    "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect", "w:bdr", "w:shd",
    "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
    "w:specVanish", "w:oMath",
)  # fmt: skip
PPR_ORDER = (
    "w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr",
    "w:widowControl", "w:numPr", "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs",
    "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct", "w:topLinePunct",
    "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
    "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap",
    "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl",
    "w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange",
)  # fmt: skip
TBLPR_ORDER = (
    "w:tblStyle", "w:tblpPr", "w:tblOverlap", "w:bidiVisual", "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblCellSpacing", "w:tblInd",
    "w:tblBorders", "w:shd", "w:tblLayout", "w:tblCellMar", "w:tblLook",
)  # fmt: skip
TCPR_ORDER = (
    "w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd",
    "w:noWrap", "w:tcMar", "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark",
)  # fmt: skip
SECTPR_ORDER = (
    "w:headerReference", "w:footerReference", "w:footnotePr", "w:endnotePr", "w:type",
    "w:pgSz", "w:pgMar", "w:paperSrc", "w:pgBorders", "w:lnNumType", "w:pgNumType",
    "w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg", "w:textDirection",
    "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings",
)  # fmt: skip
STYLE_ORDER = (
    "w:name", "w:aliases", "w:basedOn", "w:next", "w:link", "w:autoRedefine", "w:hidden",
    "w:uiPriority", "w:semiHidden", "w:unhideWhenUsed", "w:qFormat", "w:locked",
    "w:personal", "w:personalCompose", "w:personalReply", "w:rsid", "w:pPr", "w:rPr",
    "w:tblPr", "w:trPr", "w:tcPr", "w:tblStylePr",
)  # fmt: skip

_RUN_BREAKS = re.compile(r"([\t\r\n])")
_THEME_FONT_ATTRIBUTES = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")
_FONT_SLOTS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")


def element(tag: str, **attributes: str | int) -> BaseOxmlElement:
    """``<tag w:name="value" …/>``; every attribute is in the ``w`` namespace."""
    new: BaseOxmlElement = OxmlElement(tag)
    for name, value in attributes.items():
        new.set(qn(f"w:{name}"), str(value))
    return new


def put(parent: BaseOxmlElement, child: BaseOxmlElement, order: tuple[str, ...]) -> None:
    """Replace ``parent``'s child of the same name, or insert ``child`` where the schema
    puts it: Word rejects a file whose property elements are out of order."""
    old = parent.find(child.tag)
    if old is not None:
        parent.replace(old, child)
        return
    names = [qn(name) for name in order]
    later = set(names[names.index(child.tag) + 1 :])
    for existing in parent:
        if existing.tag in later:
            existing.addprevious(child)
            return
    parent.append(child)


def child(parent: BaseOxmlElement, tag: str, order: tuple[str, ...]) -> BaseOxmlElement:
    """``parent``'s child ``tag``, added in schema order when missing."""
    found = parent.find(qn(tag))
    if found is not None:
        return found  # type: ignore[no-any-return]
    new = element(tag)
    put(parent, new, order)
    return new


def strip_theme_fonts(root: BaseOxmlElement) -> None:
    """Remove theme font attributes: in Word a theme attribute wins over the named font."""
    for fonts in root.iter(qn("w:rFonts")):
        for name in _THEME_FONT_ATTRIBUTES:
            fonts.attrib.pop(qn(name), None)


def set_fonts(rpr: BaseOxmlElement, face: str) -> None:
    """Name ``face`` for every script slot; Thai text is set from the complex-script slot."""
    fonts = element("w:rFonts", **{slot[2:]: face for slot in _FONT_SLOTS})
    put(rpr, fonts, RPR_ORDER)


def set_cs_size(rpr: BaseOxmlElement, size: float) -> None:
    """``w:szCs``, the size of complex-script (Thai) text, in half-points."""
    put(rpr, element("w:szCs", val=round(size * 2)), RPR_ORDER)


def set_cs_bold(rpr: BaseOxmlElement, bold: bool) -> None:
    """``w:bCs``: bold for complex-script (Thai) text; ``w:b`` covers Latin only."""
    put(rpr, element("w:bCs") if bold else element("w:bCs", val=0), RPR_ORDER)


def set_language(rpr: BaseOxmlElement, language: str) -> None:
    """Language of Latin, East Asian and complex-script text; the bidi slot carries Thai."""
    put(rpr, element("w:lang", val=language, eastAsia=language, bidi=language), RPR_ORDER)


def set_top_border(ppr: BaseOxmlElement, *, dashed: bool, eighths: int) -> None:
    """A border above the paragraph's text, ``eighths`` of a point thick."""
    borders = element("w:pBdr")
    style = "dashed" if dashed else "single"
    borders.append(element("w:top", val=style, sz=eighths, space=0, color="auto"))
    put(ppr, borders, PPR_ORDER)


def run(text: str) -> BaseOxmlElement:
    """A ``w:r`` holding ``text`` as python-docx writes it (tabs as ``w:tab``, line ends as
    ``w:br``, the rest in ``w:t``, space-preserving where it starts or ends with a space),
    built without python-docx's character-by-character pass."""
    new: BaseOxmlElement = OxmlElement("w:r")
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            new.append(OxmlElement("w:tab"))
        elif piece in ("\r", "\n"):
            new.append(OxmlElement("w:br"))
        elif piece:
            t = OxmlElement("w:t")
            t.text = piece
            if len(piece.strip()) < len(piece):
                t.set(qn("xml:space"), "preserve")
            new.append(t)
    return new


def at_foot(ppr: BaseOxmlElement, *, width: int) -> None:
    """Put the paragraph in a frame at the foot of the text area, ``width`` twips wide;
    consecutive paragraphs with equal frames share one. The text above keeps clear of it."""
    frame = element(
        "w:framePr",
        w=width,
        wrap="notBeside",
        vAnchor="margin",
        hAnchor="margin",
        xAlign="left",
        yAlign="bottom",
    )
    put(ppr, frame, PPR_ORDER)


def set_box_border(ppr: BaseOxmlElement, *, eighths: int) -> None:
    """A single frame around the paragraph, ``eighths`` of a point thick."""
    borders = element("w:pBdr")
    for side in ("top", "left", "bottom", "right"):
        borders.append(element(f"w:{side}", val="single", sz=eighths, space=0, color="auto"))
    put(ppr, borders, PPR_ORDER)


def field(instruction: str) -> list[BaseOxmlElement]:
    """The runs of a complex field with no cached result: the application computes it."""
    runs = []
    for part in ("begin", "instr", "separate", "end"):
        run = OxmlElement("w:r")
        if part == "instr":
            text = element("w:instrText")
            text.set(qn("xml:space"), "preserve")
            text.text = f" {instruction} "
            run.append(text)
        else:
            run.append(element("w:fldChar", fldCharType=part))
        runs.append(run)
    return runs


def _position(axis: str, relative_from: str, *, align: str | None, offset: int) -> str:
    place = f"<wp:align>{align}</wp:align>" if align else f"<wp:posOffset>{offset}</wp:posOffset>"
    return f'<wp:position{axis} relativeFrom="{relative_from}">{place}</wp:position{axis}>'


def _anchor(*, h_align: str | None, v_offset: int, layer: int) -> BaseOxmlElement:
    """An empty ``wp:anchor`` placed against the margin horizontally and the page
    vertically, with no wrapping: it never pushes text, the paragraph holding it reserves
    the space."""
    xml = (
        f"<wp:anchor {nsdecls('wp')} distT='0' distB='0' distL='0' distR='0' simplePos='0'"
        f" relativeHeight='{layer}' behindDoc='0' locked='0' layoutInCell='1' allowOverlap='1'>"
        "<wp:simplePos x='0' y='0'/>"
        + _position("H", "margin", align=h_align, offset=0)
        + _position("V", "page", align=None, offset=v_offset)
        + "</wp:anchor>"
    )
    anchor: BaseOxmlElement = parse_xml(xml)
    return anchor


def _finish_anchor(anchor: BaseOxmlElement, extent: BaseOxmlElement) -> None:
    anchor.append(extent)
    anchor.append(parse_xml(f"<wp:effectExtent {nsdecls('wp')} l='0' t='0' r='0' b='0'/>"))
    anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))


def float_picture(inline: BaseOxmlElement, *, h_align: str, v_offset: int) -> None:
    """Turn python-docx's inline picture into one floating at ``v_offset`` EMU from the
    page's top edge, aligned ``h_align`` between the margins."""
    anchor = _anchor(h_align=h_align, v_offset=v_offset, layer=0)
    _finish_anchor(anchor, inline.find(qn("wp:extent")))
    for tag in ("wp:docPr", "wp:cNvGraphicFramePr", "a:graphic"):
        anchor.append(inline.find(qn(tag)))
    inline.getparent().replace(inline, anchor)


_WPS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"


def text_box(
    *, shape_id: int, width: int, height: int, v_offset: int, paragraphs: list[BaseOxmlElement]
) -> BaseOxmlElement:
    """A borderless text box (``w:drawing``) at the left margin, ``v_offset`` EMU from the
    page's top edge, ``width`` × ``height`` EMU, its paragraphs centred vertically in it."""
    anchor = _anchor(h_align=None, v_offset=v_offset, layer=1)
    _finish_anchor(anchor, parse_xml(f"<wp:extent {nsdecls('wp')} cx='{width}' cy='{height}'/>"))
    anchor.append(parse_xml(f"<wp:docPr {nsdecls('wp')} id='{shape_id}' name='Band {shape_id}'/>"))
    anchor.append(parse_xml(f"<wp:cNvGraphicFramePr {nsdecls('wp')}/>"))
    graphic = parse_xml(
        f"<a:graphic {nsdecls('a', 'w')} xmlns:wps='{_WPS}'>"
        f"<a:graphicData uri='{_WPS}'><wps:wsp><wps:cNvSpPr txBox='1'/>"
        f"<wps:spPr><a:xfrm><a:off x='0' y='0'/><a:ext cx='{width}' cy='{height}'/></a:xfrm>"
        "<a:prstGeom prst='rect'><a:avLst/></a:prstGeom><a:noFill/><a:ln><a:noFill/></a:ln>"
        "</wps:spPr><wps:txbx><w:txbxContent/></wps:txbx>"
        "<wps:bodyPr rot='0' vert='horz' wrap='square' lIns='0' tIns='0' rIns='0' bIns='0'"
        " anchor='ctr' anchorCtr='0'><a:noAutofit/></wps:bodyPr></wps:wsp>"
        "</a:graphicData></a:graphic>"
    )
    content = graphic.find(".//" + qn("w:txbxContent"))
    for paragraph in paragraphs:
        content.append(paragraph)
    anchor.append(graphic)
    drawing: BaseOxmlElement = OxmlElement("w:drawing")
    drawing.append(anchor)
    return drawing


def cell_margins(parent: BaseOxmlElement, *, left: int, right: int) -> BaseOxmlElement:
    """``w:tblCellMar`` with left and right margins in twips (top and bottom stay 0)."""
    margins = element("w:tblCellMar")
    margins.append(element("w:left", w=left, type="dxa"))
    margins.append(element("w:right", w=right, type="dxa"))
    put(parent, margins, TBLPR_ORDER)
    return margins

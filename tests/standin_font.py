"""A metric stand-in for TH SarabunPSK, built at test time from Laksaman.

TH SarabunPSK, the face the .docx names, may not be redistributed, and without it
LibreOffice sets the text in Laksaman, TLWG's release of the TH Sarabun New outlines drawn
about 1.5 times larger, so nothing about the .docx's pages can be judged. Laksaman is GPL
with the font exception, so it may be modified: its four faces with ``unitsPerEm`` raised by
that factor (outlines and metrics then shrink by it) and the family renamed "TH SarabunPSK"
give both LibreOffice and thaidocs' PDF writer the same face at TH Sarabun's size.

The factor is measured from the font files: the width of a passage of official Thai prose
in Laksaman over its width in Google Sarabun (the PDF's default face) at its 0.67 scale, so
the stand-in sets text as wide as the default PDF does. The files are built in a temporary
directory and installed into a private fontconfig configuration (``FONTCONFIG_FILE``) for
LibreOffice; they never enter the package or the repository.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path

from conftest import require_tool
from fontTools.ttLib import TTFont

FAMILY = "TH SarabunPSK"
#: the PDF's default face is Google Sarabun at this fraction of the official size
SARABUN_SCALE = 0.67
#: official Thai prose (from an announcement) whose width the factor matches
PROSE = (
    "ด้วยพระราชกฤษฎีกาว่าด้วยหลักเกณฑ์และวิธีการบริหารกิจการบ้านเมืองที่ดี พ.ศ. ๒๕๔๖ "
    "กำหนดให้ส่วนราชการบริหารราชการโดยยึดประโยชน์สุขของประชาชน เปิดเผยข้อมูลข่าวสาร "
    "และเปิดโอกาสให้ประชาชนมีส่วนร่วมในการปฏิบัติราชการ จึงประกาศแต่งตั้งคณะกรรมการ "
    "เพื่อดำเนินการจัดทำแผนส่งเสริมการมีส่วนร่วม ประจำปีงบประมาณ พ.ศ. ๒๕๖๔ ดังต่อไปนี้ "
    "ทั้งนี้ ตั้งแต่บัดนี้เป็นต้นไป ประกาศ ณ วันที่ ๒๕ กันยายน พ.ศ. ๒๕๖๓"
)
#: Laksaman's faces by their style name in fontconfig
STYLES = ("Regular", "Bold", "Italic", "Bold Italic")
#: tables whose numbers are in pixels at given sizes or are hinting programs: wrong once
#: the em changes, so dropped (the renderers then use the outlines unhinted)
_PIXEL_TABLES = ("hdmx", "VDMX", "LTSH", "fpgm", "prep", "cvt ", "gasp")


@dataclass(frozen=True)
class StandIn:
    """The built faces by style, the measured factor and the fontconfig file to use."""

    faces: dict[str, Path]
    factor: float
    fontconfig: Path

    @property
    def pdf_font(self) -> list[str]:
        """``options.pdf_font`` for the PDF writer: regular, then bold."""
        return [str(self.faces["Regular"]), str(self.faces["Bold"])]


def laksaman() -> dict[str, Path]:
    """Laksaman's installed faces (fonts-tlwg-laksaman-ttf), found through fontconfig."""
    listing = subprocess.run(
        [require_tool("fc-list"), "Laksaman", "file", "style"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    faces = {}
    for line in listing.splitlines():
        path, _, style = line.partition(": ")
        name = style.removeprefix(":style=").split(",")[0].strip()
        if path.endswith(".ttf") and name in STYLES:
            faces[name] = Path(path)
    missing = set(STYLES) - set(faces)
    assert not missing, (
        f"Laksaman faces missing {missing} (apt-get install fonts-tlwg-laksaman-ttf)"
    )
    return faces


def _width(font: TTFont, text: str) -> float:
    """Advance width of ``text`` in ems (marks have no advance in either face)."""
    cmap = font.getBestCmap()
    metrics = font["hmtx"]
    units = sum(metrics[cmap[ord(char)]][0] for char in text if ord(char) in cmap)
    return float(units / font["head"].unitsPerEm)


def factor(laksaman_regular: Path, sarabun_regular: Path) -> float:
    """How many times wider Laksaman sets :data:`PROSE` than Sarabun at its PDF scale."""
    wide = _width(TTFont(laksaman_regular), PROSE)
    return wide / (_width(TTFont(sarabun_regular), PROSE) * SARABUN_SCALE)


def _standin(source: Path, style: str, scale: float, target: Path) -> None:
    font = TTFont(source)
    font["head"].unitsPerEm = round(font["head"].unitsPerEm * scale)
    for tag in _PIXEL_TABLES:
        if tag in font:
            del font[tag]
    postscript = FAMILY.replace(" ", "") + (
        "" if style == "Regular" else "-" + style.replace(" ", "")
    )
    names = font["name"]
    for record in list(names.names):
        if record.nameID in (1, 2, 3, 4, 6, 16, 17, 21, 22):
            names.removeNames(nameID=record.nameID)
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    for name_id, value in (
        (1, FAMILY),
        (2, style),
        (3, f"thaidocs-test:{postscript}"),
        (4, full),
        (6, postscript),
    ):
        names.setName(value, name_id, 3, 1, 0x409)
        names.setName(value, name_id, 1, 0, 0)
    font.save(target)


def build(folder: Path, sarabun_regular: Path) -> StandIn:
    """The stand-in faces in ``folder/fonts`` and a fontconfig file that adds them to the
    system's fonts (so a face the .docx names and the stand-in lacks still shows up)."""
    sources = laksaman()
    scale = factor(sources["Regular"], sarabun_regular)
    fonts = folder / "fonts"
    fonts.mkdir(parents=True, exist_ok=True)
    faces = {}
    for style, source in sources.items():
        faces[style] = fonts / f"THSarabunPSK-{style.replace(' ', '')}.ttf"
        _standin(source, style, scale, faces[style])
    config = folder / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts}</dir>\n  <dir>/usr/share/fonts</dir>\n"
        f"  <cachedir>{folder / 'cache'}</cachedir>\n</fontconfig>\n",
        encoding="utf-8",
    )
    return StandIn(faces, scale, config)

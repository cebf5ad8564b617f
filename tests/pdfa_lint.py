"""A PDF/A-2/3 lint of the rules that apply to what thaidocs writes (ISO 19005-2/-3).

No full validator (veraPDF) is available offline; PDFBox Preflight checks part 1 only. This
lint checks the part-2/3 rules our files could break, each named by its clause:

- 6.1.2 header: ``%PDF-1.n`` (n ≤ 7) and a comment of four bytes ≥ 128 on the next line
- 6.1.3 trailer: an ``/ID``, no ``/Encrypt``
- 6.1.7 streams: ``stream`` followed by an EOL, an EOL before every ``endstream``
- 6.2.3 output intent: GTS_PDFA1 with an embedded ICC profile (N = 3, version 2 or 4)
- 6.2.8/6.2.10 images and transparency: no /Alternates, /OPI or /Interpolate true; only
  the standard blend modes; no transfer functions in graphics states
- 6.2.11 fonts: every font embedded, its widths those of the embedded program, and (u) a
  ToUnicode map
- 6.3 annotations: the Print flag, none of Hidden/Invisible/NoView, a normal appearance
- 6.5/6.6.1 actions: no JavaScript, no forbidden action types, no additional actions
- 6.6.2 metadata: an unfiltered XMP stream whose pdfaid part/conformance match, and whose
  properties agree with every Info entry that has one
- 6.8 (part 3) associated files: each with /F, /UF, /AFRelationship, a MIME /Subtype and
  /Params /ModDate; part 2: no embedded files
"""

from __future__ import annotations

import datetime as dt
import io
import re
import struct
import xml.etree.ElementTree as ET
from typing import Any

import pikepdf
from fontTools.ttLib import TTFont

NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
    "pdfuaid": "http://www.aiim.org/pdfua/ns/id/",
}
_FORBIDDEN_ACTIONS = {
    "/Launch", "/Sound", "/Movie", "/ResetForm", "/ImportData", "/JavaScript", "/Hide",
    "/SetOCGState", "/Rendition", "/Trans", "/GoTo3DView",
}  # fmt: skip
_BLEND_MODES = {
    "/Normal", "/Compatible", "/Multiply", "/Screen", "/Overlay", "/Darken", "/Lighten",
    "/ColorDodge", "/ColorBurn", "/HardLight", "/SoftLight", "/Difference", "/Exclusion",
    "/Hue", "/Saturation", "/Color", "/Luminosity",
}  # fmt: skip


def _true(value: object) -> bool:
    """A PDF boolean that is true (pikepdf reads one as Python's ``True``), not merely a
    value that Python counts as true."""
    return value is True


def lint(data: bytes, level: str) -> list[str]:
    """Every rule ``data`` breaks for PDF/A ``level`` ("3u", "2u"), as messages."""
    problems = _syntax(data)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        problems += _trailer(pdf)
        problems += _output_intent(pdf)
        problems += _metadata(pdf, level)
        problems += _objects(pdf)
        problems += _fonts(pdf)
        problems += _annotations(pdf)
        problems += _files(pdf, level)
    return problems


def _syntax(data: bytes) -> list[str]:
    problems = []
    if not re.match(rb"%PDF-1\.[0-7]\r?\n%[\x80-\xff]{4}", data):
        problems.append("6.1.2: header is not %PDF-1.n followed by a binary comment")
    for found in re.finditer(rb"endstream", data):
        if data[found.start() - 1 : found.start()] not in (b"\n", b"\r"):
            problems.append(f"6.1.7: no EOL before endstream at {found.start()}")
    for found in re.finditer(rb"[^d]stream(.{2})", data, re.S):
        if not found.group(1).startswith((b"\n", b"\r\n")):
            problems.append(f"6.1.7: no EOL after stream at {found.start()}")
    return problems


def _trailer(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    if "/ID" not in pdf.trailer:
        problems.append("6.1.3: trailer has no /ID")
    if pdf.is_encrypted or "/Encrypt" in pdf.trailer:
        problems.append("6.1.3: file is encrypted")
    return problems


def _output_intent(pdf: pikepdf.Pdf) -> list[str]:
    intents = [i for i in pdf.Root.get("/OutputIntents", []) if i.get("/S") == "/GTS_PDFA1"]
    if len(intents) != 1:
        return ["6.2.3: no single GTS_PDFA1 output intent"]
    profile = intents[0].get("/DestOutputProfile")
    if profile is None:
        return ["6.2.3: output intent without a DestOutputProfile"]
    icc = profile.read_bytes()
    problems = []
    if icc[36:40] != b"acsp" or icc[8] not in (2, 4):
        problems.append("6.2.3: DestOutputProfile is not an ICC v2/v4 profile")
    if int(profile.get("/N", 0)) != 3 or icc[16:20] != b"RGB ":
        problems.append("6.2.3: output profile is not an RGB profile with N 3")
    return problems


def _xmp_values(packet: bytes) -> dict[str, str]:
    root = ET.fromstring(packet)
    values: dict[str, str] = {}
    for description in root.iter(f"{{{NS['rdf']}}}Description"):
        for element in description:
            prefix = next((p for p, uri in NS.items() if element.tag.startswith(f"{{{uri}}}")), "")
            name = f"{prefix}:{element.tag.split('}')[1]}"
            items = element.findall(".//rdf:li", NS)
            values[name] = ", ".join(i.text or "" for i in items) if items else element.text or ""
    return values


def _pdf_date(text: str) -> dt.datetime:
    found = re.fullmatch(r"D:(\d{14})([+-])(\d\d)'(\d\d)'?", text)
    assert found, text
    sign = 1 if found.group(2) == "+" else -1
    offset = dt.timedelta(hours=int(found.group(3)), minutes=int(found.group(4))) * sign
    return dt.datetime.strptime(found.group(1), "%Y%m%d%H%M%S").replace(tzinfo=dt.timezone(offset))


def _metadata(pdf: pikepdf.Pdf, level: str) -> list[str]:
    stream = pdf.Root.get("/Metadata")
    if stream is None:
        return ["6.6.2: no XMP metadata stream"]
    problems = []
    if "/Filter" in stream:
        problems.append("6.6.2.1: metadata stream is filtered")
    values = _xmp_values(stream.read_bytes())
    if values.get("pdfaid:part") != level[0]:
        problems.append(f"6.6.4: pdfaid:part is {values.get('pdfaid:part')}, not {level[0]}")
    if values.get("pdfaid:conformance") != level[1:].upper():
        problems.append("6.6.4: pdfaid:conformance does not match the level")
    info = pdf.trailer.get("/Info", pikepdf.Dictionary())
    pairs = {
        "/Title": "dc:title",
        "/Author": "dc:creator",
        "/Subject": "dc:description",
        "/Keywords": "pdf:Keywords",
        "/Creator": "xmp:CreatorTool",
        "/Producer": "pdf:Producer",
    }
    for key, name in pairs.items():
        if key in info and str(info[key]) != values.get(name):
            problems.append(f"6.6.2.3: Info {key} {str(info[key])!r} ≠ XMP {name}")
    for key, name in {"/CreationDate": "xmp:CreateDate", "/ModDate": "xmp:ModifyDate"}.items():
        if key in info:
            xmp_value = values.get(name)
            if xmp_value is None or _pdf_date(str(info[key])) != dt.datetime.fromisoformat(
                xmp_value
            ):
                problems.append(f"6.6.2.3: Info {key} ≠ XMP {name}")
    if "/Trapped" in info and values.get("pdf:Trapped") != str(info["/Trapped"])[1:]:
        problems.append("6.6.2.3: Info /Trapped without pdf:Trapped")
    return problems


def _objects(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary | pikepdf.Stream):
            continue
        if "/JS" in obj or obj.get("/S") == "/JavaScript" or "/JavaScript" in obj:
            problems.append("6.6.1: JavaScript")
        if obj.get("/S") in _FORBIDDEN_ACTIONS:
            problems.append(f"6.6.1: forbidden action {obj.get('/S')}")
        if "/AA" in obj:
            problems.append("6.6.2: additional actions")
        if obj.get("/Subtype") == "/Image":
            if "/Alternates" in obj or "/OPI" in obj:
                problems.append("6.2.8: image with /Alternates or /OPI")
            if _true(obj.get("/Interpolate")):
                problems.append("6.2.8: image with /Interpolate true")
        if obj.get("/Type") == "/ExtGState":
            if "/TR" in obj or obj.get("/TR2", "/Default") != "/Default":
                problems.append("6.2.5: transfer function in a graphics state")
            if "/BM" in obj and str(obj["/BM"]) not in _BLEND_MODES:
                problems.append(f"6.2.10: blend mode {obj['/BM']}")
        if obj.get("/Subtype") == "/PS" or "/PS" in obj:
            problems.append("6.2.9: PostScript")
    return problems


def _font_program(descriptor: Any) -> bytes | None:
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return bytes(descriptor[key].read_bytes())
    return None


def _fonts(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    seen: set[tuple[int, int]] = set()
    for page in pdf.pages:
        for _, font in page.obj.Resources.get("/Font", {}).items():
            if font.objgen in seen:
                continue
            seen.add(font.objgen)
            name = str(font.get("/BaseFont"))
            if "/ToUnicode" not in font:
                problems.append(f"6.2.11.7: {name} has no ToUnicode map")
            if font.get("/Subtype") != "/Type0":
                problems.append(f"{name}: only Type0 fonts are expected")
                continue
            cid_font = font.DescendantFonts[0]
            program = _font_program(cid_font.FontDescriptor)
            if program is None:
                problems.append(f"6.2.11.4: {name} is not embedded")
                continue
            problems += _checksums(name, program)
            problems += _widths(name, cid_font, program)
    return problems


def _checksums(name: str, program: bytes) -> list[str]:
    """6.2.11.4: the program is a whole TrueType file: each table's checksum as its directory
    says (head's taken with its adjustment 0), and the file's words summing to 0xB1B0AFBA."""
    font = TTFont(io.BytesIO(program), checkChecksums=2)
    problems = []
    for tag in font.reader.tables:
        try:
            font.reader[tag]
        except AssertionError as error:
            problems.append(f"6.2.11.4: {name}: {error}")
    padded = program + b"\0" * (-len(program) % 4)
    if sum(struct.unpack(f">{len(padded) // 4}I", padded)) & 0xFFFFFFFF != 0xB1B0AFBA:
        problems.append(f"6.2.11.4: {name}: the file's checksum adjustment is wrong")
    return problems


def _widths(name: str, cid_font: Any, program: bytes) -> list[str]:
    """6.2.11.5: the W array agrees with the program's advances (1 unit of 1000 spared)."""
    font = TTFont(io.BytesIO(program))
    metrics = font["hmtx"].metrics
    order = font.getGlyphOrder()
    scale = 1000 / font["head"].unitsPerEm
    gid_map = cid_font.CIDToGIDMap.read_bytes()
    w = list(cid_font.W)
    problems = []
    k = 0
    while k < len(w):
        first = int(w[k])
        for i, width in enumerate(w[k + 1]):
            cid = first + i
            gid = int.from_bytes(gid_map[2 * cid : 2 * cid + 2], "big")
            advance = metrics[order[gid]][0] * scale
            if abs(float(width) - advance) > 1:
                problems.append(f"6.2.11.5: {name} CID {cid} width {width} ≠ {advance}")
        k += 2
    return problems


def _annotations(pdf: pikepdf.Pdf) -> list[str]:
    problems = []
    for number, page in enumerate(pdf.pages, start=1):
        for annot in page.obj.get("/Annots", []):
            flags = int(annot.get("/F", 0))
            if not flags & 4 or flags & (1 | 2 | 32):
                problems.append(f"6.3.2: annotation on page {number}: flags {flags}")
            subtype = annot.get("/Subtype")
            if subtype not in ("/Popup", "/Link") and "/N" not in annot.get("/AP", {}):
                problems.append(f"6.3.3: annotation on page {number} has no appearance")
    if _true(pdf.Root.get("/AcroForm", pikepdf.Dictionary()).get("/NeedAppearances")):
        problems.append("6.4.1: NeedAppearances true")
    return problems


def _files(pdf: pikepdf.Pdf, level: str) -> list[str]:
    attached = list(pdf.attachments.values())
    if level.startswith("2"):
        return ["6.8: embedded file in PDF/A-2"] if attached else []
    problems = []
    associated = {spec.objgen for spec in pdf.Root.get("/AF", [])}
    for spec in attached:
        obj = spec.obj
        if obj.objgen not in associated:
            problems.append("6.8: embedded file not in the catalog's /AF")
        for key in ("/F", "/UF", "/AFRelationship"):
            if key not in obj:
                problems.append(f"6.8: file specification without {key}")
        stream = obj.EF.F
        if "/Subtype" not in stream:
            problems.append("6.8: embedded file without a MIME type")
        if "/ModDate" not in stream.get("/Params", {}):
            problems.append("6.8: embedded file without /Params /ModDate")
    return problems

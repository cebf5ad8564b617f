"""Writing shaped text into the PDF so that it looks right and extracts exactly.

Each face is embedded once per document as a Type0 font. A glyph drawing its own text
(its cmap character, or what its name says: "uni0E48.small" is U+0E48) has its glyph id as
character id; any other (glyph, source characters) pair, such as a ligature standing for
one of its marks, gets an id of its own. So the ToUnicode map gives every drawn glyph the
characters it stands for, in drawing order, spelling the source exactly (a split sara am
is the nikhahit for U+0E33 and the sara aa for nothing), and most shaped words encode the
same in every document (cached once per process). Each drawn run also carries its source
string as /ActualText, which extractors that honour it (poppler's pdftotext) use verbatim.
Justification and tabs move glyphs without adding a space any extractor could read: small
gaps by TJ offsets, wide ones filled with invisible glyphs that stand for nothing (or for
the tab); zero-width marks get a box (see ``sfnt``) so that layout-reading extractors keep
them on their line.

The font program is a harfbuzz subset of the glyphs used, with their original glyph ids.
"""

from __future__ import annotations

import hashlib
import math
import struct
import sys
import weakref
from collections.abc import Callable, Iterable, Mapping, Sequence
from itertools import chain, islice
from pathlib import Path
from typing import Any, NamedTuple, Protocol

import uharfbuzz as hb
from msgspec import Struct
from reportlab.pdfbase import pdfdoc
from reportlab.pdfgen.canvas import Canvas

from thaidocs.caching import bounded_cache
from thaidocs.pdf import objects
from thaidocs.pdf.deflate import Deflated, DeflatedStream, deflating
from thaidocs.pdf.fonts import FontData, FontFace, font_data
from thaidocs.pdf.sfnt import widen_marks
from thaidocs.pdf.text.line import GlyphRun, Line
from thaidocs.pdf.text.shaping import Shaped, native, shape
from thaidocs.thai.segment import ZWSP

#: tables a PDF viewer needs from an embedded TrueType program; the rest is dropped
_KEEP_TABLES = ("glyf", "loca", "head", "hhea", "hmtx", "maxp", "cvt ", "fpgm", "prep", "OS/2")


#: where a shaped piece's content holds the character id a document gives one of its pairs
_SLOT = "{}"

#: the widest gap (thousandths of an em) left between glyph boxes: pdfminer.six reads more
#: than a tenth of an em as a space
_LOOSE = 80

#: a glyph and characters it stands for that are not its own text (a ligature standing for
#: one of its marks, an invisible filler standing for a tab): a document gives each pair a
#: character id of its own, numbered in order of first use
Pair = tuple[int, str]


class _Template(Struct, frozen=True, gc=False):
    """A shaped piece as TJ content, the same in every document.

    A glyph that draws its own natural text has character id = glyph id. Any other
    (glyph, characters) pair gets a character id of the document, filled into a slot.
    """

    fragments: tuple[str, ...]
    natural: frozenset[int]
    others: tuple[Pair, ...]


def _template_bytes(template: _Template) -> int:
    """About the bytes of a _Template: its TJ strings, the glyph set and the other pairs."""
    text = sum(map(sys.getsizeof, template.fragments))
    return 300 + text + 40 * len(template.natural) + 120 * len(template.others)


@bounded_cache(share=0.1, sizeof=_template_bytes)
def _template(face: FontFace, text: str) -> _Template:
    """The template of ``text`` in ``face``."""
    shaped = shape(face, text)
    data = font_data(face.path)
    return _Template(
        *(tj_template if native is None else native.template)(
            shaped.glyphs,
            shaped.advances,
            shaped.x_offsets,
            shaped.y_offsets,
            shaped.gaps,
            _exact_pieces(shaped),
            data.natural,
            data.advances,
            data.units,
        )
    )


def tj_template(
    glyphs: Sequence[int],
    advances: Sequence[int],
    x_offsets: Sequence[int],
    y_offsets: Sequence[int],
    gaps: Iterable[int],
    pieces: tuple[str, ...],
    own: Mapping[int, str],
    embedded: Sequence[int],
    units: int,
) -> tuple[tuple[str, ...], frozenset[int], tuple[Pair, ...]]:
    """A shaped piece's TJ content between justification ``gaps``, the glyphs drawing their
    own text (``own``: a glyph's natural text; ``embedded``: each glyph's advance as embedded)
    and the other (glyph, characters) pairs. The C twin (``_speedups.template``) makes the
    same, where it is built."""
    factor = 1000 / units
    starts = set(gaps)
    fragments: list[str] = []
    parts: list[str] = []
    hexes: list[str] = []
    natural: set[int] = set()
    others: list[Pair] = []
    carry = 0
    for i, glyph in enumerate(glyphs):
        if i in starts:
            _number(parts, hexes, carry, factor)
            _flush(parts, hexes)
            carry = 0
            fragments.append("".join(parts))
            parts = []
        dx = x_offsets[i]
        dy = y_offsets[i]
        _number(parts, hexes, carry + dx, factor)
        piece = pieces[i]
        if own.get(glyph) == piece:
            natural.add(glyph)
            code = f"{glyph:04X}"
        else:
            others.append((glyph, piece))
            code = _SLOT
        if dy:
            _flush(parts, hexes)
            parts.append(f"]TJ {_fmt(dy / units)} Ts[<{code}>]TJ 0 Ts[")
        else:
            hexes.append(code)
        carry = advances[i] - dx - embedded[glyph]
    _number(parts, hexes, carry, factor)
    _flush(parts, hexes)
    fragments.append("".join(parts))
    return tuple(fragments), frozenset(natural), tuple(others)


def _spacing(
    data: FontData, width: float, text: str = ""
) -> tuple[str, tuple[Pair, ...], tuple[Pair, ...]]:
    """TJ content moving the pen ``width`` thousandths of an em right, standing for ``text``,
    with a slot for each filler's character id; the pairs a document numbers for it, in
    order (the filler standing for nothing always, even where one filler is enough); and the
    pair of each slot.

    Extractors that find words by the gaps between glyph boxes (pdfminer.six, pypdf) read a
    gap wider than about a tenth of an em as a space. So a wider gap, made by justification
    or a tab, is filled with invisible space glyphs that stand for nothing (or for the tab)
    and the pen moves only the small rest by number.
    """
    count, number = _fillers(data, width, text)
    if not count:
        return _gap("", number), (), ()
    numbered = ((data.space, text), (data.space, ""))
    slots = numbered[:1] + numbered[1:] * (count - 1)
    return _gap(_SLOT * count, number), numbered, slots


def _fillers(data: FontData, width: float, text: str) -> tuple[int, str]:
    """How many fillers a gap ``width`` thousandths of an em wide takes (see ``_spacing``),
    and the number that moves the pen the rest of the way ("" for none)."""
    count = 0
    if (width > _LOOSE or text) and data.space:
        filler_width = data.advances[data.space] * (1000 / data.units)
        count = max(math.ceil((width - _LOOSE) / filler_width), 1)
        width -= count * filler_width
    return count, _fmt(-width) if abs(width) > 0.0005 else ""


def _gap(fillers: str, number: str) -> str:
    """A gap's TJ content: its fillers (glyph codes in hex, or slots for them), then the
    number that moves the pen the rest of the way."""
    if not fillers:
        return f" {number} "
    return f" <{fillers}>{' ' if number else ''}{number} "


class RunContent(Struct, frozen=True, gc=False):
    """A glyph run as drawn, the same in every document: its TJ content with a slot for the
    character id of each pair, which each document numbers in order of first use. Out of the
    cycle collector's reach: it holds only strings, numbers and tuples of them."""

    #: glyphs drawing their own text (character id = glyph id), each once: a tuple holds them
    #: in a fifth of a set's bytes, and is only ever added to the document's set
    natural: tuple[int, ...]
    #: the pairs in the order a document first meets them: the justification gaps' own first
    pairs: tuple[Pair, ...]
    #: the TJ array's content
    body: str
    #: the pair of each slot of ``body``, in order
    slots: tuple[Pair, ...]
    #: the pieces of ``body`` between justification gaps
    fragments: int
    #: the run's text in UTF-16BE hex, for its /ActualText
    actual: str
    size: str
    color: str


def _run_content(
    run: GlyphRun, data: FontData, known: Mapping[str, _Template], piece: Callable[[str], _Template]
) -> RunContent:
    """``run``'s content in its face (``data``), from the template of each of its shaped
    pieces: ``known`` in this document, else ``piece``'s."""
    joint, numbered, joint_slots = _spacing(data, run.gap * (1000 / run.size))
    parts = (run_parts if native is None else native.run_parts)(
        run.pieces, known, piece, joint, numbered, joint_slots
    )
    return RunContent(
        *parts, run.text.encode("utf-16-be").hex().upper(), _fmt(run.size), _color(run.color)
    )


def run_parts(
    pieces: tuple[Shaped, ...],
    known: Mapping[str, _Template],
    piece: Callable[[str], _Template],
    joint: str,
    numbered: tuple[Pair, ...],
    joint_slots: tuple[Pair, ...],
) -> tuple[tuple[int, ...], tuple[Pair, ...], str, tuple[Pair, ...], int]:
    """A run's content before its text, size and colour (see ``RunContent``): its shaped
    ``pieces``' templates (``known``, else ``piece``'s) joined by ``joint``, the gaps' TJ
    content, whose ``numbered`` pairs come first and whose slots are ``joint_slots``. The
    C twin (``_speedups.run_parts``) gives the same, where it is built."""
    templates = [known.get(shaped.text) or piece(shaped.text) for shaped in pieces]
    fragments = list(chain.from_iterable([template.fragments for template in templates]))
    others = tuple(chain.from_iterable([template.others for template in templates]))
    slots = others
    if joint_slots and len(fragments) > 1:  # wide gaps: fillers between the fragments
        pairs = iter(others)
        interleaved = list(islice(pairs, fragments[0].count(_SLOT)))
        for fragment in fragments[1:]:
            interleaved += joint_slots
            interleaved += islice(pairs, fragment.count(_SLOT))
        slots = tuple(interleaved)
    natural = dict.fromkeys(chain.from_iterable([template.natural for template in templates]))
    return tuple(natural), numbered + others, joint.join(fragments), slots, len(fragments)


class EmbeddedFont:
    """One face in one document: the glyphs it uses, and its PDF objects at save time."""

    def __init__(self, face: FontFace, resource: str) -> None:
        self.face = face
        self.resource = resource
        self._data: FontData = font_data(face.path)
        self._factor = 1000 / self._data.units
        self._natural: set[int] = set()
        #: (glyph, characters) -> character id, numbered after the glyph ids in order of use
        self._others: dict[Pair, int] = {}
        #: the template of each piece drawn so far: a document repeats its words
        self._pieces: dict[str, _Template] = {}

    def content(self, run: GlyphRun) -> RunContent:
        """``run``'s content: made at its first draw in any document, then kept with the run
        (in a batch, the layouts and placed lines the documents share keep their runs)."""
        content = run.content
        if content is None:
            content = _run_content(run, self._data, self._pieces, self._piece)
            object.__setattr__(run, "content", content)  # a cache, no part of the run's value
        return content

    def _piece(self, text: str) -> _Template:
        """The template of a piece this document has not drawn before."""
        template = self._pieces[text] = _template(self.face, text)
        return template

    def fill(self, content: RunContent) -> str:
        """The TJ array content of a run drawn in this document."""
        self._natural.update(content.natural)
        return self._filled(content.body, content.pairs, content.slots)

    def space(self, width: float, text: str = "") -> str:
        """TJ content moving the pen ``width`` thousandths of an em right, standing for
        ``text``: what ``_spacing`` gives, filled in without a template (a document draws
        such a gap between most runs)."""
        count, number = _fillers(self._data, width, text)
        if not count:
            return _gap("", number)
        filler = self._data.space
        first = self._code((filler, text))
        other = self._code((filler, ""))  # numbered even if unused, as ``_spacing`` says
        return _gap(f"{first:04X}" + f"{other:04X}" * (count - 1), number)

    def _filled(self, body: str, numbered: tuple[Pair, ...], slots: tuple[Pair, ...]) -> str:
        """``body`` with this document's character id in each slot, the ``numbered`` pairs
        given theirs first, in that order."""
        if not numbered:
            return body
        for pair in numbered:
            self._code(pair)
        return body.format(*[f"{self._code(pair):04X}" for pair in slots])

    def _code(self, key: tuple[int, str]) -> int:
        code = self._others.get(key)
        if code is None:
            code = self._others[key] = self._data.glyph_count + len(self._others)
        return code

    def addObjects(self, doc: Any) -> None:
        """Write the subset program, the CID font and its maps (called by ReportLab on save).

        The dictionaries are written as ready bytes (see ``objects``); the objects are
        numbered in this order: the program, the descriptor, the glyph map, the CID font,
        the ToUnicode map, the font."""
        data = self._data
        maps = _cid_maps(self.face.path, tuple(sorted(self._natural)), tuple(self._others.items()))
        subset = _subset(self.face.path, maps.glyphs)
        program = _stream(doc, subset.program, subset.deflated)
        program.dictionary["Length1"] = len(subset.program)
        descriptor, cid_font, font = objects.RawObject(), objects.RawObject(), objects.RawObject()
        program_reference = objects.reference(doc, program)
        descriptor_reference = objects.reference(doc, descriptor)
        gid_map_reference = objects.reference(doc, _stream(doc, *maps.gid_map))
        cid_font_reference = objects.reference(doc, cid_font)
        to_unicode_reference = objects.reference(doc, _stream(doc, *maps.to_unicode))
        base = objects.name(maps.base)
        scaled = [objects.number(round(v * self._factor)) for v in data.bbox]
        descriptor.data = objects.dictionary(
            {
                "Type": b"/FontDescriptor",
                "FontName": base,
                "Flags": b"4",
                "FontBBox": objects.array(scaled),
                "ItalicAngle": objects.number(data.italic_angle),
                "Ascent": objects.number(round(data.ascender * self._factor)),
                "Descent": objects.number(round(data.descender * self._factor)),
                "CapHeight": objects.number(round(data.cap_height * self._factor)),
                "StemV": b"80",
                "FontFile2": program_reference,
            }
        )
        system = {"Registry": b"(Adobe)", "Ordering": b"(Identity)", "Supplement": b"0"}
        cid_font.data = objects.dictionary(
            {
                "Type": b"/Font",
                "Subtype": b"/CIDFontType2",
                "BaseFont": base,
                "CIDSystemInfo": objects.dictionary(system),
                "FontDescriptor": descriptor_reference,
                "DW": b"0",
                "W": maps.widths,
                "CIDToGIDMap": gid_map_reference,
            }
        )
        font.data = objects.dictionary(
            {
                "Type": b"/Font",
                "Subtype": b"/Type0",
                "BaseFont": base,
                "Encoding": b"/Identity-H",
                "DescendantFonts": objects.array([cid_font_reference]),
                "ToUnicode": to_unicode_reference,
            }
        )
        doc.idToObject["BasicFonts"].dict[self.resource] = doc.Reference(font, self.resource)


class _CidMaps(NamedTuple):
    """A face's CID font as far as the glyphs a document draws, and the characters each
    stands for, decide it: the same in every document that draws them, as a batch mostly
    does. Each map is kept with its compressed form, as ReportLab would compress it."""

    #: the subset's name: a tag from its glyphs, then the face's PostScript name
    base: str
    #: every glyph drawn, by id
    glyphs: tuple[int, ...]
    #: the W array
    widths: bytes
    gid_map: tuple[bytes, Deflated]
    to_unicode: tuple[bytes, Deflated]


def _cid_maps_bytes(maps: _CidMaps) -> int:
    """About the bytes of a _CidMaps and its key: the glyph ids twice, the maps twice over."""
    maps_bytes = len(maps.widths) + 2 * (len(maps.gid_map[0]) + len(maps.to_unicode[0]))
    return 600 + 80 * len(maps.glyphs) + maps_bytes


@bounded_cache(share=0.02, sizeof=_cid_maps_bytes)
def _cid_maps(
    path: Path, natural: tuple[int, ...], others: tuple[tuple[Pair, int], ...]
) -> _CidMaps:
    """The maps of the face at ``path`` for the ``natural`` glyphs (by id) and the ``others``
    pairs (with their character ids, in order of first use)."""
    data = font_data(path)
    factor = 1000 / data.units
    glyphs = sorted({*natural, *(glyph for (glyph, _), _ in others)})
    digest = hashlib.sha1(
        f"{data.postscript_name}{glyphs}".encode(), usedforsecurity=False
    ).digest()
    tag = "".join(chr(65 + b % 26) for b in digest[:6])
    # (character id, glyph id) of every glyph drawn, by character id
    codes = [(glyph, glyph) for glyph in natural] + [(code, glyph) for (glyph, _), code in others]
    advances = [(code, round(data.advances[glyph] * factor)) for code, glyph in codes]
    gids = [*range(data.glyph_count), *(glyph for (glyph, _), _ in others)]
    gid_map = struct.pack(f">{len(gids)}H", *gids)
    mapped = [(glyph, data.natural[glyph]) for glyph in natural]
    mapped += [(code, text) for (_, text), code in others]
    to_unicode = _to_unicode(mapped).encode("ascii")
    return _CidMaps(
        f"{tag}+{data.postscript_name}",
        tuple(glyphs),
        _widths(advances),
        (gid_map, deflating(gid_map)),
        (to_unicode, deflating(to_unicode)),
    )


def _to_unicode(mapped: list[tuple[int, str]]) -> str:
    """The ToUnicode CMap of (character id, characters) pairs."""
    lines = [
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        "/CMapName /Adobe-Identity-UCS def /CMapType 2 def",
        "1 begincodespacerange <0000> <FFFF> endcodespacerange",
    ]
    for start in range(0, len(mapped), 100):
        block = mapped[start : start + 100]
        lines.append(f"{len(block)} beginbfchar")
        lines.extend(
            f"<{cid:04X}> <{text.encode('utf-16-be').hex().upper()}>" for cid, text in block
        )
        lines.append("endbfchar")
    lines.append("endcmap CMapName currentdict /CMap defineresource pop end end")
    return "\n".join(lines)


def _widths(advances: list[tuple[int, int]]) -> bytes:
    """The CID font's W array, consecutive codes in one run (``c [w1 w2 …]``), written out
    here: ReportLab would format each number through its PDFDoc codec."""
    runs: list[tuple[int, list[int]]] = []
    for code, advance in sorted(advances):
        if runs and runs[-1][0] + len(runs[-1][1]) == code:
            runs[-1][1].append(advance)
        else:
            runs.append((code, [advance]))
    body = " ".join(f"{start} [{' '.join(map(str, widths))}]" for start, widths in runs)
    return f"[{body}]".encode("ascii")


class _Subset(NamedTuple):
    """A font program of the glyphs a document draws, and the same compressed."""

    program: bytes
    deflated: Deflated


@bounded_cache(share=0.05, sizeof=lambda subset: 3 * len(subset.program) // 2)
def _subset(path: Path, glyphs: tuple[int, ...]) -> _Subset:
    """The font program of ``glyphs``: a batch of documents mostly draws the same glyphs, so
    each program is made, and compressed as ReportLab compresses a stream, once (about half
    its size: its bytes count once and a half)."""
    data = font_data(path)
    subset_input = hb.SubsetInput()
    for glyph in [0, *glyphs]:
        subset_input.glyph_set.add(glyph)
    subset_input.flags = hb.SubsetFlags.RETAIN_GIDS
    drop = subset_input.drop_table_tag_set
    for tag in data.hb_face.table_tags:
        if tag not in _KEEP_TABLES:
            drop.add(int.from_bytes(tag.encode("latin-1"), "big"))
    face = hb.subset(data.hb_face, subset_input)
    program = widen_marks(bytes(face.blob.data), data.units)
    return _Subset(program, deflating(program))


def _stream(doc: Any, content: bytes, deflated: Deflated) -> Any:
    """A stream of ``content``, or of the same ``deflated`` if the document compresses."""
    return DeflatedStream(deflated) if doc.compression else pdfdoc.PDFStream(content=content)


def _fmt(value: float) -> str:
    text = f"{value:.3f}".rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def _flush(parts: list[str], hexes: list[str]) -> None:
    if hexes:
        parts.append("<" + "".join(hexes) + ">")
        hexes.clear()


def _number(parts: list[str], hexes: list[str], shift: int, factor: float) -> None:
    """A TJ adjustment moving the pen ``shift`` font units right."""
    if shift:
        _flush(parts, hexes)
        parts.append(_fmt(-shift * factor))


class Marker(Protocol):
    """Marks drawn text for the structure tree (see ``thaidocs.pdf.structure``)."""

    def runs(self, canvas: Canvas, line: Line) -> list[str] | None:
        """Entries for each run's /Span property list, or None for an artifact line."""


_markers: weakref.WeakKeyDictionary[Any, Marker] = weakref.WeakKeyDictionary()


def mark_with(canvas: Canvas, marker: Marker) -> None:
    """Mark the text drawn on ``canvas`` with ``marker``."""
    _markers[canvas._doc] = marker


_documents: weakref.WeakKeyDictionary[Any, dict[FontFace, EmbeddedFont]] = (
    weakref.WeakKeyDictionary()
)


def _embedded(doc: Any) -> dict[FontFace, EmbeddedFont]:
    """The faces embedded in ``doc`` so far, in order of first use."""
    fonts = _documents.get(doc)
    if fonts is None:
        fonts = _documents[doc] = {}
    return fonts


def _embed(doc: Any, fonts: dict[FontFace, EmbeddedFont], face: FontFace) -> EmbeddedFont:
    font = fonts[face] = EmbeddedFont(face, f"TD{len(fonts)}")
    doc.delayedFonts.append(font)
    return font


def draw(canvas: Canvas, line: Line, x: float, y: float) -> None:
    """Draw ``line`` with its box's top-left at (x, y)."""
    baseline = y - line.baseline
    ops: list[str] = []
    doc = canvas._doc
    marker = _markers.get(doc)
    marks = marker.runs(canvas, line) if marker is not None else None
    artifact = marker is not None and marks is None and bool(line.runs)
    if artifact:
        ops.append("/Artifact BMC")
    if line.runs:
        ops.append("q BT")
        source = line.text.replace(ZWSP, "")
        position = 0
        end: float | None = None  # where the previous run's pen stopped
        base = _fmt(baseline)
        fonts = _embedded(doc)
        for k, run in enumerate(line.runs):
            font = fonts.get(run.face) or _embed(doc, fonts, run.face)
            content = font.content(run)
            found = source.find(run.text, position)
            skipped = source[position:found] if found >= 0 else ""
            position = found + len(run.text) if found >= 0 else position
            body = font.fill(content)
            start = x + run.x
            actual = content.actual
            if end is not None and start - end > 0:
                tab = "\t" if "\t" in skipped else ""
                body = font.space((start - end) * (1000 / run.size), tab) + body
                actual = ("0009" if tab else "") + actual
                start = end
            ops.append(
                f"{content.color} /Span<</ActualText<FEFF{actual}>{marks[k] if marks else ''}>>BDC"
                f" /{font.resource} 1 Tf"
                f" {content.size} 0 0 {content.size} {_fmt(start)} {base} Tm[{body}]TJ EMC"
            )
            end = x + run.x + run.advance + run.gap * (content.fragments - 1)
        ops.append("ET Q")
    if artifact:
        ops.append("EMC")
    for leader in line.leaders:
        pitch = leader.size * 0.3
        ops.append(
            f"/Artifact BMC q {_color(leader.color).replace('rg', 'RG').replace(' g', ' G')} 1 J"
            f" {_fmt(leader.size * 0.09)} w [0 {_fmt(pitch)}] 0 d"
            f" {_fmt(x + leader.x0 + pitch / 2)} {_fmt(baseline + leader.size * 0.05)} m"
            f" {_fmt(x + leader.x1 - pitch / 2)} {_fmt(baseline + leader.size * 0.05)} l S Q EMC"
        )
    if ops:
        canvas._code.append(" ".join(ops))


def _color(color: str | None) -> str:
    if color is None:
        return "0 g"
    red, green, blue = (int(color[i : i + 2], 16) / 255 for i in (0, 2, 4))
    return f"{_fmt(red)} {_fmt(green)} {_fmt(blue)} rg"


def _exact_pieces(shaped: Shaped) -> tuple[str, ...]:
    """Each glyph's characters such that, in drawing order, they spell the source exactly.

    Where the font draws sara am as nikhahit + sara aa, the shaper's pieces spell it
    decomposed (U+0E4D U+0E32); here the nikhahit stands for the whole U+0E33 and the sara aa
    for nothing, so extractors that read only the ToUnicode map need no normalisation.
    """
    source = shaped.text
    if "\u0e33" not in source:
        return shaped.pieces  # nothing to respell (most words)
    position = 0
    owed = 0  # sara aa glyphs still to come whose sara am was already spelled
    exact: list[str] = []
    for piece in shaped.pieces:
        chars: list[str] = []
        for char in piece:
            if char == "\u0e4d" and source[position] == "\u0e33":
                chars.append("\u0e33")
                owed += 1
            elif char == "\u0e32" and owed:
                owed -= 1
                continue
            else:
                chars.append(char)
            position += 1
        exact.append("".join(chars))
    return tuple(exact)

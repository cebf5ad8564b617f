"""TrueType table surgery on an embedded font program: wider boxes for zero-width glyphs.

Extractors that group glyphs into lines by their boxes (pdfminer.six, pdfplumber) start a
new line between two glyphs that both have no width, as Thai stacked marks do (พื้). So the
embedded program gives every glyph without an advance a nominal one, the PDF widths say the
same (PDF/A wants them consistent), and the content stream moves the pen back after each
such glyph: what is drawn does not change.
"""

from __future__ import annotations

import struct
import sys
from array import array


def mark_advance(units: int) -> int:
    """The advance written for a glyph that has none, in font units: half an em, wide enough
    to reach the next base letter from any mark position."""
    return units // 2


def widen_marks(program: bytes, units: int) -> bytes:
    """``program`` with every zero advance set to ``mark_advance(units)``.

    ``program`` is what harfbuzz's subsetter wrote, whose table directory holds each table's
    checksum (head's as if its adjustment were 0): the tables left as they are keep theirs.
    """
    tables, checksums = _tables(program)
    if not {"hhea", "hmtx", "maxp"} <= tables.keys():
        return program
    glyph_count = struct.unpack(">H", tables["maxp"][4:6])[0]
    hhea = tables["hhea"]
    long_count = struct.unpack(">H", hhea[34:36])[0]
    hmtx = tables["hmtx"]
    # (advance, bearing) pairs, then the bearings of the glyphs that share the last advance:
    # big-endian 16-bit words, read whole (a bearing's sign does not matter to copy it)
    pairs = _swapped(array("H", hmtx[: 4 * long_count]))
    bearings = _swapped(array("H", hmtx[4 * long_count :][: 2 * (glyph_count - long_count)]))
    advances = pairs[0::2]
    advances.extend([advances[-1] if advances else 0] * len(bearings))
    wide = mark_advance(units)
    metrics = array("H", bytes(4 * len(advances)))
    metrics[0::2] = array("H", [advance or wide for advance in advances])
    metrics[1::2] = pairs[1::2] + bearings
    widest = max(metrics[0::2])
    tables["hmtx"] = _swapped(metrics).tobytes()
    tables["hhea"] = (
        hhea[:10]
        + struct.pack(">H", widest)
        + hhea[12:34]
        + struct.pack(">H", len(advances))
        + hhea[36:]
    )
    del checksums["hmtx"], checksums["hhea"]
    return _build(program[:4], tables, checksums)


def _swapped(words: array[int]) -> array[int]:
    """``words`` turned between big-endian (the font's order) and this machine's, in place."""
    if sys.byteorder == "little":
        words.byteswap()
    return words


def _tables(program: bytes) -> tuple[dict[str, bytes], dict[str, int]]:
    """Each table of ``program`` by its tag, and its checksum as the directory gives it."""
    count = struct.unpack(">H", program[4:6])[0]
    tables: dict[str, bytes] = {}
    checksums: dict[str, int] = {}
    for k in range(count):
        tag, checksum, offset, length = struct.unpack(">4sIII", program[12 + 16 * k : 28 + 16 * k])
        name = tag.decode("latin-1")
        tables[name] = program[offset : offset + length]
        checksums[name] = checksum
    return tables, checksums


def _checksum(data: bytes) -> int:
    padded = data + b"\0" * (-len(data) % 4)
    return int(sum(struct.unpack(f">{len(padded) // 4}I", padded))) & 0xFFFFFFFF


def _build(version: bytes, tables: dict[str, bytes], checksums: dict[str, int]) -> bytes:
    """A font file of ``tables`` (sorted by tag), with checksums and head's adjustment: those
    of ``checksums`` as they are, the others' worked out."""
    if "head" in tables:
        head = tables["head"]
        tables["head"] = head[:8] + b"\0\0\0\0" + head[12:]
    count = len(tables)
    power = 1 << (count.bit_length() - 1)
    header = version + struct.pack(
        ">HHHH", count, power * 16, power.bit_length() - 1, count * 16 - power * 16
    )
    offset = 12 + 16 * count
    entries: list[bytes] = []
    bodies: list[bytes] = []
    total = 0  # the whole file's checksum: its parts', each a whole number of 4-byte words
    for tag in sorted(tables):
        data = tables[tag]
        checksum = checksums[tag] if tag in checksums else _checksum(data)
        total += checksum
        entries.append(struct.pack(">4sIII", tag.encode("latin-1"), checksum, offset, len(data)))
        bodies.append(data + b"\0" * (-len(data) % 4))
        offset += len(bodies[-1])
    directory = header + b"".join(entries)
    font = bytearray(directory + b"".join(bodies))
    if "head" in tables:
        where = (
            12
            + 16 * count
            + sum(len(b) for b, tag in zip(bodies, sorted(tables), strict=True) if tag < "head")
        )
        adjustment = (0xB1B0AFBA - total - _checksum(directory)) & 0xFFFFFFFF
        font[where + 8 : where + 12] = struct.pack(">I", adjustment)
    return bytes(font)

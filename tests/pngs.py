"""PNG files written by hand: a test controls every byte, and no imaging library encodes them."""

from __future__ import annotations

import struct
import zlib


def png_bytes(
    width: int, height: int, rows: bytes, *, depth: int = 8, colour: int = 2, level: int = -1
) -> bytes:
    """A PNG of ``rows`` (each with its filter byte), ``colour`` a PNG colour type (2 RGB,
    6 RGBA, 0 grey) of ``depth`` bits, compressed at zlib ``level``."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", width, height, depth, colour, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows, level))
        + chunk(b"IEND", b"")
    )

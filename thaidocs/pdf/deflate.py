"""Streams compressed beside the main thread.

A page's stream is compressed while the next page is drawn, and a font program while the
next font is subset: a document is ready sooner wherever a second core is free. The thread
is C (``_deflate.c``), one a process, taking the streams in turn: a Python thread would wait
for the interpreter, which the drawing holds, both to start each call and to end it. The
bytes are zlib's, as ReportLab's own filter writes them: the C thread is used only where its
zlib is the one Python's runs with and the two compress a sample alike; elsewhere a stream is
compressed where it is made.
"""

from __future__ import annotations

import zlib
from functools import cache
from types import ModuleType
from typing import Any, Protocol

from reportlab.pdfbase import pdfdoc

from thaidocs.cores import spare_core


class Deflated(Protocol):
    def result(self) -> bytes:
        """The compressed bytes (waiting for them if they are still being made)."""
        ...


class _Compressed:
    """Bytes compressed where they were made."""

    __slots__ = ("_bytes",)

    def __init__(self, data: bytes) -> None:
        self._bytes = zlib.compress(data)

    def result(self) -> bytes:
        return self._bytes


@cache
def native() -> ModuleType | None:
    """The C compressor, where it is built, has a second core to run on and writes what
    ``zlib.compress`` writes."""
    try:
        from thaidocs.pdf import _deflate
    except ImportError:
        return None
    if not spare_core() or _deflate.zlib_version() != zlib.ZLIB_RUNTIME_VERSION:
        return None
    sample = " ".join(f"{n} {n * n % 997} Td" for n in range(300)).encode("ascii")
    if _deflate.Deflation(sample).result() != zlib.compress(sample):
        return None
    return _deflate


def deflating(data: bytes) -> Deflated:
    """``data`` compressed, in a thread of its own where that gains time."""
    module = native()
    return _Compressed(data) if module is None else module.Deflation(data)


class DeflatedStream(pdfdoc.PDFStream):  # type: ignore[misc]
    """A stream of content compressed beside the main thread, written once it is."""

    def __init__(self, deflated: Deflated) -> None:
        super().__init__()
        self.deflated = deflated
        self.dictionary["Filter"] = pdfdoc.PDFArray([pdfdoc.PDFName(pdfdoc.PDFZCompress.pdfname)])

    def format(self, document: Any) -> bytes:
        self.content = self.deflated.result()
        return super().format(document)  # type: ignore[no-any-return]

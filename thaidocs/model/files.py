"""Files the input names: the input itself, and the images and fonts it refers to.

Only regular files are read (a FIFO or ``/dev/zero`` would block or never end), and none
larger than the bound for its kind. A caller serving other people's files may confine every
referenced file to one folder, ``root``: a path that leads outside it, by ``..``, an absolute
path or a symbolic link, is refused.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path


class FileRefused(ValueError):
    """A file that cannot or may not be read; the message says why."""


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of ``path``, a regular file of at most ``limit`` bytes."""
    try:
        # O_NONBLOCK: opening a FIFO must not wait for a writer before it can be refused
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise FileRefused(f"cannot read the file: {exc.strerror}") from None
    with os.fdopen(fd, "rb") as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise FileRefused("not a regular file (a device, pipe or folder)")
        if info.st_size > limit:
            raise FileRefused(f"the file is larger than {limit // (1024 * 1024)} MB")
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise FileRefused(f"the file is larger than {limit // (1024 * 1024)} MB")
    return data


def resolve(value: object, base: Path, root: Path | None) -> Path:
    """A user's path resolved against ``base``; it must be a regular file, inside ``root``."""
    if not isinstance(value, str | os.PathLike):
        raise FileRefused(f"a file path is expected, not {type(value).__name__} {value!r}")
    path = Path(value).expanduser()
    if not path.is_absolute():
        path = base / path
    if root is not None and not path.resolve().is_relative_to(root.resolve()):
        raise FileRefused(f"{path} is outside the allowed folder {root}")
    if not path.exists():
        raise FileRefused(f"file not found: {path}")
    if not path.is_file():
        raise FileRefused(f"not a regular file: {path}")
    return path


#: the largest font file read (a Thai face is 100–500 kB; a CJK one about 20 MB)
MAX_FONT_BYTES = 64 * 1024 * 1024
#: TrueType outlines, which the PDF engine embeds: the version tags 1.0 and "true"
_TRUETYPE = (b"\x00\x01\x00\x00", b"true")


def check_font(path: Path) -> None:
    """Refuse a file that is not a TrueType font the PDF engine can embed."""
    head = read_regular(path, MAX_FONT_BYTES)[:4]
    if head == b"OTTO":
        raise FileRefused(f"an OpenType font with PostScript outlines; use a .ttf: {path}")
    if head not in _TRUETYPE:
        raise FileRefused(f"not a TrueType (.ttf) font file: {path}")

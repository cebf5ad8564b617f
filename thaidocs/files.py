"""Writing output files: whole or not at all, with the user's permissions.

Bytes go to a hidden temporary file beside the target, ``.NAME.PID-RANDOM.tmp``, created
with mode 0666 so that the kernel applies the user's umask, then renamed over the target.
A process killed mid-write leaves its temporary file behind; the next write into that
folder removes such leftovers of ours once their writer is gone and the file has not changed
for ten seconds (a writer on another machine sharing the folder may have the same process id),
or, for names without a process id, once they are an hour old.
"""

from __future__ import annotations

import os
import re
import time
from pathlib import Path

_TEMP = re.compile(r"^\..+\.(?:pdf|docx)\.(?:(?P<pid>\d+)-[0-9a-f]{8}|[A-Za-z0-9_]{8})\.tmp$")
#: seconds unchanged after which a leftover of a dead writer, or of an unknown one, is stale
_QUIET_SECONDS = 10.0
_STALE_SECONDS = 3600.0
#: folders already cleaned by this process
_CLEANED: set[str] = set()


def write_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and an atomic rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    remove_leftovers(path.parent)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    while True:
        tmp = path.parent / f".{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        try:
            fd = os.open(tmp, flags, 0o666)
        except FileExistsError:
            continue
        except BaseException:  # Ctrl-C handled the moment the file was made, before `fd` was set
            tmp.unlink(missing_ok=True)
            raise
        break
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def remove_leftovers(folder: Path) -> None:
    """Delete our temporary files in ``folder`` whose writer has died (once per process and
    folder, so that writing many files into one folder stays linear)."""
    key = str(folder.resolve())
    if key in _CLEANED:
        return
    _CLEANED.add(key)
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        match = _TEMP.match(entry.name)
        if match is None or not entry.is_file(follow_symlinks=False):
            continue
        pid = match.group("pid")
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            dead = age > _QUIET_SECONDS and not _alive(int(pid)) if pid else age > _STALE_SECONDS
            if dead:
                os.unlink(entry.path)
        except OSError:
            continue


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True
    return True

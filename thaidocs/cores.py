"""The cores this process may run on: work is handed to a thread of C beside the main thread
(a PDF's streams compressed, a document's word boundaries found ahead) only where there is a
second one, since on one core the hand-over would cost without gaining anything."""

from __future__ import annotations

import os
from functools import cache


@cache
def spare_core() -> bool:
    """Whether this process may run on more than one core."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) > 1
    return (os.cpu_count() or 1) > 1

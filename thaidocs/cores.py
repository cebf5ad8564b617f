"""The CPUs this process may run on: how many workers a batch starts, and whether work is
handed to a thread of C beside the main thread (a PDF's streams compressed, a document's word
boundaries found ahead), which on one core would cost without gaining anything."""

from __future__ import annotations

import os
from functools import cache


def available_cpus() -> int:
    """The CPUs this process may run on (its affinity), not the machine's count."""
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


@cache
def spare_core() -> bool:
    """Whether this process may run on more than one CPU."""
    return available_cpus() > 1

"""The cycle collector paused while a document is built.

Building a long document allocates hundreds of thousands of small objects (laid-out lines,
table boxes, structure elements) that live until the file is written, and almost all of them
are freed by reference counting. CPython's cycle collector walks every one of them again at
each of its collections without freeing anything: a fifth of the time of a plan with 3,000
activities. So it is paused while a writer runs and works as usual after; what cycles a
document leaves are collected then.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
#: writers running now, in any thread
_running = 0
#: whether the collector was on when the first of them started
_was_enabled = False
#: whether the end of the next pause moves everything alive out of the collector's reach
_settle = False


def settle_after_next_pause() -> None:
    """For a process that renders and ends, such as the command: once the next pause is
    over, everything alive is moved out of the collector's reach (``gc.freeze``).

    The first document of a process imports the writers and the model, and what the imports
    make (classes, the model's checks, the word list) lives as long as the process. Left
    to the collector, all of it would be walked at its next collection, some 20 ms of a
    cold render, to free nothing. What garbage cycles that one document left are kept too.
    """
    global _settle
    _settle = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause the cycle collector until the last writer running (in any thread) is done;
    leave it off if it was off."""
    global _running, _was_enabled, _settle
    with _lock:
        if _running == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _running += 1
    try:
        yield
    finally:
        with _lock:
            _running -= 1
            if _running == 0:
                if _settle:
                    _settle = False
                    gc.freeze()
                if _was_enabled:
                    gc.enable()

"""Shared test fixtures: external tools that look at outputs as a person would."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import settings

# Under CI the property tests draw the same examples every run, so a run's verdict can be
# reproduced; elsewhere they draw new ones each time and find what the fixed set may miss.
settings.register_profile("ci", derandomize=True, database=None)
if os.environ.get("CI") == "true":
    settings.load_profile("ci")


#: the sample inputs shipped with the project, and each of them
SAMPLE_DIR = Path(__file__).resolve().parent.parent / "samples"
SAMPLE_FILES = sorted(SAMPLE_DIR.glob("*.yaml"))


def require_tool(name: str) -> str:
    """Path of an external program; skip when missing, but fail under CI=true."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install poppler-utils libreoffice-writer)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path


def true_in_a_fork(check: Callable[[], bool]) -> bool:
    """What ``check`` says in a forked child of this process (which has none of its threads):
    the answer comes back through a pipe, and the child ends without running anything else."""
    read, write = os.pipe()
    child = os.fork()
    if child == 0:
        try:
            os.write(write, b"1" if check() else b"0")
        finally:
            os._exit(0)
    os.close(write)
    with os.fdopen(read, "rb") as answer:
        said = answer.read() == b"1"
    os.waitpid(child, 0)
    return said


def require_built(module: ModuleType | None) -> ModuleType:
    """A C extension (a ``_speedups`` twin, ``_deflate``); skip where it is not built, but
    fail under CI=true."""
    if module is None:
        if os.environ.get("CI") == "true":
            pytest.fail("a C extension is not built (a C compiler is needed)")
        pytest.skip("a C extension is not built: the Python runs alone")
    return module

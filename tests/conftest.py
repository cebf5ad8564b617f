"""Shared test fixtures: external tools that look at outputs as a person would."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """Path of an external program; skip when missing, but fail under CI=true."""
    path = shutil.which(name)
    if path is None:
        message = f"{name} is not installed (apt-get install poppler-utils libreoffice-writer)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return path

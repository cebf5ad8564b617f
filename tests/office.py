"""LibreOffice as the reader of our .docx: its PDF of each file, as a user's office makes it."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

from conftest import require_tool


def office_pdfs(
    sources: Sequence[Path], folder: Path, profile: Path, fontconfig: Path | None = None
) -> None:
    """Write LibreOffice's PDF of each of ``sources`` into ``folder``, in one run.

    ``profile``: a folder for a user profile of this run's own (an instance already running
    on another would take the job and ignore these options); ``fontconfig``: a font
    configuration to use instead of the system's.
    """
    env = {**os.environ, "FONTCONFIG_FILE": str(fontconfig)} if fontconfig else None
    subprocess.run(
        [
            require_tool("soffice"),
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            *("--convert-to", "pdf", "--outdir", str(folder)),
            *map(str, sources),
        ],
        check=True,
        capture_output=True,
        timeout=300,
        env=env,
    )

"""Regenerate the documentation's page previews from the samples.

Renders each ``samples/*.yaml`` to PDF with thaidocs and writes its first page as
``docs/previews/<name>.png`` (pdftoppm at 60 dpi). Run after a change that alters output::

    python docs/make_previews.py
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import thaidocs

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "samples"
PREVIEWS = ROOT / "docs" / "previews"
DPI = 60


#: pages shown beside their earlier look in the docs: (sample, text that marks the page,
#: preview name); the "-before" image beside each is kept as it was
PAGES = (("plan", "โครงการ/กิจกรรม", "plan-table-after"),)
PAGE_DPI = 80


def make_previews(samples: Path = SAMPLES, previews: Path = PREVIEWS) -> list[Path]:
    """Write one PNG per sample, page 1 only, and the pages of ``PAGES``; returns the files
    written."""
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise SystemExit("pdftoppm is not installed (apt-get install poppler-utils)")
    previews.mkdir(parents=True, exist_ok=True)
    written = []
    with tempfile.TemporaryDirectory() as tmp:
        for sample in sorted(samples.glob("*.yaml")):
            pdf = thaidocs.render(thaidocs.load(sample), Path(tmp) / f"{sample.stem}.pdf")
            target = previews / sample.stem
            page_one = ["-f", "1", "-l", "1", "-singlefile"]
            subprocess.run(
                [pdftoppm, "-png", "-r", str(DPI), *page_one, str(pdf), str(target)], check=True
            )
            written.append(target.with_suffix(".png"))
            for name, marker, preview in PAGES:
                if name == sample.stem:
                    page = _page_with(pdf, marker)
                    one = ["-f", str(page), "-l", str(page), "-singlefile"]
                    target = previews / preview
                    subprocess.run(
                        [pdftoppm, "-png", "-r", str(PAGE_DPI), *one, str(pdf), str(target)],
                        check=True,
                    )
                    written.append(target.with_suffix(".png"))
    return written


def _page_with(pdf: Path, marker: str) -> int:
    """The first page (from 1) whose text holds ``marker``."""
    pdftotext = shutil.which("pdftotext") or "pdftotext"
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, check=True, text=True
    ).stdout
    pages = text.split("\f")
    return next(i for i, page in enumerate(pages, start=1) if marker in page)


if __name__ == "__main__":
    for path in make_previews():
        sys.stdout.write(f"wrote {path.relative_to(ROOT)}\n")

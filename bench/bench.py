#!/usr/bin/env python3
"""Speed of thaidocs beside its peers, in one run (absolute times drift between machines).

Usage: python bench/bench.py [--runs 30] [--shared ../shared] [--memory 1000] [--libreoffice]

Prints, for the seed announcement, the warm in-process median ms per document for thaidocs PDF
and .docx and for the Typst peer (needs the `typst` package, in the test extra), their ratio,
ms per page at about 10 and 100 pages, and peak memory over many documents in one process.
"""

from __future__ import annotations

import argparse
import copy
import io
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import yaml

import thaidocs

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "announcement.yaml"


def median_ms(action: Callable[[], object], runs: int) -> float:
    action()  # warm-up: fonts, dictionaries, caches
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def typst_ms(shared: Path, runs: int) -> float | None:
    source = shared / "bench" / "typst_announcement.typ"
    try:
        import fontpkg
        import typst
    except ImportError:
        return None
    if not source.is_file():
        return None
    fonts = [str(Path(fontpkg.path("Sarabun")).parent)]
    return median_ms(lambda: typst.compile(str(source), font_paths=fonts), runs)


def longer(data: dict[str, Any], copies: int) -> dict[str, Any]:
    """The announcement with its body repeated, for the per-page figures."""
    out = copy.deepcopy(data)
    out["body"] = data["body"][:-1] * copies + data["body"][-1:]
    return out


def pages(pdf: bytes) -> int:
    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


def libreoffice_ms(docx: bytes, runs: int) -> float | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "announcement.docx"
        source.write_bytes(docx)
        profile = f"-env:UserInstallation=file://{tmp}/profile"
        command = [soffice, profile, "--headless", "--convert-to", "pdf", "--outdir", tmp]
        return median_ms(
            lambda: subprocess.run([*command, str(source)], check=True, capture_output=True),
            runs,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--memory", type=int, default=1000, help="documents for peak memory")
    parser.add_argument("--libreoffice", action="store_true", help="also time LibreOffice")
    args = parser.parse_args()

    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    doc = thaidocs.from_dict(data)
    pdf_ms = median_ms(lambda: thaidocs.to_pdf(doc), args.runs)
    docx_ms = median_ms(lambda: thaidocs.to_docx(doc), args.runs)
    peer = typst_ms(args.shared, args.runs)
    print(f"thaidocs_pdf_ms_per_doc {pdf_ms:.2f}")
    print(f"thaidocs_docx_ms_per_doc {docx_ms:.2f}")
    if peer is None:
        print("typst_ms_per_doc unavailable (pip install typst; needs ../shared/bench)")
    else:
        print(f"typst_ms_per_doc {peer:.2f}")
        print(f"ratio_pdf_vs_typst {pdf_ms / peer:.2f}")
    print(f"check_ms_per_doc {median_ms(lambda: thaidocs.check(doc), args.runs):.2f}")

    for copies in (4, 40):
        big = thaidocs.from_dict(longer(data, copies))
        count = pages(thaidocs.to_pdf(big))
        total = median_ms(partial(thaidocs.to_pdf, big), max(3, args.runs // 10))
        print(f"pdf_pages {count} ms_total {total:.1f} ms_per_page {total / count:.2f}")

    if args.libreoffice:
        office = libreoffice_ms(thaidocs.to_docx(doc), 3)
        if office is not None:
            print(
                f"libreoffice_docx_to_pdf_ms {office:.0f} ratio_vs_thaidocs {office / pdf_ms:.1f}"
            )

    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    for _ in range(args.memory):
        thaidocs.to_pdf(doc)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    grew = (after - before) / 1024
    print(f"peak_rss_mb_after_{args.memory}_docs {after / 1024:.1f} (grew {grew:.1f})")
    sys.stdout.flush()


if __name__ == "__main__":
    main()

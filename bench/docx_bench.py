#!/usr/bin/env python3
"""Speed of the .docx writer beside the PDF writer, in one run.

Usage: python bench/docx_bench.py [--runs 15]

Prints, for every sample and for plans of 8 to 64 activities (each activity's text differs),
the warm median ms per document for .docx and PDF and their ratio. A table's cost must grow
with its cells, not with their square: the 64-activity plan's ratio is the figure to watch
(at most 1.5).
"""

from __future__ import annotations

import argparse
import copy
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

import thaidocs

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = sorted((ROOT / "samples").glob("*.yaml"))
_OWNERS = ("กลุ่มพัฒนาระบบบริหาร", "สำนักอำนวยการ", "กลุ่มประชาสัมพันธ์", "ศูนย์เทคโนโลยีสารสนเทศ")


def median_ms(actions: tuple[Callable[[], object], ...], runs: int) -> list[float]:
    """Each action's median ms, the actions timed in turn within every run, so that a
    shared machine's load falls on all of them alike."""
    for action in actions:
        action()  # warm-up: fonts, dictionaries, caches
    times: list[list[float]] = [[] for _ in actions]
    for _ in range(runs):
        for action, spent in zip(actions, times, strict=True):
            start = time.perf_counter()
            action()
            spent.append(time.perf_counter() - start)
    return [statistics.median(spent) * 1000 for spent in times]


def plan(activities: int) -> dict[str, Any]:
    """The plan sample with ``activities`` activities, each with its own name and owner."""
    data: dict[str, Any] = yaml.safe_load((ROOT / "samples" / "plan.yaml").read_text("utf-8"))
    seeds = data["activities"]
    data["activities"] = []
    for n in range(activities):
        activity = copy.deepcopy(seeds[n % len(seeds)])
        activity["name"] = f"{activity['name']} ครั้งที่ {n + 1} ของปีงบประมาณ"
        activity["owner"] = _OWNERS[n % len(_OWNERS)]
        data["activities"].append(activity)
    return data


def line(name: str, doc: thaidocs.Document, runs: int) -> None:
    docx_ms, pdf_ms = median_ms((lambda: thaidocs.to_docx(doc), lambda: thaidocs.to_pdf(doc)), runs)
    ratio = docx_ms / pdf_ms
    print(f"{name} docx_ms {docx_ms:.1f} pdf_ms {pdf_ms:.1f} ratio_docx_vs_pdf {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    for path in SAMPLES:
        line(path.stem, thaidocs.load(path), args.runs)
    for activities in (8, 16, 32, 64):
        line(f"plan_{activities}_activities", thaidocs.from_dict(plan(activities)), args.runs)


if __name__ == "__main__":
    main()

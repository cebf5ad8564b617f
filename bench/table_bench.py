#!/usr/bin/env python3
"""Time a plan's PDF as its activity table grows: the time per activity must stay flat.

Usage: python bench/table_bench.py [--sizes 30 300 3000]

The plan sample's activities are repeated, each with its own name, indicator and budget, so
no two rows are the same text. Prints, per size, the seconds for the PDF, its pages, and
ms per activity; the last line is the ratio of ms per activity at the largest size to the
smallest (near 1 means linear). Each size renders ``--repeat`` times: ``s`` is the best
run (what the code costs; a shared machine only ever adds to it), ``median_s`` the typical
one, ``cpu_s`` the least CPU time of the process.
"""

from __future__ import annotations

import argparse
import copy
import io
import statistics
import time
from pathlib import Path
from typing import Any

import yaml
from pypdf import PdfReader

import thaidocs

SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "plan.yaml"


def plan(data: dict[str, Any], count: int) -> dict[str, Any]:
    """The plan with ``count`` activities made from the sample's, each varied."""
    out = copy.deepcopy(data)
    source = data["activities"]
    activities = []
    for i in range(count):
        activity = copy.deepcopy(source[i % len(source)])
        activity["name"] = f"{activity['name']} ครั้งที่ {i + 1}"
        activity["indicator"] = f"{activity['indicator']} ({i % 97 + 1} แห่ง)"
        activity["budget"] = 1000 + 37 * i
        activities.append(activity)
    out["activities"] = activities
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[30, 300, 3000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    sample = thaidocs.from_dict(data)
    per_activity = []
    for size in args.sizes:
        doc = thaidocs.from_dict(plan(data, size))
        walls: list[float] = []
        cpus: list[float] = []
        for _ in range(args.repeat):
            # each run as the first: caches hold the sample plan's text, not this plan's
            thaidocs.clear_caches()
            thaidocs.to_pdf(sample)
            start, cpu = time.perf_counter(), time.process_time()
            pdf = thaidocs.to_pdf(doc)
            walls.append(time.perf_counter() - start)
            cpus.append(time.process_time() - cpu)
        count = len(PdfReader(io.BytesIO(pdf)).pages)
        best = min(walls)
        per_activity.append(best * 1000 / size)
        print(
            f"activities {size} s {best:.2f} median_s {statistics.median(walls):.2f} "
            f"cpu_s {min(cpus):.2f} pages {count} ms_per_activity {per_activity[-1]:.2f}"
        )
    print(f"ratio_ms_per_activity_largest_vs_smallest {per_activity[-1] / per_activity[0]:.2f}")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Time a plan's PDF as its activity table grows: the time per activity must stay flat.

Usage: python bench/table_bench.py [--sizes 30 300 3000]

The plan sample's activities are repeated, each with its own name, indicator and budget, so
no two rows are the same text. Prints, per size, the seconds for the PDF, its pages, and
ms per activity; the last line is the ratio of ms per activity at the largest size to the
smallest (near 1 means linear). ``cpu_s`` is the process's CPU time: on a busy machine it
stays near the time the same run takes on an idle one, where wall time does not.
"""

from __future__ import annotations

import argparse
import copy
import io
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
    args = parser.parse_args()
    data = yaml.safe_load(SAMPLE.read_text(encoding="utf-8"))
    thaidocs.to_pdf(thaidocs.from_dict(data))  # warm-up: fonts, dictionaries
    per_activity = []
    for size in args.sizes:
        doc = thaidocs.from_dict(plan(data, size))
        start, cpu = time.perf_counter(), time.process_time()
        pdf = thaidocs.to_pdf(doc)
        seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
        count = len(PdfReader(io.BytesIO(pdf)).pages)
        per_activity.append(seconds * 1000 / size)
        print(
            f"activities {size} s {seconds:.2f} cpu_s {cpu:.2f} pages {count} "
            f"ms_per_activity {per_activity[-1]:.2f}"
        )
    print(f"ratio_ms_per_activity_largest_vs_smallest {per_activity[-1] / per_activity[0]:.2f}")


if __name__ == "__main__":
    main()

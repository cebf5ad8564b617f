"""Time `thaidocs.check` on the seed announcement, warm, and print the median ms per call.

Usage: python bench/check_bench.py [runs]
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

import yaml

import thaidocs
from thaidocs.proofread.walk import text_fields

SEED = Path(__file__).resolve().parent.parent / "tests" / "data" / "seed_announcement.yaml"


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    doc = thaidocs.from_dict(yaml.safe_load(SEED.read_text(encoding="utf-8")))
    findings = thaidocs.check(doc)  # warm-up: imports, compiled patterns
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        thaidocs.check(doc)
        times.append(time.perf_counter() - start)
    chars = sum(len(field.text) for field in text_fields(doc))
    print(f"check_ms_per_doc {statistics.median(times) * 1000:.2f}")
    print(f"findings {len(findings)}  characters {chars}  runs {runs}")


if __name__ == "__main__":
    main()

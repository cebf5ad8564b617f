"""Time and memory to refuse YAML alias bombs: each must end in an InputError in well under
a second and 100 MB.

Each bomb is read in a fresh process that has loaded the seed announcement once (imports
warm), so the figures are the refusal's own: wall time of ``thaidocs.load`` and the peak
resident memory beside the same process loading the seed again (the floor).

Usage: python bench/alias_bomb.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "tests" / "data" / "seed_announcement.yaml"

#: 10^6 clauses from about 570 bytes: six levels of ten aliases under one clause list
CLAUSES = (
    "type: announcement\nagency: กรม\nsubject: เรื่อง\ndate: 2024-10-30\n"
    "signers: [{name: นายก ข, position: อธิบดี}]\n"
    "x0: &c0 {text: ข้อ}\n"
    + "".join(
        f"x{i}: &c{i} {{text: ข้อ, clauses: [{', '.join([f'*c{i - 1}'] * 10)}]}}\n"
        for i in range(1, 7)
    )
    + "body: [{clauses: [*c6]}]\n"
)
#: the classic: 10^9 strings from nine levels of ten aliases
LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 10)}]\n" for i in range(8)
)
#: merge keys copy mappings where aliases share them: 10^8 keys
MERGES = "a: &a {k0: x, k1: x, k2: x, k3: x, k4: x, k5: x, k6: x, k7: x, k8: x, k9: x}\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} {{<<: *{chr(97 + i)}, "
    + ", ".join(f"n{j}: *{chr(97 + i)}" for j in range(9))
    + "}\n"
    for i in range(8)
)

_PROBE = """
import json, resource, sys, time
import thaidocs
thaidocs.load(sys.argv[2])  # warm: imports and compiled validators
start = time.perf_counter()
try:
    thaidocs.load(sys.argv[1])
    outcome = "accepted"
except thaidocs.InputError as exc:
    outcome = str(exc.problems[0])
seconds = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"seconds": seconds, "peak_mb": peak, "outcome": outcome}))
"""


def probe(path: Path) -> dict[str, object]:
    env_path = {"PYTHONPATH": str(ROOT)}
    out = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path), str(SEED)],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **env_path},
        timeout=120,
    )
    result: dict[str, object] = json.loads(out.stdout)
    return result


def main() -> None:
    floor = probe(SEED)
    print(f"{'input':<10} {'bytes':>6} {'seconds':>8} {'peak MB':>8} {'over floor':>10}  outcome")
    print(
        f"{'seed':<10} {SEED.stat().st_size:>6} {floor['seconds']:>8.3f} {floor['peak_mb']:>8.1f}"
    )
    failed = False
    with tempfile.TemporaryDirectory() as folder:
        for name, text in (("clauses", CLAUSES), ("laughs", LAUGHS), ("merges", MERGES)):
            path = Path(folder) / f"{name}.yaml"
            path.write_text(text, encoding="utf-8")
            result = probe(path)
            extra = float(result["peak_mb"]) - float(floor["peak_mb"])  # type: ignore[arg-type]
            seconds = float(result["seconds"])  # type: ignore[arg-type]
            size = len(text.encode())
            print(
                f"{name:<10} {size:>6} {seconds:>8.3f} {result['peak_mb']:>8.1f} {extra:>10.1f}"
                f"  {str(result['outcome'])[:70]}"
            )
            failed |= result["outcome"] == "accepted" or seconds >= 1.0 or extra >= 100
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()

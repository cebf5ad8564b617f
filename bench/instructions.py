#!/usr/bin/env python3
"""The merge-like, caches-cleared and cold workloads counted in instructions, beside Typst.

Usage: python bench/instructions.py [--shared ../shared] [--documents 20] [--shares]

Wall time on a shared machine drifts by half from one run to the next; the instructions a
workload executes do not. Each figure here is counted by valgrind's callgrind (it must be
installed) over a whole process, and a per-document figure is the difference between a process
that renders ``--documents`` documents and one that renders none after the same warm-up, so
start-up and warm-up cancel out. Typst compiles the same variants with one ``typst.Compiler``
(every thread it runs counted). Instructions are not time: a native program does more per
cycle; the ratios here are the work each side asks of the machine, beside the wall-time ratios
of ``merge_like.py`` and ``cold.py``. With ``--shares``, each package's share of the
dependencies' floor, as ``cold.py --shares`` has it, is counted too. Run it from an installed
package or a tree with compiled bytecode.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from cold import DEPENDENCIES, dependency_modules, floors_without_each

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "announcement.yaml"

#: a process that warms up, then renders the first ``count`` variants of a workload
WORKLOAD = """
import sys
sys.path.insert(0, {bench!r})
import merge_like as m
import yaml
import thaidocs
from thaidocs.thai import to_thai_digits
kind, count = sys.argv[1], int(sys.argv[2])
data = yaml.safe_load(m.SAMPLE.read_text(encoding="utf-8"))
doc = thaidocs.from_dict(data)
thaidocs.to_pdf(doc)
variants = [thaidocs.from_dict(m._replace(data, f"{{p}} เขต {{to_thai_digits(9)}}"))
            for p in m.PROVINCES[:count]]
for k in range(count):
    if kind == "merge":
        thaidocs.to_pdf(variants[k])
    elif kind == "cleared":
        thaidocs.clear_caches()
        thaidocs.to_pdf(doc)
    else:
        thaidocs.to_pdf(doc)
"""

TYPST_WORKLOAD = """
import sys
from pathlib import Path
sys.path.insert(0, {bench!r})
import merge_like as m
import typst
source, fonts, count = Path(sys.argv[1]).read_text(encoding="utf-8"), sys.argv[2], int(sys.argv[3])
compiler = typst.Compiler(font_paths=[fonts], ignore_system_fonts=True)
compiler.compile(source.encode())
for p in m.PROVINCES[:count]:
    compiler.compile(source.replace(m.PROVINCE, f"{{p}} เขต ๙").encode())
"""

TYPST_COLD = """
import sys
import typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
"""


def instructions(command: list[str]) -> int:
    """Instructions callgrind counts for a whole process (its threads included)."""
    env = {**os.environ, "PYTHONHASHSEED": "0"}
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *command],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    found = re.search(r"Collected : (\d+)", done.stderr)
    if found is None:
        raise SystemExit(f"callgrind printed no count:\n{done.stderr[-2000:]}")
    return int(found.group(1))


def per_document(command: list[str], documents: int) -> float:
    """Instructions per document: ``documents`` rendered, less none rendered."""
    return (instructions([*command, str(documents)]) - instructions([*command, "0"])) / documents


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument("--documents", type=int, default=20)
    parser.add_argument(
        "--shares", action="store_true", help="also each package's share of the dependencies' floor"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (apt-get install valgrind)")

    import fontpkg

    python = sys.executable
    bench = str(ROOT / "bench")
    peer = args.shared / "bench" / "typst_announcement.typ"
    if not peer.is_file():
        raise SystemExit(f"no Typst peer at {peer}: pass --shared DIR")
    source = str(peer)
    fonts = str(Path(fontpkg.path("Sarabun")).parent)
    ours = [python, "-c", WORKLOAD.format(bench=bench)]
    theirs = [python, "-c", TYPST_WORKLOAD.format(bench=bench), source, fonts]
    n = args.documents

    typst_doc = per_document(theirs, n)
    merge = per_document([*ours, "merge"], n)
    cached = per_document([*ours, "cached"], n)
    cleared = per_document([*ours, "cleared"], n)
    print(f"typst_instructions_per_doc {typst_doc / 1e6:.1f}M")
    print(f"merge_like_instructions_per_doc {merge / 1e6:.1f}M ratio {merge / typst_doc:.2f}")
    print(f"announcement_cached_instructions {cached / 1e6:.1f}M")
    ratio = cleared / cached
    print(f"announcement_caches_cleared_instructions {cleared / 1e6:.1f}M ratio {ratio:.2f}")

    with tempfile.TemporaryDirectory() as out:
        render = [str(SAMPLE), "--format", "pdf", "--out", out]
        cold = instructions([python, "-m", "thaidocs", "render", *render])
        version = instructions([python, "-m", "thaidocs", "--version"])
        modules = dependency_modules(python, render)
        dependencies = instructions([python, "-c", DEPENDENCIES, *modules])
        less = floors_without_each(python, modules) if args.shares else {}
        shares = {
            package: dependencies - instructions(command) for package, command in less.items()
        }
        interpreter = instructions([python, "-c", "pass"])
        typst_cold = instructions([python, "-c", TYPST_COLD, source, f"{out}/t.pdf", fonts])
    print(f"cold_render_pdf_instructions {cold / 1e6:.0f}M ratio {cold / typst_cold:.2f}")
    print(f"cold_version_instructions {version / 1e6:.0f}M ratio {version / typst_cold:.2f}")
    floor = dependencies / typst_cold
    print(f"cold_dependencies_instructions {dependencies / 1e6:.0f}M ratio {floor:.2f}")
    print(f"cold_python_instructions {interpreter / 1e6:.0f}M ratio {interpreter / typst_cold:.2f}")
    print(f"cold_typst_instructions {typst_cold / 1e6:.0f}M")
    for package, share in shares.items():
        print(
            f"cold_share_{package}_instructions {share / 1e6:.0f}M ratio {share / typst_cold:.2f}"
        )


if __name__ == "__main__":
    main()

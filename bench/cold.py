#!/usr/bin/env python3
"""Cold start: whole processes, thaidocs beside a process that compiles the Typst peer.

Usage: python bench/cold.py [--runs 9] [--shared ../shared]

Each figure is a fresh Python process, timed from outside (wall) and by the kernel's
accounting of its CPU (user + sys). The commands run in turn, A B A B ..., and each ratio is
the median of the ratios of neighbouring runs, so a drift in the machine's speed cancels out.
Run it from an installed package or a tree with compiled bytecode: a source tree under
PYTHONDONTWRITEBYTECODE=1 recompiles every module at every start.

Two floors are timed beside them: ``python``, an interpreter that starts and ends (with
whatever its site imports: the same under every command here), and ``dependencies``, a process
that imports every module of other packages that a cold render imports, in the same order,
and does nothing else. No render can start faster than the second. With ``--shares``, the
floor is timed again less each package the render imports (with what only that package
requires), and each package's share of the floor is the difference.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "samples" / "announcement.yaml"

#: the packages other than thaidocs and the standard library that a cold render imports, by
#: the name of each of their modules, in the order they were loaded
IMPORTED = """
import sys
from thaidocs.__main__ import main
sys.argv = ["thaidocs", *sys.argv[1:]]
try:
    main()  # ends by raising SystemExit
finally:
    print(*(
        name
        for name, module in sys.modules.items()
        if module is not None
        and name.partition(".")[0] not in sys.stdlib_module_names
        and name.partition(".")[0] != "thaidocs"
    ))
"""

#: a process that imports those modules and nothing more, after the command's own changes to
#: how it imports: the floor the dependencies set under any render
DEPENDENCIES = """
import gc
import sys
from thaidocs.__main__ import prepare_imports
prepare_imports()
gc.disable()
for name in sys.argv[1:]:
    __import__(name)
"""

TYPST = """
import sys
import typst
typst.compile(sys.argv[1], output=sys.argv[2], font_paths=[sys.argv[3]], ignore_system_fonts=True)
"""


def dependency_modules(python: str, render: list[str]) -> list[str]:
    """The modules of other packages that ``thaidocs render *render`` imports, in order."""
    found = subprocess.run(
        [python, "-c", IMPORTED, "render", *render], check=True, capture_output=True, text=True
    )
    return found.stdout.splitlines()[-1].split()


def modules_without_each(modules: list[str]) -> dict[str, list[str]]:
    """For each package the render imports that no other of them requires (by their
    distributions' requirements), ``modules`` less the modules of that package and of what
    only it requires: what the floor would import without it."""
    from packaging.requirements import Requirement
    from packaging.utils import canonicalize_name

    owners = importlib.metadata.packages_distributions()
    owner = {
        module: str(canonicalize_name(owners[top][0]))
        for module in modules
        if (top := module.partition(".")[0]) in owners
    }
    present = set(owner.values())

    def required(name: str) -> set[str]:
        needs = (Requirement(text) for text in importlib.metadata.requires(name) or ())
        return {
            str(canonicalize_name(need.name))
            for need in needs
            if need.marker is None or need.marker.evaluate({"extra": ""})
        } & present

    def closure(name: str) -> set[str]:
        found, todo = {name}, [name]
        while todo:
            for need in required(todo.pop()) - found:
                found.add(need)
                todo.append(need)
        return found

    roots = present - set().union(*(required(name) for name in present))
    reach = {root: closure(root) for root in roots}
    shares: dict[str, list[str]] = {}
    for root in sorted(roots):
        others = set().union(*(reach[other] for other in roots if other != root))
        alone = reach[root] - others
        # a module of no package (Cython's runtime, the build's sysconfig data) comes with the
        # package that makes it, so it is not named
        shares[root] = [
            module for module in modules if module in owner and owner[module] not in alone
        ]
    return shares


def floors_without_each(python: str, modules: list[str]) -> dict[str, list[str]]:
    """The floor's process less each package (``modules_without_each``), by package. What a bare
    interpreter imports itself (its site's) is no package's share."""
    bare = [python, "-c", "import sys; print(*sys.modules)"]
    started = subprocess.run(bare, check=True, capture_output=True, text=True).stdout.split()
    less = modules_without_each([module for module in modules if module not in started])
    return {package: [python, "-c", DEPENDENCIES, *rest] for package, rest in less.items()}


def run(command: list[str]) -> tuple[float, float]:
    """Wall and CPU seconds of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    parser.add_argument(
        "--shares", action="store_true", help="also each package's share of the dependencies' floor"
    )
    args = parser.parse_args()

    from thaidocs.layout.measure import sarabun_path

    fonts = str(Path(sarabun_path()).parent)
    source = args.shared / "bench" / "typst_announcement.typ"
    python = sys.executable
    with tempfile.TemporaryDirectory() as out:
        render = [str(SAMPLE), "--format", "pdf", "--out", out]
        modules = dependency_modules(python, render)
        commands = {
            "python": [python, "-c", "pass"],
            "dependencies": [python, "-c", DEPENDENCIES, *modules],
            "version": [python, "-m", "thaidocs", "--version"],
            "render_pdf": [python, "-m", "thaidocs", "render", *render],
            "typst": [python, "-c", TYPST, str(source), os.path.join(out, "t.pdf"), fonts],
        }
        less = floors_without_each(python, modules) if args.shares else {}
        commands.update({f"less_{package}": command for package, command in less.items()})
        for command in commands.values():  # warm the file cache
            run(command)
        figures: dict[str, list[tuple[float, float]]] = {name: [] for name in commands}
        for _ in range(args.runs):
            for name, command in commands.items():
                figures[name].append(run(command))

    for name, rows in figures.items():
        wall = statistics.median(row[0] for row in rows)
        cpu = statistics.median(row[1] for row in rows)
        print(f"cold_{name}_s wall {wall:.3f} cpu {cpu:.3f}")
    for name in ("render_pdf", "version", "dependencies", "python"):
        pairs = zip(figures[name], figures["typst"], strict=True)
        ratios = [(a[0] / b[0], a[1] / b[1]) for a, b in pairs]
        wall = statistics.median(r[0] for r in ratios)
        cpu = statistics.median(r[1] for r in ratios)
        print(f"ratio_cold_{name}_vs_typst wall {wall:.2f} cpu {cpu:.2f}")
    for package in less:
        runs = zip(
            figures["dependencies"], figures[f"less_{package}"], figures["typst"], strict=True
        )
        shares = [((a[0] - b[0]) / t[0], (a[1] - b[1]) / t[1]) for a, b, t in runs]
        wall = statistics.median(r[0] for r in shares)
        cpu = statistics.median(r[1] for r in shares)
        print(f"ratio_cold_share_{package}_vs_typst wall {wall:.2f} cpu {cpu:.2f}")


if __name__ == "__main__":
    main()

"""The optional C twins of the text engine's hottest loops (``_speedups.c`` beside the Python
each mirrors): word boundaries and clusters, shaping's glyphs, items, line breaking and
placing, TJ templates, and the store of its caches; and the thread that compresses a PDF's
streams beside the drawing.

Everything else is declared in pyproject.toml. Where no C compiler is at hand the build goes
on without them, and the Python they mirror does the same work.
"""

import sys

from setuptools import Extension, setup

# a * b + c stays two roundings, as in Python, never one fused multiply-add
FLOATS = [] if sys.platform == "win32" else ["-ffp-contract=off"]

#: the worker thread two of them share: a header, built into each, shipped in the sdist
WORKER = ["thaidocs/_worker.h"]

setup(
    ext_modules=[
        Extension(name, [path], optional=True, extra_compile_args=FLOATS, depends=depends)
        for name, path, depends in [
            ("thaidocs._speedups", "thaidocs/_speedups.c", []),
            ("thaidocs.thai._speedups", "thaidocs/thai/_speedups.c", WORKER),
            ("thaidocs.pdf.text._speedups", "thaidocs/pdf/text/_speedups.c", []),
        ]
    ]
    + [
        # streams compressed in a thread of C, with the system's zlib (where it has one)
        Extension(
            "thaidocs.pdf._deflate",
            ["thaidocs/pdf/_deflate.c"],
            optional=True,
            libraries=["z"],
            depends=WORKER,
        ),
    ]
)

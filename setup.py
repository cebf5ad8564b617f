"""The optional C twin of the word-boundary search (``thaidocs/thai/_speedups.c``).

Everything else is declared in pyproject.toml. Where no C compiler is at hand the build goes
on without the extension, and the Python it mirrors does the same work.
"""

from setuptools import Extension, setup

setup(
    ext_modules=[Extension("thaidocs.thai._speedups", ["thaidocs/thai/_speedups.c"], optional=True)]
)

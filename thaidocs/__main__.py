"""The ``thaidocs`` command and ``python -m thaidocs``.

``--version`` is answered here, before the command-line framework and the model load, so
that scripts probing the installed version pay for neither.
"""

from __future__ import annotations

import gc
import importlib
import importlib.util
import sys


def main() -> None:
    """Entry point of the ``thaidocs`` script."""
    if sys.argv[1:] == ["--version"]:
        from thaidocs import __version__

        sys.stdout.write(f"thaidocs {__version__}\n")
        return
    prepare_imports()
    # Nothing the command's framework imports is ever garbage: no collection while it loads,
    # and none to walk it later; likewise what the first document's imports make.
    gc.disable()
    from thaidocs.cli import main as run
    from thaidocs.collector import settle_after_next_pause

    gc.freeze()
    gc.enable()
    settle_after_next_pause()

    try:
        run()
    finally:
        # The command is done and the process is ending: spare Python's last garbage
        # collections a walk over every object still alive (the caches' entries and what
        # any later import made). Exit handlers still run, output is flushed.
        gc.freeze()


def prepare_imports() -> None:
    """What the command's process changes in how it imports, before it imports anything
    (``bench/cold.py`` times the dependencies' imports alone after the same changes)."""
    _pil_when_used()


def _pil_when_used() -> None:
    """ReportLab imports PIL.Image with itself (about 3 % of a cold render) for the images a
    document may draw; most have none. In this process, which runs no threads while it
    imports (the standard library's lazy loader is not thread-safe before Python 3.12), the
    module is loaded when first used instead."""
    name = "PIL.Image"
    if name in sys.modules:
        return
    spec = importlib.util.find_spec(name)
    if spec is None or spec.loader is None:
        return
    loader = importlib.util.LazyLoader(spec.loader)
    spec.loader = loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    loader.exec_module(module)
    # what ``from PIL import Image`` reads first: the import system would otherwise look at
    # the module's spec, which loads it
    package, _, attribute = name.rpartition(".")
    setattr(sys.modules[package], attribute, module)


if __name__ == "__main__":
    main()

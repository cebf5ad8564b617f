"""The ``thaidocs`` command and ``python -m thaidocs``.

``--version`` is answered here, before the command-line framework and pydantic load, so that
scripts probing the installed version pay for neither.
"""

from __future__ import annotations

import gc
import os
import sys


def main() -> None:
    """Entry point of the ``thaidocs`` script."""
    if sys.argv[1:] == ["--version"]:
        from thaidocs import __version__

        sys.stdout.write(f"thaidocs {__version__}\n")
        return
    # The command's own process: skip pydantic's scan of every installed package for
    # validation plugins (about 25 ms of each start); a user may still set it otherwise.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    from thaidocs.cli import main as run

    try:
        run()
    finally:
        # The command is done and the process is ending: spare Python's last garbage
        # collections a walk over every object the imports made (pydantic's schemas, the word
        # list), some 50 ms of a cold render. Exit handlers still run, output is flushed.
        gc.freeze()


if __name__ == "__main__":
    main()

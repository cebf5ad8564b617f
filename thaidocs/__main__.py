"""`python -m thaidocs`: the command line."""

from thaidocs.cli import main

main()

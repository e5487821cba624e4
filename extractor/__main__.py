"""``python -m extractor``: the same command line as ``extractor``."""

from .cli import main

main()

"""The ``advocacy`` command line: options in, one typed value, one call of the core."""

from advocacy.cli.app import main

__all__ = ["main"]

"""The ``advocacy`` command line: options in, one typed value, one call of the core."""

from advocacy.cli import documents, facts, templates  # noqa: F401  (each adds its commands)
from advocacy.cli.app import app, main

__all__ = ["app", "main"]

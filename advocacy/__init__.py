"""advocacy: verified facts about a human-rights case, turned into the documents advocates send.

The public API (:mod:`advocacy.api`): :func:`load_case` reads and validates a case file,
:func:`render` writes one document of it, :func:`build` a whole campaign. Imported when first
used, so that the command line starts without loading the core.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advocacy.api import Options, Report, build, options, render
    from advocacy.facts.load import LoadedCase, load_case

__all__ = ["LoadedCase", "Options", "Report", "build", "load_case", "options", "render"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from advocacy import api  # on first use: `advocacy --help` must not load the core

        return getattr(api, name)
    raise AttributeError(name)

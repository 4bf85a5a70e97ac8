"""advocacy: verified facts about a human-rights case, turned into the documents advocates send.

The public API: :func:`load_case` reads and validates a case file. Imported lazily, so the command
line starts without loading pydantic.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from advocacy.facts.load import LoadedCase, load_case

__all__ = ["LoadedCase", "load_case"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from advocacy.facts import load as facts

        return getattr(facts, name)
    raise AttributeError(name)

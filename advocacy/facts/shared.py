"""Where the files a case shares with others are: its letterheads and recipient lists.

They live in a folder ``letterheads/`` or ``recipients/`` beside the case file or, for a case
kept in a folder of its own, in the nearest parent folder that has one: ``cases/2026/x.yaml``
finds ``cases/letterheads/``. So a case file works wherever an organisation keeps it.
"""

from __future__ import annotations

from pathlib import Path


def shared_folder(case_path: Path, name: str) -> Path:
    """The folder ``name`` for the case file at ``case_path``: beside it, else in the nearest
    parent folder that holds one; beside it when none does (where messages say to put it)."""
    start = case_path.absolute().parent
    for folder in (start, *start.parents):
        if (folder / name).is_dir():
            return folder / name if folder != start else case_path.parent / name
    return case_path.parent / name

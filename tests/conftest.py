"""Shared fixtures: paths to case files and a way to run the real command line."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from ruamel.yaml import YAML

from advocacy.cli.app import main

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
BUNDLED = ROOT / "facts" / "kz-toregozhina-2025.yaml"
TINY = FIXTURES / "cases" / "tiny.yaml"
BAD = FIXTURES / "bad"

# No deadline on an example: a loaded machine (CI, parallel workers) makes a fast example slow
# now and then, and a test must not fail for that. What an example proves is unchanged.
settings.register_profile("advocacy", deadline=None)
settings.load_profile("advocacy")


@dataclass
class Result:
    """What a run of the command printed and how it exited."""

    code: int
    out: str
    err: str


Runner = Callable[..., Result]


@pytest.fixture
def run(capsys: pytest.CaptureFixture[str]) -> Runner:
    """Run ``advocacy ARGS`` in this process, as a user would from the shell."""

    def invoke(*args: str | Path) -> Result:
        capsys.readouterr()
        try:
            main([str(arg) for arg in args])
            code = 0
        except SystemExit as exit_:
            code = exit_.code if isinstance(exit_.code, int) else 1
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return invoke


def tiny_case(folder: Path, change: Callable[[Any], None]) -> Path:
    """A copy of the tiny case in ``folder``, with its letterheads, after ``change`` edits its data."""
    yaml = YAML()
    data = yaml.load(TINY.read_text())
    change(data)
    (folder / "letterheads").mkdir(parents=True)
    shutil.copy(TINY.parent / "letterheads" / "example-ngo.yaml", folder / "letterheads")
    path = folder / "tiny.yaml"
    with path.open("w", encoding="utf-8") as handle:
        yaml.dump(data, handle)
    return path

"""Shared fixtures: paths to case files, a way to run the real command line, and the bundled
case loaded and rendered once per session (tests only read them)."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings
from ruamel.yaml import YAML

from advocacy.cli.app import main
from advocacy.facts.load import LoadedCase, load_case

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
    """What a run of the command printed and how it exited.

    ``err`` leaves out the warning that the fixtures' letterhead is example data, which every
    command that reads it gives (see test_facts for that warning): a test about something else
    sees only what it is about. ``said`` is stderr whole.
    """

    code: int
    out: str
    said: str

    @property
    def err(self) -> str:
        return "".join(
            line for line in self.said.splitlines(keepends=True) if not _EXAMPLE.search(line)
        )


_EXAMPLE = re.compile(
    r"letterheads/example-[a-z-]+\.yaml: warning: the letterhead '[a-z-]+' is example data"
)


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


@pytest.fixture(scope="session")
def bundled() -> LoadedCase:
    """The bundled case as loaded, once for the session (it is frozen: tests only read it)."""
    return load_case(BUNDLED)


Render = Callable[..., Path]


@pytest.fixture(scope="session")
def bundled_render(tmp_path_factory: pytest.TempPathFactory) -> Render:
    """``render(kind, *options)``: the folder into which ``advocacy render KIND BUNDLED -f pdf
    -f docx *OPTIONS`` wrote, run once per session for each set of arguments. The files are
    shared: read them, never change them."""
    made: dict[tuple[str, ...], Path] = {}

    def render(*args: str) -> Path:
        if args not in made:
            out = tmp_path_factory.mktemp("bundled")
            try:
                main(["render", *args[:1], str(BUNDLED), "-f", "pdf", "-f", "docx",
                      *args[1:], "-o", str(out)])  # fmt: skip
            except SystemExit as done:
                assert done.code in (0, None)
            made[args] = out
        return made[args]

    return render

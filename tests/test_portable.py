"""What lets ``advocacy`` run on Windows as on Linux and macOS: no module of the package needs a
POSIX-only module to import, and the lock that keeps two builds of a case apart is the operating
system's, whichever it is."""

from __future__ import annotations

import ast
import pkgutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

import advocacy
from advocacy.campaign.staging import Staging
from advocacy.errors import RenderError

POSIX_ONLY = (
    "fcntl",
    "pwd",
    "grp",
    "termios",
    "tty",
    "pty",
    "resource",
    "syslog",
    "crypt",
    "spwd",
    "nis",
    "posix",
)
"""Modules Windows lacks. The standard library imports ``posix`` itself on POSIX (behind an
``os.name`` check), so that one is blocked only in the reading of the sources below."""

MODULES = sorted(
    info.name
    for info in pkgutil.walk_packages(advocacy.__path__, "advocacy.")
    if not info.name.endswith(".__main__")  # runs the command line
)


def test_every_module_imports_without_posix_only_modules() -> None:
    blocked = [name for name in POSIX_ONLY if name != "posix"]
    script = textwrap.dedent(
        f"""
        import importlib, sys, warnings
        for name in {blocked!r}:
            sys.modules[name] = None  # an import of it now fails, as on Windows
        # filelock says it falls back to a soft lock here; on Windows it uses LockFileEx.
        warnings.simplefilter("ignore")
        failed = []
        for module in {MODULES!r}:
            try:
                importlib.import_module(module)
            except ImportError as err:
                failed.append(f"{{module}}: {{err}}")
        print("\\n".join(failed))
        """
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == ""
    assert "advocacy.campaign.staging" in MODULES and "advocacy.cli.app" in MODULES


def test_no_module_imports_a_posix_only_module_when_it_is_imported() -> None:
    """Inside a function, behind a platform check, is for the reader to judge; at the top of a
    module it breaks the import on Windows."""
    found = []
    for path in sorted(Path(advocacy.__file__).parent.rglob("*.py")):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                names = [node.module]
            found += [f"{path.name}: {n}" for n in names if n.split(".")[0] in POSIX_ONLY]
    assert found == []


def test_a_second_build_of_a_folder_fails_at_once_until_the_first_is_done(
    tmp_path: Path,
) -> None:
    destination = tmp_path / "case"
    first = Staging(destination)
    try:
        with pytest.raises(RenderError) as raised:
            Staging(destination)
        assert str(raised.value) == (
            f"{destination}: another build is writing there; wait for it to finish"
        )
    finally:
        first.close()
    Staging(destination).close()  # let go of, the lock is anyone's


def test_a_build_in_another_process_is_kept_out_and_let_in_when_it_exits(
    tmp_path: Path,
) -> None:
    destination = tmp_path / "case"
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from advocacy.campaign.staging import Staging;"
            f"staging = Staging(Path({str(destination)!r})); print('held', flush=True);"
            "sys.stdin.read()",
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdin is not None
    try:
        assert holder.stdout.readline() == "held\n"
        with pytest.raises(RenderError, match="another build is writing there"):
            Staging(destination)
    finally:
        holder.kill()  # as kill -9: the lock goes with the process
        holder.wait()
    Staging(destination).close()

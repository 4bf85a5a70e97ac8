"""Time `advocacy validate` on case files far larger than a real one, and with many mistakes.

    .venv/bin/python bench/large_input.py

Issue 15 asks that validation stay linear in the number of mistakes and that a 10 MB file be
accepted or refused within a few seconds. Each file is written into a temporary folder beside a
copy of the tiny fixture's letterhead, validated in a new process, and timed; the output says
how many lines of problems it printed and the exit code. Results go into BENCHMARKS.md; no test
asserts a time.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TINY = ROOT / "tests" / "fixtures" / "cases" / "tiny.yaml"
ADVOCACY = Path(sys.executable).parent / "advocacy"

EVENT = """  - date: 2025-07-{day:02d}
    kind: statement
    text: Event number {n}.
    people: [ana-example]
    {key}: [report]
"""


def events(count: int, misspelt: bool) -> str:
    """The tiny case with ``count`` events, each with `sources` misspelt when ``misspelt``."""
    text = TINY.read_text(encoding="utf-8")
    key = "sorces" if misspelt else "sources"
    block = "".join(EVENT.format(day=n % 28 + 1, n=n, key=key) for n in range(count))
    return text.replace("events:\n", "events:\n" + block, 1)


def comments(megabytes: float) -> str:
    """The tiny case after ``megabytes`` MB of comment lines."""
    line = "# " + "a comment that fills the file " * 3 + "\n"
    return line * int(megabytes * 1024 * 1024 / len(line)) + TINY.read_text(encoding="utf-8")


CASES: list[tuple[str, Callable[[], str]]] = [
    ("1,000 events, one misspelt key each", lambda: events(1_000, True)),
    ("10,000 events, one misspelt key each", lambda: events(10_000, True)),
    ("10,000 events, valid", lambda: events(10_000, False)),
    ("9.9 MB of comments, then the tiny case", lambda: comments(9.9)),
]


def main() -> None:
    print(f"{'file':<42} {'size':>9} {'seconds':>8} {'lines':>6} {'exit':>4}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        shutil.copytree(TINY.parent / "letterheads", folder / "letterheads")
        for label, make in CASES:
            path = folder / "tiny.yaml"
            path.write_text(make(), encoding="utf-8")
            start = time.perf_counter()
            done = subprocess.run(
                [str(ADVOCACY), "validate", str(path)], capture_output=True, text=True
            )
            took = time.perf_counter() - start
            lines = len((done.stdout + done.stderr).splitlines())
            size = f"{path.stat().st_size / 1024 / 1024:.1f} MB"
            print(f"{label:<42} {size:>9} {took:>8.2f} {lines:>6} {done.returncode:>4}")


if __name__ == "__main__":
    main()

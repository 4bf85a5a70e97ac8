"""Time the commands users run, each from a cold process, and print the figures.

    .venv/bin/python bench/render_appeal.py [--runs N]

Prints, for each command, the fastest and the median wall-clock time of N runs. Targets (from
the issues): `advocacy --help` under 0.5 s; `render appeal --format pdf --format docx` at most
1.5 s. Results are recorded in BENCHMARKS.md; no test asserts a time.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "facts" / "kz-toregozhina-2025.yaml"
ADVOCACY = Path(sys.executable).parent / "advocacy"


def timed(command: list[str], runs: int) -> list[float]:
    """Wall-clock seconds of ``runs`` runs of ``command`` (after one warm-up of the disk cache)."""
    subprocess.run(command, check=True, capture_output=True)
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as out:
        commands = {
            "advocacy --help": [str(ADVOCACY), "--help"],
            "advocacy validate CASE": [str(ADVOCACY), "validate", str(CASE)],
            "advocacy render appeal CASE --format pdf": [
                str(ADVOCACY), "render", "appeal", str(CASE), "--format", "pdf", "-o", out,
            ],
            "advocacy render appeal CASE --format docx": [
                str(ADVOCACY), "render", "appeal", str(CASE), "--format", "docx", "-o", out,
            ],
            "advocacy render appeal CASE --format pdf --format docx": [
                str(ADVOCACY), "render", "appeal", str(CASE), "--format", "pdf",
                "--format", "docx", "-o", out,
            ],
            "advocacy render summary CASE (pdf and docx)": [
                str(ADVOCACY), "render", "summary", str(CASE), "-o", out,
            ],
            "advocacy render chronology CASE (pdf and docx)": [
                str(ADVOCACY), "render", "chronology", str(CASE), "-o", out,
            ],
        }  # fmt: skip
        print(f"{'command':<58} {'fastest':>8} {'median':>8}  ({runs} cold runs each)")
        for name, command in commands.items():
            times = timed(command, runs)
            print(f"{name:<58} {min(times):>7.3f}s {statistics.median(times):>7.3f}s")


if __name__ == "__main__":
    main()

"""Time a cold render of the appeal against LibreOffice's cold conversion of the same DOCX.

    .venv/bin/python bench/cold_start.py [--runs N]

A user who turns a Word letter into PDF with LibreOffice (as docassemble and Carbone do) waits
for ``soffice --convert-to pdf``; this prints how long ``advocacy render appeal`` takes beside
it. In one run, N rounds, interleaved so that both meet the same load on a shared machine:

1. ``advocacy render appeal CASE --format pdf --format docx`` in a new process;
2. ``soffice --headless --convert-to pdf`` of the DOCX that render wrote, a new soffice each
   time, with a profile of its own made and warmed once before timing (LibreOffice creates its
   profile on first start, which a user pays once; it is not counted);
3. ``advocacy validate CASE`` in a new process.

Prints the fastest and the median of each and the ratio render/LibreOffice of the medians
(issue 13: at most 0.5). Without soffice it says how to install it and prints the advocacy
figures only. Results are recorded in BENCHMARKS.md; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CASE = ROOT / "facts" / "kz-toregozhina-2025.yaml"
ADVOCACY = Path(sys.executable).parent / "advocacy"
INSTALL = "Debian/Ubuntu: apt-get install libreoffice-writer-nogui"


def seconds(command: list[str]) -> float:
    """Wall-clock seconds of one run of ``command``, which must succeed."""
    start = time.perf_counter()
    done = subprocess.run(command, capture_output=True, check=False)
    elapsed = time.perf_counter() - start
    if done.returncode:
        sys.exit(f"{' '.join(command)} failed:\n{done.stderr.decode(errors='replace')[-2000:]}")
    return elapsed


def load() -> str:
    """The load averages over 1, 5 and 15 minutes, as ``uptime`` prints them."""
    return ", ".join(f"{average:.2f}" for average in os.getloadavg())


def soffice() -> str | None:
    """The LibreOffice command on PATH, if there is one."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def version(command: list[str]) -> str:
    """The first line ``command`` prints, or '?'."""
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    lines = done.stdout.strip().splitlines()
    return lines[0] if lines else "?"


class Converter:
    """LibreOffice turning one DOCX into PDF, each time in a new soffice process."""

    def __init__(self, program: str, docx: Path, folder: Path) -> None:
        self.docx = docx
        self.out = folder / "pdf"
        self.command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--convert-to",
            "pdf",
            "--outdir",
            str(self.out),
            str(docx),
        ]

    def run(self) -> float:
        """Seconds of one conversion; exits if it wrote no PDF (soffice may exit 0 all the
        same)."""
        pdf = self.out / f"{self.docx.stem}.pdf"
        pdf.unlink(missing_ok=True)
        elapsed = seconds(self.command)
        if not pdf.is_file():
            sys.exit(f"{' '.join(self.command)} wrote no PDF")
        return elapsed


def report(name: str, times: list[float]) -> None:
    print(f"{name:<58} {min(times):>7.3f}s {statistics.median(times):>7.3f}s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--runs", type=int, default=5, help="rounds (default: 5)")
    runs = parser.parse_args().runs
    program = soffice()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        out = folder / "render"
        render = [
            str(ADVOCACY), "render", "appeal", str(CASE),
            "--format", "pdf", "--format", "docx", "--out", str(out),
        ]  # fmt: skip
        validate = [str(ADVOCACY), "validate", str(CASE)]
        # Once each before timing: Python's bytecode caches and the disk cache are warm, as
        # they are for a user's second command of the day.
        seconds(render)
        seconds(validate)
        (written,) = out.glob("*.docx")
        converter = None
        if program is not None:
            docx = folder / "libreoffice" / "appeal.docx"
            docx.parent.mkdir()
            shutil.copyfile(written, docx)
            converter = Converter(program, docx, docx.parent)
            converter.run()  # makes the profile: once per user, not counted
            converter.run()  # and warms it
        print(
            f"{os.cpu_count()} cores, Python {platform.python_version()}, "
            + (version([program, "--version"]) if program else "no LibreOffice")
        )
        print(f"load average before: {load()}")
        times: dict[str, list[float]] = {"render": [], "libreoffice": [], "validate": []}
        for _ in range(runs):
            times["render"].append(seconds(render))
            if converter is not None:
                times["libreoffice"].append(converter.run())
            times["validate"].append(seconds(validate))
        print(f"load average after:  {load()}")
    print(f"{'command':<58} {'fastest':>8} {'median':>8}  ({runs} rounds, interleaved)")
    report("advocacy render appeal CASE --format pdf --format docx", times["render"])
    if converter is not None:
        report("soffice --convert-to pdf appeal.docx (profile warm)", times["libreoffice"])
    report("advocacy validate CASE", times["validate"])
    if converter is None:
        print(f"soffice not found: install LibreOffice to compare ({INSTALL})")
        return
    ratio = statistics.median(times["render"]) / statistics.median(times["libreoffice"])
    print("(LibreOffice's profile was made and warmed once before timing; that is not counted)")
    print(f"ratio render/LibreOffice (medians): {ratio:.2f} (issue 13: at most 0.5)")


if __name__ == "__main__":
    main()

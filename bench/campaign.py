"""Time a campaign: the appeal to many recipients, PDF and DOCX each, built two ways.

    .venv/bin/python bench/campaign.py [--recipients 1000] [--memory 100,1000,5000] [--jobs N]
                                       [--start-method spawn|forkserver|fork]

1. ``advocacy build`` (the letter laid out once per salutation, each address composed in, work
   shared between processes), on the bundled case with N synthetic recipients;
2. the obvious implementation: each recipient's letter rendered from scratch by WeasyPrint and
   docxtpl, one after the other, in one process, written the same way.

Each runs in a process of its own, timed from the outside, its peak resident memory read from
the kernel (the largest process of the tree). Both write every letter as PDF/A-3b and DOCX; the
build also writes the unaddressed appeal, the summary and the chronology. Then the build runs
at each count of ``--memory`` to show that memory stays flat as the count grows. The last line
is ``speedup: N.Nx``. With ``--start-method`` the build's workers are started that way (as on
Windows and macOS: ``spawn``) instead of the platform's default. Results are recorded in
BENCHMARKS.md; no test asserts a time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FACTS = ROOT / "facts"
CASE = "kz-toregozhina-2025"
ADVOCACY = Path(sys.executable).parent / "advocacy"
SALUTATIONS = (
    "Dear Sir or Madam,",
    "Dear Minister,",
    "Dear Ambassador,",
    "Dear Special Rapporteur,",
    "Dear Colleague,",
)
MEASURE = (
    "import resource, subprocess, sys, time\n"
    "start = time.perf_counter()\n"
    "done = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
    "seconds = time.perf_counter() - start\n"
    "if done.returncode: sys.exit(done.stderr.decode()[-2000:])\n"
    "print(seconds, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
)
"""Runs a command and prints its wall-clock seconds and the peak RSS (KiB) of its processes."""

BUILD = (
    "import sys\n"
    "from pathlib import Path\n"
    "from advocacy.campaign.build import build\n"
    "case, out, jobs, method = sys.argv[1:]\n"
    "report = build([Path(case)], out=Path(out), jobs=int(jobs), start_method=method)\n"
    "sys.exit(1 if report.failures else 0)\n"
)
"""``advocacy build CASE -o OUT -j JOBS``, its workers started by the method given."""


def campaign(folder: Path, count: int) -> Path:
    """A copy of the bundled facts whose case has ``count`` synthetic recipients."""
    shutil.copytree(FACTS, folder, dirs_exist_ok=True)
    lines = [
        "# Synthetic recipients for the benchmark: every name and address is an example.",
        "id: bench",
        "recipients:",
    ]
    for n in range(count):
        lines += [
            f"  - id: member-{n:05d}",
            f"    name: Example Member {n}",
            f"    title: Member of the example network, branch {n % 37}",
            f"    organisation: Example Organisation {n % 101}",
            f"    address: [Example Street {n}, '{10000 + n} Example City', Country {n % 13}]",
            f"    email: member-{n:05d}@example.org",
            f"    salutation: {SALUTATIONS[n % len(SALUTATIONS)]}",
            "    example: true",
        ]
    (folder / "recipients" / "bench.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    case = folder / f"{CASE}.yaml"
    text = case.read_text(encoding="utf-8")
    text = text[: text.index("\nrecipients:")] + "\nrecipients:\n  - list: bench\n"
    case.write_text(text, encoding="utf-8")
    return case


def measured(command: list[str]) -> tuple[float, float]:
    """Seconds and peak RSS (MB) of ``command``, run in a fresh process tree."""
    done = subprocess.run(
        [sys.executable, "-c", MEASURE, *command], capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"failed: {' '.join(command)}\n{done.stderr}")
    seconds, kib = done.stdout.split()
    return float(seconds), int(kib) / 1024


def naive(case: Path, out: Path) -> None:
    """Every recipient's letter rendered whole, PDF and DOCX, one after the other."""
    from advocacy.documents.document import appeal_document
    from advocacy.documents.templates import template_set
    from advocacy.facts.load import load_case
    from advocacy.files import write_atomic
    from advocacy.formats.archive import embedded_case
    from advocacy.formats.docx import render_docx
    from advocacy.formats.pdf import render_pdf
    from advocacy.views.view import view

    loaded = load_case(case)
    case_view = view(loaded, loaded.case.language, "public")
    templates = template_set()
    kind = templates.kind("appeal")
    case_file = embedded_case(loaded, "public")
    for recipient in loaded.recipients:
        doc = appeal_document(case_view, kind, templates, None, recipient)
        write_atomic(out / f"{doc.stem}.pdf", render_pdf(doc, case_file))
        write_atomic(out / f"{doc.stem}.docx", render_docx(doc))


def harfbuzz() -> str:
    found = subprocess.run(["ldconfig", "-p"], capture_output=True, text=True, check=False)
    return "with" if "libharfbuzz-subset" in found.stdout else "WITHOUT"


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--recipients", type=int, default=1000)
    parser.add_argument("--memory", default="100,1000,5000", help="counts for the memory runs")
    parser.add_argument("--jobs", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--start-method", help="how the build starts its workers")
    parser.add_argument("--naive", nargs=2, metavar=("CASE", "OUT"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.naive:
        naive(Path(args.naive[0]), Path(args.naive[1]))
        return
    started = f"; workers by {args.start_method}" if args.start_method else ""
    print(f"{os.cpu_count()} cores; --jobs {args.jobs}{started}; {harfbuzz()} libharfbuzz-subset")
    counts = sorted({args.recipients, *(int(n) for n in args.memory.split(",") if n)})
    results: dict[int, tuple[float, float]] = {}
    for count in counts:
        with tempfile.TemporaryDirectory() as tmp:
            case = campaign(Path(tmp) / "facts", count)
            out, jobs = f"{tmp}/out", str(args.jobs)
            if args.start_method:
                command = [sys.executable, "-c", BUILD, str(case), out, jobs, args.start_method]
            else:
                command = [str(ADVOCACY), "build", str(case), "-o", out, "-j", jobs]
            results[count] = measured(command)
        seconds, rss = results[count]
        print(
            f"build, {count:>5} recipients: {seconds:7.1f} s, "
            f"{1000 * seconds / count:6.1f} ms a recipient (PDF + DOCX), peak RSS {rss:5.0f} MB"
        )
    count = args.recipients
    with tempfile.TemporaryDirectory() as tmp:
        case = campaign(Path(tmp) / "facts", count)
        slow, rss = measured([sys.executable, __file__, "--naive", str(case), f"{tmp}/out"])
    print(
        f"naive, {count:>5} recipients: {slow:7.1f} s, "
        f"{1000 * slow / count:6.1f} ms a recipient (PDF + DOCX), peak RSS {rss:5.0f} MB"
    )
    print(f"speedup: {slow / results[count][0]:.1f}x")


if __name__ == "__main__":
    main()
